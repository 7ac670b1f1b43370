"""Letter metadata on letters unlike the samples: more date forms and places, reference labels,
subject lines and the regime a request was handled under.

Each fixture is written the way councils, trusts, forces and departments write
their letters; the assertions are what an annotator would record (shared/eval/GOLD.md).
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract import extract
from pipeline.extract.letter import find_references, letter_info
from pipeline.normalise import canonical_legislation, parse_date
from pipeline.parse import parse_file


def letter(tmp_path: Path, text: str, name: str = "letter.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path, name)


def info_of(tmp_path: Path, text: str):
    return letter_info(letter(tmp_path, text), "foi_response")


COUNCIL = """Anytown Borough Council
Civic Centre
High Street
Anytown AN1 1AA

{header}

Dear Mr Smith

{subject}

{body}

Yours sincerely

Information Governance Officer
"""


def council_letter(header: str = "Our ref: FOI 2020/12345\nDate: 10 July 2020",
                   subject: str = "RE: Freedom of Information Request – Library opening hours",
                   body: str = "Thank you for your request dated 12 June 2020. The information is attached.") -> str:
    return COUNCIL.format(header=header, subject=subject, body=body)


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize("written", [
    "10th July 2020", "10 July, 2020", "July 10, 2020", "10/07/2020", "10.07.20", "Friday 10 July 2020",
    "10-Jul-2020", "10-July-2020", "10-Jul-20", "10-07-2020", "2020-07-10", "2020/07/10",
])
def test_every_way_a_letter_writes_its_date(tmp_path, written):
    assert parse_date(written) == "2020-07-10"
    for header in (f"Our ref: FOI 2020/12345\n{written}", f"Our ref: FOI 2020/12345\nDate: {written}"):
        info = info_of(tmp_path, council_letter(header=header))
        assert (info.request_date, info.response_date) == ("2020-06-12", "2020-07-10")


def test_two_digit_years_after_a_month_name_pivot_like_numeric_ones():
    assert (parse_date("01-Jan-75"), parse_date("31-Dec-49")) == ("1975-01-01", "2049-12-31")
    # A financial year and a range of years are no dates.
    assert (parse_date("2019-20"), parse_date("2019/20")) == (None, None)


def signed_letter_pdf(path: Path) -> Path:
    """A council letter with no date at the top: the officer dates it under the signature."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    y = height - 72
    for bold, text in [
        (True, "Anytown Borough Council"), (False, "Civic Centre, High Street, Anytown AN1 1AA"), (False, ""),
        (False, "Our ref: FOI/2020/0456"), (False, ""), (False, "Dear Ms Jones"), (False, ""),
        (True, "Freedom of Information Request – Grass cutting contracts"), (False, ""),
        (False, "Thank you for your request for information, which we received on 2 June 2020. You asked for the"),
        (False, "grass cutting contracts let since 1 April 2018. Copies of the contracts are attached."), (False, ""),
        (False, "Yours sincerely"), (False, ""), (False, "Jane Doe"), (False, "Information Governance Officer"),
        (False, "30 June 2020"), (False, ""),
        (False, "If you are unhappy with this response you may ask for an internal review within 40 working days."),
    ]:
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        c.drawString(72, y, text)
        y -= 14
    c.showPage()
    c.save()
    return path


def test_a_date_under_the_signature_is_the_letters_date(tmp_path):
    doc = parse_file(signed_letter_pdf(tmp_path / "signed.pdf"), "signed.pdf")
    info = letter_info(doc, "foi_response")
    assert (info.request_date, info.response_date) == ("2020-06-02", "2020-06-30")
    assert (info.title, info.reference) == ("Freedom of Information Request – Grass cutting contracts", "FOI/2020/0456")


def header_column_pdf(path: Path, labels: list[tuple[str, str]]) -> Path:
    """A letterhead with the address on the left and label / value columns on the right."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    _, height = A4
    c.setFont("Helvetica-Bold", 12)
    c.drawString(72, height - 60, "Freedom of Information")
    c.setFont("Helvetica", 10)
    for i, text in enumerate(["Anytown Borough Council", "Civic Centre", "High Street", "Anytown AN1 1AA"]):
        c.drawString(72, height - 80 - 14 * i, text)
    for i, (label, value) in enumerate(labels):
        c.drawString(340, height - 80 - 14 * i, label)
        c.drawString(440, height - 80 - 14 * i, value)
    y = height - 170
    for text in ["Dear Mr Smith", "", "Thank you for your email, in which you asked for the opening hours of each library.",
                 "We have handled your request under the Freedom of Information Act 2000.", "The information is attached.",
                 "", "Yours sincerely"]:
        c.drawString(72, y, text)
        y -= 14
    c.showPage()
    c.save()
    return path


def test_labels_and_values_in_two_columns_keep_their_meaning(tmp_path):
    labels = [("Your ref:", "JS/2020/1"), ("Our ref:", "FOI-2020-0456"), ("Date received:", "12/06/2020"), ("Date:", "10-Jul-2020")]
    doc = parse_file(header_column_pdf(tmp_path / "columns.pdf", labels), "columns.pdf")
    info = letter_info(doc, "foi_response")
    # The value under "Date received:" is the request's date, not the letter's.
    assert (info.request_date, info.response_date) == ("2020-06-12", "2020-07-10")
    # The requester's own reference is not the authority's; the sending office's name is no subject.
    assert (info.reference, info.title) == ("FOI-2020-0456", None)


@pytest.mark.parametrize("header", [
    "Our ref: FOI 2020/12345\nDate of your request: 12 June 2020\nDate of this response: 10 July 2020",
    "Our ref: FOI 2020/12345\nReceived: 12/06/2020\nDated: 10/07/2020",
    "Our ref: FOI 2020/12345\nRequest received on: 12.06.20\nResponse sent: 10.07.20",
    "Our ref: FOI 2020/12345\nResponse due: 13 July 2020\nDate received: 12 June 2020\n10 July 2020",
    "Our ref: FOI 2020/12345\nYour letter dated: 12 June 2020\n10 July 2020",
])
def test_labelled_header_dates(tmp_path, header):
    info = info_of(tmp_path, council_letter(header=header, body="The information is attached."))
    assert (info.request_date, info.response_date) == ("2020-06-12", "2020-07-10")


def test_an_email_reply_is_dated_by_its_sent_line(tmp_path):
    info = info_of(tmp_path, """From: FOI Team <foi@anytown.gov.uk>
Sent: 10 July 2020 14:32
To: John Smith
Subject: RE: FW: FOI 2020/12345 - Library opening hours

Dear Mr Smith

Thank you for your email of 12 June 2020. Your request has been handled under the Freedom of Information Act 2000.
The information is attached.

Kind regards
FOI Team
""")
    assert (info.request_date, info.response_date) == ("2020-06-12", "2020-07-10")
    assert (info.title, info.reference) == ("FOI 2020/12345 - Library opening hours", "FOI 2020/12345")


@pytest.mark.parametrize("sentence", [
    "Thank you for your correspondence dated 12 June 2020.",
    "I am writing in response to your enquiry of 12 June 2020.",
    "Thank you for your request for information about the period since 1 April 2018, which we received on 12 June 2020.",
    "We received your request for information on 12 June 2020.",
    "Thank you for your request of 12.06.20.",
    "On 12.06.2020 you asked for the opening hours of each library.",
    "On 12 June 2020, we received your request for the minutes of meetings held since 1 April 2018.",
    "Your request for information under the Freedom of Information Act 2000 (FOIA) dated 12 June 2020 has been considered.",
    # No year: the one that puts the request before the letter.
    "Thank you for your email of 12 June, in which you asked for figures for 2019 to 2020.",
])
def test_request_date_wordings(tmp_path, sentence):
    info = info_of(tmp_path, council_letter(body=f"{sentence} The information is attached."))
    assert (info.request_date, info.response_date) == ("2020-06-12", "2020-07-10")


def test_a_request_of_last_december_answered_in_january(tmp_path):
    info = info_of(tmp_path, council_letter(header="Our ref: FOI 2020/12345\n5 January 2021",
                                            body="Thank you for your request of 7 December. The information is attached."))
    assert (info.request_date, info.response_date) == ("2020-12-07", "2021-01-05")


@pytest.mark.parametrize("sentence", [
    "Thank you for your request for a copy of the letter dated 3 March 2019 from the Chief Executive.",
    "You requested the email sent on 3 March 2019 by the Leader of the Council.",
    "Thank you for your request for the number of complaints received since 3 March 2019.",
    "Thank you for your request of the Council's spending since 3 March 2019.",
    "You asked for all reports made to the committee on 3 March 2019.",
])
def test_dates_of_the_information_asked_for_are_not_the_request_date(tmp_path, sentence):
    info = info_of(tmp_path, council_letter(body=f"{sentence} This is handled under the Freedom of Information Act 2000."))
    assert (info.request_date, info.response_date) == (None, "2020-07-10")


def test_a_subject_naming_a_period_does_not_date_the_letter(tmp_path):
    text = """Anytown Borough Council
Our ref: FOI 2020/12345
Re: Spending since 1 April 2018

Dear Mr Smith

Thank you for your FOI request of 12 June 2020. The information is attached.
"""
    info = info_of(tmp_path, text)
    assert (info.request_date, info.response_date, info.title) == ("2020-06-12", None, "Spending since 1 April 2018")


# --------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------


@pytest.mark.parametrize("header, expected", [
    ("Your ref: JS/1\nOur ref: FOI-12345", ["FOI-12345"]),
    ("Our reference: FOI 2020/12345\nYour reference: 12/ABC", ["FOI 2020/12345"]),
    ("Your Ref: MS/4321", ["MS/4321"]),  # the only reference the letter gives
    ("CRM: 12345678", ["12345678"]),
    ("IR 2020-01", ["IR 2020-01"]),
    ("Our ref: FOI 2020/12345 10 July 2020", ["FOI 2020/12345"]),
    ("Request reference: FOI-12345", ["FOI-12345"]),
    ("Case reference: EIR/20/0123", ["EIR/20/0123"]),
    ("Internal review ref: IR/2020/01", ["IR/2020/01"]),
    ("Re: FOI/2020/123 Library opening hours", ["FOI/2020/123"]),
])
def test_reference_labels_and_the_requesters_own(tmp_path, header, expected):
    doc = letter(tmp_path, f"{header}\nDear Sir,\nThank you for your request under the FOIA 2000.\n")
    assert find_references(doc) == expected


def test_an_act_and_its_year_is_no_reference(tmp_path):
    doc = letter(tmp_path, council_letter(body="Your request was handled under FOIA 2000. Names are withheld as personal data "
                                               "under the DPA 2018; the EIR 2004 do not apply."))
    assert find_references(doc) == ["FOI 2020/12345"]


def test_references_in_the_subject_line_of_an_internal_review(tmp_path):
    info = info_of(tmp_path, council_letter(header="Our ref: IR 2020-01\nDate: 10 September 2020",
                                            subject="Internal Review – FOI 2020/12345",
                                            body="You asked on 20 August 2020 for a review of our response to your request "
                                                 "of 12 June 2020 under the Freedom of Information Act 2000."))
    assert info.reference == "IR 2020-01; FOI 2020/12345"
    assert (info.title, info.request_date, info.response_date) == ("Internal Review – FOI 2020/12345", "2020-06-12", "2020-09-10")


# --------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------

LETTERHEAD = """Freedom of Information
Anytown Borough Council
Civic Centre, High Street
Anytown AN1 1AA

Our ref: FOI 2020/12345
10 July 2020
{before}
Dear Mr Smith
{after}
Thank you for your request for information received on 12 June 2020 under the Freedom of Information Act 2000. The information you asked for is attached.

Yours sincerely
"""


@pytest.mark.parametrize("before, after, title", [
    ("", "", None),  # the sending office's name heads the letter: it is no subject
    ("", "\nRequest for information: Library opening hours\n", "Request for information: Library opening hours"),
    ("\nFreedom of Information Request: Library opening hours\n", "", "Freedom of Information Request: Library opening hours"),
    ("", "\nLIBRARY OPENING HOURS\n", "LIBRARY OPENING HOURS"),  # a heading right under the salutation, in capitals
    ("", "\nRe: Freedom of Information Request – opening hours of the\nlibraries in the north of the borough\n",
     "Freedom of Information Request – opening hours of the libraries in the north of the borough"),
])
def test_title_is_the_subject_not_the_letterhead(tmp_path, before, after, title):
    assert info_of(tmp_path, LETTERHEAD.format(before=before, after=after)).title == title


@pytest.mark.parametrize("office", [
    "Freedom of Information Office, PO Box 123", "FOI Requests\nfoi@anytown.gov.uk", "FREEDOM OF INFORMATION",
])
def test_the_sending_office_is_no_title(tmp_path, office):
    text = LETTERHEAD.format(before="", after="").replace("Freedom of Information\n", office + "\n")
    assert info_of(tmp_path, text).title is None


# --------------------------------------------------------------------------
# Legislation
# --------------------------------------------------------------------------


def test_canonical_legislation_gives_the_first_regime_named():
    assert canonical_legislation("the Freedom of Information Act 2000 and the Data Protection Act 2018") == "FOIA 2000"
    assert canonical_legislation("Environmental Information (Scotland) Regulations 2004") == "EIR 2004"
    assert canonical_legislation("the UK GDPR") == "DPA 2018"
    assert canonical_legislation("an FOI request") is None  # "FOI" names no Act


@pytest.mark.parametrize("body, regime", [
    # Handled under two Acts: the first is the regime, the second the law on personal data.
    ("Your request has been dealt with under the Freedom of Information Act 2000 and the Data Protection Act 2018.", "FOIA 2000"),
    # Data protection law named in passing, before the Act is named in the review boilerplate.
    ("The names of junior staff are personal data as defined by the Data Protection Act 2018 and are exempt under "
     "section 40(2). If you are unhappy you may ask for an internal review under the Freedom of Information Act 2000.",
     "FOIA 2000"),
    ("Although you made your request under the Freedom of Information Act, we have handled it under the Environmental "
     "Information Regulations 2004 because it concerns air quality.", "EIR 2004"),
    ("We have not handled your request under the Environmental Information Regulations, as it does not concern the "
     "environment. The Freedom of Information Act 2000 applies.", "FOIA 2000"),
    ("As you have asked for your own personal data, we have handled your request as a subject access request under "
     "the Data Protection Act 2018, not under the Freedom of Information Act.", "DPA 2018"),
    ("Thank you for your FOI request. The Council holds the information and it is attached.", "FOIA 2000"),
])
def test_the_regime_the_letter_was_made_under(tmp_path, body, regime):
    info = info_of(tmp_path, council_letter(subject="Request for information", body=body))
    assert info.legislation == regime


SCOTTISH = """Aberdeen City Council
Our Ref: FOI-20-1234
Date: 10 July 2020

Dear Sir

FREEDOM OF INFORMATION REQUEST – LIBRARY OPENING HOURS

Thank you for your request received on 12 June 2020. {said}

If you are dissatisfied you may ask the Scottish Information Commissioner to review our decision.
"""


@pytest.mark.parametrize("said, regime", [
    ("The information is provided under FOISA.", "FOISA 2002"),
    ("As the information is environmental, the Council is applying section 39(2) of FOISA and dealing with your request "
     "under the Environmental Information (Scotland) Regulations 2004.", "EIR 2004"),
])
def test_scottish_letters(tmp_path, said, regime):
    info = info_of(tmp_path, SCOTTISH.format(said=said))
    assert (info.legislation, info.reference, info.request_date, info.response_date) == (
        regime, "FOI-20-1234", "2020-06-12", "2020-07-10")


# --------------------------------------------------------------------------
# Outcome of letters without numbered questions (decided in extract.response)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("body, outcome", [
    ("We estimate that complying with your request would exceed the appropriate limit and we are therefore refusing "
     "it under section 12 of the Freedom of Information Act 2000.", "refused"),
    ("Please find attached the report. The names of junior staff have been withheld under section 40(2) of the "
     "Freedom of Information Act 2000 as personal data.", "partially_successful"),
    ("We considered whether section 43 of the Freedom of Information Act 2000 applied but concluded that it did not, "
     "and the contract is released in full.", None),
])
def test_outcome_of_a_letter_without_numbered_questions(tmp_path, body, outcome):
    ex = extract(letter(tmp_path, council_letter(body=f"Thank you for your request dated 12 June 2020. {body}")))
    assert ex.info.outcome == outcome
