"""Red-team misses in tables (third round).

- An email writes its table with bars between the cells ("Date received |
  Complaints" / "2 July 2024 | 1,862" / ... / "Total | 2,417"): the bars cut
  the cells, they are not part of the label.
- A numbered heading stands above one short sentence introducing the table
  ("The hours lost at each hospital are set out below."): the heading, not the
  header cells, is the table's title.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.extract.tables import extract_tables
from pipeline.parse import parse_file

from conftest import rows_of, tables_in_text

# --------------------------------------------------------------------------
# Tables written with bars between the cells
# --------------------------------------------------------------------------

EMAIL = """From: Information Requests <information.requests@example.org.uk>
Sent: 16 August 2024 11:42
Subject: Your Freedom of Information request

Dear Ms Jones,

1(a) We received 2,417 complaints about the programme. The number received on each day is shown below.

Date received | Complaints
2 July 2024 | 1,862
3 July 2024 | 448
4 July 2024 | 71
5-31 July 2024 | 36
Total | 2,417

Yours sincerely,

Information Requests Team
"""


def test_bars_cut_the_cells_of_a_text_table(tmp_path):
    (table,) = tables_in_text(tmp_path, EMAIL)
    assert table.header == ["Date received", "Complaints"]
    assert rows_of(table) == [["2 July 2024", "1,862"], ["3 July 2024", "448"], ["4 July 2024", "71"],
                              ["5-31 July 2024", "36"], ["Total", "2,417"]]
    assert table.method == "text_layout"
    assert [c.is_total for c in table.cells if c.row == 4] == [True, True]
    assert table.total_check == "ok"


def test_a_wrong_total_in_a_bar_table_is_a_mismatch(tmp_path):
    (table,) = tables_in_text(tmp_path, EMAIL.replace("Total | 2,417", "Total | 2,418"))
    assert table.total_check == "mismatch"


def test_markdown_rows_without_a_rule_row_are_a_table(tmp_path):
    text = "The cases by ward:\n\n| Ward | 2022 | 2023 |\n| North | 310 | 402 |\n| South | 298 | 802 |\n| Total | 608 | 1,204 |\n"
    (table,) = tables_in_text(tmp_path, text)
    assert table.header == ["Ward", "2022", "2023"]
    assert rows_of(table)[-1] == ["Total", "608", "1,204"]
    assert table.total_check == "ok"


def test_a_markdown_table_in_a_plain_text_file_drops_its_rule_row(tmp_path):
    text = "| Ward | Cases |\n|---|---|\n| North | 5 |\n| South | 7 |\n| Total | 12 |\n"
    (table,) = tables_in_text(tmp_path, text)
    assert table.header == ["Ward", "Cases"]
    assert rows_of(table) == [["North", "5"], ["South", "7"], ["Total", "12"]]
    assert table.total_check == "ok"


def test_a_bar_table_of_text_is_kept(tmp_path):
    text = ("Dear Sir\n\nQuestion | Response\nDo you hold a policy? | Yes, it is attached.\n"
            "Who approved it? | The Board.\nWhen is it reviewed? | Every year.\n\nYours faithfully\n")
    (table,) = tables_in_text(tmp_path, text)
    assert table.header == ["Question", "Response"]
    assert rows_of(table)[1] == ["Who approved it?", "The Board."]


def test_two_lines_with_bars_are_no_table(tmp_path):
    text = "Dear Sir\n\nHome | Contact\nNews | Events\n\nYours faithfully\n"
    assert tables_in_text(tmp_path, text) == []


# --------------------------------------------------------------------------
# A heading above a sentence introducing the table
# --------------------------------------------------------------------------

HANDOVER = """Dear Requester

1. Hours lost to handover delays over 60 minutes, 2023/24
The hours lost at each receiving hospital are set out below.

Receiving hospital    Hours lost
John Radcliffe Hospital    6,412
Royal Berkshire Hospital    4,938
Queen Alexandra Hospital    9,775
Total    21,125

Yours sincerely
"""


def test_a_numbered_heading_above_a_lead_in_sentence_titles_the_table(tmp_path):
    (table,) = tables_in_text(tmp_path, HANDOVER)
    assert table.title == "1. Hours lost to handover delays over 60 minutes, 2023/24"


def test_an_unnumbered_heading_above_a_lead_in_sentence_titles_the_table(tmp_path):
    text = HANDOVER.replace("1. Hours lost", "Hours lost")
    (table,) = tables_in_text(tmp_path, text)
    assert table.title == "Hours lost to handover delays over 60 minutes, 2023/24"


@pytest.mark.parametrize("above, lead_in", [
    ("The figures below were compiled for us by the", "Performance Team."),  # one sentence wrapped
    ("Our ref: FOI 2024/118", "The hours lost are set out below."),  # a letter's field
    ("We hold the information you asked for, which we have set out in full in the table", "Please see below."),
])
def test_a_line_that_is_no_heading_leaves_the_header_as_title(tmp_path, above, lead_in):
    text = HANDOVER.replace("1. Hours lost to handover delays over 60 minutes, 2023/24", above)
    text = text.replace("The hours lost at each receiving hospital are set out below.", lead_in)
    (table,) = tables_in_text(tmp_path, text)
    assert table.title == "Receiving hospital / Hours lost"


def test_a_long_lead_in_paragraph_leaves_the_header_as_title(tmp_path):
    text = HANDOVER.replace(
        "The hours lost at each receiving hospital are set out below.",
        "The hours lost at each receiving hospital are set out below, counted from the crew's arrival at the "
        "hospital to the patient's handover, less the first sixty minutes of each delay.")
    (table,) = tables_in_text(tmp_path, text)
    assert table.title == "Receiving hospital / Hours lost"


def handover_pdf(path: Path) -> Path:
    """A letter with a bold numbered heading, an introducing sentence and a ruled table (reportlab)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    rows = [["Receiving hospital", "Hours lost"], ["John Radcliffe Hospital", "6,412"],
            ["Royal Berkshire Hospital", "4,938"], ["Total", "11,350"]]
    table = Table(rows, colWidths=(220, 120))
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph("Dear Requester", styles["Normal"]),
             Paragraph("<b>1. Hours lost to handover delays over 60 minutes, 2023/24</b>", styles["Normal"]),
             Paragraph("The hours lost at each receiving hospital are set out below.", styles["Normal"]),
             table, Paragraph("Yours sincerely", styles["Normal"])]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def test_a_pdf_heading_above_a_lead_in_sentence_titles_a_ruled_table(tmp_path):
    path = handover_pdf(tmp_path / "letter.pdf")
    (table,) = extract_tables(parse_file(path, path.name))
    assert table.method == "ruled"
    assert table.title == "1. Hours lost to handover delays over 60 minutes, 2023/24"
    assert table.total_check == "ok"


@pytest.mark.parametrize("heading", ["FREEDOM OF INFORMATION ACT 2000", "Freedom of Information Request"])
def test_a_heading_naming_only_the_law_does_not_title_the_table(tmp_path, heading):
    text = HANDOVER.replace("1. Hours lost to handover delays over 60 minutes, 2023/24", heading)
    (table,) = tables_in_text(tmp_path, text)
    assert table.title == "Receiving hospital / Hours lost"
