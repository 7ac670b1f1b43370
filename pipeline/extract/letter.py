"""A letter's metadata: title, authority, case reference, dates, legislation, header fields.

Works on any ParsedDocument (PDF letter, attachment page, Word letter, text).
The letterhead is the part before the salutation ("Dear ..."); most of what
we want sits there or in the first paragraphs.
"""
from __future__ import annotations

import re

from ..model import DocumentInfo, FieldPair, ParsedDocument
from ..normalise import canonical_legislation, find_dates, one_line, parse_date
from ..normalise.authorities import find_authority

HEAD_CHARS = 4000  # how far into a letter its header can reach

_SALUTATION_RE = re.compile(r"^\s*Dear\b", re.I | re.M)
_WDTK_TITLE_RE = re.compile(
    r"This is an HTML version of an attachment to the (?:Freedom of Information|Environmental Information) request\s+['‘’\"“](.+?)['’\"”]\.?\s*$",
    re.M,
)

# A case reference: tokens that are short capitalised codes or contain a digit
# ("FOI 86420", "DPT 21/22/003", "21 FOI 124", "FOI006/2021", "200612017").
_REF_TOKEN = r"(?:[A-Z]{0,6}\d[\w/\-.]*|[A-Z]{2,6}(?=[\s\d/\-.]))"  # "RF353950" whole, before "RF" alone
REF_VALUE = rf"{_REF_TOKEN}(?:[ /\-]{_REF_TOKEN})*"
# Labels are matched case-blind, values case-sensitively (codes are capitalised, words after them are not).
_REF_LABEL_RE = re.compile(
    rf"\b(?i:(?:Our|Your)?\s*(?:Ref(?:erence)?(?:\s*(?:Number|No\.?|Nos?|ID))?|(?:Case|Request)\s*(?:Number|No\.?|ID)))\s*[:.]?\s*[-–]?\s*(?P<ref>{REF_VALUE})"
)
_REF_REQUEST_RE = re.compile(
    rf"\b(?i:(?:FOIA?|EIR|Freedom\s+of\s+Information(?:\s+Act)?(?:\s+\(FOIA\))?|Information)\s+Request\s*(?:No\.?|Number)?)\s*(?:[–\-:]|(?=[A-Z]{{0,6}}\d+[/\-]\d))\s*(?P<ref>{REF_VALUE})"
)
_REF_INLINE_RE = re.compile(r"\b(?P<ref>(?:FOI|EIR|FOISA|RFI|DPA|SAR)[ -]?\d[\w/\-]*(?: \d[\w/\-]*)?)")

_REQUEST_DATE_RE = re.compile(
    r"(?:your|the)\s+(?:original\s+)?(?:(?:FOIA?|EIR|Freedom\s+of\s+Information|(?:environmental\s+)?information)\s+)?"
    r"(?:request|e-?mail|letter|application)(?:\s+for information)?"
    r"(?:,)?\s+(?:which we\s+)?(?:dated|of|received|made|sent|submitted|was received)(?:\s+on|\s+by us on)?\s+(?P<date>[^.;\n]{6,40})",
    re.I,
)
# The request's date told the other way round: "We received your request on ...", "On 3 March 2023 you asked ...".
_REQUEST_DATE_BEFORE_RE = re.compile(
    r"\bwe\s+received\s+your\s+(?:[\w-]+\s+){0,4}?(?:request|e-?mail|letter|application)\s+(?:on\s+)?(?P<date>[^.;\n]{6,40})|"
    r"\bOn\s+(?P<date2>[^,.;\n]{6,30}?),?\s+you\s+(?:asked|requested|wrote|made|submitted|sent|contacted|emailed)\b",
    re.I,
)
_DATE_LABEL_RE = re.compile(
    r"^\s*(?:(?P<kind>Date (?:of )?(?:request|received|response|reply|sent)|Date request received|Request(?:ed)? date|"
    r"Request received|Received|Response date)|Date)\s*[:.]?\s*(?P<date>.+)$",
    re.I,
)
_TITLE_LINE_RE = re.compile(r"^(?:Re|Subject|RE)\s*[:\-–]\s*(?P<title>.+)$")
# A heading over a part of the letter ("Your request", "Our response"), not the letter's subject.
_SECTION_HEADING_RE = re.compile(r"^(?:your|our|the)?\s*(?:request|response|reply|decision|answer)s?\s*:?$", re.I)
_TEAM_RE = re.compile(r"\b(?:Office|Team|Unit|Officer|Manager|Lead|Co-?ordinator|Department|Directorate)\s*$", re.I)
_TITLE_HINT_RE = re.compile(r"Freedom of Information|\bFOI\b|\bEIR\b|Request(?!er)|Response|Environmental Information", re.I)
_FIELD_LABEL = (
    r"(?:Our|Your)\s+ref(?:erence)?|Ref(?:erence)?(?:\s+(?:Number|No\.?))?|Date(?: of [a-z]+)?|Category|Request(?:ed)? date|"
    r"Date received|Response date|Case (?:number|reference)|Subject|Directorate|Department|Team"
)
_FIELD_RE = re.compile(rf"^(?P<label>{_FIELD_LABEL})\s*[:]\s*(?P<value>\S.*)$", re.I)
_LABEL_ALONE_RE = re.compile(rf"^(?P<label>{_FIELD_LABEL})\s*:\s*$", re.I)
# A reference field sharing its line with a heading: "FREEDOM OF INFORMATION REQUEST Ref: DPT 21/22/003".
_INLINE_REF_FIELD_RE = re.compile(rf"\s(?P<label>(?i:(?:Our|Your)\s+ref(?:erence)?|Ref(?:erence)?(?:\s+(?:Number|No\.?))?))\s*:\s*(?P<value>{REF_VALUE})")


def letter_head(doc: ParsedDocument) -> str:
    text = doc.text[:HEAD_CHARS]
    m = _SALUTATION_RE.search(text)
    return text[: m.start()] if m and m.start() > 0 else text[:1500]


def find_references(doc: ParsedDocument) -> list[str]:
    """The authority's case references, in order of appearance, without repeats."""
    # A label may end its line with the value on the next, but a value never runs on
    # past its line ("Our ref: 21 FOI 124" / "30th April, 2021").
    head = re.sub(r"[ \t]*\n[ \t]*", "\n", doc.text[:HEAD_CHARS])
    refs: list[str] = []
    for pattern in (_REF_LABEL_RE, _REF_REQUEST_RE, _REF_INLINE_RE):
        for m in pattern.finditer(head):
            ref = m.group("ref").strip(" .-–/")
            # "Request number 2" is a question, not a case: a reference has more than two digits' worth.
            if re.search(r"\d", ref) and not re.fullmatch(r"\d{1,2}", ref) and not is_date_or_phone(ref) and ref not in refs:
                refs.append(ref)
    # "FOI 86420" and "86420" are the same reference: keep the longer.
    return [r for r in refs if not any(r != o and r in o for o in refs)]


def is_date_or_phone(ref: str) -> bool:
    return bool(parse_date(ref)) or bool(re.fullmatch(r"0\d{3,4}[ \d]{6,8}", ref))


def find_title(doc: ParsedDocument) -> str | None:
    if doc.meta.get("request_title"):
        return doc.meta["request_title"]
    m = _WDTK_TITLE_RE.search(doc.text[:1000])
    if m:
        return one_line(m.group(1))
    head_lines = [l.text for l in doc.lines[:60] if l.start < HEAD_CHARS]
    for text in head_lines:
        m = _TITLE_LINE_RE.match(text)
        if m:
            return one_line(m.group("title"))
    # A subject line stands above the salutation or just below it, never down in the body
    # ("How many interpreting requests were not" wrapped in a table is no title).
    dear = next((i for i, text in enumerate(head_lines) if _SALUTATION_RE.match(text)), None)
    if dear is not None:
        head_lines = head_lines[: dear + 3]
    candidates = [
        # Drop a reference field sharing the line: "FREEDOM OF INFORMATION REQUEST Ref: DPT 21/22/003".
        re.split(r"\s+(?:Our\s+|Your\s+)?Ref(?:erence)?\b", text, flags=re.I)[0]
        for text in head_lines
        if len(text) <= 90 and not _FIELD_RE.match(text) and not text.rstrip().endswith((".", ":", ","))
        and "@" not in text and _TITLE_HINT_RE.search(text) and not _SECTION_HEADING_RE.match(text)
        and not re.fullmatch(REF_VALUE, text.strip())  # a reference printed beside its label: "FOI/012345/23"
        and not _TEAM_RE.search(text)  # the sender: "Freedom of Information Office"
        and not text[:1].islower()  # a wrapped sentence: "section 43(2) of the Freedom of Information Act"
        and not _SALUTATION_RE.match(text)
    ]
    candidates = [text for text in candidates if len(text.split()) >= 2]  # "FOI" left of "FOI Reference: 78901"
    # A heading in capitals ("FREEDOM OF INFORMATION ACT 2000") beats a short mixed-case line.
    for text in candidates:
        if text.isupper():
            return one_line(text)
    for text in candidates:
        if len(text.split()) <= 12:
            return one_line(text)
    return doc.meta.get("html_title")


_REQUEST_SENTENCE_RE = re.compile(r"\b(?:your|the)\s+(?:original\s+)?(?:request|e-?mail|letter|application)\b", re.I)
_RECEIVED_RE = re.compile(r"\b(?:received|dated|submitted|sent|made)\b", re.I)


def request_date_in_a_sentence(text: str) -> str | None:
    """The first date after "received"/"dated"/... in a sentence about the request, however far apart:
    "your request for information, made under the Act, which was received by the Trust on 8th April, 2021"."""
    for sentence in re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", text):
        request = _REQUEST_SENTENCE_RE.search(sentence)
        verb = request and _RECEIVED_RE.search(sentence, request.end())
        if verb:
            dates = find_dates(sentence[verb.end():])
            if dates:
                return dates[0][0]
    return None


def find_dates_of(doc: ParsedDocument) -> tuple[str | None, str | None]:
    """(request_date, response_date): the request's date as the letter quotes it; the letter's own date."""
    text = doc.text[:HEAD_CHARS * 2]
    request_date = None
    flat = re.sub(r"\s*\n\s*", " ", text)
    for m in _REQUEST_DATE_RE.finditer(flat):
        request_date = parse_date(m.group("date"))
        if request_date:
            break
    if request_date is None:
        request_date = request_date_in_a_sentence(flat)
    if request_date is None:
        m = _REQUEST_DATE_BEFORE_RE.search(flat)
        request_date = m and parse_date(m.group("date") or m.group("date2"))
    response_date = None
    head = letter_head(doc)
    for line in head.split("\n"):
        m = _DATE_LABEL_RE.match(line)
        if m:
            iso = parse_date(m.group("date"))
            kind = (m.group("kind") or "").lower()
            if iso and ("request" in kind or "received" in kind):
                request_date = request_date or iso
                continue
            if iso:
                response_date = response_date or iso
                continue
        dates = find_dates(line)
        # A date standing alone on a line (or at its edge, beside a letterhead column) is the letter's date.
        if dates and not response_date:
            iso, start, end = dates[0]
            rest = (line[:start] + line[end:]).strip()
            if not rest or start == 0 or end == len(line):
                if len(rest) < 60 and not re.search(r"request|dated|received", rest, re.I):
                    response_date = iso
    return request_date, response_date


def find_legislation(doc: ParsedDocument) -> str | None:
    """The regime the request was handled under: an explicit 'handled under' phrase, else the first one named."""
    text = doc.text
    m = re.search(r"(?:handled|dealt with|considered|processed|responded to)\s+(?:your request\s+)?under\s+(?:the\s+)?([^.\n]{3,80})", text, re.I)
    if m and canonical_legislation(m.group(1)):
        return canonical_legislation(m.group(1))
    first = None
    for name, pattern in _legislation_patterns():
        hit = pattern.search(text)
        if hit and (first is None or hit.start() < first[1]):
            first = (name, hit.start())
    return first[0] if first else None


def _legislation_patterns():
    from ..normalise.legislation import LEGISLATION_PATTERNS

    return LEGISLATION_PATTERNS


def find_authority_name(doc: ParsedDocument) -> str | None:
    """The canonical name of the authority the letter comes from (see `normalise.authorities`)."""
    return find_authority(doc.text)


def letter_info(doc: ParsedDocument, kind: str) -> DocumentInfo:
    refs = find_references(doc) if kind == "foi_response" else []
    request_date, response_date = find_dates_of(doc) if kind == "foi_response" else (None, None)
    title = find_title(doc)
    return DocumentInfo(
        kind=kind,
        title=title,
        authority=find_authority_name(doc) if kind == "foi_response" else None,
        reference="; ".join(refs) or None,
        request_title=doc.meta.get("request_title") or (title if kind == "foi_response" and names_a_request(title) else None),
        request_date=request_date,
        response_date=response_date,
        legislation=find_legislation(doc) if kind == "foi_response" else None,
    )


_GENERIC_TITLE_RE = re.compile(
    r"^(?:re:?\s*)?(?:your\s+)?(?:freedom\s+of\s+information|foi|environmental\s+information|request\s+for\s+information|"
    r"information\s+request|act|regulations|request|response|reply|\d{4}|\(foia?\)|and|the|under|[\s,:–-])*$",
    re.I,
)


def names_a_request(title: str | None) -> bool:
    """True when a response's title says what was asked ("Healthy Identity Intervention Programme Query"),
    not just which law it was asked under ("FREEDOM OF INFORMATION ACT 2000")."""
    return bool(title) and not _GENERIC_TITLE_RE.match(title)


def letter_fields(doc: ParsedDocument) -> list[FieldPair]:
    """'Label: value' pairs of a letter's header ("Our ref: FOI 100455", "Category: ...")."""
    out: list[FieldPair] = []
    lines = [l.text for l in doc.lines[:80] if l.start <= HEAD_CHARS]
    for i, text in enumerate(lines):
        # A label alone on its line takes the next line as its value ("Ref:" / "DPT 21/22/003"),
        # as text extraction gives a label and value printed in two columns.
        alone = _LABEL_ALONE_RE.match(text)
        if alone and i + 1 < len(lines) and not _FIELD_RE.match(lines[i + 1]) and not _LABEL_ALONE_RE.match(lines[i + 1]):
            text = f"{alone.group('label')}: {lines[i + 1]}"
        m = _FIELD_RE.match(text) or _INLINE_REF_FIELD_RE.search(text)
        if m:
            value = m.group("value").strip()
            label = one_line(m.group("label"))
            if re.match(r"ref", label, re.I):
                ref = re.match(REF_VALUE, value)
                value = ref.group(0) if ref else value
            out.append(FieldPair(seq=len(out), label=label, value=value))
    return out
