"""Exemption traps found by the second red team: a cost limit the authority says it did not need,
an internal review recounting the original refusal before dropping it, a review setting the
original decision aside, the authority's decision inside a span wrongly read as the question, and
a section of another Act known by the short name the letter gives it.
"""
from __future__ import annotations

import pytest

from pipeline.extract import extract
from pipeline.extract.exemptions import extract_exemptions, withdrawals
from pipeline.model import QAPair
from pipeline.parse import parse_file

from conftest import make_text_pdf, text_doc
from test_exemptions import relied


@pytest.mark.parametrize("sentence", [
    "Please note we have not needed to apply section 12 (the cost limit) to any part of your request.",
    "We did not have to rely on section 12 of the FOIA, as the information was readily to hand.",
    "We have not had to apply section 14 to this request.",
])
def test_a_provision_the_authority_did_not_need_is_not_relied_on(sentence):
    letter = f"Dear Sir\n\nThe information you asked for is attached.\n\n{sentence}\n\nYours sincerely\n"
    assert relied(letter) == []


def test_an_internal_review_recounting_a_refusal_it_then_drops_relies_on_nothing(tmp_path):
    letter = (
        "Our reference: IR-2023-0052290\n\nDear Mr Vasquez,\n\n"
        "Internal review of Freedom of Information request 2023-0041273\n\n"
        "Thank you for your email of 14 August 2023 in which you asked for an internal review of the handling "
        "of your request for information of 3 July 2023.\n\n"
        "The department responded on 1 August 2023. It withheld the list of schools under section 22(1) "
        "(information intended for future publication).\n\n"
        "The department published the list on 6 September 2023. As the list is now published, section 22 no "
        "longer applies and I have not relied on it in this review.\n\n"
        "Yours sincerely\nFOI Team"
    )
    path = make_text_pdf(tmp_path / "review.pdf", [letter])
    assert extract(parse_file(path, path.name)).exemptions == []


def test_a_review_keeps_the_reliance_it_does_not_withdraw():
    letter = """Dear Mr Vasquez,

The department withheld the list of schools under section 22(1) and the names of officials under section 40(2).

As the list is now published, section 22 no longer applies and I have not relied on it in this review. The names remain withheld under section 40(2).

Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.40(2)")]


def test_a_negation_about_part_of_the_information_does_not_withdraw_the_reliance():
    letter = """Dear Requester,

The names of staff have been withheld under section 40(2) of the FOIA.

Section 40(2) does not apply to the names of senior officers, which are included in the attached list.

Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.40(2)")]


def test_a_withdrawal_for_one_question_leaves_another_questions_reliance():
    letter = """Dear Requester,

Question 2: the prices are withheld under section 43(2) of the FOIA.

Question 3: we have not applied section 43(2) to question 3, and the figures are attached.

Yours sincerely"""
    qa_pairs = [QAPair(seq=i, number=n, question=n, answer=None, answer_status="unanswered") for i, n in enumerate("123")]
    rows = [(e.provision, e.qa_number) for e in extract_exemptions(text_doc(letter), qa_pairs)]
    assert rows == [("s.43(2)", "2")]


def test_an_exception_not_correctly_applied_is_withdrawn():
    letter = """Dear Mr Ashdown

Internal review: EDM review

We refused your request under regulation 12(4)(d) of the EIR, as the review was material still in the course of completion.

Having examined the information, I agree that the report is a completed document. The exception at regulation 12(4)(d) was therefore not correctly applied, and I have overturned the original decision. The report is attached.

The names of junior staff have been redacted under regulation 13(1) of the EIR, as they are personal data.

Yours sincerely"""
    assert relied(letter) == [("EIR 2004", "reg.13(1)")]


def test_a_review_overturning_the_whole_decision_cancels_the_refusal_it_recounts():
    letter = """Dear Ms Hart

The original response refused your request under section 43(2) of the FOIA.

I have reviewed the handling of your request and I have overturned the original decision. The contract is attached.

Yours sincerely"""
    assert relied(letter) == []


def test_a_review_overturning_the_decision_in_part_keeps_the_reliance():
    letter = """Dear Ms Hart

The original response refused your request under section 43(2) of the FOIA.

I have partly overturned the original decision: the contract is attached, but the unit prices remain withheld.

Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.43(2)")]


def test_withdrawals_are_reported_with_their_provision_and_offset():
    letter = "Dear Sir\n\nSection 22 no longer applies and I have not relied on it in this review.\n\nYours sincerely\n"
    doc = text_doc(letter)
    found = [(w.legislation, w.provision, w.char_start) for w in withdrawals(doc, [])]
    assert found == [("FOIA 2000", "s.22", doc.text.index("Section 22"))]


def _pair(doc, number: str, question: str, question_end_text: str) -> QAPair:
    """A question whose span runs from `question` to the end of `question_end_text` (as qa.py may read it)."""
    start = doc.text.index(question)
    end = doc.text.index(question_end_text) + len(question_end_text)
    return QAPair(
        seq=0, number=number, question=doc.text[start:end], answer=None, answer_status="refused",
        question_start=start, question_end=end, answer_start=None, answer_end=None,
    )


_HMRC = """Dear Ms Gallagher

Thank you for your request which we received on 7 May 2024. You asked:

1. How much corporation tax did Harbourside Logistics Ltd pay in 2022?
2. Has HMRC opened an investigation into Harbourside Logistics Ltd?

Questions 1 and 2

The information you asked for in question 1 is exempt under section 44(1)(a) of the FOIA. For question 2, section 44(2) of the FOIA removes the duty to confirm or deny, and we can neither confirm nor deny whether we hold it.

Yours sincerely"""


def test_the_authoritys_decision_inside_a_span_read_as_the_question_is_still_relied_on():
    doc = text_doc(_HMRC)
    pairs = [
        _pair(doc, "1", "How much corporation tax", "pay in 2022?"),
        _pair(doc, "2", "Has HMRC opened", "whether we hold it."),
    ]
    rows = [(e.provision, e.qa_number, e.decision) for e in extract_exemptions(doc, pairs)]
    assert rows == [("s.44(1)(a)", "1", "withheld"), ("s.44(2)", "2", "neither_confirm_nor_deny")]


def test_a_question_asking_whether_information_is_exempt_is_still_the_requesters():
    letter = """Dear FOI Team

3. Is the contract exempt under section 43(2)? If so, please provide the public interest test you applied.

Yours faithfully"""
    doc = text_doc(letter)
    pair = _pair(doc, "3", "Is the contract", "you applied.")
    assert extract_exemptions(doc, [pair]) == []


def test_a_section_of_an_act_the_letter_abbreviates_is_not_a_foia_section():
    letter = """Dear Ms Gallagher

HMRC has a statutory duty of confidentiality, set out in section 18(1) of the Commissioners for Revenue and Customs Act 2005 (CRCA). Section 23 of the CRCA provides that information relating to an identifiable person is exempt from disclosure under section 44(1)(a) of the FOIA.

Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.44(1)(a)")]


def test_a_citation_in_the_answer_cell_of_a_question_response_row_is_read_without_the_question():
    letter = ("Dear Sir,\n\nQuestion | Response\n3. Please provide the current Safe Staffing Policy. | This policy is "
              "published on our website and is therefore exempt under Section 21 of the Freedom of Information Act 2000.\n"
              "\nYours faithfully\n")
    assert [e.provision for e in extract_exemptions(text_doc(letter), [])] == ["s.21"]
