"""Question/answer pairing and answer statuses on the many ways real FOI responses are written.

Each letter is built here as the text a parser hands over (or as a Word/HTML
document where the layout is a table); the statuses come from the answers' own
wording, including the negations that must not flip them.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.qa import extract_qa, status_from_text
from pipeline.extract.response import extract as extract_response
from pipeline.model import ParsedDocument, TableGrid
from pipeline.parse import parse_file
from pipeline.parse.lines import TextBuilder

from conftest import text_doc, qa






def response(tmp_path: Path, text: str):
    path = tmp_path / "letter.txt"
    path.write_text(text, encoding="utf-8")
    return extract_response(parse_file(path, path.name))


# --------------------------------------------------------------------------
# How questions are numbered and labelled
# --------------------------------------------------------------------------

BRIDGES = [
    ("1", "How many bridges does the council maintain?", "The council maintains 96 bridges.", "answered"),
    ("2", "How many are weight restricted?", "We do not hold this information.", "not_held"),
]


@pytest.mark.parametrize(
    "first, second",
    [("Q.1", "Q.2"), ("Point 1:", "Point 2:"), ("Part 1 -", "Part 2 -"), ("Item 1.", "Item 2."), ("Question No. 1", "Question No. 2")],
)
def test_question_labels_in_other_words(first, second):
    assert qa(
        f"{first} How many bridges does the council maintain?\nThe council maintains 96 bridges.\n"
        f"{second} How many are weight restricted?\nWe do not hold this information.\n"
    ) == BRIDGES


def test_answer_labelled_response_to_q_n():
    assert qa(
        "Q1. How many bridges does the council maintain?\nResponse to Q1: The council maintains 96 bridges.\n"
        "Q2. How many are weight restricted?\nResponse to Q2: We do not hold this information.\n"
    ) == BRIDGES


def test_first_sub_item_on_the_line_of_its_number():
    assert qa(
        "Dear Sir\nYou asked:\n1. (a) How many wardens are employed?\n(b) How many vehicles do they use?\n"
        "2. What is the budget?\n\nResponse\n1. (a) 12 wardens are employed.\n(b) They use 4 vehicles.\n"
        "2. The budget is £500,000.\nYours faithfully"
    ) == [
        ("1a", "How many wardens are employed?", "12 wardens are employed.", "answered"),
        ("1b", "How many vehicles do they use?", "They use 4 vehicles.", "answered"),
        ("2", "What is the budget?", "The budget is £500,000.", "answered"),
    ]


def test_sub_item_answers_running_on_one_line():
    assert qa(
        "1. For each year:\ni. how many claims were received?\nii. how many were paid?\n"
        "2. What was the total paid?\n\nResponse\n1. i. 340 claims were received. ii. 120 were paid.\n"
        "2. £1.2m was paid in total.\n"
    ) == [
        ("1i", "how many claims were received?", "340 claims were received.", "answered"),
        ("1ii", "how many were paid?", "120 were paid.", "answered"),
        ("2", "What was the total paid?", "£1.2m was paid in total.", "answered"),
    ]


def test_answer_to_a_question_that_named_its_parts_inline():
    """The request wrote '(a) ...; (b) ...' inside item 1; the response answers (a) and (b) on their own lines."""
    assert qa(
        "1. Please provide (a) the number of officers; (b) the number of vacancies.\n2. What is the budget?\n\n"
        "Response\n1.\n(a) 350 officers.\n(b) 12 vacancies.\n2. £3m.\n"
    ) == [
        ("1", "Please provide (a) the number of officers; (b) the number of vacancies.",
         "(a) 350 officers. (b) 12 vacancies.", "answered"),
        ("2", "What is the budget?", "£3m.", "answered"),
    ]


# --------------------------------------------------------------------------
# Where a question ends and its answer starts
# --------------------------------------------------------------------------


def test_answer_on_the_questions_own_line():
    assert qa(
        "1. Please tell me:\na) How many wardens are employed? 12 wardens are employed.\n"
        "b) How many vehicles do they use? They use 4 vehicles.\n2. What is the budget? The budget is £500,000.\n"
    ) == [
        ("1a", "How many wardens are employed?", "12 wardens are employed.", "answered"),
        ("1b", "How many vehicles do they use?", "They use 4 vehicles.", "answered"),
        ("2", "What is the budget?", "The budget is £500,000.", "answered"),
    ]


def test_requesters_instructions_after_the_question_mark_stay_in_the_question():
    pairs = qa(
        "Thank you for your request, which reads:\n1. How many staff are there? Broken down by grade.\n"
        "2. How many are part time? Please give figures for 2021 and 2022.\n\nWe will respond within 20 working days.\n"
    )
    assert [(n, q, a) for n, q, a, _ in pairs] == [
        ("1", "How many staff are there? Broken down by grade.", None),
        ("2", "How many are part time? Please give figures for 2021 and 2022.", None),
    ]


def test_answer_starting_in_the_authoritys_voice_without_a_blank_line():
    assert qa(
        "1. Copies of the gritting route maps.\nWe do not hold maps of the routes.\n"
        "2. The number of gritters owned by the council.\nThe Council owns 23 gritters.\n"
    ) == [
        ("1", "Copies of the gritting route maps.", "We do not hold maps of the routes.", "not_held"),
        ("2", "The number of gritters owned by the council.", "The Council owns 23 gritters.", "answered"),
    ]


def test_request_quoted_in_an_acknowledgement_ends_at_its_closing_quote():
    pairs = qa(
        "Dear Mr Jones\nThank you for your email of 3 May, in which you asked:\n"
        "\"1. How many foster carers are registered?\n2. How many left in 2022?\"\n"
        "Your request is being handled under the Freedom of Information Act 2000. We will respond by 1 June.\n"
        "Yours sincerely"
    )
    assert pairs == [
        ("1", "How many foster carers are registered?", None, "unanswered"),
        ("2", "How many left in 2022?", None, "unanswered"),
    ]


def test_questions_restated_in_quotes_lose_the_quote_marks():
    assert qa(
        "You asked for the following information:\n1. “How many fixed penalty notices were issued for littering?”\n"
        "2. “How many of these were paid?”\n\nResponse\n1. “How many fixed penalty notices were issued for littering?”\n"
        "1,204 notices were issued.\n2. “How many of these were paid?”\n987 were paid.\n"
    ) == [
        ("1", "How many fixed penalty notices were issued for littering?", "1,204 notices were issued.", "answered"),
        ("2", "How many of these were paid?", "987 were paid.", "answered"),
    ]


def test_a_sentence_broken_by_a_page_break_is_one_paragraph():
    pairs = qa(
        "1. How many gritting routes are there?\nThere are 14 gritting routes. The routes are reviewed each summer and\n"
        "\f\npublished on the council website.\n2. How much salt is stockpiled?\n12,000 tonnes.\n"
    )
    assert pairs[0][2] == ("There are 14 gritting routes. The routes are reviewed each summer and "
                           "published on the council website.")


def test_internal_review_restating_the_original_questions():
    assert qa(
        "Dear Mr Grey\nInternal review of FOI 2023/118\nYour original request asked:\n"
        "1. How many speed cameras are in the county?\n2. How much revenue did they raise?\n"
        "You asked for an internal review of our response to question 2.\n\n"
        "1. How many speed cameras are in the county?\nThere are 64 speed cameras.\n"
        "2. How much revenue did they raise?\nFixed penalty revenue goes to HM Treasury, so the council does not hold "
        "this information. I uphold the original response.\nYours sincerely"
    ) == [
        ("1", "How many speed cameras are in the county?", "There are 64 speed cameras.", "answered"),
        ("2", "How much revenue did they raise?", "Fixed penalty revenue goes to HM Treasury, so the council does not "
         "hold this information. I uphold the original response.", "not_held"),
    ]


@pytest.mark.parametrize(
    "first, second, answer_list",
    [("Q1.", "Q2.", "1. Brent\n2. Harrow"), ("1.", "2.", "a) Brent\nb) Harrow")],
    ids=["numbers inside Q-labelled items", "letters inside numbered items"],
)
def test_a_list_inside_an_answer_is_not_sub_questions(first, second, answer_list):
    assert qa(
        f"{first} Which wards have housing officers?\nThe following wards have housing officers:\n{answer_list}\n"
        f"{second} How many officers are there?\nThere are 12 officers.\n"
    ) == [
        ("1", "Which wards have housing officers?", "The following wards have housing officers: "
         + answer_list.replace("\n", " "), "answered"),
        ("2", "How many officers are there?", "There are 12 officers.", "answered"),
    ]


def test_sub_questions_after_a_lead_in_paragraph_stay_questions():
    assert [(n, q) for n, q, _, _ in qa(
        "You asked:\n1. Please provide the following.\n\nFor each of the last three years:\n\n"
        "(a) the number of incidents;\n(b) the number of prosecutions.\n2. The cost of clearance.\n\n"
        "We will respond within 20 working days.\n"
    )] == [("1a", "the number of incidents;"), ("1b", "the number of prosecutions."), ("2", "The cost of clearance.")]


# --------------------------------------------------------------------------
# Questions and answers in a table
# --------------------------------------------------------------------------


def word_table(tmp_path: Path, rows: list[list[str]]) -> ParsedDocument:
    import docx

    document = docx.Document()
    document.add_paragraph("Dear Ms Patel")
    document.add_paragraph("Our response to each part of your request is set out below.")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    document.add_paragraph("Yours sincerely")
    path = tmp_path / "response.docx"
    document.save(str(path))
    return parse_file(path, path.name)


NURSES = [
    ["How many nurses does the Trust employ?", "The Trust employs 412 nurses."],
    ["How many of them are agency staff?", "We do not hold this information."],
]


@pytest.mark.parametrize(
    "rows",
    [
        [["", "Question", "Response"]] + [[str(n), q, a] for n, (q, a) in enumerate(NURSES, 1)],
        [["Question number", "Question", "Answer"]] + [[str(n), q, a] for n, (q, a) in enumerate(NURSES, 1)],
        [[f"Q{n}", q, a] for n, (q, a) in enumerate(NURSES, 1)],
        [[f"{n}. {q}", a] for n, (q, a) in enumerate(NURSES, 1)],
    ],
    ids=["unheaded number column", "question number column", "no header row", "numbered question cells, no header"],
)
def test_word_table_of_questions_and_answers(tmp_path, rows):
    doc = word_table(tmp_path, rows)
    pairs = extract_qa(doc)
    assert [(q.number, q.question, q.answer, q.answer_status) for q in pairs] == [
        ("1", NURSES[0][0], NURSES[0][1], "answered"),
        ("2", NURSES[1][0], NURSES[1][1], "not_held"),
    ]
    for q in pairs:  # the offsets point at the cells' text in the document
        assert doc.text[q.question_start : q.question_end] == q.question
        assert doc.text[q.answer_start : q.answer_end] == q.answer


def test_numbered_data_table_is_not_questions_and_answers(tmp_path):
    doc = word_table(tmp_path, [["1. Staff costs", "£45,000"], ["2. Premises costs", "£12,000"], ["3. Other", "£3,000"]])
    assert all(q.answer is None for q in extract_qa(doc))  # no cell asks anything: its figures answer no question


def test_html_table_answers_have_offsets_for_linking_exemptions(tmp_path):
    path = tmp_path / "reply.html"
    path.write_text(
        "<html><body><p>Dear Sir</p><table><tr><th>Question</th><th>Response</th></tr>"
        "<tr><td>1. How many nurses are employed?</td><td>412 nurses.</td></tr>"
        "<tr><td>2. What are the names of the ward managers?</td><td>The names are withheld under section 40(2).</td></tr>"
        "</table><p>Yours sincerely</p></body></html>",
        encoding="utf-8",
    )
    doc = parse_file(path, path.name)
    pairs = extract_qa(doc)
    assert [doc.text[q.answer_start : q.answer_end] for q in pairs] == ["412 nurses.", "The names are withheld under section 40(2)."]
    assert [doc.text[q.question_start : q.question_end] for q in pairs] == [
        "How many nurses are employed?", "What are the names of the ward managers?"]


def test_table_cells_not_found_in_the_text_have_no_offsets():
    doc = ParsedDocument(
        source="t.html", format="html", text="Dear Sir", raw_text="Dear Sir",
        lines=TextBuilder().lines,
        tables=[TableGrid(rows=[["Question", "Response"], ["1. How many nurses?", "412."], ["2. How many wards?", "Nine."]],
                          method="html")],
    )
    pairs = extract_qa(doc)
    assert [(q.number, q.question_start, q.answer_start) for q in pairs] == [("1", None, None), ("2", None, None)]


# --------------------------------------------------------------------------
# Statuses from the answer's wording
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, status",
    [
        # not held, however it is said
        ("Having searched our records, we have been unable to locate any information relevant to this question.", "not_held"),
        ("Our searches found that no records were located for this period.", "not_held"),
        ("This data is not collected by the council.", "not_held"),
        ("N/A - not held.", "not_held"),
        ("No information is held.", "not_held"),
        ("We hold no recorded information about this.", "not_held"),
        # another authority holds it
        ("We do not hold this information. You may wish to contact the Department for Transport, who may hold it.", "not_held"),
        ("This information is held by NHS England rather than the Trust. You may wish to contact them at "
         "england.contactus@nhs.net.", "not_held"),
        ("School admissions are the responsibility of the academy trust; you may wish to redirect your request to it.", "not_held"),
        # partly held: what is held is given
        ("We do not hold figures for 2022, but in 2021 there were 34 incidents.", "answered"),
        # refusals
        ("Section 12 of the FOIA allows us to refuse requests where the cost of compliance exceeds the appropriate limit "
         "of £450. To answer would require a manual search of 3,000 files, so we are refusing this question.", "refused"),
        ("To provide this would take more than 18 hours.", "refused"),
        ("This request repeats your request of 3 March and is refused as a repeated request.", "refused"),
        ("We are unable to provide this information.", "refused"),
        # withheld, neither confirm nor deny
        ("The Force neither confirms nor denies that it holds any information relevant to this question.", "withheld"),
        ("Although section 12 is not engaged, the names are withheld under section 40(2).", "withheld"),
        # clarification
        ("In order to respond to this question, we need you to tell us which schools you are interested in.", "clarification_sought"),
        ("We would be grateful if you could specify the time period you are interested in.", "clarification_sought"),
        # published elsewhere: given
        ("This information is reasonably accessible to you by other means and is therefore exempt under section 21. "
         "It can be found at https://www.example.gov.uk/report.", "answered"),
        # answers about refusals and decisions are information
        ("Twelve planning applications were refused in 2022.", "answered"),
        ("The Council declined 14 applications for grants.", "answered"),
        # negation traps
        ("We do not consider that the information is not held; the figure is 45.", "answered"),
        ("This information is not being withheld. There were 45 complaints.", "answered"),
        ("Section 12 does not apply to this question. There were 45 complaints.", "answered"),
        ("Section 12 of the Act allows us to refuse requests that exceed the cost limit, but it has not been necessary "
         "to rely on it here. 45 complaints were received.", "answered"),
    ],
)
def test_status_from_wording(answer, status):
    assert status_from_text(answer) == status


def test_review_verdict_gives_no_information():
    assert status_from_text("The council does not hold this information. I uphold the original response.") == "not_held"
    assert status_from_text("Twelve complaints were upheld.") == "answered"


# --------------------------------------------------------------------------
# A letter answering the whole request at once
# --------------------------------------------------------------------------

LETTER = """Our ref: FOI 2023/551
Dear Mr Ahmed
Freedom of Information request
Thank you for your request received on 2 May 2023. You asked:
1. Copies of all contracts with management consultants.
2. The total spent on management consultants.
{reply}
Yours sincerely
Information Governance Team
"""


@pytest.mark.parametrize(
    "reply, status, outcome",
    [
        ("Before we can deal with your request, we need you to clarify which years you are interested in.",
         "clarification_sought", "clarification"),
        ("The council has not engaged any management consultants, so we do not hold any information within the scope "
         "of your request.", "not_held", "not_held"),
    ],
)
def test_one_answer_to_every_question(tmp_path, reply, status, outcome):
    x = response(tmp_path, LETTER.format(reply=reply))
    assert [(q.number, q.answer, q.answer_status) for q in x.qa_pairs] == [("1", reply, status), ("2", reply, status)]
    assert x.parsed.text[x.qa_pairs[0].answer_start : x.qa_pairs[0].answer_end] == reply
    assert x.info.outcome == outcome


def test_an_acknowledgement_answers_nothing(tmp_path):
    x = response(tmp_path, LETTER.format(
        reply="We will respond by 1 June. If we need to clarify your request, we will contact you."))
    assert [(q.answer, q.answer_status) for q in x.qa_pairs] == [(None, "unanswered"), (None, "unanswered")]
    assert x.info.outcome is None
