"""Every table of a document, rebuilt into rows and columns.

Tables reach this stage in four shapes, one `method` each:
- `ruled` / `html` (and Word/Excel grids): the parser already cut the cells
  (`doc.tables`). They are cleaned here: empty and header-only columns folded
  away, one-column boxes (a boxed footer paragraph) dropped, a table continued
  on the next page merged into the one it continues (with or without a
  repeated header), and a physical row holding several numbered items split
  into one logical row per item.
- `text_layout`: cells side by side on the page, either as positioned lines
  (PDF, pdftohtml: one line per cell, same `top`), in plain text separated by
  runs of spaces, or separated by bars ("Date | Complaints") in an email.
- `linearised`: a PDF-to-text rendering that put every cell on its own line
  ("Year completed / Count of Completions / 2013 – 14 / 17 / ..."); rows are
  rebuilt from the header count and the label-then-values pattern.
Then every table gets a title (caption, the heading above it, or its header),
parsed numbers and financial years, total rows and a total check.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..model import Cell, Line, ParsedDocument, Table, TableGrid
from ..normalise import clean_line
from ..normalise.numbers import SUPPRESSED_RE, parse_financial_year, parse_number, rounding
from .letter import names_a_request

# "Total", "Grand Total", "Sub-total", "Trust total", "Total staff", "Total for 2020/21", "Total (all wards)",
# "Overall": not "Total number of complaints received".
TOTAL_RE = re.compile(
    r"""(?:(?:[^\W\d_]+[\s-]+|sub)?totals?(?:\s+(?:for|in)\s+[\w/\-\u2013 ]{1,30}|\s+\w+)?(?:\s*\([^)]{1,30}\))?
       |overall(?:\s+totals?)?)\s*:?""",
    re.I | re.X,
)
NIL_RE = re.compile(r"^(?:[\-\u2010-\u2015\u2212]*|nil)$", re.I)  # a blank, a dash or "nil": nothing to add
ITEM_RE = re.compile(r"^\(?(\d{1,2})[.)]\s")
MAX_TITLE_CHARS = 120
MAX_LABEL_CHARS = 60


@dataclass
class Grid:
    """A table on its way to becoming a `Table`: rows of cell texts, header rows first."""

    rows: list[list[str]]
    method: str
    header_rows: int = 1
    page: int | None = None
    title: str | None = None
    start: int | None = None
    end: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    lines: list[Line] = field(default_factory=list)  # the document lines the table covers
    # The rows as the parser cut them, blank columns kept: a continuation whose
    # only row is blank in some column still has the ruled width of the table it continues.
    ruled_rows: list[list[str]] = field(default_factory=list)
    from_parser: bool = False  # the parser saw a table here (drawn, marked up, or laid out as one)


class LineIndex:
    """A document's lines by page and by offset, for the look-ups every table makes."""

    def __init__(self, lines: list[Line]):
        self.lines = lines
        self.starts = [line.start for line in lines]
        self.claimed: set[int] = set()  # ids of the lines some table prints: never another table's title
        self.by_page: dict[int | None, list[Line]] = {}
        for line in lines:
            self.by_page.setdefault(line.page, []).append(line)
        # How far down the pages print, a stand-in for the page height (which the lines do not carry).
        self.depth = max((line.top for line in lines if line.top is not None), default=0.0)

    def in_margin_band(self, line: Line) -> bool:
        """Whether a placed line sits in the top or bottom band of its page, where headers and footers go."""
        return line.top is not None and not (
            MARGIN_BAND * self.depth <= line.top <= (1 - MARGIN_BAND) * self.depth)

    def on_page(self, page: int | None) -> list[Line]:
        return self.by_page.get(page, [])

    def before(self, offset: int) -> Line | None:
        """The last line ending at or before `offset`."""
        i = bisect.bisect_right(self.starts, offset) - 1
        while i >= 0 and self.lines[i].end > offset:
            i -= 1
        return self.lines[i] if i >= 0 else None


def extract_tables(doc: ParsedDocument) -> list[Table]:
    """The document's tables in reading order: the parser's grids first claim their lines, then each finder in turn."""
    index = LineIndex(doc.lines)
    grids = parser_grids(doc, index)
    taken = {id(line) for g in grids for line in g.lines}
    free = [line for line in doc.lines if id(line) not in taken]
    for finder in (pipe_tables, positioned_tables, spaced_tables, figure_row_tables, linearised_tables):
        found = finder(free, doc)
        grids += found
        taken = {id(line) for g in found for line in g.lines}
        free = [line for line in free if id(line) not in taken]
    grids = [g for g in grids if is_table(g)]
    grids.sort(key=lambda g: (g.start if g.start is not None else float("inf"), g.page or 0))
    grids = merge_page_split(grids, index)
    index.claimed = {id(line) for g in grids for line in g.lines}
    return [to_table(seq, g, index) for seq, g in enumerate(grids)]


# --------------------------------------------------------------------------
# Grids the parser found (ruled PDF tables, HTML, Word, spreadsheets)
# --------------------------------------------------------------------------


def parser_grids(doc: ParsedDocument, index: LineIndex) -> list[Grid]:
    grids = []
    for t in doc.tables:
        rows = fold_columns([list(r) for r in t.rows if any((c or "").strip() for c in r)], t.header_rows)
        if not rows:
            continue
        g = Grid(rows=rows, method=t.method, header_rows=t.header_rows, page=t.page, title=t.title,
                 start=t.start, end=t.end, bbox=t.bbox, ruled_rows=pad([[c or "" for c in r] for r in t.rows]),
                 from_parser=True)
        g.lines = covered_lines(index.on_page(t.page) if t.bbox else doc.lines, t)
        if g.lines:
            g.start = g.start if g.start is not None else g.lines[0].start
            g.end = g.end if g.end is not None else g.lines[-1].end
        if t.bbox is not None:  # pdfplumber's table finder cannot tell a header from a data row
            g.header_rows = header_depth(rows)
            g.rows = fill_spanned_headers(rows, g.header_rows)
        elif t.method == "html" and t.header_rows <= 1 and header_depth(rows) == 2:  # a <td> header spanning a sub-header
            g.header_rows = 2
        if t.method == "ruled":
            g.rows = split_logical_rows(g)
        grids.append(g)
    grids = merge_continued(grids, index)
    for g in grids:
        g.rows = [[join_cell_lines(c) for c in row] for row in g.rows]
    return grids


def pad(rows: list[list[str]]) -> list[list[str]]:
    """Rows made as wide as the widest."""
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def covered_lines(lines: list[Line], t: TableGrid) -> list[Line]:
    """The document lines a parser table occupies: inside its box, or the rows written from its start offset."""
    if t.bbox and t.page is not None:
        x0, top, x1, bottom = t.bbox
        return [
            l for l in lines
            if l.page == t.page and l.top is not None and top - 2 <= l.top <= bottom - 2
            and (l.x0 is None or (l.x0 < x1 and (l.x1 or l.x0) > x0))
        ]
    if t.start is not None:
        after = [l for l in lines if l.start >= t.start and (t.end is None or l.end <= t.end)]
        return after if t.end is not None else after[: len(t.rows)]
    return []


def fold_columns(rows: list[list[str]], header_rows: int) -> list[list[str]]:
    """Drop empty columns; fold a column holding only a header cell into its neighbour with an empty header.

    pdfplumber cuts a ruled table at every vertical rule of any row, so a header
    cell spanning two data columns lands beside the column it heads.
    """
    rows = pad([[(c or "").strip() for c in r] for r in rows])
    cols = [list(col) for col in zip(*rows)]
    cols = [c for c in cols if any(c)]
    h = min(header_rows, len(rows) - 1) if len(rows) > 1 else 0
    i = 0
    while i < len(cols):
        col = cols[i]
        header_only = h > 0 and any(col[:h]) and not any(col[h:])
        for j in (i - 1, i + 1) if header_only else ():
            if 0 <= j < len(cols) and not any(cols[j][:h]) and any(cols[j][h:]):
                cols[j] = col[:h] + cols[j][h:]
                del cols[i]
                i -= 1
                break
        i += 1
    return [list(r) for r in zip(*cols)] if cols else []


def looks_like_header(row: list[str], spans: bool = False) -> bool:
    """A first row of short labels, none of them a number but column years ("2018 | 2019 | 2020");
    one blank at most, more when `spans` (merged cells)."""
    cells = [c for c in row if c.strip()]
    return bool(cells) and (spans or len(cells) >= len(row) - 1) and header_cells(cells, 80)


def header_cells(cells: list[str], longest: int) -> bool:
    """Column names: short text, or calendar years running in order (a year alone, or out of order, is a figure)."""
    years = [int(c) for c in cells if is_year(c)]
    in_order = len(years) >= 2 and (years == sorted(set(years)) or years == sorted(set(years), reverse=True))
    return (not years or in_order) and all(
        is_year(c) or (parse_number(join_cell_lines(c)) is None and len(c) <= longest and not SUPPRESSED_RE.match(c))
        for c in cells
    )


def header_depth(rows: list[list[str]]) -> int:
    """How many leading rows of a ruled or HTML grid are its header: 0, 1, or 2 when the first row spans the second.

    A two-row header ("2019/20" over "Requests | Cost") shows as a first row of
    labels with blanks where a merged cell spans, over a row of labels filling
    those blanks; figures must follow, or a table of text rows would lose its
    first row to the header.
    """
    if not looks_like_header(rows[0], spans=True):
        return 0
    if len(rows) < 3 or not looks_like_header(rows[1], spans=True):
        return 1 if looks_like_header(rows[0]) else 0
    spanned = any(not top.strip() and low.strip() for top, low in zip(rows[0][1:], rows[1][1:])) or any(
        a.strip() and a == b and c != d for a, b, c, d in zip(rows[0][1:], rows[0][2:], rows[1][1:], rows[1][2:])
    )  # a blank beside a merged cell (PDF), or the merged cell repeated over different sub-headers (HTML colspan)
    figures = any(is_value(join_cell_lines(c)) for row in rows[2:] for c in row[1:])
    if spanned and figures:
        return 2
    return 1 if looks_like_header(rows[0]) else 0


def fill_spanned_headers(rows: list[list[str]], header_rows: int) -> list[list[str]]:
    """In a header row above another, a blank cell takes the label to its left: the merged cell spans it.

    The first column is left alone: its header is printed once, in whichever row.
    """
    out = [list(r) for r in rows]
    for row in out[: header_rows - 1]:
        for c in range(2, len(row)):
            if not row[c].strip() and row[c - 1].strip():
                row[c] = row[c - 1]
    return out


def join_cell_lines(cell: str) -> str:
    """A cell's wrapped lines as one line; a line ending in a hyphen ("Co-", a URL) joins without a space."""
    return clean_line(re.sub(r"(?<=-)\n(?=\S)", "", cell).replace("\n", " "))


def split_logical_rows(g: Grid) -> list[list[str]]:
    """Split a physical row whose cells hold several numbered items ("1. ...", "2. ...") into one row per item.

    The other columns' lines go with the item beside which they are printed,
    found by matching the cell lines to the page lines (which carry `top`).
    Without positions, a column is split only when it is numbered the same way.
    """
    out = [row for row in g.rows[: g.header_rows]]
    for row in g.rows[g.header_rows:]:
        cells = [c.split("\n") for c in row]
        key = next((c for c, lines in enumerate(cells) if len(item_starts(lines)) >= 2), None)
        if key is None:
            out.append(row)
            continue
        starts = item_starts(cells[key])
        tops = line_tops(cells, g.lines)
        pieces: list[list[list[str]]] = [[[] for _ in row] for _ in starts]
        for c, lines in enumerate(cells):
            if c == key:
                bounds = starts + [len(lines)]
                for k in range(len(starts)):
                    pieces[k][c] = lines[bounds[k]:bounds[k + 1]]
            elif tops is not None:
                item_tops = [tops[key][s] for s in starts]
                for n, line in enumerate(lines):
                    k = max([i for i, t in enumerate(item_tops) if t <= tops[c][n] + 2] or [0])
                    pieces[k][c].append(line)
            elif len(own := item_starts(lines)) == len(starts):
                bounds = own + [len(lines)]
                for k in range(len(own)):
                    pieces[k][c] = lines[bounds[k]:bounds[k + 1]]
            else:
                out.append(row)
                break
        else:
            out.extend(["\n".join(p) for p in piece] for piece in pieces)
    return out


def item_starts(lines: list[str]) -> list[int]:
    """Indexes of the lines starting items numbered 1, 2, 3... (the first line must start item 1)."""
    starts, expected = [], 1
    for i, line in enumerate(lines):
        m = ITEM_RE.match(line.strip())
        if m and int(m.group(1)) == expected:
            starts.append(i)
            expected += 1
    return starts if starts and starts[0] == 0 else []


def line_tops(cells: list[list[str]], page_lines: list[Line]) -> list[list[float]] | None:
    """The `top` of every line of every cell, from the page lines that print them side by side.

    A page line is the cells' lines of one height joined left to right (PDF text
    extraction) or a single cell's line (one positioned line per cell).
    """
    tops: list[list[float | None]] = [[None] * len(c) for c in cells]
    nxt = [0] * len(cells)
    for pl in sorted(page_lines, key=lambda l: (l.top or 0, l.x0 or 0)):
        rest = pl.text
        for c, lines in enumerate(cells):
            if nxt[c] >= len(lines):
                continue
            want = clean_line(lines[nxt[c]])
            if want and rest.startswith(want) and (len(rest) == len(want) or rest[len(want)] == " "):
                tops[c][nxt[c]] = pl.top
                nxt[c] += 1
                rest = rest[len(want):].lstrip()
            elif not want:
                nxt[c] += 1
    if any(t is None for c, col in enumerate(tops) for n, t in enumerate(col) if clean_line(cells[c][n])):
        return None
    return [[t if t is not None else 0.0 for t in col] for col in tops]


def merge_continued(grids: list[Grid], index: LineIndex) -> list[Grid]:
    """Merge a ruled table that continues at the top of the next page into the one it continues.

    It continues when it has as many columns, spans the same width and nothing
    but running page furniture stands above it. A repeated header is dropped;
    a first row that carries on a cut row (starts in lower case, or has an
    empty first cell) is joined to the last row.
    """
    out: list[Grid] = []
    tail: Grid | None = None  # the last page's part of out[-1], which a next part must continue
    for g in grids:
        prev = out[-1] if out else None
        if prev is None or tail is None or not continues(tail, g, index):
            out.append(g)
            tail = g
            continue
        tail = g
        rows = g.rows if len(g.rows[0]) == len(prev.rows[0]) else g.ruled_rows
        h = prev.header_rows
        if h and [[norm(c) for c in r] for r in rows[:h]] == [[norm(c) for c in r] for r in prev.rows[:h]]:
            rows = rows[h:]  # the whole header repeated, both rows of a two-row one
        elif h and [norm(c) for c in rows[0]] == [norm(c) for c in prev.rows[0]]:
            rows = rows[1:]
        if rows and prev.rows and len(prev.rows) > prev.header_rows and carries_on(rows[0]):
            last = prev.rows[-1]
            prev.rows[-1] = ["\n".join(x for x in (a, b) if x) for a, b in zip(last, rows[0])]
            rows = rows[1:]
        prev.rows += rows
        prev.lines += g.lines
        prev.end = g.end if g.end is not None else prev.end
    return out


def continues(prev: Grid, g: Grid, index: LineIndex) -> bool:
    """Whether `g` carries on `prev`, the part of a ruled table at the foot of the page before."""
    if prev.method != "ruled" or g.method != "ruled" or not prev.bbox or not g.bbox:
        return False
    width = len(prev.rows[0])
    if prev.page is None or g.page != prev.page + 1 or width not in (len(g.rows[0]), len(g.ruled_rows[0])):
        return False
    if abs(prev.bbox[0] - g.bbox[0]) > 15 or abs(prev.bbox[2] - g.bbox[2]) > 15:
        return False
    prev_lines, next_lines = index.on_page(prev.page), index.on_page(g.page)
    on_prev, on_next = {digits_aside(l.text) for l in prev_lines}, {digits_aside(l.text) for l in next_lines}
    above = [l for l in next_lines if l.top is not None and l.top < g.bbox[1] - 2]
    below = [l for l in prev_lines if l.top is not None and l.top > prev.bbox[3]]
    return (all(digits_aside(l.text) in on_prev or running_furniture(l, index) for l in above)
            and all(digits_aside(l.text) in on_next or running_furniture(l, index) for l in below))


def digits_aside(text: str) -> str:
    """A line's words with its numbers blanked: running headers and footers differ only by page numbers and dates."""
    return re.sub(r"\d+", "#", norm(text))


# Forms only page furniture takes: protective markings, page labels, reference and case-number lines,
# web and email addresses, telephone numbers and postcodes.
RUNNING_FURNITURE_RE = re.compile(
    r"""^(?:not\s+protectively\s+marked|official(?:[\s-]+sensitive)?|unclassified|restricted|protect
           |(?:private\s+(?:and|&)\s+)?confidential)\b
       |\bpage\s+\d+(?:\s*(?:of|/)\s*\d+)?\b
       |\b(?:(?:our|your)\s+)?ref(?:erence)?(?:\s+(?:no|number))?\.?\s*:?\s*[A-Z]*[\s/-]?\d
       |\b(?:case|request)\s+(?:no\.?|number|ref\.?|reference)\s*:?\s*[A-Z]*[\s/-]?\d
       |^(?:foi|foia|eir|foisa)\b\W*[A-Z]*[\s/-]?\d
       |\bwww\.|\w@\w|https?://|\b(?:tel|telephone|phone|fax)\b\.?\s*:?\s*[+(\d]
       |(?-i:\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b)""",
    re.I | re.X,
)
CAPTION_RE = re.compile(r"^(?:table|figure|annex|appendix)\b", re.I)
MARGIN_BAND = 0.15  # running headers and footers sit in the top or bottom 15% of the page


def running_furniture(line: Line, index: LineIndex) -> bool:
    """A page header or footer line, though only some pages print it (Word's "different first page").

    It must sit in the top or bottom band of its page, not caption a table, and
    take a form only page furniture takes ("OFFICIAL", "Page 2 of 3", "Our ref:
    FOI 1234", a web address) or repeat, numbers aside, a whole line printed in a
    margin band of another page (the authority's name under its letterhead). A
    heading such as "Community wards" at the top of a page is none of these, so a
    table under it is a new table, not a continuation.
    """
    if line.top is None or not index.in_margin_band(line) or CAPTION_RE.match(line.text.strip()):
        return False
    if RUNNING_FURNITURE_RE.search(line.text):
        return True
    text = digits_aside(line.text)
    return bool(text) and any(
        other is not line and other.page != line.page and index.in_margin_band(other) and digits_aside(other.text) == text
        for other in index.lines
    )


def carries_on(row: list[str]) -> bool:
    first = next((c.strip() for c in row if c.strip()), "")
    return bool(first) and (first[0].islower() or not row[0].strip())


def norm(s: str) -> str:
    return re.sub(r"\W+", " ", s or "").strip().lower()


PAGE_NUMBER_RE = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|[-\u2013]?\s*\d{1,3}\s*[-\u2013]?)$", re.I)


def merge_page_split(grids: list[Grid], index: LineIndex) -> list[Grid]:
    """Join a layout or linearised table the page break cut in two (ruled ones are joined by `merge_continued`).

    The second part carries on the first when a page turns between them (their
    pages differ, or a "Page 1 of 2" line stands between), only page furniture
    stands between (short lines, no sentence, no "Table 2" caption), the first
    part has no total row yet, and the second repeats its header or, headerless,
    has its width.
    """
    out: list[Grid] = []
    for g in grids:
        prev = out[-1] if out else None
        if prev is None or not continues_layout(prev, g, index):
            out.append(g)
            continue
        prev.rows += g.rows[g.header_rows:]
        prev.lines += g.lines
        prev.end = g.end
    return out


def continues_layout(prev: Grid, g: Grid, index: LineIndex) -> bool:
    layouts = ("text_layout", "linearised")
    if prev.method not in layouts or g.method not in layouts or prev.end is None or g.start is None:
        return False
    if len(prev.rows[0]) != len(g.rows[0]) or any(is_total_row(r) for r in prev.rows[prev.header_rows:]):
        return False
    if g.header_rows:
        if not prev.header_rows or [norm(c) for c in g.rows[0]] != [norm(c) for c in prev.rows[0]]:
            return False
    between = [l for l in index.lines if prev.end <= l.start and l.end <= g.start and l.text.strip()]
    turned = (prev.page is not None and g.page == prev.page + 1) or any(PAGE_NUMBER_RE.match(l.text.strip()) for l in between)
    furniture = len(between) <= 4 and all(
        len(l.text) <= MAX_LABEL_CHARS and not re.search(r"[.:;!?]$", l.text.strip())
        and not re.match(r"^(?:table|figure|annex|appendix)\b", l.text.strip(), re.I)
        for l in between
    )
    return turned and furniture


# --------------------------------------------------------------------------
# Tables laid out on the page (text_layout)
# --------------------------------------------------------------------------


def pipe_tables(lines: list[Line], doc: ParsedDocument) -> list[Grid]:
    """Plain-text tables whose cells are separated by bars: "Date received | Complaints" over "2 July 2024 | 1,862".

    At least three consecutive lines cut into the same number of cells (two or
    more) make a table; the bars mark the cells as plainly as a ruled grid, so
    the table needs no figures. A Markdown rule row ("---|---") is dropped.
    (The text parser already turns a Markdown table with its rule row into a grid.)
    """
    grids, run = [], []
    for line in lines + [None]:
        cells = pipe_cells(line.text) if line is not None else None
        if cells and (not run or (contiguous(run[-1][0], line) and len(cells) == len(run[-1][1]))):
            run.append((line, cells))
            continue
        grids += pipe_grid(run) if len(run) >= 3 else []
        run = [(line, cells)] if cells else []
    return grids


PIPE_RULE_CELL_RE = re.compile(r"^:?-{3,}:?$")


def pipe_cells(text: str) -> list[str] | None:
    """The cells of a line written with bars between them ("| a | b |" or "a | b"), None for a line without."""
    body = text.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") else body
    if "|" not in body:
        return None
    return [clean_line(c) for c in body.split("|")]


def pipe_grid(run: list[tuple[Line, list[str]]]) -> list[Grid]:
    """The grid of a run of bar-separated lines, the first its header when it names the columns."""
    rows = [cells for _, cells in run if not all(PIPE_RULE_CELL_RE.match(c) for c in cells)]
    if not rows:
        return []
    lines = [line for line, _ in run]
    return [Grid(rows=rows, method="text_layout", header_rows=1 if looks_like_header(rows[0]) else 0,
                page=lines[0].page, start=lines[0].start, end=lines[-1].end, lines=lines, from_parser=True)]


def positioned_tables(lines: list[Line], doc: ParsedDocument) -> list[Grid]:
    """Cells printed side by side as separate positioned lines (one line per cell, same `top`)."""
    placed = [l for l in lines if l.top is not None and l.x0 is not None and l.page is not None]
    rows: list[list[Line]] = []
    for line in sorted(placed, key=lambda l: (l.page, l.top, l.x0)):
        if rows and rows[-1][0].page == line.page and abs(rows[-1][0].top - line.top) <= 2:
            rows[-1].append(line)
        else:
            rows.append([line])
    grids, run = [], []
    for row in rows + [[]]:
        if len(row) >= 2 or (run and len(row) == 1 and aligned_single(row[0], run)):
            run.append(row)
            continue
        grids += layout_grid(run)
        run = [row] if len(row) >= 2 else []
    return grids


def aligned_single(line: Line, run: list[list[Line]]) -> bool:
    """A lone line inside a layout table: a row whose other cells are blank, or the wrapped rest of a cell
    (it starts where a column's cells start); a caption ("Table 2: ...") starts another table."""
    wide = [r for r in run if len(r) >= 2]
    return (bool(wide) and any(abs(line.x0 - cell.x0) <= 4 for cell in wide[0] + wide[-1])
            and len(line.text) <= MAX_LABEL_CHARS and line.page == run[-1][0].page and not CAPTION_RE.match(line.text))


def layout_grid(run: list[list[Line]]) -> list[Grid]:
    """The grid of a run of positioned rows, columns found as `spaced_grid` finds them, in points."""
    while run and len(run[-1]) < 2:
        run = run[:-1]
    if sum(1 for r in run if len(r) >= 2) < 3:
        return []
    counts = [len(r) for r in run]
    width = max([n for n in counts if counts.count(n) >= 2] or counts)
    full = [r for r in run if len(r) == width]
    spans = [(min(r[k].x0 for r in full), max(r[k].x1 or r[k].x0 for r in full)) for k in range(width)]
    rows = []
    for r in run:
        cols = list(range(width)) if len(r) == width else [column_of(l.x0, l.x1 or l.x0, spans, 40) for l in r]
        if None in cols:
            return []
        row = [""] * (max(cols + [width - 1]) + 1)
        for col, l in zip(running_max(cols), r):
            row[col] = clean_line(f"{row[col]} {l.text}")
        rows.append(row)
    rows = pad(rows)
    flat = [l for r in run for l in r]
    flat.sort(key=lambda l: l.start)
    header_rows = layout_header_depth(rows)
    rows = rows[:header_rows] + join_wrapped_cells(rows[header_rows:])
    return [Grid(rows=join_wrapped_labels(rows, header_rows), method="text_layout", header_rows=header_rows,
                 page=run[0][0].page, start=flat[0].start, end=flat[-1].end, lines=flat)]


def layout_header_depth(rows: list[list[str]], deepest: int = 3) -> int:
    """Header rows of a layout table: the first row of labels and the lines its wrapped cells go on to.

    "Financial / Number of / Cost" over "year / referrals / (£)": each line of
    labels (two at least, so that a lone group heading stays in the body) that
    visibly goes on from the line above (a cell in lower case or in brackets,
    or under a cell ending "of", "and") belongs to the header, when figures follow.
    """
    if not looks_like_header(rows[0]):
        return 0
    depth = 1
    while depth < min(deepest, len(rows) - 1):
        row = rows[depth]
        if sum(1 for c in row if c.strip()) < 2 or not looks_like_header(row, spans=True):
            break
        goes_on = any(c[:1].islower() or c.startswith("(") or CONNECTIVE_RE.search(above)
                      for c, above in zip(row, rows[depth - 1]) if c)
        if not goes_on:  # "Ash / Open / None" under "Ward / Status / Beds" is a row of text
            break
        depth += 1
    later = rows[depth:]
    if not any(is_value(c) or parse_financial_year(c) for r in later for c in r[1:]):
        return 1  # a grid of text: only its first row names the columns
    return depth


CONNECTIVE_RE = re.compile(r"(?:\b(?:and|of|for|the|in|to|with|or)|[&,/\-\u2013])$", re.I)


def join_wrapped_labels(rows: list[list[str]], header_rows: int) -> list[list[str]]:
    """Rejoin a row label the layout wrapped onto two lines ("Trauma and" / "orthopaedics  22  31").

    A line holding only a label belongs to the row below when that row's label
    goes on in lower case or the line ends on a connective ("and", "&"); a
    lower-case label alone goes on the row above. A capitalised lone label
    ("Cedar") is a row of its own with blank cells.
    """
    out = [list(r) for r in rows[:header_rows]]
    body = [list(r) for r in rows[header_rows:]]
    i = 0
    while i < len(body):
        row = body[i]
        label_only = bool(row[0]) and not any(row[1:])
        nxt = body[i + 1] if i + 1 < len(body) else None
        if label_only and nxt and nxt[0] and any(nxt[1:]) and (nxt[0][0].islower() or CONNECTIVE_RE.search(row[0])):
            nxt[0] = f"{row[0]} {nxt[0]}"
        elif label_only and row[0][0].islower() and len(out) > header_rows and any(out[-1][1:]):
            out[-1][0] = f"{out[-1][0]} {row[0]}"
        else:
            out.append(row)
        i += 1
    return out


SPACED_RE = re.compile(r" {2,}|\t+")


def spaced_tables(lines: list[Line], doc: ParsedDocument) -> list[Grid]:
    """Plain-text tables whose columns are separated by runs of spaces (kept only in the raw text)."""
    raw = raw_versions(doc)
    grids, run = [], []
    for line in lines + [None]:
        cells = split_spaced(raw.get(id(line), "")) if line is not None else []
        if (len(cells) >= 2 or (run and lone_label(cells, run))) and (not run or contiguous(run[-1][0], line)):
            run.append((line, cells))
            continue
        while run and len(run[-1][1]) < 2:
            run.pop()
        grids += spaced_grid(run) if sum(1 for _, c in run if len(c) >= 2) >= 3 else []
        run = [(line, cells)] if len(cells) >= 2 else []
    return grids


def lone_label(cells: list[tuple[int, str]], run: list[tuple[Line, list[tuple[int, str]]]]) -> bool:
    """A line with one label in a column of a spaced table: a wrapped row label or text cell, or a row of blanks.

    It sits in the first column (left of the second column's start) or starts
    where a column's cells start; a caption ("Table 2: ...") starts another table.
    """
    wide = [c for _, c in run if len(c) >= 2]
    if len(cells) != 1 or not wide or not is_label(cells[0][1]) or CAPTION_RE.match(cells[0][1]):
        return False
    pos = cells[0][0]
    return pos < wide[-1][1][0] or any(abs(pos - p) <= 1 for c in wide for p, _ in c[1:])


RAW_LOOKAHEAD = 200  # raw lines searched for one clean line before it is taken to have none


def raw_versions(doc: ParsedDocument) -> dict[int, str]:
    """Each line's raw text (spacing kept), found by walking the raw text in step with the clean lines.

    A clean line with no raw line of its own nearby (a Markdown line without
    its marks, a word rejoined over a line break, blocks a parser reordered)
    is skipped, and the walk carries on from where it was.
    """
    raws = re.split(r"[\n\f]", doc.raw_text or "")
    cleaned: dict[int, str] = {}
    out, j = {}, 0
    for line in doc.lines:
        for k in range(j, min(len(raws), j + RAW_LOOKAHEAD)):
            if k not in cleaned:
                cleaned[k] = clean_line(raws[k])
            if cleaned[k] == line.text:
                out[id(line)] = raws[k]
                j = k + 1
                break
    return out


def split_spaced(raw: str) -> list[tuple[int, str]]:
    """(column position, text) of each space-separated segment of a raw line."""
    raw = raw.rstrip()
    out, pos = [], 0
    for part in SPACED_RE.split(raw):
        at = raw.index(part, pos) if part else pos
        if part.strip():
            out.append((at + len(part) - len(part.lstrip()), clean_line(part)))
        pos = at + len(part)
    return out


def contiguous(a: Line, b: Line) -> bool:
    """`b` is the line right after `a`, with no blank line between."""
    return b.start == a.end + 1


def spaced_grid(run: list[tuple[Line, list[tuple[int, str]]]]) -> list[Grid]:
    """The grid of a run of space-separated lines, columns found from the rows that fill them all.

    Columns are ragged in real letters: figures right-aligned under a
    left-aligned header, gaps of uneven width. The table's width is the most
    cells that two rows hold (one row with a cell split by a double space does
    not add a column); those rows give each column its extent, by order, and
    every other line's pieces go to the column they overlap or sit nearest.
    """
    if len(run) < 3 or any(len(t) > MAX_LABEL_CHARS for _, cells in run for _, t in cells):
        return []
    counts = [len(cells) for _, cells in run]
    width = max([n for n in counts if counts.count(n) >= 2] or counts)
    spans = column_spans([cells for _, cells in run if len(cells) == width])
    rows = []
    for _, cells in run:
        cols = [column_of(p, p + len(t), spans, 8) for p, t in cells] if len(cells) != width else list(range(width))
        if None in cols:
            return []
        row = [""] * (max(cols + [width - 1]) + 1)
        for col, (_, t) in zip(running_max(cols), cells):
            row[col] = clean_line(f"{row[col]} {t}")
        rows.append(row)
    rows = pad(rows)
    lines = [l for l, _ in run]
    header_rows = layout_header_depth(rows)
    rows = rows[:header_rows] + join_wrapped_cells(rows[header_rows:])
    return [Grid(rows=join_wrapped_labels(rows, header_rows), method="text_layout", header_rows=header_rows,
                 page=lines[0].page, start=lines[0].start, end=lines[-1].end, lines=lines)]


def column_spans(full_rows: list[list[tuple[int, str]]]) -> list[tuple[int, int]]:
    """Each column's extent (first and last character position) over the rows that fill every column."""
    return [(min(cells[k][0] for cells in full_rows), max(cells[k][0] + len(cells[k][1]) for cells in full_rows))
            for k in range(len(full_rows[0]))]


def column_of(start: float, end: float, spans: list[tuple[float, float]], slack: float) -> int | None:
    """The column a piece of text from `start` to `end` belongs to: the one it overlaps most, else the
    nearest within `slack`; a piece further right than that starts a new column. None: it fits no column."""
    overlaps = [min(end, e) - max(start, s) for s, e in spans]
    best = max(range(len(spans)), key=lambda k: overlaps[k])
    if overlaps[best] > 0:
        return best
    if start > spans[-1][1]:
        return len(spans) if start - spans[-1][1] > slack else len(spans) - 1
    gaps = [max(s - end, start - e) for s, e in spans]
    near = min(range(len(spans)), key=lambda k: gaps[k])
    return near if gaps[near] <= slack else None


def running_max(cols: list[int]) -> list[int]:
    """Columns kept in reading order: a piece never goes left of the piece before it (it joins that cell)."""
    out, top = [], 0
    for c in cols:
        top = max(top, c)
        out.append(top)
    return out


def join_wrapped_cells(body: list[list[str]]) -> list[list[str]]:
    """Rejoin rows whose cells wrapped onto further lines: a line with no row label goes with the row above
    when it holds no figures (the wrapped rest of a text cell) or the row above holds none (figures printed
    on the cell's last line)."""
    out: list[list[str]] = []
    for row in body:
        has_figures = any(is_value(c) for c in row[1:])
        if out and not row[0] and any(row) and (not has_figures or not any(is_value(c) for c in out[-1][1:])):
            out[-1] = [clean_line(f"{a} {b}") for a, b in zip(out[-1], row)]
        else:
            out.append(row)
    return out


def figure_row_tables(lines: list[Line], doc: ParsedDocument) -> list[Grid]:
    """Rows whose columns the text extraction joined with single spaces: a label, then figures.

    "North 1,234 £12,000" under "Region Referrals Cost (£)". At least three
    consecutive lines end in the same number of figures, each with its own label
    (not a list such as "Section 1 / Section 2 / Section 3"); the header line above
    is cut where the columns fall, estimated from each line's position on the
    page (or its characters, in plain text).
    """
    grids, run = [], []
    for i, line in enumerate(lines + [None]):
        parts = figure_row(line.text) if line is not None else None
        if parts and (not run or (contiguous(run[-1][0], line) and len(parts) == len(run[-1][1]))):
            run.append((line, parts))
            continue
        if len(run) >= 3 and len({parts[0].lower() for _, parts in run}) == len(run):
            grids.append(figure_grid(run, lines[i - len(run) - 1] if i > len(run) else None))
        run = [(line, parts)] if parts else []
    return grids


def figure_row(text: str) -> list[str] | None:
    """[label, figure, figure...] when a line is a short label followed by figures, else None.

    A digit group with a leading zero ("01234 567890", "09 04 2021") is a
    telephone number, a date or a code, never a figure: such a line is no row.
    """
    tokens = text.split(" ")
    if any(re.match(r"^0\d", t) for t in tokens):
        return None
    n = 0
    while n < len(tokens) - 1 and is_value(tokens[-1 - n]):
        n += 1
    label = " ".join(tokens[: len(tokens) - n])
    if n == 0 or not is_label(label) or len(label.split()) > 6:
        return None
    return [label] + tokens[len(tokens) - n:]


def figure_grid(run: list[tuple[Line, list[str]]], head: Line | None) -> Grid:
    """The rows of a figure run, under `head` (the line before it) when that is their header."""
    first = run[0][0]
    if head is not None and not (head.page == first.page and head.end + 1 == first.start and is_label(head.text)):
        head = None
    if dated_labels([parts for _, parts in run]) and not names_year_column(head.text if head else "", len(run[0][1])):
        run = [(line, [f"{parts[0]} {parts[1]}"] + parts[2:]) for line, parts in run]
    header = split_header(head, [r for r, _ in run], len(run[0][1])) if head is not None else None
    rows = ([header] if header else []) + [parts for _, parts in run]
    used = ([head] if header else []) + [r for r, _ in run]
    return Grid(rows=rows, method="text_layout", header_rows=1 if header else 0, page=first.page,
                start=used[0].start, end=used[-1].end, lines=used)


# A row label naming a month or a quarter, whose year the text extraction split off as a figure:
# "April 2022 412", "Sept 2022 17", "Q1 2022 98".
PERIOD_RE = re.compile(
    r"(?:^|\s)(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|q[1-4]|quarter\s+[1-4])\.?$",
    re.I,
)


def dated_labels(rows: list[list[str]]) -> bool:
    """Whether every row is a month or quarter label, then a year, then at least one figure.

    "April 2022 412" is the period "April 2022" and one figure, not three
    columns: the year belongs to the label.
    """
    return all(len(r) >= 3 and PERIOD_RE.search(r[0]) and is_year(r[1]) for r in rows)


def header_labels(text: str) -> list[str]:
    """A header line cut into column names: a capitalised word starts a name, a lower-case word continues it.

    "Month Average caseload" names two columns, "Month Year Referrals" three.
    """
    names: list[list[str]] = []
    for word in text.split():
        if not names or not word[:1].islower():
            names.append([word])
        else:
            names[-1].append(word)
    return [" ".join(n) for n in names]


def names_year_column(header: str, width: int) -> bool:
    """Whether a header gives a year column of its own: it names "Year" and has a name for each of `width` columns."""
    labels = header_labels(header)
    return len(labels) >= width and any(re.fullmatch(r"(?:\w+\s+)?years?", lab, re.I) for lab in labels)


def split_header(head: Line, rows: list[Line], width: int) -> list[str]:
    """The header line cut into `width` column names: one a word, else one a capitalised name
    ("Month Average caseload"), else each word going to the column it sits above."""
    words = head.text.split(" ")
    if len(words) == width:
        return words
    if len(names := header_labels(head.text)) == width:
        return names
    if len(words) < width:
        return [""] * (width - len(words)) + words
    centres: list[list[float]] = [[] for _ in range(width)]
    for row in rows:
        tokens = row.text.split(" ")
        figures = tokens[len(tokens) - (width - 1):]
        offset = len(row.text) - len(" ".join(figures))
        centres[0].append(x_at(row, (offset - 1) / 2))
        for k, figure in enumerate(figures, start=1):
            centres[k].append(x_at(row, offset + len(figure) / 2))
            offset += len(figure) + 1
    columns = [sorted(c)[len(c) // 2] for c in centres]
    names = [[] for _ in range(width)]
    offset = 0
    for word in words:
        centre = x_at(head, offset + len(word) / 2)
        names[min(range(width), key=lambda k: abs(columns[k] - centre))].append(word)
        offset += len(word) + 1
    return [" ".join(n) for n in names]


def x_at(line: Line, index: float) -> float:
    """Where character `index` of a line sits: interpolated across the line's extent, or the index itself."""
    if line.x0 is None or line.x1 is None or not line.text:
        return index
    return line.x0 + (line.x1 - line.x0) * index / len(line.text)


# --------------------------------------------------------------------------
# Linearised tables: one cell per line
# --------------------------------------------------------------------------


def is_value(text: str) -> bool:
    return parse_number(text) is not None or bool(SUPPRESSED_RE.match(text.strip()))


def is_label(text: str) -> bool:
    t = text.strip()
    return bool(t) and not is_value(t) and len(t) <= MAX_LABEL_CHARS and not t.endswith((".", ",", ";"))


def linearised_tables(lines: list[Line], doc: ParsedDocument) -> list[Grid]:
    """Rows rebuilt from a header of k labels followed by rows of one label and up to k-1 values."""
    texts = [line.text for line in lines]
    grids, j, free_from = [], 1, 0
    while j < len(lines):
        grid = linearised_at(lines, texts, j, free_from)
        if grid is None:
            j += 1
            continue
        grids.append(grid)
        free_from = j - len(grid.rows[0]) + len(grid.lines)  # the first line after the table
        j = free_from + 1
    return grids


def linearised_at(lines: list[Line], texts: list[str], j: int, free_from: int) -> Grid | None:
    """The table whose first row label is lines[j], if the lines around it (from `free_from` on) make one.

    Rows are usually labelled with text ("North", "2019/20"), and the header
    width is the count of values after the first label. Rows labelled with
    calendar years ("2017 / 1,245 / 34 / 2018 / ...") are all figures: the width
    is the one that makes every row start with the next year.
    """
    years = is_year(texts[j])
    if years:
        k = year_row_width(texts, j)
    elif is_label(texts[j]):
        k = label_row_width(texts, j)
    else:
        return None
    if k < 2 or j - k < free_from or not header_cells(texts[j - k:j], 40) or not is_label(texts[j - k]):
        return None
    if k > 2 and header_cells(texts[j + 1:j + k], 40) and all(is_year(t) for t in texts[j + 1:j + k]):
        return None  # "Category / 2018 / 2019": a header of years, not a first row
    rows, p, empty_run = [texts[j - k:j]], j, 0
    while p < len(lines) and (is_label(texts[p]) or (years and is_year(texts[p]))):
        values = []
        while p + 1 + len(values) < len(lines) and len(values) < k - 1 and is_value(texts[p + 1 + len(values)]):
            if years and is_year(texts[p]) and is_year(nxt := texts[p + 1 + len(values)]) and abs(int(nxt) - int(texts[p])) == 1:
                break  # the next row's year: this row stops short
            values.append(texts[p + 1 + len(values)])
        empty_run = empty_run + 1 if not values else 0
        if empty_run > 1:
            break
        rows.append([texts[p]] + values + [""] * (k - 1 - len(values)))
        p += 1 + len(values)
    while len(rows) > 1 and not any(rows[-1][1:]):
        rows.pop()
        p -= 1
    if sum(1 for r in rows[1:] if all(r[1:])) < 2:
        return None
    used = lines[j - k:p]
    return Grid(rows=join_wrapped_labels(rows, 1), method="linearised", header_rows=1, page=used[0].page,
                start=used[0].start, end=used[-1].end, lines=used)


def label_row_width(texts: list[str], j: int, look: int = 8) -> int:
    """The row width (label + values) of label-led rows from texts[j], 1 when no value follows the first label.

    Usually the count of values after the first label; but a text rendering
    drops blank cells, so when at least two of the next rows carry more values,
    their count is the width.
    """
    def values_after(p: int) -> int:
        v = 0
        while p + 1 + v < len(texts) and is_value(texts[p + 1 + v]) and v < 12:
            v += 1
        return v

    first = values_after(j)
    if first == 0:
        return 1
    counts, p = [], j + 1 + first
    while p < len(texts) and len(counts) < look and is_label(texts[p]):
        v = values_after(p)
        counts.append(v)
        p += 1 + v
    wider = [v for v in counts if v > first]
    if len(wider) >= 2 and all(v == wider[0] for v in wider):
        return wider[0] + 1
    return first + 1


YEAR_RE = re.compile(r"^(?:19|20)\d\d$")


def is_year(text: str) -> bool:
    return bool(YEAR_RE.match(text.strip()))


def year_row_width(texts: list[str], j: int, widest: int = 6) -> int:
    """The row width (label + values) at which rows from texts[j] start with consecutive years; 0 if none fits twice."""
    best, best_rows = 0, 1
    for k in range(2, widest + 1):
        p, n = j, 0
        while p + k <= len(texts) and is_year(texts[p]) and all(is_value(t) for t in texts[p + 1:p + k]):
            if n and abs(int(texts[p]) - int(texts[p - k])) != 1:
                break
            n += 1
            p += k
        if n > best_rows:
            best, best_rows = k, n
    return best


# --------------------------------------------------------------------------
# From a grid to a Table
# --------------------------------------------------------------------------


def is_table(g: Grid) -> bool:
    """At least two columns and one data row: a one-cell or one-column box is not a table.

    Cells the table finders found only by their layout must also hold figures
    in most rows: two blocks of text side by side (a letterhead beside an
    address) are not a table. A parser's grid needs none (a Question | Response
    table of a `pdftotext -layout` rendering is the PDF's ruled table).
    """
    if not g.rows or len(g.rows[0]) < 2 or len(g.rows) <= g.header_rows:
        return False
    if g.method != "text_layout" or g.from_parser:
        return True
    body = g.rows[g.header_rows:]
    with_figures = sum(1 for r in body if any(is_value(c) or parse_financial_year(c) for c in r[1:]))
    return with_figures * 2 >= len(body)


def to_table(seq: int, g: Grid, index: LineIndex) -> Table:
    h = g.header_rows
    header = [" ".join(dict.fromkeys(r[c] for r in g.rows[:h] if r[c])) for c in range(len(g.rows[0]))] if h else []
    body = g.rows[h:]
    total_col = total_column(header)
    cells = []
    for r, row in enumerate(body):
        total = is_total_row(row)
        for c, value in enumerate(row):
            fy = parse_financial_year(value)
            cells.append(Cell(
                row=r, col=c, header=(header[c] or None) if header else None, value=value,
                number=parse_number(value), is_total=total or c == total_col,
                fy_label=fy.label if fy else None, fy_start=fy.start if fy else None, fy_end=fy.end if fy else None,
            ))
    return Table(
        seq=seq, title=table_title(g, index, header), page=g.page, header=header, cells=cells,
        method=g.method, total_check=total_check(body, header), n_rows=len(body), n_cols=len(g.rows[0]),
        char_start=g.start, char_end=g.end,
    )


def is_total_row(row: list[str]) -> bool:
    """A row labelled as a total in its first or second cell, or "All" as its row label ("All", not "All other")."""
    return any(TOTAL_RE.fullmatch(c.strip()) for c in row[:2]) or bool(re.fullmatch(r"all\s*:?", row[0].strip(), re.I))


# A column of row totals is headed by the word alone: "Total cost (£)" beside "Beds" and "Staff" sums nothing.
TOTAL_COLUMN_RE = re.compile(r"(?:grand\s+|overall\s+|row\s+)?totals?|overall|all", re.I)


def total_column(header: list[str]) -> int | None:
    """The column holding each row's total ("Q1 | Q2 | Total", "Male | Female | All"), when exactly one does."""
    cols = [c for c, name in enumerate(header) if c > 0 and TOTAL_COLUMN_RE.fullmatch(name.strip().rstrip(":"))]
    return cols[0] if len(cols) == 1 else None


RATE_RE = re.compile(r"%|\bper\s*cent|\bpercentage\b|\b(?:average|mean|median|rate|ratio)\b", re.I)


def is_rate(header: str, values: list[str]) -> bool:
    """A column of percentages or averages (by its header or its cells)."""
    return bool(RATE_RE.search(header or "")) or any(v.strip().endswith("%") for v in values)


def total_check(body: list[list[str]], header: list[str] | None = None) -> str:
    """ok when every total the table prints equals the sum of what it totals, mismatch when one does not,
    none when it prints no total that can be checked.

    A total row's figures sum the rows above it: a subtotal covers the rows
    since the previous total, the last total every non-total row. A total
    column's figures sum the row's figure columns on the other side of it
    ("Q1 | Q2 | Q3 | Total", "Total | Male | Female"). Blank and dash cells count
    as 0; a suppressed cell ("<5", "*") leaves its sum unchecked. Figures printed
    rounded (decimals, "£1.2m", "33%") may each be off by half their last
    printed unit, so three shares of "33%" add up to "100%". A percentage or an
    average that does not add up is no sum, not a mismatch.
    """
    header = header or []
    results = row_total_results(body, header) + column_total_results(body, header)
    if False in results:
        return "mismatch"
    return "ok" if True in results else "none"


def row_total_results(body: list[list[str]], header: list[str]) -> list[bool | None]:
    """For each figure of each total row: whether it equals its column's sum over the rows it totals (None: unchecked)."""
    totals = [i for i, row in enumerate(body) if is_total_row(row)]
    results: list[bool | None] = []
    prev = -1
    for n, i in enumerate(totals):
        span = range(0, i) if n == len(totals) - 1 else range(prev + 1, i)
        rows = [body[k] for k in span if k not in totals]
        prev = i
        for c, value in enumerate(body[i]):
            if c == 0 or not rows:
                continue
            column = [r[c] if c < len(r) else "" for r in rows]
            results.append(adds_up(column, value, header[c] if c < len(header) else ""))
    return results


def column_total_results(body: list[list[str]], header: list[str]) -> list[bool | None]:
    """For each row: whether its total column equals the sum of the figure columns it totals (None: unchecked)."""
    t = total_column(header)
    if t is None:
        return []
    side = range(1, t) if t > 1 else range(t + 1, len(header))
    parts = [c for c in side if is_figure_column(header[c], [r[c] for r in body if c < len(r)])]
    if len(parts) < 2:
        return []
    return [adds_up([row[c] for c in parts], row[t], "") for row in body if t < len(row)]


def is_figure_column(header: str, values: list[str]) -> bool:
    """A column of counts or amounts a row total adds up: figures, not rates, nor a column of years labelling the rows."""
    figures = [v for v in values if parse_number(v) is not None]
    return bool(figures) and not is_rate(header, values) and not all(is_year(v) for v in figures)


def adds_up(parts: list[str], total: str, header: str) -> bool | None:
    """Whether the printed `parts` sum to the printed `total`, within rounding; None when it cannot be told."""
    value = parse_number(total)
    if value is None:
        return None
    parts = ["" if NIL_RE.match(v.strip()) else v.strip() for v in parts]
    if any(v and parse_number(v) is None for v in parts):
        return None
    tolerance = max(rounding(v) for v in parts + [total]) * len(parts) or 1e-9
    ok = abs(sum(parse_number(v) or 0.0 for v in parts) - value) <= tolerance
    if not ok and is_rate(header, parts + [total]):
        return None  # a percentage or an average is not a sum of the rows; only a match counts
    return ok


def table_title(g: Grid, index: LineIndex, header: list[str]) -> str | None:
    """The caption, else a heading just above the table, else a "Table 3: ..." caption a few lines above or
    just below it, else its header cells joined."""
    if g.title:
        return g.title
    above = line_above(g, index)
    if above is not None and id(above) not in index.claimed and is_title(above.text) and not running_furniture(above, index):
        return wrapped_caption(above, index) or re.sub(r"\s+[-\u2013\u2014]$", "", above.text.strip())  # "Westminster –"
    caption = numbered_caption(g, index) or heading_past_lead_in(above, index)
    if caption:
        return caption
    named = [h for h in header if h]
    return " / ".join(h.rstrip(":") for h in named) or None


LEAD_IN_WORDS = 20  # a sentence introducing a table ("The figures are set out below.") is short
NUMBERED_HEADING_RE = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*[.)]?|[A-Z][.)]|\(?[a-z]\))\s+\S")


def heading_past_lead_in(lead_in: Line | None, index: LineIndex) -> str | None:
    """The heading standing above a one-line sentence that introduces the table, as in
    "1. Hours lost to handover delays, 2023/24" / "The hours lost are set out below." / the table.

    The sentence must be whole on its line (a capital first, ":" or "." last, under
    LEAD_IN_WORDS words) and the heading a title on the same page: numbered, bold
    (when the sentence is not), or else a short line that is neither a "Date: ..."
    field nor the wrapped start of the sentence ("The figures were provided by our"
    / "Finance Team."). A heading naming only the law or the request ("FREEDOM OF
    INFORMATION ACT 2000") heads the letter, not the table.
    """
    if lead_in is None or id(lead_in) in index.claimed or not is_lead_in(lead_in.text):
        return None
    heading = index.before(lead_in.start - 1)
    if heading is None or heading.page != lead_in.page or id(heading) in index.claimed \
            or not is_title(heading.text) or not names_a_request(heading.text) \
            or running_furniture(heading, index) or RUNNING_FURNITURE_RE.search(heading.text):
        return None
    text = heading.text.strip()
    marked = NUMBERED_HEADING_RE.match(text) or (heading.bold and not lead_in.bold)
    if not marked and (len(text) > MAX_LABEL_CHARS or CONNECTIVE_RE.search(text) or FIELD_RE.match(text)):
        return None
    return text


FIELD_RE = re.compile(r"^\w+(?:\s+\w+)?\s*:\s")  # "Date: 3 May 2024", "Our ref: ABC/1"


def is_lead_in(text: str) -> bool:
    """A short whole sentence ending in ":" or "." ("The figures are set out below:")."""
    t = text.strip()
    return bool(re.match(r"^[\"'‘“(]?[A-Z]", t)) and t.endswith((":", ".")) and len(t.split()) < LEAD_IN_WORDS


NUMBERED_CAPTION_RE = re.compile(r"^(?:table|figure|chart)\s+\d+[a-z]?\b", re.I)


def numbered_caption(g: Grid, index: LineIndex, look_back: int = 3) -> str | None:
    """A numbered caption ("Table 3: Referrals by team") a few lines above the table, past a note or an
    introducing sentence, else on the line just below it unless that line heads the next table."""
    if g.start is None or g.end is None:
        return None
    first = bisect.bisect_left(index.starts, g.start)
    for line in reversed(index.lines[max(0, first - look_back):first]):
        if id(line) in index.claimed or line.page != g.page:
            break
        if NUMBERED_CAPTION_RE.match(line.text) and len(line.text) <= MAX_TITLE_CHARS:
            return line.text.strip()
    after = bisect.bisect_right(index.starts, g.end)
    below = index.lines[after] if after < len(index.lines) else None
    heads_next = after + 1 < len(index.lines) and id(index.lines[after + 1]) in index.claimed
    if below is not None and id(below) not in index.claimed and below.page == g.page and not heads_next \
            and NUMBERED_CAPTION_RE.match(below.text) and len(below.text) <= MAX_TITLE_CHARS:
        return below.text.strip()
    return None


def wrapped_caption(last: Line, index: LineIndex, reach: int = 2) -> str | None:
    """A numbered caption wrapped onto `last` ("Table 1: Sanction decisions, April" / "2021 to March 2023"):
    the caption's lines joined, when one of the `reach` lines running on into `last` opens with "Table N"."""
    if NUMBERED_CAPTION_RE.match(last.text):
        return None  # the caption starts here
    at = bisect.bisect_left(index.starts, last.start)
    lines = [last]
    for line in reversed(index.lines[max(0, at - reach):at]):
        if id(line) in index.claimed or line.page != last.page or not contiguous(line, lines[0]) \
                or re.search(r"[.;!?]$", line.text.strip()):
            break  # a line ending a sentence does not run on into the next
        lines.insert(0, line)
        if NUMBERED_CAPTION_RE.match(line.text):
            caption = " ".join(l.text.strip() for l in lines)
            return caption if len(caption) <= 2 * MAX_TITLE_CHARS else None
    return None


def line_above(g: Grid, index: LineIndex) -> Line | None:
    if g.bbox and g.page is not None:
        above = [l for l in index.on_page(g.page) if l.top is not None and l.top < g.bbox[1] - 2]
        near = [l for l in above if g.bbox[1] - l.top <= 40]
        return max(near, key=lambda l: l.top) if near else None
    if g.start is None:
        return None
    return index.before(g.start)


SALUTATION_RE = re.compile(r"^(?:dear|yours|kind\s+regards|best\s+wishes|regards|many\s+thanks|thank\s+you)\b", re.I)


def is_title(text: str) -> bool:
    """A heading, not a sentence: short and without closing punctuation ("...below:-" introduces, it does not name)."""
    t = re.sub(r"\s+[-\u2013\u2014]$", "", text.strip())
    if re.match(r"^(?:table|figure|annex|appendix)\s+\w+", t, re.I):
        return True
    if PAGE_NUMBER_RE.match(t) or SALUTATION_RE.match(t):
        return False
    return 0 < len(t) <= MAX_TITLE_CHARS and not re.search(r"[.,;:!?\-\u2013]$", t) and not is_value(t)
