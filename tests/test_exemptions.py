"""Exemptions relied on: every written form, the traps of merely mentioned provisions, the public interest test."""
from __future__ import annotations

import pytest

from pipeline.extract import extract
from pipeline.extract.exemptions import extract_exemptions, lookup, reference_table
from pipeline.model import QAPair
from pipeline.parse import parse_file

from conftest import SAMPLES, make_text_pdf, text_doc




def relied(text: str) -> list[tuple[str, str]]:
    return [(e.legislation, e.provision) for e in extract_exemptions(text_doc(text), [])]


_samples: dict[str, object] = {}


def sample(name: str):
    if name not in _samples:
        _samples[name] = extract(parse_file(SAMPLES / name, name))
    return _samples[name]


# --------------------------------------------------------------------------
# The reference table
# --------------------------------------------------------------------------


def test_reference_table_covers_each_regime_and_looks_up_by_longest_prefix():
    table = reference_table()
    assert {leg for leg, _ in table} == {"FOIA 2000", "EIR 2004", "FOISA 2002", "DPA 2018"}
    assert {row.kind for row in table.values()} == {"absolute", "qualified", "procedural"}
    assert lookup("FOIA 2000", "s.40(2)(a)").provision == "s.40(2)"
    assert lookup("FOIA 2000", "s.43(2)").name == "Commercial interests"
    assert lookup("FOIA 2000", "s.37(1)(a)").kind == "absolute" and lookup("FOIA 2000", "s.37(2)").kind == "qualified"
    assert lookup("EIR 2004", "reg.12(5)(c)").name == "Intellectual property rights"
    assert lookup("FOISA 2002", "s.38(1)(b)").name == "Personal information"
    # Provisions that are never grounds for withholding are absent on purpose.
    for provision in ("s.1(1)", "s.10", "s.16", "s.17", "s.50"):
        assert lookup("FOIA 2000", provision) is None
    assert lookup("EIR 2004", "reg.12(1)") is None


# --------------------------------------------------------------------------
# Written forms
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The names of staff are exempt from disclosure under section 40(2) of the FOIA.", [("FOIA 2000", "s.40(2)")]),
        ("We have withheld the names under s.40(2).", [("FOIA 2000", "s.40(2)")]),
        ("This information is exempt under s40(2) as it is personal data.", [("FOIA 2000", "s.40(2)")]),
        ("The information is exempt under Section 40 (2) of the Freedom of Information Act 2000.", [("FOIA 2000", "s.40(2)")]),
        ("The contract prices are exempt under section 43(2) (commercial interests).", [("FOIA 2000", "s.43(2)")]),
        ("The pricing schedules are withheld under sections 41 and 43(2) of the Act.", [("FOIA 2000", "s.41"), ("FOIA 2000", "s.43(2)")]),
        ("We have applied regulation 12(5)(b) and (e) to the reports.", [("EIR 2004", "reg.12(5)(b)"), ("EIR 2004", "reg.12(5)(e)")]),
        ("Information has been withheld under s.36(2)(b)(i) and (ii).", [("FOIA 2000", "s.36(2)(b)(i)"), ("FOIA 2000", "s.36(2)(b)(ii)")]),
        (
            "We are applying the exception at regulation 12(5)(c) of the Environmental Information Regulations 2004.",
            [("EIR 2004", "reg.12(5)(c)")],
        ),
        ("The names of the officers are withheld under reg 13.", [("EIR 2004", "reg.13")]),
        ("We are refusing your request under s12 of the FOIA.", [("FOIA 2000", "s.12")]),
        (
            "Section 12(1) of the FOIA allows a public authority to refuse a request where the cost of compliance "
            "would exceed the appropriate limit, and we are refusing your request on that basis.",
            [("FOIA 2000", "s.12(1)")],
        ),
        ("FOIA s.43(2) applies to the pricing schedule, which has been withheld.", [("FOIA 2000", "s.43(2)")]),
        ("FoIA 21\nInformation which is reasonably accessible to the applicant.", [("FOIA 2000", "s.21")]),
        ("EIR reg 12(4)(b) applies and the request is refused.", [("EIR 2004", "reg.12(4)(b)")]),
        ("We consider that section 36(2)(b)(ii) is engaged.", [("FOIA 2000", "s.36(2)(b)(ii)")]),
        ("The information is exempt under section 38(1)(b) of FOISA.", [("FOISA 2002", "s.38(1)(b)")]),
        (
            "We are withholding the notes under paragraph 16 of Schedule 2 to the Data Protection Act 2018.",
            [("DPA 2018", "sch.2 para.16")],
        ),
        ("Some information has been withheld under Schedule 2, Part 1, Paragraph 2 of the DPA 2018.", [("DPA 2018", "sch.2 para.2")]),
        ("We are unable to release the tender scores as they are covered by section 43(2).", [("FOIA 2000", "s.43(2)")]),
        ("Section 38 has been used for the locations of the refuges.", [("FOIA 2000", "s.38")]),
        # A condition cited beside its exemption is not a second exemption.
        ("We are withholding the names under sections 40(2) and 40(3A) of the Act.", [("FOIA 2000", "s.40(2)")]),
        ("The names are exempt under section 40(2) by virtue of section 40(3A)(a).", [("FOIA 2000", "s.40(2)")]),
    ],
)
def test_written_forms(sentence, expected):
    assert relied(sentence) == expected


def test_scottish_letter_reads_sections_as_foisa():
    letter = (
        "Freedom of Information (Scotland) Act 2002 - response\n"
        "I am withholding the draft report under section 30(b)(i), as disclosure would inhibit the free and frank "
        "exchange of views.\n"
        "If you are dissatisfied you may apply to the Scottish Information Commissioner under section 47(1) of FOISA."
    )
    assert relied(letter) == [("FOISA 2002", "s.30(b)(i)")]


# --------------------------------------------------------------------------
# Mentioned, not relied on
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We have not applied section 12 on this occasion.",
        "Section 14 does not apply to your request.",
        "The exemptions at sections 23 and 24 are not engaged.",
        "If we were to search every file, section 12 would apply.",
        "Even if the information were held, it would be exempt under section 40(2).",
        "Under section 16 of the Act we have a duty to provide advice and assistance.",
        "If you are not satisfied you may complain to the Information Commissioner under section 50 of the Act.",
        "This letter acts as a refusal notice under section 17 of the Act.",
        "Section 1(1) of the Act requires us to confirm whether we hold the information.",
        "Part II of the Act (sections 21 to 44) sets out the exemptions.",
        "Patients are entitled to section 117 aftercare under the Mental Health Act 1983.",
        "Assessments are carried out under section 22 of the Care Act 2014.",
        "Personal data is defined in section 3(2) of the Data Protection Act 2018.",
        "You can find the ICO's guidance on section 43 at ico.org.uk.",
        "The Act has exemptions that can apply to information, e.g. section 40 for personal data.",
        "If it is not possible to provide the information due to the cost limit in Section 12, please provide advice "
        "and assistance, under the Section 16 obligations of the Act.",
        'Section 2(3) reads: "For the purposes of this section, the following provisions of Part II (and no others) '
        'are to be regarded as conferring absolute exemption - section 21, section 23, section 32".',
        "Our ref: FOIA 24-001. The Trust's 40 beds are listed in the attached table.",
    ],
)
def test_traps_are_not_relied_on(sentence):
    assert relied(sentence) == []


def test_negation_is_read_per_clause():
    assert relied("We have withheld the names under section 40(2), but section 43 is not engaged.") == [
        ("FOIA 2000", "s.40(2)")
    ]


# --------------------------------------------------------------------------
# Letters: questions, merging, decisions, the public interest test
# --------------------------------------------------------------------------

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
Section 43(2) is a qualified exemption, so we have considered the public interest test.
Public interest arguments in favour of disclosure
\u2022 Transparency in the spending of public money.
\u2022 Accountability for the award of public contracts, including
whether the council obtained value for money.
Public interest arguments in favour of maintaining the exemption
\u2022 Disclosure would harm the contractor's position in future tenders.
On balance, we consider that the public interest favours withholding the pricing schedule.
3. The names of individual officers are exempt under sections 40(2) and 40(3A) of the Act, as disclosure would
contravene the data protection principles.

We have not applied section 12 to this request.
This letter acts as a refusal notice under section 17 of the Act for the information withheld. Under section 16
we are happy to offer advice and assistance.
If you are dissatisfied you may ask for an internal review, and then complain to the Information Commissioner
under section 50 of the Act.
Yours sincerely
Information Governance Team"""


def test_council_letter_links_each_exemption_to_its_question_with_the_public_interest_test():
    x = extract(text_doc(COUNCIL_LETTER))
    rows = [(e.legislation, e.provision, e.qa_number, e.public_interest_test, e.decision, e.kind) for e in x.exemptions]
    assert rows == [
        ("FOIA 2000", "s.43(2)", "2", True, "withheld", "qualified"),
        ("FOIA 2000", "s.40(2)", "3", False, "withheld", "absolute"),
    ]
    s43 = x.exemptions[0]
    assert s43.factors_for_disclosure == [
        "Transparency in the spending of public money.",
        "Accountability for the award of public contracts, including whether the council obtained value for money.",
    ]
    assert s43.factors_for_withholding == ["Disclosure would harm the contractor's position in future tenders."]
    assert s43.name == "Commercial interests"
    assert "withheld under section 43(2)" in s43.quote
    assert x.parsed.text[s43.char_start : s43.char_end] == "section 43(2)"
    status = {q.number: q.answer_status for q in x.qa_pairs}
    assert status["2"] in ("withheld", "partly_withheld") and status["3"] in ("withheld", "partly_withheld")


COST_LIMIT_LETTER = """Our reference: FOI 2022-118
Dear Mr Jones
You asked:
1. How many complaints about noise did the council receive in 2021?
2. How many of those complaints led to an abatement notice?
3. For each complaint, what was the street name?

We estimate that it would take more than 18 hours to review each case file for questions 1 and 3, so this
information is exempt under section 12 of the Freedom of Information Act as the cost of compliance would
exceed the appropriate limit.
The answer to question 2 is 14.
We have not applied section 14, and we do not consider your request vexatious.
If you were to narrow your request to a single month, section 12 would not apply.
Yours sincerely"""


def test_cost_limit_named_for_two_questions_gives_one_row_each_and_refuses_them():
    x = extract(text_doc(COST_LIMIT_LETTER))
    assert [(e.provision, e.qa_number, e.decision) for e in x.exemptions] == [("s.12", "1", "refused"), ("s.12", "3", "refused")]


EIR_LETTER = """Environmental Information Regulations 2004 - request EIR 789
Dear Sir
The consultant's report on the flood defence scheme is attached, with the costings removed. The costings
are excepted from disclosure under regulation 12(5)(e) of the Environmental Information Regulations, as
they are commercially confidential. We have considered the public interest test.
Factors in favour of disclosure:
- The public interest in understanding flood defence spending.
Factors in favour of withholding:
- Protecting the contractor's legitimate economic interest.
- Maintaining the council's ability to obtain competitive bids.
Having weighed these factors, the public interest favours maintaining the exception.
Residents' names have been redacted under reg 13.
Regulation 12(4)(a) does not apply, as we hold the information.
Yours faithfully"""


def test_eir_letter():
    exemptions = extract_exemptions(text_doc(EIR_LETTER), [])
    assert [(e.legislation, e.provision, e.public_interest_test) for e in exemptions] == [
        ("EIR 2004", "reg.12(5)(e)", True),
        ("EIR 2004", "reg.13", False),
    ]
    assert len(exemptions[0].factors_for_disclosure) == 1 and len(exemptions[0].factors_for_withholding) == 2


def test_two_exemptions_weighed_one_after_the_other_keep_their_own_considerations():
    letter = """The draft minutes are withheld under section 36(2)(b)(ii) of the FOIA.
Public interest factors in favour of disclosure
• Openness about how decisions are reached.
Public interest factors in favour of withholding
• Officials need a safe space to deliberate.
• Disclosure would inhibit frank advice.
On balance the public interest favours withholding the minutes.
The tender prices are withheld under section 43(2) of the FOIA.
Public interest factors in favour of disclosure
• Value for money in public procurement.
• Fair competition between bidders.
Public interest factors in favour of withholding
• Harm to the bidders' commercial position.
On balance the public interest favours withholding the prices."""
    s36, s43 = extract_exemptions(text_doc(letter), [])
    assert (s36.provision, s36.public_interest_test, len(s36.factors_for_disclosure), len(s36.factors_for_withholding)) == (
        "s.36(2)(b)(ii)", True, 1, 2
    )
    assert (s43.provision, s43.public_interest_test) == ("s.43(2)", True)
    assert s43.factors_for_disclosure == ["Value for money in public procurement.", "Fair competition between bidders."]
    assert s43.factors_for_withholding == ["Harm to the bidders' commercial position."]


def test_absolute_exemption_without_a_public_interest_test():
    letter = (
        "The witness statements are exempt under section 41 of the FOIA, as they were provided in confidence. "
        "This is an absolute exemption, so there is no requirement to consider the public interest."
    )
    [exemption] = extract_exemptions(text_doc(letter), [])
    assert (exemption.provision, exemption.kind, exemption.public_interest_test) == ("s.41", "absolute", False)


def test_neither_confirm_nor_deny():
    letter = (
        "In accordance with section 40(5) of the FOIA, we neither confirm nor deny whether we hold information "
        "about the named individual."
    )
    [exemption] = extract_exemptions(text_doc(letter), [])
    assert (exemption.provision, exemption.decision) == ("s.40(5)", "neither_confirm_nor_deny")


def test_provision_inside_the_question_is_the_requesters_not_relied_on():
    letter = """Dear Requester
You asked:
3. Has the council relied on section 41 to withhold the details of any contract since 2020?
Our answer:
3. Yes, the council relied on section 43(2) to withhold the prices of two contracts in 2021.
Yours sincerely"""
    doc = text_doc(letter)
    question = "Has the council relied on section 41 to withhold the details of any contract since 2020?"
    answer = "Yes, the council relied on section 43(2) to withhold the prices of two contracts in 2021."
    q_start, a_start = doc.text.index(question), doc.text.index(answer)
    pair = QAPair(
        seq=0, number="3", question=question, answer=answer, answer_status="answered",
        question_start=q_start, question_end=q_start + len(question), answer_start=a_start, answer_end=a_start + len(answer),
    )
    assert [(e.provision, e.qa_number) for e in extract_exemptions(doc, [pair])] == [("s.43(2)", "3")]


def test_pdf_letter_keeps_page_and_offsets(tmp_path):
    path = make_text_pdf(
        tmp_path / "letter.pdf",
        [
            "Dear Sir\nThank you for your request for the inspection reports.",
            "The 2023 report will be published in June. It is exempt under section 22(1) of the Freedom of\n"
            "Information Act 2000, because it is intended for future publication.",
        ],
    )
    doc = parse_file(path, path.name)
    [exemption] = extract_exemptions(doc, [])
    assert (exemption.provision, exemption.page) == ("s.22(1)", 2)
    assert doc.text[exemption.char_start : exemption.char_end] == "section 22(1)"


# --------------------------------------------------------------------------
# The real samples
# --------------------------------------------------------------------------


def rows(name: str) -> list[tuple]:
    return [(e.legislation, e.provision, e.qa_number, e.public_interest_test, e.decision) for e in sample(name).exemptions]


def test_moj_seed_future_publication_with_its_public_interest_considerations():
    assert rows("seed/moj-foi-200612017-attachment.txt") == [("FOIA 2000", "s.22(1)", "3", True, "withheld")]
    [exemption] = sample("seed/moj-foi-200612017-attachment.txt").exemptions
    assert len(exemption.factors_for_disclosure) == 1
    assert len(exemption.factors_for_withholding) == 2
    assert exemption.factors_for_disclosure[0].startswith("Publication would encourage and promote transparency")


def test_devon_cost_limit_for_two_answers():
    assert rows("pdf/devon-foi-21-22-003-s12.pdf") == [
        ("FOIA 2000", "s.12", "1", False, "refused"),
        ("FOIA 2000", "s.12", "3", False, "refused"),
    ]


def test_bsmhft_section_40_and_not_the_mental_health_act():
    assert rows("pdf/bsmhft-foi006-2021-s40.pdf") == [("FOIA 2000", "s.40", "2", False, "withheld")]


def test_rdash_reasonably_accessible():
    assert rows("pdf/rdash-foi-2880-table-across-pages.pdf") == [("FOIA 2000", "s.21", None, False, "refused")]


@pytest.mark.parametrize(
    "name",
    [
        "pdf/lscft-foi-2021-131-s12-quoted.pdf",  # the requester's Section 12 / Section 16 wording
        "pdf/somerset-foi-100455-numbered-qa.pdf",
        "pdf/cornwall-foi-86420-ruled-table.pdf",
        "wdtk/1405481.html",  # Local Government Act 1999 sections quoted by the requester
    ],
)
def test_samples_relying_on_nothing(name):
    assert sample(name).exemptions == []

