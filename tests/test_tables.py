"""Tables in every shape a FOI response prints them, rebuilt into rows and columns.

Real samples (the MoJ seed's linearised table, Cornwall's one-row ruled Q&A
table with a boxed footer, RDaSH's table running onto page 2) and documents
generated here: ruled PDF tables across a page break (reportlab), a
text-aligned PDF table, plain text aligned with spaces, pdftohtml-style pages
(one positioned line per cell) and HTML tables.
"""
from __future__ import annotations

import html as htmlmod
from pathlib import Path

import pytest

from pipeline.extract.tables import extract_tables
from pipeline.model import ParsedDocument
from pipeline.parse import parse_file
from pipeline.parse.lines import TextBuilder

from conftest import rows_of

RAW = Path(__file__).resolve().parent.parent / "raw"
PAGE_W, PAGE_H = 595, 842




def tables_of(path: Path):
    return extract_tables(parse_file(path, path.name))


# --------------------------------------------------------------------------
# The MoJ seed: a table flattened to one cell per line
# --------------------------------------------------------------------------

MOJ_ROWS = [
    ["2013 – 14", "17"], ["2014 – 15", "22"], ["2015 – 16", "21"], ["2016 – 17", "24"], ["2017 – 18", "25"],
    ["2018 – 19", "42"], ["2019 – 2020", "29"], ["2020 – Present", ""], ["Grand Total", "180"],
]


def test_linearised_table_in_the_moj_text_rendering():
    doc = parse_file(RAW / "seed" / "moj-foi-200612017-attachment.txt", "moj.txt")
    (table,) = extract_tables(doc)
    assert table.method == "linearised"
    assert table.header == ["Year completed", "Count of Completions"]
    assert rows_of(table) == MOJ_ROWS
    assert (table.n_rows, table.n_cols) == (9, 2)
    assert table.title == "Unaccredited HII Completions: Custody & Community"
    assert table.total_check == "ok"
    # Provenance: the span covers the header to the grand total.
    span = doc.text[table.char_start : table.char_end]
    assert span.startswith("Year completed") and span.endswith("180")


def test_cells_carry_numbers_financial_years_and_the_total_row():
    (table,) = tables_of(RAW / "seed" / "moj-foi-200612017-attachment.txt")
    first = [c for c in table.cells if c.row == 0]
    assert (first[0].fy_label, first[0].fy_start, first[0].fy_end) == ("2013-14", "2013-04-01", "2014-03-31")
    assert first[0].number is None  # a financial year is not a number
    assert first[1].number == 17 and first[1].header == "Count of Completions"
    open_ended = [c for c in table.cells if c.row == 7]
    assert open_ended[0].fy_start == "2020-04-01" and open_ended[0].fy_end is None
    assert open_ended[1].value == "" and open_ended[1].number is None
    assert [c.is_total for c in table.cells if c.col == 0] == [False] * 8 + [True]


def pdftohtml_page(lines: list[tuple[float, float, str]]) -> str:
    """A WhatDoTheyKnow 'HTML version of an attachment' page: one absolutely positioned <p> per text run."""
    ps = "\n".join(
        f'<p style="position:absolute;top:{round(top * 1.5)}px;left:{round(x * 1.5)}px;white-space:nowrap" '
        f'class="ft10">{htmlmod.escape(text).replace(" ", "&#160;")}</p>'
        for top, x, text in lines
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"/><title>Completions - WhatDoTheyKnow</title></head><body>'
        '<div id="view_html_content"><p class="view_html_description">This is an HTML version of an attachment '
        "to the Freedom of Information request 'Completions'.</p>"
        f'<a name="1"></a><div id="page1-div" style="position:relative;width:893px;height:1263px;">\n{ps}\n</div>'
        "</div></body></html>"
    )


def test_linearised_table_in_a_pdftohtml_page(tmp_path):
    """The same table as pdftohtml prints it: each cell its own positioned line."""
    placed = [(72, 72, "Please find the figures below."), (100, 72, "Unaccredited HII Completions: Custody & Community")]
    table = [["Year completed", "Count of Completions"]] + MOJ_ROWS
    for r, row in enumerate(table):
        for c, cell in enumerate(row):
            if cell:
                placed.append((130 + 18 * r, 76 + 200 * c, cell))
    placed.append((330, 72, "A number of individuals are in the process of completing."))
    path = tmp_path / "attachment.html"
    path.write_text(pdftohtml_page(placed), encoding="utf-8")
    (found,) = tables_of(path)
    assert found.header == table[0]
    assert rows_of(found) == MOJ_ROWS
    assert found.total_check == "ok"
    assert found.title == "Unaccredited HII Completions: Custody & Community"


def test_positioned_lines_one_per_cell_make_a_layout_table():
    """Lines with page positions (pdftohtml, PDF runs) sharing a `top` are one row; a lone label keeps its blanks."""
    b = TextBuilder()
    b.add("Referrals by ward", page=1, x0=72, top=80, x1=200)
    grid = [["Ward", "2019/20", "2020/21"], ["Ash", "12", "15"], ["Beech", "<5", "7"], ["Cedar", "", ""],
            ["Total", "20", "22"]]
    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if cell:
                b.add(cell, page=1, x0=72 + 150 * c, top=100 + 16 * r, x1=72 + 150 * c + 40)
    b.add("We hope this helps.", page=1, x0=72, top=200, x1=200)
    doc = ParsedDocument(source="x", format="pdf", text=b.text, raw_text=b.text, lines=b.lines, pages=1)
    (table,) = extract_tables(doc)
    assert table.method == "text_layout"
    assert table.header == grid[0]
    assert rows_of(table) == grid[1:]
    assert table.title == "Referrals by ward"
    assert [c.fy_label for c in table.cells if c.row == 0] == [None, None, None]
    assert table.total_check == "ok"  # 15+7=22 checked; the column with "<5" cannot be


# --------------------------------------------------------------------------
# Ruled PDF tables
# --------------------------------------------------------------------------


def draw_ruled(c, top: float, rows: list[list[str]], cols=(72, 272, 432), row_h: float = 18) -> float:
    """A ruled table drawn with reportlab from `top` (points from the page top); returns its bottom."""
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            for n, text in enumerate(cell.split("\n")):
                c.drawString(cols[k] + 4, PAGE_H - (top + r * row_h + 12 + n * 11), text)
    bottom = top + row_h * len(rows)
    for r in range(len(rows) + 1):
        c.line(cols[0], PAGE_H - (top + r * row_h), cols[-1], PAGE_H - (top + r * row_h))
    for x in cols:
        c.line(x, PAGE_H - top, x, PAGE_H - bottom)
    return bottom


def ruled_pdf(path: Path, pages: list[tuple[list[str], list[list[str]], float]]) -> Path:
    """Pages of (lines of text above, table rows, row height), each with a running footer 'Page n'."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    for n, (texts, rows, row_h) in enumerate(pages, start=1):
        c.setFont("Helvetica", 10)
        top = 72
        for text in texts:
            c.drawString(72, PAGE_H - top - 10, text)
            top += 16
        if rows:
            width = len(rows[0])
            draw_ruled(c, top + 6, rows, cols=tuple(72 + 440 * k / width for k in range(width + 1)), row_h=row_h)
        c.drawString(72, 40, f"Acme Council Information Governance - Page {n}")
        c.showPage()
    c.save()
    return path


HEADER = ["Financial year", "Requests", "Cost (£)"]
YEARS = [[f"{y}/{(y + 1) % 100:02d}", str(10 + y % 7), f"{1000 + 25 * (y % 5):,}"] for y in range(1940, 2030)]


@pytest.mark.parametrize("per_page", [[34, 6], [34, 38, 8]])
def test_ruled_table_across_page_breaks_with_a_repeated_header(tmp_path, per_page):
    years = YEARS[: sum(per_page)]
    total = ["Total", str(sum(int(r[1]) for r in years)), f"{sum(int(r[2].replace(',', '')) for r in years):,}"]
    parts, at = [], 0
    for n in per_page:
        parts.append([HEADER] + years[at : at + n])
        at += n
    parts[-1].append(total)
    path = ruled_pdf(tmp_path / "across.pdf", [(["Dear Sir", "Requests received and their cost"], parts[0], 18)]
                     + [([], part, 18) for part in parts[1:]])
    (table,) = tables_of(path)
    assert table.method == "ruled"
    assert table.header == HEADER
    assert rows_of(table) == years + [total]
    assert table.title == "Requests received and their cost"
    assert table.page == 1
    assert table.total_check == "ok"
    assert [c.fy_start for c in table.cells if c.col == 0][:2] == ["1940-04-01", "1941-04-01"]


def test_ruled_table_whose_row_is_cut_by_the_page_break_without_a_repeated_header(tmp_path):
    rows = [["Query", "Response"], ["How many staff support housing", "Four staff:\ntwo nurses"], ["Is there a policy", "Yes,"]]
    path = ruled_pdf(tmp_path / "cut.pdf", [
        (["Please find below the response:-"], rows, 30),
        ([], [["", "see the attached document"]], 30),
    ])
    (table,) = tables_of(path)
    got = rows_of(table)
    assert table.header == ["Query", "Response"]
    assert got == [["How many staff support housing", "Four staff: two nurses"],
                   ["Is there a policy", "Yes, see the attached document"]]
    assert table.title == "Query / Response"  # the sentence above introduces the table, it does not name it
    assert table.total_check == "none"


def test_tables_on_consecutive_pages_with_text_between_stay_apart(tmp_path):
    path = ruled_pdf(tmp_path / "two.pdf", [
        (["Table 1: requests"], [HEADER] + YEARS[:3], 18),
        (["These are the figures for later years.", "Table 2: more requests"], [HEADER] + YEARS[3:6], 18),
    ])
    tables = tables_of(path)
    assert [t.title for t in tables] == ["Table 1: requests", "Table 2: more requests"]
    assert [rows_of(t) for t in tables] == [YEARS[:3], YEARS[3:6]]
    assert [t.page for t in tables] == [1, 2]


def test_one_cell_box_is_not_a_table(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "box.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica", 10)
    draw_ruled(c, 100, [["Tables"], ["are nice"]], cols=(72, 400))  # a one-column box
    draw_ruled(c, 300, [["The Trust is committed to a Smokefree Policy."]], cols=(72, 400), row_h=30)
    c.save()
    assert tables_of(path) == []


def test_cornwall_one_ruled_row_holds_three_numbered_items():
    """A single physical row whose cells hold items 1-3 is split into three logical rows, by their height on the page."""
    tables = tables_of(RAW / "pdf" / "cornwall-foi-86420-ruled-table.pdf")
    assert len(tables) == 1  # the boxed footer paragraph is dropped
    (table,) = tables
    rows = rows_of(table)
    assert table.header == ["You asked us:", "Our reply:"]
    assert [r[0][:2] for r in rows] == ["1.", "2.", "3."]
    assert rows[0][1].startswith("1 X Homeless Patient Adviser") and rows[0][1].endswith("8 X Social Inclusion Workers")
    assert "Co-ordinator" in rows[0][1]  # a word hyphenated over two lines is joined
    assert rows[1][1] == "Please see the attached document"
    assert rows[2][1] == "1 X Housing Support & Development Co-ordinator 3 X Social Inclusion Workers"
    assert table.total_check == "none"


def test_rdash_table_continued_on_page_two_is_merged():
    (table,) = tables_of(RAW / "pdf" / "rdash-foi-2880-table-across-pages.pdf")
    rows = rows_of(table)
    assert table.header == ["Query", "Response"]  # the header cells pdfplumber put beside their columns
    assert len(rows) == 3 and all(len(r) == 2 for r in rows)
    assert rows[2][0].endswith("These could be housing officers, housing support workers, special housing nurses, "
                               "or similar professions that are specialised in housing support.")
    assert "clinical-policies/clinical-general" in rows[1][1]  # the URL broken over two lines is whole
    assert table.title == "Query / Response"


def test_letters_without_tables_give_none():
    for name in ("somerset-foi-100455-numbered-qa.pdf", "devon-foi-21-22-003-s12.pdf", "bsmhft-foi006-2021-s40.pdf"):
        assert tables_of(RAW / "pdf" / name) == [], name


# --------------------------------------------------------------------------
# Tables aligned with spaces, HTML tables
# --------------------------------------------------------------------------


def test_text_aligned_table_in_a_pdf(tmp_path):
    """Columns placed with whitespace only: the PDF's text lines join the cells with single spaces."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "aligned.pdf"
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setFont("Helvetica", 10)
    c.drawString(72, 760, "Referrals by region in 2020/21")
    grid = [["Region", "Referrals", "Cost (£)"], ["North East", "1,234", "£12,000"], ["South", "567", "£8,500"],
            ["East", "<5", "-"], ["Total", "1,801", "£20,500"]]
    for r, row in enumerate(grid):
        for x, text in zip((72, 250, 400), row):
            c.drawString(x, 740 - 14 * r, text)
    c.drawString(72, 640, "If you are unhappy with this response you may ask for a review.")
    c.save()
    (table,) = tables_of(path)
    assert table.method == "text_layout"
    assert table.header == grid[0]
    assert rows_of(table) == grid[1:]
    assert table.title == "Referrals by region in 2020/21"
    assert [c.number for c in table.cells if c.col == 2] == [12000, 8500, None, 20500]
    assert table.total_check == "ok"


def test_space_aligned_table_in_plain_text(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(
        "Dear Requester\n\n"
        "Staff by team\n"
        "Team          Nurses   Social workers\n"
        "North hub     13       11\n"
        "South hub     16       12\n"
        "QPP           8        \n"
        "Total         40       23\n\n"
        "Yours faithfully\n",
        encoding="utf-8",
    )
    (table,) = tables_of(path)
    assert table.method == "text_layout"
    assert table.header == ["Team", "Nurses", "Social workers"]
    assert rows_of(table) == [["North hub", "13", "11"], ["South hub", "16", "12"], ["QPP", "8", ""], ["Total", "40", "23"]]
    assert table.title == "Staff by team"
    assert table.total_check == "mismatch"  # 13+16+8 = 37, not 40


def test_html_table_with_caption(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><body><h2>Our figures</h2><p>The numbers requested are:</p>"
        "<table><caption>Incidents by year</caption>"
        "<tr><th>Year</th><th>Incidents</th><th>Change</th></tr>"
        "<tr><td>FY2019-20</td><td>1,200</td><td>(3%)</td></tr>"
        "<tr><td>FY2020-21</td><td>*</td><td>n/a</td></tr>"
        "<tr><td>Overall</td><td>1,200</td><td></td></tr></table>"
        "<table><tr><td>Contact us</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    (table,) = tables_of(path)
    assert (table.method, table.title, table.header) == ("html", "Incidents by year", ["Year", "Incidents", "Change"])
    cells = {(c.row, c.col): c for c in table.cells}
    assert cells[0, 1].number == 1200 and cells[0, 2].number == -3
    assert cells[1, 1].number is None and cells[1, 1].value == "*"
    assert cells[0, 0].fy_label == "2019-20" and cells[0, 0].number is None
    assert cells[2, 0].is_total
    assert table.total_check == "none"  # the suppressed "*" makes the column uncheckable


def test_total_mismatch_in_an_html_table(tmp_path):
    path = tmp_path / "t.html"
    path.write_text(
        "<html><body><p>Westminster –</p><table>"
        "<tr><th>Team</th><th>Staff</th></tr><tr><td>A</td><td>3</td></tr><tr><td>B</td><td>4</td></tr>"
        "<tr><td>Grand Total</td><td>9</td></tr></table></body></html>",
        encoding="utf-8",
    )
    (table,) = tables_of(path)
    assert table.title == "Westminster"  # a heading's trailing dash is not part of it
    assert table.total_check == "mismatch"


def test_word_table_whose_total_does_not_add_up():
    (table,) = tables_of(RAW / "other" / "cnwl-foi-124-word-table.docx")
    assert table.title == "Westminster"
    assert table.header[0] == "Team" and table.n_cols == 4
    assert rows_of(table)[-1] == ["Total", "90 staff", "", ""]
    assert table.total_check == "mismatch"  # 90 staff against 13+16+8+3+1


def test_a_measure_named_total_is_not_a_total_row(tmp_path):
    path = tmp_path / "t.html"
    path.write_text(
        "<html><body><table><tr><th>Measure</th><th>2020/21</th></tr><tr><td>Complaints upheld</td><td>3</td></tr>"
        "<tr><td>Complaints not upheld</td><td>4</td></tr><tr><td>Total number of complaints received</td><td>12</td></tr>"
        "<tr><td>Sub-total</td><td>19</td></tr></table></body></html>",
        encoding="utf-8",
    )
    (table,) = tables_of(path)
    assert [c.is_total for c in table.cells if c.col == 0] == [False, False, False, True]
    assert table.header[1] == "2020/21"
    assert table.total_check == "ok"


@pytest.mark.parametrize("prose", [
    "We received 12 requests in 2019.\nOf these 4 were refused.\nThe remaining 8 were answered in full.\n",
    "Ward A 12\nThis is a sentence that ends with a number like 5.\nAnother one 7\n",
])
def test_prose_with_figures_is_not_a_table(tmp_path, prose):
    path = tmp_path / "prose.txt"
    path.write_text("Dear Sir\n\n" + prose + "\nYours faithfully\n", encoding="utf-8")
    assert tables_of(path) == []


def test_html_rowspan_and_thead_cells_keep_columns_aligned(tmp_path):
    page = tmp_path / "t.html"
    page.write_text(
        "<html><body><p>Requests by zone</p><table><thead>"
        "<tr><td rowspan=2>Zone</td><td colspan=2>2020</td></tr><tr><td>Requests</td><td>Cost</td></tr></thead>"
        "<tbody><tr><td rowspan=2>South</td><td>4</td><td>5</td></tr><tr><td>6</td><td>7</td></tr>"
        "<tr><td>Total</td><td>10</td><td>12</td></tr></tbody></table></body></html>")
    from pipeline.parse import parse_file

    (table,) = extract_tables(parse_file(page, "t.html"))
    assert table.header == ["Zone", "2020 Requests", "2020 Cost"]
    rows = {}
    for c in table.cells:
        rows.setdefault(c.row, []).append(c.value)
    assert list(rows.values()) == [["South", "4", "5"], ["South", "6", "7"], ["Total", "10", "12"]]
    assert table.total_check == "ok"


def test_an_html_table_knows_where_its_text_starts_and_ends(tmp_path):
    page = tmp_path / "t.html"
    page.write_text("<html><body><p>Intro</p><table><tr><th>Zone</th><th>Requests</th></tr>"
                    "<tr><td>North</td><td>4</td></tr></table><p>After the table</p></body></html>")
    from pipeline.parse import parse_file

    doc = parse_file(page, "t.html")
    [grid] = doc.tables
    assert doc.text[grid.start : grid.end] == "Zone | Requests\nNorth | 4"
