"""Stage 5, normalise: small pure functions that make values comparable across documents.

One module per kind of value (text, dates, numbers, legislation, authorities);
every function takes a string and never raises on arbitrary input.
"""
from .dates import DATE_RE, find_dates, parse_date
from .legislation import canonical_legislation
from .text import clean_line, clean_text, one_line

__all__ = ["DATE_RE", "find_dates", "parse_date", "canonical_legislation", "clean_line", "clean_text", "one_line"]
