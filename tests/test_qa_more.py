"""Question/answer pairing and outcomes, second pass: lists written inside paragraphs, where the
last answer ends, lists inside answers, letters without numbered questions, and further layouts.

Letters are built here as the text a parser hands over, or as Word documents where paragraphs
matter; every wording is the kind a council, trust or department writes.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from pipeline.extract.qa import answer_questions, extract_qa, status_from_text
from pipeline.extract.response import extract as extract_response
from pipeline.parse import parse_file

from conftest import text_doc, qa






def response(tmp_path: Path, text: str, name: str = "letter.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract_response(parse_file(path, path.name))


def word_response(tmp_path: Path, paragraphs: list[str]):
    document = Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    path = tmp_path / "letter.docx"
    document.save(path)
    return extract_response(parse_file(path, path.name))


BRIDGES = [
    ("1", "How many bridges does the council maintain?", "The council maintains 96 bridges.", "answered"),
    ("2", "How many are weight restricted?", "We do not hold this information.", "not_held"),
]


# --------------------------------------------------------------------------
# Lists written inside a paragraph
# --------------------------------------------------------------------------


def test_you_asked_and_our_response_each_one_paragraph():
    assert qa(
        "Dear Mr Smith\nThank you for your request for information.\n"
        "You asked: 1. How many bridges does the council maintain? 2. How many are weight restricted?\n"
        "Our response: 1. The council maintains 96 bridges. 2. We do not hold this information.\n"
        "Yours sincerely"
    ) == BRIDGES


def test_numbered_items_inside_paragraphs_wrapped_anywhere():
    assert qa(
        "Dear Mr Smith\nYou asked: 1. How many bridges does the council\nmaintain? 2. How many are weight "
        "restricted? 3. What was\nspent on repairs in 2022?\nOur response: 1. The council maintains 96 bridges. "
        "2. We do not\nhold this information. 3. £1.2 million was spent.\nYours sincerely"
    ) == BRIDGES + [("3", "What was spent on repairs in 2022?", "£1.2 million was spent.", "answered")]


def test_a_figure_ending_a_sentence_in_prose_is_no_list():
    assert qa(
        "Dear Mr Smith\nThe council maintains bridges in 2 districts. 1. This is background. We hold no list.\n"
        "Yours sincerely"
    ) == []


# --------------------------------------------------------------------------
# Where the last answer ends
# --------------------------------------------------------------------------

TWO_ANSWERS = (
    "Dear Ms Brown\nThank you for your request. You asked:\n1. How many bridges does the council maintain?\n"
    "2. How many are weight restricted?\n\nOur response\n1. The council maintains 96 bridges.\n"
    "2. 14 bridges are weight restricted.\n\n{}\n\nYours sincerely\nHighways Team"
)


@pytest.mark.parametrize(
    "general",
    [
        "Although section 12 is not engaged, we searched the records of the highways department and the archive.",
        "We have not applied section 12 to this request, although finding the records took some time.",
        "Please note that the figures are correct as at 1 May 2023 and may change.",
        "For your information, the council publishes bridge inspection reports on its website.",
        "In responding to your request we consulted the highways and structures teams.",
        "Should you be dissatisfied with the way we handled your request you can ask for a review.",
        "If you disagree with our decision you may ask for an internal review within 40 working days.",
        "You can ask us to review our response by writing to foi@council.gov.uk.",
        "Right to review\nYou can write to us within 40 working days.",
        "We hope this answers your questions.",
        "All information in this response is provided under the Open Government Licence.",
    ],
)
def test_a_general_paragraph_after_the_last_answer_is_not_part_of_it(general):
    pairs = qa(TWO_ANSWERS.format(general))
    assert pairs[-1] == ("2", "How many are weight restricted?", "14 bridges are weight restricted.", "answered")


def test_a_general_note_after_the_last_answer_of_a_thread_reply_is_not_part_of_it():
    request = extract_qa(text_doc(
        "Dear Council\n1. How many bridges does the council maintain?\n2. How many are weight restricted?\nYours faithfully"
    ))
    reply = text_doc(
        "Dear Mr Evans\n1. The council maintains 96 bridges.\n2. 14 bridges are weight restricted.\n\n"
        "Please note that the figures are correct as at 1 May 2023.\n\nYours sincerely"
    )
    assert [q.answer for q in answer_questions(request, reply)] == [
        "The council maintains 96 bridges.", "14 bridges are weight restricted.",
    ]


def test_a_note_stays_in_the_last_answer_when_answers_run_over_paragraphs():
    pairs = qa(
        "Dear Ms Brown\nYou asked:\n1. How many bridges does the council maintain?\n"
        "2. How many are weight restricted?\n\nOur response\n1. The council maintains 96 bridges.\n\n"
        "These include 12 footbridges.\n2. 14 bridges are weight restricted.\n\n"
        "Please note that the restrictions on two of them are temporary.\n\nYours sincerely"
    )
    assert pairs[-1][2] == "14 bridges are weight restricted.\nPlease note that the restrictions on two of them are temporary."


def test_a_last_answer_over_several_paragraphs_is_kept_whole():
    pairs = qa(
        "Dear Ms Brown\nYou asked:\n1. How many bridges does the council maintain?\n"
        "2. Which bridges are weight restricted?\n\nOur response\n1. The council maintains 96 bridges.\n"
        "2. 14 bridges are weight restricted.\n\nThe restricted bridges are:\n\nMill Lane bridge, Church Street bridge\n\n"
        "These are inspected every year.\n\nYours sincerely"
    )
    assert pairs[-1][2] == (
        "14 bridges are weight restricted.\nThe restricted bridges are:\nMill Lane bridge, Church Street bridge\n"
        "These are inspected every year."
    )


def test_a_provision_said_not_to_apply_after_the_last_answer_leaves_its_status(tmp_path):
    x = word_response(tmp_path, [
        "Dear Mr Jones", "You asked:", "1. How many pothole claims were received in 2022?",
        "2. How much was paid in compensation?", "Our response",
        "1. We received 340 claims.", "2. We paid £45,000 in compensation.",
        "Although section 12 is not engaged, locating the claims meant searching the insurance and highways "
        "records, and some older claims are withheld from our register under section 40(2).",
        "Yours sincerely",
    ])
    assert [(q.answer, q.answer_status) for q in x.qa_pairs] == [
        ("We received 340 claims.", "answered"), ("We paid £45,000 in compensation.", "answered"),
    ]


# --------------------------------------------------------------------------
# A numbered list inside an answer, numbered like the questions
# --------------------------------------------------------------------------

BOROUGH_QUESTIONS = (
    "Dear Mr Patel\nYou asked:\n1. Which boroughs does the service cover?\n2. How many staff does it employ?\n"
    "3. What is its annual budget?\n\nOur response\n"
)


def test_a_list_inside_an_answer_of_the_answer_list():
    pairs = qa(
        BOROUGH_QUESTIONS + "1. The service covers the following boroughs:\n1. Brent\n2. Harrow\n3. Barnet\n"
        "2. The service employs 42 staff.\n3. The annual budget is £2.1 million.\n\nYours sincerely"
    )
    assert [(n, a) for n, _, a, _ in pairs] == [
        ("1", "The service covers the following boroughs:\n1. Brent\n2. Harrow\n3. Barnet"),
        ("2", "The service employs 42 staff."),
        ("3", "The annual budget is £2.1 million."),
    ]


def test_a_list_inside_answers_given_under_each_question():
    pairs = qa(
        "Dear Mr Patel\n1. Which boroughs does the service cover?\nThe service covers the following boroughs:\n"
        "1. Brent\n2. Harrow\n2. How many staff does it employ?\nThe service employs 42 staff.\n"
        "3. What is the budget?\nThe budget is split as follows:\n1. Staff £1m\n2. Premises £0.5m\n\nYours sincerely"
    )
    assert [(n, q, a) for n, q, a, _ in pairs] == [
        ("1", "Which boroughs does the service cover?", "The service covers the following boroughs: 1. Brent 2. Harrow"),
        ("2", "How many staff does it employ?", "The service employs 42 staff."),
        ("3", "What is the budget?", "The budget is split as follows: 1. Staff £1m 2. Premises £0.5m"),
    ]


def test_a_question_ending_with_a_colon_is_still_answered_under_its_own_number():
    assert qa(
        "Dear Mr Patel\n1. Please provide the following:\n1. We hold the list, attached.\n"
        "2. Please give the number of staff:\n2. The service employs 42 staff.\nYours sincerely"
    ) == [
        ("1", "Please provide the following:", "We hold the list, attached.", "answered"),
        ("2", "Please give the number of staff:", "The service employs 42 staff.", "answered"),
    ]


def test_a_line_introducing_the_answer_list_does_not_swallow_it():
    assert qa(
        "Dear Mr Patel\nYou asked:\n1. How many bridges does the council maintain?\n2. How many are weight restricted?\n"
        "Please find our responses below:\n1. The council maintains 96 bridges.\n2. We do not hold this information.\n"
        "Yours sincerely"
    ) == BRIDGES


# --------------------------------------------------------------------------
# A table inside an answer keeps its rows
# --------------------------------------------------------------------------


def test_a_table_flattened_one_value_per_line_keeps_its_line_breaks():
    pairs = qa(
        "Dear Ms Ahmed\nYou asked:\n1. How many HII completions were there each year?\n2. How many cases are open?\n\n"
        "Our response\n1. The completions were:\nYear completed\nCount of Completions\n2019 – 20\n17\n2020 – 21\n22\n"
        "Grand Total\n39\nA number of individuals are in the process of completing.\n2. 22 cases are open.\n\nYours sincerely"
    )
    assert pairs[0][2] == (
        "The completions were:\nYear completed\nCount of Completions\n2019 – 20\n17\n2020 – 21\n22\nGrand Total\n39\n"
        "A number of individuals are in the process of completing."
    )


def test_a_word_table_inside_an_answer_keeps_a_row_per_line(tmp_path):
    document = Document()
    for text in ["Dear Ms Brown", "You asked:", "1. How many claims were received each year?", "2. How much was paid?",
                 "Our response", "1. The claims received were:"]:
        document.add_paragraph(text)
    table = document.add_table(rows=3, cols=2)
    for r, row in enumerate([("Year", "Claims"), ("2021", "340"), ("2022", "355")]):
        table.cell(r, 0).text, table.cell(r, 1).text = row
    for text in ["2. We paid £45,000.", "Yours sincerely"]:
        document.add_paragraph(text)
    path = tmp_path / "letter.docx"
    document.save(path)
    pairs = extract_response(parse_file(path, path.name)).qa_pairs
    assert [q.answer for q in pairs] == ["The claims received were:\nYear | Claims\n2021 | 340\n2022 | 355", "We paid £45,000."]


def test_short_lines_of_prose_are_still_joined():
    pairs = qa(
        "Dear Ms Ahmed\n1. How many staff are employed?\nThe council employs\nTwelve officers in\nThe North District\n"
        "and four elsewhere.\n2. What is the budget?\nThe budget is £2m.\nYours sincerely"
    )
    assert pairs[0][2] == "The council employs Twelve officers in The North District and four elsewhere."


# --------------------------------------------------------------------------
# Outcome of a letter without numbered questions
# --------------------------------------------------------------------------


def unnumbered(body: str, subject: str = "Freedom of Information Request: Taxi spending 2021") -> str:
    return (f"Our ref: FOI 7788\n12 May 2022\nDear Mr Jones\n{subject}\n"
            f"Thank you for your request received on 20 April 2022.\n{body}\nYours sincerely\nInformation Team\n")


@pytest.mark.parametrize(
    "body, outcome",
    [
        ("The Council does not hold the information you requested.", "not_held"),
        ("Your request has been considered under the Freedom of Information Act 2000. "
         "The Council does not hold any records of taxi journeys.", "not_held"),
        ("Before we can respond, we need you to clarify which departments you mean, as the Council has twelve.",
         "clarification"),
        ("Please could you clarify which period your request covers? Once we receive your clarification we will "
         "process your request.", "clarification"),
        ("The Council spent £12,400 on taxis in 2021.", None),
        ("We will respond to your request by 19 May 2022.", None),
        ("We do not hold figures for 2020, but in 2021 the Council spent £12,400 on taxis.", None),
    ],
)
def test_outcome_of_a_letter_without_numbered_questions_read_sentence_by_sentence(tmp_path, body, outcome):
    assert response(tmp_path, unnumbered(body)).info.outcome == outcome


# --------------------------------------------------------------------------
# Information otherwise accessible, in Scotland (FOISA s.25)
# --------------------------------------------------------------------------

SCOTTISH_LETTER = """Our ref: FOI/23/0456
Dear Ms Campbell
Thank you for your request under the Freedom of Information (Scotland) Act 2002 (FOISA). You asked:
1. How many potholes were repaired in 2022?
2. Please provide the road maintenance plan.

Our response
1. We repaired 4,312 potholes in 2022.
2. The road maintenance plan is available on our website at www.council.gov.uk/roads. Under section 25(1)
of FOISA we do not have to give you information which is already reasonably accessible to you.

Yours sincerely
Roads Team
"""


def test_foisa_section_25_points_to_the_information(tmp_path):
    x = response(tmp_path, SCOTTISH_LETTER)
    assert [(e.legislation, e.provision, e.qa_number) for e in x.exemptions] == [("FOISA 2002", "s.25(1)", "2")]
    assert [q.answer_status for q in x.qa_pairs] == ["answered", "answered"]
    assert x.info.outcome == "successful"


def test_foisa_section_25_alone_does_not_make_a_letter_refused(tmp_path):
    x = response(tmp_path, (
        "Our ref: FOI/23/0457\nDear Ms Campbell\nThank you for your request under the Freedom of Information "
        "(Scotland) Act 2002 (FOISA) for the road maintenance plan.\nThe plan is available on our website at "
        "www.council.gov.uk/roads. Under section 25(1) of FOISA we do not have to give you information which is "
        "otherwise accessible.\nYours sincerely\nRoads Team\n"
    ))
    assert x.info.outcome != "refused"


# --------------------------------------------------------------------------
# Hours of work as a cost refusal
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, status",
    [
        ("The resurfacing works would take more than 40 hours to finish.", "answered"),
        ("Each inspection will take more than 3 hours.", "answered"),
        ("Locating and extracting the information would take more than 18 hours.", "refused"),
        ("We estimate that complying with your request would take more than 18 hours.", "refused"),
        ("To answer this part would take over 18 hours, which exceeds the limit.", "refused"),
    ],
)
def test_hours_of_work_refuse_only_when_they_are_about_complying(answer, status):
    assert status_from_text(answer) == status


# --------------------------------------------------------------------------
# Further layouts
# --------------------------------------------------------------------------

BRIDGE_REQUEST = (
    "Dear Mr Evans\nThank you for your request. You asked:\n1. How many bridges does the council maintain?\n"
    "2. How many are weight restricted?\n\n"
)


def test_answers_labelled_response_under_each_question_restated_without_its_number():
    assert qa(
        BRIDGE_REQUEST + "How many bridges does the council maintain?\nResponse: The council maintains 96 bridges.\n\n"
        "How many are weight restricted?\nResponse: We do not hold this information.\n\nYours sincerely"
    ) == BRIDGES


def test_answers_under_question_headings_lose_their_response_label():
    assert qa(
        BRIDGE_REQUEST + "Question 1\nResponse: The council maintains 96 bridges.\n\n"
        "Question 2\nResponse: We do not hold this information.\n\nYours sincerely"
    ) == BRIDGES


def test_answers_restated_in_bold_in_a_word_letter(tmp_path):
    document = Document()
    for text in ["Dear Mr Evans", "You asked:", "1. How many bridges does the council maintain?",
                 "2. How many are weight restricted?"]:
        document.add_paragraph(text)
    for question, answer in [("How many bridges does the council maintain?", "The council maintains 96 bridges."),
                             ("How many are weight restricted?", "We do not hold this information.")]:
        document.add_paragraph().add_run(question).bold = True
        document.add_paragraph(f"Response: {answer}")
    document.add_paragraph("Yours sincerely")
    path = tmp_path / "letter.docx"
    document.save(path)
    pairs = extract_response(parse_file(path, path.name)).qa_pairs
    assert [(q.number, q.question, q.answer, q.answer_status) for q in pairs] == BRIDGES


FOUR_QUESTIONS = (
    "Dear Mr Evans\nThank you for your request. You asked:\n1. How many bridges does the council maintain?\n"
    "2. How many are weight restricted?\n3. How many were inspected in 2022?\n"
    "4. What was spent on bridge repairs in 2022?\n\n"
)
GROUPED = ("The council maintains 96 bridges, of which 14 are weight restricted. All 96 were inspected in 2022.",
           "We spent £1.2 million on bridge repairs in 2022.")


@pytest.mark.parametrize(
    "answers",
    [
        f"Question 1 (your points 1-3)\n{GROUPED[0]}\n\nQuestion 2 (your point 4)\n{GROUPED[1]}\n",
        f"Our response\n1. Points 1 to 3: {GROUPED[0]}\n2. Point 4: {GROUPED[1]}\n",
    ],
)
def test_answers_numbered_by_the_authority_name_the_request_points_they_answer(answers):
    pairs = qa(FOUR_QUESTIONS + answers + "\nYours sincerely")
    assert [(n, a) for n, _, a, _ in pairs] == [("1", GROUPED[0]), ("2", GROUPED[0]), ("3", GROUPED[0]), ("4", GROUPED[1])]


def test_an_answer_referring_to_another_keeps_its_text_and_takes_its_status(tmp_path):
    x = response(tmp_path, (
        "Dear Mr Evans\nYou asked:\n1. How many bridges does the council maintain?\n"
        "2. Please provide the names of the bridge inspectors.\n3. Who inspected the Mill Lane bridge?\n\n"
        "Our response\n1. The council maintains 96 bridges.\n2. The names of the inspectors are withheld under "
        "section 40(2) of the FOIA as they are personal data.\n3. See answer to question 2.\n\nYours sincerely\n"
    ))
    assert [(q.answer, q.answer_status) for q in x.qa_pairs][2] == ("See answer to question 2.", "withheld")


def test_an_answer_referring_back_to_an_answered_question_is_answered(tmp_path):
    x = response(tmp_path, (
        "Dear Mr Evans\n1. How many bridges does the council maintain?\nThe council maintains 96 bridges.\n"
        "2. How many of those are in the north district?\nThis has been answered in point 1 above.\nYours sincerely\n"
    ))
    assert [(q.answer, q.answer_status) for q in x.qa_pairs] == [
        ("The council maintains 96 bridges.", "answered"), ("This has been answered in point 1 above.", "answered"),
    ]


@pytest.mark.parametrize(
    "original, review",
    [
        ("Our original response", "Review findings"),
        ("The original response told you:", "Having reviewed your request, I have revised the response as follows:"),
    ],
)
def test_an_internal_review_pairs_the_questions_with_the_review_answers(original, review):
    pairs = qa(
        "Dear Mr Evans\nInternal review: FOI 2023/456\nYou asked us to review our response to your request, in which "
        "you asked:\n1. How many bridges does the council maintain?\n2. Please provide the names of the bridge inspectors.\n\n"
        f"{original}\n1. We do not hold this information.\n2. The names were withheld under section 40(2).\n\n"
        f"{review}\n1. I have found that this information is held. The council maintains 96 bridges.\n"
        "2. I uphold the decision to withhold the names under section 40(2), as they are personal data.\n\n"
        "If you are not satisfied with this review you may apply to the Information Commissioner.\nYours sincerely"
    )
    assert [(n, a, s) for n, _, a, s in pairs] == [
        ("1", "I have found that this information is held. The council maintains 96 bridges.", "answered"),
        ("2", "I uphold the decision to withhold the names under section 40(2), as they are personal data.", "withheld"),
    ]
