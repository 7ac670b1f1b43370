"""Spreadsheet annexes (.xlsx, .csv): every sheet's tables, with their titles and notes.

Annex sheets are laid out for people, not databases: a caption line, a blank
row, a merged super-header ("SNAPSHOT DATE" over three date columns), the
header row, the data, a "Grand Total", a note; then the next table stacked
below. A sheet is therefore cut into blocks at blank rows; a block of
one-cell rows is text (a caption or a note), a block with columns is a table
whose title is the caption just above it (else the sheet name).

Values are written as Excel prints them: dates in ISO, percentages and fixed
decimals from the cell's number format, whole numbers without ".0".
Suppressed counts ("<5") are text cells and stay text.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import iterparse

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line
from .lines import TextBuilder
from .text import decode

MAX_ROWS = 100_000  # per sheet: more is a database dump, not an annex to read
MAX_COLS = 200
SSML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class Sheet:
    """A sheet's printed values: `cells[r][c]` (0-based), plus which cells are copies of a merged cell."""

    name: str
    cells: list[list[str]]
    numeric: set[tuple[int, int]] = field(default_factory=set)  # cells holding a number (not a date)
    spanned: set[tuple[int, int]] = field(default_factory=set)  # horizontal copies of a merged cell
    hidden: bool = False
    truncated: bool = False


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def parse_xlsx(path: Path, source: str) -> ParsedDocument:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    except Exception as e:  # not a workbook, damaged, or encrypted (an OLE file with an .xlsx name)
        raise DocumentError("corrupt_xlsx", f"The Excel file cannot be opened ({type(e).__name__}: {e}).") from e
    try:
        sheets = [read_sheet(ws, path) for ws in wb.worksheets]
    finally:
        wb.close()
    doc = build(sheets, source, "xlsx")
    title = wb.properties.title if wb.properties else None
    if title:
        doc.meta["workbook_title"] = title
    return doc


def read_sheet(ws, path: Path) -> Sheet:
    ws.reset_dimensions()  # some writers record a wrong used range; read every row there is
    sheet = Sheet(name=ws.title, cells=[], hidden=ws.sheet_state != "visible")
    for r, row in enumerate(ws.iter_rows()):
        if r >= MAX_ROWS:
            sheet.truncated = True
            break
        values = []
        for c, cell in enumerate(row[:MAX_COLS]):
            values.append(printed(cell.value, getattr(cell, "number_format", "General") or "General"))
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                sheet.numeric.add((r, c))
        sheet.cells.append(values)
    apply_merges(sheet, merged_ranges(path, getattr(ws, "_worksheet_path", None)))
    return sheet


def merged_ranges(path: Path, part: str | None) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 0-based, of every merged range of a sheet.

    openpyxl's read-only mode does not load merges; they sit at the end of the
    sheet's XML, read here in one streaming pass.
    """
    if not part:
        return []
    from openpyxl.utils.cell import range_boundaries

    out = []
    with zipfile.ZipFile(path) as z:
        try:
            stream = z.open(part.lstrip("/"))
        except KeyError:
            return []
        with stream:
            for _, el in iterparse(stream):
                if el.tag == f"{{{SSML}}}mergeCell":
                    try:
                        c0, r0, c1, r1 = range_boundaries(el.get("ref", ""))
                    except (ValueError, TypeError):
                        continue
                    out.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))
                el.clear()
    return out


def apply_merges(sheet: Sheet, ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the range's value; remember which ones copy it sideways."""
    for r0, c0, r1, c1 in ranges:
        if r0 >= len(sheet.cells) or c0 >= MAX_COLS:
            continue
        value = cell_at(sheet.cells, r0, c0)
        if not value:
            continue
        for r in range(r0, min(r1, len(sheet.cells) - 1) + 1):
            row = sheet.cells[r]
            row.extend([""] * (min(c1, MAX_COLS - 1) + 1 - len(row)))
            for c in range(c0, min(c1, MAX_COLS - 1) + 1):
                row[c] = value
                if c > c0:
                    sheet.spanned.add((r, c))
                if (r0, c0) in sheet.numeric:
                    sheet.numeric.add((r, c))


def cell_at(cells: list[list[str]], r: int, c: int) -> str:
    return cells[r][c] if r < len(cells) and c < len(cells[r]) else ""


def printed(value, number_format: str) -> str:
    """A cell value as Excel would show it (the common formats; anything else as a plain number)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        if value.date() == dt.date(1899, 12, 30) or value.date() == dt.date(1899, 12, 31):
            return value.time().isoformat(timespec="minutes")
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return format_number(value, number_format)
    return str(value).strip()


def format_number(value: float, number_format: str) -> str:
    section = number_format.split(";")[0]
    shown = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", section)  # literals, colours and locale codes
    m = re.search(r"0(?:\.(0+))?", shown)
    places = len(m.group(1) or "") if m else None
    percent = "%" in shown
    if percent:
        value = value * 100
    if places is None:  # General: up to 15 significant digits, no trailing zeros
        text = f"{value:.15g}" if isinstance(value, float) else str(value)
        if "e" in text and abs(value) < 1e15:
            text = f"{value:f}".rstrip("0").rstrip(".")
    else:
        # Excel rounds halves away from zero (7.25 -> "7.3"); Python's format rounds them to even.
        rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{rounded:,.{places}f}" if "," in shown else f"{rounded:.{places}f}"
    currency = next((sym for sym in "£€$" if sym in section), "")
    if currency and text.startswith("-"):
        return f"-{currency}{text[1:]}"
    return f"{currency}{text}{'%' if percent else ''}"


def parse_csv(path: Path, source: str) -> ParsedDocument:
    raw = decode(Path(path).read_bytes())
    if not raw.strip():
        raise DocumentError("empty_file", "The CSV file holds only whitespace.")
    sample = raw[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    sheet = Sheet(name=Path(source).stem, cells=[])
    for row in csv.reader(io.StringIO(raw, newline=""), dialect):
        if len(sheet.cells) >= MAX_ROWS:
            sheet.truncated = True
            break
        sheet.cells.append([v.strip() for v in row[:MAX_COLS]])
    rows = sheet.cells
    sheet.numeric = {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row)
                     if re.fullmatch(r"-?[\d,]*\.?\d+", v)}
    return build([sheet], source, "csv")


# --------------------------------------------------------------------------
# From sheets to text and tables
# --------------------------------------------------------------------------


@dataclass
class Block:
    first: int  # sheet row index of the block's first row
    rows: list[list[str]]


def build(sheets: list[Sheet], source: str, fmt: str) -> ParsedDocument:
    b = TextBuilder()
    tables: list[TableGrid] = []
    several = len(sheets) > 1
    for number, sheet in enumerate(sheets, start=1):
        page = number if fmt == "xlsx" else None
        if several or sheet.hidden:
            b.add(f"Sheet: {sheet.name}" + (" (hidden)" if sheet.hidden else ""), page=page, bold=True)
            b.break_paragraph()
        caption: str | None = None
        for block in blocks(sheet):
            own = [[v for c, v in enumerate(row) if v and (block.first + i, c) not in sheet.spanned]
                   for i, row in enumerate(block.rows)]
            if max(len(values) for values in own) < 2:
                lines = [v for values in own for v in values]
                for text in lines:
                    for piece in text.split("\n"):
                        b.add(piece, page=page)
                b.break_paragraph()
                caption = clean_line(" ".join(lines).replace("\n", " "))
                continue
            grid, title_lines = table_grid(sheet, block, caption or sheet.name, page)
            caption = None
            write_table(grid, title_lines, b)
            tables.append(grid)
    if not b.lines:
        raise DocumentError("empty_file", f"The {fmt} file holds no values.")
    meta = {"sheets": [s.name for s in sheets]}
    hidden = [s.name for s in sheets if s.hidden]
    if hidden:
        meta["hidden_sheets"] = hidden
    truncated = [s.name for s in sheets if s.truncated]
    if truncated:
        meta["truncated_sheets"] = truncated
    return ParsedDocument(source=source, format=fmt, text=b.text, raw_text=b.text, lines=b.lines,
                          pages=len(sheets) if fmt == "xlsx" else None, tables=tables, meta=meta)


def blocks(sheet: Sheet) -> list[Block]:
    """Runs of non-blank rows, cut at blank rows."""
    out: list[Block] = []
    current: Block | None = None
    for r, row in enumerate(sheet.cells):
        if any(v for v in row):
            if current is None:
                current = Block(first=r, rows=[])
                out.append(current)
            current.rows.append(row)
        else:
            current = None
    return out


def table_grid(sheet: Sheet, block: Block, caption: str, page: int | None) -> tuple[TableGrid, list[str]]:
    """A table block as a grid: its columns trimmed to the ones used, captions and super-headers found.

    Leading rows with a single value in the block's first column are the
    table's own caption. Then come header rows: a row of labels above another
    (a merged super-header, or labels that do not start at the first column)
    is a header row too, then the header proper, unless the first row already
    holds numbers. A merged value repeats across the columns it spans in
    header rows only.
    """
    used = [c for row in block.rows for c, v in enumerate(row) if v]
    c0, c1 = min(used), max(used)
    rows = [[cell_at(block.rows, i, c) for c in range(c0, c1 + 1)] for i in range(len(block.rows))]
    r_abs = [block.first + i for i in range(len(rows))]
    title_lines = []
    while len(rows) > 2 and sum(1 for v in rows[0] if v) == 1 and rows[0][0]:
        title_lines.append(rows.pop(0)[0])
        r_abs.pop(0)
    supers = 0
    while supers + 1 < len(rows) and is_super_header(sheet, rows[supers], r_abs[supers], c0):
        supers += 1
    first = supers
    has_numbers = any((r_abs[first], c0 + c) in sheet.numeric for c in range(len(rows[first])))
    header_rows = supers + (0 if has_numbers else 1)
    for i in range(header_rows, len(rows)):
        rows[i] = ["" if (r_abs[i], c0 + c) in sheet.spanned else v for c, v in enumerate(rows[i])]
    title = clean_line(" ".join(title_lines).replace("\n", " ")) or caption
    grid = TableGrid(rows=rows, method="spreadsheet", page=page, title=title, header_rows=header_rows)
    return grid, title_lines


def is_super_header(sheet: Sheet, row: list[str], r: int, c0: int) -> bool:
    """Labels grouping the columns of the header row below: merged across them, or not over the first column."""
    values = [v for v in row if v]
    if not values or any((r, c0 + c) in sheet.numeric for c, v in enumerate(row) if v):
        return False
    merged = any((r, c0 + c) in sheet.spanned for c in range(len(row)))
    return (merged or not row[0]) and len(values) < len(row)


def write_table(grid: TableGrid, title_lines: list[str], b: TextBuilder) -> None:
    """The table's own caption lines, then one line per row."""
    b.break_paragraph()
    for text in title_lines:
        for piece in text.split("\n"):
            b.add(piece, page=grid.page)
    start = None
    for row in grid.rows:
        line = b.add(" | ".join(clean_line(v.replace("\n", " ")) for v in row), page=grid.page)
        if line is not None and start is None:
            start = line.start
    grid.start = start
    grid.end = b.offset - 1
    b.break_paragraph()
