"""A WhatDoTheyKnow (Alaveteli) request page: the correspondence thread, without the site around it.

The page lists the thread as `.correspondence` blocks, `outgoing` (from the
requester) or `incoming` (from the authority), each with its author, a
`<time datetime=...>`, the message body (`.correspondence_text`) and the
attachments list. The document's text is the request's title line, who asked
whom, the status sentence, then each message in order: a header line (author
and date), its body and its attachments. Menus, the sidebar, "Follow"/"Track"
boxes, annotations, resend events and footers are left out, and so are the
site's notices where an administrator hid or erased a message or attachment
(the hidden message itself stays, with its direction and no text), and what
a message's body carries that is not the author's letter: the "show quoted
sections" link, the earlier messages an email quotes, the list of URLs
("References / Visible links") an HTML email ends with, and the "NOTE: Please
do not edit the subject line" footers.

`doc.meta` holds the structured thread for the extractor: `title`,
`authority`, `requester`, `law` (as the page words it), `status_sentence`,
`status` (Alaveteli's state code), `request_url`, and `messages`: one dict per
message with its `id`, `direction`, `sent_at`, `date_text`, `author`, offsets
(`start`/`end` of the whole block, `body_start`/`body_end` of the letter) and
`attachments` (name, url, html_url, size, content_type).

An email's text may hold a table laid out with runs of spaces or tabs. The
text folds them to one space like every other document's; `meta["layout_text"]`
is the same text, line for line, with the runs inside the messages' lines
kept, for the table reader (`raw_text` stays the page's HTML).
"""
from __future__ import annotations

import copy
import mimetypes
import re
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from ..errors import DocumentError
from ..model import ParsedDocument, TableGrid
from ..normalise import clean_line, find_dates, one_line, parse_date
from .email import QUOTE_START_RE, is_outlook_header
from .html import write_blocks
from .lines import TextBuilder

SITE_URL = "https://www.whatdotheyknow.com/"  # base for relative links when the page does not say its own URL

# The footer WhatDoTheyKnow appends to the emails it sends (seen when an authority quotes the request).
_WDTK_FOOTER_RE = re.compile(r"^Please use this email address for all replies to this request\b", re.I)
_SUBJECT_NOTE_RE = re.compile(r"^NOTE:\s*Please do not edit the subject line\b", re.I)
# What the site says in place of a body an administrator erased.
_ERASED_RE = re.compile(r"^This message has been erased\.$", re.I)
_RULE_RE = re.compile(r"^[\-_=*~.]{4,}$")
# An HTML email rendered as text ends with the list of its links.
_LINK_LIST_RE = re.compile(r"^(?:Visible|Hidden) links$", re.I)
# A line of an HTML email's link markers ("[1]www.gov.uk/dclg | [2]Twitter | [3]Flickr |"), pointing into that list.
_LINK_MARKERS_RE = re.compile(r"^(?:\[\d+\]\S[^|\[]*(?:\|\s*)?)+$")
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?\s?[KMG]?B?)\b", re.I)
_ICON_TYPE_RE = re.compile(r"icon_([a-z]+)_([\w.+\-]+?)_large")
_LAW_RE = re.compile(r"made this (?P<law>.+?) request to\b", re.I)
# A run of spaces (or a tab) between words in an email's text: a column gap when the lines form a table.
_GAP_RE = re.compile(r"(?<=\S)(?:[ \u00a0]{2,}|[ \u00a0]*\t[ \t\u00a0]*)(?=\S)")
# Private-use characters standing for a gap's spaces and tabs while the HTML is turned into lines,
# which folds whitespace; a gap is put back in the layout text and folded to one space in the text.
_GAP_SPACE, _GAP_TAB = "\ue000", "\ue001"


def parse(soup: BeautifulSoup, html: str, source: str) -> ParsedDocument:
    request_url = page_url(soup)
    header = request_header(soup)
    status = soup.select_one("#request_status, .request-status-message")
    status_sentence = one_line(status.get_text(" ")) if status else None
    if status_sentence:
        status_sentence = re.sub(r"\s+([.,;:])", r"\1", status_sentence)

    b = TextBuilder()
    tables: list[TableGrid] = []
    for line in (header["title"], header["subtitle"], status_sentence):
        if line:
            b.add(line)
    messages = []
    layouts: dict[int, str] = {}
    for block in correspondence_blocks(soup):
        b.break_paragraph()
        messages.append(write_message(block, b, tables, request_url, layouts))

    if not b.text.strip():
        raise DocumentError("empty_file", "The WhatDoTheyKnow page has no request title and no correspondence.")
    return ParsedDocument(
        source=source, format="html", text=b.text, raw_text=html, lines=b.lines, tables=tables,
        flavor="wdtk_request",
        meta={
            "html_title": one_line(soup.title.get_text()) if soup.title else None,
            "title": header["title"],
            "request_title": header["title"],
            "authority": header["authority"],
            "requester": header["requester"],
            "law": header["law"],
            "status_sentence": status_sentence,
            "status": status_code(status),
            "request_url": request_url,
            "messages": messages,
            "attachments": [a for m in messages for a in m["attachments"]],
            "layout_text": layout_text(b.parts, layouts),
        },
    )


def page_url(soup: BeautifulSoup) -> str | None:
    """The request's own URL, as the saved page states it (canonical link, og:url, or a "Link to this" field)."""
    for tag, attr in (
        (soup.find("link", rel="canonical"), "href"),
        (soup.find("meta", property="og:url"), "content"),
        (soup.select_one(".correspondence input.cplink__field"), "value"),
    ):
        if tag is not None and tag.get(attr) and "/request/" in tag[attr]:
            return clean_url(tag[attr])
    return None


def clean_url(url: str) -> str:
    """The URL without query and fragment, as `foi fetch` records it (WDTK adds ?cookie_passthrough=1)."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, p.path, "", ""))


def request_header(soup: BeautifulSoup) -> dict:
    """Title, authority, requester and the law named in "X made this ... request to Y"."""
    h1 = first_match(soup, ".request-header h1", "#request_show h1", "#left_column h1")
    titled, titled_authority = html_title_parts(soup)
    title = one_line(h1.get_text(" ")) if h1 else titled
    sub = first_match(soup, ".request-header__subtitle", "#request_show p.subtitle")
    authority = requester = law = subtitle = None
    if sub is not None:
        body = sub.find("a", href=re.compile(r"/body/"))
        user = sub.find("a", href=re.compile(r"/user/"))
        authority = one_line(body.get_text(" ")) if body else None
        requester = one_line(user.get_text(" ")) if user else None
        m = _LAW_RE.search(one_line(sub.get_text(" ")) or "")
        law = m.group("law") if m else None
        if requester and law and authority:
            subtitle = f"{requester} made this {law} request to {authority}"
    return {"title": title, "authority": authority or titled_authority, "requester": requester, "law": law,
            "subtitle": subtitle}


def first_match(soup: BeautifulSoup, *selectors: str) -> Tag | None:
    """The first element matching the first selector that matches anything (selectors in order of preference)."""
    for selector in selectors:
        tag = soup.select_one(selector)
        if tag is not None:
            return tag
    return None


def html_title_parts(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """"PSL Schemes - a Freedom of Information request to X - WhatDoTheyKnow" -> ("PSL Schemes", "X")."""
    title = one_line(soup.title.get_text()) if soup.title else None
    m = re.match(r"(?P<title>.+?) - an? .{3,60}? request to (?P<authority>.+?)(?: - [^-]+)?$", title or "")
    return (m.group("title"), m.group("authority")) if m else (None, None)


def status_code(status: Tag | None) -> str | None:
    """Alaveteli's state code from the status box's class ("request-status-message--not_held" -> "not_held")."""
    if status is None:
        return None
    marked = [status, *status.find_all(True)]
    for tag in marked:
        for cls in tag.get("class") or []:
            m = re.match(r"(?:request-status-message--|icon_)(\w+)$", cls)
            if m:
                return m.group(1)
    return None


def correspondence_blocks(soup: BeautifulSoup) -> list[Tag]:
    """The thread's messages in page order: incoming and outgoing blocks.

    Annotations are not correspondence, and neither is a resend ("Sent request
    to X again"): Alaveteli shows it as an outgoing block holding only that
    event line, the letter itself being the earlier message. A message an
    administrator hid stays (its direction is known, its text is not).
    """
    return [
        tag for tag in soup.select(".correspondence")
        if {"incoming", "outgoing"} & set(tag.get("class") or [])
        and not tag.find_parent(class_="correspondence")
        and not is_resend(tag)
    ]


def is_resend(block: Tag) -> bool:
    return block.select_one(".correspondence_text") is None and block.select_one(".event_plain") is not None


def write_message(
    block: Tag, b: TextBuilder, tables: list[TableGrid], request_url: str | None, layouts: dict[int, str]
) -> dict:
    """Write one message (header line, letter, attachments) into `b`; return its structured form.

    Lines of the letter that had gaps between words are recorded in `layouts` (line start -> the line
    with its gaps)."""
    classes = set(block.get("class") or [])
    author, sent_at, date_text = message_header(block)
    base = request_url or SITE_URL

    start = b.offset
    b.add(" — ".join(x for x in (author, date_text) if x))
    body_start = b.offset
    body_end = body_start
    text_tag = block.select_one(".correspondence_text")
    if text_tag is not None:
        body = copy.copy(text_tag)
        for junk in body.select(".attachments, .unfold_link, .attachment, .hidden_attachment, .hidden_message"):
            junk.decompose()
        mark_gaps(body)
        scratch = TextBuilder()
        scratch_tables: list[TableGrid] = []
        write_blocks(body, scratch, scratch_tables)
        marked = scratch.parts
        scratch.parts = [clean_line(unmark(part, " ", " ")) for part in marked]
        body_end = write_letter(letter_lines(scratch.parts), scratch, scratch_tables, b, tables, marked, layouts)
    attachments = [attachment_record(item, base) for item in block.select(".attachments li, li.attachment, div.attachment, p.attachment")]
    attachments = [a for a in attachments if a["name"]]
    for a in attachments:
        size = f" ({a['size']})" if a["size"] else ""
        b.add(f"Attachment: {a['name']}{size}")
    return {
        "id": block.get("id"),
        "direction": "response" if "incoming" in classes else "request",
        "sent_at": sent_at,
        "date_text": date_text,
        "author": author,
        "start": start,
        "end": max(body_end, b.offset - 1),
        "body_start": body_start,
        "body_end": body_end,
        "attachments": attachments,
    }


def message_header(block: Tag) -> tuple[str | None, str | None, str | None]:
    """Author, sent date (ISO) and the date as shown, from a message's header.

    Current pages mark the author (`.correspondence__header__author`, earlier
    `.correspondence__header__from...`) and give a `<time datetime>`; older
    pages (before about 2016) have an `<h2>` of lines instead ("From: Jane
    Smith", the authority, "28 March 2013") and no `<time>`, so the author is
    the first line that is not the date and the date is read from the text.
    """
    header = first_match(block, ".correspondence__header") or block.find("h2", recursive=False)
    time = (header or block).find("time")
    if time is not None:  # (a <time> without its datetime attribute still shows the date)
        date_text = one_line(time.get_text(" "))
        sent_at = time.get("datetime") or parse_date(date_text)
    else:
        date_tag = block.select_one(".correspondence__header__date") or header
        dates = find_dates(one_line(date_tag.get_text(" ")) or "") if date_tag is not None else []
        sent_at = dates[0][0] if dates else None
        date_text = one_line(date_tag.get_text(" "))[dates[0][1]:dates[0][2]] if dates else None
    author_tag = first_match(block, ".correspondence__header__author", "[class*=correspondence__header__from]")
    if author_tag is not None:
        author_tag = copy.copy(author_tag)
        for date in author_tag.select(".correspondence__header__date, time"):
            date.decompose()
        author = one_line(author_tag.get_text(" "))
    elif header is not None and header.name == "h2":
        lines = [clean_line(t) for t in header.get_text("\n").split("\n")]
        lines = [re.sub(r"^From\s*:\s*", "", t, flags=re.I) for t in lines if t and not find_dates(t)]
        author = lines[0] if lines else None
    else:
        author = None
    return (author.rstrip(",") or None if author else None), sent_at, date_text


def letter_lines(parts: list[str]) -> list[int]:
    """Which of a message body's lines are the author's letter (indices into `parts`).

    Cut at the first quoted earlier message ("-----Original Message-----",
    "On ... wrote:" on one line or two, "Name <address> wrote:", "Begin
    forwarded message:", a "From:/Sent:/To:" header block, or such a block run
    onto one line), WhatDoTheyKnow's own email footer, or the "References /
    Visible links" list, unless nothing would be left before it; drop
    ">"-quoted lines, rules, lines of link markers, the subject-line notes and
    the site's note that a body was erased.
    """
    cut = len(parts)
    for i, text in enumerate(parts):
        if any(parts[:i]) and starts_quote(parts, i):
            cut = i
            break
    keep = [
        i for i in range(cut)
        if not any(p.match(parts[i]) for p in (_SUBJECT_NOTE_RE, _RULE_RE, _LINK_MARKERS_RE, _ERASED_RE)) and not parts[i].startswith(">")
    ]
    out: list[int] = []
    for i in keep:  # no blank line first, last or twice
        if parts[i] or (out and parts[out[-1]]):
            out.append(i)
    while out and not parts[out[-1]]:
        out.pop()
    return out


def starts_quote(parts: list[str], i: int) -> bool:
    text = parts[i]
    following = [p for p in parts[i + 1 : i + 6] if p][:3]
    if QUOTE_START_RE.match(text) or _WDTK_FOOTER_RE.match(text):
        return True
    # A mail client's "On <date>, <name> <address> wrote:" wrapped onto two lines.
    if text.startswith("On ") and i + 1 < len(parts) and QUOTE_START_RE.match(f"{text} {parts[i + 1]}"):
        return True
    if is_outlook_header([text] + following, 0, reach=3):
        return True
    if text.lower() == "references" and following:
        return bool(_LINK_LIST_RE.match(following[0]) or re.match(r"1\.\s+\S+://", following[0]))
    return bool(_LINK_LIST_RE.match(text))


def mark_gaps(body: Tag) -> None:
    """Put gap marks in place of the runs of spaces and tabs between words of `body`'s text (not in its
    HTML tables, which have cells of their own)."""
    for string in list(body.find_all(string=_GAP_RE)):
        if type(string) is NavigableString and string.find_parent("table") is None:
            marked = _GAP_RE.sub(lambda m: m.group().replace("\t", _GAP_TAB).replace(" ", _GAP_SPACE).replace("\u00a0", _GAP_SPACE), string)
            string.replace_with(NavigableString(marked))


def unmark(line: str, space: str, tab: str) -> str:
    return line.replace(_GAP_SPACE, space).replace(_GAP_TAB, tab)


def layout_text(parts: list[str], layouts: dict[int, str]) -> str:
    """The text's lines, each as `layouts` has it when it is there (see `write_message`)."""
    out, at = [], 0
    for part in parts:
        out.append(layouts.get(at, part))
        at += len(part) + 1
    return "\n".join(out).strip("\n")


def write_letter(
    keep: list[int], scratch: TextBuilder, scratch_tables: list[TableGrid], b: TextBuilder, tables: list[TableGrid],
    marked: list[str], layouts: dict[int, str],
) -> int:
    """Copy the kept lines of a message body into `b` (with the tables they hold); return where the body ends.

    `marked` are the body's lines with their gap marks; those that have some go into `layouts`."""
    offsets, at = [], 0
    for text in marked:  # the scratch builder's offsets, which count the marks
        offsets.append(at)
        at += len(text) + 1
    moved: dict[int, int] = {}
    end = b.offset
    for i in keep:
        line = b.add(scratch.parts[i])
        if line is not None:
            moved[offsets[i]] = line.start
            if marked[i] != scratch.parts[i] and (_GAP_SPACE in marked[i] or _GAP_TAB in marked[i]):
                layouts[line.start] = unmark(marked[i], " ", "\t").strip()
            if line.text:
                end = line.end
    for grid in scratch_tables:
        if grid.start in moved:
            grid.start = moved[grid.start]
            tables.append(grid)
    return end


def attachment_record(item: Tag, base: str) -> dict:
    """Name, download URL, "View as HTML" URL, size and content type of one attachment in the list."""
    name_tag = item.select_one(".attachment__name, .attachment_name") or item.find("strong")
    name = one_line(name_tag.get_text(" ")) if name_tag else None
    url = html_url = None
    for a in item.find_all("a", href=True):
        href = a["href"]
        if "/attach/html/" in href:
            html_url = html_url or clean_url(urljoin(base, href))
        elif "/attach/" in href:
            url = url or clean_url(urljoin(base, href))
    if not name and url:
        name = urlsplit(url).path.rsplit("/", 1)[-1] or None
    meta = item.select_one(".attachment__meta")
    meta_text = clean_line(meta.get_text(" ")) if meta else clean_line(item.get_text(" ")).replace(name or "", "", 1)
    size = _SIZE_RE.match(meta_text)
    return {
        "name": name,
        "url": url,
        "html_url": html_url,
        "size": size.group(1) if size else None,
        "content_type": content_type(item, name),
    }


def content_type(item: Tag, name: str | None) -> str | None:
    """The MIME type Alaveteli's icon names ("icon_application_pdf_large"), else the one the file name suggests."""
    icon = item.find("img", src=_ICON_TYPE_RE)
    if icon is not None:
        m = _ICON_TYPE_RE.search(icon["src"])
        return f"{m.group(1)}/{m.group(2)}"
    return mimetypes.guess_type(name or "")[0]
