"""Property-based tests of the normalisers: they never raise, round-trip, and are idempotent."""
from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.nlp import find_entities, normalise
from pipeline.normalise.authorities import authorities, canonical_authority, find_authority
from pipeline.normalise.dates import find_dates, parse_date
from pipeline.normalise.legislation import canonical_legislation
from pipeline.normalise.numbers import parse_financial_year
from pipeline.normalise.text import clean_line, clean_text, one_line

DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


# How letters write a date (UK: day first).
DATE_FORMATS = [
    lambda d: f"{d.day} {d:%B %Y}",  # 10 July 2020
    lambda d: f"{d:%d %B %Y}",  # 03 July 2020
    lambda d: f"{ordinal(d.day)} {d:%B %Y}",  # 10th July 2020
    lambda d: f"{ordinal(d.day)} of {d:%B %Y}",  # 10th of July 2020
    lambda d: f"{d.day} {d:%b %Y}",  # 10 Jul 2020
    lambda d: f"{d.day} {d:%B}, {d.year}",  # 10 July, 2020
    lambda d: f"{d:%B} {d.day}, {d.year}",  # July 10, 2020
    lambda d: f"{d:%b} {ordinal(d.day)}, {d.year}",  # Jan 17th, 2019
    lambda d: f"{d:%d/%m/%Y}",  # 10/07/2020
    lambda d: f"{d.day}/{d.month}/{d.year}",  # 10/7/2020
    lambda d: f"{d:%d.%m.%Y}",  # 10.07.2020
    lambda d: d.isoformat(),  # 2020-07-10
    lambda d: f"{d.isoformat()} 09:30",  # ISO date and time
]


@given(DATES, st.sampled_from(DATE_FORMATS), st.sampled_from(["", "Dated ", "Your request of "]), st.sampled_from(["", ".", " at noon"]))
def test_parse_date_round_trips_every_written_form(d, fmt, before, after):
    written = fmt(d)
    assert parse_date(before + written + after) == d.isoformat()
    [(iso, start, end)] = find_dates(before + written + after)
    assert iso == d.isoformat() and (before + written + after)[start:end].startswith(written.split()[0])


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2049, 12, 31)))
def test_two_digit_years_of_this_century(d):
    assert parse_date(f"{d:%d.%m.%y}") == d.isoformat()


@given(st.text())
def test_parse_date_never_raises_and_gives_iso_or_none(s):
    iso = parse_date(s)
    assert iso is None or date.fromisoformat(iso)
    if iso:
        assert parse_date(iso) == iso  # idempotent


@given(st.text())
def test_relative_phrases_are_not_dates(s):
    assert parse_date(f"within 20 working days {s[:0]}") is None
    assert parse_date("July 2020") is None  # no day: not a complete date


LEGISLATION_FORMS = [
    "Freedom of Information Act 2000", "the Freedom of Information Act", "FOIA", "FoIA", "FOI Act",
    "Environmental Information Regulations 2004", "EIRs", "Freedom of Information (Scotland) Act 2002", "FOISA",
    "Data Protection Act 2018", "DPA 2018", "a subject access request",
]


@given(st.one_of(st.text(), st.sampled_from(LEGISLATION_FORMS)))
def test_canonical_legislation_never_raises_and_is_stable(s):
    name = canonical_legislation(s)
    assert name in (None, "FOIA 2000", "EIR 2004", "FOISA 2002", "DPA 2018")
    assert canonical_legislation(s) == name


@given(st.sampled_from(LEGISLATION_FORMS), st.text(alphabet=" .,;:()\n", max_size=5))
def test_canonical_legislation_ignores_surrounding_punctuation(form, noise):
    assert canonical_legislation(noise + form + noise) == canonical_legislation(form) is not None


@given(st.text())
def test_text_cleaning_is_idempotent(s):
    assert clean_line(clean_line(s)) == clean_line(s)
    assert clean_text(clean_text(s)) == clean_text(s)
    assert one_line(one_line(s)) == one_line(s)
    assert "\n" not in clean_line(s) or "\n" in s


AUTHORITY_FORMS = sorted({x for a in authorities() for x in (a.name, *a.aliases, *a.acronyms, *a.domains)})


@given(st.sampled_from(AUTHORITY_FORMS))
def test_canonical_authority_is_idempotent_on_every_gazetteer_form(form):
    canonical = canonical_authority(form)
    assert canonical is not None
    assert canonical_authority(canonical) == canonical


@given(st.sampled_from([a.name for a in authorities()]), st.sampled_from(["", "the ", "The "]), st.sampled_from(["", " ", "  "]))
def test_canonical_authority_ignores_case_and_spacing(name, article, pad):
    assert canonical_authority(pad + article + name.upper().replace(" ", "  ") + pad) == name


@given(st.text())
def test_authority_functions_never_raise(s):
    canonical = canonical_authority(s)
    assert canonical is None or canonical_authority(canonical) == canonical
    assert find_authority(s) is None or isinstance(find_authority(s), str)


@given(st.integers(1990, 2098), st.sampled_from(["{a}/{b2}", "{a} – {b2}", "{a}-{b}", "FY{a}/{b2}", "{a} - {b}"]))
def test_financial_years_have_one_label(year, fmt):
    written = fmt.format(a=year, b=year + 1, b2=f"{(year + 1) % 100:02d}")
    fy = parse_financial_year(written)
    assert fy.label == f"{year}-{(year + 1) % 100:02d}"
    assert parse_financial_year(fy.label) == fy
    assert normalise("DATE", written) == fy.label


TEXT_WITH_ENTITIES = st.lists(
    st.one_of(
        st.text(max_size=20),
        st.sampled_from([
            "Ministry of Justice", "MoJ", "section 40(2)", "£1,200", "12%", "10th July 2020", "2013 – 14",
            "[email address]", "xxxx@xxx.xx", "foi@tewv.nhs.uk", "https://www.gov.uk/x", "29,000", "\n", " ",
            "Freedom of Information Act 2000", "████", "reg. 12(5)(c)", "Kent Police",
        ]),
    ),
    max_size=25,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(TEXT_WITH_ENTITIES)
def test_entity_offsets_always_slice_the_text(text):
    previous_end = 0
    for e in find_entities(text):
        assert text[e.char_start:e.char_end] == e.text
        assert e.char_start >= previous_end and e.char_end > e.char_start
        previous_end = e.char_end


def test_iso_datetimes_and_two_digit_years_have_fixed_readings():
    from pipeline.normalise import parse_date

    assert parse_date("2020-07-10T12:00:00") == "2020-07-10"
    assert parse_date("01.01.75") == "1975-01-01"
    assert parse_date("31/12/49") == "2049-12-31"


def test_canonical_legislation_is_idempotent_on_its_own_names():
    from pipeline.normalise import canonical_legislation

    for name in ("FOIA 2000", "EIR 2004", "FOISA 2002", "DPA 2018"):
        assert canonical_legislation(name) == name
