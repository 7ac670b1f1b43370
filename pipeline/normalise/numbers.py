"""Numbers and financial years as FOI tables print them.

`parse_number` reads a cell value ("1,234", "£1.2m", "12%", "(1,234)", "90 staff")
into a float; suppressed or blank cells ("<5", "*", "-", "n/a") and anything
that is not one number give None. `parse_financial_year` reads UK financial
years ("2013 – 14", "2013/14", "FY2013-14", "2020 – Present"), which must never
be taken for numbers: a UK financial year runs from 1 April to 31 March.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DASHES = "\\-\u2010-\u2015\u2212"  # for use inside a regex character class
_MULTIPLIERS = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "bn": 1e9, "b": 1e9, "billion": 1e9, "billions": 1e9,
}
_NUMBER_RE = re.compile(
    rf"""^(?P<open>\()?\s*
    (?P<sign>[{_DASHES}+])?\s*
    (?P<currency>[£$€])?\s*
    (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    \s*(?P<suffix>%|[a-zA-Z]+)?\s*
    (?P<close>\))?$""",
    re.X,
)
# One trailing unit word ("90 staff", "3 months") is allowed; a multiplier word scales the number.
_UNIT_RE = re.compile(r"^[a-zA-Z]{1,12}$")
# Cells that stand for a figure without giving one: small counts suppressed ("<5", "fewer than 10",
# "*"), redactions, blanks written as a dash, "n/a", "nil", "not held".
SUPPRESSED_RE = re.compile(
    rf"""^(?:[<>≤≥]\s*\d+|(?:fewer|less|more)\s+than\s+\d+|\*+|[{_DASHES}]+|n/?a|n\.a\.|n/?k|nil(?:\s+return)?|x|\.\.|c
    |\[?\s*(?:redacted|withheld|suppressed)\s*\]?|not\s+(?:held|known|recorded|available))$""",
    re.I | re.X,
)
# "45 (12%)", "1,204 (9.5%)": a count followed by its share; the cell's number is the count.
_WITH_SHARE_RE = re.compile(r"^(?P<count>.+?)\s*\(\s*\d+(?:\.\d+)?\s*%\s*\)$")


def parse_number(value: str | None) -> float | None:
    """The number a cell value prints, or None (text, suppressed counts, financial years, blanks)."""
    s = (value or "").strip().replace("\u00a0", " ")
    if not s or SUPPRESSED_RE.match(s) or parse_financial_year(s):
        return None
    share = _WITH_SHARE_RE.match(s)
    if share and not share.group("count").startswith("("):
        s = share.group("count")
    m = _NUMBER_RE.match(s)
    if not m or bool(m.group("open")) != bool(m.group("close")):
        return None
    number = float(m.group("digits").replace(",", ""))
    suffix = (m.group("suffix") or "").lower()
    if suffix in _MULTIPLIERS and (m.group("currency") or len(suffix) > 1):
        number *= _MULTIPLIERS[suffix]
    elif suffix and suffix != "%" and not _UNIT_RE.match(suffix):
        return None
    if m.group("open") or (m.group("sign") and m.group("sign") != "+"):
        number = -number
    return number


def decimals(value: str | None) -> int:
    """How many decimal places a printed number shows (for rounding tolerance)."""
    m = re.search(r"\.(\d+)", value or "")
    return len(m.group(1)) if m else 0


@dataclass(frozen=True)
class FinancialYear:
    label: str  # "2013-14", "2019-20", "2020-present"
    start: str  # ISO date, 1 April
    end: str | None  # ISO date, 31 March; None when open-ended ("2020 – Present")


_FY_RE = re.compile(
    rf"^(?:FY\s*)?(?P<y1>(?:19|20)\d\d)\s*[/{_DASHES}]\s*(?P<y2>(?:19|20)?\d\d|present|to date|date)$",
    re.I,
)
_FY_SHORT_RE = re.compile(r"^FY\s*(?P<y2>\d\d(?:\d\d)?)$", re.I)


def parse_financial_year(value: str | None) -> FinancialYear | None:
    """A UK financial year (1 April to 31 March) from "2013 – 14", "2013/14", "2013-2014", "FY2013-14", "FY14"."""
    s = re.sub(r"\s+", " ", (value or "").strip())
    m = _FY_RE.match(s)
    if m:
        y1 = int(m.group("y1"))
        tail = m.group("y2").lower()
        if not tail[0].isdigit():
            return FinancialYear(f"{y1}-present", f"{y1}-04-01", None)
        y2 = int(tail) if len(tail) == 4 else (y1 // 100) * 100 + int(tail)
        if len(tail) == 2 and y2 < y1:  # "1999/00"
            y2 += 100
        if y2 != y1 + 1:
            return None
        return FinancialYear(f"{y1}-{y2 % 100:02d}", f"{y1}-04-01", f"{y2}-03-31")
    m = _FY_SHORT_RE.match(s)
    if m:
        y2 = int(m.group("y2"))
        y2 = y2 if y2 > 100 else 2000 + y2
        return FinancialYear(f"{y2 - 1}-{y2 % 100:02d}", f"{y2 - 1}-04-01", f"{y2}-03-31")
    return None
