"""Exemption traps found in realistic letters written by red-team testers: a provision the
authority says it could have used but did not, FOIA section 39 only routing a request to the
EIR, a public interest test weighed for two provisions at once, a description of what a
provision allows, and a reliance sentence inside a span wrongly read as the question.
"""
from __future__ import annotations

import pytest

from pipeline.extract import extract
from pipeline.extract.exemptions import extract_exemptions
from pipeline.model import QAPair
from pipeline.parse import parse_file

from conftest import make_text_pdf, text_doc
from test_exemptions import relied


def test_a_provision_that_could_have_been_used_but_was_not_is_not_relied_on():
    letter = """Dear Requester,
We received 212 complaints in 2022/23.
Some of this information could have been withheld as future publication under section 22, but as the figures are now final we have decided to release them to you.
We might have relied on section 43(2) for the contract values; we have released them.
Yours sincerely"""
    assert relied(letter) == []


def test_a_counterfactual_does_not_hide_a_reliance_in_another_clause():
    letter = """Dear Requester,
The report could have been withheld under section 22, but we have instead withheld the names of junior staff under section 40(2).
Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.40(2)")]


def test_section_39_only_routes_an_environmental_request_to_the_eir():
    letter = """Dear Requester,
Environmental information is exempt from the Freedom of Information Act under section 39 and is instead handled under the EIR.
(1) The monitoring data is attached.
(2) The draft modelling report is withheld under regulation 12(4)(d) of the EIR, as it is still in the course of completion.
Yours sincerely"""
    assert relied(letter) == [("EIR 2004", "reg.12(4)(d)")]


def test_section_39_routing_the_requested_information_is_not_a_withholding_either():
    letter = """Dear Requester,
The information is exempt under section 39 of the FOIA as it is environmental information; we have considered your request under the Environmental Information Regulations 2004.
The information is attached.
Yours sincerely"""
    assert relied(letter) == []


def test_scottish_section_39_2_routes_to_the_eisrs_but_section_39_1_withholds():
    routed = """Dear Requester,
The information is exempt under section 39(2) of FOISA as it is environmental information, and we have dealt with your request under the Environmental Information (Scotland) Regulations 2004.
The readings are attached.
Yours sincerely"""
    withheld = """Dear Requester,
The locations are exempt under section 39(1) of FOISA, as disclosure would endanger the health and safety of staff.
Yours sincerely"""
    assert relied(routed) == []
    assert relied(withheld) == [("FOISA 2002", "s.39(1)")]


def test_section_39_with_no_eir_named_stays_a_reliance():
    letter = """Dear Requester,
The information is exempt under section 39 of the Freedom of Information Act 2000.
Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.39")]


def test_both_exemptions_of_one_sentence_take_its_public_interest_test(tmp_path):
    letter = [
        "Dear Requester,\n"
        "Thank you for your request of 17 October 2023. You asked for the addresses of buildings with ACM cladding.\n"
        "We hold this information but it is being withheld under section 38(1)(b) (health and safety) and section 24(1) "
        "(national security) of the Act. Both exemptions are qualified and subject to the public interest test.\n"
        "In favour of disclosure, residents want to know. Against disclosure, the risk to residents is significant. "
        "We have concluded that the public interest in maintaining the exemptions outweighs the public interest in disclosure.\n"
        "Yours sincerely,\nFOI Team"
    ]
    path = make_text_pdf(tmp_path / "cladding.pdf", letter)
    found = extract(parse_file(path, path.name)).exemptions
    assert sorted((e.provision, e.public_interest_test) for e in found) == [("s.24(1)", True), ("s.38(1)(b)", True)]


def test_a_public_interest_test_for_one_exemption_stays_with_it():
    letter = """Dear Requester,
The names of staff are withheld under section 40(2). The contract prices are withheld under section 43(2).
This exemption is qualified and subject to the public interest test. We have concluded that the public interest in maintaining the exemption outweighs the public interest in disclosure.
Yours sincerely"""
    found = {e.provision: e.public_interest_test for e in extract_exemptions(text_doc(letter), [])}
    assert found == {"s.40(2)": False, "s.43(2)": True}


def test_what_a_provision_allows_a_public_authority_to_do_is_not_the_reliance():
    letter = """Dear Requester,
However, section 12(1) of the Act allows a public authority to refuse a request where it estimates that the cost of complying would exceed the appropriate limit.
To answer your request we would need to review 62,000 records by hand. We are therefore refusing your request under section 12 of the Act.
Yours sincerely"""
    assert relied(letter) == [("FOIA 2000", "s.12")]


def _pair(doc, number: str, question: str, question_end_text: str) -> QAPair:
    """A question whose span runs from `question` to the end of `question_end_text` (as qa.py may read it)."""
    start = doc.text.index(question)
    end = doc.text.index(question_end_text) + len(question_end_text)
    return QAPair(
        seq=0, number=number, question=doc.text[start:end], answer=None, answer_status="refused",
        question_start=start, question_end=end, answer_start=None, answer_end=None,
    )


def test_the_authoritys_refusal_inside_a_span_read_as_the_question_is_still_relied_on():
    letter = """Dear Requester,
You asked for the following information:
3. The name of the agency supplying each shift.
Section 12(1) of the Act allows a public authority to refuse a request where the cost of complying would exceed the appropriate limit. To answer your request we would need to review 62,000 records by hand. We are therefore refusing your request under section 12 of the Act.
Yours sincerely"""
    doc = text_doc(letter)
    pair = _pair(doc, "3", "The name of the agency", "under section 12 of the Act.")
    assert [(e.provision, e.decision) for e in extract_exemptions(doc, [pair])] == [("s.12", "refused")]


def test_the_requesters_own_words_in_the_question_are_still_not_relied_on():
    letter = """Dear Requester,
You asked for the following information:
3. How many requests has the council refused under section 12 in 2022? Has the council relied on section 14 at all?
Our answer:
3. 41 requests were refused. Section 14 was applied twice.
Yours sincerely"""
    doc = text_doc(letter)
    pair = _pair(doc, "3", "How many requests", "section 14 at all?")
    assert [e.provision for e in extract_exemptions(doc, [pair])] == ["s.14"]


@pytest.mark.parametrize("sentence", [
    "Although your requests are frequent, we have not treated your request as vexatious under section 14(1) of the FOIA.",
    "Your request has not been regarded as a repeated request under section 14(2).",
])
def test_a_request_not_treated_as_vexatious_or_repeated_is_no_section_14(sentence):
    assert extract_exemptions(text_doc(f"Dear Mr Khan,\n\n{sentence}\n\nYours sincerely\n"), []) == []


def test_a_request_treated_as_vexatious_is_refused_under_section_14():
    letter = "Dear Mr Khan,\n\nWe consider your request to be vexatious under section 14(1) of the FOIA and it is refused.\n"
    assert [e.provision for e in extract_exemptions(text_doc(letter), [])] == ["s.14(1)"]


def test_each_citation_goes_to_the_part_named_in_its_own_clause():
    letter = ("Dear Ms Obi,\n\nYou asked for (a) the number of stops, (b) the dates, (c) the names of the officers and "
              "(d) the selection criteria.\n\nThe names at part (c) are withheld under section 40(2), and the criteria "
              "at part (d) under section 31(1)(a).\n\nYours sincerely\n")
    qa_pairs = [QAPair(seq=i, number=n, question=q, answer=None, answer_status="unanswered")
                for i, (n, q) in enumerate((("a", "the number of stops"), ("b", "the dates"),
                                            ("c", "the names of the officers"), ("d", "the selection criteria")))]
    rows = [(e.provision, e.qa_number) for e in extract_exemptions(text_doc(letter), qa_pairs)]
    assert rows == [("s.40(2)", "c"), ("s.31(1)(a)", "d")]


def test_each_citation_goes_to_the_part_named_next_to_it_without_a_comma():
    letter = ("Dear Ms Obi,\n\nYou asked for (a) the number of stops, (b) the dates, (c) the names of the officers and "
              "(d) the selection criteria.\n\nPart (c) is exempt by virtue of section 40(2) and part (d) is exempt by "
              "virtue of sections 31(1)(a) and (b).\n\nYours sincerely\n")
    qa_pairs = [QAPair(seq=i, number=n, question=n, answer=None, answer_status="unanswered")
                for i, n in enumerate("abcd")]
    rows = [(e.provision, e.qa_number) for e in extract_exemptions(text_doc(letter), qa_pairs)]
    assert rows == [("s.40(2)", "c"), ("s.31(1)(a)", "d"), ("s.31(1)(b)", "d")]
