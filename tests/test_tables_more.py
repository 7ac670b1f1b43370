"""More of the variety real FOI responses print their tables in.

Ruled tables running over a page break under a running header that only the
later pages carry (platypus' `onLaterPages`, as Word's "different first page"
does); whitespace-aligned text with ragged columns and wrapped cells; tables
flattened to one value per line with blank cells, multi-word headers and total
rows; totals columns; total checks with rounding; cell values as letters print
them; titles from captions and the line above.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.tables import extract_tables
from pipeline.parse import parse_file

from conftest import rows_of, tables_in_text

pytest.importorskip("reportlab")

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.lib.styles import getSampleStyleSheet  # noqa: E402
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # noqa: E402

STYLES = getSampleStyleSheet()






# --------------------------------------------------------------------------
# Ruled tables over a page break, under a header only the later pages print
# --------------------------------------------------------------------------

WARD_HEADER = ["Ward", "Admissions", "Discharges"]
WARDS = [[f"Ward {n}", str(100 + 7 * n), str(90 + 5 * n)] for n in range(1, 51)]


def running_header(lines: list[str]):
    """A page callback drawing `lines` at the top of the page, as a letter's header from page 2 on."""
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        for n, text in enumerate(lines):
            canvas.drawString(72, A4[1] - 30 - 12 * n, text.replace("{page}", str(doc.page)))
        canvas.restoreState()
    return draw


def letter_with_long_table(path: Path, header_lines: list[str], repeat_header: bool, tail: list[list[str]] = ()) -> Path:
    table = Table([WARD_HEADER] + WARDS + list(tail), repeatRows=1 if repeat_header else 0, colWidths=(200, 120, 120))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph("Acme Hospitals NHS Trust", STYLES["Normal"]), Paragraph("12 May 2021", STYLES["Normal"]),
             Paragraph("Dear Requester", STYLES["Normal"]),
             Paragraph("Please find below the number of admissions and discharges by ward.", STYLES["Normal"]),
             Paragraph("Admissions by ward", STYLES["Heading3"]), table, Spacer(1, 12),
             Paragraph("Yours sincerely", STYLES["Normal"])]
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=90)
    doc.build(story, onLaterPages=running_header(header_lines))
    return path


@pytest.mark.parametrize("header_lines", [
    ["OFFICIAL"],
    ["Acme Hospitals NHS Trust", "Our ref: FOI 2021/1234"],
    ["OFFICIAL - SENSITIVE", "Page {page} of 2"],
    ["FOI 2021/1234 - 12 May 2021"],
])
@pytest.mark.parametrize("repeat_header", [True, False])
def test_ruled_table_continued_under_a_header_only_page_two_prints(tmp_path, header_lines, repeat_header):
    path = letter_with_long_table(tmp_path / "letter.pdf", header_lines, repeat_header)
    doc = parse_file(path, path.name)
    assert doc.pages == 2
    (table,) = extract_tables(doc)
    assert table.method == "ruled" and table.page == 1
    assert table.header == WARD_HEADER
    assert rows_of(table) == WARDS
    assert table.title == "Admissions by ward"


def test_a_new_table_under_its_own_title_on_page_two_stays_apart(tmp_path):
    """A heading that is not page furniture (no running-header form, printed nowhere else) starts a new table."""
    first = Table([WARD_HEADER] + WARDS[:34], colWidths=(200, 120, 120))
    second = Table([WARD_HEADER] + WARDS[34:], colWidths=(200, 120, 120))
    for t in (first, second):
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / "two.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=90)
    doc.build([Paragraph("Inpatient wards", STYLES["Heading3"]), first, Paragraph("Community wards", STYLES["Heading3"]),
               second], onLaterPages=running_header(["OFFICIAL"]))
    tables = extract_tables(parse_file(path, path.name))
    assert [t.title for t in tables] == ["Inpatient wards", "Community wards"]
    assert [t.page for t in tables] == [1, 2]


def footer(lines: list[str]):
    """A page callback drawing `lines` at the foot of the page, as a letter's first-page footer."""
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        for n, text in enumerate(lines):
            canvas.drawString(72, 40 - 10 * n, text)
        canvas.restoreState()
    return draw


def test_ruled_table_continued_past_a_footer_only_page_one_prints(tmp_path):
    table = Table([WARD_HEADER] + WARDS, repeatRows=1, colWidths=(200, 120, 120))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / "letter.pdf"
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=90)
    doc.build([Paragraph("Admissions by ward", STYLES["Heading3"]), table],
              onFirstPage=footer(["Trust Headquarters, 1 High Street, Anytown AN1 2BC", "www.acme-hospitals.nhs.uk"]))
    (found,) = extract_tables(parse_file(path, path.name))
    assert rows_of(found) == WARDS


# --------------------------------------------------------------------------
# Whitespace-aligned tables: ragged columns, wrapped cells
# --------------------------------------------------------------------------


def test_spaced_table_with_figures_right_aligned_under_left_aligned_headers(tmp_path):
    text = ("Dear Sir\n\nTable 3: Referrals by service\n\n"
            "Service                         2019/20    2020/21   Change\n"
            "Adult mental health                 1,204        987     -217\n"
            "CAMHS                                 456        512      56\n"
            "Learning disabilities                  88         90       2\n"
            "Older people's mental health          310        298      -12\n"
            "Total                               2,058      1,887     -171\n\nYours faithfully\n")
    (found,) = tables_in_text(tmp_path, text)
    assert found.header == ["Service", "2019/20", "2020/21", "Change"]
    assert rows_of(found) == [["Adult mental health", "1,204", "987", "-217"], ["CAMHS", "456", "512", "56"],
                              ["Learning disabilities", "88", "90", "2"], ["Older people's mental health", "310", "298", "-12"],
                              ["Total", "2,058", "1,887", "-171"]]
    assert found.title == "Table 3: Referrals by service"
    assert found.total_check == "ok"


def test_spaced_table_with_uneven_gaps(tmp_path):
    text = "Number of staff by grade\nGrade    Full time   Part time\nBand 5   120   34\nBand 6   98    20\nBand 7   45      12\n"
    (found,) = tables_in_text(tmp_path, text)
    assert found.header == ["Grade", "Full time", "Part time"]
    assert rows_of(found) == [["Band 5", "120", "34"], ["Band 6", "98", "20"], ["Band 7", "45", "12"]]


@pytest.mark.parametrize("lines", [
    ["Staff attitude   Rudeness or lack of respect         12",
     "                 from staff"],
    ["Staff attitude   Rudeness or lack of respect",
     "                 from staff                          12"],
])
def test_spaced_table_with_a_text_cell_wrapped_onto_the_next_line(tmp_path, lines):
    text = ("Complaints by subject\n\n"
            "Subject          Description                     Number\n" + "\n".join(lines) + "\n"
            "Waiting times    Delays in appointments              30\n"
            "Communication    Letters not received or              7\n"
            "                 information unclear\n"
            "Total                                                49\n\nWe hope this helps.\n")
    (found,) = tables_in_text(tmp_path, text)
    assert found.header == ["Subject", "Description", "Number"]
    assert rows_of(found) == [["Staff attitude", "Rudeness or lack of respect from staff", "12"],
                              ["Waiting times", "Delays in appointments", "30"],
                              ["Communication", "Letters not received or information unclear", "7"],
                              ["Total", "", "49"]]
    assert found.total_check == "ok"


def borderless_pdf(path: Path, rows: list[list[str]], right_edges: tuple[float, ...] = ()) -> Path:
    """A letter with a table drawn as text in columns at x = 72, 200, 420; columns with a right edge given are
    right-aligned to it, as figures are."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica", 10)
    c.drawString(72, A4[1] - 72, "Please see below.")
    c.drawString(72, A4[1] - 88, "Complaints by subject")
    y = 104
    for row in rows:
        for k, text in enumerate(row):
            if text and k < len(right_edges) and right_edges[k]:
                c.drawRightString(right_edges[k], A4[1] - y, text)
            elif text:
                c.drawString((72, 200, 420)[k], A4[1] - y, text)
        y += 13
    c.drawString(72, A4[1] - y - 12, "Yours sincerely")
    c.save()
    return path


def test_borderless_pdf_table_with_a_text_cell_wrapped_onto_the_next_line(tmp_path):
    rows = [["Subject", "Description", "Number"], ["Staff attitude", "Rudeness or lack of", "12"],
            ["", "respect from staff", ""], ["Waiting times", "Delays in appointments", "30"],
            ["Communication", "Letters not received", "7"], ["", "or unclear", ""], ["Total", "", "49"]]
    (found,) = extract_tables(parse_file(borderless_pdf(tmp_path / "a.pdf", rows), "a.pdf"))
    assert found.method == "text_layout"
    assert rows_of(found) == [["Staff attitude", "Rudeness or lack of respect from staff", "12"],
                              ["Waiting times", "Delays in appointments", "30"],
                              ["Communication", "Letters not received or unclear", "7"], ["Total", "", "49"]]
    assert found.title == "Complaints by subject" and found.total_check == "ok"


def test_borderless_pdf_table_with_right_aligned_figures_of_different_widths(tmp_path):
    rows = [["Service", "2019/20", "2020/21"], ["Adult mental health", "88", "9"], ["CAMHS", "£1,456,000", "£512,000"],
            ["Older people", "1,204", "90"], ["Total", "£1,457,292", "£512,099"]]
    (found,) = extract_tables(parse_file(borderless_pdf(tmp_path / "r.pdf", rows, (0, 330, 430)), "r.pdf"))
    assert found.header == rows[0]
    assert rows_of(found) == rows[1:]
    assert found.total_check == "ok"


# --------------------------------------------------------------------------
# Tables flattened to one value per line
# --------------------------------------------------------------------------


def test_linearised_table_with_multi_word_labels_a_blank_cell_and_a_grand_total(tmp_path):
    text = ("Dear Sir\n\nPlease find the information below.\n\nTable 1: Number of referrals by age group\n"
            "Age group\nNumber of referrals\nNumber accepted\nUnder 18\n45\n30\n18 to 25\n120\n98\n26 to 64\n310\n\n"
            "65 and over\n88\n70\nGrand total\n563\n198\n\nIf you are not satisfied you may ask for a review.\n")
    (found,) = tables_in_text(tmp_path, text)
    assert found.method == "linearised"
    assert found.header == ["Age group", "Number of referrals", "Number accepted"]
    assert rows_of(found) == [["Under 18", "45", "30"], ["18 to 25", "120", "98"], ["26 to 64", "310", ""],
                              ["65 and over", "88", "70"], ["Grand total", "563", "198"]]
    assert found.title == "Table 1: Number of referrals by age group"
    assert [c.is_total for c in found.cells if c.col == 0] == [False] * 4 + [True]
    assert found.total_check == "ok"


@pytest.mark.parametrize("label", ["All", "Trust total", "Total for 2020/21", "Subtotal"])
def test_linearised_table_whose_total_row_has_another_name(tmp_path, label):
    text = ("Staff sickness by directorate\nDirectorate\nDays lost to sickness\nStaff in post\n"
            f"Corporate Services\n120\n45\nAdult Social Care\n-\n30\nChildren and Families\n98\nn/a\n{label}\n218\n75\n")
    (found,) = tables_in_text(tmp_path, text)
    assert rows_of(found)[-1] == [label, "218", "75"]
    assert [c.is_total for c in found.cells if c.col == 0] == [False, False, False, True]
    assert found.total_check == "ok"  # 120 + "-" + 98 = 218; the "n/a" column cannot be checked


def test_all_other_is_a_category_not_a_total(tmp_path):
    text = "Offences\nOffence\nCount\nBurglary\n12\nRobbery\n5\nAll other offences\n30\n"
    (found,) = tables_in_text(tmp_path, text)
    assert not any(c.is_total for c in found.cells)
    assert found.total_check == "none"


# --------------------------------------------------------------------------
# Totals columns, rounding
# --------------------------------------------------------------------------


def html_table(tmp_path: Path, rows: list[list[str]], caption: str = "Staff by gender") -> list:
    cells = "".join("<tr>" + "".join(f"<{'th' if r == 0 else 'td'}>{c}</{'th' if r == 0 else 'td'}>" for c in row) + "</tr>"
                    for r, row in enumerate(rows))
    path = tmp_path / "t.html"
    path.write_text(f"<html><body><p>{caption}</p><table>{cells}</table></body></html>", encoding="utf-8")
    return extract_tables(parse_file(path, path.name))


@pytest.mark.parametrize("estates, check", [("10", "ok"), ("11", "mismatch")])
def test_a_totals_column_is_checked_against_each_row(tmp_path, estates, check):
    (found,) = html_table(tmp_path, [["Directorate", "Male", "Female", "Total"], ["Finance", "10", "12", "22"],
                                     ["Estates", "7", "3", estates]])
    assert found.total_check == check
    assert [c.is_total for c in found.cells if c.row == 0] == [False, False, False, True]


def test_a_totals_column_beside_a_percentage_column_and_a_totals_row(tmp_path):
    rows = [["Team", "Q1", "Q2", "Q3", "Q4", "Total", "% of all"], ["North", "12", "15", "11", "10", "48", "62%"],
            ["South", "8", "9", "7", "6", "30", "38%"], ["Total", "20", "24", "18", "16", "78", "100%"]]
    (found,) = html_table(tmp_path, rows)
    assert found.total_check == "ok"
    (found,) = html_table(tmp_path, [r[:5] + ["47"] + r[6:] if r[0] == "North" else r for r in rows])
    assert found.total_check == "mismatch"  # North's quarters make 48


def test_a_column_named_for_a_total_amount_sums_nothing(tmp_path):
    (found,) = html_table(tmp_path, [["Hospital", "Beds", "Staff", "Total cost (£)"], ["Ash", "20", "14", "£1,200"],
                                     ["Beech", "18", "12", "£900"]])
    assert found.total_check == "none"
    assert not any(c.is_total for c in found.cells)


@pytest.mark.parametrize("shares, check", [
    (["33%", "33%", "33%"], "ok"),        # 99%: each share rounded
    (["34%", "33%", "34%"], "ok"),        # 101%
    (["33.3%", "33.3%", "33.3%"], "ok"),  # 99.9%
])
def test_rounded_percentages_add_up_to_a_hundred(tmp_path, shares, check):
    rows = [["Outcome", "Percentage"], ["Upheld", shares[0]], ["Partly upheld", shares[1]], ["Not upheld", shares[2]],
            ["Total", "100%"]]
    (found,) = html_table(tmp_path, rows, "Table 2: Outcome of complaints")
    assert found.total_check == check


def test_rounded_millions_add_up_and_whole_counts_must_be_exact(tmp_path):
    (found,) = html_table(tmp_path, [["Year", "Spend"], ["2018/19", "£1.2m"], ["2019/20", "£0.9m"], ["2020/21", "£1.6m"],
                                     ["Total", "£3.8m"]])
    assert found.total_check == "ok"  # £3.7m printed as three rounded figures; the true total may be £3.8m
    (found,) = html_table(tmp_path, [["Year", "Spend"], ["2018/19", "£1.2m"], ["2019/20", "£0.9m"], ["2020/21", "£1.6m"],
                                     ["Total", "£4.2m"]])
    assert found.total_check == "mismatch"
    (found,) = html_table(tmp_path, [["Team", "Staff"], ["A", "33"], ["B", "33"], ["C", "33"], ["Total", "100"]])
    assert found.total_check == "mismatch"  # whole counts are not rounded


# --------------------------------------------------------------------------
# Cell values, and titles
# --------------------------------------------------------------------------


def test_cell_numbers_as_letters_print_them(tmp_path):
    rows = [["Year", "Spend", "Cases", "Change"], ["2019/20", "£12k", "5*", "(1,234)"], ["2013 – 14", "£1.2m", "<5", "–"],
            ["FY2020/21", "£(300)", "≤10", "nil"], ["2021", "1,234.5", "n/a", "12%"]]
    (found,) = html_table(tmp_path, rows, "Spend and cases")
    cells = {(c.row, c.col): c for c in found.cells}
    assert [cells[r, 1].number for r in range(4)] == [12_000, 1_200_000, -300, 1234.5]
    assert [cells[r, 2].number for r in range(4)] == [5, None, None, None]
    assert cells[0, 2].value == "5*"  # the footnote marker stays in the value as printed
    assert [cells[r, 3].number for r in range(4)] == [-1234, None, None, 12]
    assert [cells[r, 0].number for r in range(3)] == [None, None, None]  # financial years are labels
    assert [cells[r, 0].fy_label for r in range(3)] == ["2019-20", "2013-14", "2020-21"]


@pytest.mark.parametrize("text, title", [
    ("Table 1: Referrals received by team\n\nThe figures below exclude duplicate referrals.\n\n{table}\n",
     "Table 1: Referrals received by team"),
    ("Dear Sir\n\n{table}\nTable 3: Referrals by team\n\nYours faithfully\n", "Table 3: Referrals by team"),
    ("Dear Sir\n\n{table}\n\nYours faithfully\n", "Team / 2019/20 / 2020/21"),
])
def test_title_from_a_numbered_caption_near_the_table_never_a_salutation(tmp_path, text, title):
    table = ("Team        2019/20    2020/21\nNorth            12         15\nSouth             8          9\n"
             "Total            20         24")
    (found,) = tables_in_text(tmp_path, text.format(table=table))
    assert found.title == title


def test_a_caption_below_a_table_that_heads_the_next_table_is_the_next_ones(tmp_path):
    table = ("Team        2019/20    2020/21\nNorth            12         15\nSouth             8          9\n"
             "Total            20         24")
    first, second = tables_in_text(tmp_path, f"Dear Sir\n\n{table}\nTable 2: Closed cases\n{table}\n")
    assert (first.title, second.title) == ("Team / 2019/20 / 2020/21", "Table 2: Closed cases")


@pytest.mark.parametrize("value, number", [
    ("£12k", 12_000), ("12k", 12_000), ("5*", 5), ("1,234*", 1234), ("12 [1]", 12), ("£3.2m [note 2]", 3_200_000),
    ("£(1,234)", -1234), ("£-50", -50), ("(£100)", -100),
])
def test_more_numbers_as_tables_print_them(value, number):
    from pipeline.normalise.numbers import parse_number

    assert parse_number(value) == pytest.approx(number)


@pytest.mark.parametrize("value", ["<5*", "≤10", "≥ 10", "**", "nil", "Nil return", "1st", "2nd", "2019/20", "2013 – 14",
                                   "2018 - 2020", "30-40", "Total*"])
def test_more_values_that_are_no_number(value):
    from pipeline.normalise.numbers import parse_number

    assert parse_number(value) is None


@pytest.mark.parametrize("value, margin", [("12", 0), ("12.5", 0.05), ("33%", 0.5), ("£1.2m", 50_000), ("£12k", 500),
                                           ("n/a", 0)])
def test_rounding_margin_of_a_printed_figure(value, margin):
    from pipeline.normalise.numbers import rounding

    assert rounding(value) == pytest.approx(margin)


def test_a_column_of_years_is_not_added_into_the_row_total(tmp_path):
    (found,) = html_table(tmp_path, [["Team", "Year", "Male", "Female", "Total"], ["North", "2020", "10", "12", "22"],
                                     ["North", "2021", "7", "3", "10"]])
    assert found.total_check == "ok"


def test_a_numbered_caption_wrapped_over_two_lines_is_the_whole_title(tmp_path):
    path = tmp_path / "sanctions.pdf"
    caption = ("Table 1: Universal Credit sanction decisions applied, by month and sanction level, "
               "April 2021 to March 2023")
    rows = [["Month", "Low", "Medium", "High"], ["April 2021", "120", "45", "9"], ["May 2021", "131", "40", "11"],
            ["Total", "251", "85", "20"]]
    table = Table(rows)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), pagesize=A4).build([
        Paragraph("Dear Ms Lee,", STYLES["Normal"]), Spacer(1, 12),
        Paragraph("The figures you asked for are below.", STYLES["Normal"]), Spacer(1, 12),
        Paragraph(caption, STYLES["Normal"]), Spacer(1, 6), table])
    [t] = extract_tables(parse_file(path, path.name))
    assert t.title == caption and t.total_check == "ok"


def test_a_sentence_naming_the_table_above_its_caption_is_not_part_of_the_title(tmp_path):
    text = ("A1. The council received 1,516 claims. The figures for each year are shown in\n"
            "Table 1 below. Figures for 2022/23 are to 31 January 2023.\n"
            "Table 1: Pothole claims received and paid\n\nFinancial year\n\nClaims received\n\nClaims paid\n\n"
            "2019/20\n\n412\n\n96\n\n2020/21\n\n298\n\n71\n\nTotal\n\n710\n\n167\n")
    [t] = tables_in_text(tmp_path, text)
    assert t.title == "Table 1: Pothole claims received and paid" and t.total_check == "ok"
