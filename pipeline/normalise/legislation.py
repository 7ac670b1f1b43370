"""Legislation names and provisions in one canonical form."""
from __future__ import annotations

import re


LEGISLATION_PATTERNS = [
    ("FOISA 2002", re.compile(r"Freedom of Information \(Scotland\) Act|\bFOISA\b|\bFOI\(S\)A\b", re.I)),
    ("EIR 2004", re.compile(r"Environmental Information Regulations|\bEIRs?\b(?! ?(?!2004\b)\d)", re.I)),
    ("DPA 2018", re.compile(r"Data Protection Act 2018|\bDPA 2018\b|subject access request", re.I)),
    ("FOIA 2000", re.compile(r"Freedom of Information Act|\bFOIA\b|\bFoIA\b|\bFOI Act\b|Freedom of Information request", re.I)),
]


def canonical_legislation(s: str | None) -> str | None:
    """`FOIA 2000` | `EIR 2004` | `FOISA 2002` | `DPA 2018` for a name or abbreviation, else None."""
    if not s:
        return None
    for name, pattern in LEGISLATION_PATTERNS:
        if pattern.search(s):
            return name
    return None
