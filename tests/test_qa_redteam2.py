"""Misses found by the second red-team round: headings naming several questions ("Questions 1 and 2",
"Parts (a)–(c)", "Response to question 2"), bilingual labels, table rows that look like question
numbers, the authority's prose after the last question, and statuses (pointers to the reasons,
neither-confirm-nor-deny wordings, a request for clarification)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import qa, text_doc

from pipeline.extract.qa import referenced_labels, status_from_text
from pipeline.extract.response import extract
from pipeline.parse import parse_file

# --------------------------------------------------------------------------
# Headings naming several questions end the last question and head the answers
# --------------------------------------------------------------------------

PLURAL_HEADINGS = """Dear Ms Gallagher

Thank you for your request which we received on 7 May 2024. You asked:

1. How much corporation tax did Harbourside Logistics Ltd pay in 2022?
2. Has HMRC opened an investigation into Harbourside Logistics Ltd?
3. How many staff work in the Fraud Investigation Service?

Questions 1 and 2

The information you asked for in question 1 is exempt under section 44(1)(a). For question 2, we can neither confirm nor deny whether we hold it.

Question 3

As at 31 March 2024 there were 4,812 staff working in the Fraud Investigation Service.

Yours sincerely
Central FOI Team
"""


def test_a_heading_naming_two_questions_ends_the_last_question_and_answers_both():
    pairs = qa(PLURAL_HEADINGS)
    assert [(n, q) for n, q, _, _ in pairs] == [
        ("1", "How much corporation tax did Harbourside Logistics Ltd pay in 2022?"),
        ("2", "Has HMRC opened an investigation into Harbourside Logistics Ltd?"),
        ("3", "How many staff work in the Fraud Investigation Service?"),
    ]
    assert pairs[0][2] == pairs[1][2] and pairs[0][2].startswith("The information you asked for in question 1")
    assert [s for *_, s in pairs] == ["withheld", "withheld", "answered"]
    assert pairs[2][2] == "As at 31 March 2024 there were 4,812 staff working in the Fraud Investigation Service."


def test_a_heading_naming_a_range_of_parts_answers_each_part():
    letter = ("Dear Mr Ahmed\n\nYou asked for:\n\n(a) the number of parking fines issued in 2023;\n"
              "(b) the number cancelled on appeal;\n(c) the income from those fines;\n"
              "(d) the name of the enforcement contractor.\n\n"
              "Parts (a)–(c)\n\nThe council does not hold this information; enforcement passed to the county council in 2022.\n\n"
              "Part (d)\n\nThe contractor is Civic Parking Services Ltd.\n\nYours sincerely\nParking Services\n")
    pairs = qa(letter)
    assert pairs[3][1] == "the name of the enforcement contractor."
    assert [(n, s) for n, _, _, s in pairs] == [("a", "not_held"), ("b", "not_held"), ("c", "not_held"), ("d", "answered")]
    assert pairs[3][2] == "The contractor is Civic Parking Services Ltd."


def test_referenced_labels_expand_ranges():
    assert referenced_labels("1 and 2") == ["1", "2"]
    assert referenced_labels("1-3") == ["1", "2", "3"]
    assert referenced_labels("(a)–(c)") == ["a", "b", "c"]
    assert referenced_labels("2 to 4, 6") == ["2", "3", "4", "6"]


def test_response_to_question_headings_answer_by_reference():
    letter = ("Dear Mx Lindqvist\n\nThank you for your request dated 12 January 2024. You asked:\n\n"
              "1) How many street trees has the council felled in 2023?\n"
              "2) Copies of all emails with contractors about elm disease felling during 2023.\n\n"
              "Response to question 1\n\nThe council felled 645 street trees in 2023.\n\n"
              "Response to question 2\n\nWe are refusing this part of your request under regulation 12(4)(b) of the EIR "
              "because it is manifestly unreasonable.\n\nYours sincerely\n")
    assert [(n, a, s) for n, _, a, s in qa(letter)] == [
        ("1", "The council felled 645 street trees in 2023.", "answered"),
        ("2", "We are refusing this part of your request under regulation 12(4)(b) of the EIR because it is "
              "manifestly unreasonable.", "refused"),
    ]


def test_a_response_to_question_label_under_its_own_question_still_answers_it():
    letter = ("Dear Sir\n\nYou asked:\n\n1. How many libraries are open on Sundays?\n\nResponse to question 1\n\n"
              "Four libraries open on Sundays.\n\n2. How many volunteers work in them?\n\nResponse to question 2\n\n"
              "There are 58 volunteers.\n\nYours faithfully\n")
    assert [(n, a) for n, _, a, _ in qa(letter)] == [("1", "Four libraries open on Sundays."), ("2", "There are 58 volunteers.")]


# --------------------------------------------------------------------------
# Bilingual labels
# --------------------------------------------------------------------------


def test_bilingual_question_and_response_labels():
    letter = ("Annwyl / Dear Mr Pritchard,\n\nThank you for your request for information.\n\n"
              "Cwestiwn / Question 1: How many properties were charged the premium in 2023/24?\n"
              "Ymateb / Response: In 2023/24, 5,138 properties were charged the premium.\n"
              "Cwestiwn / Question 2: Please provide the address of every property charged the premium.\n"
              "Ymateb / Response: We are withholding the addresses under section 40(2) of the Freedom of Information Act 2000.\n\n"
              "Yours sincerely\n")
    assert qa(letter) == [
        ("1", "How many properties were charged the premium in 2023/24?",
         "In 2023/24, 5,138 properties were charged the premium.", "answered"),
        ("2", "Please provide the address of every property charged the premium.",
         "We are withholding the addresses under section 40(2) of the Freedom of Information Act 2000.", "withheld"),
    ]


# --------------------------------------------------------------------------
# The authority's prose between the request and the answers
# --------------------------------------------------------------------------


def test_the_authoritys_prose_after_the_last_question_is_not_part_of_it():
    letter = ("Dear Applicant,\n\nI note you seek access to the following information:\n\n"
              "1. Has the force deployed live facial recognition at any protest during 2023?\n"
              "2. How many officers were deployed to police the protest on 11 November 2023?\n\n"
              "Following receipt of your request, searches were conducted with the Operational Support department. "
              "I am required by the Act to handle all requests in a manner that is blind to the identity of the requester.\n\n"
              "RESPONSE\n\nQuestion 1\n\nThe force has not deployed live facial recognition at any protest.\n\n"
              "Question 2\n\nA total of 386 officers were deployed.\n\nYours sincerely\n")
    assert [(n, q) for n, q, _, _ in qa(letter)] == [
        ("1", "Has the force deployed live facial recognition at any protest during 2023?"),
        ("2", "How many officers were deployed to police the protest on 11 November 2023?"),
    ]


# --------------------------------------------------------------------------
# A table whose row labels look like question numbers ("Q1 Ward")
# --------------------------------------------------------------------------

WARDS = [("Hadfield Cardiac Unit", "1,730", "493"), ("Critical Care", "1,661", "846"), ("Q1 Ward", "1,133", "725"),
         ("Q2 Ward", "1,318", "598"), ("I1 Ward", "1,674", "541"), ("Total", "7,516", "3,203")]


def letter_with_ward_table(path: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    style = getSampleStyleSheet()["Normal"]
    story = [Paragraph(text, style) for text in (
        "Dear Dr Amadi",
        "Thank you for your request for information dated 18 January 2024.",
        "1. What was the Trust's total expenditure on agency nursing staff in 2023/24?",
        "Total expenditure on agency nursing staff from 1 April 2023 to 31 January 2024 was £6,190,177.",
        "2. Please break this down by ward, showing the shifts requested and the shifts filled by agency staff.",
        "Please see the table below.",
    )]
    table = Table([("Ward", "Shifts requested", "Shifts filled")] + WARDS)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [Spacer(1, 8), table, Spacer(1, 8)]
    story += [Paragraph(text, style) for text in (
        "3. How many agency shifts were paid above the agency price cap in the same period?",
        "In the same period, 1,134 agency nursing shifts were paid above the price cap.",
        "Yours sincerely",
        "Information Governance Department",
    )]
    SimpleDocTemplate(str(path), pagesize=A4).build([s for item in story for s in (item, Spacer(1, 6))])
    return path


def test_row_labels_of_a_table_inside_an_answer_are_no_question_numbers(tmp_path):
    doc = parse_file(letter_with_ward_table(tmp_path / "wards.pdf"), "wards.pdf")
    pairs = extract(doc).qa_pairs
    assert [q.number for q in pairs] == ["1", "2", "3"]
    assert pairs[2].question == "How many agency shifts were paid above the agency price cap in the same period?"
    assert pairs[2].answer == "In the same period, 1,134 agency nursing shifts were paid above the price cap."


# --------------------------------------------------------------------------
# Statuses
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        "We are withholding the rates under section 43(2). Our reasons are set out below.",
        "This information is withheld under section 43(2) of the Act. Please see the explanation below this table.",
        "We can neither confirm or deny whether we hold it.",
        "We are unable to confirm or deny whether the information is held.",
        "Section 44(2) removes the duty to confirm or deny whether we hold information of this kind.",
        "The force can neither confirm nor deny that it holds the information, as the duty in section 1(1)(a) does "
        "not apply by virtue of section 24(2).",
        "We can neither confirm nor deny whether we hold this information. You should not take this as an indication "
        "that an investigation has or has not taken place.",
    ],
)
def test_pointers_to_reasons_and_neither_confirm_nor_deny_withhold(answer):
    assert status_from_text(answer) == "withheld"


def test_a_pointer_to_the_information_beside_a_withholding_still_gives_it():
    assert status_from_text("The totals are set out below. The names are withheld under section 40(2).") == "partly_withheld"


def test_a_request_for_clarification_gives_no_information():
    answer = ("Before we can process your request we need some further information. Could you please confirm whether "
              "you would like applications counted once per application or once per property.")
    assert status_from_text(answer) == "clarification_sought"


def test_a_whole_reply_asking_for_clarification_gives_each_question_that_status():
    letter = ("Dear Ms MacLeod,\n\nYou asked for:\n(a) how many licence applications the Council has received since "
              "1 October 2022, broken down by council ward;\n(b) how many of those applications have been granted.\n\n"
              "Before we can process your request we need some further information. Could you please confirm whether "
              "you would like applications counted once per application or once per property.\n\nYours sincerely,\n")
    assert [(q.number, q.answer_status) for q in extract(text_doc(letter)).qa_pairs] == [
        ("a", "clarification_sought"), ("b", "clarification_sought")]


def test_a_closing_with_a_contraction_ends_the_last_answer():
    letter = ("Dear Ms Shah\n\nYou asked:\n\n1. How many staff work in the team?\n\nThere are 14 staff.\n\n"
              "2. How many vacancies are there?\n\nThere are 2 vacancies.\n\n"
              "If you're not happy with this reply, you can ask us to review it.\n\nYours sincerely\n")
    assert qa(letter)[1][2] == "There are 2 vacancies."


def test_a_welsh_closing_paragraph_ends_the_last_answer():
    letter = ("Dear Ms Jones,\n\nYou asked:\n\n1. How many libraries are open on Sundays?\n2. How many staff work there?\n\n"
              "1. Three libraries open on Sundays.\n\n2. Twelve staff work in them.\n\n"
              "Os ydych yn anfodlon gyda'r ymateb hwn, gallwch ofyn am adolygiad mewnol.\n\n"
              "If you are dissatisfied with this response, you may ask for an internal review.\n\nYn gywir\n")
    assert qa(letter)[-1][2] == "Twelve staff work in them."
