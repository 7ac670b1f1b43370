"""Emails (.eml): headers, the reply and the thread it quotes, attachments.

The text starts with the message's From/To/Cc/Date/Subject lines, then the
body (text/plain preferred, else the HTML part as text). Replies usually quote
the earlier messages below them, either with ">" prefixes or under an
"On ... wrote:" / "-----Original Message-----" / Outlook "From: ... Sent: ..."
block; the body is cut there into messages (newest first, as written), each
recorded in `meta["messages"]` in the shape the WhatDoTheyKnow parser uses.
Quote markers are dropped from the text (kept in `raw_text`).
"""
from __future__ import annotations

import re
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from ..errors import DocumentError
from ..model import ParsedDocument
from ..normalise import clean_line, parse_date
from .lines import TextBuilder

HEADERS = ("From", "To", "Cc", "Date", "Subject")
_QUOTE_PREFIX_RE = re.compile(r"^(?:\s*>)+ ?")
# Where a quoted earlier message starts.
_SEPARATOR_RE = re.compile(
    r"^\s*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|_{10,}|"
    r"On .{6,120}(?:wrote|a écrit)\s*:?)\s*$",
    re.I,
)
_OUTLOOK_FROM_RE = re.compile(r"^\s*\*?From:\*?\s*(?P<author>.+)$", re.I)
_QUOTED_HEADER_RE = re.compile(r"^\s*\*?(?P<label>Sent|Date|To|Cc|Subject):\*?\s*(?P<value>.*)$", re.I)
_WROTE_RE = re.compile(r"^\s*On (?P<date>.+?),? (?P<author>[^,]+?) (?:<[^>]+> )?wrote:?\s*$", re.I)
_REQUEST_RE = re.compile(
    r"\b(?:I|we) (?:would like to|wish to|am writing to|want to) (?:request|ask|make (?:a|an) (?:FOI|freedom of information) request)\b|"
    r"\bunder the Freedom of Information Act,? (?:please|I)\b|\bplease (?:provide|send|supply) (?:me )?(?:with )?(?:the following|copies)\b",
    re.I,
)


def parse(path: Path, source: str) -> ParsedDocument:
    data = Path(path).read_bytes()
    try:
        msg = BytesParser(policy=policy.default).parsebytes(data)
    except Exception as e:  # the email package raises a variety of errors on broken headers
        raise DocumentError("corrupt_email", f"The email cannot be parsed ({type(e).__name__}: {e}).") from e
    headers = {name: header_text(msg, name) for name in HEADERS}
    sent_at = email_date(headers["Date"])
    body = body_text(msg)
    attachments = [attachment(part) for part in msg.iter_attachments()]
    if not body.strip() and not attachments and not any(headers.values()):
        raise DocumentError("empty_file", "The email has no headers, body or attachments.")

    b = TextBuilder()
    for name in HEADERS:
        if headers[name]:
            b.add(f"{name}: {headers[name]}")
    b.break_paragraph()
    messages = write_messages(body, b, author=headers["From"], sent_at=sent_at, subject=headers["Subject"])
    if attachments:
        b.break_paragraph()
        for a in attachments:
            b.add(f"Attachment: {a['name']}" + (f" ({a['size']})" if a["size"] else ""))
    if messages:
        messages[0]["attachments"] = attachments
        messages[0]["start"] = 0
    meta = {
        "email": {k.lower(): v for k, v in headers.items() if v} | ({"sent_at": sent_at} if sent_at else {}),
        "attachments": attachments,
        "messages": messages,
    }
    if headers["Subject"]:
        meta["title"] = headers["Subject"]
    raw = data.decode("utf-8", "replace")
    return ParsedDocument(source=source, format="eml", text=b.text, raw_text=raw, lines=b.lines, meta=meta)


def header_text(msg, name: str) -> str | None:
    try:
        value = msg.get(name)
    except Exception:  # a malformed header the policy cannot fold
        return None
    return clean_line(str(value)) or None if value is not None else None


def email_date(value: str | None) -> str | None:
    """A Date header as an ISO datetime (its own time zone kept), else whatever date it names."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        return parse_date(value)


def body_text(msg) -> str:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # unknown charset: decode the bytes as best we can
        content = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if part.get_content_type() == "text/html":
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(content, "html.parser")
        for tag in soup(["script", "style", "head"]):
            tag.decompose()
        for br in soup.find_all("br"):
            br.replace_with("\n")
        for block in soup.find_all(["p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"]):
            block.append("\n")
        content = soup.get_text()
    return content.replace("\r\n", "\n").replace("\r", "\n")


def attachment(part) -> dict:
    payload = part.get_payload(decode=True) or b""
    return {
        "name": part.get_filename() or "(unnamed)",
        "url": None,
        "html_url": None,
        "size": human_size(len(payload)),
        "content_type": part.get_content_type(),
    }


def human_size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def write_messages(body: str, b: TextBuilder, author: str | None, sent_at: str | None, subject: str | None) -> list[dict]:
    """Write the body; cut it into the reply and the messages it quotes, each a dict with offsets into the text."""
    messages: list[dict] = []

    def open_message(who, when, subj):
        if messages:
            messages[-1]["end"] = messages[-1]["body_end"] = max(b.offset - 1, messages[-1]["body_start"])
        messages.append({"author": who, "sent_at": when, "subject": subj, "start": b.offset,
                         "body_start": b.offset, "body_end": b.offset, "end": b.offset, "attachments": []})

    open_message(author_name(author), sent_at, subject)
    lines = body.split("\n")
    quoted_before = False
    has_content = False  # the current message has a line besides its separator and header block
    i = 0
    while i < len(lines):
        line = lines[i]
        quoted = bool(_QUOTE_PREFIX_RE.match(line))
        text = _QUOTE_PREFIX_RE.sub("", line)
        start_of_quote = _SEPARATOR_RE.match(text) or (quoted and not quoted_before and text.strip())
        outlook = _OUTLOOK_FROM_RE.match(text) and any(
            _QUOTED_HEADER_RE.match(_QUOTE_PREFIX_RE.sub("", n)) for n in lines[i + 1:i + 3]
        )
        if (start_of_quote or outlook) and has_content:
            who, when, subj = quoted_header(lines, i)
            open_message(who, when, subj)
            has_content = False
        elif text.strip() and not (_SEPARATOR_RE.match(text) or _OUTLOOK_FROM_RE.match(text)
                                   or _QUOTED_HEADER_RE.match(text)):
            has_content = True
        quoted_before = quoted
        b.add(text)
        i += 1
    messages[-1]["end"] = messages[-1]["body_end"] = max(b.offset - 1, messages[-1]["body_start"])
    full = b.text
    for m in messages:
        m["direction"] = "request" if _REQUEST_RE.search(full[m["body_start"]:m["body_end"]]) else "response"
    return messages


def quotes_a_thread(text: str) -> bool:
    """True when pasted text holds an earlier message under a separator or an Outlook header block."""
    lines = text.split("\n")
    return any(
        _SEPARATOR_RE.match(_QUOTE_PREFIX_RE.sub("", line)) or (
            _OUTLOOK_FROM_RE.match(_QUOTE_PREFIX_RE.sub("", line))
            and any(_QUOTED_HEADER_RE.match(_QUOTE_PREFIX_RE.sub("", n)) for n in lines[i + 1:i + 3]))
        for i, line in enumerate(lines)
    )


def quoted_header(lines: list[str], i: int) -> tuple[str | None, str | None, str | None]:
    """The author, date and subject of a quoted message from its separator or header block."""
    who = when = subj = None
    for line in lines[i:i + 8]:
        text = _QUOTE_PREFIX_RE.sub("", line)
        m = _WROTE_RE.match(text)
        if m:
            return author_name(m.group("author")), parse_date(m.group("date")), None
        m = _OUTLOOK_FROM_RE.match(text)
        if m and who is None:
            who = author_name(m.group("author"))
            continue
        m = _QUOTED_HEADER_RE.match(text)
        if m and m.group("label").lower() in ("sent", "date"):
            when = parse_date(m.group("value"))
        elif m and m.group("label").lower() == "subject":
            subj = clean_line(m.group("value")) or None
    return who, when, subj


def author_name(value: str | None) -> str | None:
    """The display name of an address ("Jane Doe <jane@x.org>" -> "Jane Doe"), else the address."""
    if not value:
        return None
    pairs = getaddresses([value])
    name, addr = pairs[0] if pairs else ("", "")
    return clean_line(name or addr or value) or None
