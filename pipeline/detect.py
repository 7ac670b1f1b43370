"""Stage 3, detect kind: what a parsed document is, from content signals alone.

- `foi_request_thread`: a WhatDoTheyKnow request page (recognised by the HTML parser);
- `weebly_page`: a page of a Weebly site (saved HTML, or its text rendering);
- `foi_response`: a letter or attachment answering an information request;
- `other`: anything else (a data annex, an unrelated page).
"""
from __future__ import annotations

import re

from .model import ParsedDocument

_FLAVOR_KIND = {"wdtk_request": "foi_request_thread", "weebly": "weebly_page", "wdtk_attachment": "foi_response"}

# Signals that a letter answers an information request, with their weights.
_RESPONSE_SIGNALS = [
    (re.compile(r"Freedom of Information|\bFOIA?\b|\bFoIA\b|Environmental Information Regulations|\bEIR\b|FOI\(S\)A|FOISA", re.I), 2),
    (re.compile(r"\b(?:your|the) (?:request|FOI request|application) (?:for information|dated|of|received|under)", re.I), 2),
    (re.compile(r"request for information|information request", re.I), 1),
    (re.compile(r"\b(?:FOI|EIR)\s*(?:request|response)\b|^\s*(?:Request|Response)\s*:?\s*$", re.I | re.M), 2),
    (re.compile(r"\b(?:Our|Your)\s*ref(?:erence)?\b|\bReference (?:Number|No)\b|\bRef(?:erence)?\s*:", re.I), 1),
    (re.compile(r"Information Commissioner|\bICO\b|internal review", re.I), 2),
    (re.compile(r"\b(?:we|the Trust|the Council|the Department) (?:do(?:es)? not hold|can confirm|hold[s]? (?:the|this) information)", re.I), 1),
    (re.compile(r"\bexempt(?:ion)? (?:under|from)\b|section \d+\(?\d*\)? of the|\bwithheld under\b|"
                r"\bexceptions? (?:under|in|at)\b|\bregulation \d+\(\d+\)", re.I), 1),
]


def response_score(text: str) -> int:
    head = text[:20000]
    return sum(weight for pattern, weight in _RESPONSE_SIGNALS if pattern.search(head))


def detect_kind(doc: ParsedDocument) -> str:
    if doc.flavor in _FLAVOR_KIND:
        return _FLAVOR_KIND[doc.flavor]
    if doc.format in ("xlsx", "csv"):
        # A data annex is a table, not a letter, even when its notes mention FOI.
        return "other"
    if response_score(doc.text) >= 4:
        return "foi_response"
    return "other"
