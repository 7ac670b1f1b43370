"""Build a document's text and its `Line`s together, so offsets always agree; and the usual line pitch of a page."""
from __future__ import annotations

import statistics

from ..model import Line
from ..normalise import clean_line


class TextBuilder:
    """Append lines one by one; `text` is their join with newlines.

    Blank input lines become empty lines (paragraph breaks are meaningful to the
    extractors), but runs of blank lines collapse into one.
    """

    def __init__(self):
        self.parts: list[str] = []
        self.lines: list[Line] = []
        self.offset = 0

    def add(self, raw: str, page: int | None = None, **layout) -> Line | None:
        text = clean_line(raw)
        if not text and (not self.parts or self.parts[-1] == ""):
            return None
        line = Line(text=text, start=self.offset, end=self.offset + len(text), page=page, **layout)
        self.parts.append(text)
        self.offset += len(text) + 1
        if text:
            self.lines.append(line)
        return line

    def break_paragraph(self):
        self.add("")

    @property
    def text(self) -> str:
        return "\n".join(self.parts).strip("\n") if self.parts else ""


def usual_step(steps: list[float]) -> float | None:
    """The line pitch among vertical steps: the smallest step that recurs (within a point) three times and in an eighth of them.

    Not the median: a letter of one-line paragraphs ("Question 1: ...", a
    one-line answer) has more paragraph steps than steps inside a paragraph,
    and the median would be the paragraph step, hiding every paragraph break.
    """
    steps = sorted(s for s in steps if s > 2)
    need = max(3, len(steps) // 8)
    for step in steps:
        near = [s for s in steps if abs(s - step) <= 1]
        if len(near) >= need:
            return statistics.median(near)
    return statistics.median(steps) if steps else None
