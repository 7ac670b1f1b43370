"""FOI response letters unlike the samples: other authorities' layouts, wordings, numbering and headings.

Each fixture is written the way a real council, police force, NHS trust or
government department writes its letters, and the assertions are what a
careful annotator would record for it (see shared/eval/GOLD.md).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.detect import detect_kind
from pipeline.extract import extract, response
from pipeline.extract.letter import find_references, letter_info
from pipeline.extract.qa import status_from_text
from pipeline.parse import parse_file


def letter(tmp_path: Path, text: str, name: str = "letter.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path, name)


def questions(ex) -> list[tuple[str, str]]:
    return [(q.number, q.answer_status) for q in ex.qa_pairs]


def exemptions(ex) -> list[tuple]:
    return [(e.provision, e.qa_number, e.decision, e.public_interest_test) for e in ex.exemptions]


POLICE_NCND = """Freedom of Information Request Reference No: 003214/23

I write in connection with your request for information dated 14th March 2023 which was received by Thames Valley Police on 15/03/2023. I note you seek access to the following information:

1. How many Tasers does the force currently hold?
2. How many times has a Taser been discharged in each of the last three years?
3. Please provide the locations of all covert cameras used by the force.

Response to your Request

Thames Valley Police has now had the opportunity to consider your request and I provide a response for your attention.

1. Thames Valley Police currently hold 412 Taser devices.

2. The number of discharges is as follows: 2020 - 41, 2021 - 37, 2022 - 52.

3. Thames Valley Police can neither confirm nor deny that it holds the information you have requested, by virtue of the following exemptions:

Section 24(2) National Security
Section 31(3) Law Enforcement

Sections 24 and 31 are prejudice based qualified exemptions and there is a requirement to evidence the harm in confirming or denying that the information is held, as well as conducting a public interest test.

Yours sincerely

Joanne Smith
Freedom of Information Decision Maker
"""


def test_police_ncnd_exemptions_listed_under_their_lead_in(tmp_path):
    ex = extract(letter(tmp_path, POLICE_NCND))
    assert (ex.info.authority, ex.info.reference, ex.info.request_date) == ("Thames Valley Police", "003214/23", "2023-03-14")
    assert questions(ex) == [("1", "answered"), ("2", "answered"), ("3", "withheld")]
    # Both provisions take the NCND wording of the sentence that lists them, and the public
    # interest test that names both sections.
    assert exemptions(ex) == [
        ("s.24(2)", "3", "neither_confirm_nor_deny", True),
        ("s.31(3)", "3", "neither_confirm_nor_deny", True),
    ]


def test_a_list_led_in_by_a_negation_is_not_relied_on(tmp_path):
    ex = extract(letter(tmp_path, POLICE_NCND.replace(
        "Thames Valley Police can neither confirm nor deny that it holds the information you have requested, by virtue of the following exemptions:",
        "We have not applied the following exemptions, and the information is given below:").replace(
        "Sections 24 and 31 are prejudice based qualified exemptions and there is a requirement to evidence the harm in confirming or denying that the information is held, as well as conducting a public interest test.",
        "The cameras are on the force website.")))
    assert ex.exemptions == []


SCOTTISH = """The City of Edinburgh Council
Information Rights Team

Our Ref: FOI-22-1234
Date: 12 September 2022

Dear Sir/Madam

Freedom of Information (Scotland) Act 2002 – Request for Information

Thank you for your request for information received on 15 August 2022.

Your request
1. The number of potholes repaired in 2021/22.
2. The names of staff who inspected the roads.

Our response
1. 12,345 potholes were repaired in 2021/22.
2. This information is exempt under section 38(1)(b) of FOISA as it is personal data of third parties, and disclosure would breach the data protection principles. This is an absolute exemption and the public interest test does not apply.

Your right to seek a review
If you are unhappy with this response, you can ask us to review it.
"""


def test_scottish_letter_title_and_review_heading(tmp_path):
    ex = extract(letter(tmp_path, SCOTTISH))
    info = ex.info
    # "Your request" heads a section; the letter's subject is the line naming the Act.
    assert info.title == "Freedom of Information (Scotland) Act 2002 – Request for Information"
    assert (info.reference, info.request_date, info.response_date, info.legislation) == (
        "FOI-22-1234", "2022-08-15", "2022-09-12", "FOISA 2002")
    # "Your right to seek a review" closes the answers: it is not part of answer 2.
    assert "review" not in ex.qa_pairs[1].answer
    assert questions(ex) == [("1", "answered"), ("2", "withheld")]
    assert exemptions(ex) == [("s.38(1)(b)", "2", "withheld", False)]
    assert info.outcome == "partially_successful"


DEPARTMENT = """Department for Education
Sanctuary Buildings
Great Smith Street
London SW1P 3BT

Our ref: 2023-0012345
5 January 2024

Dear Mr Bloggs,

Thank you for your request for information, which we received on 7 December 2023. You requested:

1) The number of schools inspected for RAAC in 2023.
2) Copies of all ministerial submissions on RAAC since 2018.

I have dealt with your request under the Freedom of Information Act 2000 ("the Act").

In answer to question 1, the department surveyed 22,000 schools in 2023. The results are published on GOV.UK.

In answer to question 2, the department holds the information you have requested. However, the information is being withheld as it falls under the exemption in section 35(1)(a) of the Act, which relates to the formulation or development of government policy.

Section 35 is a qualified exemption and we have considered whether the balance of the public interest favours releasing or withholding the information. We recognise there is a public interest in transparency. However, ministers need a safe space to consider policy options. We have therefore concluded that the public interest is in favour of withholding the information.

If you are unhappy with the way your request has been handled, you should make a complaint to the department by writing to me within two calendar months of the date of this letter.

Yours sincerely,

Policy Team
"""


def test_answers_in_prose_naming_their_question(tmp_path):
    doc = letter(tmp_path, DEPARTMENT)
    ex = extract(doc)
    assert (ex.info.reference, ex.info.request_date, ex.info.response_date) == ("2023-0012345", "2023-12-07", "2024-01-05")
    q1, q2 = ex.qa_pairs
    assert "surveyed 22,000 schools in 2023" in q1.answer
    assert doc.text[q1.answer_start : q1.answer_end].startswith("In answer to question 1")
    # Confirming the information is held and weighing the public interest give no information.
    assert questions(ex) == [("1", "answered"), ("2", "withheld")]
    assert exemptions(ex) == [("s.35(1)(a)", "2", "withheld", True)]
    assert ex.info.outcome == "partially_successful"
    assert "make a complaint" not in q2.answer


COUNCIL_EIR = """Leeds City Council
Information Governance Team

Request Reference: EIR-2023-04567
Date of Request: 3 February 2023
Date of Response: 2 March 2023

ENVIRONMENTAL INFORMATION REGULATIONS 2004 REQUEST

Dear Requester,

Your request has been considered under the Environmental Information Regulations 2004.

Q1. How many fly-tipping incidents were reported in 2022?
A1. 4,312 incidents were reported in 2022.

Q2. How much did the council spend clearing fly-tipping in 2022?
A2. The council spent £1.2 million clearing fly-tipping in 2022.

Q3. Please provide the names of the contractors used.
A3. This information is withheld under regulation 12(5)(e) (confidentiality of commercial information). We have considered the public interest and conclude that it favours maintaining the exception.

Kind regards

Information Governance Team
"""


def test_eir_exception_weighed_in_plain_words(tmp_path):
    doc = letter(tmp_path, COUNCIL_EIR)
    assert detect_kind(doc) == "foi_response"
    ex = response.extract(doc)
    assert (ex.info.reference, ex.info.request_date, ex.info.response_date, ex.info.legislation) == (
        "EIR-2023-04567", "2023-02-03", "2023-03-02", "EIR 2004")
    assert questions(ex) == [("1", "answered"), ("2", "answered"), ("3", "withheld")]
    # "We have considered the public interest ... favours maintaining the exception" weighs one.
    assert exemptions(ex) == [("reg.12(5)(e)", "3", "withheld", True)]


NHS_TRUST = """Freedom of Information Office
Sheffield Teaching Hospitals NHS Foundation Trust
Glossop Road
Sheffield S10 2JF

Date: 01.03.2023
Our Ref: FOI/23/0456

Dear Sir/Madam

Re: Freedom of Information Request – Agency Nurse Spend

Further to your request for information received 7th February 2023, please find our response below.

Request 1: What was the Trust's total spend on agency nurses in 2021/22?
Response: £14,234,000.

Request 2: Please list the five agencies with the highest spend.
Response: The Trust considers that this information is commercially sensitive and is therefore exempt under Section 43(2) of the Freedom of Information Act 2000. In applying this exemption we have had to balance the public interest in withholding the information against the public interest in disclosure.

Request 3: How many agency nurses were employed on 31 March 2022?
Response: The Trust does not hold this information.

Request 4: Please provide your policy on agency use.
Response: This is available on our website at https://www.example.nhs.uk/policies and is therefore exempt under Section 21 of the FOIA as it is reasonably accessible by other means.

Please note we have not applied section 40 to any part of this response.

If you are dissatisfied with the handling of your request, you have the right to ask for an internal review.

Yours faithfully

FOI Officer
"""


def test_information_pointed_to_is_an_answer(tmp_path):
    ex = extract(letter(tmp_path, NHS_TRUST))
    assert (ex.info.title, ex.info.reference, ex.info.request_date, ex.info.response_date) == (
        "Freedom of Information Request – Agency Nurse Spend", "FOI/23/0456", "2023-02-07", "2023-03-01")
    assert questions(ex) == [("1", "answered"), ("2", "withheld"), ("3", "not_held"), ("4", "answered")]
    assert [(p, q) for p, q, _, _ in exemptions(ex)] == [("s.43(2)", "2"), ("s.21", "4")]


def test_pointing_to_a_future_publication_is_still_withholding():
    assert status_from_text("This information will be published in the annual report in May and is therefore "
                            "exempt under section 22 of the Act.") == "withheld"
    assert status_from_text("The information you requested is published on our website and is therefore exempt "
                            "under section 21 of the Act.") == "answered"


COST_LIMIT = """Kent County Council
Information Access Team

Our reference: 12345678
Date: 27 June 2023

Dear Ms Jones

Request for information – Home to school transport

Thank you for your email of 30 May 2023 requesting the following information:

a) The number of pupils receiving home to school transport in each year since 2015;
b) The cost of each individual contract;
c) The name of each driver employed by the contractors.

I am writing to inform you that we are refusing your request under section 12 of the Freedom of Information Act 2000 because the cost of complying with it would exceed the appropriate limit of £450. We estimate that it would take in excess of 40 hours to locate and extract the information for parts b) and c), as contract information is held on individual paper files.

You may wish to refine your request by limiting it to part a) only, which we could provide within the limit.

If we were to provide part c) the information would in any case be exempt under section 40(2), as it is personal data.

Yours sincerely

Information Access Officer
"""


def test_whole_request_refused_on_cost(tmp_path):
    doc = letter(tmp_path, COST_LIMIT)
    ex = extract(doc)
    assert (ex.info.title, ex.info.request_date, ex.info.response_date) == (
        "Request for information – Home to school transport", "2023-05-30", "2023-06-27")
    # The refusal answers every question; the hypothetical s.40(2) is not relied on.
    assert questions(ex) == [("a", "refused"), ("b", "refused"), ("c", "refused")]
    assert all("refusing your request under section 12" in q.answer for q in ex.qa_pairs)
    assert doc.text[ex.qa_pairs[0].answer_start : ex.qa_pairs[0].answer_end] == "section 12"
    assert exemptions(ex) == [("s.12", None, "refused", False)]
    assert ex.info.outcome == "refused"


def police_pdf(path: Path) -> Path:
    """A two-page police letter: header fields in a right-hand column, bold question headings, running footer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4

    def footer(n: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(72, 40, "Greater Manchester Police | Information Compliance Unit")
        c.drawRightString(width - 72, 40, f"Page {n} of 2")

    c.setFont("Helvetica-Bold", 14)
    c.drawString(72, height - 72, "Greater Manchester Police")
    c.setFont("Helvetica", 10)
    for n, (label, value) in enumerate([("Our reference:", "FOI/012345/23"), ("Date:", "Wednesday 17 May 2023")]):
        c.drawString(340, height - 100 - 14 * n, label)
        c.drawString(430, height - 100 - 14 * n, value)
    y = height - 170
    for bold, text in [
        (False, "Dear Requester"),
        (True, "FREEDOM OF INFORMATION ACT 2000 - REQUEST FOR INFORMATION"),
        (False, "I write in response to your request for information received on 19/04/2023."),
        (False, ""),
        (True, "Question 1"),
        (True, "How many officers were assaulted on duty in 2022?"),
        (False, "There were 1,204 recorded assaults on officers in 2022."),
        (False, ""),
        (True, "Question 2"),
        (True, "How many of these resulted in a charge?"),
        (False, "Of these, 611 resulted in a charge."),
        (False, ""),
        (True, "Question 3"),
        (True, "Please provide the names of the officers assaulted."),
    ]:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        c.drawString(72, y, text)
        y -= 14
    footer(1)
    c.showPage()
    c.setFont("Helvetica", 10)
    y = height - 72
    for text in [
        "The names of officers are personal data and are exempt from disclosure under section 40(2) of",
        "the Act, by virtue of section 40(3A)(a), as disclosure would breach the first data protection",
        "principle. Section 40(2) is an absolute exemption and no public interest test is required.",
        "",
        "Section 12 of the Act has not been applied to this request.",
        "",
        "Yours sincerely",
    ]:
        c.drawString(72, y, text)
        y -= 14
    footer(2)
    c.showPage()
    c.save()
    return path


def test_police_pdf_with_a_reference_in_a_header_column(tmp_path):
    doc = parse_file(police_pdf(tmp_path / "gmp.pdf"), "gmp.pdf")
    ex = extract(doc)
    info = ex.info
    # The reference value beside its label is not the letter's title.
    assert info.title == "FREEDOM OF INFORMATION ACT 2000 - REQUEST FOR INFORMATION"
    assert (info.reference, info.request_date, info.response_date) == ("FOI/012345/23", "2023-04-19", "2023-05-17")
    assert questions(ex) == [("1", "answered"), ("2", "answered"), ("3", "withheld")]
    assert ex.qa_pairs[2].page == 2
    assert exemptions(ex) == [("s.40(2)", "3", "withheld", False)]


HEALTH_BOARD = """NHS Lothian
Waverleygate
Edinburgh

Our Ref: 23-0456
Date: 4 April 2023

Dear Requester

FREEDOM OF INFORMATION – WAITING TIMES

I refer to your request for information received on 10 March 2023. I am writing to provide a response under the Freedom of Information (Scotland) Act 2002.

Question 1: How many patients were waiting over 52 weeks for orthopaedic surgery on 31 December 2022?
NHS Lothian response: 1,873 patients were waiting over 52 weeks.

Question 2: What is the longest current wait?
NHS Lothian response: The longest wait was 168 weeks.

Question 3: How many consultants resigned in 2022?
NHS Lothian response: Fewer than five consultants resigned. To avoid identifying individuals, the exact number is withheld under section 38(1)(b) of FOISA.

If you are unhappy with our response, you can ask us to carry out an internal review.
"""


def test_answer_label_naming_the_authority(tmp_path):
    ex = extract(letter(tmp_path, HEALTH_BOARD))
    assert [q.question for q in ex.qa_pairs] == [
        "How many patients were waiting over 52 weeks for orthopaedic surgery on 31 December 2022?",
        "What is the longest current wait?",
        "How many consultants resigned in 2022?",
    ]
    assert ex.qa_pairs[1].answer == "The longest wait was 168 weeks."
    assert questions(ex) == [("1", "answered"), ("2", "answered"), ("3", "partly_withheld")]
    assert (ex.info.legislation, ex.info.reference) == ("FOISA 2002", "23-0456")


QUOTED_REQUEST = """Home Office
2 Marsham Street
London SW1P 4DF

FOI Reference: 78901
20 October 2023

Dear Ms Smith,

Thank you for your email of 21 September 2023, in which you ask for the following information:

"(a) The number of asylum claims lodged in 2022;
(b) The number of those claims granted at initial decision;
(c) The number of caseworkers employed on 1 January 2023."

Your request has been handled as a request for information under the Freedom of Information Act 2000.

(a) 74,751 asylum claims were lodged in 2022. This figure is published in the Immigration System Statistics.

(b) The Home Office does not hold this information in the format requested.

(c) 1,280 caseworkers were employed on 1 January 2023.

If you are dissatisfied with this response you may request an independent internal review of our handling of your request by submitting a complaint within two months.

Yours sincerely,

Asylum Policy Team
"""


def test_request_quoted_in_quotation_marks_then_answered_by_letter(tmp_path):
    ex = extract(letter(tmp_path, QUOTED_REQUEST))
    assert [(q.number, q.question) for q in ex.qa_pairs] == [
        ("a", "The number of asylum claims lodged in 2022;"),
        ("b", "The number of those claims granted at initial decision;"),
        ("c", "The number of caseworkers employed on 1 January 2023."),
    ]
    assert ex.qa_pairs[2].answer == "1,280 caseworkers were employed on 1 January 2023."
    assert questions(ex) == [("a", "answered"), ("b", "not_held"), ("c", "answered")]
    # No subject line: "FOI" left of the reference label is not a title.
    assert ex.info.title is None
    assert (ex.info.reference, ex.info.request_date, ex.info.response_date) == ("78901", "2023-09-21", "2023-10-20")


@pytest.mark.parametrize("header, expected", [
    ("Request ID: 101001234567", ["101001234567"]),
    ("FOI Request 23-0567", ["23-0567"]),
    ("Case number: 10234-23", ["10234-23"]),
    ("Request: 1. How many staff", []),
    ("Freedom of Information Request 2023", []),
])
def test_more_reference_labels(tmp_path, header, expected):
    doc = letter(tmp_path, header + "\nDear Sir,\nIn reply to request number 2 of your letter, we hold 40.\n")
    assert find_references(doc) == expected


def test_public_interest_factors_under_headings_and_an_answer_built_on_the_question(tmp_path):
    text = """Ministry of Defence
Main Building
Whitehall
London SW1A 2HB

Ref: FOI2023/09876
Date: 14 November 2023

Dear Mr Patel,

Thank you for your email of 16 October 2023 requesting the following information:

1. The number of Typhoon aircraft available for operations on 1 October 2023.
2. The cost of the Typhoon support contract in 2022/23.

I am treating your correspondence as a request for information under the Freedom of Information Act 2000 (FOIA).

A search for information has now been completed within the Ministry of Defence, and I can confirm that information in scope of your request is held.

1. The information you have requested is being withheld under section 26(1)(b) (Defence) of the FOIA.

Section 26 is a qualified exemption and is subject to public interest testing which means that the information requested can only be withheld if the public interest in doing so outweighs the public interest in disclosure.

Public interest factors in favour of disclosure:
• Disclosure would increase public understanding of the readiness of the armed forces.
• There is a general public interest in transparency of defence spending.

Public interest factors in favour of withholding:
• Releasing availability figures would allow adversaries to assess the capability of the UK's air defences.

On balance, we have concluded that the public interest favours withholding the information.

2. The cost of the Typhoon support contract in 2022/23 was £593 million.

Under section 16 of the FOIA, I would point out that the National Audit Office publishes reports on defence equipment.

Yours sincerely,

Air Command Secretariat
"""
    ex = extract(letter(tmp_path, text))
    assert (ex.info.reference, ex.info.request_date, ex.info.response_date) == ("FOI2023/09876", "2023-10-16", "2023-11-14")
    assert questions(ex) == [("1", "withheld"), ("2", "answered")]
    # The answer reuses the question's words in a sentence of its own: it is not a restated question.
    assert ex.qa_pairs[1].answer == "The cost of the Typhoon support contract in 2022/23 was £593 million."
    (s26,) = ex.exemptions
    assert (s26.provision, s26.qa_number, s26.public_interest_test) == ("s.26(1)(b)", "1", True)
    assert len(s26.factors_for_disclosure) == 2 and len(s26.factors_for_withholding) == 1
    assert ex.info.outcome == "partially_successful"


def test_whole_request_refused_as_vexatious(tmp_path):
    text = """Birmingham City Council
Information Management Team

Our ref: 20231234
Date: 9 August 2023

Dear Mr X,

Freedom of Information Act 2000 – Request for Information

I am writing in response to your request for information dated 12 July 2023, in which you asked:

1. All emails sent by the Chief Executive since 2015 containing the word "budget";
2. All emails received by the Leader since 2015 containing the word "budget".

The Council considers that your request is vexatious and we are therefore refusing it under section 14(1) of the Freedom of Information Act 2000. This is your 47th request on this subject in 12 months.

The Council is not obliged to provide a refusal notice under section 17(6) for any further requests on this subject.

Yours sincerely

Information Management Team
"""
    ex = extract(letter(tmp_path, text))
    assert questions(ex) == [("1", "refused"), ("2", "refused")]
    assert exemptions(ex) == [("s.14(1)", None, "refused", False)]
    assert ex.info.outcome == "refused"


def trust_table_pdf(path: Path, subject: str) -> Path:
    """A trust's letter answering in a ruled No. | Request | Response table (reportlab platypus)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    normal = getSampleStyleSheet()["Normal"]

    def para(text: str) -> Paragraph:
        return Paragraph(text, normal)

    rows = [
        ["No.", "Request", "Response"],
        ["1", para("How much did the Trust spend on interpreting services in 2022/23?"), para("£1,245,000.")],
        ["2", para("Please name the interpreting provider."), para("The Trust uses DA Languages Ltd.")],
        ["3", para("Please provide the hourly rate paid to the provider."),
         para("The hourly rate is commercially sensitive. This information is exempt from disclosure under section "
              "43(2) of the Freedom of Information Act 2000 (commercial interests).")],
        ["4", para("How many interpreting requests were not fulfilled?"), para("This information is not recorded by the Trust.")],
    ]
    table = Table(rows, colWidths=[30, 200, 230])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story = [
        para("<b>Manchester University NHS Foundation Trust</b>"), para("Freedom of Information Office"), Spacer(1, 12),
        para("Reference: FOI/2324/0789"), para("Date: 22nd January 2024"), Spacer(1, 12),
        para("Dear Requester,"), para(f"<b>{subject}</b>"),
        para("Thank you for your request received on 2nd January 2024. Please find our response to each question below."),
        Spacer(1, 12), table, Spacer(1, 12),
        para("If you are dissatisfied with the response you have the right to request an internal review."),
        para("Yours faithfully,"),
    ]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_trust_table_letter_title_is_the_subject_not_the_sending_office(tmp_path):
    doc = parse_file(trust_table_pdf(tmp_path / "mft.pdf", "Freedom of Information Request – Interpreting Services"), "mft.pdf")
    ex = extract(doc)
    assert ex.info.title == "Freedom of Information Request – Interpreting Services"
    assert (ex.info.reference, ex.info.request_date, ex.info.response_date) == ("FOI/2324/0789", "2024-01-02", "2024-01-22")
    # "commercially sensitive" is the reason for withholding, not information given.
    assert questions(ex) == [("1", "answered"), ("2", "answered"), ("3", "withheld"), ("4", "not_held")]
    assert exemptions(ex) == [("s.43(2)", "3", "withheld", False)]


def test_no_subject_line_gives_no_title_rather_than_a_wrapped_table_line(tmp_path):
    doc = parse_file(trust_table_pdf(tmp_path / "mft.pdf", "Dear Requester again,"), "mft.pdf")
    assert extract(doc).info.title is None


def test_answers_opened_by_question_numbers_in_prose_and_a_lone_number(tmp_path):
    text = """Cornwall Council
Information Governance

Reference: EIR 101005432109
Date: 18 April 2023

Dear Requester

Environmental Information Regulations 2004

Thank you for your request received on 21 March 2023. We have considered your request under the Environmental Information Regulations 2004 (EIR).

You asked:

1. Copies of all planning enforcement complaints received since 2010.
2. The number of planning enforcement notices issued in 2022.
3. The address of each property subject to an enforcement notice.

Our response:

Questions 1 and 3 are refused under regulation 12(4)(b) as manifestly unreasonable, because locating and reviewing the files would take over 200 hours. We have considered the public interest test and concluded that the public interest in maintaining the exception outweighs the public interest in disclosure.

2. 87 enforcement notices were issued in 2022.

If you wish to request a review of this decision, please write to the address above.

Yours faithfully

Information Governance Team
"""
    ex = extract(letter(tmp_path, text))
    # "Dear Requester" is the salutation, not the subject.
    assert ex.info.title == "Environmental Information Regulations 2004"
    assert (ex.info.reference, ex.info.legislation) == ("EIR 101005432109", "EIR 2004")
    assert questions(ex) == [("1", "refused"), ("2", "answered"), ("3", "refused")]
    assert ex.qa_pairs[1].answer == "87 enforcement notices were issued in 2022."
    assert "manifestly unreasonable" in ex.qa_pairs[2].answer
    assert exemptions(ex) == [("reg.12(4)(b)", "1", "refused", True), ("reg.12(4)(b)", "3", "refused", True)]
    assert ex.info.outcome == "partially_successful"


def test_police_ncnd_refusal_notice_with_harm_and_balance_headings(tmp_path):
    text = """West Midlands Police
Freedom of Information Unit

Our Reference: 1234A/23
Date: 02/08/2023

Dear Applicant

Your request for information has now been considered. In respect of Section 1(1)(a) of the Freedom of Information Act 2000 (FOIA), West Midlands Police can neither confirm nor deny that it holds the information you requested, as the duty in Section 1(1)(a) does not apply by virtue of the following exemptions:

Section 23(5) Information relating to the Security bodies
Section 24(2) National Security
Section 30(3) Investigations

Section 23 is a class based absolute exemption and there is no requirement to consider the public interest test in this area.

Sections 24 and 30 are qualified exemptions and there is a requirement to articulate the harm and consider the public interest.

Factors favouring confirmation or denial
Confirming or denying would enable the public to see where public funds are being spent.

Factors against confirmation or denial
Confirming or denying would allow criminals to map the use of covert tactics across the force area.

Balance Test
On balance, the public interest favours neither confirming nor denying that information is held.

Yours sincerely

Disclosure Officer
"""
    ex = extract(letter(tmp_path, text))
    assert (ex.info.reference, ex.info.response_date) == ("1234A/23", "2023-08-02")
    # "the duty in Section 1(1)(a) does not apply" negates s.1, not the exemptions listed after it.
    assert exemptions(ex) == [
        ("s.23(5)", None, "neither_confirm_nor_deny", False),
        ("s.24(2)", None, "neither_confirm_nor_deny", True),
        ("s.30(3)", None, "neither_confirm_nor_deny", True),
    ]
    s24 = ex.exemptions[1]
    assert s24.factors_for_disclosure == ["Confirming or denying would enable the public to see where public funds are being spent."]
    assert s24.factors_for_withholding == [
        "Confirming or denying would allow criminals to map the use of covert tactics across the force area."]


@pytest.mark.parametrize("sentence", [
    "On 3 March 2023 you asked for the following information:",
    "We received your request on 3 March 2023.",
    "Thank you for your FOI request dated 3rd March 2023.",
    "Further to your Freedom of Information request of 3 March 2023, I can confirm that we hold it.",
    "Thank you for your information request of 3 March 2023.",
])
def test_request_date_wordings(tmp_path, sentence):
    info = letter_info(letter(tmp_path, f"Council\n14 April 2023\nDear Sir,\n{sentence}\n"), "foi_response")
    assert (info.request_date, info.response_date) == ("2023-03-03", "2023-04-14")


def test_request_received_label_in_the_header(tmp_path):
    info = letter_info(letter(tmp_path, "Request received: 3 March 2023\nDate: 14 April 2023\nDear Sir,\n"), "foi_response")
    assert (info.request_date, info.response_date) == ("2023-03-03", "2023-04-14")


def test_information_pointed_to_under_reg_6_is_not_a_refusal_of_the_request(tmp_path):
    text = COST_LIMIT.replace(
        "I am writing to inform you that we are refusing your request under section 12 of the Freedom of Information Act 2000 because the cost of complying with it would exceed the appropriate limit of £450.",
        "The information is already publicly available on our website, so we rely on regulation 6(1)(b) of the Environmental Information Regulations 2004.")
    ex = response.extract(letter(tmp_path, text))
    assert [e.provision for e in ex.exemptions] == ["reg.6(1)(b)"]
    assert all(q.answer_status != "refused" for q in ex.qa_pairs)


def test_provisions_considered_but_not_applied_are_traps(tmp_path):
    text = """Bristol City Council
Our ref: CRM 12345678
Date: 5 May 2023

Dear Mr Brown

Freedom of Information Request – Parking Income

Thank you for your request received on 6 April 2023. You asked:

1. The total parking income for 2022/23. I am not asking for any personal data covered by section 40.
2. The income from each car park.

Response

1. Total parking income for 2022/23 was £12.4 million.

2. Income by car park is attached as a spreadsheet. We considered whether section 43 of the Act applied to this information but concluded that it did not, and it is released in full.

Section 12 of the Act allows us to refuse requests that exceed the cost limit, but it has not been necessary to rely on it here.

Yours sincerely

Freedom of Information Team
"""
    ex = extract(letter(tmp_path, text))
    assert ex.info.reference == "CRM 12345678"
    assert ex.exemptions == []
    assert questions(ex) == [("1", "answered"), ("2", "answered")]
    assert ex.info.outcome == "successful"
