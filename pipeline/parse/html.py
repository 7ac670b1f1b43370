"""HTML: recognise what kind of page it is, then turn it into text lines.

Flavours, recognised from the markup:
- `wdtk_request`: a WhatDoTheyKnow request page (a correspondence thread);
- `wdtk_attachment`: WhatDoTheyKnow's "HTML version of an attachment" (poppler's
  pdftohtml output: absolutely positioned lines);
- `pdftohtml`: poppler's pdftohtml output saved bare (no WhatDoTheyKnow page around it),
  read the same way;
- `weebly`: a page of a site built with Weebly (its own markup, not a link to one);
- `generic`: anything else, read block by block.
The flavour-specific parsers live in their own modules; this one holds the
generic block reader they share.
"""
from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line, one_line
from .lines import TextBuilder
from .text import decode

BLOCK_TAGS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "li", "ul", "ol",
    "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "table", "dl", "dt", "dd",
    "form", "fieldset", "figure", "figcaption", "address", "hr", "br", "body", "center", "td", "th",
}
DROP_TAGS = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed", "button", "select", "input", "textarea"}


def load_soup(path: Path) -> tuple[BeautifulSoup, str]:
    html = decode(Path(path).read_bytes())
    soup = BeautifulSoup(html, "lxml")
    if soup.body is None and soup.find(True) is None:
        raise DocumentError("not_html", "The file looked like HTML but holds no markup that could be parsed.")
    return soup, html


def detect_flavor(soup: BeautifulSoup, html: str) -> str:
    head = html[:200000]
    # A request page shows its correspondence, or (messages hidden) at least its request header.
    thread = soup.select_one(".correspondence") or soup.select_one("#request_show .request-header")
    if thread and re.search(r"whatdotheyknow|alaveteli", head, re.I):
        return "wdtk_request"
    if re.search(r"This is an HTML version of an attachment to the (?:Freedom of Information|Environmental Information)", head):
        return "wdtk_attachment"
    if soup.find("meta", attrs={"name": re.compile("^generator$", re.I), "content": re.compile("^pdftohtml", re.I)}):
        return "pdftohtml"
    # Weebly's own markup and asset host, not a link to a weebly.com site from some other page.
    if re.search(r"wsite-|_W\.configDomain|editmysite\.com", head, re.I):
        return "weebly"
    return "generic"


def parse(path: Path, source: str) -> ParsedDocument:
    soup, html = load_soup(path)
    flavor = detect_flavor(soup, html)
    if flavor == "wdtk_request":
        from . import wdtk

        return wdtk.parse(soup, html, source)
    if flavor in ("wdtk_attachment", "pdftohtml"):
        from . import pdftohtml

        return pdftohtml.parse(soup, html, source, flavor)
    if flavor == "weebly":
        from . import weebly

        return weebly.parse(soup, html, source)
    return parse_generic(soup, html, source)


def parse_generic(soup: BeautifulSoup, html: str, source: str, root: Tag | None = None, flavor: str = "generic") -> ParsedDocument:
    root = root or soup.body or soup
    b = TextBuilder()
    tables: list[TableGrid] = []
    write_blocks(root, b, tables)
    title = one_line(soup.title.get_text()) if soup.title else None
    text = b.text
    if not text.strip():
        raise DocumentError("empty_file", "The HTML page has no visible text.")
    return ParsedDocument(
        source=source, format="html", text=text, raw_text=html, lines=b.lines, tables=tables,
        flavor=flavor, meta={"html_title": title},
    )


def write_blocks(root: Tag, b: TextBuilder, tables: list[TableGrid]) -> None:
    """Write `root`'s visible text into `b`, one line per block element; collect its tables."""
    buf: list[str] = []

    def flush():
        if buf:
            for piece in "".join(buf).split("\n"):
                b.add(piece)
            buf.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"):
                    continue
                buf.append(re.sub(r"\s+", " ", str(child)))
                continue
            if not isinstance(child, Tag) or child.name in DROP_TAGS:
                continue
            if child.get("hidden") is not None or "display:none" in (child.get("style") or "").replace(" ", ""):
                continue
            if child.name == "table" and not child.find("table"):
                flush()
                grid = html_table(child)
                if grid:
                    grid.start = b.offset
                    for row in grid.rows:
                        b.add(" | ".join(c for c in row))
                    grid.end = b.offset - 1
                    tables.append(grid)
                continue
            if child.name == "br":
                buf.append("\n")
                continue
            block = child.name in BLOCK_TAGS
            if block:
                flush()
            if child.name == "li":
                buf.append("• ")
            walk(child)
            if block:
                flush()
                if child.name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote"):
                    b.break_paragraph()

    walk(root)
    flush()


def _span(cell: Tag, name: str) -> int:
    value = str(cell.get(name, "1")).strip()
    return max(1, min(int(value), 50)) if value.isdigit() else 1


def html_table(table: Tag) -> TableGrid | None:
    """An HTML <table> as a grid: a cell spanning columns (colspan) or rows (rowspan) is
    repeated in each position it covers, so every row has the same width and columns line up.
    Header rows are the leading rows of <th> cells, or the rows of <thead>."""
    rows: list[list[str]] = []
    header_rows = 0
    carried: dict[int, tuple[str, int]] = {}  # column -> (value, rows still to fill) from a rowspan above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        tags = tr.find_all(["td", "th"], recursive=False)
        cells: list[str] = []

        def fill_carried() -> None:
            while len(cells) in carried:
                value, left = carried.pop(len(cells))
                if left > 1:
                    carried[len(cells)] = (value, left - 1)
                cells.append(value)

        for cell in tags:
            fill_carried()
            value = clean_line(cell.get_text(" "))
            for _ in range(_span(cell, "colspan")):
                if _span(cell, "rowspan") > 1:
                    carried[len(cells)] = (value, _span(cell, "rowspan") - 1)
                cells.append(value)
        fill_carried()
        if cells and any(cells):
            in_head = tr.find_parent("thead") is not None and tr.find_parent("table") is table
            if (in_head or all(c.name == "th" for c in tags)) and len(rows) == header_rows:
                header_rows += 1
            rows.append(cells)
    if not rows:
        return None
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    caption = table.find("caption")
    return TableGrid(
        rows=rows, method="html", title=one_line(caption.get_text(" ")) if caption else None,
        header_rows=max(1, header_rows),
    )
