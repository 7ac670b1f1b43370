"""The authorities gazetteer: canonical names for every spelling, and who a letter is from."""
from __future__ import annotations

from collections import Counter

import pytest

from pipeline.normalise.authorities import (
    authorities,
    canonical_authority,
    find_authority,
    is_known_authority,
    name_key,
)
from pipeline.parse import parse_file

from conftest import SAMPLES


def test_gazetteer_rows_are_complete_and_unambiguous():
    rows = authorities()
    assert len(rows) > 200
    assert all(a.name and a.kind for a in rows)
    names = {a.name for a in rows}
    # A successor is itself in the gazetteer.
    assert all(a.successor in names for a in rows if a.successor)
    # No spelling, acronym or domain belongs to two bodies.
    keys = Counter(name_key(n) for a in rows for n in {name_key(x): x for x in (a.name, *a.aliases)}.values())
    assert [k for k, n in keys.items() if n > 1] == []
    acronyms = Counter(x for a in rows for x in a.acronyms)
    assert [k for k, n in acronyms.items() if n > 1] == []
    domains = Counter(d for a in rows for d in a.domains)
    assert [k for k, n in domains.items() if n > 1] == []


@pytest.mark.parametrize("written, canonical", [
    ("Ministry of Justice", "Ministry of Justice"),
    ("the Ministry of Justice", "Ministry of Justice"),
    ("MoJ", "Ministry of Justice"),
    ("DCLG", "Ministry of Housing, Communities and Local Government"),
    ("Department for Communities and Local Government", "Ministry of Housing, Communities and Local Government"),
    ("Ministry of Housing, Communities & Local Government", "Ministry of Housing, Communities and Local Government"),
    ("Information Commissioners Office", "Information Commissioner's Office"),
    ("Information Commissioner’s Office", "Information Commissioner's Office"),
    ("Her Majesty's Prison and Probation Service", "HM Prison and Probation Service"),
    ("Lancashire & South Cumbria NHS Foundation Trust", "Lancashire and South Cumbria NHS Foundation Trust"),
    ("Rotherham, Doncaster and South Humber NHS Foundation Trust", "Rotherham Doncaster and South Humber NHS Foundation Trust"),
    ("foi@rdash.nhs.uk", "Rotherham Doncaster and South Humber NHS Foundation Trust"),
    ("www.tewv.nhs.uk", "Tees, Esk and Wear Valleys NHS Foundation Trust"),
    ("cnwl.nhs.uk", "Central and North West London NHS Foundation Trust"),
    ("Devon & Cornwall Police", "Devon and Cornwall Police"),
])
def test_canonical_authority(written, canonical):
    assert canonical_authority(written) == canonical
    assert is_known_authority(written)


def test_replaced_bodies_keep_their_own_name():
    # NOMS was replaced by HMPPS: a letter that names NOMS is filed under NOMS.
    assert canonical_authority("NOMS") == "National Offender Management Service"
    assert canonical_authority("National Offender Management Service") != canonical_authority("HMPPS")


@pytest.mark.parametrize("name", ["Nowhere Borough Council", "moj", "", "   ", "Ministry"])
def test_unknown_names(name):
    assert canonical_authority(name) is None
    assert not is_known_authority(name)


@pytest.mark.parametrize("path, authority", [
    ("seed/moj-foi-200612017-attachment.txt", "Ministry of Justice"),
    ("pdf/bsmhft-foi006-2021-s40.pdf", "Birmingham and Solihull Mental Health NHS Foundation Trust"),
    ("pdf/cornwall-foi-86420-ruled-table.pdf", "Cornwall Partnership NHS Foundation Trust"),
    ("pdf/devon-foi-21-22-003-s12.pdf", "Devon Partnership NHS Trust"),
    ("pdf/lscft-foi-2021-131-s12-quoted.pdf", "Lancashire and South Cumbria NHS Foundation Trust"),
    ("pdf/rdash-foi-2880-table-across-pages.pdf", "Rotherham Doncaster and South Humber NHS Foundation Trust"),
    ("pdf/somerset-foi-100455-numbered-qa.pdf", "Somerset NHS Foundation Trust"),
    ("wdtk/1000437.html", "Ministry of Housing, Communities and Local Government"),
])
def test_find_authority_on_samples(path, authority):
    doc = parse_file(SAMPLES / path, path)
    assert find_authority(doc.text) == authority


LETTER = """Freedom of Information Team
{head}
Dear Ms Smith,
Thank you for your request. {body}
If you are unhappy you may complain to the Information Commissioner's Office,
Wycliffe House, Water Lane, Wilmslow. www.ico.org.uk
Yours sincerely,
{signature}
"""


def test_letterhead_outweighs_authorities_mentioned_in_the_body():
    text = LETTER.format(head="Kent Police", body="Sussex Police and Surrey Police hold some of it; Sussex Police may help.", signature="Disclosure Officer")
    assert find_authority(text) == "Kent Police"


def test_appeal_body_is_not_the_sender():
    text = LETTER.format(head="", body="We hold the information.", signature="Information Governance\nNowhere Borough Council")
    assert find_authority(text) == "Nowhere Borough Council"  # unknown to the gazetteer: kept as written
    assert find_authority(LETTER.format(head="", body="", signature="")) is None


def test_appeal_body_in_its_own_letterhead_is_the_sender():
    text = "Information Commissioner's Office\nWycliffe House\nDear Sir\nWe have considered your request.\nYours sincerely"
    assert find_authority(text) == "Information Commissioner's Office"


def test_email_domain_names_the_sender():
    text = "Information Governance\nEmail: foi@tewv.nhs.uk\nDear Sir\nThe Trust holds no such records."
    assert find_authority(text) == "Tees, Esk and Wear Valleys NHS Foundation Trust"
