"""Misses found by the third red-team round: answer headings "Response to 1" / "Response to 1(a)"
without the word "question", a bare "2 Copies of ..." after items written "1(a)", "1(b)", and the
requester's own remark after a list quoted inside one paragraph."""
from __future__ import annotations

from conftest import qa

from pipeline.extract.qa import read_marker

# --------------------------------------------------------------------------
# "Response to 1" heads the answer to question 1
# --------------------------------------------------------------------------

RESPONSE_TO_N = """Essex County Fire and Rescue Service
Our ref: FOI 0412/24

Dear Requester,

Your request has been considered under the Freedom of Information Act 2000. You asked:

1. How much has the Service spent on new fire appliances in each year from 2019/20 to 2023/24?
2. A list of all appliances currently in the operational fleet.

The Service holds the information you have requested and I am pleased to provide it below.

Response to 1
Expenditure on new fire appliances was £8,457,150 in total.

Response to 2
Please see attached spreadsheet.

Yours sincerely,
Information Governance Officer
"""


def test_response_to_a_bare_number_heads_that_questions_answer():
    pairs = qa(RESPONSE_TO_N)
    assert [(n, a, s) for n, _, a, s in pairs] == [
        ("1", "Expenditure on new fire appliances was £8,457,150 in total.", "answered"),
        ("2", "Please see attached spreadsheet.", "answered"),
    ]


def test_response_to_a_numbered_sub_item_heads_that_sub_items_answer():
    letter = ("Dear Mr Patel\n\nYou asked:\n\n"
              "1(a) How many pothole repairs did the council complete in 2023?\n"
              "1(b) How much did those repairs cost?\n"
              "2. How many compensation claims for pothole damage were paid?\n\n"
              "Response to 1(a)\nThe council completed 14,208 pothole repairs in 2023.\n\n"
              "Response to 1(b)\nThe repairs cost £1,932,400.\n\n"
              "Response to question 2\nThe council paid 311 claims.\n\n"
              "Yours sincerely\nHighways FOI Team\n")
    pairs = qa(letter)
    assert [(n, a) for n, _, a, _ in pairs] == [
        ("1a", "The council completed 14,208 pothole repairs in 2023."),
        ("1b", "The repairs cost £1,932,400."),
        ("2", "The council paid 311 claims."),
    ]


def test_response_to_words_without_a_number_is_no_marker():
    assert read_marker("Response to your request of 3 May") == []
    assert read_marker("Answer to 2019 figures") == []


# --------------------------------------------------------------------------
# A bare "2 Copies of ..." continues a list written "1(a)", "1(b)"
# --------------------------------------------------------------------------

BARE_NEXT_NUMBER = """Dear J. Morgan,

Thank you for your request for information. You asked:

1(a) How many complaints did the regulator receive about the programme broadcast on 2 July 2024?
1(b) How many of those complaints were closed without investigation?
2 Copies of any internal emails discussing whether to open an investigation.

Response

1(a) We received 2,417 complaints about the programme.
1(b) All 2,417 complaints were closed without investigation.
2 We hold internal emails but are withholding them under section 36(2)(b)(ii) of the Act.

Yours sincerely,
Information Requests Team
"""


def test_a_bare_next_number_after_lettered_sub_items_is_the_next_question():
    pairs = qa(BARE_NEXT_NUMBER)
    assert [(n, q) for n, q, _, _ in pairs] == [
        ("1a", "How many complaints did the regulator receive about the programme broadcast on 2 July 2024?"),
        ("1b", "How many of those complaints were closed without investigation?"),
        ("2", "Copies of any internal emails discussing whether to open an investigation."),
    ]
    assert pairs[1][2] == "All 2,417 complaints were closed without investigation."
    assert pairs[2][2].startswith("We hold internal emails but are withholding them")
    assert pairs[2][3] == "withheld"


def test_a_bare_number_that_is_not_the_next_one_stays_in_the_item():
    letter = BARE_NEXT_NUMBER.replace("2 Copies of any internal emails discussing", "5 Councillors discussed")
    pairs = qa(letter)
    assert pairs[1][1].endswith("5 Councillors discussed whether to open an investigation.")


def test_a_bare_number_after_dotted_items_is_no_marker():
    letter = ("Dear Ms Khan\n\nYou asked:\n\n1. How many planning appeals were lodged in 2023?\n"
              "2 Councillors sat on the planning committee that year, I believe.\n"
              "2. How many appeals were allowed?\n\n"
              "Our response:\n\n1. 58 appeals were lodged.\n2. 17 appeals were allowed.\n\nYours sincerely\nPlanning\n")
    pairs = qa(letter)
    assert [(n, q) for n, q, _, _ in pairs] == [
        ("1", "How many planning appeals were lodged in 2023?"),
        ("2", "How many appeals were allowed?"),
    ]


# --------------------------------------------------------------------------
# A request quoted as one paragraph: the requester's remark after the last item is no part of it
# --------------------------------------------------------------------------

QUOTED_PARAGRAPH = """FREEDOM OF INFORMATION REQUEST

We received your request on 6 August 2024. Your email read as follows:

"Under the Freedom of Information Act please provide: 1. The total hours lost to hospital handover
delays over 60 minutes in 2023/24. 2. The amount the Trust paid to private ambulance providers in
2023/24. 3. The Trust's most recent handover delay harm review. I am not asking for any personal
data, so section 40(2) should not apply, and I do not expect you to rely on section 43(2)."

1. Hours lost

The hours lost in 2023/24 were 29,200.

2. Payments to private providers

In 2023/24 the Trust paid £11,863,402 to private ambulance providers.

3. Harm review

The harm review is published with the Board papers, so it is exempt under section 21.

Yours sincerely
Freedom of Information Team
"""


def test_the_requesters_remark_after_a_list_inside_a_paragraph_ends_the_last_item():
    pairs = qa(QUOTED_PARAGRAPH)
    assert [(n, q) for n, q, _, _ in pairs] == [
        ("1", "The total hours lost to hospital handover delays over 60 minutes in 2023/24."),
        ("2", "The amount the Trust paid to private ambulance providers in 2023/24."),
        ("3", "The Trust's most recent handover delay harm review."),
    ]
    assert pairs[2][2].endswith("so it is exempt under section 21.")


def test_a_further_wish_after_a_list_inside_a_paragraph_stays_in_the_last_item():
    letter = QUOTED_PARAGRAPH.replace(
        "I am not asking for any personal\ndata, so section 40(2) should not apply, and I do not expect you to rely on section 43(2).",
        "I would like this broken\ndown by month.",
    )
    pairs = qa(letter)
    assert pairs[2][1] == "The Trust's most recent handover delay harm review. I would like this broken down by month."
