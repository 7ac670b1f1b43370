"""A response letter put together: questions, their statuses from the exemptions applied, the outcome."""
from __future__ import annotations

from pipeline.extract import extract
from pipeline.parse import parse_file

COUNCIL_LETTER = """Freedom of Information request FOI/2023/0456
Dear Ms Smith
Thank you for your request under the Freedom of Information Act 2000, which asked:
1. How many parking enforcement officers does the council employ?
2. Please provide a copy of the parking enforcement contract with the pricing schedule.
3. Please provide the names of the officers who issued the most penalty charge notices.

Our response
1. The council employs 24 parking enforcement officers.
2. A copy of the contract is attached. The pricing schedule has been withheld under section 43(2) of the FOIA
(commercial interests), as its disclosure would prejudice the commercial interests of the contractor.
3. The names of individual officers are exempt under section 40(2) of the Act, as disclosure would
contravene the data protection principles.

We have not applied section 12 to this request.
This letter acts as a refusal notice under section 17 of the Act for the information withheld.
Yours sincerely
Information Governance Team
"""

EIR_LETTER = """Our ref: EIR 2022/101
Dear Mr Jones
Thank you for your request, which we have handled under the Environmental Information Regulations 2004.
You asked:
1. The number of trees felled in Mill Park in 2021.
2. The survey of the park's trees carried out before the felling.

Our response
1. 14 trees were felled in Mill Park in 2021.
2. No survey was carried out, so we are refusing this part of your request under regulation 12(4)(a)
of the EIR, as the information is not held.
Yours sincerely
Environment Team
"""


def extract_text(tmp_path, text, name="letter.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return extract(parse_file(path, name))


def test_an_answer_using_the_questions_words_is_not_a_restated_question(tmp_path):
    x = extract_text(tmp_path, COUNCIL_LETTER)
    assert x.qa_pairs[0].answer == "The council employs 24 parking enforcement officers."
    assert x.qa_pairs[0].answer_status == "answered"


def test_statuses_follow_the_exemption_and_ignore_boilerplate_after_the_last_answer(tmp_path):
    x = extract_text(tmp_path, COUNCIL_LETTER)
    assert [q.answer_status for q in x.qa_pairs] == ["answered", "partly_withheld", "withheld"]
    assert "refusal notice" not in x.qa_pairs[2].answer
    assert x.info.outcome == "partially_successful"


def test_an_exception_saying_the_information_is_not_held_gives_not_held(tmp_path):
    x = extract_text(tmp_path, EIR_LETTER)
    assert [(e.provision, e.qa_number) for e in x.exemptions] == [("reg.12(4)(a)", "2")]
    assert [q.answer_status for q in x.qa_pairs] == ["answered", "not_held"]
    assert x.info.legislation == "EIR 2004"


def letter(body: str) -> str:
    return f"Our ref: FOI 7788\n12 May 2022\nDear Mr Jones\nThank you for your request received on 20 April 2022.\n{body}\nYours sincerely\nInformation Team\n"


def test_outcome_of_a_letter_without_numbered_questions(tmp_path):
    refused = letter("We hold the minutes you asked for, but they are exempt under section 36(2)(b) of the "
                     "Freedom of Information Act, as disclosure would inhibit the free and frank exchange of views.")
    part = letter("Please find attached the minutes of the board meeting. The names of junior staff have been "
                  "redacted under section 40(2) of the Freedom of Information Act.")
    cost = letter("We estimate that complying with your request would exceed the appropriate limit, so we are "
                  "refusing it under section 12 of the Freedom of Information Act.")
    not_held = letter("The Council does not hold the information you requested under the Freedom of Information Act.")
    plain = letter("The Council spent £12,400 on taxis in 2021 under the Freedom of Information Act contract.")
    outcomes = [extract_text(tmp_path, t, f"{i}.txt").info.outcome for i, t in enumerate([refused, part, cost, not_held, plain])]
    assert outcomes == ["refused", "partially_successful", "refused", "not_held", None]
