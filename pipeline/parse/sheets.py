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
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import iterparse

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line
from .lines import TextBuilder
from .text import decode

MAX_ROWS = 100_000  # non-blank rows per sheet: more is a database dump, not an annex to read
MAX_COLS = 200
MAX_CELLS = 2_000_000  # values per workbook, so that a huge one is cut short rather than exhaust memory
SSML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# Parts a workbook is readable without, tried without when openpyxl rejects the package
# (a stylesheet or document properties some other program wrote in a form openpyxl refuses).
OPTIONAL_PARTS = ("xl/styles.xml", "docProps/")


@dataclass
class Sheet:
    """A sheet's printed values: `cells[r][c]` (0-based), plus which cells are copies of a merged cell."""

    name: str
    cells: list[list[str]]
    numeric: set[tuple[int, int]] = field(default_factory=set)  # cells holding a number (not a date)
    spanned: set[tuple[int, int]] = field(default_factory=set)  # horizontal copies of a merged cell
    below: set[tuple[int, int]] = field(default_factory=set)  # copies of a merged cell in the rows under its first
    hidden: bool = False
    truncated: bool = False
    damaged: bool = False  # the sheet's XML breaks off: the rows before the break are kept

    def owns(self, r: int, c: int) -> bool:
        """Whether cell (r, c) holds a value of its own, not a copy of a merged cell's."""
        return (r, c) not in self.spanned and (r, c) not in self.below


# --------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------


def parse_xlsx(path: Path, source: str) -> ParsedDocument:
    wb, dropped = open_workbook(path)
    sheets: list[Sheet] = []
    try:
        room = MAX_CELLS
        for ws in wb.worksheets:
            sheet = read_sheet(ws, path, room)
            room -= sum(1 for row in sheet.cells for v in row if v)
            sheets.append(sheet)
    finally:
        wb.close()
    if not any(sheet.cells for sheet in sheets) and any(sheet.damaged for sheet in sheets):
        raise DocumentError("corrupt_xlsx", "The Excel file is damaged: its sheets break off before any value.")
    doc = build(sheets, source, "xlsx")
    title = wb.properties.title if wb.properties else None
    if title:
        doc.meta["workbook_title"] = title
    if dropped:
        doc.meta["recovered_parts"] = dropped
    return doc


def open_workbook(path: Path):
    """The workbook (read-only, cached values) and the parts left out to open it, if any had to be."""
    import openpyxl

    try:
        return openpyxl.load_workbook(str(path), read_only=True, data_only=True), []
    except Exception as e:  # not a workbook, damaged, or written in a form openpyxl refuses
        first = e
    stripped, dropped = without_parts(path, OPTIONAL_PARTS)
    if dropped:
        try:
            return openpyxl.load_workbook(stripped, read_only=True, data_only=True), dropped
        except Exception:
            pass
    raise DocumentError("corrupt_xlsx", f"The Excel file cannot be opened ({type(first).__name__}: {first}).") from first


def without_parts(path: Path, prefixes: tuple[str, ...]) -> tuple[io.BytesIO, list[str]]:
    """A copy of the package in memory without the parts whose names start with one of `prefixes`."""
    out, dropped = io.BytesIO(), []
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                if item.filename.startswith(prefixes):
                    dropped.append(item.filename)
                else:
                    dst.writestr(item, src.read(item.filename))
    except Exception:  # the zip itself is damaged: nothing to retry with
        return out, []
    out.seek(0)
    return out, dropped


def read_sheet(ws, path: Path, room: int = MAX_CELLS) -> Sheet:
    """A sheet's values, up to MAX_ROWS non-blank rows and `room` values; blank rows after the last value dropped."""
    ws.reset_dimensions()  # some writers record a wrong used range; read every row there is
    sheet = Sheet(name=ws.title, cells=[], hidden=ws.sheet_state != "visible")
    blank_run = 0  # blank rows not yet added: only kept if a row with values follows
    filled = rows = 0
    try:
        for row in ws.iter_rows():
            values = [printed(cell.value, getattr(cell, "number_format", "General") or "General")
                      for cell in row[:MAX_COLS]]
            if not any(values):
                blank_run += 1
                continue
            filled += sum(1 for v in values if v)
            rows += 1
            if rows > MAX_ROWS or filled > room:
                sheet.truncated = True
                break
            sheet.cells.extend([] for _ in range(blank_run))
            blank_run = 0
            r = len(sheet.cells)
            sheet.numeric.update((r, c) for c, cell in enumerate(row[:MAX_COLS])
                                 if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool))
            sheet.cells.append(values)
    except Exception:  # the sheet's XML breaks off (a truncated or damaged file): keep what came before
        sheet.damaged = True
    apply_merges(sheet, merged_ranges(path, getattr(ws, "_worksheet_path", None)))
    return sheet


def merged_ranges(path: Path, part: str | None) -> list[tuple[int, int, int, int]]:
    """(first row, first col, last row, last col), 0-based, of every merged range of a sheet.

    openpyxl's read-only mode does not load merges; they sit at the end of the
    sheet's XML, read here in one streaming pass (as far as the XML goes).
    """
    if not part:
        return []
    from openpyxl.utils.cell import range_boundaries

    out = []
    try:
        with zipfile.ZipFile(path) as z, z.open(part.lstrip("/")) as stream:
            for _, el in iterparse(stream):
                if el.tag == f"{{{SSML}}}mergeCell":
                    try:
                        c0, r0, c1, r1 = range_boundaries(el.get("ref", ""))
                    except (ValueError, TypeError):
                        continue
                    out.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))
                el.clear()
    except KeyError:
        return []
    except Exception:  # damaged XML or zip member: the ranges found before the damage
        return out
    return out


def apply_merges(sheet: Sheet, ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the range's value; remember which cells are copies, and how."""
    for r0, c0, r1, c1 in ranges:
        if r0 >= len(sheet.cells) or c0 >= MAX_COLS:
            continue
        value = cell_at(sheet.cells, r0, c0)
        if not value:
            continue
        last_row, last_col = min(r1, len(sheet.cells) - 1), min(c1, MAX_COLS - 1)
        for r in range(r0, last_row + 1):
            row = sheet.cells[r]
            row.extend([""] * (last_col + 1 - len(row)))
            for c in range(c0, last_col + 1):
                row[c] = value
                if c > c0:
                    sheet.spanned.add((r, c))
                elif r > r0:
                    sheet.below.add((r, c))
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
        if is_time_format(number_format):
            return value.time().isoformat(timespec="minutes")  # "h:mm" shows no date
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


def is_time_format(number_format: str) -> bool:
    """A format with hours or seconds but no day or year: a time of day or a duration."""
    codes = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", number_format.lower())
    return bool(re.search(r"[hs]", codes)) and not re.search(r"[dy]", codes)


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
    try:
        for row in csv.reader(io.StringIO(raw, newline=""), dialect):
            if len(sheet.cells) >= MAX_ROWS:
                sheet.truncated = True
                break
            sheet.cells.append([v.strip() for v in row[:MAX_COLS]])
    except csv.Error:  # a field longer than the csv module's limit, a stray NUL: keep the rows before it
        sheet.damaged = True
    rejoin_title_lines(sheet.cells, dialect.delimiter)
    rows = sheet.cells
    sheet.numeric = {(r, c) for r, row in enumerate(rows) for c, v in enumerate(row)
                     if re.fullmatch(r"-?[\d,]*\.?\d+", v)}
    return build([sheet], source, "csv")


def rejoin_title_lines(rows: list[list[str]], delimiter: str) -> None:
    """Put back together the lines above a CSV table that are shorter than its rows.

    A title written above the header ("Referrals by team, 2019 to 2021") is one
    line of prose that the CSV reader cut at its commas; rejoined, it is one
    value, which the table reader then takes as the table's title.
    """
    widths = Counter(len(row) for row in rows if any(row))
    if not widths:
        return
    width = widths.most_common(1)[0][0]
    glue = ", " if delimiter == "," else f"{delimiter} "
    for i, row in enumerate(rows):
        if not any(row):
            continue
        if len(row) >= width:
            break
        rows[i] = [glue.join(v for v in row if v)]


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
            own = [[v for c, v in enumerate(row) if v and sheet.owns(block.first + i, c)]
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
        note = cut_short_note(sheet, fmt)
        if note:
            b.add(note, page=page)
            b.break_paragraph()
    if not b.lines:
        raise DocumentError("empty_file", f"The {fmt} file holds no values.")
    meta = {"sheets": [s.name for s in sheets]}
    hidden = [s.name for s in sheets if s.hidden]
    if hidden:
        meta["hidden_sheets"] = hidden
    truncated = [s.name for s in sheets if s.truncated]
    if truncated:
        meta["truncated_sheets"] = truncated
    damaged = [s.name for s in sheets if s.damaged]
    if damaged:
        meta["damaged_sheets"] = damaged
    return ParsedDocument(source=source, format=fmt, text=b.text, raw_text=b.text, lines=b.lines,
                          pages=len(sheets) if fmt == "xlsx" else None, tables=tables, meta=meta)


def cut_short_note(sheet: Sheet, fmt: str) -> str | None:
    """The line that tells a reader the values above are not all the sheet holds."""
    where = "this sheet" if fmt == "xlsx" else "this file"
    if sheet.truncated:
        return (f"[Only the first {sum(1 for row in sheet.cells if row):,} rows of {where} were read: "
                f"it is too large to read in full.]")
    if sheet.damaged:
        return f"[The rest of {where} could not be read: the file is damaged after this point.]"
    return None


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

    Leading rows with a single value of their own are the table's caption when
    that value sits over the table's first column (merged across the table or
    not). Then come header rows: a row of labels above
    another (a merged super-header, labels that do not start at the first
    column, or labels merged down into the row below) is a header row too, then
    the header proper, unless that row holds numbers other than a run of years.
    A merged value repeats across the columns it spans in header rows only.
    """
    r_abs = [block.first + i for i in range(len(block.rows))]
    title_lines = []
    while len(r_abs) > 2 and is_title_row(sheet, r_abs[0], r_abs[1:]):
        title_lines.append(next(v for c, v in enumerate(sheet.cells[r_abs.pop(0)]) if v))
    used = [c for r in r_abs for c, v in enumerate(sheet.cells[r]) if v]
    c0, c1 = min(used), max(used)
    rows = [[cell_at(sheet.cells, r, c) for c in range(c0, c1 + 1)] for r in r_abs]
    supers = 0
    while supers + 1 < len(rows) and is_super_header(sheet, rows[supers], r_abs[supers], c0):
        supers += 1
    first = supers
    has_numbers = any((r_abs[first], c0 + c) in sheet.numeric for c in range(len(rows[first])))
    header_rows = supers + (0 if has_numbers and not is_year_row(sheet, rows[first], r_abs[first], c0) else 1)
    for i in range(header_rows, len(rows)):
        rows[i] = ["" if (r_abs[i], c0 + c) in sheet.spanned else v for c, v in enumerate(rows[i])]
    title = clean_line(" ".join(title_lines).replace("\n", " ")) or caption
    grid = TableGrid(rows=rows, method="spreadsheet", page=page, title=title, header_rows=header_rows)
    return grid, title_lines


def is_title_row(sheet: Sheet, r: int, rest: list[int]) -> bool:
    """One value of its own (merged across columns or not), over the first column of the rows below it.

    A single label starting further right groups some columns: a super-header.
    """
    own = [c for c, v in enumerate(sheet.cells[r]) if v and sheet.owns(r, c)]
    return len(own) == 1 and own[0] <= min(c for row in rest for c, v in enumerate(sheet.cells[row]) if v)


def is_super_header(sheet: Sheet, row: list[str], r: int, c0: int) -> bool:
    """Labels grouping the columns of the header row below: merged across or down, or not over the first column."""
    own = [c for c, v in enumerate(row) if v and sheet.owns(r, c0 + c)]
    if not own or any((r, c0 + c) in sheet.numeric for c, v in enumerate(row) if v):
        return False
    merged = any((r, c0 + c) in sheet.spanned or (r + 1, c0 + c) in sheet.below for c in range(len(row)))
    return (merged or not row[0]) and len(own) < len(row)


def is_year_row(sheet: Sheet, row: list[str], r: int, c0: int) -> bool:
    """A header whose numbers are consecutive years (2019 | 2020 | 2021): labels, not data."""
    numbers = [v for c, v in enumerate(row) if (r, c0 + c) in sheet.numeric]
    try:
        years = [int(v.replace(",", "")) for v in numbers]
    except ValueError:
        return False
    steps = {b - a for a, b in zip(years, years[1:])}
    return len(years) >= 2 and all(1900 <= y <= 2100 for y in years) and steps in ({1}, {-1})


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
