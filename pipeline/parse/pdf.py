"""PDF letters: text lines and ruled tables, read with PDFium.

Reading a page with pdfplumber (pdfminer's character parsing in Python) costs
about 40 times what PDFium (C++, `pypdfium2`) does on the same page, so every
page is read once, by PDFium, and pdfplumber only lends its table algorithm:

- every page's text comes from PDFium's characters and their boxes, placed on
  the page as it is shown (its /Rotate applied, measured from its visible box;
  characters outside that box are dropped): characters are grouped into rows
  (same height on the page, reading order left to right) and each row is cut
  where a gap wider than a line's height separates two pieces, as poppler's
  pdftohtml does (but not at a single space the PDF stretches, in justified
  text): a cell of an unruled table, or the right-hand block of a letter
  head, becomes a `Line` of its own with its `x0` and `top`, so the table
  finder can put it in its column;
- ruled tables: pdfplumber's "lines" table finder (snapping, joining,
  intersections, cells, and `Table.extract` for the cell texts) runs on the
  edges of PDFium's path objects and on PDFium's characters, and only the
  characters of pages that have a table are collected for it;
- reading order: a ruled table's text cell by cell; blocks side by side at the
  head of the first page (the recipient's address beside the authority's, or
  beside a column of "Our ref:" fields) block by block; two columns of prose
  column by column;
- running headers and footers ("Page 2 of 3", "OFFICIAL", the address repeated
  at the foot of every page) are cut from the text and kept in
  `meta["page_furniture"]`, so an answer that runs over a page break reads on
  without them; a page break is not a paragraph break (`meta["page_starts"]`
  gives each page's first offset);
- invisible text (an OCR layer) is kept; text printed in white is kept and
  listed in `meta["white_text"]`; pages PDFium cannot load are listed in
  `meta["unreadable_pages"]` and the others read;
- pages without any text are scans: `needs_ocr_pages`, then OCR when the OCR
  module is installed.
"""
from __future__ import annotations

import ctypes
import math
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
# A gap the PDF fills with one space character of its own is a word space up to this many line heights
# (justified text stretches its spaces); a wider one, or one of several spaces, can still split cells.
JUSTIFIED_GAP = 4.0
# A vertical step wider than this many times the page's usual line pitch starts a new paragraph.
PARAGRAPH_STEP = 1.45
# A gutter between blocks printed side by side is at least this many line heights wide.
MIN_GUTTER = 2.0
# Two columns of text run side by side for at least this many lines.
MIN_COLUMN_ROWS = 6
# Running headers/footers sit in the top or bottom band of the page (a share of its height)...
FURNITURE_BAND = 0.15
# ...at the same height (points) on every page they repeat on...
FURNITURE_TOLERANCE = 20
# ...among the first or last rows of the page: a page label can be the third line of a header, under a
# protective marking and the authority's name, or the fourth of a footer, under the address and the website.
EDGE_ROWS = 4

HALF_PI = math.pi / 2
SPACES = {0x20, 0x09, 0xA0, 0x2002, 0x2003, 0x2009, 0x202F, 0x3000}
LINE_BREAKS = {0x0A, 0x0D}
# PDFium reports a hyphen that ends a line as 0x02; ligatures are spelled out so words can be searched.
CHAR_FIXES = {0x02: "-", 0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st"}
PAGE_LABEL_RE = re.compile(r"(?i)(?:.{0,80}?\s[\-–|]\s+)?page\s+\d+(?:\s*(?:of|/)\s*\d+)?")
BARE_PAGE_NUMBER_RE = re.compile(r"[-–]?\s*(\d{1,3})\s*[-–]?")
# A line that starts with a label: "Our ref:", "Date:", "Your reference:".
FIELD_RE = re.compile(r"[A-Z][\w'’./ -]{0,30}:(?:\s|$)")
# The Government Security Classifications (and the older protective markings) printed at the top and foot of each page.
MARKING_RE = re.compile(r"(?:OFFICIAL|OFFICIAL[\s:–-]+SENSITIVE|SECRET|TOP SECRET|NOT PROTECTIVELY MARKED|UNCLASSIFIED"
                        r"|PROTECT|RESTRICTED)(?:\s*[:–-]\s*[A-Z][A-Z ]{0,30})?")


# --------------------------------------------------------------------------
# Opening, and the errors a reader can act on
# --------------------------------------------------------------------------


def encrypted_error(how: str = "with a password") -> DocumentError:
    return DocumentError(
        "encrypted_pdf",
        f"The PDF is encrypted {how}, so its text cannot be read. "
        "Ask the authority for an unprotected copy, or decrypt it (e.g. `qpdf --decrypt`).",
    )


def corrupt_error(detail: str) -> DocumentError:
    return DocumentError("corrupt_pdf", f"The PDF cannot be read: {detail}.")


# What PDFium's error codes mean to someone holding the file. PDFium's last error can be left over from an
# earlier document, so an encrypted file is confirmed by `has_encryption` and one without pages found by `has_no_pages`.
OPEN_ERRORS = {
    pdfium_c.FPDF_ERR_FILE: "the file cannot be opened",
    pdfium_c.FPDF_ERR_PAGE: "its pages cannot be found",
}
DAMAGED = "it is damaged or truncated, or not a PDF at all"
NO_PAGE_TREE = "it has no pages (its page tree is missing or empty)"


def open_pdf(path: Path) -> pypdfium2.PdfDocument:
    """The document, opened with an empty password if it has one (a PDF only "protected" against printing or
    copying opens so); a real password or an unknown security handler is an `encrypted_pdf` error."""
    try:
        return pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD and has_encryption(path):
            raise encrypted_error() from e
        if code == pdfium_c.FPDF_ERR_SECURITY and has_encryption(path):
            raise encrypted_error("with a certificate or another scheme PDFium cannot open") from e
        raise corrupt_error(NO_PAGE_TREE if has_no_pages(path) else OPEN_ERRORS.get(code, DAMAGED)) from e


def has_encryption(path: Path) -> bool:
    """Whether the file's trailer names an /Encrypt dictionary (trailers and cross-reference stream
    dictionaries are never compressed)."""
    return b"/Encrypt" in path.read_bytes()


def has_no_pages(path: Path) -> bool:
    """Whether pdfminer, which PDFium has just failed, reads the file as a PDF without a single page."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        with open(path, "rb") as f:
            return next(PDFPage.create_pages(PDFDocument(PDFParser(f))), None) is None
    except Exception:  # noqa: BLE001 - any failure here only means "not known to have no pages"
        return False


# --------------------------------------------------------------------------
# The page as it is shown: rotation and visible box
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Frame:
    """Maps PDF user space to the page as a viewer shows it: x to the right, y (`top`) downwards, from its
    visible box's top-left corner.

    PDFium reports characters and paths in user space, whatever the page's
    /Rotate; a landscape table printed on a portrait page turned by /Rotate 90
    runs up the page there. Rows are grouped in the shown page, so each
    position goes through X = a*x + b*y + e, Y = c*x + d*y + f first.
    `quarter` is the turn (in quarters, clockwise) the frame gives user space:
    text printed turned by as many quarters anticlockwise reads upright in it.
    """

    a: float
    b: float
    c: float
    d: float
    e: float
    f: float
    width: float
    height: float
    quarter: int = 0

    def point(self, x: float, y: float) -> tuple[float, float]:
        return self.a * x + self.b * y + self.e, self.c * x + self.d * y + self.f

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, float, float, float]:
        """(x0, top, x1, bottom) on the shown page of a user-space box."""
        (xa, ya), (xb, yb) = self.point(left, bottom), self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


def page_frame(page: pypdfium2.PdfPage, quarter: int | None = None) -> Frame:
    """The frame of the page's visible box (its crop box within its media box; PDFium's default if the boxes
    are empty), turned as its /Rotate says, or by `quarter` quarters clockwise."""
    left, bottom, right, top = page.get_bbox()
    quarter = page.get_rotation() % 360 // 90 if quarter is None else quarter % 4
    if quarter == 1:  # turned clockwise: the box's left edge is the top
        return Frame(0, 1, 1, 0, -bottom, -left, top - bottom, right - left, 1)
    if quarter == 2:
        return Frame(-1, 0, 0, 1, right, -bottom, right - left, top - bottom, 2)
    if quarter == 3:
        return Frame(0, -1, -1, 0, top, right, top - bottom, right - left, 3)
    return Frame(1, 0, 0, -1, -left, top, right - left, top - bottom)


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
    quarter: int = 0  # quarters anticlockwise its text is turned in user space

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
    white: bool = False  # printed in white: unseen on a white page (or on a dark banner)


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
    unreadable: bool = False  # PDFium could not load the page
    sideways: list[str] = field(default_factory=list)  # lines of text turned otherwise than the page's


def read_page(page: pypdfium2.PdfPage, number: int) -> PageText:
    """The page's rows and ruled tables, read in the frame where most of its text is upright.

    A landscape table is sometimes printed sideways on a portrait page
    without a /Rotate to turn it: its text is read as the reader would turn
    the page. Text turned otherwise than the most of it (a reference printed
    up the margin) is read in its own frame and kept aside (`sideways`).
    """
    text_page = page.get_textpage()
    handle = text_page.raw  # the bare ctypes handle: the wrapper costs a Python call per use
    try:
        frame = page_frame(page)
        groups = ruled_cell_groups(page, frame)
        chars: list[dict] | None = [] if groups else None  # pdfplumber's view of the characters, for the tables
        runs = char_runs(handle, frame, chars)
        upright = main_quarter(runs)
        if upright != frame.quarter:
            frame = page_frame(page, upright)
            groups = ruled_cell_groups(page, frame)
            chars = [] if groups else None
            runs = char_runs(handle, frame, chars)
        rows = [split_row(row, handle) for row in group_rows([r for r in runs if r.quarter == upright])]
        tables = ruled_tables(chars, groups, number) if groups else []
        sideways = [row.text for q in sorted({r.quarter for r in runs} - {upright}) for row in turned_rows(page, handle, q)]
    finally:
        text_page.close()
    return PageText(number=number, height=frame.height, rows=[r for r in rows if r.pieces],
                    tables=[t for t, _ in tables], table_cells=[cells for _, cells in tables], sideways=sideways)


def main_quarter(runs: list[Run]) -> int:
    """The turn of most of the page's characters."""
    counts: dict[int, int] = {}
    for run in runs:
        counts[run.quarter] = counts.get(run.quarter, 0) + len(run.chars)
    return max(counts, key=counts.get) if counts else 0


def turned_rows(page: pypdfium2.PdfPage, handle, quarter: int) -> list[Row]:
    """The rows of the page's text turned by `quarter`, read in the frame where it is upright."""
    runs = [r for r in char_runs(handle, page_frame(page, quarter)) if r.quarter == quarter]
    return [row for row in (split_row(row, handle) for row in group_rows(runs)) if row.pieces]


def char_runs(text_page, frame: Frame, chars_out: list[dict] | None = None) -> list[Run]:
    """The page's characters in PDFium's order, cut into runs wherever the baseline changes or the pen jumps.

    Positions are on the shown page (see `Frame`); a character whose centre
    falls outside the page's visible box is not printed, and is dropped. Each
    character is compared with the one before it, so a run follows a line
    printed at a slight slant (the run keeps its first character's height). A gap
    the PDF fills with a single space character of its own (not one PDFium
    inferred) is a word space even when justified text stretches it wide.
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
    own_spaces = 0  # space characters of the PDF's own since the last printed character
    box = pdfium_c.FS_RECTF()
    get_unicode, get_box = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetLooseCharBox
    is_generated, get_angle = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetCharAngle
    fixes, spaces, breaks = CHAR_FIXES, SPACES, LINE_BREAKS
    upright = (frame.a, frame.b, frame.c, frame.d) == (1, 0, 0, -1)
    left, page_top = -frame.e, frame.f
    to_shown = frame.box
    doubled_width, doubled_height = 2 * frame.width, 2 * frame.height
    for i in range(pdfium_c.FPDFText_CountChars(text_page)):
        code = get_unicode(text_page, i)
        if code in breaks:
            run, space, own_spaces = None, False, 0
            continue
        if code in spaces:
            space = True
            own_spaces += is_generated(text_page, i) == 0
            if chars_out:
                last = chars_out[-1]
                chars_out.append(dict(last, text=" ", x0=last["x1"]))
            continue
        if code == 0 or 0xD800 <= code <= 0xDFFF or code >= 0xFFFD:
            continue  # no Unicode for the glyph (pdfminer would print "(cid:N)")
        get_box(text_page, i, box)
        if upright:
            c_x0, c_x1, c_top, c_bottom = box.left - left, box.right - left, page_top - box.top, page_top - box.bottom
        else:
            c_x0, c_top, c_x1, c_bottom = to_shown(box.left, box.bottom, box.right, box.top)
        if not (0 <= c_x0 + c_x1 <= doubled_width and 0 <= c_top + c_bottom <= doubled_height):
            space, own_spaces = False, 0
            continue
        if chars_out is not None:
            chars_out.append({"text": fixes.get(code) or chr(code), "x0": c_x0, "x1": c_x1, "top": c_top,
                              "bottom": c_bottom, "doctop": c_top, "upright": True})
        gap = c_x0 - x1
        if (
            run is not None
            and min(bottom, c_bottom) - max(top, c_top) >= 0.5 * min(height, c_bottom - c_top)
            and -0.5 * height <= gap <= (JUSTIFIED_GAP if own_spaces == 1 else CELL_GAP) * height
        ):
            if space or gap > 0.25 * height:
                chars.append(" ")
            chars.append(fixes.get(code) or chr(code))
            if c_x1 > x1:
                x1 = run.x1 = c_x1
            if c_bottom - c_top >= 0.5 * height:  # follow a baseline that climbs (a skewed scan's OCR layer)
                top, bottom = c_top, c_bottom
        else:
            chars = [fixes.get(code) or chr(code)]
            x1, top, bottom = c_x1, c_top, c_bottom
            height = max(bottom - top, 0.1)
            angle = get_angle(text_page, i)  # radians clockwise in user space; -1 when unknown
            turn = (4 - round(angle / HALF_PI)) % 4 if angle > 0 else 0
            run = Run(chars, c_x0, x1, top, bottom, first_char=i, pending_space=space, quarter=turn)
            runs.append(run)
        space, own_spaces = False, 0
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
        white=is_white(text_page, first),
    )


def is_white(text_page, index: int) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFText_GetFillColor(text_page, index, r, g, b, a):
        return False
    return min(r.value, g.value, b.value) >= 250 and a.value > 0


def is_bold(text_page, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(text_page, index) >= 600:
        return True
    name = ctypes.create_string_buffer(128)
    pdfium_c.FPDFText_GetFontInfo(text_page, index, name, 128, None)
    return bool(re.search(rb"(?i)bold|black|heavy|semibold|demi", name.value))


# --------------------------------------------------------------------------
# Which pages pdfplumber's table finder should see
# --------------------------------------------------------------------------


def ruled_cell_groups(page: pypdfium2.PdfPage, frame: Frame | float) -> list[list[tuple]]:
    """The cells of each ruled table on the page, found by pdfplumber's "lines" table finder.

    The finder's input is the page's horizontal and vertical edges; they are
    read here from PDFium's path objects (straight segments, on the shown
    page: `frame`, or for an unrotated page the top of its box), then go
    through pdfplumber's own snapping, joining, intersection and cell-grouping
    steps with its default settings, so no page is parsed by pdfminer. A form
    XObject that draws paths counts as a rectangle. Most pages have no group,
    and cost about a millisecond.
    """
    from pdfplumber.table import cells_to_tables, edges_to_intersections, intersections_to_cells, merge_edges

    if not isinstance(frame, Frame):
        frame = Frame(1, 0, 0, -1, 0, frame, 0, 0)
    edges: list[dict] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM], max_depth=0):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            edges += path_edges(obj, frame)
        elif form_draws_paths(obj):
            x0, top, x1, bottom = frame.box(*obj.get_bounds())
            edges += [edge(x0, top, x1, top), edge(x0, bottom, x1, bottom), edge(x0, top, x0, bottom), edge(x1, top, x1, bottom)]
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


def path_edges(path, frame: Frame) -> list[dict]:
    """The horizontal and vertical straight segments of one path object, on the shown page."""
    a, b, c, d, e, f = path.get_matrix().get()
    x = ctypes.c_float()
    y = ctypes.c_float()
    edges, start, current = [], None, None
    for i in range(pdfium_c.FPDFPath_CountSegments(path.raw)):
        seg = pdfium_c.FPDFPath_GetPathSegment(path.raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
        point = frame.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
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

    Only a row among the first or last `EDGE_ROWS` of its page (and, when
    placed, in the top or bottom band of the page) can be furniture. It is, when it is a page label ("Page 2 of 3", "- 2 -",
    a bare page number: the page's number, or a number that follows the page
    numbers at a constant offset on several pages), a protective marking
    ("OFFICIAL-SENSITIVE"), or when its text comes back at the same height on
    other pages with the same words and numbers, or numbers that follow the
    page number ("FOI 1234 response, page 2"). A repeated row at the top that
    heads a table (the row below it has cells under its cells, or is in the
    same ruled table) stays with its table.
    """
    excluded: set[int] = set()
    while True:
        furniture = edge_furniture(pages, excluded)
        furniture -= table_heads(pages, furniture)
        detached = {id(row) for page in pages for row in detached_rows(page, furniture)}
        if not detached:
            return furniture
        excluded |= detached  # and again without them: what repeated only with them may not repeat now


def edge_furniture(pages: list[PageText], excluded: set[int]) -> set[int]:
    """ids of the page labels, markings and repeated rows among the pages' edge rows (less `excluded`)."""
    furniture: set[int] = set()
    repeats: dict[str, list[tuple[PageText, Row]]] = {}
    numbers: list[tuple[PageText, Row, int]] = []
    for page in pages:
        for row in edge_rows(page):
            if id(row) in excluded:
                continue
            text = row.text.strip()
            bare = BARE_PAGE_NUMBER_RE.fullmatch(text)
            if PAGE_LABEL_RE.fullmatch(text) or MARKING_RE.fullmatch(text):
                furniture.add(id(row))
            elif bare:
                numbers.append((page, row, int(bare.group(1))))
            elif re.search(r"[^\W\d_]", text):
                # Only rows with words can repeat as furniture: a row of bare figures
                # ("16", "2017 1,245 34") ending two pages is table data.
                repeats.setdefault(re.sub(r"\d+", "#", text.lower()), []).append((page, row))
    furniture |= page_numbers(numbers)
    for same in repeats.values():
        for cluster in same_height(same):
            if len({page.number for page, _ in cluster}) >= 2 and numbers_follow_pages(cluster):
                furniture.update(id(row) for _, row in cluster)
    return furniture


def edge_rows(page: PageText) -> list[Row]:
    """The rows that can be running headers/footers: the first and last `EDGE_ROWS`, in the page's bands."""
    rows = [row for row in page.rows if row.pieces]
    edges = {id(row): row for row in rows[:EDGE_ROWS] + rows[-EDGE_ROWS:]}.values()
    if not page.height:
        return list(edges)
    low, high = FURNITURE_BAND * page.height, (1 - FURNITURE_BAND) * page.height
    return [row for row in edges if row.top is None or not low < row.top < high]


def detached_rows(page: PageText, furniture: set[int]) -> list[Row]:
    """Furniture rows deeper than the first two or last three of the page with a row of the letter between
    them and the page's edge, from either side: a header or footer is a block at the edge, and a line of text
    repeated with the page number ("Line 1 of page 2") under the page's first lines is not one."""
    rows = [row for row in page.rows if row.pieces]
    attached: set[int] = set()
    for edge_side, shallow in ((rows[:EDGE_ROWS], 2), (rows[::-1][:EDGE_ROWS], 3)):
        for depth, row in enumerate(edge_side):
            if depth < shallow or all(id(r) in furniture for r in edge_side[:depth]):
                attached.add(id(row))
    return [row for row in rows if id(row) in furniture and id(row) not in attached]


def page_numbers(numbers: list[tuple[PageText, Row, int]]) -> set[int]:
    """ids of the bare numbers that number the pages: equal to the page's number, or off it by the same
    amount on two pages or more (a cover page left unnumbered)."""
    offsets: dict[int, set[int]] = {}
    for page, _, value in numbers:
        offsets.setdefault(value - page.number, set()).add(page.number)
    return {id(row) for page, row, value in numbers
            if value == page.number or len(offsets[value - page.number]) >= 2}


def same_height(rows: list[tuple[PageText, Row]]) -> list[list[tuple[PageText, Row]]]:
    """Rows grouped by height on the page (within `FURNITURE_TOLERANCE`); unplaced rows form one group."""
    groups: list[list[tuple[PageText, Row]]] = []
    unplaced = [(page, row) for page, row in rows if row.top is None]
    for page, row in sorted(((p, r) for p, r in rows if r.top is not None), key=lambda pr: pr[1].top):
        if groups and row.top - groups[-1][0][1].top <= FURNITURE_TOLERANCE:
            groups[-1].append((page, row))
        else:
            groups.append([(page, row)])
    return groups + ([unplaced] if unplaced else [])


def numbers_follow_pages(rows: list[tuple[PageText, Row]]) -> bool:
    """Whether each number in the rows' text is the same on every page, or moves with the page number.

    A running header's numbers are its reference, its date, or the page
    number; rows of data ("Ward 3: 12 cases", "Ward 7: 4 cases") opening two
    pages have numbers that do neither.
    """
    values = [(page.number, [int(n) for n in re.findall(r"\d+", row.text)]) for page, row in rows]
    for k in range(len(values[0][1])):
        column = [(number, found[k]) for number, found in values]
        if len({v for _, v in column}) > 1 and len({v - number for number, v in column}) > 1:
            return False
    return True


def table_heads(pages: list[PageText], furniture: set[int]) -> set[int]:
    """ids of rows at the top of a page that head a table: the row below has cells under two of theirs or more,
    or both are in the same ruled table."""
    heads: set[int] = set()
    for page in pages:
        boxes = table_boxes(page)
        rows = [row for row in page.rows if row.pieces]
        for row, below in zip(rows[:EDGE_ROWS], rows[1:EDGE_ROWS + 1]):
            if id(row) not in furniture or id(below) in furniture or row.top is None:
                continue
            under = {i for piece in below.pieces for i, cell in enumerate(row.pieces) if overlaps(cell, piece)}
            ruled = any(all(contains(box, p) for p in row.pieces + below.pieces) for box in boxes)
            if ruled or len(row.pieces) >= 2 and len(below.pieces) >= 2 and len(under) >= 2:
                heads.add(id(row))
    return heads


def table_boxes(page: PageText) -> list[tuple[float, float, float, float]]:
    """The (x0, top, x1, bottom) of each ruled table on the page."""
    return [(min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
            for cells in page.table_cells]


def overlaps(a: Piece, b: Piece) -> bool:
    """Whether two placed pieces share some width on the page."""
    return a.x1 is not None and b.x1 is not None and min(a.x1, b.x1) > max(a.x0, b.x0)


# --------------------------------------------------------------------------
# The document
# --------------------------------------------------------------------------


def parse(path: Path, source: str) -> ParsedDocument:
    pdf = open_pdf(path)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise corrupt_error(NO_PAGE_TREE)
        pages = [read_page_at(pdf, i) for i in range(n_pages)]
    finally:
        pdf.close()
    unreadable = [p.number for p in pages if p.unreadable]
    if len(unreadable) == n_pages:
        raise corrupt_error(f"none of its {n_pages} page(s) can be loaded (their page objects are damaged)")

    needs_ocr = [p.number for p in pages if not p.rows and not p.unreadable]
    ocr_texts = run_ocr(path, needs_ocr, whole_document=len(needs_ocr) == n_pages) if needs_ocr else {}
    b, raw_pages, meta = write_pages(pages, ocr_texts)
    meta["ocr_pages"] = sorted(ocr_texts)  # provenance: these pages' text comes from OCR
    meta["unreadable_pages"] = unreadable
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


def read_page_at(pdf: pypdfium2.PdfDocument, index: int) -> PageText:
    """Page `index`, or an empty page without a height when PDFium cannot load it (a page tree counting more
    pages than it holds, a damaged page object): the other pages are still read."""
    try:
        page = pdf[index]
    except pypdfium2.PdfiumError:
        return PageText(number=index + 1, height=None, unreadable=True)
    try:
        return read_page(page, index + 1)
    except pypdfium2.PdfiumError:
        return PageText(number=index + 1, height=None, unreadable=True)
    finally:
        page.close()


def write_pages(pages: list[PageText], ocr_texts: dict[int, str] | None = None) -> tuple[TextBuilder, list[str], dict]:
    """The document text from its pages' rows: one `Line` per piece, running headers/footers left out.

    A blank line goes where the vertical step between two rows is wider than
    the page's usual line pitch (or where an unplaced rendering had a blank
    line); a page break adds none, so a paragraph running over it reads on.
    Returns the builder, each page's raw text (pieces joined by tabs, then any
    sideways lines), and the `meta` entries `page_furniture`, `page_starts`,
    `sideways_text` and `white_text` (text printed in white is kept, as
    invisible text is: an OCR layer is invisible text; but white text may be
    hidden on a white page, so it is listed).
    """
    ocr_texts = ocr_texts or {}
    furniture = page_furniture(pages)
    meta: dict = {"page_furniture": [], "page_starts": [], "white_text": [], "sideways_text": []}
    b = TextBuilder()
    raw_pages = []
    for page in pages:
        meta["page_starts"].append(b.offset)
        if page.number in ocr_texts:
            raw_pages.append(ocr_texts[page.number])
            for line in ocr_texts[page.number].split("\n"):
                b.add(line, page=page.number)
            continue
        raw_pages.append("\n".join(["\t".join(p.text for p in row.pieces) for row in page.rows] + page.sideways))
        meta["sideways_text"] += [{"page": page.number, "text": text} for text in page.sideways]
        ordered = reading_order(page, furniture)
        if not page.table_cells:
            ordered = column_order(ordered, furniture, line_pitch([row for row, _ in ordered]))
        if page.number == 1:
            ordered = letterhead_blocks(ordered, furniture, line_pitch([row for row, _ in ordered]))
        pitch = line_pitch([row for row, _ in ordered])  # steps in reading order: a table's cells are not interleaved
        prev: Row | None = None
        for row, cell_start in ordered:
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
                if p.white:
                    meta["white_text"].append({"page": page.number, "text": p.text})
            prev = row
    return b, raw_pages, meta


# --------------------------------------------------------------------------
# Blocks side by side at the head of a letter, and text in two columns
# --------------------------------------------------------------------------


def letterhead_blocks(ordered: list[tuple[Row, bool]], furniture: set[int], pitch: float | None) -> list[tuple[Row, bool]]:
    """The head of the first page with blocks printed side by side read block by block.

    A letter puts the recipient's address on the left and the authority's
    address, or a column of "Our ref: / Date:" fields, on the right. Read
    across the page, each printed line alternates between them ("26 April
    2021 | Freedom of Information Team | Reference Number: ... | Suite 6,
    Carew House"). Where a vertical gutter runs clear through the rows of the
    head (the lines before the first full-width line of text), the rows on its
    left are written first, then the rows on its right, each block a paragraph
    of its own. Not a gutter: one between labels ending with ":" and their
    values, or one between columns whose rows nearly all line up (a table).
    """
    placed = [p for row, _ in ordered for p in row.pieces if p.x0 is not None and p.x1 is not None]
    span = max(p.x1 for p in placed) - min(p.x0 for p in placed) if placed else 0
    head_end = next((n for n, (row, start) in enumerate(ordered) if start or is_wide(row, span)), len(ordered))
    rows = [row for row, _ in ordered[:head_end] if id(row) not in furniture and row.pieces]
    if any(p.x1 is None or p.top is None for row in rows for p in row.pieces):
        return ordered  # a rendering that does not give each piece's width (pdftohtml's)
    runs = runs_through(rows, lambda seed: block_run(rows, seed, pitch))
    if not runs:
        return ordered
    in_rows = {id(row) for row in rows}
    others = [entry for entry in ordered[:head_end] if id(entry[0]) not in in_rows]  # furniture: written aside
    return others + sides_in_turn(rows, runs, blocks_apart=True) + ordered[head_end:]


def column_order(ordered: list[tuple[Row, bool]], furniture: set[int], pitch: float | None) -> list[tuple[Row, bool]]:
    """A page region set in two columns of prose (reports, minutes) read column by column.

    Where a gutter runs clear through `MIN_COLUMN_ROWS` rows or more and both
    sides hold lines of prose, the left column is written before the right
    one, reading on from the foot of the first (a column break, like a page
    break, is no paragraph break). A table of text (questions beside answers)
    has the same look; its rows start side by side after each gap, while two
    columns break their paragraphs independently, so a region whose
    paragraphs start at the same heights on both sides is left row by row.
    """
    rows = [row for row, _ in ordered if id(row) not in furniture and row.pieces]
    if any(p.x1 is None or p.top is None for row in rows for p in row.pieces):
        return ordered
    runs = runs_through(rows, lambda seed: column_run(rows, seed, pitch))
    if not runs:
        return ordered
    others = [entry for entry in ordered if id(entry[0]) in furniture or not entry[0].pieces]
    return others + sides_in_turn(rows, runs, blocks_apart=False)


def runs_through(rows: list[Row], find) -> list[tuple[int, int, float]]:
    """(first, last, gutter x) of each run `find` finds from a row of several pieces, top to bottom."""
    runs: list[tuple[int, int, float]] = []
    seed = 0
    while seed < len(rows):
        found = find(seed) if len(rows[seed].pieces) >= 2 else None
        runs += [found] if found else []
        seed = found[1] + 1 if found else seed + 1
    return runs


def sides_in_turn(rows: list[Row], runs: list[tuple[int, int, float]], blocks_apart: bool) -> list[tuple[Row, bool]]:
    """The rows in order but each run's: its rows' pieces left of the gutter, then those right of it.

    With `blocks_apart`, each side and the row after the run start a paragraph
    (letterhead blocks); otherwise the text reads on from one side to the
    other (columns of one text).
    """
    out: list[tuple[Row, bool]] = []
    done = 0
    for first, last, gutter in runs:
        out += [(row, False) for row in rows[done:first]]
        pairs = [split_at(row, gutter) for row in rows[first:last + 1]]
        for side in (0, 1):
            block = [pair[side] for pair in pairs if pair[side] is not None]
            out += [(row, blocks_apart and n == 0) for n, row in enumerate(block)]
        done = last + 1
        if blocks_apart and done < len(rows):
            out.append((rows[done], True))
            done += 1
    return out + [(row, False) for row in rows[done:]]


def is_wide(row: Row, span: float) -> bool:
    """A single piece across more than half the width the page's text spans: the letter's body has begun."""
    piece = row.pieces[0] if len(row.pieces) == 1 else None
    return piece is not None and piece.x1 is not None and piece.x1 - piece.x0 > 0.55 * span


def split_at(row: Row, gutter: float) -> tuple[Row | None, Row | None]:
    """The row's pieces left and right of the gutter, as rows (None where a side has none)."""
    left = [p for p in row.pieces if (p.x0 + p.x1) / 2 < gutter]
    right = [p for p in row.pieces if (p.x0 + p.x1) / 2 >= gutter]
    if not left or not right:
        return (row, None) if left else (None, row)
    return Row(left, top=min(p.top for p in left)), Row(right, top=min(p.top for p in right))


def block_run(rows: list[Row], seed: int, pitch: float | None) -> tuple[int, int, float] | None:
    """The longest run of blocks side by side through a gap of row `seed` (at least `MIN_GUTTER` line heights)."""
    row = rows[seed]
    width = MIN_GUTTER * max(p.bottom - p.top for p in row.pieces)
    best = None
    for a, b in zip(row.pieces, row.pieces[1:]):
        if b.x0 - a.x1 < width:
            continue
        first, last, lo, hi = grow(rows, seed, a.x1, b.x0, width)
        first, last = trim(rows, first, last, (lo + hi) / 2, pitch)
        if is_block_run(rows[first:last + 1], (lo + hi) / 2) and (best is None or last - first > best[1] - best[0]):
            best = (first, last, (lo + hi) / 2)
    return best


def grow(rows: list[Row], seed: int, lo: float, hi: float, width: float) -> tuple[int, int, float, float]:
    """The rows around `seed` through which the gap (lo, hi) stays clear (narrowed by ragged block edges)."""
    first = last = seed
    for step in (-1, 1):
        n = seed + step
        while 0 <= n < len(rows):
            narrowed = clear_gap(rows[n], lo, hi, width)
            if narrowed is None:
                break
            lo, hi = narrowed
            first, last = min(first, n), max(last, n)
            n += step
    return first, last, lo, hi


def clear_gap(row: Row, lo: float, hi: float, width: float) -> tuple[float, float] | None:
    """The gap (lo, hi) narrowed to the row's pieces on either side, or None if a piece crosses it or it closes."""
    for p in row.pieces:
        if p.x1 <= lo or p.x0 >= hi:
            continue
        if p.x0 <= lo < p.x1 < hi:
            lo = p.x1
        elif lo < p.x0 < hi <= p.x1:
            hi = p.x0
        else:
            return None
    return (lo, hi) if hi - lo >= width else None


def trim(rows: list[Row], first: int, last: int, gutter: float, pitch: float | None) -> tuple[int, int]:
    """The run without its stray rows at either end: a row on one side only, a paragraph gap from that side's
    nearest row inwards, with nothing on the other side further out ("Dear Sir/Madam" under the recipient's
    address, when the block beside it has ended)."""
    sides = [(any((p.x0 + p.x1) / 2 < gutter for p in r.pieces), any((p.x0 + p.x1) / 2 >= gutter for p in r.pieces))
             for r in rows]
    gap = PARAGRAPH_STEP * (pitch or max(p.bottom - p.top for r in rows for p in r.pieces))

    def stray(n: int, inwards: range, outwards: range) -> bool:
        for side in (0, 1):
            if sides[n][side] and not sides[n][1 - side] and not any(sides[m][1 - side] for m in outwards):
                near = next((m for m in inwards if sides[m][side]), None)
                if near is None or abs(rows[n].top - rows[near].top) > gap:
                    return True
        return False

    last = next((n - 1 for n in range(first + 1, last + 1) if stray(n, range(n - 1, first - 1, -1), range(n + 1, last + 1))), last)
    first = next((n + 1 for n in range(last - 1, first - 1, -1) if stray(n, range(n + 1, last + 1), range(first, n))), first)
    return first, last


def is_block_run(rows: list[Row], gutter: float) -> bool:
    """Blocks side by side, not a table: the pieces left of the gutter are not labels ("Our ref:") whose
    values sit right of it, and some rows print on one side only, or one side is a column of fields
    ("Date: 3 May 2024") beside lines that are not (an address)."""
    pairs = [split_at(row, gutter) for row in rows]
    both = [(left, right) for left, right in pairs if left is not None and right is not None]
    if not both or sum(1 for left, _ in both if left.pieces[-1].text.endswith(":")) >= 0.5 * len(both):
        return False
    if len(both) < 0.8 * len(rows):
        return True
    fields = [sum(1 for side in sides if side is not None and FIELD_RE.match(side.text)) / sum(1 for side in sides if side)
              for sides in zip(*pairs)]
    return max(fields) >= 0.5 and min(fields) == 0


def column_run(rows: list[Row], seed: int, pitch: float | None) -> tuple[int, int, float] | None:
    """(first, last, gutter x) of two columns of prose through one of row `seed`'s gaps, if there are."""
    row = rows[seed]
    width = CELL_GAP * max(p.bottom - p.top for p in row.pieces)
    for a, b in zip(row.pieces, row.pieces[1:]):
        first, last, lo, hi = grow(rows, seed, a.x1, b.x0, width)
        if last - first + 1 >= MIN_COLUMN_ROWS and is_prose_columns(rows[first:last + 1], (lo + hi) / 2, pitch):
            return first, last, (lo + hi) / 2
    return None


def is_prose_columns(rows: list[Row], gutter: float, pitch: float | None) -> bool:
    """Both sides hold lines of prose (four words or more, most of them), in paragraphs that start apart."""
    pairs = [split_at(row, gutter) for row in rows]
    sides = [[pair[side] for pair in pairs if pair[side] is not None] for side in (0, 1)]
    for side in sides:
        if len(side) < MIN_COLUMN_ROWS or sum(1 for r in side if len(r.text.split()) >= 4) < 0.7 * len(side):
            return False
    gap = PARAGRAPH_STEP * (pitch or max(p.bottom - p.top for r in rows for p in r.pieces))
    starts = [{round(b.top) for a, b in zip(side, side[1:]) if b.top - a.top > gap} for side in sides]
    shared = {top for top in starts[0] if any(abs(top - other) <= 2 for other in starts[1])}
    return not shared or len(shared) < 0.5 * min(len(starts[0]), len(starts[1]))


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
    boxes = table_boxes(page)
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
