"""Word letters (.docx): body text in reading order, list labels, tables, headers, footers and notes.

The package is read straight from the zip with lxml, not through python-docx,
which refuses files Word opens without complaint: macro-enabled documents and
templates (.docm, .dotx), a relationship to a missing image, a missing or
damaged styles part. Only the document body is required; any other part that
is missing or damaged is done without, and a part whose XML is broken is read
as far as it goes (named in `meta["recovered_parts"]`).

The walk over the XML is ours because a library neither interleaves
paragraphs with tables, nor renders automatic numbering ("1.", "a)"), nor reads
text boxes. Headers, footers and text boxes (where letterheads keep the
authority's address and the case reference) are written first, as the
letter's header, each distinct paragraph once: a first-page header repeated as
the default header, or a text box's VML fallback copy of its DrawingML
original, would otherwise appear twice. Footnotes and endnotes come after the
body, each as "[n] text", n being the number Word prints for it.
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line
from .lines import TextBuilder

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
# Strict Open XML (an option of Word's "Save as") names the same elements in other namespaces.
STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": R.encode(),
}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wval(el, tag: str) -> str | None:
    """The w:val attribute of child `tag` of `el` (None when either is missing)."""
    if el is None:
        return None
    child = el.find(w(tag))
    return None if child is None else child.get(w("val"))


# Subtrees whose text is not shown where they sit: deleted and moved-away revisions, field
# codes, a text box's legacy copy, embedded objects (OLE attachments), note and comment marks.
SKIP = {w("delText"), w("moveFrom"), w("instrText"), f"{{{MC}}}Fallback", w("object"), w("footnoteReference"),
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


@dataclass
class WordPackage:
    """The parts of a .docx that hold text, parsed."""

    body: etree._Element
    numbering: etree._Element | None = None
    styles: etree._Element | None = None
    furniture: list[etree._Element] = field(default_factory=list)  # headers and footers, each part once
    footnotes: etree._Element | None = None
    endnotes: etree._Element | None = None
    title: str | None = None
    recovered: list[str] = field(default_factory=list)  # parts whose broken XML was read as far as it goes


def parse(path: Path, source: str) -> ParsedDocument:
    package = open_package(path)
    numbering = Numbering(package.numbering, package.styles)
    b = TextBuilder()
    tables: list[TableGrid] = []
    seen: set[str] = set()
    furniture = with_boxes([blk for part in package.furniture for blk in blocks(part, numbering)])
    body = blocks(package.body, numbering)
    # Text boxes of the body are letterhead: written with the headers, before the letter.
    boxes = with_boxes([box for blk in body for box in blk.boxes])
    for blk in furniture + boxes:
        write(blk, b, tables, seen)
    if b.parts:
        b.break_paragraph()
    for blk in body:
        write(blk, b, tables, None)
    for blk in notes(package, numbering):
        write(blk, b, tables, None)
    if not b.lines:
        raise DocumentError("empty_file", "The Word document holds no text.")
    meta = {"headers_footers": len(furniture)}
    if package.title:
        meta["docx_title"] = package.title
    if package.recovered:
        meta["recovered_parts"] = package.recovered
    return ParsedDocument(source=source, format="docx", text=b.text, raw_text=b.text, lines=b.lines,
                          tables=tables, meta=meta)


def with_boxes(found: list[Block]) -> list[Block]:
    """Blocks each followed by the text boxes anchored in it (and the boxes in those)."""
    out = []
    for blk in found:
        out.append(blk)
        out.extend(with_boxes(blk.boxes))
    return out


# --------------------------------------------------------------------------
# The package
# --------------------------------------------------------------------------


def open_package(path: Path) -> WordPackage:
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise DocumentError("corrupt_docx", f"The Word file cannot be opened as a zip package ({e}).") from e
    with z:
        recovered: list[str] = []
        main = related(z, "", "officeDocument") or ["word/document.xml"]
        root = xml_part(z, main[0], recovered)
        body = root.find(w("body")) if root is not None else None
        if body is None:
            raise DocumentError("corrupt_docx", f"The Word file has no readable document body ({main[0]} is "
                                                "missing or damaged beyond repair).")

        def part(kind: str):
            names = related(z, main[0], kind)
            return xml_part(z, names[0], recovered) if names else None

        furniture = [xml_part(z, name, recovered) for name in header_footer_names(z, main[0], body)]
        core = related(z, "", "core-properties")
        props = xml_part(z, core[0], recovered) if core else None
        title = clean_line(props.findtext(DC_TITLE) or "") if props is not None else ""
        return WordPackage(body=body, numbering=part("numbering"), styles=part("styles"),
                           furniture=[f for f in furniture if f is not None], footnotes=part("footnotes"),
                           endnotes=part("endnotes"), title=title or None, recovered=recovered)


def relationships(z: zipfile.ZipFile, source: str) -> list[tuple[str, str, str]]:
    """(id, type, target part name) of each internal relationship of part `source` ("" for the package)."""
    folder, name = posixpath.split(source)
    root = xml_part(z, posixpath.join(folder, "_rels", f"{name}.rels"), [])
    if root is None:
        return []
    out = []
    for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out.append((rel.get("Id") or "", rel.get("Type") or "", target))
    return out


def related(z: zipfile.ZipFile, source: str, kind: str) -> list[str]:
    """Part names that `source` relates to with relationship type `kind` (the type URI's last word)."""
    return [target for _, rtype, target in relationships(z, source) if rtype.rsplit("/", 1)[-1] == kind]


def header_footer_names(z: zipfile.ZipFile, main: str, body) -> list[str]:
    """The header and footer parts of every section, each once: per section first-page, default, even-page."""
    targets = {rid: target for rid, _, target in relationships(z, main)}
    order = {"first": 0, "default": 1, "even": 2}
    names: list[str] = []
    for sect in body.iter(w("sectPr")):
        for kind in ("headerReference", "footerReference"):
            refs = sorted(sect.iterchildren(w(kind)), key=lambda ref: order.get(ref.get(w("type")), 1))
            for ref in refs:
                name = targets.get(ref.get(f"{{{R}}}id"))
                if name and name not in names:
                    names.append(name)
    return names


def xml_part(z: zipfile.ZipFile, name: str, recovered: list[str]):
    """A part's root element; None when it is missing. Broken XML is read as far as it goes."""
    try:
        data = z.read(name)
    except KeyError:
        return None
    except Exception:  # a bad CRC, zlib.error, an unknown compression method: the part is lost
        recovered.append(name)
        return None
    for strict, transitional in STRICT_NAMESPACES.items():
        data = data.replace(strict, transitional)
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except etree.XMLSyntaxError:
        recovered.append(name)
        parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            return None


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
    """Paragraphs and tables of a body, cell, header, note or text box, in order (wrappers opened)."""
    out: list[Block] = []
    for child in unwrapped(container):
        if child.tag == w("p"):
            out.append(paragraph(child, numbering))
        elif child.tag == w("tbl"):
            out.append(table(child, numbering))
    return out


def unwrapped(container) -> list:
    """The children of `container`, with those of content controls, custom XML and alternate content in their place."""
    out = []
    for child in container.iterchildren():
        if child.tag == w("sdt"):
            content = child.find(w("sdtContent"))
            out.extend(unwrapped(content) if content is not None else [])
        elif child.tag == w("customXml"):
            out.extend(unwrapped(child))
        elif child.tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            out.extend(unwrapped(choice) if choice is not None else [])
        else:
            out.append(child)
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
            elif tag in (w("tab"), w("ptab")):
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
    Deleted rows (tracked changes) are left out.
    """
    rows: list[list[str]] = []
    header_rows = 0
    above: dict[int, str] = {}  # column -> text of the merged cell started above
    for tr in unwrapped(tbl):
        if tr.tag != w("tr"):
            continue
        trpr = tr.find(w("trPr"))
        if trpr is not None and trpr.find(w("del")) is not None:
            continue
        is_header = trpr is not None and is_on(trpr, "tblHeader")
        if is_header and header_rows == len(rows):
            header_rows += 1
        row: list[str] = [""] * int(wval(trpr, "gridBefore") or 0)
        for tc in unwrapped(tr):
            if tc.tag != w("tc"):
                continue
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


def cell_text(tc, numbering: "Numbering") -> str:
    """A cell's paragraphs (and text boxes) one per line; a nested table's rows flattened into lines."""
    lines = []
    for blk in with_boxes(blocks(tc, numbering)):
        if blk.table is not None:
            lines += [" | ".join(c for c in r if c) for r in blk.table]
        elif blk.text.strip():
            lines.append(blk.text.strip())
    return "\n".join(lines)


def notes(package: WordPackage, numbering: "Numbering") -> list[Block]:
    """Footnotes, then endnotes, in the order the body refers to them, each opening with "[n]"."""
    out = []
    for kind, part, fmt in (("footnote", package.footnotes, "decimal"), ("endnote", package.endnotes, "lowerRoman")):
        if part is None:
            continue
        by_id = {note.get(w("id")): note for note in part.iterchildren(w(kind))
                 if note.get(w("type"), "normal") == "normal"}
        fmt = note_format(package.body, kind) or fmt
        cited = [ref.get(w("id")) for ref in package.body.iter(w(f"{kind}Reference"))]
        for number, note_id in enumerate(dict.fromkeys(i for i in cited if i in by_id), start=1):
            found = [blk for blk in with_boxes(blocks(by_id[note_id], numbering)) if blk.table or blk.text.strip()]
            if found and found[0].table is None:
                found[0].text = f"[{format_number(number, fmt)}] {found[0].text.lstrip()}"
            out.extend(found)
    return out


def note_format(body, kind: str) -> str | None:
    """The number format the document sets for its foot- or endnotes (w:footnotePr/w:numFmt), if any."""
    for pr in body.iter(w(f"{kind}Pr")):
        fmt = wval(pr, "numFmt")
        if fmt:
            return fmt
    return None


# --------------------------------------------------------------------------
# Automatic numbering
# --------------------------------------------------------------------------


@dataclass
class ListInstance:
    """A w:num: the abstract list it draws its levels from, with the levels it restarts or redefines."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # ilvl -> w:startOverride
    levels: dict[int, dict] = field(default_factory=dict)  # ilvl -> level definition given in w:lvlOverride


class Numbering:
    """Renders the labels Word draws for numbered paragraphs, counting as Word does.

    A paragraph's list comes from its own w:numPr or from its style's (whose
    level may be the one naming the style in its w:pStyle); lists sharing an
    abstract definition share counters (numbering continues across them)
    unless a w:lvlOverride/w:startOverride restarts it. An abstract list that
    only links to a numbering style (w:numStyleLink) takes the levels, and the
    counters, of the list that style defines.
    """

    def __init__(self, numbering, styles):
        self.levels: dict[str, dict[int, dict]] = {}  # abstractNumId -> ilvl -> level definition
        self.nums: dict[str, ListInstance] = {}  # numId -> its list
        self.style_numpr: dict[str, tuple[str | None, str | None]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        if numbering is not None:
            self._read(numbering)
        if styles is not None:
            self._read_styles(styles)
            self._follow_style_links(numbering, styles)

    def _read(self, root):
        for an in root.iterchildren(w("abstractNum")):
            self.levels[an.get(w("abstractNumId"))] = {
                int(lvl.get(w("ilvl"), "0")): level_def(lvl) for lvl in an.iterchildren(w("lvl"))
            }
        for num in root.iterchildren(w("num")):
            instance = ListInstance(abstract=wval(num, "abstractNumId") or "")
            for ov in num.iterchildren(w("lvlOverride")):
                ilvl = int(ov.get(w("ilvl"), "0"))
                start = wval(ov, "startOverride")
                if start is not None and start.lstrip("-").isdigit():
                    instance.starts[ilvl] = int(start)
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    instance.levels[ilvl] = level_def(lvl)
            self.nums[num.get(w("numId"))] = instance

    def _read_styles(self, styles):
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

    def _follow_style_links(self, numbering, styles):
        """Point each w:num of an abstract list with w:numStyleLink at the abstract list the style defines."""
        if numbering is None:
            return
        links = {an.get(w("abstractNumId")): wval(an, "numStyleLink") for an in numbering.iterchildren(w("abstractNum"))}
        for instance in self.nums.values():
            style = links.get(instance.abstract)
            num_id = self.style_numpr.get(style, (None, None))[0] if style else None
            target = self.nums.get(num_id) if num_id else None
            if target is not None and target.abstract != instance.abstract:
                instance.abstract = target.abstract

    def label(self, p) -> str | None:
        ppr = p.find(w("pPr"))
        if ppr is None:
            return None
        style = wval(ppr, "pStyle")
        num_id, ilvl = self.style_numpr.get(style, (None, None))
        numpr = ppr.find(w("numPr"))
        if numpr is not None:
            num_id = wval(numpr, "numId") or num_id
            ilvl = wval(numpr, "ilvl") or ilvl
        rpr = ppr.find(w("rPr"))
        if rpr is not None and rpr.find(w("del")) is not None:
            return None  # a deleted paragraph mark: the paragraph joins the next one, unnumbered
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        instance = self.nums[num_id]
        levels = {**self.levels.get(instance.abstract, {}), **instance.levels}
        if not levels:
            return None
        level = int(ilvl) if ilvl and ilvl.isdigit() else level_of_style(levels, style)
        counters = self.counters.setdefault(instance.abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in instance.starts.items():
                counters[lvl] = start - 1
        definition = levels.get(level, {"start": 1, "fmt": "decimal", "text": f"%{level + 1}."})
        counters[level] = counters.get(level, definition["start"] - 1) + 1
        for deeper in [k for k in counters if k > level]:
            del counters[deeper]
        return render_label(definition, counters, levels)


def level_of_style(levels: dict[int, dict], style: str | None) -> int:
    """The level a paragraph style is tied to by the level's w:pStyle (headings of a multilevel list); else 0."""
    return next((ilvl for ilvl, definition in sorted(levels.items()) if style and definition["style"] == style), 0)


def level_def(lvl) -> dict:
    start = wval(lvl, "start")
    return {
        "start": int(start) if start and start.lstrip("-").isdigit() else 1,
        "fmt": level_format(lvl),
        "text": wval(lvl, "lvlText") or "",
        "legal": lvl.find(w("isLgl")) is not None,
        "style": wval(lvl, "pStyle"),
    }


def level_format(lvl) -> str:
    """The level's w:numFmt; for a format newer than Word 2007 (in mc:AlternateContent), its fallback."""
    fallback = lvl.find(f"{{{MC}}}AlternateContent/{{{MC}}}Fallback")
    return wval(lvl, "numFmt") or wval(fallback, "numFmt") or "decimal"


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
