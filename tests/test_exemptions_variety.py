"""Exemptions in the variety of real responses: written forms, traps, public interest headings, neither
confirm nor deny, the Scottish EIRs, and the question each provision applies to.

Letters are built here, in the shapes authorities use, and run through the same API as
tests/test_exemptions.py (`extract_exemptions` on a parsed document, or the whole `extract`).
"""
from __future__ import annotations

import pytest

from pipeline.extract import extract
from pipeline.extract.exemptions import extract_exemptions, lookup
from pipeline.parse import parse_file

from conftest import make_text_pdf
from test_exemptions import relied, text_doc


def rows(letter: str) -> list[tuple]:
    """(provision, question, decision) of each exemption of a whole letter."""
    return [(e.provision, e.qa_number, e.decision) for e in extract(text_doc(letter)).exemptions]


# --------------------------------------------------------------------------
# Written forms
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The names are withheld under sections 40(2) and 40(3A)(a) of the FOIA.", [("FOIA 2000", "s.40(2)")]),
        (
            "The information is exempt under section 31(1)(a) and (b) of the FOIA.",
            [("FOIA 2000", "s.31(1)(a)"), ("FOIA 2000", "s.31(1)(b)")],
        ),
        (
            "We are relying on sections 21, 22 and 40 to withhold this information.",
            [("FOIA 2000", "s.21"), ("FOIA 2000", "s.22"), ("FOIA 2000", "s.40")],
        ),
        ("The prices are withheld under s.43(2).", [("FOIA 2000", "s.43(2)")]),
        ("The information is exempt under Section 40 (2).", [("FOIA 2000", "s.40(2)")]),
        ("The grid references are withheld under section 38(1)(a)&(b).", [("FOIA 2000", "s.38(1)(a)"), ("FOIA 2000", "s.38(1)(b)")]),
        ("The assessment is exempt by virtue of section 24(1).", [("FOIA 2000", "s.24(1)")]),
        ("Disclosure of the minutes engages the exemption at section 36(2)(b)(ii).", [("FOIA 2000", "s.36(2)(b)(ii)")]),
        (
            "We are refusing your request under s.12(1) as the cost of compliance would exceed the appropriate limit (£600/£450).",
            [("FOIA 2000", "s.12(1)")],
        ),
        ("Your request is refused under section 14(1) vexatious.", [("FOIA 2000", "s.14(1)")]),
        (
            "The information is exempt under section 38(1)(b) of the Freedom of Information (Scotland) Act 2002.",
            [("FOISA 2002", "s.38(1)(b)")],
        ),
        ("The draft paper is withheld under section 30(b)(i) FOISA.", [("FOISA 2002", "s.30(b)(i)")]),
        ("We are refusing the request under regulation 12(4)(b) as it is manifestly unreasonable.", [("EIR 2004", "reg.12(4)(b)")]),
        ("The residents' names have been withheld under reg 13.", [("EIR 2004", "reg.13")]),
        # reg.12(3) only points to reg.13: cited together they are one exception.
        ("The names are withheld under regulations 12(3) and 13.", [("EIR 2004", "reg.13")]),
        ("The names are withheld under regulation 12(3) of the EIR.", [("EIR 2004", "reg.12(3)")]),
        ("The names are exempt under section 40(2) and (3)(a)(i) of the Act.", [("FOIA 2000", "s.40(2)")]),
        (
            "The interview notes are withheld under Schedule 2, Part 1, paragraph 2 of the Data Protection Act 2018.",
            [("DPA 2018", "sch.2 para.2")],
        ),
        ("The references are withheld under DPA 2018 Sch. 2 para. 24.", [("DPA 2018", "sch.2 para.24")]),
        # "in future tenders" is what the prejudice is to, not a supposed case.
        ("Section 43(2) applies, as release of the rates would harm the agency in future tenders.", [("FOIA 2000", "s.43(2)")]),
        ("The information is exempt under section 43(2) of the FOIA and regulation 12(5)(e) of the EIR.",
         [("FOIA 2000", "s.43(2)"), ("EIR 2004", "reg.12(5)(e)")]),
    ],
)
def test_written_forms(sentence, expected):
    assert relied(sentence) == expected


def test_a_negated_view_of_the_public_interest_does_not_negate_the_exemption():
    letter = "We do not consider that disclosure would serve the public interest, and section 43(2) applies to the prices."
    assert relied(letter) == [("FOIA 2000", "s.43(2)")]


def test_section_17_5_notice_is_not_an_exemption_but_the_section_14_it_gives_is():
    letter = (
        "This letter is a notice under section 17(5) of the Act. We consider your request to be vexatious "
        "and we are refusing it under section 14(1) of the FOIA."
    )
    assert relied(letter) == [("FOIA 2000", "s.14(1)")]


# --------------------------------------------------------------------------
# Traps: mentioned, not relied on
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We are not relying on section 43 for any part of this response.",
        "Section 21 does not apply, as the information is not reasonably accessible to you.",
        "We have considered whether section 36 applies and concluded it does not.",
        "We do not consider that section 43(2) is engaged by the tender scores.",
        "Section 22 cannot apply because there is no settled intention to publish.",
        "Section 31 is not considered to apply to the statistics.",
        "Section 1(1) of the Act entitles you to be told whether we hold the information.",
        "Under section 16 (advice and assistance) we suggest that you narrow your request to one year.",
        "You may complain to the Information Commissioner under section 50 of the Freedom of Information Act 2000.",
        "If you remain dissatisfied you may apply to the Scottish Information Commissioner under section 47(1) of FOISA.",
        "You suggested that section 43 might be applied to the prices, but we have released them in full.",
    ],
)
def test_traps(sentence):
    assert relied(sentence) == []


def test_list_of_provisions_in_an_annex_is_not_reliance():
    letter = """Dear Mr Brown
The names of the officers are exempt under section 40(2) of the FOIA.
The remaining information is attached.
Yours sincerely
Information Governance Team

Annex A - Exemptions
Section 21 - Information accessible by other means
Section 22 - Information intended for future publication
Section 40 - Personal information
Section 43 - Commercial interests
"""
    assert relied(letter) == [("FOIA 2000", "s.40(2)")]


def test_annex_explaining_each_exemption_is_not_reliance():
    letter = """Dear Ms Patel
The contract prices are withheld under section 43(2) of the FOIA.
Yours sincerely
FOI Officer
Appendix: the exemptions explained
Section 22 - Information intended for future publication
Section 22 provides an exemption for information which is held with a view to its future publication.
Section 43 - Commercial interests
Section 43(2) provides that information is exempt if its disclosure would prejudice the commercial interests of any person.
"""
    assert relied(letter) == [("FOIA 2000", "s.43(2)")]


def test_annex_without_a_sign_off_is_not_reliance():
    letter = """The tender scores are withheld under section 43(2) of the FOIA.
Annex B: the exemptions explained
Section 41 - Information provided in confidence
Section 41 provides an absolute exemption for information obtained from another person in confidence.
"""
    assert relied(letter) == [("FOIA 2000", "s.43(2)")]


def test_request_quoted_with_its_own_sign_off_leaves_the_reply_its_body():
    letter = """Your request of 2 May 2023:
Dear Sir, I would like the rates paid to the agency.
Yours faithfully
J. Smith

Our response
Section 43(2) - Commercial interests
The rates would prejudice the agency's position in future tenders and are not provided.
Yours sincerely
Information Governance"""
    assert relied(letter) == [("FOIA 2000", "s.43(2)")]


def test_footer_list_of_every_exemption_is_not_reliance():
    letter = (
        "The total spend in 2022 was £45,000.\n"
        "FOI exemptions: section 21 information accessible by other means; section 22 information intended for "
        "future publication; section 40 personal information; section 43 commercial interests.\n"
    )
    assert relied(letter) == []


def test_relying_lead_in_above_a_list_keeps_the_list():
    letter = """We have withheld some of the information.
Exemptions applied
Section 40(2) - Personal information
Section 43(2) - Commercial interests
"""
    assert relied(letter) == [("FOIA 2000", "s.40(2)"), ("FOIA 2000", "s.43(2)")]


def test_requesters_quoted_text_in_a_letter_without_numbered_questions():
    letter = """Dear Ms Jones
Your request was:
"I would like copies of all reports about the depot. I do not believe section 43 can be used to withhold them as the contract ended in 2019."
The reports are attached, with the names of junior staff redacted under section 40(2) of the FOIA.
Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.40(2)")]


def test_requesters_list_of_sections_is_not_reliance():
    letter = """Your request:
Please tell me whether you relied on the following sections:
Section 21
Section 43
Our response: the council did not withhold any information in 2022."""
    assert relied(letter) == []


def test_named_heading_over_its_explanation_is_reliance():
    letter = """2. The contract rates.
Section 43(2) Commercial interests
The rates would prejudice the supplier's position in future tenders if released."""
    assert relied(letter) == [("FOIA 2000", "s.43(2)")]


@pytest.mark.parametrize(
    "letter",
    [
        # A provision starting a line inside a sentence is no heading: the sentence decides.
        "The names of the officers who attended are personal data and are withheld\nsection 40(2) of the FOIA applies.",
        "We have decided that the names of the officers are exempt from disclosure.\nSection 40(2) of the Freedom of "
        "Information\nAct 2000 applies to them.",
    ],
)
def test_provision_wrapped_to_the_start_of_a_line_is_read_in_its_sentence(letter):
    assert relied(letter) == [("FOIA 2000", "s.40(2)")]


# --------------------------------------------------------------------------
# Neither confirm nor deny
# --------------------------------------------------------------------------

POLICE_LETTER = """Freedom of Information Request Reference No: 001234/23
I write in connection with your request for information received on 1 March 2023. You asked:
1. How many covert surveillance operations were authorised in 2022?
2. How many officers are trained in covert surveillance?
3. Which companies supply surveillance equipment to the force?
Response
1. The force can neither confirm nor deny that it holds the information you requested, as the duty in section 1(1)(a) of the Act does not apply by virtue of the following exemptions:
Section 23(5) Information supplied by, or concerning, certain Security Bodies
Section 24(2) National Security
Section 31(3) Law Enforcement
Section 23 is an absolute class-based exemption and there is no requirement to consider the public interest. Sections 24 and 31 are prejudice based qualified exemptions and there is a requirement to evidence harm and to consider the public interest test.
Public Interest Test
Factors favouring confirmation or denial for Section 24
Confirming or denying would show the public how money is spent on national security.
Factors against confirmation or denial for Section 24
Confirming or denying would allow those intent on terrorism to map police capability.
Factors favouring confirmation or denial for Section 31
Public awareness of policing methods.
Factors against confirmation or denial for Section 31
Confirming or denying would undermine current and future operations.
Balance test
The balance lies in favour of neither confirming nor denying that the information is held.
2. 45 officers are trained.
3. In respect of question 3, the names of the suppliers are exempt under section 43(2) of the Act, as disclosure would prejudice their commercial interests.
If you are dissatisfied you may complain to the Information Commissioner under section 50 of the Act.
Yours sincerely
"""


def test_police_ncnd_list_under_a_lead_in_that_negates_section_1():
    x = extract(text_doc(POLICE_LETTER))
    got = {(e.provision, e.qa_number, e.decision, e.kind) for e in x.exemptions}
    assert got == {
        ("s.23(5)", "1", "neither_confirm_nor_deny", "absolute"),
        ("s.24(2)", "1", "neither_confirm_nor_deny", "qualified"),
        ("s.31(3)", "1", "neither_confirm_nor_deny", "qualified"),
        ("s.43(2)", "3", "withheld", "qualified"),
    }


def test_police_public_interest_considerations_go_to_the_provision_their_heading_names():
    by_provision = {e.provision: e for e in extract(text_doc(POLICE_LETTER)).exemptions}
    s23, s24, s31 = by_provision["s.23(5)"], by_provision["s.24(2)"], by_provision["s.31(3)"]
    assert not s23.public_interest_test
    assert s24.public_interest_test and s31.public_interest_test
    assert s24.factors_for_disclosure == ["Confirming or denying would show the public how money is spent on national security."]
    assert s24.factors_for_withholding == ["Confirming or denying would allow those intent on terrorism to map police capability."]
    assert s31.factors_for_disclosure == ["Public awareness of policing methods."]
    assert s31.factors_for_withholding == ["Confirming or denying would undermine current and future operations."]


@pytest.mark.parametrize(
    "sentence, provision",
    [
        ("We are relying on section 31(3) of the FOIA to decline to say whether any such information is held.", "s.31(3)"),
        ("Section 23(5) of the FOIA applies to your request.", "s.23(5)"),
        ("The Trust is relying on section 40(5B)(a)(i) in respect of the named consultant.", "s.40(5B)(a)(i)"),
        ("In accordance with regulation 12(6) of the EIR we are relying on the exception at regulation 12(5)(a).", "reg.12(6)"),
    ],
)
def test_ncnd_subsections_decide_neither_confirm_nor_deny_without_the_words(sentence, provision):
    decisions = {e.provision: e.decision for e in extract_exemptions(text_doc(sentence), [])}
    assert decisions[provision] == "neither_confirm_nor_deny"


@pytest.mark.parametrize(
    "sentence",
    [
        "By virtue of section 24 of the FOIA the force declines to confirm or deny whether it holds the information.",
        "We are not obliged to confirm or deny whether we hold the information, by virtue of section 24 of the FOIA.",
        "The duty to confirm or deny does not arise, by virtue of section 24 of the FOIA.",
        "The duty to confirm or deny does not apply by virtue of section 24 of the FOIA.",
        "The duty in section 1(1)(a) of the Act does not apply by virtue of section 24 of the FOIA.",
    ],
)
def test_ncnd_wordings_decide_neither_confirm_nor_deny(sentence):
    [exemption] = extract_exemptions(text_doc(sentence), [])
    assert (exemption.provision, exemption.decision) == ("s.24", "neither_confirm_nor_deny")


def test_ncnd_subsection_and_withholding_subsection_stay_two_rows():
    letter = (
        "The training manual is exempt under section 24(1) of the FOIA. In respect of the deployment of officers, "
        "we neither confirm nor deny whether information is held, by virtue of section 24(2)."
    )
    got = [(e.provision, e.decision) for e in extract_exemptions(text_doc(letter), [])]
    assert got == [("s.24(1)", "withheld"), ("s.24(2)", "neither_confirm_nor_deny")]


# --------------------------------------------------------------------------
# The public interest test
# --------------------------------------------------------------------------

TWO_EXEMPTIONS_LETTER = """Dear Mr Brown
You asked:
1. Please provide all correspondence with Acme Ltd about the waste contract.
2. Please provide the names of the staff who evaluated the tenders.
3. Please provide the legal advice on the contract extension.
Response
1. The correspondence is attached, with the pricing information redacted under section 43(2).
2. The names are exempt under section 40(2) of the FOIA. This is an absolute exemption and we are not required to consider the public interest.
3. The legal advice is withheld under section 42(1) of the FOIA.

Section 43(2) - commercial interests
Public interest considerations favouring disclosure
- There is a public interest in transparency about the use of public funds.
Public interest considerations favouring withholding
- Disclosure would prejudice Acme Ltd's position in future tenders.
Balance of the public interest
We have concluded that the public interest in maintaining the exemption outweighs the public interest in disclosure.

Section 42 - legal professional privilege
Factors in favour of disclosure
- Openness about how the council takes decisions.
Factors in favour of withholding
- The council must be able to seek frank legal advice.
- Legal professional privilege carries strong inherent weight.
Balance of the public interest
The balance favours maintaining the exemption.

Yours sincerely
"""


def test_headed_public_interest_sections_go_to_their_own_exemption_and_question():
    exemptions = extract(text_doc(TWO_EXEMPTIONS_LETTER)).exemptions
    got = [(e.provision, e.qa_number, e.public_interest_test) for e in exemptions]
    assert got == [("s.43(2)", "1", True), ("s.40(2)", "2", False), ("s.42(1)", "3", True)]
    s43, s42 = exemptions[0], exemptions[2]
    assert s43.factors_for_disclosure == ["There is a public interest in transparency about the use of public funds."]
    assert s43.factors_for_withholding == ["Disclosure would prejudice Acme Ltd's position in future tenders."]
    assert s42.factors_for_disclosure == ["Openness about how the council takes decisions."]
    assert s42.factors_for_withholding == [
        "The council must be able to seek frank legal advice.",
        "Legal professional privilege carries strong inherent weight.",
    ]


def test_heading_in_one_answer_is_that_answers_reliance_though_another_answer_cites_it_too():
    letter = """Freedom of Information request FOI/2023/0789
Dear Mr Shah
Thank you for your request under the Freedom of Information Act 2000, which asked:
1. How many complaints about the housing team were received in 2022?
2. Please provide the names of the staff who handled them.
3. How many complaints were upheld?
4. Please provide the names of the complainants.

Our response
1. We received 52 complaints.
2. Section 40(2) - Personal information
The names of junior staff are personal data and disclosure would breach the data protection principles.
3. 17 complaints were upheld.
4. The names of the complainants are exempt under section 40(2) of the FOIA.
Yours sincerely
Information Governance Team"""
    assert rows(letter) == [("s.40(2)", "2", "withheld"), ("s.40(2)", "4", "withheld")]


def test_public_interest_prose_paragraphs_under_headings():
    letter = """The draft strategy is withheld under section 35(1)(a) of the FOIA.
Public interest test
Arguments in favour of disclosure
There is a public interest in understanding how the strategy was developed.
Arguments against disclosure
Ministers and officials need space to develop policy away from public scrutiny.
Conclusion
We have concluded that the public interest favours withholding the draft."""
    [exemption] = extract_exemptions(text_doc(letter), [])
    assert exemption.public_interest_test
    assert exemption.factors_for_disclosure == ["There is a public interest in understanding how the strategy was developed."]
    assert exemption.factors_for_withholding == [
        "Ministers and officials need space to develop policy away from public scrutiny."
    ]


def test_absolute_exemption_before_a_public_interest_section_does_not_take_it():
    letter = """The prices are withheld under section 43(2) of the FOIA.
The witness statements are withheld under section 41 of the FOIA, which is an absolute exemption.
Public interest considerations favouring disclosure
- Accountability for public spending.
Public interest considerations favouring withholding
- Protecting the supplier's negotiating position.
On balance the public interest favours withholding the prices."""
    s43, s41 = extract_exemptions(text_doc(letter), [])
    assert (s43.provision, s43.public_interest_test, s43.factors_for_disclosure) == (
        "s.43(2)", True, ["Accountability for public spending."]
    )
    assert (s41.provision, s41.kind, s41.public_interest_test) == ("s.41", "absolute", False)


# --------------------------------------------------------------------------
# The Scottish EIRs
# --------------------------------------------------------------------------


def test_eisr_rows_are_in_the_reference_table_in_scottish_numbering_only():
    scottish = "SSI 2004/520"
    assert lookup("EIR 2004", "reg.10(4)(a)", scottish).decision == "not_held"
    assert lookup("EIR 2004", "reg.10(5)(e)", scottish).name == "Confidentiality of commercial or industrial information"
    assert lookup("EIR 2004", "reg.11(2)", scottish).kind == "absolute"
    assert lookup("EIR 2004", "reg.10(4)(a)") is None  # England's reg.10 is the transfer of a request
    assert lookup("EIR 2004", "reg.13", scottish) is None  # Scotland's reg.13 is the refusal notice
    assert lookup("EIR 2004", "reg.6(1)(b)", scottish).decision == "refused"


SCOTTISH_EIR_LETTER = """Environmental Information (Scotland) Regulations 2004 - request 23-0456
Dear Mr Campbell
Thank you for your request of 3 April 2023. You asked:
1. Copies of the flood risk assessments for the Riverside development.
2. The names of the residents who objected to the scheme.
3. The consultant's fee for the assessments.
Response
As the information you requested is environmental information, we are applying the exemption in section 39(2) of FOISA and have dealt with your request under the EIRs.
1. We do not hold any flood risk assessments for the development, so we are applying the exception in regulation 10(4)(a) of the EIRs.
2. The names are personal data of third parties and are withheld under regulation 11(2) of the EIRs.
3. The fee is excepted from disclosure under regulation 10(5)(e) of the EIRs, as it is commercially confidential.
This letter is a refusal notice under regulation 13 of the EIRs.
If you are dissatisfied you may ask for a review under regulation 16, and then apply to the Scottish Information Commissioner under regulation 17.
Yours sincerely"""


def test_scottish_eir_letter_end_to_end():
    x = extract(text_doc(SCOTTISH_EIR_LETTER))
    got = [(e.legislation, e.provision, e.qa_number, e.decision) for e in x.exemptions]
    assert got == [
        ("FOISA 2002", "s.39(2)", None, "withheld"),
        ("EIR 2004", "reg.10(4)(a)", "1", "not_held"),
        ("EIR 2004", "reg.11(2)", "2", "withheld"),
        ("EIR 2004", "reg.10(5)(e)", "3", "withheld"),
    ]
    assert [e.name for e in x.exemptions][1:] == [
        "Information not held", "Personal data of third parties", "Confidentiality of commercial or industrial information"
    ]


def test_english_letter_never_reads_regulations_in_scottish_numbering():
    letter = (
        "The names of the complainants are withheld under regulation 13 of the EIR. If you are dissatisfied, "
        "under regulation 11 you may ask us to reconsider, and the request is not transferred under regulation 10."
    )
    assert relied(letter) == [("EIR 2004", "reg.13")]


# --------------------------------------------------------------------------
# The question each exemption applies to
# --------------------------------------------------------------------------


def test_lettered_parts_named_in_the_sentence():
    letter = """Dear Ms Green
Your request asked for:
(a) the total budget for 2022/23;
(b) the names of contractors;
(c) the contract values for each contractor.
Our response
(a) The total budget was £1.2m.
We are withholding the information requested in parts (b) and (c) of your request under section 43(2) of the FOIA, because disclosure would prejudice the commercial interests of the contractors.
Yours sincerely
"""
    assert rows(letter) == [("s.43(2)", "b", "withheld"), ("s.43(2)", "c", "withheld")]


def test_range_of_questions_named_in_the_sentence():
    letter = """Our reference: FOI 2023-311
Dear Mr Jones
You asked:
1. How many staff were disciplined in 2022?
2. What were the reasons?
3. What were the job titles of those staff?
4. How many were dismissed?

The answer to question 1 is 11.
We are withholding the answers to questions 2 to 4 under section 40(2) of the FOIA, as the numbers are small enough to identify individuals.
Yours sincerely"""
    assert rows(letter) == [("s.40(2)", "2", "withheld"), ("s.40(2)", "3", "withheld"), ("s.40(2)", "4", "withheld")]


def test_ordinal_question_named_in_the_sentence():
    letter = """Our reference: FOI 2023-312
Dear Mr Jones
You asked:
1. How many complaints were made about the depot in 2022?
2. Please provide the names of the complainants.

The answer to question 1 is 14.
The names asked for in your second question are exempt under section 40(2) of the FOIA.
Yours sincerely"""
    assert rows(letter) == [("s.40(2)", "2", "withheld")]


def test_pdf_letter_end_to_end_keeps_question_page_and_public_interest(tmp_path):
    path = make_text_pdf(
        tmp_path / "response.pdf",
        [
            "Freedom of Information Act 2000 - our reference FOI 5521\n"
            "Dear Mr Hill\n"
            "You asked:\n"
            "1. What was the council's spend on agency staff in 2022?\n"
            "2. Please provide the contract with the agency, including its rates.\n"
            "Our response\n"
            "1. The council spent £2,345,000 on agency staff in 2022.\n"
            "2. The contract is attached. The rates are exempt under section 43(2) of the FOIA.",
            "Section 43(2) - commercial interests\n"
            "Public interest considerations favouring disclosure\n"
            "- Openness about the use of public money.\n"
            "Public interest considerations favouring withholding\n"
            "- Harm to the agency's position in future tenders.\n"
            "Balance of the public interest\n"
            "The public interest favours withholding the rates.\n"
            "Section 21 does not apply to any part of your request.\n"
            "Yours sincerely",
        ],
    )
    x = extract(parse_file(path, path.name))
    [exemption] = x.exemptions
    assert (exemption.provision, exemption.qa_number, exemption.page, exemption.public_interest_test) == ("s.43(2)", "2", 1, True)
    assert exemption.factors_for_disclosure == ["Openness about the use of public money."]
    assert exemption.factors_for_withholding == ["Harm to the agency's position in future tenders."]


def test_part_of_a_schedule_is_not_a_part_of_the_request():
    letter = """Freedom of Information Act 2000 - our reference FOI 2023-77
Dear Ms Kaur
You asked:
1. How many officers were investigated for misconduct in 2022?
2. Please provide the notes of the investigation meetings.

The answer to question 1 is 4.
The notes of the meetings are exempt under section 40(2) of the FOIA, and the personal data in them under Schedule 2, Part 1, paragraph 2 of the Data Protection Act 2018.
Yours sincerely"""
    got = [(e.provision, e.qa_number) for e in extract(text_doc(letter)).exemptions]
    assert ("sch.2 para.2", "1") not in got and ("s.40(2)", "1") not in got
    assert ("sch.2 para.2", None) in got
