"""Numbers and financial years as FOI tables print them.

`parse_number` reads a cell value ("1,234", "£1.2m", "£12k", "12%", "(1,234)",
"£(1,234)", "90 staff", "5*" with its footnote marker) into a float; suppressed
or blank cells ("<5", "≤10", "*", "-", "n/a", "nil"), ranks ("1st") and
anything that is not one number give None. `parse_financial_year` reads UK financial
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
# A footnote marker after a figure ("5*", "1,234†", "12 [1]", "£3.2m [note 2]"): the figure stands, flagged in the value.
_FOOTNOTE_RE = re.compile(r"(?<=[\d%)a-zA-Z])\s*(?:\*+|[\u2020\u2021]+|\[(?:note\s*)?\w{1,2}\])$", re.I)
# A currency sign printed before the sign or bracket of a negative amount: "£(1,234)", "£-50".
_CURRENCY_FIRST_RE = re.compile(rf"^(?P<currency>[£$€])\s*(?P<sign>\(|[{_DASHES}])\s*")
_ORDINAL_SUFFIXES = {"st", "nd", "rd", "th"}


@dataclass(frozen=True)
class _Reading:
    number: float
    unit: float  # what one unit of the last printed digit is worth: 1 for "12", 0.1 for "12.5", 100000 for "£1.2m"
    rounded: bool  # printed to a rounded precision: decimals, a multiplier ("£1.2m", "12k") or a percentage


def _read(value: str | None) -> _Reading | None:
    """The figure a cell value prints, with its precision; None when it prints none."""
    s = _FOOTNOTE_RE.sub("", (value or "").strip().replace("\u00a0", " "))
    s = _CURRENCY_FIRST_RE.sub(r"\g<sign>\g<currency>", s)
    if not s or SUPPRESSED_RE.match(s) or parse_financial_year(s):
        return None
    share = _WITH_SHARE_RE.match(s)
    if share and not share.group("count").startswith("("):
        s = share.group("count")
    m = _NUMBER_RE.match(s)
    if not m or bool(m.group("open")) != bool(m.group("close")):
        return None
    digits = m.group("digits").replace(",", "")
    number, scale = float(digits), 1.0
    suffix = (m.group("suffix") or "").lower()
    if suffix in _ORDINAL_SUFFIXES:
        return None  # "1st", "2nd": a rank, not an amount
    if suffix in _MULTIPLIERS and (m.group("currency") or suffix == "k" or len(suffix) > 1):
        scale = _MULTIPLIERS[suffix]  # "£1.2m", "12k", "2 million"; a bare "12m" may be metres or months
    elif suffix and suffix != "%" and not _UNIT_RE.match(suffix):
        return None
    if m.group("open") or (m.group("sign") and m.group("sign") != "+"):
        number = -number
    places = decimals(digits)
    return _Reading(number * scale, 10.0 ** -places * scale, bool(places) or scale != 1 or suffix == "%")


def parse_number(value: str | None) -> float | None:
    """The number a cell value prints, or None (text, suppressed counts, financial years, ordinals, blanks)."""
    reading = _read(value)
    return reading.number if reading else None


def rounding(value: str | None) -> float:
    """How far the printed figure may be from the true one: half its last printed unit when it is rounded
    ("12.5" 0.05, "33%" 0.5, "£1.2m" 50,000), 0 for a whole count ("12") or no figure."""
    reading = _read(value)
    return 0.5 * reading.unit if reading and reading.rounded else 0.0


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
