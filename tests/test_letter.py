"""Letter metadata: title, case reference, dates, legislation and header fields."""
from __future__ import annotations

import pytest

from pipeline.extract.letter import find_references, letter_fields, letter_info
from pipeline.parse import parse_file

from conftest import SAMPLES


def parse_text(tmp_path, text, name="letter.txt"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return parse_file(p, name)


def test_moj_seed_metadata():
    doc = parse_file(SAMPLES / "seed/moj-foi-200612017-attachment.txt", "moj.txt")
    info = letter_info(doc, "foi_response")
    assert info.title == "Healthy Identity Intervention Programme Query"
    assert info.request_title == info.title
    assert info.authority == "Ministry of Justice"
    assert info.reference == "200612017"
    assert (info.request_date, info.response_date) == ("2020-06-12", "2020-07-10")
    assert info.legislation == "FOIA 2000"


@pytest.mark.parametrize("header, expected", [
    ("Our ref: FOI 100455\nCategory: Workforce", ["FOI 100455"]),
    ("Reference Number: FOI 86420 Suite 6, Carew House", ["FOI 86420"]),
    ("FREEDOM OF INFORMATION REQUEST Ref: DPT 21/22/003", ["DPT 21/22/003"]),
    ("Re: Your Request for Information – Ref. FOI 2880", ["FOI 2880"]),
    ("Freedom of Information Act (FOIA) Request –\n200612017\n\nThank you", ["200612017"]),
    ("FOI006/2021 Response", ["FOI006/2021"]),
    ("Our ref: 21 FOI 124\nDate: 30 April 2021", ["21 FOI 124"]),
    ("Our ref: RF353950\nDear Sir", ["RF353950"]),
    ("Tel: 01208 834496\nDear Sir", []),
])
def test_reference_forms(tmp_path, header, expected):
    assert find_references(parse_text(tmp_path, header + "\nDear Sir,\nThank you for your request.\n")) == expected


def test_dates_are_day_first_and_told_apart(tmp_path):
    doc = parse_text(tmp_path, "Council Offices\n04/05/2021\nDear Sir,\nThank you for your request received on "
                               "8 April 2021 under the Freedom of Information Act 2000.\n")
    info = letter_info(doc, "foi_response")
    assert (info.request_date, info.response_date) == ("2021-04-08", "2021-05-04")
    labelled = parse_text(tmp_path, "Date received: 01/03/2020\nDate of response: 20/03/2020\nDear Sir,\n", "b.txt")
    info = letter_info(labelled, "foi_response")
    assert (info.request_date, info.response_date) == ("2020-03-01", "2020-03-20")


def test_legislation_is_the_regime_the_request_was_handled_under(tmp_path):
    eir = parse_text(tmp_path, "Dear Sir,\nYour request was not valid under the Freedom of Information Act. "
                               "We have handled your request under the Environmental Information Regulations 2004.\n")
    assert letter_info(eir, "foi_response").legislation == "EIR 2004"
    foia_first = parse_text(tmp_path, "Freedom of Information request\nDear Sir,\nAdvice on the Freedom of "
                                      "Information Act 2000 and the Environmental Information Regulations 2004 is "
                                      "available from the ICO.\n", "c.txt")
    assert letter_info(foia_first, "foi_response").legislation == "FOIA 2000"


def test_title_prefers_a_subject_line_then_a_capitalised_heading(tmp_path):
    doc = parse_text(tmp_path, "Freedom of Information Team\nDear Sir/Madam\nFREEDOM OF INFORMATION ACT 2000\nThank you.\n")
    assert letter_info(doc, "foi_response").title == "FREEDOM OF INFORMATION ACT 2000"
    doc = parse_text(tmp_path, "Email: foi@example.nhs.uk\nDear Sir\nRe: Your request for information about parking\n", "d.txt")
    assert letter_info(doc, "foi_response").title == "Your request for information about parking"


def test_header_fields(tmp_path):
    doc = parse_text(tmp_path, "FREEDOM OF INFORMATION REQUEST Ref: DPT 21/22/003\nDate: 22/04/2021\n"
                               "Category: Workforce/Human Resources\nDear Sir\n")
    assert [(f.label, f.value) for f in letter_fields(doc)] == [
        ("Ref", "DPT 21/22/003"), ("Date", "22/04/2021"), ("Category", "Workforce/Human Resources")]


@pytest.mark.parametrize("title, names_request", [
    ("FREEDOM OF INFORMATION ACT 2000", False),
    ("Freedom of Information Request", False),
    ("Re: Freedom of Information Act (FOIA) Request –", False),
    ("Your request for information about parking", True),
    ("Re: Healthy Identity Intervention Programme Query", True),
])
def test_request_title_only_when_the_title_says_what_was_asked(tmp_path, title, names_request):
    doc = parse_text(tmp_path, f"{title}\nDear Sir,\nThank you for your request.\n")
    info = letter_info(doc, "foi_response")
    assert (info.request_title == info.title and info.title is not None) is names_request


def test_a_label_alone_on_its_line_takes_the_next_line_as_value(tmp_path):
    doc = parse_text(tmp_path, "FREEDOM OF INFORMATION REQUEST\nRef:\nDPT 21/22/003\nDate: 22/04/2021\nDear Sir\n")
    assert [(f.label, f.value) for f in letter_fields(doc)] == [("Ref", "DPT 21/22/003"), ("Date", "22/04/2021")]


def test_request_date_far_from_the_word_request(tmp_path):
    doc = parse_text(tmp_path, "30th April, 2021\nDear Ms Smith,\nI am writing in response to your request for "
                               "information, made under the Freedom of Information Act 2000, which was received by "
                               "Example NHS Foundation Trust (ENFT) on 8th April, 2021. The information is below.\n")
    info = letter_info(doc, "foi_response")
    assert (info.request_date, info.response_date) == ("2021-04-08", "2021-04-30")


def test_a_reference_stops_at_the_end_of_its_line(tmp_path):
    doc = parse_text(tmp_path, "Our ref: 21 FOI 124\n30th April, 2021\nDear Ms Smith,\n")
    assert find_references(doc) == ["21 FOI 124"]
    wrapped = parse_text(tmp_path, "Freedom of Information\nRequest – 4011595\nDear Sir,\n", "w.txt")
    assert find_references(wrapped) == ["4011595"]
