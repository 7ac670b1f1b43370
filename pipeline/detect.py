"""Stage 3, detect kind: what a parsed document is, from content signals alone.

- `foi_request_thread`: a WhatDoTheyKnow request page (recognised by the HTML parser);
- `weebly_page`: a page of a Weebly site (saved HTML, or its text rendering);
- `foi_response`: a letter or attachment answering an information request (FOIA,
  EIR or FOISA; in English, Welsh or both);
- `other`: anything else (a data annex, a released document, a request or
  internal review request written by the requester, minutes, an unrelated page).

Words about FOI are not enough: a request, a requester's internal review
letter or a council's minutes talk about FOI too. So the score of FOI signals
is weighed with the voice of the letter: the authority replying ("Thank you
for your request", "we do not hold", the appeal paragraph) or the requester
asking ("I would like to request", "my FOI request"), and with the marks of
minutes. An attachment page on WhatDoTheyKnow hangs off the authority's reply,
so it needs fewer FOI signals when it speaks as the authority, but it is still
read: authorities attach copies of requests and the documents they release.
"""
from __future__ import annotations

import re

from .model import ParsedDocument

_FLAVOR_KIND = {"wdtk_request": "foi_request_thread", "weebly": "weebly_page"}
HEAD_CHARS = 20000  # signals are looked for in the document's opening

# Signals that a letter answers an information request, with their weights.
_RESPONSE_SIGNALS = [
    (re.compile(r"Freedom of Information|\bFOIA?\b|\bFoIA\b|Environmental Information Regulations|\bEIRs?\b|FOI\(S\)A|"
                r"FOISA|Rhyddid Gwybodaeth|Rheoliadau Gwybodaeth Amgylcheddol", re.I), 2),
    (re.compile(r"\b(?:your|the) (?:request|FOI request|application) (?:for information|dated|of|received|under)|"
                r"\beich cais\b", re.I), 2),
    (re.compile(r"request for (?:environmental )?information|information request|cais am wybodaeth", re.I), 1),
    (re.compile(r"\b(?:FOI|EIR|FOISA)\s*(?:request|response)\b|^\s*(?:Request|Response)\s*:?\s*$", re.I | re.M), 2),
    (re.compile(r"\b(?:Our|Your)\s*ref(?:erence)?\b|\bReference (?:Number|No)\b|\bRef(?:erence)?\s*:|"
                r"\b(?:Ein|Eich)\s*cyf(?:eirnod)?\b", re.I), 1),
    (re.compile(r"Information Commissioner|\bICO\b|internal review|requirement for review|Comisiynydd Gwybodaeth|"
                r"adolygiad mewnol", re.I), 2),
    (re.compile(r"\b(?:we|the Trust|the Council|the Department) (?:do(?:es)? not hold|can confirm|hold[s]? (?:the|this) information)",
                re.I), 1),
    (re.compile(r"\bexempt(?:ion)? (?:under|from)\b|section \d+\(?\d*\)? of (?:the|FOISA|FOIA|the EIRs?)\b|"
                r"\bwithheld under\b|\bexceptions? (?:under|in|at)\b|\bregulation \d+\(\d+\)", re.I), 1),
]

# The authority speaking: thanking for the request, saying what it holds, answering, and the appeal
# paragraph every response ends with (review, then the Information Commissioner).
_REPLY_SIGNALS = [
    re.compile(r"\bthank you for your (?:e-?mail|letter|request|FOI|freedom of information|information request|"
               r"enquiry|application|correspondence)|\bdiolch (?:am|i chi am) eich\b", re.I),
    re.compile(r"\b(?:we|the (?:Trust|Council|Department|Authority|Board|Force|Ministry|University|Service|Agency|"
               r"Office|Commission|Executive|Government))\b (?:do(?:es)? not hold|can(?:not)? (?:now )?confirm|"
               r"hold[s]? (?:the|this|some|no|any|all|information|data|records)\b|"
               r"ha(?:ve|s) (?:now )?(?:considered|searched|located|decided)|"
               r"(?:is|are) (?:unable|not able|able) to (?:provide|disclose|confirm|answer|release|comply|supply))", re.I),
    re.compile(r"\b(?:please find|I (?:am|have) (?:attached|enclosed)|(?:is|are) (?:attached|enclosed))\b.{0,60}"
               r"\b(?:response|information|reply)\b|\bin (?:response|reply) to your\b|"
               r"\bI am writing (?:in response|to respond)\b|\bplease see (?:below|attached|the attached|our response)\b|"
               r"\b(?:I|we) (?:can|am able to|are able to) confirm\b", re.I),
    re.compile(r"\bif you are (?:not )?(?:unhappy|dissatisfied|satisfied) with|\byou (?:have|has) the right to "
               r"(?:request|ask|complain|appeal)|\b(?:complain|apply|appeal) to the (?:Scottish )?Information Commissioner|"
               r"\bos ydych (?:chi )?(?:yn )?anfodlon\b", re.I),
    re.compile(r"^[ \t]*(?:Our )?(?:Response|Answer|Reply|Ateb|Ymateb)(?:[ \t]+\d+)?[ \t]*(?:[:.\-–]|$)|"
               r"\b(?:our|its|the following) response\b|\bresponse (?:is|are) (?:as follows|below|set out)", re.I | re.M),
]

# The requester speaking: asking for information or for an internal review of "my request"
# ("Yours faithfully" only adds to the others: authorities sign off so too).
_REQUEST_SIGNALS = [
    (re.compile(r"\bI (?:would like|wish|am writing|write|want) to (?:request|ask|make|obtain|submit|know)\b|"
                r"\bI (?:hereby )?request (?:that|the|a copy|copies|information|details|an internal review)\b|"
                r"\bplease (?:provide|send|supply|disclose) (?:me|us|the following|copies|a copy|details|all|any)\b|"
                r"\b(?:could|would|can) you (?:please )?(?:provide|send|supply|tell me)\b|"
                r"\bhoffwn (?:wneud cais|gael)\b", re.I), 2),
    (re.compile(r"\bmy (?:FOI |freedom of information |information |original )?request\b|"
                r"\bpass this on to the person who conducts|\bfull history of my\b", re.I), 2),
    (re.compile(r"\bYours faithfully\b|\bYn gywir\b", re.I), 1),
]
REQUEST_SHAPED = 2

# Minutes and agendas of meetings.
_MINUTES_SIGNALS = [
    re.compile(r"^\s*(?:(?:draft|confirmed|unconfirmed) )?minutes of (?:the|a)\b", re.I | re.M),
    re.compile(r"^\s*(?:present|apologies(?: for absence)?|in attendance|members present)\s*:?", re.I | re.M),
    re.compile(r"^\s*(?:it was )?resolved\b|\bagenda item\b|\bmatters arising\b|\bdeclarations? of interest\b",
               re.I | re.M),
]

MINUTES_SHAPED = 2
RESPONSE_THRESHOLD = 4
# An attachment page needs only this much when it speaks as the authority (or two signs of that voice alone).
ATTACHMENT_THRESHOLD = 2


def response_score(text: str) -> int:
    head = text[:HEAD_CHARS]
    return sum(weight for pattern, weight in _RESPONSE_SIGNALS if pattern.search(head))


def signal_count(patterns: list[re.Pattern], text: str) -> int:
    head = text[:HEAD_CHARS]
    return sum(1 for pattern in patterns if pattern.search(head))


def speaks_as_someone_else(text: str) -> bool:
    """The document is a request (or a request for internal review) in the requester's words, or minutes,
    and nothing in it is the authority answering."""
    if signal_count(_REPLY_SIGNALS, text):
        return False
    head = text[:HEAD_CHARS]
    asking = sum(weight for pattern, weight in _REQUEST_SIGNALS if pattern.search(head))
    return asking >= REQUEST_SHAPED or signal_count(_MINUTES_SIGNALS, text) >= MINUTES_SHAPED


def detect_kind(doc: ParsedDocument) -> str:
    if doc.flavor in _FLAVOR_KIND:
        return _FLAVOR_KIND[doc.flavor]
    if doc.format in ("xlsx", "csv"):
        # A data annex is a table, not a letter, even when its notes mention FOI.
        return "other"
    if speaks_as_someone_else(doc.text):
        return "other"
    score = response_score(doc.text)
    if score >= RESPONSE_THRESHOLD:
        return "foi_response"
    if doc.flavor == "wdtk_attachment":
        reply = signal_count(_REPLY_SIGNALS, doc.text)
        if reply >= 2 or reply and score >= ATTACHMENT_THRESHOLD:
            return "foi_response"
    return "other"
