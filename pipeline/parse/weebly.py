"""Weebly pages: a saved HTML page, or the text rendering of one ("save as text").

Both come wrapped in the site's template: navigation menus (the text rendering
repeats the menu, once per copy the theme prints), a header with the site name,
a footer ("Proudly powered by Weebly"), image placeholders ("Picture"), forms
and widgets. The parser keeps only the page's own content in `text` and records
in `meta["weebly"]` what the extractor needs about the template:

- `title`: the page title without the site-name suffix ("About - Site" -> "About");
- `site_name`: the site's name, when the page shows it;
- `nav_path`: the labels of the page's parents in the site menu (`[]` for a
  top-level item, None when the page cannot be placed in the menu): the page's
  item is the one the theme marks current, or, when none is marked (or only its
  top-level section is), the one linking to the page's own address (canonical
  link, `og:url`, Weebly's `wsite-page-<slug>` body class, the saved file's name);
- `home`: the page is the site's start page; `blog`: the page shows blog posts;
- `headings`: `[start, end]` offsets in `text` of the content headings;
- `bold_leads`: `[start, end]` offsets of the bold run a line opens with when
  the rest of the line is not bold ("**Country** Denmark");
- `captions`: `[start, end]` offsets of image captions (text inside an image element);
- `column_blocks`: offsets where a multi-column block (`wsite-multicol`) begins;
- `post_header`: `[start, end]` offsets of a blog post's date line, and `post_date` its date as shown.

On a page showing one blog post, the post sits under the blog in the menu: the
blog's item (the one the theme marks) is the last label of `nav_path`.

Lines whose text is wholly bold (`<strong>`, `<b>`, headings, `<dt>`) carry
`Line.bold`, which the extractor reads as a label.
"""
from __future__ import annotations

import html as htmllib
import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line, one_line
from .html import BLOCK_TAGS, DROP_TAGS, html_table
from .lines import TextBuilder

# Template parts a Weebly theme wraps around the content (used when a page has
# no `#wsite-content`, and inside it for widgets that are not content).
CHROME_SELECTORS = [
    "ul.wsite-menu-default", ".wsite-menu-wrap", "#navigation", "#navMobile", ".nav", "nav",
    ".wsite-footer", ".weebly-footer", "#weebly-footer-signup-container", ".footer-wrap", "footer",
    ".wsite-logo", ".wsite-search", ".wsite-search-wrap", "form", ".wsite-form-container",
    ".wsite-social", ".wsite-com-product-social", "[class*=cookie]", "[id*=cookie]",
    ".scrollArrow", ".wsite-header-elements", "#customer-accounts-app", ".mini-cart-overlay",
    # A blog's sidebar (author, archives, categories, RSS feed) and comment widgets.
    ".blog-sidebar", ".blog-comments-bottom", ".blog-comments-title", ".blog-social",
    # A post's byline, comment count and category list (the date itself stays, see `post_header`).
    ".blog-author-text", ".blog-author", ".blog-comments-top", ".blog-comments", ".blog-category",
    # Newer themes' footer sign-up banner ("Powered by ... Get Started") and mobile menu toggles.
    "[id^=weebly-footer]", "[class*=weebly-footer]", ".hamburger", "#wsite-menus",
]
# Weebly's own footer, as the text rendering shows it: "Proudly powered by Weebly", or on newer free
# sites "Powered by Create your own unique website with customizable templates." (then "Get Started").
FOOTER_LINE_RE = re.compile(
    r"^(?:proudly\s+)?powered\s+by\s+weebly\b|^create\s+(?:a\s+free\s+)?(?:your\s+own\s+)?(?:web\s*site|website).*\bweebly\b"
    r"|^(?:©|copyright\b).*\bweebly\b"
    r"|^(?:powered\s+by\s+)?create\s+your\s+own\s+unique\s+website\s+with\s+customi[sz]able\s+templates\b",
    re.I,
)
# What Weebly prints around its footer link when the rendering breaks it into lines: the
# "Powered by" before it, the sign-up button after it.
FOOTER_HEAD_RE = re.compile(r"^(?:proudly\s+)?powered\s+by$", re.I)
FOOTER_TAIL_RE = re.compile(r"^get\s+started$", re.I)
# Weebly's default alternative text for an image: the text rendering shows it in place of the picture.
IMAGE_PLACEHOLDER = "Picture"
# Elements whose text is an image's caption.
CAPTION_CLASSES = {"wsite-image", "wsite-caption", "wsite-image-caption"}
BOLD_TAGS = {"strong", "b", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "th"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BULLET_RE = re.compile(r"^(\s*)[•·▪◦‣*]\s+(.*)$")
BULLET = "•\u00a0"
MENU_ARROW_RE = re.compile(r"\s*[>›»]\s*$")
# An entity the editor escaped twice, so the page shows it as text ("Austria&nbsp;").
LEFTOVER_ENTITY_RE = re.compile(r"&(?:[a-zA-Z]{2,8}|#[0-9]{2,6}|#[xX][0-9a-fA-F]{2,6});")


def decode_leftover_entities(text: str) -> str:
    return LEFTOVER_ENTITY_RE.sub(lambda m: htmllib.unescape(m.group(0)), text)


# --------------------------------------------------------------------------
# Saved HTML
# --------------------------------------------------------------------------


def parse(soup: BeautifulSoup, html: str, source: str) -> ParsedDocument:
    html_title = one_line(soup.title.get_text()) if soup.title else None
    site = site_name(soup)
    post = blog_post_title(soup)
    addresses = page_addresses(soup, source)
    nav_path = menu_nav_path(soup, addresses, blog_post_slug(soup))
    menu = html_menu_tree(soup)
    home = is_home(soup, addresses)
    blog = soup.select_one(".blog-post") is not None
    root = soup.select_one("#wsite-content") or soup.body or soup
    for el in root.select(", ".join(CHROME_SELECTORS)):
        if not el.decomposed:
            el.decompose()
    b = TextBuilder()
    tables: list[TableGrid] = []
    writer = ContentWriter(b, tables)
    headings = writer.write(root)
    date = soup.select_one(".blog-post .blog-date") if post else None
    if not b.text.strip():
        raise DocumentError("empty_file", "The Weebly page has no content text once its menus and footer are removed.")
    title = post or strip_site_suffix(html_title, site) or first_heading(b.text, headings)
    return ParsedDocument(
        source=source, format="html", text=b.text, raw_text=html, lines=b.lines, tables=tables, flavor="weebly",
        meta={"html_title": html_title, "weebly": {
            "title": title, "site_name": site, "nav_path": nav_path, "headings": headings,
            "home": home, "blog": blog, "bold_leads": writer.bold_leads,
            "captions": writer.captions, "column_blocks": writer.column_blocks,
            "post_header": writer.post_header, "post_date": one_line(date.get_text(" ")) if date else None,
            "menu_match_path": tree_nav_path(menu, title) or tree_nav_path(menu, first_heading(b.text, headings)),
        }},
    )


def site_name(soup: BeautifulSoup) -> str | None:
    og = soup.find("meta", attrs={"property": "og:site_name"})
    if og and one_line(og.get("content")):
        return one_line(og.get("content"))
    logo = soup.select_one(".wsite-logo")
    return one_line(logo.get_text(" ")) if logo else None


def blog_post_title(soup: BeautifulSoup) -> str | None:
    """The post's own title on a page showing one blog post (its `<title>` also names the blog)."""
    posts = soup.select(".blog-post")
    if len(posts) != 1:
        return None
    title = posts[0].select_one(".blog-title")
    return one_line(title.get_text(" ")) if title else None


def blog_post_slug(soup: BeautifulSoup) -> str | None:
    """The address name of the one blog post a page shows (its title links to it); None on other pages."""
    posts = soup.select(".blog-post")
    link = posts[0].select_one(".blog-title a[href]") if len(posts) == 1 else None
    return url_slug(link["href"]) if link else None


def strip_site_suffix(title: str | None, site: str | None) -> str | None:
    """'Page - Site name' -> 'Page' (Weebly's `<title>` format); a title without the suffix is kept."""
    if not title:
        return None
    if site and title.lower().endswith(site.lower()):
        head = re.sub(r"\s*[-|–—]\s*$", "", title[: -len(site)])
        return head or title
    if " - " in title:
        head = title.rsplit(" - ", 1)[0].strip()
        return head or title
    return title


def first_heading(text: str, headings: list[list[int]]) -> str | None:
    if headings:
        start, end = headings[0]
        return one_line(text[start:end])
    return None


def page_addresses(soup: BeautifulSoup, source: str) -> list[tuple[str | None, str]]:
    """The page's own address as (host, slug) pairs, surest first: the canonical link, `og:url`,
    Weebly's `wsite-page-<slug>` body class, the saved file's name. The slug is the last path
    segment without its extension, "" for the site's start page.
    A file saved as `index.html` names no page (every folder has one), so it is not used."""
    out = []
    canonical = soup.find("link", rel="canonical")
    og = soup.find("meta", attrs={"property": "og:url"})
    for url in (canonical.get("href") if canonical else None, og.get("content") if og else None):
        if url and urlsplit(url).netloc:
            out.append((urlsplit(url).netloc.lower(), url_slug(url)))
    body = soup.body.get("class") if soup.body else None
    for cls in body or []:
        if cls.startswith("wsite-page-"):
            out.append((None, url_slug(cls[len("wsite-page-"):])))
    name = url_slug(source)
    if name:
        out.append((None, name))
    return out


def url_slug(url: str) -> str:
    """'https://site.weebly.com/in-europe.html' -> 'in-europe'; the start page ('/', 'index.html') -> ''."""
    path = unquote(urlsplit(url.strip()).path).replace("\\", "/").rstrip("/")
    name = PurePosixPath(path).name.lower()
    name = re.sub(r"\.(?:html?|php)$", "", name)
    return "" if name == "index" else name


def link_address(li: Tag) -> tuple[str | None, str] | None:
    """The (host, slug) a menu item links to; None for an item without a link of its own."""
    link = li.find("a")
    href = (link.get("href") or "").strip() if link else ""
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    host = urlsplit(href).netloc.lower() or None
    return host, url_slug(href)


def addressed_item(items: list[Tag], addresses: list[tuple[str | None, str]]) -> Tag | None:
    """The menu item linking to the page's own address (an absolute link only on the page's own host)."""
    for host, slug in addresses:
        for li in items:
            target = link_address(li)
            if target and target[1] == slug and (target[0] is None or target[0] == host):
                return li
    return None


def menu_nav_path(soup: BeautifulSoup, addresses: list[tuple[str | None, str]],
                  post_slug: str | None = None) -> list[str] | None:
    """Labels of the current page's parents in the site menu; None when the page is not in it.

    A page showing one blog post (`post_slug` names it) is a child of the blog: the current
    item is the blog's own, so its label ends the path (unless the menu links to the post itself).
    """
    for menu in soup.select("ul.wsite-menu-default"):
        current = current_item(menu, addresses)
        if current is None:
            continue
        target = link_address(current)
        parents = [menu_label(current)] if post_slug and not (target and target[1] == post_slug) else []
        for li in current.find_parents("li"):
            if menu not in li.parents:
                break
            parents.append(menu_label(li))
        return [label for label in reversed(parents) if label]
    return None


def current_item(menu: Tag, addresses: list[tuple[str | None, str]]) -> Tag | None:
    """The page's own item in `menu`.

    On a sub-page Weebly marks both the top-level section (`li#active`) and the page itself
    (`li.wsite-nav-current`): the page is the deepest marked item. Some themes mark only the
    section; then the item linking to the page's address, inside that section, is the page.
    """
    marked = menu.select("li.wsite-nav-current, li#active, li.active, li.current") or [
        link.find_parent("li") for link in menu.select("a.wsite-nav-current, a#active, a.active")
        if link.find_parent("li")]
    deepest = max(marked, key=lambda li: len(li.find_parents("li"))) if marked else None
    addressed = addressed_item(menu.find_all("li"), addresses)
    if addressed is not None and (deepest is None or deepest in addressed.find_parents("li")):
        return addressed
    return deepest


def is_home(soup: BeautifulSoup, addresses: list[tuple[str | None, str]]) -> bool:
    """The site's start page: its address is the site root, or the menu marks the start page's item."""
    if any(slug == "" for _, slug in addresses):
        return True
    menu = soup.select_one("ul.wsite-menu-default")
    current = current_item(menu, addresses) if menu else None
    target = link_address(current) if current is not None else None
    return target is not None and target[1] == ""


def html_menu_tree(soup: BeautifulSoup) -> list[tuple[int, str]]:
    """The site menu as (depth, label) pairs in order (see `menu_tree` for the text rendering)."""
    menu = soup.select_one("ul.wsite-menu-default")
    if menu is None:
        return []
    items = []
    for li in menu.find_all("li"):
        label = menu_label(li)
        if label:
            items.append((sum(1 for p in li.find_parents("li") if menu in p.parents), label))
    return items


def menu_label(li: Tag) -> str | None:
    link = li.find("a")
    if link is None:
        return None
    title = link.select_one(".wsite-menu-title")
    return one_line(MENU_ARROW_RE.sub("", (title or link).get_text(" ")))


def bold_lead(segments: list[tuple[str, bool]]) -> str | None:
    """The text a line opens with up to the end of its first bold run, when plain words follow it
    ("• <b>Country</b>: Denmark" -> "• Country:"); None when the line does not open in bold."""
    head: list[str] = []
    opened_bold = False
    for text, bold in segments:
        has_words = re.search(r"\w", text) is not None
        if bold:
            opened_bold = opened_bold or has_words
        elif has_words:
            return clean_line("".join(head)) or None if opened_bold else None
        head.append(text)
    return None


class ContentWriter:
    """Writes a content tree into a TextBuilder, one line per block, tracking bold lines and headings.

    Weebly lays out columns with `<table class="wsite-multicol-table">`: those
    are read as blocks (each column in turn), not as data tables.
    """

    def __init__(self, b: TextBuilder, tables: list[TableGrid]):
        self.b = b
        self.tables = tables
        self.buf: list[tuple[str, bool]] = []
        self.headings: list[list[int]] = []
        self.bold_leads: list[list[int]] = []
        self.captions: list[list[int]] = []
        self.column_blocks: list[int] = []
        self.post_header: list[int] | None = None

    def write(self, root: Tag) -> list[list[int]]:
        self.walk(root, bold=False)
        self.flush()
        return self.headings

    def flush(self) -> None:
        if self.buf and self.buf[0][0] == BULLET and not clean_line("".join(t for t, _ in self.buf[1:])):
            self.buf = self.buf[:1]
            return  # a bullet whose item text is in a block of its own: keep it for that block
        segments: list[tuple[str, bool]] = []
        for text, bold in self.buf:
            parts = text.split("\n")
            for k, part in enumerate(parts):
                if k:
                    self.emit(segments)
                    segments = []
                segments.append((part, bold))
        self.buf = []
        self.emit(segments)

    def emit(self, segments: list[tuple[str, bool]]) -> None:
        text = "".join(t for t, _ in segments)
        if clean_line(text) and not re.search(r"\w", clean_line(text)):
            return  # punctuation only: a widget's scroll arrows or an empty tab
        shown = [(t, bold) for t, bold in segments if re.search(r"\w", clean_line(t))]
        bold = bool(shown) and all(b for _, b in shown)
        if clean_line(text) == IMAGE_PLACEHOLDER:
            return
        line = self.b.add(text, bold=bold)
        lead = bold_lead(segments)
        if line is not None and not bold and lead and line.text.startswith(lead):
            self.bold_leads.append([line.start, line.start + len(lead)])

    def walk(self, node: Tag, bold: bool) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                if type(child).__name__ in ("Comment", "Doctype", "Declaration", "ProcessingInstruction", "CData"):
                    continue
                self.buf.append((re.sub(r"\s+", " ", decode_leftover_entities(str(child))), bold))
                continue
            if not isinstance(child, Tag) or child.name in DROP_TAGS:
                continue
            if child.get("hidden") is not None or "display:none" in (child.get("style") or "").replace(" ", ""):
                continue
            if child.name == "table" and "wsite-multicol-table" not in (child.get("class") or []) and not child.find("table"):
                self.flush()
                self.data_table(child)
                continue
            if child.name == "br":
                self.buf.append(("\n", bold))
                continue
            classes = child.get("class") or []
            caption = child.name == "figcaption" or any(c in CAPTION_CLASSES for c in classes)
            block = child.name in BLOCK_TAGS or caption
            if block:
                self.flush()
            if "wsite-multicol-table" in classes:
                self.column_blocks.append(self.b.offset)
            if child.name == "li":
                self.buf.append((BULLET, bold))
            child_bold = bold or child.name in BOLD_TAGS or re.search(
                r"font-weight:\s*(?:bold|[6-9]00)", child.get("style") or "") is not None
            start = self.b.offset
            self.walk(child, child_bold)
            if block:
                self.flush()
                if child.name in HEADING_TAGS and self.b.offset > start:
                    self.headings.append([start, self.b.offset - 1])
                if caption and self.b.offset > start:
                    self.captions.append([start, self.b.offset - 1])
                if "blog-date" in classes and self.b.offset > start and self.post_header is None:
                    self.post_header = [start, self.b.offset - 1]
                if child.name in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "dl") or \
                        "paragraph" in (child.get("class") or []):
                    self.b.break_paragraph()

    def data_table(self, table: Tag) -> None:
        grid = html_table(table)
        if not grid:
            return
        grid.start = self.b.offset
        self.tables.append(grid)
        for row in grid.rows:
            self.b.add(" | ".join(row))
        grid.end = self.b.offset - 1
        self.b.break_paragraph()


# --------------------------------------------------------------------------
# Text rendering
# --------------------------------------------------------------------------


def is_text_rendering(raw: str) -> bool:
    """True for the text rendering of a Weebly page: Weebly's footer on a line of its own."""
    return any(FOOTER_LINE_RE.search(clean_line(line)) for line in raw.split("\n"))


def parse_text_rendering(raw: str, source: str) -> ParsedDocument:
    lines = raw.split("\n")
    blocks = menu_blocks(lines)
    drop: set[int] = set()
    for start, end in blocks:
        drop.update(range(start, end))
    site = None
    if len(blocks) >= 2:
        # A single line between two menu copies is the site name in the header.
        between = [i for i in range(blocks[0][1], blocks[1][0]) if clean_line(lines[i])]
        if len(between) == 1:
            site = clean_line(lines[between[0]])
            drop.add(between[0])
    footer = [i for i, line in enumerate(lines) if FOOTER_LINE_RE.search(clean_line(line))]
    if footer:
        if footer[-1] > 0 and FOOTER_HEAD_RE.match(clean_line(lines[footer[-1] - 1])):
            drop.add(footer[-1] - 1)
        tail = [i for i in range(footer[-1] + 1, len(lines))
                if i not in drop and clean_line(lines[i]) and not FOOTER_TAIL_RE.match(clean_line(lines[i]))]
        if not tail:
            drop.update(range(footer[-1], len(lines)))
        else:
            drop.add(footer[-1])
            if footer[-1] + 1 < len(lines) and FOOTER_TAIL_RE.match(clean_line(lines[footer[-1] + 1])):
                drop.add(footer[-1] + 1)
    b = TextBuilder()
    heading = None
    headings: list[list[int]] = []
    for i, line in enumerate(lines):
        if i in drop or clean_line(line) == IMAGE_PLACEHOLDER:
            continue
        added = b.add(decode_leftover_entities(line))
        if heading is None and added is not None and added.text:
            heading = added.text
            headings.append([added.start, added.end])
    if not b.text.strip():
        raise DocumentError("empty_file", "The Weebly page has no content text once its menus and footer are removed.")
    menu = menu_tree(lines, blocks[0]) if blocks else []
    return ParsedDocument(
        source=source, format="txt", text=b.text, raw_text=raw, lines=b.lines, flavor="weebly",
        meta={"weebly": {"title": heading, "site_name": site, "nav_path": None,
                         "menu_match_path": tree_nav_path(menu, heading), "headings": headings}},
    )


def menu_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Every copy of the site menu: the run of bullet lines the rendering opens with, wherever it repeats."""
    end = 0
    while end < len(lines) and BULLET_RE.match(lines[end]):
        end += 1
    if end < 3:
        return []
    menu = [clean_line(line) for line in lines[:end]]
    blocks = [(0, end)]
    i = end
    while i <= len(lines) - end:
        if [clean_line(line) for line in lines[i:i + end]] == menu:
            blocks.append((i, i + end))
            i += end
        else:
            i += 1
    return blocks


def menu_tree(lines: list[str], block: tuple[int, int]) -> list[tuple[int, str]]:
    """The menu as (depth, label) pairs in order, depth from the bullet's indentation.

    When the copy's first item is the only one that far left, it lost its indentation
    (a Weebly menu has several top items): it is placed with the leftmost of the others.
    """
    found = [BULLET_RE.match(line) for line in lines[block[0]:block[1]]]
    widths = [len(m.group(1).expandtabs(4)) for m in found]
    if len(widths) > 1 and widths[0] < min(widths[1:]):
        widths[0] = min(widths[1:])
    items = []
    indents: list[int] = []
    for m, indent in zip(found, widths):
        while indents and indents[-1] > indent:
            indents.pop()
        if not indents or indents[-1] < indent:
            indents.append(indent)
        items.append((len(indents) - 1, clean_line(MENU_ARROW_RE.sub("", m.group(2)))))
    return items


def tree_nav_path(menu: list[tuple[int, str]], heading: str | None) -> list[str] | None:
    """The parents of the menu item labelled like the page heading; None when no item is."""
    if not heading:
        return None
    for k, (depth, label) in enumerate(menu):
        if label.casefold() == heading.casefold():
            parents, want = [], depth - 1
            for d, lab in reversed(menu[:k]):
                if d == want:
                    parents.append(lab)
                    want -= 1
            return list(reversed(parents))
    return None
