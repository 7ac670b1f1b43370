"""PDF letters: text lines and ruled tables, read with PDFium.

Reading a page with pdfplumber (pdfminer's character parsing in Python) costs
about 40 times what PDFium (C++, `pypdfium2`) does on the same page, so every
page is read once, by PDFium, and pdfplumber only lends its table algorithm:

- every page's text comes from PDFium's characters and their boxes: characters
  are grouped into rows (same height on the page, reading order left to right)
  and each row is cut where a gap wider than a line's height separates two
  pieces, as poppler's pdftohtml does: a cell of an unruled table, or the
  right-hand block of a letter head, becomes a `Line` of its own with its `x0`
  and `top`, so the table finder can put it in its column;
- ruled tables: pdfplumber's "lines" table finder (snapping, joining,
  intersections, cells, and `Table.extract` for the cell texts) runs on the
  edges of PDFium's path objects and on PDFium's characters, and only the
  characters of pages that have a table are collected for it;
- running headers and footers ("Page 2 of 3", the address repeated at the foot
  of every page) are cut from the text and kept in `meta["page_furniture"]`, so
  an answer that runs over a page break reads on without them; a page break is
  not a paragraph break (`meta["page_starts"]` gives each page's first offset);
- pages without any text are scans: `needs_ocr_pages`, then OCR when the OCR
  module is installed.
"""
from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line
from .lines import TextBuilder, usual_step
from .ocr import ocr_pages

# A gap wider than this many line heights splits a row into separate lines (table cells, side-by-side blocks).
CELL_GAP = 1.0
# A gap wider than this many line heights between two pieces of a word row is a space.
WORD_GAP = 0.15
# A vertical step wider than this many times the page's usual line pitch starts a new paragraph.
PARAGRAPH_STEP = 1.45
# Running headers/footers sit in the top or bottom band of the page (a share of its height)...
FURNITURE_BAND = 0.15
# ...at the same height (points) on every page they repeat on.
FURNITURE_TOLERANCE = 20

SPACES = {0x20, 0x09, 0xA0, 0x2002, 0x2003, 0x2009, 0x202F, 0x3000}
LINE_BREAKS = {0x0A, 0x0D}
# PDFium reports a hyphen that ends a line as 0x02; ligatures are spelled out so words can be searched.
CHAR_FIXES = {0x02: "-", 0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
PAGE_LABEL_RE = re.compile(r"(?i)(?:.{0,80}?\s[\-–|]\s+)?page\s+\d+(?:\s*(?:of|/)\s*\d+)?")
BARE_PAGE_NUMBER_RE = re.compile(r"[-–]?\s*(\d{1,3})\s*[-–]?")


# --------------------------------------------------------------------------
# Opening, and the errors a reader can act on
# --------------------------------------------------------------------------


def encrypted_error() -> DocumentError:
    return DocumentError(
        "encrypted_pdf",
        "The PDF is encrypted with a password, so its text cannot be read. "
        "Ask the authority for an unprotected copy, or decrypt it (e.g. `qpdf --decrypt`).",
    )


def corrupt_error(detail: str) -> DocumentError:
    return DocumentError("corrupt_pdf", f"The PDF cannot be read: it is damaged or truncated ({detail}).")


def open_pdf(path: Path) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as e:
        if getattr(e, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise encrypted_error() from e
        raise corrupt_error(str(e)) from e


# --------------------------------------------------------------------------
# One page's text: characters -> runs -> rows -> pieces
# --------------------------------------------------------------------------


@dataclass
class Run:
    """Characters printed one after the other on one baseline."""

    chars: list[str]
    x0: float
    x1: float
    top: float
    bottom: float
    first_char: int  # index of its first character in the text page
    pending_space: bool = False

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass
class Piece:
    """A row's run of text between two wide gaps: becomes one `Line`."""

    text: str
    x0: float | None
    x1: float | None
    top: float | None
    bottom: float | None
    size: float | None = None
    bold: bool = False


@dataclass
class Row:
    """One line across the page; no pieces is a blank line (HTML renderings have them), no top an unplaced line."""

    pieces: list[Piece]
    top: float | None = None

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.pieces)


@dataclass
class PageText:
    number: int
    height: float | None
    rows: list[Row] = field(default_factory=list)
    tables: list[TableGrid] = field(default_factory=list)
    # Each ruled table's cells (x0, top, x1, bottom), for writing its text cell by cell.
    table_cells: list[list[tuple]] = field(default_factory=list)


def read_page(page: pypdfium2.PdfPage, number: int) -> PageText:
    left, bottom, right, top = page.get_mediabox()
    text_page = page.get_textpage()
    handle = text_page.raw  # the bare ctypes handle: the wrapper costs a Python call per use
    try:
        groups = ruled_cell_groups(page, top)
        chars: list[dict] | None = [] if groups else None  # pdfplumber's view of the characters, for the tables
        runs = char_runs(handle, top, chars)
        rows = [split_row(row, handle) for row in group_rows(runs)]
        tables = ruled_tables(chars, groups, number) if groups else []
    finally:
        text_page.close()
    return PageText(number=number, height=top - bottom, rows=[r for r in rows if r.pieces],
                    tables=[t for t, _ in tables], table_cells=[cells for _, cells in tables])


def char_runs(text_page, page_top: float, chars_out: list[dict] | None = None) -> list[Run]:
    """The page's characters in PDFium's order, cut into runs wherever the baseline changes or the pen jumps.

    With `chars_out`, every character is also added to it as pdfplumber's
    table extraction reads characters (a space, whose box PDFium may not give,
    takes the height of the character before it). This loop sees every
    character of every page, so it keeps to local variables.
    """
    runs: list[Run] = []
    run: Run | None = None
    chars: list[str] = []
    x1 = top = bottom = height = 0.0
    space = False
    box = pdfium_c.FS_RECTF()
    get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    fixes, spaces, breaks = CHAR_FIXES, SPACES, LINE_BREAKS
    for i in range(pdfium_c.FPDFText_CountChars(text_page)):
        code = get_unicode(text_page, i)
        if code in breaks:
            run, space = None, False
            continue
        if code in spaces:
            space = True
            if chars_out:
                last = chars_out[-1]
                chars_out.append(dict(last, text=" ", x0=last["x1"]))
            continue
        if code == 0 or 0xD800 <= code <= 0xDFFF or code >= 0xFFFD:
            continue  # no Unicode for the glyph (pdfminer would print "(cid:N)")
        get_box(text_page, i, box)
        c_top, c_bottom, c_x0 = page_top - box.top, page_top - box.bottom, box.left
        if chars_out is not None:
            chars_out.append({"text": fixes.get(code) or chr(code), "x0": c_x0, "x1": box.right, "top": c_top,
                              "bottom": c_bottom, "doctop": c_top, "upright": True})
        gap = c_x0 - x1
        if (
            run is not None
            and min(bottom, c_bottom) - max(top, c_top) >= 0.5 * min(height, c_bottom - c_top)
            and -0.5 * height <= gap <= CELL_GAP * height
        ):
            if space or gap > 0.25 * height:
                chars.append(" ")
            chars.append(fixes.get(code) or chr(code))
            if box.right > x1:
                x1 = run.x1 = box.right
        else:
            chars = [fixes.get(code) or chr(code)]
            x1, top, bottom = box.right, c_top, c_bottom
            height = max(bottom - top, 0.1)
            run = Run(chars, c_x0, x1, top, bottom, first_char=i, pending_space=space)
            runs.append(run)
        space = False
    return runs


def same_line(run: Run | Row, top: float, bottom: float) -> bool:
    """Whether a box at (top, bottom) overlaps the line by at least half the smaller height."""
    overlap = min(run.bottom, bottom) - max(run.top, top)
    return overlap >= 0.5 * min(run.bottom - run.top, bottom - top)


def group_rows(runs: list[Run]) -> list[list[Run]]:
    """Runs on the same line of the page, top to bottom, each row left to right."""
    rows: list[list[Run]] = []
    band: Run | None = None  # the current row's vertical extent
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        if band is not None and same_line(band, run.top, run.bottom):
            rows[-1].append(run)
            band.top, band.bottom = min(band.top, run.top), max(band.bottom, run.bottom)
        else:
            rows.append([run])
            band = Run([], 0, 0, run.top, run.bottom, 0)
    return [sorted(row, key=lambda r: r.x0) for row in rows]


def split_row(runs: list[Run], text_page) -> Row:
    """Join a row's runs into pieces, cut at gaps wider than the line's height."""
    pieces: list[Piece] = []
    group: list[Run] = []
    for run in runs + [None]:
        if run is not None and group:
            prev = group[-1]
            gap = run.x0 - prev.x1
            if gap <= CELL_GAP * max(prev.height, run.height):
                if gap > WORD_GAP * prev.height or run.pending_space:
                    run.chars.insert(0, " ")
                group.append(run)
                continue
        if group:
            pieces.append(make_piece(group, text_page))
        group = [run] if run is not None else []
    pieces = [p for p in pieces if p.text]
    return Row(pieces, top=min((p.top for p in pieces), default=None))


def make_piece(runs: list[Run], text_page) -> Piece:
    first = runs[0].first_char
    size = pdfium_c.FPDFText_GetFontSize(text_page, first)
    height = max(r.height for r in runs)
    if not 0.3 * height <= size <= 3 * height:  # a font scaled by the text matrix reports its unscaled size
        size = height / 1.15
    return Piece(
        text=clean_line("".join(c for r in runs for c in r.chars)),
        x0=runs[0].x0,
        x1=max(r.x1 for r in runs),
        top=min(r.top for r in runs),
        bottom=max(r.bottom for r in runs),
        size=round(size, 1),
        bold=is_bold(text_page, first),
    )


def is_bold(text_page, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(text_page, index) >= 600:
        return True
    name = ctypes.create_string_buffer(128)
    pdfium_c.FPDFText_GetFontInfo(text_page, index, name, 128, None)
    return bool(re.search(rb"(?i)bold|black|heavy|semibold|demi", name.value))


# --------------------------------------------------------------------------
# Which pages pdfplumber's table finder should see
# --------------------------------------------------------------------------


def ruled_cell_groups(page: pypdfium2.PdfPage, page_top: float) -> list[list[tuple]]:
    """The cells of each ruled table on the page, found by pdfplumber's "lines" table finder.

    The finder's input is the page's horizontal and vertical edges; they are
    read here from PDFium's path objects (straight segments, in page
    coordinates), then go through pdfplumber's own snapping, joining,
    intersection and cell-grouping steps with its default settings, so no page
    is parsed by pdfminer. A form XObject that draws paths counts as a
    rectangle. Most pages have no group, and cost about a millisecond.
    """
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    edges: list[dict] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM], max_depth=0):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            edges += path_edges(obj, page_top)
        elif form_draws_paths(obj):
            x0, y0, x1, y1 = obj.get_bounds()
            edges += [edge(x0, page_top - y1, x1, page_top - y1), edge(x0, page_top - y0, x1, page_top - y0),
                      edge(x0, page_top - y1, x0, page_top - y0), edge(x1, page_top - y1, x1, page_top - y0)]
    if len(edges) < 4:
        return []
    edges = merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3, join_y_tolerance=3)
    edges = [e for e in edges if (e["width"] if e["orientation"] == "h" else e["height"]) >= 3]
    return cells_to_tables(intersections_to_cells(edges_to_intersections(edges, 3, 3)))


def form_draws_paths(form) -> bool:
    n = pdfium_c.FPDFFormObj_CountObjects(form.raw)
    for i in range(n):
        child = pdfium_c.FPDFFormObj_GetObject(form.raw, i)
        kind = pdfium_c.FPDFPageObj_GetType(child)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH or kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            return True
    return False


def path_edges(path, page_top: float) -> list[dict]:
    """The horizontal and vertical straight segments of one path object, in page coordinates (top down)."""
    a, b, c, d, e, f = path.get_matrix().get()
    x = ctypes.c_float()
    y = ctypes.c_float()
    edges, start, current = [], None, None
    for i in range(pdfium_c.FPDFPath_CountSegments(path.raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(path.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = (a * x.value + c * y.value + e, page_top - (b * x.value + d * y.value + f))
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and current is not None:
            edges += axis_edge(current, point)
        current = point
        if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
            edges += axis_edge(current, start)
            current = start
    return edges


def axis_edge(p: tuple[float, float], q: tuple[float, float]) -> list[dict]:
    """An edge from a horizontal or vertical segment (pdfplumber ignores slanted ones)."""
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) < 1 and abs(x1 - x0) >= 1 or abs(x1 - x0) < 1 and abs(y1 - y0) >= 1:
        return [edge(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))]
    return []


def edge(x0: float, top: float, x1: float, bottom: float) -> dict:
    """An edge as pdfplumber's table finder describes one."""
    horizontal = x1 - x0 >= bottom - top
    if horizontal:
        top = bottom = (top + bottom) / 2
    else:
        x0 = x1 = (x0 + x1) / 2
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "orientation": "h" if horizontal else "v", "object_type": "line"}


@dataclass
class CharPage:
    """What pdfplumber's `Table.extract` reads of a page: its characters."""

    chars: list[dict]


def ruled_tables(chars: list[dict], groups: list[list[tuple]], number: int) -> list[tuple[TableGrid, list[tuple]]]:
    """The text of each cell, as pdfplumber's `Table.extract` reads it from the page's characters (with the table's cells)."""
    from pdfplumber.table import Table

    tables = []
    for cells in groups:
        x0, top, x1, bottom = Table(None, cells).bbox
        inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]
        table = Table(CharPage(inside), cells)  # each row and cell filters the characters: give it only the table's
        rows = [[clean_line(c or "") for c in row] for row in table.extract()]
        if rows:
            tables.append((TableGrid(rows=rows, method="ruled", page=number, bbox=tuple(table.bbox)), cells))
    return tables


# --------------------------------------------------------------------------
# Running headers and footers
# --------------------------------------------------------------------------


def page_furniture(pages: list[PageText]) -> set[int]:
    """ids of the rows that are running headers/footers.

    A row among the first two or last three of its page (and, when placed, in
    the top or bottom band of the page) that is a page label ("Page 2 of 3",
    "- 2 -"), or whose text, digits aside, comes back at the same height on
    another page.
    """
    furniture: set[int] = set()
    seen: dict[str, list[tuple[PageText, Row]]] = {}
    for page in pages:
        rows = [row for row in page.rows if row.pieces]
        edges = {id(row): row for row in rows[:2] + rows[-3:]}.values()
        for row in edges:
            if row.top is not None and page.height and (
                FURNITURE_BAND * page.height < row.top < (1 - FURNITURE_BAND) * page.height
            ):
                continue
            text = row.text.strip()
            bare = BARE_PAGE_NUMBER_RE.fullmatch(text)
            if PAGE_LABEL_RE.fullmatch(text) or (bare and int(bare.group(1)) == page.number):
                furniture.add(id(row))
            elif re.search(r"[^\W\d_]", text):
                # Only rows with words can repeat as furniture: a row of bare figures
                # ("16", "2017 1,245 34") ending two pages is table data.
                seen.setdefault(re.sub(r"\d+", "#", text.lower()), []).append((page, row))
    for same in seen.values():
        tops = [row.top for _, row in same if row.top is not None]
        if len({page.number for page, _ in same}) >= 2 and (not tops or max(tops) - min(tops) <= FURNITURE_TOLERANCE):
            furniture.update(id(row) for _, row in same)
    return furniture


# --------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------


def parse(path: Path, source: str) -> ParsedDocument:
    pdf = open_pdf(path)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise corrupt_error("it has no pages")
        pages = []
        for i in range(n_pages):
            page = pdf[i]
            try:
                pages.append(read_page(page, i + 1))
            finally:
                page.close()
    except pypdfium2.PdfiumError as e:
        raise corrupt_error(str(e)) from e
    finally:
        pdf.close()

    needs_ocr = [p.number for p in pages if not p.rows]
    ocr_texts = run_ocr(path, needs_ocr, whole_document=len(needs_ocr) == n_pages) if needs_ocr else {}
    b, raw_pages, meta = write_pages(pages, ocr_texts)
    meta["ocr_pages"] = sorted(ocr_texts)  # provenance: these pages' text comes from OCR
    if not b.text:
        raise DocumentError(
            "needs_ocr",
            f"The PDF has no text layer on any of its {n_pages} page(s) and OCR read no text from them: "
            "it is a blank scan or a drawing.",
        )
    return ParsedDocument(
        source=source,
        format="pdf",
        text=b.text,
        raw_text="\f".join(raw_pages),
        lines=b.lines,
        pages=n_pages,
        tables=[t for page in pages for t in page.tables],
        meta=meta,
        needs_ocr_pages=[n for n in needs_ocr if n not in ocr_texts],
    )


def write_pages(pages: list[PageText], ocr_texts: dict[int, str] | None = None) -> tuple[TextBuilder, list[str], dict]:
    """The document text from its pages' rows: one `Line` per piece, running headers/footers left out.

    A blank line goes where the vertical step between two rows is wider than
    the page's usual line pitch (or where an unplaced rendering had a blank
    line); a page break adds none, so a paragraph running over it reads on.
    Returns the builder, each page's raw text (pieces joined by tabs), and the
    `meta` entries `page_furniture` and `page_starts`.
    """
    ocr_texts = ocr_texts or {}
    furniture = page_furniture(pages)
    meta: dict = {"page_furniture": [], "page_starts": []}
    b = TextBuilder()
    raw_pages = []
    for page in pages:
        meta["page_starts"].append(b.offset)
        if page.number in ocr_texts:
            raw_pages.append(ocr_texts[page.number])
            for line in ocr_texts[page.number].split("\n"):
                b.add(line, page=page.number)
            continue
        raw_pages.append("\n".join("\t".join(p.text for p in row.pieces) for row in page.rows))
        pitch = line_pitch(page.rows)
        prev: Row | None = None
        for row, cell_start in reading_order(page, furniture):
            if id(row) in furniture:
                meta["page_furniture"].append({"page": page.number, "text": row.text})
                continue
            if not row.pieces:
                b.break_paragraph()
                continue
            if cell_start or prev is not None and pitch and row.top - prev.top > PARAGRAPH_STEP * pitch:
                b.break_paragraph()
            for p in row.pieces:
                b.add(p.text, page=page.number, x0=rounded(p.x0), x1=rounded(p.x1), top=rounded(p.top),
                      size=p.size, bold=p.bold)
            prev = row
    return b, raw_pages, meta


def reading_order(page: PageText, furniture: set[int]) -> list[tuple[Row, bool]]:
    """The page's rows in reading order, a ruled table's text cell by cell; True marks where a cell or the text after a table starts.

    Across the page, a table's row prints the lines of all its cells side by
    side; read row by row, a question's second line would come after its
    answer's first ("4. Please provide a copy of the | This information is
    withheld under | pricing schedule. | section 43(2) ..."). Written cell by
    cell, each cell is a paragraph of its own and reads whole.
    """
    if not page.table_cells:
        return [(row, False) for row in page.rows]
    boxes = [(min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
             for cells in page.table_cells]
    inside: list[list[Piece]] = [[] for _ in boxes]
    out: list[tuple[Row | int, bool]] = []
    for row in page.rows:
        rest = []
        for piece in row.pieces:
            t = next((n for n, box in enumerate(boxes) if id(row) not in furniture and contains(box, piece)), None)
            if t is None:
                rest.append(piece)
                continue
            if not inside[t]:
                out.append((t, True))  # where the table's text goes
            inside[t].append(piece)
        if rest:
            out.append((row if len(rest) == len(row.pieces) else Row(rest, top=min(p.top for p in rest)), False))
    ordered: list[tuple[Row, bool]] = []
    after_table = False
    for entry, _ in out:
        if isinstance(entry, int):
            ordered += cell_rows(page.table_cells[entry], inside[entry])
            after_table = True
        else:
            ordered.append((entry, after_table))
            after_table = False
    return ordered


def contains(box: tuple, piece: Piece) -> bool:
    x0, top, x1, bottom = box
    return x0 <= (piece.x0 + piece.x1) / 2 < x1 and top <= (piece.top + piece.bottom) / 2 < bottom


def cell_rows(cells: list[tuple], pieces: list[Piece]) -> list[tuple[Row, bool]]:
    """A table's pieces cell by cell (table rows top to bottom, cells left to right), one row per printed line of a cell."""
    by_cell: dict[tuple, list[Piece]] = {}
    for piece in pieces:
        cell = next((c for c in cells if contains(c, piece)), None)
        by_cell.setdefault(cell or (piece.x0, piece.top, piece.x1, piece.bottom), []).append(piece)
    out: list[tuple[Row, bool]] = []
    for cell in sorted(by_cell, key=lambda c: (round(c[1]), c[0])):
        first = True
        for line in group_pieces(by_cell[cell]):
            out.append((line, first))
            first = False
    return out


def group_pieces(pieces: list[Piece]) -> list[Row]:
    """Pieces on the same printed line (overlapping heights) as one row each, top to bottom."""
    rows: list[Row] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        if rows and same_line(rows[-1].pieces[0], piece.top, piece.bottom):
            rows[-1].pieces.append(piece)
        else:
            rows.append(Row([piece], top=piece.top))
    return rows


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def line_pitch(rows: list[Row]) -> float | None:
    """The page's usual distance from one line of a paragraph to the next."""
    tops = [row.top for row in rows if row.top is not None]
    return usual_step([b - a for a, b in zip(tops, tops[1:])])


def run_ocr(path: Path, pages: list[int], whole_document: bool) -> dict[int, str]:
    """OCR text of the pages without a text layer.

    Without Tesseract, a document that is all scan fails (`needs_ocr`, naming its
    pages); a document with only some scanned pages keeps its text and lists
    the rest in `needs_ocr_pages`.
    """
    try:
        return ocr_pages(path, pages)
    except DocumentError:
        if whole_document:
            raise
        return {}
