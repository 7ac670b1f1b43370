"""Legislation names and provisions in one canonical form.

A request is handled under one of four regimes, named as the database names
them: `FOIA 2000`, `EIR 2004`, `FOISA 2002`, `DPA 2018`. The Scottish
environmental regulations (EISR 2004) are the EIR regime as Scotland enacted
it, and the UK GDPR's right of access is exercised under the DPA 2018, so their
names give `EIR 2004` and `DPA 2018`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Patterns that name an instrument, most specific first (the Scottish forms before the UK ones).
LEGISLATION_PATTERNS = [
    ("FOISA 2002", re.compile(r"Freedom of Information \(Scotland\) Act|\bFOISA\b|\bFOI\(S\)A\b", re.I)),
    ("EIR 2004", re.compile(r"Environmental Information \(Scotland\) Regulations|\bEI\(S\)Rs?\b|\bEISRs?\b", re.I)),
    ("EIR 2004", re.compile(r"Environmental Information Regulations|\bEIRs?\b(?! ?(?!2004\b)\d)", re.I)),
    ("DPA 2018", re.compile(r"Data Protection Act 2018|\bDPA 2018\b|subject access request|\b(?:UK )?GDPR\b|General Data Protection Regulation", re.I)),
    ("FOIA 2000", re.compile(r"Freedom of Information Act|\bFOIA\b|\bFoIA\b|\bFOI Act\b|Freedom of Information request", re.I)),
]
# Words that only imply the UK Act: "an FOI request", "Freedom of Information" as a heading.
IMPLIED_FOIA_RE = re.compile(r"\bFOI\b(?!\s*\(S\))|Freedom of Information(?!\s*\(Scotland\))", re.I)


@dataclass(frozen=True)
class LegislationMention:
    regime: str  # FOIA 2000 | EIR 2004 | FOISA 2002 | DPA 2018
    start: int
    end: int
    named: bool  # the instrument is named (else only implied by "FOI")


def legislation_mentions(text: str) -> list[LegislationMention]:
    """Every regime named or implied in `text`, in order; a span counts once, for its most specific name."""
    found: list[LegislationMention] = []
    taken: list[tuple[int, int]] = []
    patterns = [(name, pattern, True) for name, pattern in LEGISLATION_PATTERNS] + [("FOIA 2000", IMPLIED_FOIA_RE, False)]
    for name, pattern, named in patterns:
        for m in pattern.finditer(text or ""):
            if not any(m.start() < end and start < m.end() for start, end in taken):
                found.append(LegislationMention(name, m.start(), m.end(), named))
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda mention: mention.start)


def canonical_legislation(s: str | None) -> str | None:
    """`FOIA 2000` | `EIR 2004` | `FOISA 2002` | `DPA 2018` for a name or abbreviation (the first one
    `s` names: "the FOIA and the DPA 2018" is FOIA 2000), else None."""
    named = [m for m in legislation_mentions(s or "") if m.named]
    return named[0].regime if named else None
