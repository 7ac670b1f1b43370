"""WhatDoTheyKnow's "HTML version of an attachment": poppler's pdftohtml output inside the site's page.

Alaveteli (the software behind WhatDoTheyKnow) converts a PDF attachment with
`pdftohtml -nodrm -zoom 1.0 -stdout -enc UTF-8 -noframes` and wraps the body in
its own page: a prefix ("This is an HTML version of an attachment to the
Freedom of Information request '<a href="/request/...">title</a>'.", a logo, a
download link) and `<div id="view-html-content">`. pdftohtml writes one of two
layouts, and both are read here into the same rows as a PDF's:

- simple (what WhatDoTheyKnow serves): per page an anchor `<a name=N></a>`,
  then one text string per line ending in `<br/>`, `&#160;` between words, and
  `<hr/>` after the page; strings on one row of a table come out one per line;
- complex (`-c`/`-s`): `<div id="pageN-div">` holding absolutely positioned
  `<p style="position:absolute;top:..px;left:..px">` lines, in pixels at the
  conversion's zoom, which are turned back into points here.

The wrapper's text is left out; the request it names goes into `meta`
(`wdtk_request_title`, `wdtk_request_url`, `request_title`) so the document
links to its thread. Running headers and footers are cut as in a PDF.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import DocumentError
from ..model import ParsedDocument
from ..normalise import clean_line, one_line
from .pdf import PageText, Piece, Row, write_pages

SITE_URL = "https://www.whatdotheyknow.com/"  # base for the request link when the page does not state its own URL
CONTENT_SELECTORS = ("#view-html-content", "#view_html_content")
WRAPPER_SELECTORS = (".view_html_prefix", ".view_html_description", ".view_html_logo", ".view_html_download_link")
PREFIX_RE = re.compile(r"This is an HTML version of an attachment to the (?:Freedom of Information|Environmental Information)")
ABSOLUTE_RE = re.compile(r"position\s*:\s*absolute", re.I)
PX_RE = re.compile(r"\b(top|left)\s*:\s*(-?[\d.]+)px", re.I)
PAGE_DIV_RE = re.compile(r"^page(\d+)-div$")
CSS_RULE_RE = re.compile(r"\.(ft\w+)\s*\{([^}]*)\}")
A4_SHORT_SIDE = 595  # points: pdftohtml's page divs are the page size times the zoom
ROW_TOLERANCE = 2  # points: pieces this close in height share a row


def parse(soup: BeautifulSoup, html: str, source: str) -> ParsedDocument:
    meta = request_meta(soup)
    root = content_root(soup)
    pages = complex_pages(soup, root) if root.find(style=ABSOLUTE_RE) else simple_pages(root)
    b, raw_pages, layout_meta = write_pages(pages)
    if not b.text.strip():
        raise DocumentError("empty_file", "The attachment page holds no text (the PDF it was made from may be a scan).")
    meta.update(layout_meta)
    meta["html_title"] = one_line(soup.title.get_text()) if soup.title else None
    return ParsedDocument(
        source=source, format="html", text=b.text, raw_text="\f".join(raw_pages), lines=b.lines,
        pages=len(pages), flavor="wdtk_attachment", meta=meta,
    )


# --------------------------------------------------------------------------
# The WhatDoTheyKnow wrapper
# --------------------------------------------------------------------------


def request_meta(soup: BeautifulSoup) -> dict:
    """The request the attachment belongs to, from the "This is an HTML version..." sentence and its link."""
    meta: dict = {}
    sentence = soup.find(string=PREFIX_RE)
    # The link after the sentence (the "Download original attachment" link before it also points under /request/).
    link = sentence.find_next("a", href=re.compile(r"/request/")) if sentence is not None else None
    if link is not None:
        url = request_url(link["href"], page_url(soup))
        meta["wdtk_request_url"] = url
        meta["wdtk_request_slug"] = urlsplit(url).path.rstrip("/").split("/request/")[-1].split("/")[0]
        title = one_line(link.get_text(" "))
        if title:
            meta["wdtk_request_title"] = meta["request_title"] = title
    return meta


def page_url(soup: BeautifulSoup) -> str | None:
    for tag, attr in ((soup.find("link", rel="canonical"), "href"), (soup.find("meta", property="og:url"), "content")):
        if tag is not None and tag.get(attr, "").startswith("http"):
            return tag[attr]
    return None


def request_url(href: str, base: str | None) -> str:
    """The request thread's URL as `foi fetch` records it: absolute, without query or fragment (`#incoming-123`)."""
    p = urlsplit(urljoin(base or SITE_URL, href))
    return urlunsplit((p.scheme, p.netloc, p.path, "", ""))


def content_root(soup: BeautifulSoup) -> Tag:
    """The converted document: Alaveteli's content div (or the body), without the wrapper's own text."""
    root = next((soup.select_one(s) for s in CONTENT_SELECTORS if soup.select_one(s)), None) or soup.body or soup
    for selector in WRAPPER_SELECTORS:
        for tag in root.select(selector):
            tag.decompose()
    for tag in root.find_all(["script", "style", "noscript"]):
        tag.decompose()
    return root


# --------------------------------------------------------------------------
# Simple layout: lines ending in <br/>, pages marked by <a name=N> and <hr/>
# --------------------------------------------------------------------------


def simple_pages(root: Tag) -> list[PageText]:
    pages: list[PageText] = []
    current: PageText | None = None
    parts: list[tuple[str, bool]] = []  # (text, bold) of the line being read

    def end_line():
        nonlocal current
        if current is None:
            current = PageText(number=len(pages) + 1, height=None)
            pages.append(current)
        text = clean_line("".join(t for t, _ in parts))
        if text:
            bold = all(b for t, b in parts if t.strip())
            current.rows.append(Row([Piece(text, None, None, None, None, bold=bold)]))
        elif parts:
            current.rows.append(Row([]))  # a string of spaces: pdftohtml's blank line
        parts.clear()

    def walk(node: Tag, bold: bool):
        nonlocal current
        for child in node.children:
            if isinstance(child, NavigableString):
                text = str(child).replace("\n", "")
                if text and type(child).__name__ == "NavigableString":  # not a comment
                    parts.append((text, bold))
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "a" and child.get("name", "").isdigit() and not child.get_text(strip=True):
                if parts:
                    end_line()
                current = PageText(number=int(child["name"]), height=None)
                pages.append(current)
            elif child.name == "br":
                end_line()
            elif child.name == "hr":
                if parts:
                    end_line()
                current = None
            elif child.name in ("img", "script", "style"):
                continue
            else:
                block = child.name in ("p", "div", "table", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6")
                if block and parts:
                    end_line()
                walk(child, bold or child.name in ("b", "strong"))
                if block and parts:
                    end_line()

    walk(root, False)
    if parts:
        end_line()
    return [p for p in pages if any(r.pieces for r in p.rows)]


# --------------------------------------------------------------------------
# Complex layout: absolutely positioned lines in page divs
# --------------------------------------------------------------------------


def complex_pages(soup: BeautifulSoup, root: Tag) -> list[PageText]:
    styles = css_classes(soup)
    page_divs = [d for d in root.find_all("div", id=PAGE_DIV_RE)] or [root]
    pages = []
    for n, div in enumerate(page_divs, start=1):
        match = PAGE_DIV_RE.match(div.get("id", ""))
        width, height = div_size(div)
        zoom = zoom_of(width, height)
        page = PageText(number=int(match.group(1)) if match else n, height=height / zoom if height else None)
        pieces = []
        for el in div.find_all(style=ABSOLUTE_RE):
            pos = {k.lower(): float(v) for k, v in PX_RE.findall(el["style"])}
            if "top" not in pos or "left" not in pos:
                continue
            size, line_height = font_of(el, styles)
            for i, (text, bold) in enumerate(split_at_breaks(el)):
                top = (pos["top"] + i * (line_height or size * 1.2 or 0)) / zoom
                pieces.append(Piece(text, pos["left"] / zoom, None, top, top + size / zoom, size=round(size / zoom, 1),
                                    bold=bold))
        page.rows = rows_of(pieces)
        pages.append(page)
    return pages


def css_classes(soup: BeautifulSoup) -> dict[str, dict[str, str]]:
    """pdftohtml's font classes (`.ft10{font-size:15px;line-height:18px;...}`) as property dicts."""
    out: dict[str, dict[str, str]] = {}
    for style in soup.find_all("style"):
        for name, body in CSS_RULE_RE.findall(style.get_text()):
            props = dict(
                (k.strip().lower(), v.strip()) for k, _, v in (p.partition(":") for p in body.split(";")) if k.strip()
            )
            out[name] = props
    return out


def font_of(el: Tag, styles: dict[str, dict[str, str]]) -> tuple[float, float | None]:
    """Font size and line height (px) of a positioned line, from its class."""
    size, line_height = 0.0, None
    for cls in el.get("class") or []:
        props = styles.get(cls, {})
        size = px(props.get("font-size")) or size
        line_height = px(props.get("line-height")) or line_height
    return size, line_height


def px(value: str | None) -> float | None:
    m = re.match(r"\s*([\d.]+)px", value or "")
    return float(m.group(1)) if m else None


def div_size(div: Tag) -> tuple[float | None, float | None]:
    style = div.get("style") or ""
    w = re.search(r"width\s*:\s*([\d.]+)px", style)
    h = re.search(r"height\s*:\s*([\d.]+)px", style)
    return (float(w.group(1)) if w else None, float(h.group(1)) if h else None)


def zoom_of(width: float | None, height: float | None) -> float:
    """pdftohtml's zoom (1.5 unless told otherwise; WhatDoTheyKnow uses 1.0), in quarter steps from the page size."""
    if not width or not height:
        return 1.5
    return max(0.25, round(min(width, height) / A4_SHORT_SIDE * 4) / 4)


def split_at_breaks(el: Tag) -> list[tuple[str, bool]]:
    """The lines of one positioned element (pdftohtml joins a paragraph's lines with <br/>), each with its boldness."""
    lines: list[list[tuple[str, bool]]] = [[]]

    def walk(node: Tag, bold: bool):
        for child in node.children:
            if isinstance(child, NavigableString):
                lines[-1].append((str(child), bold))
            elif isinstance(child, Tag):
                if child.name == "br":
                    lines.append([])
                else:
                    walk(child, bold or child.name in ("b", "strong"))

    walk(el, False)
    out = []
    for parts in lines:
        text = clean_line("".join(t for t, _ in parts))
        if text:
            out.append((text, all(b for t, b in parts if t.strip())))
    return out


def rows_of(pieces: list[Piece]) -> list[Row]:
    """Pieces at the same height, left to right, as rows, top to bottom."""
    rows: list[Row] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        if rows and abs(rows[-1].top - piece.top) <= ROW_TOLERANCE:
            rows[-1].pieces.append(piece)
        else:
            rows.append(Row([piece], top=piece.top))
    for row in rows:
        row.pieces.sort(key=lambda p: p.x0)
    return rows
