"""Dates as FOI letters write them, to ISO 8601."""
from __future__ import annotations

import re
from datetime import date

from dateutil import parser as dateparser


_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# Dates as FOI letters write them: "10th July 2020", "10 July, 2020", "July 10th, 2020",
# "10-Jul-2020" / "10-Jul-20" (spreadsheets, case systems), "10/07/2020" and "10-07-2020" (UK: day first),
# "10.07.20", "2020-07-10", "2020/07/10", "2020-07-10T12:00:00".
DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\.?,?\s+\d{{4}}"
    rf"|\d{{1,2}}-(?:{_MONTHS})-(?:\d{{4}}|\d{{2}}(?!\d))"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})"
    rf"|\d{{1,2}}-\d{{1,2}}-\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{2}}/\d{{2}})(?:\b|(?=T\d))",  # an ISO datetime's date too
    re.I,
)


def two_digit_year(yy: int) -> int:
    """Two-digit years pivot at 50 ("01.01.75" is 1975), whatever today's date."""
    return 2000 + yy if yy < 50 else 1900 + yy


def _to_date(text: str) -> date:
    """The date a DATE_RE match writes (day first where it is ambiguous); raises ValueError if there is none."""
    if m := re.fullmatch(r"(\d{4})[-/](\d{2})[-/](\d{2})", text):
        year, month, day = (int(g) for g in m.groups())
        return date(year, month, day)
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2})", text):
        day, month, yy = (int(g) for g in m.groups())
        return date(two_digit_year(yy), month, day)
    if m := re.fullmatch(r"(\d{1,2})-([a-z]+)-(\d{2})", text, re.I):
        text = f"{m.group(1)} {m.group(2)} {two_digit_year(int(m.group(3)))}"
    parsed = dateparser.parse(text.replace("-", " ") if re.search(r"[a-z]", text, re.I) else text, dayfirst=True, default=None)
    return parsed.date()


def parse_date(s: str | None) -> str | None:
    """An ISO date (YYYY-MM-DD) from a written date, day-first as in the UK; None if there is none.

    Only complete dates count: "July 2020" (no day) and relative phrases give None.
    """
    if not s:
        return None
    m = DATE_RE.search(s)
    if not m:
        return None
    text = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", m.group(0), flags=re.I).replace(" of ", " ")
    try:
        d = _to_date(text)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if not 1900 <= d.year <= 2100:
        return None
    return d.isoformat()


def find_dates(s: str) -> list[tuple[str, int, int]]:
    """Every complete date in `s` as (iso, start, end)."""
    out = []
    for m in DATE_RE.finditer(s or ""):
        iso = parse_date(m.group(0))
        if iso:
            out.append((iso, m.start(), m.end()))
    return out
