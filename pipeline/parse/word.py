"""Word letters (.docx): body text in reading order, list labels, tables, headers and footers.

python-docx gives the XML tree; the walk over it is ours because python-docx
neither interleaves paragraphs with tables, nor renders automatic numbering
("1.", "a)"), nor reads text boxes. Headers, footers and text boxes (where
letterheads keep the authority's address and the case reference) are written
first, as the letter's header, each distinct paragraph once: a first-page
header repeated as the default header, or a text box's VML fallback copy of its
DrawingML original, would otherwise appear twice.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line
from .lines import TextBuilder

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(el, tag: str) -> str | None:
    """The w:val attribute of child `tag` of `el` (None when either is missing)."""
    if el is None:
        return None
    child = el.find(w(tag))
    return None if child is None else child.get(w("val"))


# Subtrees whose text is not shown where they sit: deleted revisions, field codes,
# a text box's legacy copy, embedded objects (OLE attachments), footnote marks.
SKIP = {w("delText"), w("instrText"), f"{{{MC}}}Fallback", w("object"), w("footnoteReference"),
        w("endnoteReference"), w("commentReference")}


@dataclass
class Block:
    """One paragraph (its text, possibly several lines) or one table, in reading order."""

    text: str = ""
    bold: bool = False
    size: float | None = None
    table: list[list[str]] | None = None
    header_rows: int = 1
    boxes: list["Block"] = field(default_factory=list)  # text boxes anchored in the paragraph


def parse(path: Path, source: str) -> ParsedDocument:
    import docx  # python-docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # a zip that is not a Word package, or a damaged one
        raise DocumentError("corrupt_docx", f"The Word file cannot be opened ({type(e).__name__}: {e}).") from e
    numbering = Numbering(document)
    b = TextBuilder()
    tables: list[TableGrid] = []
    seen: set[str] = set()
    furniture = [blk for part in header_footer_parts(document) for blk in blocks(part, numbering)]
    body = blocks(document.element.body, numbering)
    # Text boxes of the body are letterhead: written with the headers, before the letter.
    boxes = [box for blk in body for box in blk.boxes]
    for blk in furniture + boxes:
        write(blk, b, tables, seen)
    if b.parts:
        b.break_paragraph()
    for blk in body:
        write(blk, b, tables, None)
    if not b.lines:
        raise DocumentError("empty_file", "The Word document holds no text.")
    meta = {"headers_footers": len(furniture)}
    core = document.core_properties
    if core.title:
        meta["docx_title"] = core.title
    return ParsedDocument(source=source, format="docx", text=b.text, raw_text=b.text, lines=b.lines,
                          tables=tables, meta=meta)


def header_footer_parts(document) -> list:
    """The header and footer elements of every section, each part once (sections often share them)."""
    parts, ids = [], set()
    for section in document.sections:
        for hf in (section.first_page_header, section.header, section.even_page_header,
                   section.first_page_footer, section.footer, section.even_page_footer):
            if hf.is_linked_to_previous:
                continue
            part = hf.part
            if id(part) not in ids:
                ids.add(id(part))
                parts.append(part.element)
    return parts


def write(blk: Block, b: TextBuilder, tables: list[TableGrid], seen: set[str] | None) -> None:
    """Write a block into the text; `seen` (letterhead only) drops paragraphs already written."""
    if blk.table is not None:
        key = "\x1f".join("|".join(r) for r in blk.table)
        if seen is not None and key in seen:
            return
        if seen is not None:
            seen.add(key)
        b.break_paragraph()
        start = b.offset
        for row in blk.table:
            b.add(" | ".join(clean_line(c.replace("\n", " ")) for c in row))
        tables.append(TableGrid(rows=blk.table, method="ruled", header_rows=blk.header_rows, start=start,
                                end=b.offset - 1))
        b.break_paragraph()
        return
    for piece in blk.text.split("\n"):
        key = clean_line(piece)
        if seen is not None and key:
            if key in seen:
                continue
            seen.add(key)
        b.add(piece, bold=blk.bold, size=blk.size)
    b.break_paragraph()


# --------------------------------------------------------------------------
# The XML walk
# --------------------------------------------------------------------------


def blocks(container, numbering: "Numbering") -> list[Block]:
    """Paragraphs and tables of a body, cell, header or text box, in order (content controls opened)."""
    out: list[Block] = []
    for child in container.iterchildren():
        if child.tag == w("p"):
            out.append(paragraph(child, numbering))
        elif child.tag == w("tbl"):
            out.append(table(child, numbering))
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            if content is not None:
                out.extend(blocks(content, numbering))
        elif child.tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                out.extend(blocks(choice, numbering))
    return out


def paragraph(p, numbering: "Numbering") -> Block:
    pieces: list[str] = []
    boxes: list[Block] = []
    runs_bold: list[bool] = []
    sizes: list[float] = []

    def walk(el):
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIP:
                continue
            if tag == w("txbxContent"):
                boxes.extend(blocks(child, numbering))
                continue
            if tag == w("t"):
                pieces.append(child.text or "")
            elif tag == w("tab"):
                pieces.append("\t")
            elif tag in (w("br"), w("cr")):
                pieces.append("\n")
            elif tag == w("noBreakHyphen"):
                pieces.append("-")
            elif tag == w("r"):
                has_text = any((t.text or "").strip() for t in child.iterchildren(w("t")))
                if has_text:
                    rpr = child.find(w("rPr"))
                    runs_bold.append(is_on(rpr, "b"))
                    sz = wval(rpr, "sz")
                    if sz and sz.isdigit():
                        sizes.append(int(sz) / 2)
                walk(child)
            elif tag != w("pPr"):
                walk(child)

    walk(p)
    text = "".join(pieces)
    label = numbering.label(p)
    if label and text.strip():
        text = f"{label} {text.lstrip()}"
    # Text boxes nested in a text box's paragraphs surface with their parent box.
    return Block(text=text, bold=bool(runs_bold) and all(runs_bold), size=sizes[0] if sizes else None,
                 boxes=boxes)


def is_on(rpr, tag: str) -> bool:
    """A run property toggle (<w:b/>, <w:b w:val="0"/>)."""
    if rpr is None:
        return False
    el = rpr.find(w(tag))
    return el is not None and el.get(w("val"), "true") not in ("0", "false", "off")


def table(tbl, numbering: "Numbering") -> Block:
    """A Word table as a grid: spanned columns kept aligned, vertically merged cells repeated.

    A cell spanning several columns keeps its text in its first column, except
    in header rows, where each spanned column gets the label (it heads them
    all). A vertically merged cell holds one value for each row it spans.
    """
    rows: list[list[str]] = []
    header_rows = 0
    above: dict[int, str] = {}  # column -> text of the merged cell started above
    for tr in tbl.iterchildren(w("tr")):
        trpr = tr.find(w("trPr"))
        is_header = trpr is not None and is_on(trpr, "tblHeader")
        if is_header and header_rows == len(rows):
            header_rows += 1
        row: list[str] = [""] * int(wval(trpr, "gridBefore") or 0)
        for tc in cells_of(tr):
            tcpr = tc.find(w("tcPr"))
            span = int(wval(tcpr, "gridSpan") or 1)
            merge = tcpr.find(w("vMerge")) if tcpr is not None else None
            col = len(row)
            if merge is not None and merge.get(w("val")) != "restart":
                text = above.get(col, "")
            else:
                text = cell_text(tc, numbering)
                if merge is not None:
                    above[col] = text
                else:
                    above.pop(col, None)
            row.append(text)
            row.extend([text if is_header or not rows else ""] * (span - 1))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    return Block(table=rows, header_rows=max(1, header_rows))


def cells_of(tr) -> list:
    """The cells of a row, looking inside content controls around them."""
    out = []
    for child in tr.iterchildren():
        if child.tag == w("tc"):
            out.append(child)
        elif child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            out.extend(c for c in (content.iterchildren(w("tc")) if content is not None else []))
    return out


def cell_text(tc, numbering: "Numbering") -> str:
    """A cell's paragraphs one per line; a nested table's rows flattened into lines."""
    lines = []
    for blk in blocks(tc, numbering):
        if blk.table is not None:
            lines += [" | ".join(c for c in r if c) for r in blk.table]
        elif blk.text.strip():
            lines.append(blk.text.strip())
    return "\n".join(lines)


# --------------------------------------------------------------------------
# Automatic numbering
# --------------------------------------------------------------------------


class Numbering:
    """Renders the labels Word draws for numbered paragraphs, counting as Word does.

    A paragraph's list comes from its own w:numPr or from its style's; lists
    sharing an abstract definition share counters (numbering continues across
    them) unless a w:lvlOverride/w:startOverride restarts it.
    """

    def __init__(self, document):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> ilvl -> level definition
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            self._read(root)
        self._read_styles(document)

    def _read(self, root):
        for an in root.iterchildren(w("abstractNum")):
            self.levels[an.get(w("abstractNumId"))] = {
                int(lvl.get(w("ilvl"), "0")): level_def(lvl) for lvl in an.iterchildren(w("lvl"))
            }
        for num in root.iterchildren(w("num")):
            overrides = {}
            for ov in num.iterchildren(w("lvlOverride")):
                start = wval(ov, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    overrides[int(ov.get(w("ilvl"), "0"))] = int(start)
            self.nums[num.get(w("numId"))] = (wval(num, "abstractNumId"), overrides)

    def _read_styles(self, document):
        try:
            styles = document.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        based: dict[str, str | None] = {}
        own: dict[str, tuple[str | None, str | None]] = {}
        for st in styles.iterchildren(w("style")):
            sid = st.get(w("styleId"))
            based[sid] = wval(st, "basedOn")
            ppr = st.find(w("pPr"))
            numpr = ppr.find(w("numPr")) if ppr is not None else None
            if numpr is not None:
                own[sid] = (wval(numpr, "numId"), wval(numpr, "ilvl"))
        for sid in based:
            cur, hops = sid, 0
            while cur and cur not in own and hops < 20:
                cur, hops = based.get(cur), hops + 1
            if cur in own:
                self.style_numpr[sid] = own[cur]

    def label(self, p) -> str | None:
        ppr = p.find(w("pPr"))
        num_id, ilvl = None, None
        if ppr is not None:
            style = wval(ppr, "pStyle")
            if style in self.style_numpr:
                num_id, ilvl = self.style_numpr[style]
            numpr = ppr.find(w("numPr"))
            if numpr is not None:
                num_id = wval(numpr, "numId") or num_id
                ilvl = wval(numpr, "ilvl") or ilvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        abstract, overrides = self.nums[num_id]
        levels = self.levels.get(abstract)
        if not levels:
            return None
        level = int(ilvl or 0)
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in overrides.items():
                counters[lvl] = start - 1
        definition = levels.get(level, {"start": 1, "fmt": "decimal", "text": f"%{level + 1}."})
        counters[level] = counters.get(level, definition["start"] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return render_label(definition, counters, levels)


def level_def(lvl) -> dict:
    start = wval(lvl, "start")
    return {
        "start": int(start) if start and start.lstrip("-").isdigit() else 1,
        "fmt": wval(lvl, "numFmt") or "decimal",
        "text": wval(lvl, "lvlText") or "",
        "legal": lvl.find(w("isLgl")) is not None,
    }


def render_label(definition: dict, counters: dict[int, int], levels: dict[int, dict]) -> str:
    """lvlText with each %N replaced by level N-1's counter in that level's format."""
    if definition["fmt"] == "bullet":
        return "•"
    if definition["fmt"] == "none":
        return ""
    out = definition["text"]
    for n in range(9, 0, -1):
        if f"%{n}" in out:
            lvl = levels.get(n - 1, {"start": 1, "fmt": "decimal"})
            value = counters.get(n - 1, lvl["start"])
            fmt = "decimal" if definition.get("legal") else lvl["fmt"]
            out = out.replace(f"%{n}", format_number(value, fmt))
    return out.strip()


def format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = to_roman(n)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


def to_roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = ""
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out
