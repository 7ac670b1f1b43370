"""Question/answer pairs: every layout the issue lists, on real letters and on small realistic ones."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.extract.qa import answer_questions, extract_qa, status_from_text
from pipeline.extract.response import link_exemptions, outcome_from_statuses
from pipeline.model import Exemption, ParsedDocument, QAPair
from pipeline.parse import parse_file
from pipeline.parse.lines import TextBuilder

from conftest import text_doc, qa

FIXTURES = Path(__file__).parent / "fixtures" / "qa"


def words(text: str | None) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))


def has(text: str | None, phrase: str) -> bool:
    return words(phrase) in words(text)




_parsed: dict[str, ParsedDocument] = {}


def sample(name: str) -> ParsedDocument:
    if name not in _parsed:
        _parsed[name] = parse_file(FIXTURES / name, name)
    return _parsed[name]


# --------------------------------------------------------------------------
# Real letters
# --------------------------------------------------------------------------

# (file, {number: phrase the answer states}, {number: status}); every phrase is the letter's own wording.
REAL_LETTERS = [
    (
        "moj-foi-200612017-attachment.txt",  # questions up front, each restated before its answer
        {"1": "we have 22 HII cases recorded as open", "3": "Unaccredited HII Completions: Custody & Community",
         "7": "available to be delivered at any site where there is a need for the programme"},
        {"1": "answered", "2": "answered", "3": "partly_withheld", "4": "answered", "5": "answered", "6": "answered", "7": "answered"},
    ),
    (
        "bsmhft-foi006-2021-s40.pdf",  # the request quoted on page 1, then repeated question by question
        {"1": "the Trust do have in place 2 MIND Housing Navigation Workers",
         "2": "we do have a Trust wide Discharge Policy",
         "3": "Currently the Trust do not have specialist nurses or housing support workers"},
        {"1": "answered", "2": "partly_withheld", "3": "answered"},
    ),
    (
        "devon-foi-21-22-003-s12.pdf",  # 'QUESTIONS' then 'RESPONSES', paired by number
        {"1": "has six discharge facilitators associated with some of its inpatient wards",
         "2": "Please see attached pdf document",
         "3": "are supported by 4 accommodation Officers"},
        {"1": "partly_withheld", "2": "answered", "3": "partly_withheld"},
    ),
    (
        "lscft-foi-2021-131-s12-quoted.pdf",  # answers under each question; Q3's after a dash on its own line
        {"1": "we have three dedicated housing support workers",
         "2": "Please refer to the NHS guidance",
         "3": "this has been answered in point 1 as above"},
        {"1": "answered", "2": "answered", "3": "answered"},
    ),
    (
        "somerset-foi-100455-numbered-qa.pdf",  # question then answer paragraph, told apart by spacing only
        {"1": "The inpatient wards don’t directly employ staff specifically as housing officers",
         "2": "The Trust doesn’t have a specific protocol or policy",
         "3": "We are not commissioned to provide this service."},
        {"1": "answered", "2": "answered", "3": "answered"},
    ),
    (
        "cornwall-foi-86420-ruled-table.pdf",  # all three items in one ruled 'You asked us' | 'Our reply' row
        {"1": "1 X Homeless Patient Adviser 1 X Housing Support & Development Co-ordinator 1 X Social Care Finance Manager 8 X Social Inclusion Workers",
         "2": "Please see the attached document",
         "3": "1 X Housing Support & Development Co-ordinator 3 X Social Inclusion Workers"},
        {"1": "answered", "2": "answered", "3": "answered"},
    ),
]


@pytest.mark.parametrize("name, answers, statuses", REAL_LETTERS, ids=[r[0].split("-")[0] for r in REAL_LETTERS])
def test_real_letters(name, answers, statuses):
    pairs = extract_qa(sample(name))
    assert [q.number for q in pairs] == list(statuses)
    assert {q.number: q.answer_status for q in pairs} == statuses
    by_number = {q.number: q for q in pairs}
    for number, phrase in answers.items():
        assert has(by_number[number].answer, phrase), (number, by_number[number].answer)


@pytest.mark.parametrize("name", [r[0] for r in REAL_LETTERS])
def test_offsets_point_at_the_question_and_the_answer(name):
    doc = sample(name)
    for pair in extract_qa(doc):
        assert words(doc.text[pair.question_start : pair.question_end]).startswith(words(pair.question)[:30])
        answer_span = doc.text[pair.answer_start : pair.answer_end]
        assert words(answer_span).startswith(words(pair.answer)[:20]) or has(answer_span, pair.answer[:20])
        assert pair.question_end <= pair.answer_start or name.startswith("cornwall")  # side by side in a table


def test_question_text_is_the_requesters_not_the_answer():
    pairs = {q.number: q for q in extract_qa(sample("bsmhft-foi006-2021-s40.pdf"))}
    assert pairs["2"].question.endswith("please state what the protocol is.")
    assert "Discharge Policy" not in pairs["2"].question
    cornwall = {q.number: q for q in extract_qa(sample("cornwall-foi-86420-ruled-table.pdf"))}
    assert "Please see the attached document" not in cornwall["1"].answer  # that is the reply beside question 2
    assert "Homeless Patient Adviser" not in cornwall["1"].question


def test_page_is_the_first_page_of_the_answer():
    pairs = {q.number: q for q in extract_qa(sample("devon-foi-21-22-003-s12.pdf"))}
    assert (pairs["1"].page, pairs["3"].page) == (1, 2)  # questions on page 1, answer 3 overleaf


def test_requesters_quoted_wording_is_not_part_of_the_last_answer():
    """lscft: the requester's 'If it is not possible ... Section 12 ... Section 16' paragraph follows question 3."""
    pairs = extract_qa(sample("lscft-foi-2021-131-s12-quoted.pdf"))
    assert "Section 12" not in pairs[-1].answer
    assert "Please see attachments" not in pairs[-1].answer


def test_closing_boilerplate_is_not_a_question_or_an_answer():
    pairs = extract_qa(sample("somerset-foi-100455-numbered-qa.pdf"))
    assert len(pairs) == 3  # '... answer just 10 brief questions' in the feedback footer is not one
    assert "Reuse of Information" not in pairs[-1].answer


def test_unnumbered_questions_give_no_pairs():
    """rdash: the request sits unnumbered in a 'Query | Response' table; only numbered items are questions."""
    assert extract_qa(sample("rdash-foi-2880-table-across-pages.pdf")) == []


# --------------------------------------------------------------------------
# Layouts seen in other responses
# --------------------------------------------------------------------------




def test_question_n_answer_blocks():
    assert qa(
        "Dear Mr Smith,\nThank you for your request.\n"
        "Question 1\nHow many staff does the council employ?\nAnswer\nThe council employs 2,340 staff.\n\n"
        "Question 2\nHow many of them work part time?\nAnswer\nWe do not hold this information.\n\n"
        "Yours sincerely\nInformation Governance"
    ) == [
        ("1", "How many staff does the council employ?", "The council employs 2,340 staff.", "answered"),
        ("2", "How many of them work part time?", "We do not hold this information.", "not_held"),
    ]


def test_q1_a1_labels():
    assert qa(
        "Q1. How many parking fines were issued in 2019?\nA1. 12,345 fines were issued.\n"
        "Q2. How much income did they raise?\nA2. The income was £456,000.\n"
    ) == [
        ("1", "How many parking fines were issued in 2019?", "12,345 fines were issued.", "answered"),
        ("2", "How much income did they raise?", "The income was £456,000.", "answered"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Q1. How many bins were emptied? A1. 4,000 bins.\nQ2. How many were missed? A2. Not held.\n",
        "1. How many bins were emptied?\n2. How many were missed?\n\nAnswer 1: 4,000 bins.\nAnswer 2: Not held.\n",
        "Question 1: How many bins were emptied?\nAnswer 1: 4,000 bins.\nQuestion 2: How many were missed?\nAnswer 2: Not held.\n",
    ],
    ids=["inline", "answer list", "interleaved"],
)
def test_numbered_answer_labels(text):
    assert qa(text) == [
        ("1", "How many bins were emptied?", "4,000 bins.", "answered"),
        ("2", "How many were missed?", "Not held.", "not_held"),
    ]


def test_you_asked_our_response():
    assert qa(
        "1. You asked: How many complaints did you receive in 2020?\nOur response: We received 87 complaints.\n\n"
        "2. You asked: How many were upheld?\nOur response: Twelve were upheld.\n"
    ) == [
        ("1", "How many complaints did you receive in 2020?", "We received 87 complaints.", "answered"),
        ("2", "How many were upheld?", "Twelve were upheld.", "answered"),
    ]


def test_answers_in_order_without_restating_on_one_line():
    assert qa(
        "You asked:\n1. How many complaints did you receive in 2020?\n2. How many were upheld?\n"
        "Our response:\n1. We received 87 complaints. 2. Not held. \n"
    ) == [
        ("1", "How many complaints did you receive in 2020?", "We received 87 complaints.", "answered"),
        ("2", "How many were upheld?", "Not held.", "not_held"),
    ]


def test_first_item_sharing_a_line_with_the_introduction():
    """A Word paragraph whose line break was lost: the intro sentence and item 1 on one line."""
    pairs = qa(
        "I would like the following information for adult services. 1. How many social workers do you employ?\n\n"
        "We employ 31 social workers.\n\n2. How many are agency staff?\n\nSix are agency staff.\n"
    )
    assert [(n, q, a) for n, q, a, _ in pairs] == [
        ("1", "How many social workers do you employ?", "We employ 31 social workers."),
        ("2", "How many are agency staff?", "Six are agency staff."),
    ]


def test_number_repeated_before_its_answer():
    assert qa(
        "1. How many fire engines do you have?\n1. We have 12 fire engines.\n"
        "2. What did they cost?\n2. Providing this would exceed the appropriate limit under section 12 of the FOIA.\n"
    ) == [
        ("1", "How many fire engines do you have?", "We have 12 fire engines.", "answered"),
        ("2", "What did they cost?", "Providing this would exceed the appropriate limit under section 12 of the FOIA.", "refused"),
    ]


def test_sub_items_restated_with_their_parent_number():
    assert qa(
        "1. For each prison, please provide:\n(a) the number of officers;\n(b) the number of vacancies.\n"
        "2. What is the budget?\n\nResponse\n"
        "1(a) the number of officers\n350 officers.\n1(b) the number of vacancies\n12 vacancies.\n"
        "2. What is the budget?\n£3m.\n"
    ) == [
        ("1a", "the number of officers;", "350 officers.", "answered"),
        ("1b", "the number of vacancies.", "12 vacancies.", "answered"),
        ("2", "What is the budget?", "£3m.", "answered"),
    ]


def test_decimal_sub_items():
    assert qa(
        "1.1 How many libraries are there?\nThere are 14 libraries.\n\n1.2 How many open on Sundays?\nFour open on Sundays.\n\n"
        "2.1 What is the budget?\nThe budget is £2.1m.\n\n2.2 How many hours do staff work?\n1.5 million hours a year.\n"
    ) == [
        ("1.1", "How many libraries are there?", "There are 14 libraries.", "answered"),
        ("1.2", "How many open on Sundays?", "Four open on Sundays.", "answered"),
        ("2.1", "What is the budget?", "The budget is £2.1m.", "answered"),
        ("2.2", "How many hours do staff work?", "1.5 million hours a year.", "answered"),
    ]


def test_roman_numbered_items_and_a_vexatious_refusal():
    assert qa(
        "i. How many trees were felled?\nWe felled 40 trees.\n\nii. How many were replanted?\nWe replanted 55 trees.\n\n"
        "iii. Why?\nWe consider this part of your request vexatious under section 14(1) and refuse it.\n"
    ) == [
        ("i", "How many trees were felled?", "We felled 40 trees.", "answered"),
        ("ii", "How many were replanted?", "We replanted 55 trees.", "answered"),
        ("iii", "Why?", "We consider this part of your request vexatious under section 14(1) and refuse it.", "refused"),
    ]


def test_request_quoted_in_an_acknowledgement_has_no_answers_and_appeal_steps_are_not_questions():
    assert qa(
        "We acknowledge receipt of your request for information, which reads:\n"
        "1. How many buses run on route 5?\n2. What is the annual subsidy?\n\n"
        "We will respond within 20 working days.\n\nIf you have any queries please contact us.\n\n"
        "Appeal procedure\n1. Write to the review team.\n2. Wait 20 working days for the outcome.\n"
    ) == [
        ("1", "How many buses run on route 5?", None, "unanswered"),
        ("2", "What is the annual subsidy?", None, "unanswered"),
    ]


def test_numbered_section_headings_are_not_questions():
    assert qa(
        "1. Your request\n\nYou asked for the following:\n\na) How many nurses are employed?\n"
        "b) How many are agency staff?\n\n2. Our response\n\na) We employ 412 nurses.\n\n"
        "b) We do not hold this information.\n\n3. Next steps\n\nIf you are unhappy, ask for a review."
    ) == [
        ("a", "How many nurses are employed?", "We employ 412 nurses.", "answered"),
        ("b", "How many are agency staff?", "We do not hold this information.", "not_held"),
    ]


def test_request_message_of_a_thread():
    """The WhatDoTheyKnow extractor hands over a message's text: '(1)' items, no answers."""
    pairs = qa(
        "Dear Ministry of Housing, Communities and Local Government,\n\n"
        "What guidance does the Government give Councils? In particular:\n\n"
        "(1) should vetting be undertaken of Councillors to ensure they are fit and proper persons\n"
        "(2) what guidance should be given on compliance with data protection rules\n\n"
        "Yours faithfully,\n\nA Requester"
    )
    assert [(n, a, s) for n, _, a, s in pairs] == [("1", None, "unanswered"), ("2", None, "unanswered")]
    assert pairs[1][1] == "what guidance should be given on compliance with data protection rules"


@pytest.mark.parametrize(
    "reply",
    [
        "Dear Requester,\n\nIn response to your questions:\n\n1. Three councils were inspected.\n\n"
        "2. We do not hold this information.\n\nYours sincerely,\nFOI Team",
        "Dear Requester,\n\n1) How many councils were inspected under the Local Government Act 1999 in 2018?\n"
        "Three councils were inspected.\n\n2) What did the inspections cost?\nWe do not hold this information.\n\n"
        "Kind regards",
    ],
    ids=["answers only", "questions restated"],
)
def test_answers_from_a_separate_reply(reply):
    """A thread: questions from the request message, answers from the authority's reply."""
    questions = extract_qa(text_doc(
        "Dear Department,\n\n1) How many councils were inspected under the Local Government Act 1999 in 2018?\n"
        "2) What did the inspections cost?\n\nYours faithfully,\nA Requester"
    ))
    reply_doc = text_doc(reply)
    answered = answer_questions(questions, reply_doc)
    assert [(q.number, q.answer, q.answer_status) for q in answered] == [
        ("1", "Three councils were inspected.", "answered"),
        ("2", "We do not hold this information.", "not_held"),
    ]
    assert reply_doc.text[answered[1].answer_start : answered[1].answer_end] == "We do not hold this information."
    assert [q.answer for q in questions] == [None, None]  # the request's own pairs are left as they were


def test_answer_over_a_page_break_keeps_going_and_drops_the_running_footer(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.set_auto_page_break(False)
    pages = [
        ["Dear Sir/Madam", "", "1. How many libraries are open on Sundays?", "", "Four libraries open on Sundays:",
         "Central, Northgate, Riverside and"],
        ["Hillside, from 10am to 4pm.", "", "2. How many volunteers work in them?", "", "We do not hold this information.",
         "", "Yours faithfully"],
    ]
    for n, lines in enumerate(pages, start=1):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 6, f"Libraries Service - Freedom of Information - Page {n} of 2")
    path = tmp_path / "libraries.pdf"
    pdf.output(str(path))
    doc = parse_file(path, path.name)
    pairs = extract_qa(doc)
    assert [(q.number, q.answer, q.answer_status, q.page) for q in pairs] == [
        ("1", "Four libraries open on Sundays: Central, Northgate, Riverside and Hillside, from 10am to 4pm.", "answered", 1),
        ("2", "We do not hold this information.", "not_held", 2),
    ]


def test_ruled_table_with_a_number_column_running_over_two_pages(tmp_path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    rows = [[Paragraph("No."), Paragraph("Your request"), Paragraph("Our response")]]
    for n in range(1, 9):
        rows.append([
            Paragraph(str(n), style),
            Paragraph(f"How many vehicles of type {n} did the council buy in 2020, and what did they cost?", style),
            Paragraph(f"The council bought {n * 3} vehicles of type {n}. " + "They were delivered in spring. " * 8, style),
        ])
    table = Table(rows, colWidths=[40, 200, 230])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    path = tmp_path / "vehicles.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Dear Sir/Madam", style), Spacer(1, 300), table, Paragraph("Yours faithfully", style)]
    )
    doc = parse_file(path, path.name)
    pairs = extract_qa(doc)
    assert [q.number for q in pairs] == [str(n) for n in range(1, 9)]
    for q in pairs:
        assert q.question.startswith(f"How many vehicles of type {q.number} ")
        assert q.answer.startswith(f"The council bought {int(q.number) * 3} vehicles")
        assert doc.text[q.answer_start : q.answer_start + 18] == "The council bought"
    assert pairs[0].page == 1 and pairs[-1].page == 2


def test_question_cell_continued_in_a_table_on_the_next_page():
    """The last row of a 'Query | Response' table split by a page break: its text carries on in a headerless table."""
    from pipeline.model import TableGrid

    b = TextBuilder()
    b.add("Query Response", page=1, top=100)
    b.add("1. How many nurses work on Ward 5 Twelve nurses work", page=1, top=114)
    b.add("and on Ward 6? on Ward 5 and", page=1, top=128)
    b.add("during the night? nine on Ward 6.", page=2, top=60)
    doc = ParsedDocument(
        source="t.pdf", format="pdf", text=b.text, raw_text=b.text, lines=b.lines, pages=2,
        tables=[
            TableGrid(rows=[["Query", "Response"], ["1. How many nurses work on Ward 5\nand on Ward 6?",
                                                   "Twelve nurses work\non Ward 5 and"]],
                      method="ruled", page=1, bbox=(50, 95, 500, 140)),
            TableGrid(rows=[["during the night?", "nine on Ward 6."]], method="ruled", page=2, bbox=(50, 55, 500, 75)),
        ],
    )
    [pair] = extract_qa(doc)
    assert pair.question == "How many nurses work on Ward 5 and on Ward 6? during the night?"
    assert pair.answer == "Twelve nurses work on Ward 5 and nine on Ward 6."
    assert doc.text[pair.answer_start : pair.answer_end].endswith("nine on Ward 6.")


# --------------------------------------------------------------------------
# Status from wording, status from exemptions, outcome
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer, status",
    [
        (None, "unanswered"),
        ("The Trust employs 12 housing officers.", "answered"),
        ("We can confirm that the Council does not hold the information you requested.", "not_held"),
        ("This information is not held centrally and locating it would take in excess of 18 hours, "
         "which would exceed the appropriate limit.", "refused"),
        ("We employ 12 officers. Locating their grades would exceed the cost limit under section 12.", "partly_withheld"),
        ("This information is exempt under section 43(2) of the FOIA (commercial interests).", "withheld"),
        ("Please could you clarify which financial years you are interested in?", "clarification_sought"),
        ("We do not have specialist nurses; housing needs are met by ward staff.", "answered"),
        ("The Council does not record the ethnicity of applicants.", "not_held"),
        ("Staff who are exempt from the parking policy number 14.", "answered"),
        ("We would need more details to identify the records you want: which depot do you mean?", "clarification_sought"),
        ("Locating these files would take in excess of 18 hours.", "refused"),
    ],
)
def test_status_from_wording(answer, status):
    assert status_from_text(answer) == status


def _pair(number: str, answer: str, status: str = "answered", start: int = 0) -> QAPair:
    return QAPair(seq=0, number=number, question="q", answer=answer, answer_status=status,
                  answer_start=start, answer_end=start + len(answer))


def test_exemption_linked_to_a_question_sets_its_status():
    partial = _pair("1", "We employ 12 officers. Their names are exempt under section 40(2).")
    whole = _pair("2", "This information is withheld under section 43(2).", start=200)
    cost = _pair("3", "Answering would exceed the appropriate limit.", start=400)
    unlinked_by_number = Exemption(legislation="FOIA 2000", provision="s.43(2)", char_start=210)  # found by span
    link_exemptions(
        [partial, whole, cost],
        [Exemption(legislation="FOIA 2000", provision="s.40(2)", qa_number="1"), unlinked_by_number,
         Exemption(legislation="FOIA 2000", provision="s.12", qa_number="3", decision="refused")],
    )
    assert unlinked_by_number.qa_number == "2"
    assert [p.answer_status for p in (partial, whole, cost)] == ["partly_withheld", "withheld", "refused"]


@pytest.mark.parametrize(
    "statuses, outcome",
    [
        (["answered", "answered"], "successful"),
        (["answered", "partly_withheld"], "partially_successful"),
        (["answered", "not_held"], "partially_successful"),
        (["not_held", "not_held"], "not_held"),
        (["refused", "withheld"], "refused"),
        (["clarification_sought"], "clarification"),
        (["unanswered", "unanswered"], None),
        ([], None),
    ],
)
def test_outcome_from_statuses(statuses, outcome):
    assert outcome_from_statuses(statuses) == outcome
