"""Misses found by red-team letters: Word's 6pt paragraph spacing in PDFs, "Question: 1." labels,
not-held and withheld answers read as answered, and unnumbered letters that disclose a table."""
from __future__ import annotations

from pathlib import Path

from conftest import qa, text_doc

from pipeline.extract.qa import document_segments, paragraph_threshold, status_from_text
from pipeline.extract.response import extract
from pipeline.parse import parse_file

# --------------------------------------------------------------------------
# Paragraphs in a PDF set with "6pt after" (20pt between paragraphs, 14pt between lines)
# --------------------------------------------------------------------------

AGENCY_LETTER = [
    ["Dear Requester,"],
    ["Re: Freedom of Information Request - Agency nursing shifts by ward"],
    ["Thank you for your request dated 5th July 2023, in which you asked for the following information:"],
    ["1. For each ward, the number of agency nursing shifts booked in each month from April 2018 to",
     "March 2023."],
    ["2. The total cost of those shifts for each ward and month."],
    ["3. The name of the agency supplying each shift."],
    ["Under section 1(1) of the Freedom of Information Act 2000 a public authority is normally obliged to",
     "confirm whether it holds the information requested and, if so, to communicate it. However, section",
     "12(1) of the Act allows a public authority to refuse a request where it estimates that the cost of",
     "complying would exceed the appropriate limit. For NHS trusts the appropriate limit is £450, which",
     "equates to 18 hours of work at £25 per hour."],
    ["Agency shifts before October 2021 were booked through a legacy rostering system that does not",
     "record the ward against each booking. To answer your request we would need to review",
     "approximately 62,000 booking records by hand. We are therefore refusing your request under",
     "section 12 of the Act."],
    ["Yours sincerely,"],
    ["Freedom of Information Officer"],
]


def word_spaced_pdf(path: Path, paragraphs: list[list[str]], line_step: float = 14, after: float = 6) -> Path:
    """A one-page letter laid out as Word does with "6pt after": lines `line_step` apart inside a
    paragraph, `line_step + after` between paragraphs, no blank lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 11)
    y = A4[1] - 72
    for paragraph in paragraphs:
        for line in paragraph:
            c.drawString(60, y, line)
            y -= line_step
        y -= after
    c.save()
    return path


def test_paragraph_threshold_lies_between_the_line_step_and_words_paragraph_step():
    steps = [14.0] * 12 + [20.0] * 8 + [27.0]
    assert 14 * 1.2 <= paragraph_threshold(steps) < 20  # 20/14 = 1.43 was under the old 1.45 ratio
    assert paragraph_threshold([14.0] * 12 + [28.0] * 4) == 14 * 1.45  # a wide gap: the usual ratio
    assert paragraph_threshold([14.0] * 12 + [15.5] * 6) == 14 * 1.45  # a wobble is no paragraph step


def test_six_point_spacing_after_paragraphs_breaks_paragraphs_but_not_wrapped_lines(tmp_path):
    doc = parse_file(word_spaced_pdf(tmp_path / "letter.pdf", AGENCY_LETTER), "letter.pdf")
    opens = [seg.text for seg in document_segments(doc) if seg.new_paragraph]
    assert "Under section 1(1) of the Freedom of Information Act 2000 a public authority is normally obliged to" in opens
    assert "3. The name of the agency supplying each shift." in opens
    assert not any(text.startswith(("March 2023.", "confirm whether", "12(1) of the Act")) for text in opens)


def test_a_cost_refusal_after_a_list_in_six_point_spacing_refuses_each_question(tmp_path):
    x = extract(parse_file(word_spaced_pdf(tmp_path / "letter.pdf", AGENCY_LETTER), "letter.pdf"))
    assert [(q.number, q.question, q.answer_status) for q in x.qa_pairs][2] == (
        "3", "The name of the agency supplying each shift.", "refused"
    )
    assert {q.answer_status for q in x.qa_pairs} == {"refused"}
    assert [e.provision for e in x.exemptions if e.decision == "refused"]
    assert x.info.outcome == "refused"


def test_the_law_cited_in_the_authoritys_voice_ends_the_last_quoted_question():
    letter = """Dear Requester,
Re: Freedom of Information Request - Agency shifts
Thank you for your request dated 5th July 2023, in which you asked for the following information:
1. The number of agency shifts booked each month.
2. The total cost of those shifts.
3. The name of the agency supplying each shift.
Section 12(1) of the Act allows a public authority to refuse a request where the cost of complying would exceed the appropriate limit. To answer your request we would need to review 62,000 records by hand. We are therefore refusing your request under section 12 of the Act.
Yours sincerely,
FOI Officer"""
    x = extract(text_doc(letter))
    assert [(q.question, q.answer_status) for q in x.qa_pairs] == [
        ("The number of agency shifts booked each month.", "refused"),
        ("The total cost of those shifts.", "refused"),
        ("The name of the agency supplying each shift.", "refused"),
    ]
    assert x.info.outcome == "refused"


# --------------------------------------------------------------------------
# "Question: 1." labels
# --------------------------------------------------------------------------


def test_question_label_with_a_colon_before_the_number():
    letter = """Dear Requester,
FREEDOM OF INFORMATION - ADHD WAITING TIMES
I write in response to your request for information which we received on 18 September 2023.
Question: 1. How many adults are currently on the waiting list for an ADHD assessment?
Answer: As at 30 September 2023 there were 6,412 adults waiting.
Question: 2. What is the longest current wait, in weeks?
Answer: The longest current wait is 187 weeks.
Yours sincerely,
FOI Team"""
    assert qa(letter) == [
        ("1", "How many adults are currently on the waiting list for an ADHD assessment?",
         "As at 30 September 2023 there were 6,412 adults waiting.", "answered"),
        ("2", "What is the longest current wait, in weeks?", "The longest current wait is 187 weeks.", "answered"),
    ]


# --------------------------------------------------------------------------
# Not held, withheld: explanations are not information
# --------------------------------------------------------------------------


def test_not_held_with_an_adverb():
    assert status_from_text("The information you have requested is therefore not held.") == "not_held"
    assert status_from_text("We do not currently hold this information.") == "not_held"
    assert status_from_text("This information is not held centrally; each school keeps its own records.") != "not_held"


def test_an_explanation_beside_not_held_is_not_an_answer():
    assert status_from_text(
        "GMP does not operate any drones fitted with facial recognition technology. "
        "The information you have requested is therefore not held."
    ) == "not_held"
    assert status_from_text(
        "The Department does not hold this information. The outcome of a reconsideration is recorded "
        "against the claim, so we cannot identify which sanctions were overturned."
    ) == "not_held"
    # A figure beside the "not held" still answers part of the question.
    assert status_from_text("We do not hold figures for 2022. In 2021 there were 34 incidents.") == "answered"


WITHHOLDING_LETTER = """Dear Requester,
Thank you for your request received on 1 May 2023. You asked:
1. Please provide the guidance issued to work coaches on low-level sanctions.
2. Please provide a copy of the most recent internal audit report on the programme.
3. Copies of correspondence between the council and residents about the scheme.
4. A copy of the draft modelling report.
Our response:
1. We hold guidance issued to work coaches in February 2023. This information is being withheld under section 35(1)(a) of the Freedom of Information Act. The guidance forms part of an ongoing review of the sanctions regime.
2. We are withholding the audit report under section 31(1)(f) of the Act. The report describes staffing levels, the location of group rooms and the times of patrols.
3. The correspondence consists of emails from private individuals about their own homes. It is the personal data of third parties and is withheld under section 40(2) of the Act.
4. The draft report is withheld under section 22 of the Act. The modelling is being revised following the 2022 traffic counts and the final report will be published in the autumn.
Yours sincerely,
FOI Team"""


def test_saying_what_a_withheld_item_is_does_not_make_it_partly_withheld():
    x = extract(text_doc(WITHHOLDING_LETTER))
    assert [(q.number, q.answer_status) for q in x.qa_pairs] == [
        ("1", "withheld"), ("2", "withheld"), ("3", "withheld"), ("4", "withheld"),
    ]
    assert x.info.outcome == "refused"


def test_a_figure_or_a_pointer_beside_a_withholding_is_still_information():
    assert status_from_text(
        "We hold 3 reports. The names of the authors are withheld under section 40(2)."
    ) == "partly_withheld"
    assert status_from_text(
        "The attached report contains the figures. Staff names are redacted under section 40(2)."
    ) == "partly_withheld"


def test_what_disclosure_would_do_is_reasoning():
    assert status_from_text(
        "GMP can neither confirm nor deny that it holds any information relevant to part (d) of your request.\n"
        "Balance test\n"
        "Confirmation or denial would allow individuals to build a picture of the involvement of the security bodies.\n"
        "This letter is that notice."
    ) == "withheld"


# --------------------------------------------------------------------------
# A letter without numbered questions that gives a table and withholds the rest
# --------------------------------------------------------------------------

TABLE_AND_WITHHOLDING = """Dear Requester,
Thank you for your request received on 22 May 2023 asking for the number of penalty fares issued on each line and the stations with the highest evasion.
I can confirm that we hold the information you require. The number of penalty fares issued on each line in 2022/23 is shown below.
Line | Penalty fares issued
Bakerloo | 3,412
Central | 9,876
District | 6,233
Total | 19,521
However, we are withholding the station-level estimates of fare evasion under section 31(1)(a) of the Freedom of Information Act. This exemption is subject to a public interest test, and we consider the public interest in protecting fare revenue outweighs the public interest in disclosure.
Yours sincerely,
FOI Team"""


def test_an_unnumbered_letter_with_a_table_and_a_withholding_is_partially_successful():
    assert extract(text_doc(TABLE_AND_WITHHOLDING)).info.outcome == "partially_successful"


def test_an_unnumbered_letter_stating_a_figure_and_withholding_the_rest_is_partially_successful():
    letter = """Dear Requester,
Thank you for your request of 3 March 2023 about penalty fares.
Penalty fares on the Underground are £80, reduced to £40 if paid within 21 days.
However, we are withholding the station-level estimates of fare evasion under section 31(1)(a) of the Freedom of Information Act, as disclosure would be likely to prejudice the prevention of crime.
Yours sincerely,
FOI Team"""
    assert extract(text_doc(letter)).info.outcome == "partially_successful"


def test_an_unnumbered_letter_that_only_withholds_stays_refused():
    letter = """Dear Requester,
Thank you for your request of 17 October 2023. You asked for the addresses of buildings with ACM cladding.
We hold this information but it is being withheld under section 38(1)(b) and section 24(1) of the Act. Disclosing the addresses would put 40 buildings at risk.
Both exemptions are qualified and we have concluded that the public interest in maintaining the exemptions outweighs the public interest in disclosure.
Yours sincerely,
FOI Team"""
    assert extract(text_doc(letter)).info.outcome == "refused"


def test_headings_in_capitals_and_part_labels_end_items_and_head_answers_without_blank_lines():
    """pdftohtml and pasted text often carry no blank lines: the headings alone must end the quoted
    request and say which answer follows."""
    letter = ("Dear Mr Smith\nI note you seek access to the following information:\n"
              "(a) the number of live facial recognition deployments carried out in 2023;\n"
              "(b) a copy of the watchlist criteria.\nDECISION\n"
              "The MPS has located information relevant to your request.\nREASON FOR DECISION\n"
              "Part (a)\nIn 2023 the MPS carried out 32 LFR deployments.\n"
              "Part (b)\nThe detailed watchlist criteria are exempt under section 31(1)(a) of the Act.\n"
              "Yours sincerely\nMichael Tan\n")
    assert [(n, q, a, s) for n, q, a, s in qa(letter)] == [
        ("a", "the number of live facial recognition deployments carried out in 2023;",
         "In 2023 the MPS carried out 32 LFR deployments.", "answered"),
        ("b", "a copy of the watchlist criteria.",
         "The detailed watchlist criteria are exempt under section 31(1)(a) of the Act.", "withheld"),
    ]


def test_advice_about_appeals_or_a_wrong_answer_is_not_information_given():
    answer = ("I can confirm we hold this information, but it is being withheld under section 43(2) of the Act, as its "
              "release would be likely to prejudice the commercial interests of TfL. If this is not the information you "
              "are looking for, please feel free to contact me. Please see the attached information sheet for details "
              "of your right to appeal.")
    assert status_from_text(answer) == "withheld"
    assert status_from_text("The internal review found that 12 complaints were upheld in 2023.") == "answered"


def test_the_question_label_opening_an_answer_is_no_figure():
    from pipeline.extract.qa import gives_information

    assert not gives_information("Questions 1 and 2: I can confirm we hold this information, but it is being withheld "
                                 "under section 43(2) of the Act.")
    assert gives_information("Question 3: the minimum standard for route 25 is 1.1 minutes.")


def test_a_whole_reply_saying_not_held_with_reasons_and_advice_gives_each_question_not_held():
    from pipeline.extract import extract

    letter = ("Dear Mr Munro\n\nFreedom of Information (Scotland) Act 2002 - Request for Information\n"
              "Our reference: 101003982245\n\nThank you for your request for information, which we received on "
              "27 November 2023. You asked for:\n\ni. A copy of the maintenance contract for the cameras.\n"
              "ii. The total amount paid under that contract to date.\n\n"
              "Having searched our records, I can confirm that the Council does not hold the information you have "
              "requested. The cameras are maintained under the Council's existing framework agreement and there is no "
              "separate contract for them. No payments have been made specifically for camera maintenance.\n\n"
              "In accordance with our duty under section 15 to provide advice and assistance, the framework agreement "
              "is published on Public Contracts Scotland under reference CEC-00412.\n\nYours sincerely\n")
    x = extract(text_doc(letter))
    assert [(q.number, q.answer_status) for q in x.qa_pairs] == [("i", "not_held"), ("ii", "not_held")]
