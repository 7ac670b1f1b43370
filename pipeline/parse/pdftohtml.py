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
  conversion's zoom, which are turned back into points here. Each page's font
  classes are in a `<style>` inside the body. A printed line comes cut into
  several elements where the font changes (a superscript, a word in another
  face or colour); they are put back together, while elements in one font on
  one line stay apart (pdftohtml only leaves those apart across a gap at least
  the font's height: table cells). Older releases wrote
  `<DIV style="position:absolute;top:51;left:108"><nobr><span class="ft0">`,
  without units, in page divs without ids; that is read too.

The PDF's outline, which pdftohtml lists after the last page, is dropped. The
same page can also hold Alaveteli's other conversions (a text attachment with
`<br>` line breaks, unrtf's paragraphs and tables), read as the simple layout,
or no text of the document at all (a viewer iframe, "Sorry, we were unable to
convert this file"), which is an error naming the way out.

The wrapper's text is left out; the request it names goes into `meta`
(`wdtk_request_title`, `wdtk_request_url`, `request_title`) so the document
links to its thread. Running headers and footers are cut as in a PDF.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import DocumentError
from ..model import ParsedDocument
from ..normalise import clean_line, one_line
from .pdf import CELL_GAP, WORD_GAP, PageText, Piece, Row, write_pages

SITE_URL = "https://www.whatdotheyknow.com/"  # base for the request link when the page does not state its own URL
CONTENT_SELECTORS = ("#view-html-content", "#view_html_content")
WRAPPER_SELECTORS = (".view_html_prefix", ".view_html_description", ".view_html_logo", ".view_html_download_link")
PREFIX_RE = re.compile(r"This is an HTML version of an attachment to the (?:Freedom of Information|Environmental Information)")
ABSOLUTE_RE = re.compile(r"position\s*:\s*absolute", re.I)
PX_RE = re.compile(r"\b(top|left)\s*:\s*(-?[\d.]+)(?:px)?", re.I)  # older releases wrote no unit
RELATIVE_RE = re.compile(r"position\s*:\s*relative", re.I)
PAGE_DIV_RE = re.compile(r"^page(\d+)-div$")
CSS_RULE_RE = re.compile(r"\.(ft\w+)\s*\{([^}]*)\}")
# Alaveteli's page for an attachment it could not convert, or shows in an embedded viewer: no text of the document.
NOT_CONVERTED_RE = re.compile(r"unable to convert this file to HTML|use the download link", re.I)
# Paper sizes in points (A4, US Letter, US Legal, A3, A5): pdftohtml's page divs are one of them times the zoom.
PAPER_SIZES = ((595, 842), (612, 792), (612, 1008), (842, 1191), (420, 595))
ROW_TOLERANCE = 2  # points: pieces this close in height share a row
# A span this much smaller than the line's main text is a superscript or subscript.
SCRIPT_SIZE = 0.8
# Helvetica's character widths (share of the font size); a string's width is estimated from them,
# give or take this share of it (other faces are narrower or wider).
CHAR_WIDTHS = {
    **dict.fromkeys(" ijl.,:;'|!I", 0.25), **dict.fromkeys("frt()[]-/", 0.33), **dict.fromkeys("mwMW", 0.85),
    **dict.fromkeys("0123456789£$", 0.556),
}
UPPER_WIDTH, DEFAULT_WIDTH = 0.67, 0.52
WIDTH_ERROR = 0.2
# Elements that end a line in the simple layout; a table's cells come out one value per line, as pdftohtml's do.
SIMPLE_BLOCKS = {"p", "div", "table", "tr", "td", "th", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"}


def parse(soup: BeautifulSoup, html: str, source: str, flavor: str = "wdtk_attachment") -> ParsedDocument:
    """A pdftohtml rendering: WhatDoTheyKnow's attachment page, or (`flavor="pdftohtml"`) poppler's output saved bare."""
    meta = request_meta(soup)
    styles = css_classes(soup)
    root = content_root(soup)
    pages = complex_pages(root, styles) if root.find(style=ABSOLUTE_RE) else simple_pages(root)
    b, raw_pages, layout_meta = write_pages(pages)
    check_has_text(root, b.text, len(b.lines))
    meta.update(layout_meta)
    meta["html_title"] = one_line(soup.title.get_text()) if soup.title else None
    return ParsedDocument(
        source=source, format="html", text=b.text, raw_text="\f".join(raw_pages), lines=b.lines,
        pages=len(pages), flavor=flavor, meta=meta,
    )


def check_has_text(root: Tag, text: str, n_lines: int) -> None:
    """Raise when the page holds none of the document's text, saying why."""
    if not text.strip():
        raise DocumentError("empty_file", "The attachment page holds no text: it only embeds a viewer of the original "
                            "file; fetch the file itself." if root.find("iframe") else
                            "The attachment page holds no text (the PDF it was made from may be a scan).")
    if NOT_CONVERTED_RE.search(text) and n_lines <= 2:
        raise DocumentError("empty_file", "WhatDoTheyKnow could not convert this attachment to HTML, so the page holds "
                            "none of its text: fetch the original file from the page's download link.")


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
    drop_outline(root)
    return root


def drop_outline(root: Tag) -> None:
    """Drop the PDF's bookmarks, which pdftohtml lists after the last page (`<a name="outline"></a>
    <h1>Document Outline</h1><ul>...`): they repeat the headings, and are no page of the document."""
    anchor = root.find("a", attrs={"name": "outline"})
    if anchor is None:
        return
    for tag in [t for t in anchor.next_siblings if isinstance(t, Tag)]:
        tag.decompose()
    anchor.decompose()


# --------------------------------------------------------------------------
# Simple layout: lines ending in <br/>, pages marked by <a name=N> and <hr/>
# --------------------------------------------------------------------------


def simple_pages(root: Tag) -> list[PageText]:
    """Pages of the simple layout; also the other bodies Alaveteli puts in the same page (a text attachment,
    its lines joined with `<br>`, a blank line as two in a row; unrtf's paragraphs and tables)."""
    pages: list[PageText] = []
    current: PageText | None = None
    parts: list[tuple[str, bool]] = []  # (text, bold) of the line being read
    after_break = False  # nothing but white space since the last <br>

    def end_line():
        nonlocal current
        if current is None:
            current = PageText(number=len(pages) + 1, height=None)
            pages.append(current)
        text = clean_line("".join(t for t, _ in parts))
        if text:
            bold = all(b for t, b in parts if t.strip())
            current.rows.append(Row([Piece(text, None, None, None, None, bold=bold)]))
        elif parts or after_break:
            current.rows.append(Row([]))  # a string of spaces, or a second <br>: a blank line
        parts.clear()

    def walk(node: Tag, bold: bool):
        nonlocal current, after_break
        for child in node.children:
            if isinstance(child, NavigableString):
                text = str(child).replace("\n", "")
                if text and type(child).__name__ == "NavigableString":  # not a comment
                    parts.append((text, bold))
                    after_break = after_break and not text.strip()
                continue
            if not isinstance(child, Tag):
                continue
            if child.name == "a" and child.get("name", "").isdigit() and not child.get_text(strip=True):
                if parts:
                    end_line()
                current = PageText(number=int(child["name"]), height=None)
                pages.append(current)
                after_break = False
            elif child.name == "br":
                end_line()
                after_break = True
            elif child.name == "hr":
                if parts:
                    end_line()
                current = None
                after_break = False
            elif child.name in ("img", "script", "style"):
                continue
            else:
                block = child.name in SIMPLE_BLOCKS
                if block and parts:
                    end_line()
                walk(child, bold or child.name in ("b", "strong"))
                if block and parts:
                    end_line()
                after_break = after_break and not block

    walk(root, False)
    if parts:
        end_line()
    return [p for p in pages if any(r.pieces for r in p.rows)]


# --------------------------------------------------------------------------
# Complex layout: absolutely positioned lines in page divs
# --------------------------------------------------------------------------


@dataclass
class Span:
    """One line of a positioned element, in points, before the strings of one printed line are put back together."""

    text: str
    x0: float
    top: float
    size: float
    bold: bool
    font: tuple | None  # the font's CSS properties, None when the element names no font class
    space_before: bool  # the string starts with a space (pdftohtml writes `&#160;` where the PDF had one)
    space_after: bool

    @property
    def bottom(self) -> float:
        return self.top + (self.size or ROW_TOLERANCE)


def complex_pages(root: Tag, styles: dict[str, dict[str, str]]) -> list[PageText]:
    pages = []
    for n, container in enumerate(page_containers(root), start=1):
        match = PAGE_DIV_RE.match(container.get("id", ""))
        width, height = div_size(container)
        zoom = zoom_of(width, height)
        page = PageText(number=int(match.group(1)) if match else n, height=height / zoom if height else None)
        spans = []
        for el in container.find_all(style=ABSOLUTE_RE):
            pos = {k.lower(): float(v) for k, v in PX_RE.findall(el["style"])}
            if "top" not in pos or "left" not in pos:
                continue
            font, size, line_height = font_of(el, styles, page.number)
            for i, (text, bold, before, after) in enumerate(split_at_breaks(el)):
                top = (pos["top"] + i * (line_height or size * 1.2 or 0)) / zoom
                spans.append(Span(text, pos["left"] / zoom, top, round(size / zoom, 1), bold, font, before, after))
        page.rows = rows_of(spans)
        pages.append(page)
    return pages


def page_containers(root: Tag) -> list[Tag]:
    """Each page's element: `<div id="pageN-div">` (poppler since 0.2x), or the `position:relative` div older
    releases wrote without an id; the whole content when neither is there."""
    by_id = root.find_all("div", id=PAGE_DIV_RE)
    if by_id:
        return by_id
    relative = [d for d in root.find_all("div", style=RELATIVE_RE) if d.find(style=ABSOLUTE_RE)]
    return [d for d in relative if not any(a in relative for a in d.parents)] or [root]


def css_classes(soup: BeautifulSoup) -> dict[str, dict[str, str]]:
    """pdftohtml's font classes (`.ft10{font-size:15px;line-height:18px;...}`) as property dicts.

    Read before the content's `<style>` tags are dropped: the complex layout
    writes each page's classes inside the body, just before the page.
    """
    out: dict[str, dict[str, str]] = {}
    for style in soup.find_all("style"):
        for name, body in CSS_RULE_RE.findall(style.get_text()):
            props = dict(
                (k.strip().lower(), v.strip()) for k, _, v in (p.partition(":") for p in body.split(";")) if k.strip()
            )
            out[name] = props
    return out


def font_of(el: Tag, styles: dict[str, dict[str, str]], page: int) -> tuple[tuple | None, float, float | None]:
    """The font of a positioned element (its class's properties but the line height: pdftohtml gives a
    paragraph of several lines a class of its own for that), with its size and line height in px.

    The class is the element's or, in older releases (`<div style=..><nobr><span class="ft3">`), the class
    of the span inside it.
    """
    for tag in [el, *el.find_all(class_=True)]:
        for cls in tag.get("class") or []:
            props = class_style(cls, styles, page)
            size = px(props.get("font-size"))
            if size:
                key = tuple(sorted((k, v) for k, v in props.items() if k != "line-height"))
                return key, size, px(props.get("line-height"))
    return None, 0.0, None


def class_style(cls: str, styles: dict[str, dict[str, str]], page: int) -> dict[str, str]:
    """A font class's properties. With `-s`, pdftohtml names classes `ft<page><font>` but defines a font only
    on the first page that uses it, so page 3's `ft32` may be page 1's `ft12`."""
    if cls in styles:
        return styles[cls]
    font = cls.removeprefix(f"ft{page}") if cls.startswith(f"ft{page}") else None
    for earlier in range(page - 1, 0, -1) if font else ():
        if f"ft{earlier}{font}" in styles:
            return styles[f"ft{earlier}{font}"]
    return {}


def px(value: str | None) -> float | None:
    m = re.match(r"\s*([\d.]+)(?:px)?\s*$", value or "")
    return float(m.group(1)) if m else None


def div_size(div: Tag) -> tuple[float | None, float | None]:
    style = div.get("style") or ""
    w = re.search(r"width\s*:\s*([\d.]+)", style)
    h = re.search(r"height\s*:\s*([\d.]+)", style)
    return (float(w.group(1)) if w else None, float(h.group(1)) if h else None)


def zoom_of(width: float | None, height: float | None) -> float:
    """pdftohtml's zoom (1.5 unless told otherwise; WhatDoTheyKnow uses 1.0): the quarter step that best fits
    the page div to a usual paper size, either way round."""
    if not width or not height:
        return 1.5
    short, long = sorted((width, height))
    fits = [
        (abs(short - zoom * paper_short) + abs(long - zoom * paper_long), zoom)
        for paper_short, paper_long in PAPER_SIZES
        for zoom in (q / 4 for q in range(1, 17))
    ]
    return min(fits)[1]


def split_at_breaks(el: Tag) -> list[tuple[str, bool, bool, bool]]:
    """The lines of one positioned element (pdftohtml joins a paragraph's lines with <br/>): each with its
    boldness and whether it starts and ends with a space."""
    lines: list[list[tuple[str, bool]]] = [[]]

    def walk(node: Tag, bold: bool):
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ == "NavigableString":  # not a comment
                    lines[-1].append((str(child), bold))
            elif isinstance(child, Tag):
                if child.name == "br":
                    lines.append([])
                else:
                    walk(child, bold or child.name in ("b", "strong"))

    walk(el, False)
    out = []
    for parts in lines:
        raw = "".join(t for t, _ in parts)
        text = clean_line(raw)
        if text:
            bold = all(b for t, b in parts if t.strip())
            out.append((text, bold, raw[:1].isspace(), raw[-1:].isspace()))
    return out


def rows_of(spans: list[Span]) -> list[Row]:
    """Spans on one printed line (their heights overlapping: a superscript, a word in another font a pixel
    lower), left to right, as rows, top to bottom."""
    lines: list[list[Span]] = []
    for span in sorted(spans, key=lambda s: (s.top, s.x0)):
        if lines and same_line(lines[-1], span):
            lines[-1].append(span)
        else:
            lines.append([span])
    rows = []
    for line in lines:
        line.sort(key=lambda s: s.x0)
        main = max(line, key=lambda s: s.size)
        rows.append(Row([piece_of(group) for group in strings_of(line)], top=main.top))
    return rows


def same_line(line: list[Span], span: Span) -> bool:
    top, bottom = min(s.top for s in line), max(s.bottom for s in line)
    overlap = min(bottom, span.bottom) - max(top, span.top)
    return abs(span.top - line[0].top) <= ROW_TOLERANCE or overlap >= 0.5 * min(bottom - top, span.bottom - span.top)


def strings_of(line: list[Span]) -> list[list[Span]]:
    """The spans of one printed line grouped into the strings they were cut from.

    poppler joins text on one line into one element unless the gap is at least
    the font's height (a table cell, a tab stop) or, in the complex layout, the
    font changes (a superscript, a word in another face or colour). So two
    neighbours in the same font class stay apart, and neighbours in different
    fonts are one string when the second starts about where the first ends.
    pdftohtml gives no widths: the first's end is estimated from its characters.
    """
    groups: list[list[Span]] = []
    for span in line:
        prev = groups[-1][-1] if groups else None
        if prev is not None and continues(prev, span):
            groups[-1].append(span)
        else:
            groups.append([span])
    return groups


def continues(prev: Span, span: Span) -> bool:
    if prev.font is not None and prev.font == span.font:
        return False
    size = max(prev.size, span.size) or ROW_TOLERANCE
    width = text_width(prev.text, prev.size)
    gap = span.x0 - (prev.x0 + width)
    return span.x0 > prev.x0 and gap < size * CELL_GAP + width * WIDTH_ERROR


def text_width(text: str, size: float) -> float:
    """A string's printed width estimated from Helvetica's (Arial's) character widths, in points."""
    return size * sum(CHAR_WIDTHS.get(c, UPPER_WIDTH if c.isupper() else DEFAULT_WIDTH) for c in text)


def piece_of(spans: list[Span]) -> Piece:
    """One string from its spans, at the height and size of its main text."""
    main = max(spans, key=lambda s: s.size)
    text = spans[0].text
    for prev, span in zip(spans, spans[1:]):
        text += joiner(prev, span, main) + span.text
    return Piece(text, spans[0].x0, None, main.top, main.bottom, size=main.size or None, bold=all(s.bold for s in spans))


def joiner(prev: Span, span: Span, main: Span) -> str:
    """What goes between two spans of one string: a space where either side has one; none before a
    superscript or subscript (a footnote mark is printed against its word, and the PDF's own text has no
    space there); after one, a space only where the gap shows one; between words in two fonts, a space."""
    if prev.space_after or span.space_before:
        return " "
    if is_script(span, main):
        return ""
    if is_script(prev, main):
        return " " if span.x0 - (prev.x0 + text_width(prev.text, prev.size)) > WORD_GAP * main.size else ""
    return " "


def is_script(span: Span, main: Span) -> bool:
    return span is not main and 0 < span.size < SCRIPT_SIZE * main.size
