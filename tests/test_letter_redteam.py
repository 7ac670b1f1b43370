"""Letters red-team testers found misread: bilingual header labels, internal reviews, a sender's name
printed only as a running letterhead, "Re-use" headings and header fields without a colon."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.letter import find_references, letter_fields, letter_info
from pipeline.normalise.authorities import find_authority
from pipeline.parse import parse_file


def letter(tmp_path: Path, text: str, name: str = "letter.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path, name)


def fields_of(doc) -> list[tuple[str, str]]:
    return [(f.label, f.value) for f in letter_fields(doc)]


# --------------------------------------------------------------------------
# Bilingual (Welsh / English) letterheads
# --------------------------------------------------------------------------

BILINGUAL = """Cyngor Sir Enghraifft / Example County Council
Ein Cyf / Our Ref: RhG 24-0318
Dyddiad / Date: 22 Ebrill 2024 / 22 April 2024
Gofynnwch am / Please ask for: Uned Gwarchod Data / Data Protection Unit

Annwyl / Dear Mr Pritchard,

Thank you for your request for information, received on 25 March 2024. We have dealt with your request under the Freedom of Information Act 2000.

Yn gywir / Yours sincerely
"""


def test_bilingual_labels_are_header_fields(tmp_path):
    assert fields_of(letter(tmp_path, BILINGUAL)) == [
        ("Ein Cyf / Our Ref", "RhG 24-0318"),
        ("Dyddiad / Date", "22 Ebrill 2024 / 22 April 2024"),
        ("Gofynnwch am / Please ask for", "Uned Gwarchod Data / Data Protection Unit"),
    ]


def test_a_mixed_case_letter_code_before_digits_is_a_reference(tmp_path):
    assert find_references(letter(tmp_path, BILINGUAL)) == ["RhG 24-0318"]
    assert find_references(letter(tmp_path, "Our ref: FoI24/118\nDear Sir\n", "b.txt")) == ["FoI24/118"]


@pytest.mark.parametrize("header", [
    "Reference: Highways 2024 programme",
    "Our ref: McDonald 24",
    "Ref: Parking 12",
])
def test_ordinary_words_before_digits_are_no_reference(tmp_path, header):
    assert find_references(letter(tmp_path, f"{header}\nDear Sir\nThank you.\n")) == []


# --------------------------------------------------------------------------
# Internal reviews: the request's date is the original request's
# --------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Thank you for your email of 14 August 2023 in which you asked for an internal review of the department's "
    "handling of your request for information of 3 July 2023. I have now completed that review.",
    "Thank you for your letter dated 14 August 2023 requesting an internal review of our response to your "
    "request for information of 3 July 2023.",
    "Thank you for your email of 14 August 2023 asking for an internal review. Your original request of "
    "3 July 2023 asked for the minutes of the steering group.",
])
def test_an_internal_review_is_dated_by_the_original_request(tmp_path, sentence):
    doc = letter(tmp_path, f"Our reference: IR-2023-0052290\n29 September 2023\n\nDear Mr Vasquez,\n\n{sentence}\n\nYours sincerely\n")
    info = letter_info(doc, "foi_response")
    assert (info.request_date, info.response_date) == ("2023-07-03", "2023-09-29")


def test_a_review_request_is_the_date_when_no_original_date_is_given(tmp_path):
    doc = letter(tmp_path, "29 September 2023\n\nDear Mr Vasquez,\n\nThank you for your email of 14 August 2023 "
                           "in which you asked for an internal review.\n\nYours sincerely\n")
    assert letter_info(doc, "foi_response").request_date == "2023-08-14"


# --------------------------------------------------------------------------
# The sender's own name above bodies named in passing
# --------------------------------------------------------------------------

def running_letterhead_pdf(path: Path) -> Path:
    """A two-page trust letter whose name is printed only in the letterhead repeated at the top of each page
    (so it is page furniture), while the body names NHS England twice in passing."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    pages = [
        ["Information Governance Department", "St Luke's Hospital", "Bradford BD5 0NA", "", "Our Ref: FOI 4410",
         "16 February 2024", "", "Dear Dr Amadi", "", "Freedom of Information Request - Agency nursing shifts", "",
         "Thank you for your request for information dated 18 January 2024. Our response is below.",
         "1. How many agency shifts were paid above the NHS England agency price cap?",
         "In 2023/24, 1,204 shifts were paid above the cap.",
         "2. How many of these were approved by the Chief Nurse?"],
        ["All 1,204 were approved, as NHS England guidance requires for shifts above the cap.", "",
         "Yours sincerely", "", "Information Governance Officer"],
    ]
    for number, lines in enumerate(pages, 1):
        c.setFont("Helvetica-Bold", 12)
        for i, text in enumerate(["NHS", "Bradford Teaching Hospitals", "NHS Foundation Trust"]):
            c.drawRightString(width - 60, height - 50 - 14 * i, text)
        c.setFont("Helvetica", 10)
        y = height - 130
        for text in lines:
            c.drawString(60, y, text)
            y -= 14
        c.setFont("Helvetica", 8)
        c.drawString(60, 40, f"Chair: A N Other  Chief Executive: J Bloggs  Page {number}")
        c.showPage()
    c.save()
    return path


def test_the_running_letterhead_names_the_sender(tmp_path):
    doc = parse_file(running_letterhead_pdf(tmp_path / "trust.pdf"), "trust.pdf")
    assert "Bradford Teaching Hospitals" not in doc.text  # stripped from the text as a running header
    assert letter_info(doc, "foi_response").authority == "Bradford Teaching Hospitals NHS Foundation Trust"


def test_a_body_that_says_it_holds_the_information_is_the_sender():
    text = ("Dear Dr Amadi\n\nThank you for your request. I can confirm that Bradford Teaching Hospitals NHS "
            "Foundation Trust holds the information you requested.\n1. How many agency shifts were paid above "
            "the NHS England agency price cap? 1,204.\n2. Were these approved? Yes, as NHS England guidance "
            "requires.\n\nYours sincerely\n\nInformation Governance Officer\n")
    assert find_authority(text) == "Bradford Teaching Hospitals NHS Foundation Trust"


def test_a_body_named_in_the_page_furniture_counts_once_however_many_pages(tmp_path):
    text = "Dear Sir\n\nNHS England asked us to collect this. NHS England publishes it too. NHS England agrees.\n"
    furniture = ["Bradford Teaching Hospitals NHS Foundation Trust"] * 5
    assert find_authority(text, furniture=furniture[:1]) == "Bradford Teaching Hospitals NHS Foundation Trust"
    assert find_authority(text + "NHS England " * 3, furniture=furniture) == "NHS England"


# --------------------------------------------------------------------------
# Titles: "Re-use of information" is a heading, not a "Re:" line
# --------------------------------------------------------------------------

@pytest.mark.parametrize("heading, title", [
    ("Re-use of information", "Freedom of Information request – library opening hours"),
    ("Re: Library opening hours", "Library opening hours"),
    ("Re – Library opening hours", "Library opening hours"),
])
def test_re_needs_a_colon_or_a_spaced_dash(tmp_path, heading, title):
    doc = letter(tmp_path, "Our ref: FOI/2024/118\n\nDear Ms Harrow\n\nFreedom of Information request – library opening hours\n\n"
                           "Thank you for your request. The opening hours are attached.\n\n"
                           f"{heading}\nYou may re-use the information under the Open Government Licence.\n\nYours sincerely\n")
    assert letter_info(doc, "foi_response").title == title


# --------------------------------------------------------------------------
# Header fields
# --------------------------------------------------------------------------

def test_an_empty_field_does_not_take_the_next_label_as_its_value(tmp_path):
    doc = letter(tmp_path, "Norfolk County Council\nYour Ref:\nMy Ref: FOI-2023-09518\nDate: 2 November 2023\n\n"
                           "Dear Ms Thwaite,\n\nThank you for your request which we received on 5 October 2023.\n")
    assert fields_of(doc) == [("My Ref", "FOI-2023-09518"), ("Date", "2 November 2023")]


def test_an_empty_field_in_a_column_of_labels(tmp_path):
    doc = letter(tmp_path, "Your Ref:\nMy Ref:\nFOI-2023-09518\nDate:\n2 November 2023\nTel:\n0344 800 8020\n\n"
                           "Dear Ms Thwaite,\n\nThank you.\n")
    assert fields_of(doc) == [("My Ref", "FOI-2023-09518"), ("Date", "2 November 2023"), ("Tel", "0344 800 8020")]


def test_fields_without_a_colon(tmp_path):
    doc = letter(tmp_path, "HM Revenue & Customs\nCentral FOI Team\nDate   3 June 2024\nOur ref   FOI2024/04519\n\n"
                           "Dear Ms Gallagher\n\nDate and time of the meeting are below.\nReference numbers are not held.\n")
    assert fields_of(doc) == [("Date", "3 June 2024"), ("Our ref", "FOI2024/04519")]


def test_contact_and_telephone_are_fields(tmp_path):
    doc = letter(tmp_path, "Date: 8 February 2024\nReference: EIR 7714\nContact: Information Governance\n"
                           "Tel: 01273 290000\n\nDear Mx Lindqvist\n\nThank you.\n")
    assert fields_of(doc) == [("Date", "8 February 2024"), ("Reference", "EIR 7714"),
                              ("Contact", "Information Governance"), ("Tel", "01273 290000")]


def bilingual_heading_pdf(path: Path) -> Path:
    """A bilingual letter: "Annwyl / Dear", then a bold subject heading wrapped over two lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    y = height - 72
    for bold, text in [
        (False, "Ein Cyf / Our Ref: RhG 24-0318"), (False, "Dyddiad / Date: 22 April 2024"), (False, ""),
        (False, "Annwyl / Dear Mr Pritchard,"), (False, ""),
        (True, "Cais Rhyddid Gwybodaeth / Freedom of Information Request – Premiwm Treth Cyngor ar ail"),
        (True, "gartrefi / Council tax premium on second homes"),
        (False, "Thank you for your request for information, received on 25 March 2024."), (False, ""),
        (False, "Yn gywir / Yours sincerely"),
    ]:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        c.drawString(60, y, text)
        y -= 14
    c.showPage()
    c.save()
    return path


def test_a_bilingual_salutation_and_a_wrapped_bold_heading(tmp_path):
    doc = parse_file(bilingual_heading_pdf(tmp_path / "cy.pdf"), "cy.pdf")
    info = letter_info(doc, "foi_response")
    assert info.title == ("Cais Rhyddid Gwybodaeth / Freedom of Information Request – Premiwm Treth Cyngor ar ail "
                          "gartrefi / Council tax premium on second homes")
    assert (info.request_date, info.response_date, info.reference) == ("2024-03-25", "2024-04-22", "RhG 24-0318")


def test_a_heading_after_dear_that_wraps_after_a_colon_is_the_whole_title():
    from conftest import text_doc
    from pipeline.extract import extract

    letter = ("Fife Council\nFife House, Glenrothes\n\nDear Ms Reid\n\n"
              "FREEDOM OF INFORMATION (SCOTLAND) ACT 2002 – REQUEST FOR INFORMATION:\nSCHOOL BUILDING CONDITION\n\n"
              "Thank you for your request under the Freedom of Information (Scotland) Act 2002.\n\n"
              "1. How many schools are rated poor?\n\n12 schools are rated poor.\n\nYours sincerely\n")
    assert extract(text_doc(letter)).info.title == (
        "FREEDOM OF INFORMATION (SCOTLAND) ACT 2002 – REQUEST FOR INFORMATION: SCHOOL BUILDING CONDITION")


@pytest.mark.parametrize("sentence, ref", [
    ("Your reference number is IR412907.", "IR412907"),
    ("Your request has been logged under reference number FOI/24/0871.", "FOI/24/0871"),
    ("Our ref is FOI 2020/123.", "FOI 2020/123"),
])
def test_a_reference_given_in_a_sentence(sentence, ref):
    from pipeline.extract.letter import references_in

    assert references_in(sentence) == [ref]
