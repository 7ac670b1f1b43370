"""A letter's metadata: title, authority, case reference, dates, legislation, header fields.

Works on any ParsedDocument (PDF letter, attachment page, Word letter, text).
The letterhead is the part before the salutation ("Dear ..."); most of what
we want sits there or in the first paragraphs.
"""
from __future__ import annotations

import re

from ..model import DocumentInfo, FieldPair, ParsedDocument
from ..normalise import DATE_RE, canonical_legislation, find_dates, one_line, parse_date
from ..normalise.authorities import find_authority
from ..normalise.legislation import LegislationMention, legislation_mentions

HEAD_CHARS = 4000  # how far into a letter its header can reach

# "Dear ...", or in a bilingual letter "Annwyl / Dear ...".
_SALUTATION_RE = re.compile(r"^\s*(?:[^\W\d_]+\s*/\s*)?Dear\b", re.I | re.M)
_SIGN_OFF_RE = re.compile(r"^\s*(?:Yours\s+(?:sincerely|faithfully|truly)|(?:With\s+)?(?:Kind|Best|Warm)\s+regards|Regards|Best\s+wishes)\b", re.I | re.M)
_WDTK_TITLE_RE = re.compile(
    r"This is an HTML version of an attachment to the (?:Freedom of Information|Environmental Information) request\s+['‘’\"“](.+?)['’\"”]\.?\s*$",
    re.M,
)

# --------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------

# A case reference: tokens that are short capitalised codes or contain a digit
# ("FOI 86420", "DPT 21/22/003", "21 FOI 124", "FOI006/2021", "200612017").
# A code in mixed case ("RhG 24-0318", "FoI24/118") counts only with a capital after its first letter and
# digits after it, so a word ("Highways 2024", "McDonald 24") never starts a reference.
_REF_TOKEN = (
    r"(?:[A-Z]{0,6}\d[\w/\-.]*|[A-Z]{2,6}(?=[\s\d/\-.])"  # "RF353950" whole, before "RF" alone
    r"|[A-Z][a-z]?[A-Z][A-Za-z]{0,3}(?:\d[\w/\-.]*|(?=[ /\-.]\d)))"
)
REF_VALUE = rf"{_REF_TOKEN}(?:[ /\-]{_REF_TOKEN})*"
# Labels are matched case-blind, values case-sensitively (codes are capitalised, words after them are not).
_REF_LABEL_RE = re.compile(
    rf"\b(?i:(?:Our\s*)?(?:Ref(?:erence)?(?:\s*(?:Number|No\.?|Nos?|ID))?|(?:Case|Request)\s*(?:Number|No\.?|ID)|CRM(?:\s*(?:Number|No\.?|ID))?))"
    # "Reference number: IR412907", or in a sentence: "Your reference number is IR412907"
    rf"\s*[:.]?\s*[-–]?\s*(?i:(?:is|will\s+be|has\s+been\s+(?:logged|recorded)\s+(?:as|under))\s+)?(?P<ref>{REF_VALUE})"
)
# The requester's own reference, which the authority quotes back: never the authority's case reference
# while the letter gives one of its own.
_YOUR_REF_RE = re.compile(rf"\b(?i:Your\s+ref(?:erence)?(?:\s*(?:Number|No\.?))?)\s*[:.]?\s*[-–]?\s*(?P<ref>{REF_VALUE})")
_REF_REQUEST_RE = re.compile(
    rf"\b(?i:(?:FOIA?|EIR|Freedom\s+of\s+Information(?:\s+Act)?(?:\s+\(FOIA\))?|Information)\s+Request\s*(?:No\.?|Number)?)\s*(?:[–\-:]|(?=[A-Z]{{0,6}}\d+[/\-]\d))\s*(?P<ref>{REF_VALUE})"
)
# Codes that say what they are: "FOI 2020/12345", "EIR-12345", "IR 2020-01" (an internal review: "IR35" is a tax rule).
_REF_INLINE_RE = re.compile(r"\b(?P<ref>(?:(?:FOI|EIR|FOISA|RFI|DPA|SAR)[ /-]?|IR[ /-])\d[\w/\-]*(?: \d[\w/\-]*)?)")


def letter_head(doc: ParsedDocument) -> str:
    text = doc.text[:HEAD_CHARS]
    m = _SALUTATION_RE.search(text)
    return text[: m.start()] if m and m.start() > 0 else text[:1500]


def find_references(doc: ParsedDocument) -> list[str]:
    """The authority's case references, in order of appearance, without repeats.

    The requester's reference ("Your ref: JS/1") counts only when the letter gives none of its own.
    """
    # A label may end its line with the value on the next, but a value never runs on
    # past its line ("Our ref: 21 FOI 124" / "30th April, 2021").
    head = re.sub(r"[ \t]*\n[ \t]*", "\n", doc.text[:HEAD_CHARS])
    ours = _YOUR_REF_RE.sub(lambda m: " " * len(m.group(0)), head)
    return references_in(ours) or references_in(head)


def references_in(text: str) -> list[str]:
    refs: list[str] = []
    for pattern in (_REF_LABEL_RE, _REF_REQUEST_RE, _REF_INLINE_RE):
        for m in pattern.finditer(text):
            ref = _cut_before_date(text, m).strip(" .-–/")
            if is_case_reference(ref) and ref not in refs:
                refs.append(ref)
    # "FOI 86420" and "86420" are the same reference: keep the longer.
    return [r for r in refs if not any(r != o and r in o for o in refs)]


def _cut_before_date(text: str, m: re.Match) -> str:
    """A reference never runs into the date printed after it: "Our ref: FOI 2020/12345 10 July 2020"."""
    ref = m.group("ref")
    for space in re.finditer(r" ", ref):
        if DATE_RE.match(text, m.start("ref") + space.end()):
            return ref[: space.start()]
    return ref


def is_case_reference(ref: str) -> bool:
    # "Request number 2" is a question, not a case: a reference has more than two digits' worth.
    return (
        bool(re.search(r"\d", ref)) and not re.fullmatch(r"\d{1,2}", ref)
        and not is_date_or_phone(ref) and not names_an_act(ref)
    )


def is_date_or_phone(ref: str) -> bool:
    return bool(parse_date(ref)) or bool(re.fullmatch(r"0\d{3,4}[ \d]{6,8}", ref))


def names_an_act(ref: str) -> bool:
    """"DPA 2018", "EIR 2004": an Act and its year, not a case."""
    law = canonical_legislation(ref)
    return bool(law) and re.fullmatch(rf"\D+{law[-4:]}", ref) is not None


# --------------------------------------------------------------------------
# Title
# --------------------------------------------------------------------------

# "Re:" or "Re – ...": a dash only with spaces around it, as "Re-use of information" is a heading.
_TITLE_LINE_RE = re.compile(r"^(?:Re|Subject|RE)(?:\s*:|\s+[\-–—])\s*(?:(?:RE|FW|Fwd)\s*:\s*)*(?P<title>.+)$")
# A heading over a part of the letter ("Your request", "Our response"), not the letter's subject.
_SECTION_HEADING_RE = re.compile(r"^(?:your|our|the)?\s*(?:request|response|reply|decision|answer)s?\s*:?$", re.I)
# The sender: "Freedom of Information Office", "Information Governance Team, PO Box 123".
_TEAM_RE = re.compile(r"\b(?:Office|Team|Unit|Officer|Manager|Lead|Co-?ordinator|Department|Directorate)\s*(?:$|,)", re.I)
_TITLE_HINT_RE = re.compile(r"Freedom of Information|\bFOI\b|\bEIR\b|Request(?!er)|Response|Environmental Information", re.I)
# What a subject line says and a letterhead's department name does not ("Freedom of Information", "FOI Requests").
_SUBJECT_WORD_RE = re.compile(r"\b(?:Act|Regulations|Request|Response|Reply|Review)\b|\d", re.I)
_TITLE_CONNECTOR_RE = re.compile(r"(?:\b(?:the|of|and|in|for|on|to|by|from|at|a|an)|[–\-,&])\s*$", re.I)


def find_title(doc: ParsedDocument) -> str | None:
    """The letter's subject: a "Re:"/"Subject:" line, else a heading by the salutation, else one heading the letter."""
    if doc.meta.get("request_title"):
        return doc.meta["request_title"]
    m = _WDTK_TITLE_RE.search(doc.text[:1000])
    if m:
        return one_line(m.group(1))
    lines = [l for l in doc.lines[:60] if l.start < HEAD_CHARS]
    texts = [l.text for l in lines]
    return subject_line(texts) or heading_title(lines) or doc.meta.get("html_title")


def subject_line(texts: list[str]) -> str | None:
    """A "Re:" or "Subject:" line, with its continuation when it wraps mid-phrase."""
    for i, text in enumerate(texts):
        m = _TITLE_LINE_RE.match(text)
        if m:
            title = m.group("title")
            following = texts[i + 1] if i + 1 < len(texts) else ""
            if following and (_TITLE_CONNECTOR_RE.search(title) or following[:1].islower()) and not _ends_title(following):
                title = f"{title} {following}"
            return one_line(title)
    return None


def _ends_title(text: str) -> bool:
    return bool(_SALUTATION_RE.match(text) or _FIELD_RE.match(text) or len(text) > 90)


def heading_title(lines: list) -> str | None:
    """A subject printed as a heading. One just by the salutation wins; the letterhead above it is
    names and addresses, so a line there counts only when it says what it is ("... Request", "... Act 2000")."""
    texts = [l.text for l in lines]
    dear = next((i for i, text in enumerate(texts) if _SALUTATION_RE.match(text)), None)
    if dear is None:
        return _pick_heading([t for t in texts if _is_title_candidate(t) and _SUBJECT_WORD_RE.search(t)])
    after = _first_heading_after_salutation(lines, dear)
    if after:
        return after
    near = [t for t in texts[max(0, dear - 3) : dear + 4] if _is_title_candidate(t)]
    far = [t for t in texts[: max(0, dear - 3)] if _is_title_candidate(t) and _SUBJECT_WORD_RE.search(t)]
    return _pick_heading(near) or _pick_heading(far)


def _first_heading_after_salutation(lines: list, dear: int) -> str | None:
    """The line after "Dear ..." when it is set as a heading (bold or capitals), whatever it names:
    "LIBRARY OPENING HOURS"."""
    at = next((i for i in range(dear + 1, min(dear + 3, len(lines))) if lines[i].text.strip()), None)
    if at is None:
        return None
    following = lines[at]
    text = following.text.strip()
    if re.match(r"\(?(?:\d|[a-z]\)|Q\d|Question\b)", text, re.I):
        return None  # the first question, set in bold
    heading = following.bold or (text.isupper() and len(text.split()) >= 2)
    if heading and text.endswith((":", "–", "-")) and at + 1 < len(lines):
        # "… ACT 2002 – REQUEST FOR INFORMATION:" / "SCHOOL BUILDING CONDITION": the heading goes on.
        rest = lines[at + 1].text.strip()
        if (lines[at + 1].bold or rest.isupper()) and _is_title_candidate(text.rstrip(":–- "), hint=False) \
                and _is_title_candidate(rest, hint=False):
            return one_line(f"{text} {rest}")
    if heading and len(text.split()) <= 15 and not text.endswith((".", ":", ",")) and _is_title_candidate(text, hint=False):
        return one_line(_without_ref_field(text) + _heading_continued(lines, at))
    return None


def _heading_continued(lines: list, i: int) -> str:
    """The rest of a bold heading wrapped onto the next line ("... Cyngor ar ail" / "gartrefi / Council tax ..."):
    a bold line going on mid-phrase, in lower case or after a connecting word."""
    if i + 1 >= len(lines):
        return ""
    heading, following = lines[i], lines[i + 1]
    mid_phrase = following.text[:1].islower() or _TITLE_CONNECTOR_RE.search(heading.text)
    if heading.bold and following.bold and mid_phrase and not _ends_title(following.text):
        return f" {following.text.strip()}"
    return ""


def _is_title_candidate(text: str, hint: bool = True) -> bool:
    return (
        len(text) <= 90 and not _FIELD_RE.match(text) and not text.rstrip().endswith((".", ":", ","))
        and "@" not in text and (not hint or bool(_TITLE_HINT_RE.search(text))) and not _SECTION_HEADING_RE.match(text)
        and not re.fullmatch(REF_VALUE, text.strip())  # a reference printed beside its label: "FOI/012345/23"
        and not _TEAM_RE.search(text)  # the sender: "Freedom of Information Office"
        and not text[:1].islower()  # a wrapped sentence: "section 43(2) of the Freedom of Information Act"
        and not _SALUTATION_RE.match(text)
        and len(_without_ref_field(text).split()) >= 2  # "FOI" left of "FOI Reference: 78901"
    )


def _without_ref_field(text: str) -> str:
    """Drop a reference field sharing the line: "FREEDOM OF INFORMATION REQUEST Ref: DPT 21/22/003"."""
    return re.split(r"\s+(?:Our\s+|Your\s+)?Ref(?:erence)?\b", text, flags=re.I)[0]


def _pick_heading(candidates: list[str]) -> str | None:
    # A heading in capitals ("FREEDOM OF INFORMATION ACT 2000") beats a short mixed-case line.
    candidates = [_without_ref_field(text) for text in candidates]
    for text in candidates:
        if text.isupper():
            return one_line(text)
    for text in candidates:
        if len(text.split()) <= 12:
            return one_line(text)
    return None


_GENERIC_TITLE_RE = re.compile(
    r"^(?:re:?\s*)?(?:your\s+)?(?:freedom\s+of\s+information|foi|environmental\s+information|request\s+for\s+information|"
    r"information\s+request|act|regulations|request|response|reply|\d{4}|\(foia?\)|and|the|under|[\s,:–-])*$",
    re.I,
)


def names_a_request(title: str | None) -> bool:
    """True when a response's title says what was asked ("Healthy Identity Intervention Programme Query"),
    not just which law it was asked under ("FREEDOM OF INFORMATION ACT 2000")."""
    return bool(title) and not _GENERIC_TITLE_RE.match(title)


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_REQUEST_NOUN = r"(?:request|e-?mail|letter|application|correspondence|enquiry|query|message)"
_LAW_WORDS = r"(?:(?:FOIA?|EIR|FOISA|Freedom\s+of\s+Information|(?:environmental\s+)?information)\s+)"
# The request itself: "your request", "your FOI email", "the original request" — but "the letter" or
# "the email" is as likely a document asked for ("a copy of the letter dated 3 March 2019").
_YOUR_REQUEST = (
    rf"(?:\byour\s+(?:original\s+)?{_LAW_WORDS}?{_REQUEST_NOUN}"
    rf"|\bthe\s+(?:original\s+)?{_LAW_WORDS}?(?:request|application))"
)
_REQUEST_DATE_RE = re.compile(
    rf"{_YOUR_REQUEST}(?:\s+for\s+information)?,?\s+(?:which\s+(?:we|was)\s+|that\s+we\s+)?"
    r"(?:dated|of|received|made|sent|submitted|was\s+received)(?:\s+on|\s+by\s+us\s+on)?\s+(?P<date>[^;\n]{4,40})",
    re.I,
)
# The request's date told the other way round: "We received your request on ...", "On 3 March 2023 you asked ...".
_REQUEST_DATE_BEFORE_RE = re.compile(
    rf"\bwe\s+received\s+your\s+(?:[\w-]+\s+){{0,4}}?{_REQUEST_NOUN}(?:\s+for\s+information)?\s+(?:on\s+)?(?P<date>[^;\n]{{4,40}})|"
    r"\bOn\s+(?P<date2>[^,;\n]{4,30}?),?\s+(?:you\s+(?:asked|requested|wrote|made|submitted|sent|contacted|emailed)|we\s+received\s+your)\b",
    re.I,
)
_REQUEST_SENTENCE_RE = re.compile(_YOUR_REQUEST, re.I)
_RECEIVED_RE = re.compile(r"\b(?:received|dated|submitted|sent|made)\b", re.I)
# What lies between "your request" and its verb when the verb is the request's own: nothing, a comma,
# "for information", "made under the ... Act 2000,", "which was", "which the Council" -- or anything
# before a relative clause opened by a comma ("your request for X, which we received on ...").
_OWN_VERB_GAP_RE = re.compile(
    r"(?:\s|,|\bfor\s+information\b|\b(?:made\s+)?under\s+the\s+[\w\s()]+?\b(?:Act|Regulations)(?:\s+\d{4})?(?:\s*\([A-Z()]+\))?)*"
    r"(?:\b(?:which|that)\b(?:\s+[\w()]+){0,4}?|\b(?:was|were|is|has\s+been|had\s+been)\b)?\s*",
    re.I,
)
_RELATIVE_CLAUSE_RE = re.compile(r",\s*(?:which|that)\b(?:\s+[\w()]+){0,4}?\s*$", re.I)


def _verb_of_the_request(gap: str) -> bool:
    return bool(_OWN_VERB_GAP_RE.fullmatch(gap) or _RELATIVE_CLAUSE_RE.search(gap))


# A date that bounds the information asked for, not the request: "since 1 April 2018".
_RANGE_WORD_RE = re.compile(r"\b(?:since|from|between|until|till|to|and|before|after|ending|during|as\s+at|as\s+of)\s+(?:the\s+)?$", re.I)
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)"
_DAY_MONTH_RE = re.compile(
    rf"^{_WEEKDAY}?(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>[a-z]{{3,9}})\b(?!\.?,?\s+\d)", re.I
)

_DATE_LABEL_RE = re.compile(
    r"^\s*(?:(?P<kind>Date\s+(?:of\s+)?(?:your\s+|the\s+)?(?:request|receipt)(?:\s+received)?|Date\s+received|Date\s+request\s+received|"
    r"Request(?:ed)?\s+date|(?:Request\s+)?received(?:\s+on)?|Your\s+(?:letter|e-?mail|request|correspondence)(?:\s+(?:of|dated))?)|"
    r"Date(?:\s+(?:of\s+)?(?:this\s+)?(?:response|reply|letter|sent|issued|responded))?|Response\s+(?:date|sent)|Sent|Dated)"
    r"\s*[:.]?\s*(?P<date>.+)$",
    re.I,
)
# Dates that are neither the request's nor the letter's: when the answer is due, when a review may be asked.
_NOT_LETTER_DATE_RE = re.compile(r"\b(?:due|deadline|expected|by\s+when|review|birth)\b", re.I)


def _leading_date(s: str, reference: str | None = None) -> str | None:
    """The date `s` starts with ("Friday 12 June 2020 ...", "the 12th June"); a day and month
    without a year ("your email of 12 June") take the year that puts them before `reference`."""
    s = s.strip()
    stripped = re.sub(rf"^{_WEEKDAY}|^the\s+", "", s, flags=re.I)
    if DATE_RE.match(stripped):
        return parse_date(stripped)
    m = _DAY_MONTH_RE.match(s)
    if m and reference:
        return _before(reference, m.group("day"), m.group("month"))
    return None


def _before(reference: str, day: str, month: str) -> str | None:
    """The date `day month` on or before the ISO date `reference` (a letter answers a request of the last twelve months)."""
    year = int(reference[:4])
    iso = parse_date(f"{day} {month} {year}")
    if iso and iso > reference:
        iso = parse_date(f"{day} {month} {year - 1}")
    return iso


def request_date_in_a_sentence(text: str, reference: str | None = None) -> str | None:
    """The first date after "received"/"dated"/... in a sentence about the request, however far apart:
    "your request for information, made under the Act, which was received by the Trust on 8th April, 2021".
    The verb must be the request's ("your request for the report dated ..." dates the report) and the date
    no bound of what was asked ("... received since 1 April 2018")."""
    for sentence in re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", text):
        for request in _REQUEST_SENTENCE_RE.finditer(sentence):
            verb = next(
                (v for v in _RECEIVED_RE.finditer(sentence, request.end()) if _verb_of_the_request(sentence[request.end() : v.start()])),
                None,
            )
            if verb is None:
                continue
            after = sentence[verb.end() :]
            for iso, start, _end in find_dates(after):
                if not _RANGE_WORD_RE.search(after[:start]):
                    return iso
    return None


def find_dates_of(doc: ParsedDocument) -> tuple[str | None, str | None]:
    """(request_date, response_date): the request's date as the letter quotes it; the letter's own date."""
    labelled_request, response_date = header_dates(letter_head(doc))
    response_date = response_date or signature_date(doc)
    return labelled_request or request_date_in_text(doc.text[: HEAD_CHARS * 2], response_date), response_date


def request_date_in_text(text: str, response_date: str | None) -> str | None:
    """The date the letter says the request was made or received. An internal review answers two
    requests: the date of the e-mail asking for the review counts only when the letter gives no other."""
    flat = re.sub(r"\s*\n\s*", " ", text)
    review_requests: list[str] = []
    for m in _REQUEST_DATE_RE.finditer(flat):
        iso = _leading_date(m.group("date"), response_date)
        if iso and asks_for_a_review(flat, m.start("date")):
            review_requests.append(iso)
        elif iso:
            return iso
    for m in _REQUEST_DATE_BEFORE_RE.finditer(flat):
        iso = _leading_date(m.group("date") or m.group("date2"), response_date)
        if iso:
            return iso
    return request_date_in_a_sentence(flat, response_date) or next(iter(review_requests), None)


_REVIEW_RE = re.compile(r"\b(?:internal\s+review|review\s+of\s+(?:our|the|my|its|your)\b)", re.I)


def asks_for_a_review(text: str, date_at: int) -> bool:
    """True when the message dated at `date_at` is the one asking for an internal review: "your email of
    14 August 2023 in which you asked for an internal review of ... your request of 3 July 2023" (the
    words after its date, up to the sentence's end or the next request named, speak of a review)."""
    rest = re.split(r"(?<=[a-z)])\.\s+(?=[A-Z])", text[date_at : date_at + 300], maxsplit=1)[0]
    next_request = _REQUEST_SENTENCE_RE.search(rest)
    return bool(_REVIEW_RE.search(rest[: next_request.start()] if next_request else rest))


def header_dates(head: str) -> tuple[str | None, str | None]:
    """(request, response) dates printed in a letterhead: labelled ("Date received:", "Date:", "Sent:")
    or a date standing alone on its line (or at its edge, beside a letterhead column)."""
    request_date = response_date = None
    label_above = None  # a label printed alone, its value on the next line ("Date received:" / "12/06/2020")
    for line in head.split("\n"):
        if _NOT_LETTER_DATE_RE.search(line):
            label_above = None
            continue
        m = _DATE_LABEL_RE.match(line) or _DATE_LABEL_RE.match(f"{label_above} {line}" if label_above else "")
        iso = m and parse_date(m.group("date"))
        if iso:
            if m.group("kind"):
                request_date = request_date or iso
            else:
                response_date = response_date or iso
        elif not response_date:
            response_date = _date_standing_alone(line)
        label_above = line.strip() if _is_date_label_alone(line) else None
    return request_date, response_date


def _is_date_label_alone(line: str) -> bool:
    """"Date received:" with its value printed on the next line."""
    return line.rstrip().endswith(":") and not re.search(r"\d", line) and bool(_DATE_LABEL_RE.match(f"{line} 1 January 2000"))


def _date_standing_alone(line: str) -> str | None:
    dates = find_dates(line)
    if not dates:
        return None
    iso, start, end = dates[0]
    rest = (line[:start] + line[end:]).strip()
    if rest and start != 0 and end != len(line):
        return None
    # Beside it: a place or a column of the letterhead, not a subject ("Re: spending since 1 April 2018").
    if len(rest) >= 60 or re.search(r"request|dated|received|^(?:re|subject)\b", rest, re.I) or _RANGE_WORD_RE.search(line[:start]):
        return None
    return iso


def signature_date(doc: ParsedDocument) -> str | None:
    """A date under the signature ("Yours sincerely / Jane Doe / FOI Officer / 10 July 2020"),
    for letters that print none at the top."""
    salutation = _SALUTATION_RE.search(doc.text)
    sign_off = _SIGN_OFF_RE.search(doc.text, salutation.end() if salutation else 0)
    if not sign_off:
        return None
    for line in doc.text[sign_off.end() :].split("\n")[1:9]:
        m = _DATE_LABEL_RE.match(line)
        iso = parse_date(m.group("date")) if m and not m.group("kind") else _date_standing_alone(line)
        if iso and not _NOT_LETTER_DATE_RE.search(line):
            return iso
    return None


# --------------------------------------------------------------------------
# Legislation
# --------------------------------------------------------------------------

# "Your request has been handled under the EIR", "we have dealt with it as a request under FOISA",
# "we have treated your request as a subject access request".
_HANDLED_RE = re.compile(
    r"\b(?:handl(?:ed|ing)|deal(?:t|ing)\s+with|consider(?:ed|ing)|process(?:ed|ing)|respond(?:ed|ing)\s+to|treat(?:ed|ing)|answer(?:ed|ing))\s+"
    r"(?:(?:your|this|the)\s+(?:\w+\s+){0,2}?(?:request|correspondence|application|enquiry)\s+|it\s+|them\s+)?"
    r"(?:(?P<as>as\s+an?\s+[^.\n]{3,80})|under\s+(?:the\s+)?(?P<law>[^.\n]{3,80}))",
    re.I,
)
_NEGATED_RE = re.compile(r"\b(?:not|never|cannot)\b[^.]{0,30}$|n't\s+(?:\w+\s+)?$", re.I)
# Sentences about where to complain or appeal, copyright and re-use: they name every Act there is.
_BOILERPLATE_RE = re.compile(
    r"Information\s+Commissioner|\bICO\b|internal\s+review|complain|appeal|Tribunal|re-?use|copyright|"
    r"dissatisfied|unhappy|not\s+satisfied|right\s+to\s+(?:request|ask|seek)|publication\s+scheme|ico\.org\.uk",
    re.I,
)


def find_legislation(doc: ParsedDocument) -> str | None:
    """The regime the request was handled under: what the letter says it did ("handled under the EIR"),
    else the regime the letter names in its own words, else in its boilerplate. Data protection law named
    in passing (personal data withheld under s.40) is the regime only of a subject access request."""
    flat = doc.text.replace("\n", " ")  # one line, same offsets
    stated = [m for m in _HANDLED_RE.finditer(flat) if canonical_legislation(m.group("as") or m.group("law"))]
    negated = [m for m in stated if _NEGATED_RE.search(flat[max(0, m.start() - 40) : m.start()])]
    said = [m for m in stated if m not in negated]
    if said:
        return canonical_legislation(said[0].group("as") or said[0].group("law"))
    # "We have not handled your request under the EIR": the regime is not the one negated.
    return regime_mentioned(doc.text, excluded=[m.span() for m in negated])


def regime_mentioned(text: str, excluded: list[tuple[int, int]]) -> str | None:
    mentions = [
        m for m in legislation_mentions(text.replace("\n", " ")) if not any(start <= m.start < end for start, end in excluded)
    ]
    if not mentions:
        return None
    boilerplate = [span for span in sentence_spans(text) if _BOILERPLATE_RE.search(text[span[0] : span[1]])]

    def rank(mention: LegislationMention) -> tuple[int, int]:
        in_boilerplate = any(start <= mention.start < end for start, end in boilerplate)
        passing = mention.regime == "DPA 2018" and not re.match(r"subject access", text[mention.start : mention.end], re.I)
        return (9 if passing else 2 * in_boilerplate + (not mention.named)), mention.start

    best = min(mentions, key=rank)
    # Scottish letters call their requests "FOI requests" too: FOISA, when named as plainly, is the regime.
    scottish = [m for m in mentions if m.regime == "FOISA 2002" and rank(m)[0] <= rank(best)[0] + 1]
    return scottish[0].regime if best.regime == "FOIA 2000" and scottish else best.regime


# Where a sentence ends: its full stop, a blank line, or the end of a heading line ("Freedom of Information
# Request" above "Dear Sir,"), which carries no full stop.
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n\s*\n|^[^\n.,;:]{1,80}(?<![,;:])\n(?=\s*[A-Z])", re.M)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        if _is_heading_break(m) or not m.group(0).endswith("\n") or m.group(0).strip() == "":
            spans.append((start, m.end()))
            start = m.end()
    return spans + [(start, len(text))]


def _is_heading_break(m: re.Match) -> bool:
    """A line ending with no punctuation is a heading when it is short; a long one is wrapped prose."""
    line = m.group(0).strip()
    return bool(line) and len(line.split()) <= 10 and not _TITLE_CONNECTOR_RE.search(line)


def find_authority_name(doc: ParsedDocument) -> str | None:
    """The canonical name of the authority the letter comes from (see `normalise.authorities`)."""
    furniture = [f["text"] for f in doc.meta.get("page_furniture") or [] if f.get("text")]
    return find_authority(doc.text, furniture)


# Data annexes carry the case reference of the letter they go with ("Annex A – FOI 230905017").
ANNEX_FORMATS = ("xlsx", "csv")


def letter_info(doc: ParsedDocument, kind: str) -> DocumentInfo:
    refs = find_references(doc) if kind == "foi_response" or doc.format in ANNEX_FORMATS else []
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


# --------------------------------------------------------------------------
# Header fields
# --------------------------------------------------------------------------

_FIELD_LABEL = (
    r"(?:Our|Your|My)\s+ref(?:erence)?|Ref(?:erence)?(?:\s+(?:Number|No\.?))?|Date(?: of [a-z]+)?|Category|Request(?:ed)? date|"
    r"Date received|Response date|Case (?:number|reference)|Subject|Directorate|Department|Team|"
    r"Tel(?:ephone)?|Phone|Contact|(?:Please\s+)?ask\s+for"
)
# A bilingual letterhead gives each label in both languages: "Ein Cyf / Our Ref:", "Dyddiad / Date:".
_OTHER_LANGUAGE = r"(?:[A-Z][\w'’]*(?:\s+[\w'’]+){0,2}\s*/\s*)?"
_LABEL = rf"(?P<label>{_OTHER_LANGUAGE}(?:{_FIELD_LABEL}))"
_FIELD_RE = re.compile(rf"^{_LABEL}\s*[:]\s*(?P<value>\S.*)$", re.I)
def is_header_field(line: str) -> bool:
    """A letterhead line "Label: value" ("Our ref: FOI 123", "Date: 1 May 2024")."""
    return bool(_FIELD_RE.match(line.strip()))


_LABEL_ALONE_RE = re.compile(rf"^{_LABEL}\s*:\s*$", re.I)
# Any "Label:" opening a line, known or not ("My Ref:", "Email:"): never the value of the label above it.
_ANY_LABEL_RE = re.compile(r"^[A-Z][\w'’.]*(?:(?:\s+|\s*/\s*)[\w'’.]+){0,5}\s*:(?:\s|$)")
# A label without its colon, the columns' gap lost to text extraction ("Date 3 June 2024", "Our ref FOI2024/04519"):
# only a date after a date label, or a whole case reference after a reference label.
_BARE_DATE_FIELD_RE = re.compile(rf"^(?P<label>{_OTHER_LANGUAGE}Date)\s+(?P<value>{DATE_RE.pattern})\s*$", re.I)
_BARE_REF_FIELD_RE = re.compile(
    rf"^(?P<label>{_OTHER_LANGUAGE}(?i:(?:Our|Your|My)\s+ref(?:erence)?|Ref(?:erence)?(?:\s+(?:Number|No\.?))?|Case (?:number|reference)))"
    rf"\s+(?P<value>{REF_VALUE})\s*$"
)
# A reference field sharing its line with a heading: "FREEDOM OF INFORMATION REQUEST Ref: DPT 21/22/003".
_INLINE_REF_FIELD_RE = re.compile(rf"\s(?P<label>(?i:(?:Our|Your)\s+ref(?:erence)?|Ref(?:erence)?(?:\s+(?:Number|No\.?))?))\s*:\s*(?P<value>{REF_VALUE})")


def letter_fields(doc: ParsedDocument) -> list[FieldPair]:
    """'Label: value' pairs of a letter's header ("Our ref: FOI 100455", "Category: ...")."""
    out: list[FieldPair] = []
    lines = [l.text for l in doc.lines[:80] if l.start <= HEAD_CHARS]
    letterhead = next((i for i, text in enumerate(lines) if _SALUTATION_RE.match(text)), len(lines))
    for i, text in enumerate(lines):
        # A label alone on its line takes the next line as its value ("Ref:" / "DPT 21/22/003"),
        # as text extraction gives a label and value printed in two columns; an empty field
        # ("Your Ref:" above "My Ref: FOI-2023-09518") takes no other label as its value.
        alone = _LABEL_ALONE_RE.match(text)
        if alone and i + 1 < len(lines) and not _ANY_LABEL_RE.match(lines[i + 1]):
            text = f"{alone.group('label')}: {lines[i + 1]}"
        m = _FIELD_RE.match(text) or _INLINE_REF_FIELD_RE.search(text) or (i < letterhead and bare_field(text))
        if m:
            value = m.group("value").strip()
            label = one_line(m.group("label"))
            if re.match(r"ref", label, re.I):
                ref = re.match(REF_VALUE, value)
                value = ref.group(0) if ref else value
            out.append(FieldPair(seq=len(out), label=label, value=value))
    return out


def bare_field(text: str) -> re.Match | None:
    """A letterhead's "Date 3 June 2024" or "Our ref FOI2024/04519": a label whose colon is missing,
    recognised by a value of its type filling the rest of the line."""
    m = _BARE_DATE_FIELD_RE.match(text)
    if m and parse_date(m.group("value")):
        return m
    m = _BARE_REF_FIELD_RE.match(text)
    return m if m and is_case_reference(m.group("value")) else None
