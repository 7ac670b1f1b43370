"""The entity stage on realistic FOI letter text: redactions, money, dates, provisions and Acts, people,
addresses, and offsets into documents.text however long the text."""
from __future__ import annotations

import re

import pytest

from pipeline.nlp import find_entities, find_entities_many, get_nlp

LETTER = """Leeds City Council
Information Governance Team
PO Box 837, Leeds LS1 9PZ
Our ref: FOI 2020/1234

3rd March 2021

Dear Ms Jane Smith,

Freedom of Information Act 2000 - request for information

Thank you for your request of 10 February 2021. The Council spent £1,234.56 on agency staff in
Q1 2020/21 and £1.2m over the financial year 2020/21. Names of junior officers are [REDACTED];
some figures are withheld under section 43(2) of the Act, and we rely on sections 41 and 43(2)
and regulation 12(5)(e) of the EIR for the rest. Contact foi@leeds.gov.uk or visit
https://www.leeds.gov.uk/your-council/
freedom-of-information/disclosure-log for earlier responses.

Yours sincerely

John A. Brown
Information Governance Officer
"""


def entities_of(text: str, label: str) -> list[tuple[str, str | None]]:
    return [(e.text, e.normalised) for e in find_entities(text) if e.label == label]


def assert_offsets_slice(text: str, entities) -> None:
    """Every entity is the text at its offsets, in order, and no two overlap."""
    previous_end = 0
    for e in entities:
        assert text[e.char_start:e.char_end] == e.text
        assert e.char_start >= previous_end, e
        previous_end = e.char_end


# --------------------------------------------------------------------------
# REDACTION
# --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, placeholder, normalised", [
    ("The report was written by [REDACTED] in May.", "[REDACTED]", "redacted"),
    ("Author: [Redacted under section 40(2)]", "[Redacted under section 40(2)]", "redacted under section 40(2)"),
    ("Please contact [name removed] for details.", "[name removed]", "name removed"),
    ("The officer ████ attended the panel.", "████", "redacted"),
    ("Signed by XXXX XXXX, Head of Service.", "XXXX XXXX", "redacted"),
    ("Email xxxxx@xxxx.gov.uk with any queries.", "xxxxx@xxxx.gov.uk", "email address"),
    ("Name of manager: *****", "*****", "redacted"),
    ("Reply to [email address] within 20 days.", "[email address]", "email address"),
    ("Send it to [FOI #123456 email] please.", "[FOI #123456 email]", "email address"),
    ("Dear [Personal data removed by WhatDoTheyKnow],", "[Personal data removed by WhatDoTheyKnow]",
     "personal data removed by whatdotheyknow"),
    ("Caseworker | withheld under s.40(2) | Band 5", "withheld under s.40(2)", "redacted"),
])
def test_redaction_placeholders(sentence, placeholder, normalised):
    assert entities_of(sentence, "REDACTION") == [(placeholder, normalised)]
    assert not entities_of(sentence, "EMAIL") and not entities_of(sentence, "PERSON")


def test_withholding_in_a_sentence_cites_a_law_and_is_no_redaction():
    text = "Some figures are withheld under section 43(2) of the Act as they are commercially sensitive."
    assert entities_of(text, "LAW") == [("section 43(2)", "s.43(2)")]
    assert not entities_of(text, "REDACTION")


def test_asterisks_that_are_no_redaction():
    text = ("Table 2: referrals by ward\nWard A | 12\nWard B | *\nWard C | 7**\n\n"
            "* fewer than five referrals, suppressed\n** provisional\n"
            "*******************************\n"
            "He was told to \"f*** off\" by a caller.\n")
    assert not entities_of(text, "REDACTION")


def test_bracketed_notes_that_name_no_removal_are_no_redaction():
    text = "Staff numbers [Note: the number: see table 3] rose; see also [1] and [appendix A]."
    assert not entities_of(text, "REDACTION")


# --------------------------------------------------------------------------
# MONEY: the amount in figures, after an ISO code unless it is in pounds
# --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, amount, normalised", [
    ("The contract cost £1,234.56 in total.", "£1,234.56", "1234.56"),
    ("Spend rose to £1.2m last year.", "£1.2m", "1200000"),
    ("A grant of £12k was paid.", "£12k", "12000"),
    ("The scheme cost £3 million.", "£3 million", "3000000"),
    ("Invoices of GBP 1,000 were paid.", "GBP 1,000", "1000"),
    ("A fine of 450 pounds was issued.", "450 pounds", "450"),
    ("Salaries range £10,000 - £20,000 a year.", "£10,000 - £20,000", "10000-20000"),
    ("Bands of £10-20k apply.", "£10-20k", "10000-20000"),
    ("Licences cost $10 each.", "$10", "USD 10"),
    ("A grant of US$46,000 was made.", "US$46,000", "USD 46000"),
    ("The conference fee was €2,500.", "€2,500", "EUR 2500"),
    ("The fee was EUR 2,500.", "EUR 2,500", "EUR 2500"),
    ("Quotes of $10–20k were received.", "$10–20k", "USD 10000-20000"),
])
def test_money(sentence, amount, normalised):
    assert entities_of(sentence, "MONEY") == [(amount, normalised)]


def test_money_normalised_is_one_shape():
    """A number, or a range of two, after the currency's ISO code when it is not pounds: never a bare
    number for a dollar amount, which would read as pounds."""
    text = ("Costs: £1,234.56; GBP 1.2m; £10k–£20k; 1,000 GBP; $10; US$46,000; €5; EUR 7,000; "
            "A$300; £3 million and $1.5bn.")
    money = entities_of(text, "MONEY")
    assert len(money) == 11
    shape = re.compile(r"(?:[A-Z]{3} )?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?")
    assert all(shape.fullmatch(n) for _, n in money), money
    assert [n for t, n in money if "$" in t or "€" in t or "EUR" in t] == [
        "USD 10", "USD 46000", "EUR 5", "EUR 7000", "AUD 300", "USD 1500000000"]


# --------------------------------------------------------------------------
# DATE
# --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, date, normalised", [
    ("Your request of 3rd March 2021 was received.", "3rd March 2021", "2021-03-03"),
    ("Spend in Q1 2021 fell.", "Q1 2021", "2021-Q1"),
    ("Spend in Q1 2020/21 fell.", "Q1 2020/21", "2020-21 Q1"),
    ("Spend in quarter 2 of 2019 fell.", "quarter 2 of 2019", "2019-Q2"),
    ("Spend in 2020/21 Q3 fell.", "2020/21 Q3", "2020-21 Q3"),
    ("Spend in Q4 FY2019/20 fell.", "Q4 FY2019/20", "2019-20 Q4"),
])
def test_dates_and_quarters(sentence, date, normalised):
    assert entities_of(sentence, "DATE") == [(date, normalised)]


def test_references_section_numbers_and_times_are_no_dates_or_numbers():
    text = ("Our ref: FOI 2020/1234. Your reference FOI/2021/0457 and case RFI 2021/22-003.\n"
            "We rely on section 40(2) and section 12(1).\nThe panel met at 10:30 and again at 14:15.\n")
    assert not entities_of(text, "DATE")
    assert not entities_of(text, "CARDINAL")


# --------------------------------------------------------------------------
# LAW
# --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, laws", [
    ("The information is exempt under section 40(2).", [("section 40(2)", "s.40(2)")]),
    ("We rely on sections 41 and 43(2) to withhold it.", [("sections 41 and 43(2)", "s.41, s.43(2)")]),
    ("We rely on section 40(2), regulation 13 and section 41.",
     [("section 40(2)", "s.40(2)"), ("regulation 13", "reg.13"), ("section 41", "s.41")]),
    ("Regulation 12(5)(e) applies to the rest.", [("Regulation 12(5)(e)", "reg.12(5)(e)")]),
    ("The exemptions are in sections 21 to 44.", [("sections 21 to 44", "s.21-s.44")]),
    ("This is exempt under FoIA 21 as it is published.", [("FoIA 21", "s.21")]),
    ("Under Schedule 2, Part 1, paragraph 2 of the DPA 2018.",
     [("Schedule 2, Part 1, paragraph 2", "sch.2 para.2"), ("DPA 2018", "DPA 2018")]),
])
def test_provisions(sentence, laws):
    assert entities_of(sentence, "LAW") == laws


@pytest.mark.parametrize("sentence, act", [
    ("Reference the Local Government Act 1999 for best value duties.", "Local Government Act 1999"),
    ("Pursuant to the Town and Country Planning Act 1990, we publish it.", "Town and Country Planning Act 1990"),
    ("Protected by the Copyright, Designs and Patents Act 1988.", "Copyright, Designs and Patents Act 1988"),
    ("Powers under the Police, Crime, Sentencing and Courts Act 2022.", "Police, Crime, Sentencing and Courts Act 2022"),
    ("See the Anti-social Behaviour, Crime and Policing Act 2014.", "Anti-social Behaviour, Crime and Policing Act 2014"),
    ("Under the Representation of the People Act 1983.", "Representation of the People Act 1983"),
    ("In Leeds, Housing Act 1996 duties fall to the Council.", "Housing Act 1996"),
])
def test_acts_by_name_are_the_name_alone(sentence, act):
    assert entities_of(sentence, "LAW") == [(act, act)]


def test_glued_section_numbers_of_other_acts_name_things():
    text = ("The Trust funds S117 aftercare for 42 patients under the Mental Health Act 1983. "
            "S106 agreements and S278 works are listed. Aftercare under s117 of the Mental Health Act is free. "
            "We withhold names under S40(2) and costs under s43; section 117 applies.")
    assert entities_of(text, "LAW") == [
        ("Mental Health Act 1983", "Mental Health Act 1983"), ("s117", "s.117"),
        ("Mental Health Act", "Mental Health Act 1983"), ("S40(2)", "s.40(2)"), ("s43", "s.43"), ("section 117", "s.117"),
    ]


# --------------------------------------------------------------------------
# PERSON
# --------------------------------------------------------------------------

@pytest.mark.parametrize("text, people", [
    ("Dear Mr O'Brien,\nThank you for your request.", ["Mr O'Brien"]),
    ("Dear Ms McDonald\nThank you for your request.", ["Ms McDonald"]),
    ("Dear Prof. Anne-Marie O'Neill,\nThank you.", ["Prof. Anne-Marie O'Neill"]),
    ("Kind regards,\nDr. A. Patel\nCaldicott Guardian", ["Dr. A. Patel"]),
    ("Yours sincerely\n\nMrs J Bloggs\nHead of Information Governance", ["Mrs J Bloggs"]),
    ("Kind regards\n \nSiobhán Ní Bhriain\nData Protection Officer", ["Siobhán Ní Bhriain"]),
    ("Many thanks\n\nSarah Jones | Information Governance Lead", ["Sarah Jones"]),
    ("Jane Smith made this Freedom of Information request to Leeds City Council", ["Jane Smith"]),
    ("Jane Smith — 12 March 2021\nDear Leeds City Council,", ["Jane Smith"]),
])
def test_people_in_salutations_signatures_and_request_pages(text, people):
    assert [t for t, _ in entities_of(text, "PERSON")] == people


def test_no_people_in_team_names_or_mailboxes():
    text = ("Dear Sir/Madam,\nDear FOI Team,\nDear Freedom of Information Officer,\nDear Requester,\n"
            "Yours sincerely,\n\nFreedom of Information Officer\n\nKind regards\n\nInformation Rights Team\n\n"
            "Yours faithfully,\n\nDespatch Box\n\nDespatch Box — 19 June 2017\nOur reference: 3112345\n")
    assert not entities_of(text, "PERSON")


# --------------------------------------------------------------------------
# EMAIL and URL
# --------------------------------------------------------------------------

def test_email_addresses():
    text = ("Write to <foi@leeds.gov.uk>, (FOI.Requests@nhs.net) or j.o'brien@kent.gov.uk. "
            "Our address is foi [at] kent [dot] police [dot] uk and 'dpo@kent.gov.uk'.")
    assert entities_of(text, "EMAIL") == [
        ("foi@leeds.gov.uk", "foi@leeds.gov.uk"), ("FOI.Requests@nhs.net", "foi.requests@nhs.net"),
        ("j.o'brien@kent.gov.uk", "j.o'brien@kent.gov.uk"),
        ("foi [at] kent [dot] police [dot] uk", "foi@kent.police.uk"), ("dpo@kent.gov.uk", "dpo@kent.gov.uk"),
    ]


def test_web_addresses_wrapped_over_two_lines_are_one():
    text = ("See https://www.leeds.gov.uk/your-council/\nfreedom-of-information/disclosure-log for the log, or\n"
            "https://example.nhs.uk/very-long-\npath/page.html (the policy).\n"
            "Our website is www.gov.uk\nPlease contact us and/or write.\n"
            "Complain to the ICO (https://ico.org.uk/make-a-complaint).")
    assert entities_of(text, "URL") == [
        ("https://www.leeds.gov.uk/your-council/\nfreedom-of-information/disclosure-log",
         "https://www.leeds.gov.uk/your-council/freedom-of-information/disclosure-log"),
        ("https://example.nhs.uk/very-long-\npath/page.html", "https://example.nhs.uk/very-long-path/page.html"),
        ("www.gov.uk", "www.gov.uk"),
        ("https://ico.org.uk/make-a-complaint", "https://ico.org.uk/make-a-complaint"),
    ]


# --------------------------------------------------------------------------
# Offsets, however the text is cut
# --------------------------------------------------------------------------

def test_a_whole_letter_slices_its_text():
    ents = find_entities(LETTER)
    assert_offsets_slice(LETTER, ents)
    found = {(e.label, e.normalised) for e in ents}
    assert {("PERSON", "Ms Jane Smith"), ("PERSON", "John A. Brown"), ("REDACTION", "redacted"),
            ("LAW", "s.43(2)"), ("LAW", "s.41, s.43(2)"), ("LAW", "reg.12(5)(e)"), ("DATE", "2020-21 Q1"),
            ("MONEY", "1200000"), ("EMAIL", "foi@leeds.gov.uk")} <= found


def test_texts_longer_than_a_piece_keep_their_offsets(monkeypatch):
    text = LETTER * 12
    whole = find_entities(text)
    monkeypatch.setattr(get_nlp(), "max_length", len(LETTER) * 2 + 7)
    pieces = find_entities(text)
    assert_offsets_slice(text, pieces)
    assert [(e.label, e.char_start, e.char_end, e.normalised) for e in pieces] == \
        [(e.label, e.char_start, e.char_end, e.normalised) for e in whole]


def test_one_long_line_is_cut_between_words(monkeypatch):
    """A spreadsheet annex flattened to one line: the pieces are cut at a space, never inside a figure."""
    row = "paid £450 on 10/07/2020 under s.40(2); "
    text = row * 300
    whole = find_entities(text)
    monkeypatch.setattr(get_nlp(), "max_length", len(row) * 7 + 15)  # a cut inside "10/07/2020"
    pieces = find_entities(text)
    assert_offsets_slice(text, pieces)
    assert [(e.label, e.text, e.char_start) for e in pieces] == [(e.label, e.text, e.char_start) for e in whole]
    assert len(pieces) == 3 * 300


def test_comma_joined_cells_are_cut_into_entities_exactly():
    """Cells joined without spaces are single tokens: each entity inside one cuts it where it starts and ends."""
    rows = [f"FOI-{1000 + i},{i % 28 + 1:02d}/07/2020,£{i},Leeds City Council,section 40(2),foi{i}@leeds.gov.uk"
            for i in range(200)]
    text = "\n".join(rows)
    ents = find_entities(text)
    assert_offsets_slice(text, ents)
    by_label = {}
    for e in ents:
        by_label.setdefault(e.label, []).append(e.text)
    assert len(by_label["DATE"]) == len(by_label["MONEY"]) == len(by_label["EMAIL"]) == 200
    assert by_label["LAW"] == ["section 40(2)"] * 200


def test_the_pipeline_called_directly_finds_what_find_entities_finds():
    """The component reads the text `find_entities_many` leaves with the Doc, and the Doc's own without it."""
    doc = get_nlp()(LETTER)
    assert [(e.label_, e.start_char, e.end_char) for e in doc.ents] == \
        [(e.label, e.char_start, e.char_end) for e in find_entities(LETTER)]
    assert find_entities_many([LETTER, "", LETTER[:200]]) == [find_entities(LETTER), [], find_entities(LETTER[:200])]
