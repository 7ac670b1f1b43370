"""Emails (.eml): headers, the reply and the thread it quotes, attachments.

The text starts with the message's From/To/Cc/Date/Subject lines, then the
body (text/plain preferred, else the HTML part as text; charsets as
`decode_text` reads them). Replies usually quote the earlier messages below
them, either with ">" prefixes or under an "On ... wrote:" / "-----Original
Message-----" / forward / Outlook "From: ... Sent: ..." block; the body is cut
there into messages (newest first, as written), each recorded in
`meta["messages"]` in the shape the WhatDoTheyKnow parser uses, its letter
(`body_start`/`body_end`) below its separator and header block, its direction
from its sender and words (`message_directions`). Quote markers are dropped
from the text (kept in `raw_text`).
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
from ..normalise.authorities import canonical_authority
from .lines import TextBuilder

HEADERS = ("From", "To", "Cc", "Date", "Subject")
_QUOTE_PREFIX_RE = re.compile(r"^(?:\s*>)+ ?")
# Where a quoted earlier message starts: a mail client's separator or attribution line ("On 3 May, Jo
# <jo@x.org> wrote:", "Jo Bloggs <jo@x.org> wrote:"). The WhatDoTheyKnow parser cuts messages here too.
QUOTE_START_RE = re.compile(
    r"^\s*(?:-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}|_{10,}|Begin forwarded message:|"
    r"On\b.{5,150}\b(?:wrote|a écrit)\s*:?|[^<>]{2,80}<[^<>@\s]+@[^<>\s]+>\s*wrote:)\s*$",
    re.I,
)
# An Outlook header block; HTML mail rendered as text marks its labels "*From:*".
_OUTLOOK_FROM_RE = re.compile(r"^\s*\*?From\s*:\*?\s*(?P<author>\S.*)$", re.I)
_QUOTED_HEADER_RE = re.compile(r"^\s*\*?(?P<label>Sent|Date|To|Cc|Subject)\s*:\*?\s*(?P<value>.*)$", re.I)
# Where the next label of a header block run onto one line starts ("From: X Sent: ... To: ... Subject: ...").
_INLINE_LABEL_RE = re.compile(r"\s(?=\*?(?:Sent|Date|To|Cc|Subject)\s*:)", re.I)
_ADDRESS_RE = re.compile(r"\[mailto:(?P<a>[^\]\s]+)\]|<(?P<b>[^<>\s]+@[^<>\s]+)>|(?P<c>\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
# Alaveteli's per-request address, from which a WhatDoTheyKnow user's messages come.
_REQUESTER_ADDRESS_RE = re.compile(r"^request-\d+-\w+@|@whatdotheyknow\.com$", re.I)
# Mail domains only public authorities use.
_PUBLIC_DOMAIN_RE = re.compile(
    r"\.(?:gov\.uk|nhs\.uk|nhs\.net|police\.uk|gov\.scot|gov\.wales|llyw\.cymru|parliament\.uk|mod\.uk)$", re.I
)
# Labels under which mail clients send Windows-1252, or UTF-8 by mistake.
_LATIN_LABELS = {"", "us-ascii", "ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "windows-1252", "cp1252"}
_WROTE_RE = re.compile(r"^\s*On (?P<date>.+?),? (?P<author>[^,]+?(?: <[^>]+>)?) wrote:?\s*$", re.I)
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
    content = decode_text(part.get_payload(decode=True) or b"", part.get_content_charset())
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


def decode_text(data: bytes, charset: str | None) -> str:
    """A text part's bytes as text, whatever its label claims.

    Mail labelled ASCII or Latin-1 is mostly Windows-1252 (Outlook's curly
    quotes and dashes), and sometimes UTF-8 mislabelled: bytes that are valid
    UTF-8 are read as UTF-8 (Windows-1252 text with accents almost never is),
    else as Windows-1252, Latin-1's superset. Other labels are trusted; an
    unknown one, or bytes the label cannot decode, fall back the same way.
    """
    label = (charset or "").lower()
    if label not in _LATIN_LABELS:
        try:
            return data.decode(label)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


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

    open_message(author, sent_at, subject)
    lines = body.split("\n")
    quoted_before = False
    has_content = False  # the current message has a line besides its separator and header block
    for i, line in enumerate(lines):
        quoted = bool(_QUOTE_PREFIX_RE.match(line))
        text = _QUOTE_PREFIX_RE.sub("", line)
        start_of_quote = QUOTE_START_RE.match(text) or (quoted and not quoted_before and text.strip())
        if (start_of_quote or is_outlook_header(lines, i)) and has_content:
            who, when, subj = quoted_header(lines, i)
            open_message(who, when, subj)
            has_content = False
        quoted_before = quoted
        b.add(text)
        if text.strip() and not (QUOTE_START_RE.match(text) or _OUTLOOK_FROM_RE.match(text) or _QUOTED_HEADER_RE.match(text)):
            has_content = True
        elif not has_content:  # a message's letter starts below its separator and header block
            messages[-1]["body_start"] = b.offset
    messages[-1]["end"] = messages[-1]["body_end"] = max(b.offset - 1, messages[-1]["body_start"])
    full = b.text
    directions = message_directions(
        [m["author"] for m in messages], [full[m["body_start"]:m["body_end"]] for m in messages]
    )
    for m, direction in zip(messages, directions):
        m["direction"] = direction
        m["author"] = author_name(m["author"])
    return messages


def is_outlook_header(lines: list[str], i: int, reach: int = 2) -> bool:
    """An Outlook "From:" line followed (within `reach` lines) by "Sent:/To:" lines, or with those labels
    on the same line."""
    text = _QUOTE_PREFIX_RE.sub("", lines[i])
    if not _OUTLOOK_FROM_RE.match(text):
        return False
    return len(_INLINE_LABEL_RE.findall(text)) >= 2 or any(
        _QUOTED_HEADER_RE.match(_QUOTE_PREFIX_RE.sub("", n)) for n in lines[i + 1:i + 1 + reach]
    )


def message_directions(authors: list[str | None], bodies: list[str]) -> list[str]:
    """Each message's direction: `request` (from the requester) or `response` (from the authority).

    What a message's sender address says comes first (a WhatDoTheyKnow
    request address; an authority's domain), then what its words say ("I would
    like to request"); a sender seen before keeps the direction found for them;
    and where only two people write, the one not yet placed is the other side.
    The rest default to `response`.
    """
    people = [author_parts(a) for a in authors]
    found = [address_direction(address) or ("request" if _REQUEST_RE.search(body) else None)
             for (_, address), body in zip(people, bodies)]
    for i, person in enumerate(people):
        if found[i] is None:
            found[i] = next((found[j] for j, other in enumerate(people) if found[j] and same_person(person, other)), None)
    parties: list[tuple[str | None, str | None]] = []
    for person in people:
        if any(person) and not any(same_person(person, p) for p in parties):
            parties.append(person)
    if len(parties) == 2:
        for i, person in enumerate(people):
            if found[i] is None and any(person):
                other = [found[j] for j, p in enumerate(people) if found[j] and not same_person(person, p)]
                found[i] = ({"request": "response", "response": "request"}[other[0]]) if other else None
    return [d or "response" for d in found]


def address_direction(address: str | None) -> str | None:
    if not address:
        return None
    if _REQUESTER_ADDRESS_RE.search(address):
        return "request"
    if _PUBLIC_DOMAIN_RE.search(address) or canonical_authority(address):
        return "response"
    return None


def same_person(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    (name_a, address_a), (name_b, address_b) = a, b
    return bool(address_a and address_a == address_b) or bool(name_a and name_b and name_a.lower() == name_b.lower())


def quotes_a_thread(text: str) -> bool:
    """True when pasted text holds an earlier message under a separator or an Outlook header block."""
    lines = text.split("\n")
    return any(QUOTE_START_RE.match(_QUOTE_PREFIX_RE.sub("", line)) or is_outlook_header(lines, i)
               for i, line in enumerate(lines))


def quoted_header(lines: list[str], i: int) -> tuple[str | None, str | None, str | None]:
    """The author, date and subject of a quoted message from its separator or header block."""
    who = when = subj = None
    for line in lines[i:i + 8]:
        text = _QUOTE_PREFIX_RE.sub("", line)
        m = _WROTE_RE.match(text)
        if m:
            return m.group("author"), parse_date(m.group("date")), None
        for field in _INLINE_LABEL_RE.split(text):
            m = _OUTLOOK_FROM_RE.match(field)
            if m and who is None:
                who = m.group("author")
                continue
            m = _QUOTED_HEADER_RE.match(field)
            if m and m.group("label").lower() in ("sent", "date"):
                when = when or parse_date(m.group("value"))
            elif m and m.group("label").lower() == "subject":
                subj = subj or clean_line(m.group("value")) or None
    return who, when, subj


def author_name(value: str | None) -> str | None:
    """The display name of a sender ("Jane Doe <jane@x.org>", "Jane Doe [mailto:jane@x.org]" -> "Jane Doe"),
    else the address."""
    name, address = author_parts(value)
    return name or address


def author_parts(value: str | None) -> tuple[str | None, str | None]:
    """(display name, lower-cased address) of a sender as a header or a quoted header writes it."""
    if not value:
        return None, None
    m = _ADDRESS_RE.search(value)
    if m is None:  # a bare name: no address to parse ("FOI Team", "Bloggs, Jo")
        return clean_line(value).strip(" \"'") or None, None
    address = next(g for g in m.groups() if g).lower()
    if m.group("a") is None:  # standard forms ("Name" <addr>, addr (Name)) as the email package reads them
        pairs = getaddresses([value])
        name = pairs[0][0] if pairs and pairs[0][1] else ""
    else:
        name = value[:m.start()]
    return clean_line(name).strip(" \"',") or None, address
