"""Tables as FOI responses really print them, beyond the development samples.

Realistic fixtures built here: ruled PDF tables with a merged two-row header
(reportlab platypus, as Word-made PDFs draw them), borderless PDF tables with
a wrapped row label and a percentage column, text renderings that flatten a
table to one value per line (calendar-year rows, wrapped labels, suppressed
and redacted cells), whitespace-aligned text with a wrapped label, and the
precision traps a letter is full of: numbered lists, addresses, signature
blocks and "Section 1 / Section 2" lists must not become tables.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.tables import extract_tables, total_check
from pipeline.normalise.numbers import parse_number
from pipeline.parse import parse_file

from conftest import rows_of, tables_in_text

PAGE_H = 842






# --------------------------------------------------------------------------
# Ruled PDF tables
# --------------------------------------------------------------------------


def test_ruled_table_with_a_merged_two_row_header(tmp_path):
    """Year cells spanning two columns over "Requests | Cost": one header per column, data rows only in the body."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    data = [
        ["Directorate", "2019/20", "", "2020/21", ""],
        ["", "Requests", "Cost (£)", "Requests", "Cost (£)"],
        ["Adult Social Care", "120", "£12,500", "98", "£10,250"],
        ["Children's Services", "87", "£8,400", "<5", "redacted"],
        ["Place", "45", "£3,100", "51", "£3,900"],
        ["Total", "252", "£24,000", "", ""],
    ]
    table = Table(data)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("SPAN", (1, 0), (2, 0)), ("SPAN", (3, 0), (4, 0)), ("SPAN", (0, 0), (0, 1)),
    ]))
    path = tmp_path / "merged.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("Dear Requester", styles["Normal"]),
        Paragraph("Table 2: Requests and cost by directorate", styles["Heading3"]),
        table, Spacer(1, 12), Paragraph("Yours sincerely", styles["Normal"]),
    ])
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.method == "ruled"
    assert found.header == ["Directorate", "2019/20 Requests", "2019/20 Cost (£)", "2020/21 Requests", "2020/21 Cost (£)"]
    assert rows_of(found) == data[2:]
    assert found.title == "Table 2: Requests and cost by directorate"
    assert found.total_check == "ok"  # 120+87+45 and £12,500+£8,400+£3,100; the other columns are blank
    redacted = [c for c in found.cells if c.value == "redacted"]
    assert redacted[0].number is None and redacted[0].header == "2020/21 Cost (£)"


CRIME = [["Category", "2018", "2019", "2020"], ["Burglary", "120", "135", "110"], ["Robbery", "45", "50", "38"],
         ["Vehicle crime", "210", "198", "175"], ["Total", "375", "383", "323"]]


def test_ruled_table_headed_by_calendar_years(tmp_path):
    """Column years ("2018 | 2019 | 2020") are a header, not a row of figures, and the total checks out."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    table = Table(CRIME)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / "years.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Recorded crime", getSampleStyleSheet()["Normal"]), table])
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.header == CRIME[0]
    assert rows_of(found) == CRIME[1:]
    assert found.total_check == "ok"


def test_ruled_table_over_two_pages_repeating_its_two_row_header(tmp_path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    head = [["Team", "2019/20", "", "2020/21", ""], ["", "Referrals", "Cost (£)", "Referrals", "Cost (£)"]]
    body = [[f"Team {i}", str(10 + i), f"£{1000 + i * 10:,}", str(20 + i), f"£{2000 + i * 10:,}"] for i in range(60)]
    table = Table(head + body, repeatRows=2)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("SPAN", (1, 0), (2, 0)),
                               ("SPAN", (3, 0), (4, 0)), ("SPAN", (0, 0), (0, 1))]))
    path = tmp_path / "long.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("Referrals by team", getSampleStyleSheet()["Normal"]), table])
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.header == ["Team", "2019/20 Referrals", "2019/20 Cost (£)", "2020/21 Referrals", "2020/21 Cost (£)"]
    assert rows_of(found) == body
    assert found.title == "Referrals by team"


def test_ruled_text_table_keeps_its_first_row_as_the_only_header(tmp_path):
    """A question/answer grid of text: no figures below, so a second text row is a data row, not a header."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    data = [["Question", "Response"], ["Policy on agency staff", ""], ["Named contact", "Head of Workforce"]]
    table = Table(data)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / "qa.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build([table])
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.header == ["Question", "Response"]
    assert rows_of(found) == data[1:]


def test_html_table_with_a_td_header_spanning_a_sub_header_and_a_second_table(tmp_path):
    """A <thead> written with <td> cells: the colspan row and the row below are both header; the next
    table's title is its own header, not the last row of the table before it."""
    path = tmp_path / "response.html"
    path.write_text(
        "<html><head><title>Response</title></head><body><p>Please see the table below.</p>"
        '<table border="1"><caption>Parking fines issued</caption>'
        '<thead><tr><td></td><td colspan="2">2019-20</td><td colspan="2">2020-21</td></tr>'
        "<tr><td>Zone</td><td>PCNs</td><td>Income</td><td>PCNs</td><td>Income</td></tr></thead><tbody>"
        "<tr><td>North</td><td>1,200</td><td>£36,000</td><td>900</td><td>£27,000</td></tr>"
        "<tr><td>South</td><td>800</td><td>£24,000</td><td>*</td><td>*</td></tr>"
        "<tr><td><b>Grand Total</b></td><td>2,000</td><td>£60,000</td><td>900</td><td>£27,000</td></tr></tbody></table>"
        "<table><tr><th>Question</th><th>Answer</th></tr><tr><td>Do you hold a policy?</td><td>Yes</td></tr>"
        "<tr><td>When was it reviewed?</td><td>In 2020</td></tr></table></body></html>",
        encoding="utf-8",
    )
    fines, qa = extract_tables(parse_file(path, path.name))
    assert fines.header == ["Zone", "2019-20 PCNs", "2019-20 Income", "2020-21 PCNs", "2020-21 Income"]
    assert rows_of(fines)[0] == ["North", "1,200", "£36,000", "900", "£27,000"] and fines.n_rows == 3
    assert fines.title == "Parking fines issued" and fines.total_check == "ok"
    assert qa.header == ["Question", "Answer"] and qa.title == "Question / Answer"
    assert rows_of(qa) == [["Do you hold a policy?", "Yes"], ["When was it reviewed?", "In 2020"]]


# --------------------------------------------------------------------------
# Borderless PDF tables (text laid out in columns)
# --------------------------------------------------------------------------


def test_borderless_pdf_table_with_a_wrapped_label_and_a_percentage_column(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "borderless.pdf"
    c = canvas.Canvas(str(path), pagesize=(595, PAGE_H))
    c.setFont("Helvetica", 10)
    y = 72
    for text in ["Dear Mr Jones", "Please find the information requested below.", "Waiting times by specialty (weeks)"]:
        c.drawString(72, PAGE_H - y, text)
        y += 16
    rows = [["Specialty", "2019/20", "2020/21", "% change"], ["Cardiology", "12", "18", "50.0%"],
            ["Dermatology", "8", "14", "75.0%"], ["Trauma and", "", "", ""], ["orthopaedics", "22", "31", "40.9%"],
            ["Total", "42", "63", "50.0%"]]
    for row in rows:
        for k, text in enumerate(row):
            if text:
                c.drawString(72 + (0, 180, 260, 340)[k], PAGE_H - y, text)
        y += 14
    y += 12
    for text in ["If you are unhappy with this response you may ask for an internal review.", "Yours sincerely",
                 "A. Person", "FOI Lead"]:
        c.drawString(72, PAGE_H - y, text)
        y += 14
    c.save()
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.header == rows[0]
    assert rows_of(found) == [rows[1], rows[2], ["Trauma and orthopaedics", "22", "31", "40.9%"], rows[5]]
    assert found.title == "Waiting times by specialty (weeks)"
    # 12+8+22=42 and 18+14+31=63 add up; a percentage change is not a sum of the rows.
    assert found.total_check == "ok"


def borderless_pdf(path: Path, rows: list[list[str]], xs: tuple[float, ...]) -> Path:
    """A letter with a table drawn as text in columns, no rules, under the heading "Referrals received"."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, PAGE_H))
    c.setFont("Helvetica", 10)
    c.drawString(72, PAGE_H - 72, "Please see below.")
    c.drawString(72, PAGE_H - 88, "Referrals received")
    y = 104
    for row in rows:
        for k, text in enumerate(row):
            if text:
                c.drawString(xs[k], PAGE_H - y, text)
        y += 13
    c.drawString(72, PAGE_H - y - 12, "Yours sincerely")
    c.save()
    return path


@pytest.mark.parametrize("rows, header", [
    ([["Financial", "Number of", "Cost"], ["year", "referrals", "(£)"]], ["Financial year", "Number of referrals", "Cost (£)"]),
    ([["", "Number of", "Number"], ["Year", "referrals", "spent (£)"]], ["Year", "Number of referrals", "Number spent (£)"]),
])
def test_borderless_header_wrapped_onto_two_lines(tmp_path, rows, header):
    body = [["2018/19", "1,204", "£12,000"], ["2019/20", "1,377", "£13,500"], ["Total", "2,581", "£25,500"]]
    path = borderless_pdf(tmp_path / "wrapped.pdf", rows + body, (72, 200, 320))
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.header == header
    assert rows_of(found) == body
    assert found.total_check == "ok"


def test_borderless_text_row_under_the_header_stays_a_row(tmp_path):
    rows = [["Ward", "Status", "Beds"], ["Ash Ward", "Closed", "None"], ["Beech Ward", "Open", "12"],
            ["Cedar Ward", "Open", "14"]]
    path = borderless_pdf(tmp_path / "wards.pdf", rows, (72, 200, 320))
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.header == rows[0]
    assert rows_of(found) == rows[1:]


# --------------------------------------------------------------------------
# Text renderings: one value per line, and columns aligned with spaces
# --------------------------------------------------------------------------


def test_linearised_table_with_calendar_year_rows(tmp_path):
    """Rows labelled 2017, 2018, 2019 are all figures: the width is the one that starts each row with the next year."""
    (found,) = tables_in_text(tmp_path, "Please see the figures below.\n\nNumber of fly-tipping incidents\n"
                              "Year\nIncidents\nFixed penalty notices\n"
                              "2017\n1,245\n34\n2018\n1,398\n41\n2019\n1,502\n56\n\nWe hope this helps.\n")
    assert found.method == "linearised"
    assert found.header == ["Year", "Incidents", "Fixed penalty notices"]
    assert rows_of(found) == [["2017", "1,245", "34"], ["2018", "1,398", "41"], ["2019", "1,502", "56"]]
    assert found.title == "Number of fly-tipping incidents"
    assert [c.number for c in found.cells if c.row == 1] == [2018, 1398, 41]


def test_linearised_table_with_four_columns_suppressed_and_redacted_cells(tmp_path):
    text = ("Dear Mr Smith\n\nPlease find below the information you requested.\n\n"
            "Table 1: Complaints received by year\nYear\nReceived\nUpheld\nNot upheld\n"
            "2018/19\n45\n12\n33\n2019/20\n38\n<5\nredacted\n2020/21\n51\nfewer than 5\n42\nTotal\n134\n25\n108\n\n"
            "If you are dissatisfied with the handling of your request, you may ask for an internal review.\n")
    (found,) = tables_in_text(tmp_path, text)
    assert found.header == ["Year", "Received", "Upheld", "Not upheld"]
    assert rows_of(found) == [["2018/19", "45", "12", "33"], ["2019/20", "38", "<5", "redacted"],
                              ["2020/21", "51", "fewer than 5", "42"], ["Total", "134", "25", "108"]]
    assert found.total_check == "ok"  # 45+38+51=134; the suppressed columns cannot be checked
    assert [c.is_total for c in found.cells if c.col == 0] == [False, False, False, True]


def test_text_tables_headed_by_calendar_years(tmp_path):
    spaced = "Recorded crime by category\n\n" + "".join(
        f"{row[0]:<20}" + "".join(f"{v:>9}" for v in row[1:]) + "\n" for row in CRIME)
    (found,) = tables_in_text(tmp_path, spaced)
    assert (found.method, found.header, found.total_check) == ("text_layout", CRIME[0], "ok")
    assert rows_of(found) == CRIME[1:]
    flat = "Dear Ms Patel\n\nThank you for your request.\n\nTable 1\n" + "".join(f"{v}\n" for row in CRIME for v in row)
    (found,) = tables_in_text(tmp_path, flat, "flat.txt")
    assert (found.method, found.header, found.title) == ("linearised", CRIME[0], "Table 1")
    assert rows_of(found) == CRIME[1:]


def test_linearised_table_whose_first_row_lost_a_blank_cell(tmp_path):
    """The rendering dropped the first row's blank cell: the later rows show the table's width."""
    text = ("Incidents by ward\nWard\nFalls\nPressure ulcers\nAsh Ward\n12\nBeech Ward\n8\n3\n"
            "Cedar Ward\n15\n6\nTotal\n35\n9\n")
    (found,) = tables_in_text(tmp_path, text)
    assert found.header == ["Ward", "Falls", "Pressure ulcers"]
    assert rows_of(found) == [["Ash Ward", "12", ""], ["Beech Ward", "8", "3"], ["Cedar Ward", "15", "6"],
                              ["Total", "35", "9"]]
    assert found.title == "Incidents by ward" and found.total_check == "ok"


def test_linearised_table_with_wrapped_row_labels(tmp_path):
    text = ("Average waiting time by specialty\nSpecialty\nPatients\nAverage wait (weeks)\n"
            "Cardiology\n120\n12.5\nTrauma and\northopaedics\n340\n18.2\nEar, nose and\nthroat\n95\n9.0\n"
            "Total\n555\n14.1\n")
    (found,) = tables_in_text(tmp_path, text)
    assert rows_of(found) == [["Cardiology", "120", "12.5"], ["Trauma and orthopaedics", "340", "18.2"],
                              ["Ear, nose and throat", "95", "9.0"], ["Total", "555", "14.1"]]
    assert found.total_check == "ok"  # the patients add up; an average wait is not a sum


def test_spaced_text_table_with_a_wrapped_row_label(tmp_path):
    text = ("Referrals by source\n\n"
            "Source                      2019/20     2020/21\n"
            "GP                              450         512\n"
            "Self-referral                    88         130\n"
            "Accident and\n"
            "  emergency                     210         198\n"
            "Total                           748         840\n"
            "Note: figures are provisional.\n")
    (found,) = tables_in_text(tmp_path, text)
    assert found.method == "text_layout"
    assert found.header == ["Source", "2019/20", "2020/21"]
    assert rows_of(found) == [["GP", "450", "512"], ["Self-referral", "88", "130"],
                              ["Accident and emergency", "210", "198"], ["Total", "748", "840"]]
    assert found.total_check == "ok"


def test_linearised_table_split_by_a_page_break_with_a_repeated_header(tmp_path):
    """pdftotext output: page 1's rows, the footer and page 2's running header, the header again, the rest."""
    years = [[f"{y}/{(y + 1) % 100:02d}", str(10 + y % 7)] for y in range(2005, 2017)]
    flat = lambda rows: "".join(f"{a}\n{b}\n" for a, b in rows)
    total = ["Total", str(sum(int(b) for _, b in years))]
    text = (f"Dear Sir\n\nNumber of appeals received\nFinancial year\nAppeals\n{flat(years[:8])}Page 1 of 2\n"
            f"\fFOI 2021/456\nFinancial year\nAppeals\n{flat(years[8:])}Total\n{total[1]}\nPage 2 of 2\n")
    (found,) = tables_in_text(tmp_path, text)
    assert found.header == ["Financial year", "Appeals"]
    assert rows_of(found) == years + [total]
    assert found.title == "Number of appeals received"
    assert found.total_check == "ok"


def test_table_in_a_simple_pdftohtml_page_split_across_two_pages(tmp_path):
    """WhatDoTheyKnow's "HTML version of an attachment": one cell per line, page anchors, running header on page 2."""
    import html as htmlmod

    pages = [
        ["Dear Requester", "Your request FOI 1234 has been answered.", "Beds and staff by ward", "Ward", "Beds", "Staff",
         "Ash", "20", "14", "Beech", "18", "12", "Cedar", "22", "<5", "NHS Anytown Trust is committed to openness.",
         "Page 1 of 2"],
        ["FOI 1234", "Ward", "Beds", "Staff", "Elm", "15", "10", "Total", "75", "*",
         "NHS Anytown Trust is committed to openness.", "Page 2 of 2"],
    ]
    body = "".join(f"<a name={n}></a>" + "<br/>\n".join(htmlmod.escape(t) for t in lines) + "<br/>\n<hr/>\n"
                   for n, lines in enumerate(pages, start=1))
    path = tmp_path / "attachment.html"
    path.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Staff - WhatDoTheyKnow</title></head><body>'
        '<div id="view_html_content"><p class="view_html_description">This is an HTML version of an attachment '
        f"to the Freedom of Information request 'Staff'.</p>{body}</div></body></html>",
        encoding="utf-8",
    )
    (found,) = extract_tables(parse_file(path, path.name))
    assert found.header == ["Ward", "Beds", "Staff"]
    assert rows_of(found) == [["Ash", "20", "14"], ["Beech", "18", "12"], ["Cedar", "22", "<5"], ["Elm", "15", "10"],
                              ["Total", "75", "*"]]
    assert (found.title, found.page, found.total_check) == ("Beds and staff by ward", 1, "ok")


def test_spaced_table_split_by_a_page_break_and_two_tables_that_share_a_header(tmp_path):
    head = "Department              Days lost     Staff\n"
    text = ("Staff sickness absence\n\n" + head + "Finance                       120        45\n"
            "Housing                        98        30\n\fPage 2\n\n" + head
            + "Planning                       40        12\nTotal                         258        87\n")
    (found,) = tables_in_text(tmp_path, text)
    assert rows_of(found) == [["Finance", "120", "45"], ["Housing", "98", "30"], ["Planning", "40", "12"],
                              ["Total", "258", "87"]]
    assert found.title == "Staff sickness absence" and found.total_check == "ok"
    # The same header under its own caption, on the same page, is another table.
    text = ("Table 1: Inpatient wards\n\n" + head + "Finance                       120        45\n"
            "Housing                        98        30\n\nTable 2: Community teams\n\n" + head
            + "Planning                       40        12\nEstates                         7         3\n")
    first, second = tables_in_text(tmp_path, text, "two.txt")
    assert (first.title, second.title) == ("Table 1: Inpatient wards", "Table 2: Community teams")
    assert len(rows_of(first)) == 2 and len(rows_of(second)) == 2


# --------------------------------------------------------------------------
# Precision: what a letter prints that is not a table
# --------------------------------------------------------------------------


LETTER = """Dear Applicant

Re: Freedom of Information request FOI 12345

You asked for the following information:

1. The number of parking permits issued in 2020
2. The number of parking permits issued in 2021
3. The income received

Response:
1. 4,512
2. 4,980
3. £245,300

The council spent £12,000 in 2019 on the scheme and £14,500 in 2020.
In 2021 there were 17 complaints.

The relevant parts of the policy are:
Section 1
Section 2
Section 3

Information Governance
PO Box 123
Anytown
AB12 3CD
Telephone
01234 567890
Date received
12 March 2021

Yours sincerely

John Smith                         Jane Doe
Head of Service                    Director
"""


def test_numbered_lists_addresses_and_signatures_are_not_tables(tmp_path):
    assert tables_in_text(tmp_path, LETTER) == []


def test_telephone_numbers_and_dates_after_labels_are_not_figure_rows(tmp_path):
    contacts = ("Yours sincerely\n\nInformation Governance Team\nTelephone 01234 567890\nMobile 07700 900123\n"
                "Fax 01234 567891\n\nKey dates\nReceived 12 03 2021\nAcknowledged 13 03 2021\nResponded 09 04 2021\n")
    assert tables_in_text(tmp_path, contacts) == []


def test_a_list_with_repeated_labels_is_not_a_table_but_distinct_labels_are(tmp_path):
    assert tables_in_text(tmp_path, "Annexes\nAppendix 1\nAppendix 2\nAppendix 3\n") == []
    (found,) = tables_in_text(tmp_path, "Region Referrals\nNorth 12\nSouth 15\nEast 9\n", "regions.txt")
    assert rows_of(found) == [["North", "12"], ["South", "15"], ["East", "9"]]


# --------------------------------------------------------------------------
# Numbers and total checks
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["redacted", "[Redacted]", "Withheld", "fewer than 5", "less than 10", "Nil",
                                   "Not held", "n.a."])
def test_suppressed_and_withheld_cells_are_not_numbers(value):
    assert parse_number(value) is None


@pytest.mark.parametrize("value, number", [("45 (12%)", 45), ("1,204 (9.5 %)", 1204), ("£0", 0)])
def test_a_count_with_its_share_is_the_count(value, number):
    assert parse_number(value) == number


def test_total_check_ignores_a_percentage_column_unless_it_adds_up():
    body = [["A", "10", "40%"], ["B", "15", "60%"], ["Total", "25", "100%"]]
    assert total_check(body, ["Group", "Count", "Share"]) == "ok"
    body = [["A", "10", "25.0%"], ["B", "15", "50.0%"], ["Total", "25", "40.0%"]]
    assert total_check(body, ["Group", "Count", "Rate"]) == "ok"
    body = [["A", "10", "2.5"], ["B", "15", "3.5"], ["Total", "26", "3.0"]]
    assert total_check(body, ["Group", "Count", "Average days"]) == "mismatch"  # the count is wrong
    body = [["A", "10", "nil"], ["B", "15", "4"], ["Total", "25", "4"]]
    assert total_check(body, ["Group", "Count", "Appeals"]) == "ok"  # "nil" counts as 0
