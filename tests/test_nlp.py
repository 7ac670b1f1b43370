"""The entity stage: rule entities from the gazetteer and the pattern file, offsets into documents.text."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from pipeline.nlp import build_rules, canonical_provision, find_entities, find_entities_many, get_nlp
from pipeline.parse import parse_file

from conftest import SAMPLES

SAMPLE_FILES = sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.suffix in {".txt", ".pdf", ".html"})


def entities_of(text, label=None):
    return [(e.text, e.normalised) for e in find_entities(text) if label is None or e.label == label]


def test_moj_seed_entities():
    text = parse_file(SAMPLES / "seed/moj-foi-200612017-attachment.txt", "moj.txt").text
    ents = find_entities(text)
    found = {(e.label, e.normalised) for e in ents}
    assert ("ORG", "Ministry of Justice") in found
    assert ("ORG", "HM Prison and Probation Service") in found
    assert ("LAW", "s.22(1)") in found
    assert any(e.label == "LAW" and e.text == "section 22(1)" for e in ents)
    assert any(e.label in ("MONEY", "CARDINAL") and e.text == "29,000" and e.normalised == "29000" for e in ents)
    # The two redacted addresses in the letterhead and the one in the appeal paragraph.
    assert len([e for e in ents if e.label == "REDACTION"]) == 3
    assert not [e for e in ents if e.label == "EMAIL"]
    assert ("DATE", "2020-07-10") in found and ("DATE", "2013-14") in found


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_offsets_slice_the_document_text(path: Path):
    text = parse_file(path, str(path.relative_to(SAMPLES))).text
    ents = find_entities(text)
    previous_end = 0
    for e in ents:
        assert text[e.char_start:e.char_end] == e.text
        assert e.char_start >= previous_end  # sorted, never overlapping
        previous_end = e.char_end


@pytest.mark.parametrize("text, label, expected", [
    ("It cost £1.2m last year.", "MONEY", [("£1.2m", "1200000")]),
    ("A fee of £450 applies.", "MONEY", [("£450", "450")]),
    ("Up 12% on 2019.", "PERCENT", [("12%", "12")]),
    ("Your request of 10th July 2020.", "DATE", [("10th July 2020", "2020-07-10")]),
    ("Received 10/07/2020.", "DATE", [("10/07/2020", "2020-07-10")]),
    ("Figures for 2013/14 and FY2019/20.", "DATE", [("2013/14", "2013-14"), ("FY2019/20", "2019-20")]),
    ("Published in July 2020.", "DATE", [("July 2020", "2020-07")]),
    ("We rely on regulation 12(5)(c) of the EIR.", "LAW", [("regulation 12(5)(c)", "reg.12(5)(c)"), ("EIR", "EIR 2004")]),
    ("Exempt under s.40(2) and Section 12.", "LAW", [("s.40(2)", "s.40(2)"), ("Section 12", "s.12")]),
    ("Under the Freedom of Information Act 2000.", "LAW", [("Freedom of Information Act 2000", "FOIA 2000")]),
    ("See the Homelessness Reduction Act 2017.", "LAW", [("Homelessness Reduction Act 2017", "Homelessness Reduction Act 2017")]),
    ("Write to foi@example.gov.uk today.", "EMAIL", [("foi@example.gov.uk", "foi@example.gov.uk")]),
    ("Email:FOI@Example.nhs.uk", "EMAIL", [("FOI@Example.nhs.uk", "foi@example.nhs.uk")]),  # one token: split
    ("A grant of US$46,000.", "MONEY", [("US$46,000", "USD 46000")]),  # the currency kept
    ("See https://www.gov.uk/foi.", "URL", [("https://www.gov.uk/foi", "https://www.gov.uk/foi")]),
    ("Over 29,000 staff.", "CARDINAL", [("29,000", "29000")]),
])
def test_rule_entities(text, label, expected):
    assert entities_of(text, label) == expected


@pytest.mark.parametrize("text, placeholder", [
    ("Sent to [email address] on Monday", "[email address]"),
    ("Signed [name removed]", "[name removed]"),
    ("The author is [REDACTED].", "[REDACTED]"),
    ("The officer ████ ███ attended", "████ ███"),
    ("Contact xxxx.xxxxx@xxxxx.gov.uk", "xxxx.xxxxx@xxxxx.gov.uk"),
    ("Name: redacted under section 40(2)", "redacted under section 40(2)"),
])
def test_redactions(text, placeholder):
    assert [t for t, _ in entities_of(text, "REDACTION")] == [placeholder]
    assert not entities_of(text, "EMAIL")


def test_organisations_by_any_spelling_are_one_authority():
    text = ("The Information Commissioners Office (ICO) and the Information Commissioner’s Office; "
            "Ministry of Justice, MoJ; the moj website; Lancashire & South Cumbria NHS Foundation Trust.")
    orgs = entities_of(text, "ORG")
    assert [n for _, n in orgs] == [
        "Information Commissioner's Office", "Information Commissioner's Office", "Information Commissioner's Office",
        "Ministry of Justice", "Ministry of Justice", "Lancashire and South Cumbria NHS Foundation Trust",
    ]  # acronyms are case-sensitive: "moj" is not the Ministry


def test_numbers_that_are_not_quantities():
    text = "1) Tel: 01302 796000\nDoncaster DN4 8QN\nOur ref: FOI 2880\n2) We hold 17 records."
    assert entities_of(text, "CARDINAL") == [("17", "17")]


def test_long_documents_are_split_without_losing_offsets(monkeypatch):
    para = "On 10th July 2020 the Ministry of Justice paid £450 under section 22(1).\n"
    text = para * 40
    whole = find_entities(text)
    monkeypatch.setattr(get_nlp(), "max_length", len(para) * 3 + 5)
    pieces = find_entities(text)
    assert [(e.label, e.char_start, e.char_end) for e in pieces] == [(e.label, e.char_start, e.char_end) for e in whole]
    assert len(whole) == 40 * 4


def test_many_texts_at_once_match_one_at_a_time():
    texts = ["Ministry of Justice, 10/07/2020", "", "Kent Police paid £3"]
    assert find_entities_many(texts) == [find_entities(t) for t in texts]


def test_pipeline_is_built_once():
    assert get_nlp() is get_nlp()
    assert get_nlp().pipe_names[-3:] == ["foi_acronyms", "foi_names", "foi_regex_entities"]


@Language.component("test_stub_ner")
def stub_ner(doc):
    """Stands in for a statistical recogniser: a PERSON, and an ORG that a rule also covers."""
    doc.ents = [Span(doc, 1, 3, label="PERSON"), Span(doc, 5, 6, label="GPE")]
    return doc


def test_statistical_entities_are_kept_where_no_rule_overlaps():
    nlp = spacy.blank("en")
    nlp.add_pipe("test_stub_ner")
    build_rules(nlp)
    doc = nlp("Dear Millie Whittaker, the Ministry of Justice replied on 10/07/2020.")
    ents = [(e.label_, e.text) for e in doc.ents]
    assert ("PERSON", "Millie Whittaker") in ents
    assert ("ORG", "Ministry of Justice") in ents  # the rule wins over the model's overlapping GPE
    assert not [e for e in ents if e[0] == "GPE"]


@pytest.mark.parametrize("written, canonical", [
    ("section 22(1)", "s.22(1)"), ("s 40 (2)", "s.40(2)"), ("S.12", "s.12"), ("sections 21", "s.21"),
    ("Regulation 12(4)(b)", "reg.12(4)(b)"), ("reg. 13", "reg.13"), ("no provision", None),
])
def test_canonical_provision(written, canonical):
    assert canonical_provision(written) == canonical


def test_person_from_salutations_and_signatures_not_from_team_names():
    text = ("Dear Ms Jane Smith,\nThank you.\nYours sincerely\n\nJohn A. Brown\nInformation Governance Manager\n\n"
            "Dear Vanessa Fillis,\nDear Sir/Madam,\nDear Information Governance Team,\nKind regards\n"
            "Information Governance Team\nDear [name removed],\n")
    people = [(e.text, text[e.char_start:e.char_end]) for e in find_entities(text) if e.label == "PERSON"]
    assert people == [("Ms Jane Smith",) * 2, ("John A. Brown",) * 2, ("Vanessa Fillis",) * 2]
