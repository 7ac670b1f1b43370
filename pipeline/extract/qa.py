"""Numbered questions of a request paired with their answers.

`extract_qa(doc)` works on any ParsedDocument: a PDF letter, a WhatDoTheyKnow
attachment page, a text rendering, or one message of a correspondence thread
(build a ParsedDocument from its text with `pipeline.parse.lines.TextBuilder`).
For a thread, `answer_questions(questions, reply)` answers the request's
questions from a separate reply message.

How a response lays out its questions and answers varies; the extractor reads
the document as a sequence of *segments* (lines, or parts of lines) and finds
the numbered lists in it ("1.", "2)", "(3)", "Q4", "Q.4", "Question 5", "Point 6", "Part 7",
"A5", sub-items "(a)", "1a)", "1(b)", "2.1", "ii.", also on the line of their number
"1. (a)" or running on one line "(a) ...; (b) ..."). Then:

- one list whose items hold both the question and its answer (the answer after
  an "Answer:"/"Response:" label, after a dash on the question's own line,
  after the line that ends the question with "?", after the "?" on the same
  line, at a line in the authority's voice ("We do not hold ..."), or in the
  paragraphs under it); a list that opens once an answer has begun is part of it;
- a list of questions up front and a second list with the same numbers: each
  item of the second list either restates its question before the answer (the
  restated words are found by aligning them with the first list) or is the
  answer alone ("QUESTIONS ... RESPONSES");
- a table "You asked / Our reply", with or without a number column or a header
  row (see `table_qa_pairs`).

Only the requester's numbered items count: lists in the closing boilerplate
(appeal steps, feedback surveys, after "Yours sincerely") are ignored, and a
list none of whose items carries an answer (a request quoted in an
acknowledgement, the request message itself) gives questions with no answer.

`answer_status` is read from the answer's wording (`status_from_text`);
`pipeline.extract.response` refines it once exemptions are linked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..model import Line, ParsedDocument, QAPair, TableGrid
from ..parse.lines import usual_step

# --------------------------------------------------------------------------
# Segments: the document's lines with layout facts the pairing needs
# --------------------------------------------------------------------------


@dataclass
class Segment:
    """A line of the document, or the part of one, with its provenance."""

    text: str
    start: int  # offset in doc.text
    page: int | None = None
    top: float | None = None
    new_paragraph: bool = False  # a blank line or a wide vertical gap precedes it
    bold: bool = False
    in_data_table: bool = False  # a line of a table that is no numbered list (see `data_table_lines`)
    aside: bool = False  # the requester's remark after a list written inside a paragraph (see `_cut_before_aside`)

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def cut(self, at: int) -> tuple[Segment | None, Segment | None]:
        """Split at character `at` of this segment's text; empty halves are None."""
        head_text, tail_text = self.text[:at].rstrip(), self.text[at:]
        stripped = tail_text.lstrip()
        # A segment not found in the document (start -1) has no offsets to give its halves.
        tail_start = self.start + at + len(tail_text) - len(stripped) if self.start >= 0 else -1
        head = replace(self, text=head_text) if head_text else None
        tail = replace(self, text=stripped, start=tail_start, new_paragraph=False) if stripped else None
        return head, tail


def document_segments(doc: ParsedDocument) -> list[Segment]:
    """The document's lines as segments, without running headers/footers."""
    furniture = page_furniture(doc.lines)
    gaps = _paragraph_thresholds(doc.lines)
    blank_lines_are_breaks = not _blank_lines_inside_sentences(doc)
    in_data_tables = data_table_lines(doc)
    out: list[Segment] = []
    prev: Line | None = None
    for line in doc.lines:
        if not line.text or id(line) in furniture:
            continue
        new_par = False
        if prev is not None:
            if line.page == prev.page and line.top is not None and prev.top is not None:
                # Positioned lines (PDF, pdftohtml): a gap wider than the usual line spacing.
                threshold = gaps.get(line.page)
                new_par = bool(threshold) and line.top - prev.top > threshold
            elif line.page is not None and prev.page is not None and line.page != prev.page:
                new_par = False  # a page break says nothing about paragraphs
            else:  # unplaced lines (text, Word, HTML): a blank line between them
                new_par = blank_lines_are_breaks and "\n\n" in doc.text[prev.end : line.start + 1]
            # A heading standing alone on its line ("DECISION", "Part (a)") is a paragraph of its own,
            # even where the rendering shows no gap (pdftohtml, text pasted without blank lines).
            # So is the closing boilerplate (sign-off, review rights).
            new_par = new_par or is_heading_line(line.text) or is_heading_line(prev.text) or is_closing_text(line.text)
        out.append(Segment(line.text, line.start, line.page, line.top, new_par, line.bold, id(line) in in_data_tables))
        prev = line
    return out


def data_table_lines(doc: ParsedDocument) -> set[int]:
    """ids of the lines printing a table that is not a numbered list: its row labels ("Q1 Ward",
    "2. Brent") are no question numbers. A table most of whose rows open with a number is a list."""
    out: set[int] = set()
    for grid in doc.tables:
        body = [row for row in grid.rows[grid.header_rows :] if row and any(cell.strip() for cell in row)]
        numbered = sum(bool(read_marker(row[0].strip())) for row in body)
        if numbered * 2 >= len(body):
            continue
        out.update(id(line) for line in _grid_lines(doc, grid))
    return out


# A question's label as a paragraph names it: "2", "2a", "(b)", "b)", or a bare letter only before
# punctuation, a dash or "and" ("part b, ...", "parts a and c", "parts a-c") so that "Request a review" names none.
_LABEL = r"(?:\d{1,2}[a-z]?(?![\w.]\w)|\(?(?:[a-z]|[ivx]{1,4})\)|(?:[a-z]|[ivx]{1,4})(?=\s*(?:,|and\b|&|:|\.\s|$|[-–—]|to\b)))"
# The end of a range of labels ("1-3", "(a)–(c)", "1 to 4"), where the labels end: "Question 1 - 34 staff" is no range.
_LABEL_RANGE_END = rf"\s*(?:[-–—]|to\b)\s*{_LABEL}(?=\s*(?:[:;,)]|\.(?:\s|$)|$))"
_LABELS = rf"{_LABEL}(?:{_LABEL_RANGE_END})?(?:\s*(?:,|and|&)\s*{_LABEL}(?:{_LABEL_RANGE_END})?)*"
# "Part (a)", "Question 3", "Q2", "Request 1", "Questions 1 and 2", "Parts (a)–(c)", "Response to question 4"
# alone on a line: a heading naming questions.
_QUESTION_HEADING_RE = re.compile(
    r"^(?:(?:In\s+)?(?:response|answer|reply)\s+to\s+(?:your\s+)?)?"
    rf"(?:(?:part|question|request|point|item|Q)\.?\s*\(?\d{{0,2}}[a-z]?\)?|(?:part|question|request|point|item|Q)s?\.?\s*{_LABELS})\s*:?$",
    re.I,
)


def is_heading_line(text: str) -> bool:
    """A short line that heads what follows: in capitals ("REASON FOR DECISION"), a letter's section
    heading ("Decision", "Public interest test"), or a question's name alone ("Part (a)")."""
    t = text.strip()
    if not t or len(t) > 60 or re.search(r"[.,;?!]$", t):
        return False
    letters = [c for c in t if c.isalpha()]
    return (len(letters) >= 4 and all(c.isupper() for c in letters) and len(t.split()) <= 8) \
        or bool(_SECTION_HEADING_RE.match(t)) or (bool(_QUESTION_HEADING_RE.match(t)) and any(c.isalnum() for c in t[1:]))


# "Page 2", "Page 2 of 3", or a footer ending so: "Disclosure Team | Page 2 of 3".
_PAGE_LABEL_RE = re.compile(r"(?i)(?:.{0,80}?\s[\-–|]\s+)?page\s+\d+(?:\s+of\s+\d+)?")


def page_furniture(lines: list[Line]) -> set[int]:
    """ids of running headers/footers: "Page 2 of 3", or the same line at the same height opening or closing several pages."""
    furniture = {id(line) for line in lines if _PAGE_LABEL_RE.fullmatch(line.text.strip())}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.page is not None and line.text and id(line) not in furniture:
            by_page.setdefault(line.page, []).append(line)
    seen: dict[str, list[Line]] = {}
    for page_lines in by_page.values():
        edges = page_lines[:2] + page_lines[-3:]
        for line in page_lines:
            if not any(line is edge for edge in edges):
                continue
            bare = re.fullmatch(r"[-–]?\s*(\d{1,3})\s*[-–]?", line.text.strip())
            if bare and int(bare.group(1)) == line.page:  # a bare page number
                furniture.add(id(line))
            else:
                seen.setdefault(re.sub(r"\d+", "#", line.text.strip().lower()), []).append(line)
    for same in seen.values():
        tops = [l.top for l in same if l.top is not None]
        if len({l.page for l in same}) >= 2 and (not tops or max(tops) - min(tops) < 20):
            furniture.update(id(l) for l in same)
    return furniture


def _blank_lines_inside_sentences(doc: ParsedDocument) -> bool:
    """True when the renderer put a blank line after every visual line, sentences included.

    (A generic HTML reading of positioned pdftohtml lines does that; a Word
    document's blank lines, by contrast, fall between whole paragraphs.)
    """
    lines = [l for l in doc.lines if l.text]
    pairs = [(a, b) for a, b in zip(lines, lines[1:]) if "\n\n" in doc.text[a.end : b.start + 1]]
    mid_sentence = sum(1 for a, b in pairs if not re.search(r"[.?!:;]$", a.text) and b.text[:1].islower())
    return len(pairs) >= 10 and mid_sentence / len(pairs) >= 0.2


def _paragraph_thresholds(lines: list[Line]) -> dict[int | None, float]:
    """Per page, the step between two lines above which the second opens a paragraph."""
    steps: dict[int | None, list[float]] = {}
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.top is not None and b.top is not None and 2 < b.top - a.top < 60:
            steps.setdefault(a.page, []).append(b.top - a.top)
    return {page: threshold for page, g in steps.items() if len(g) >= 3 and (threshold := paragraph_threshold(g))}


# Steps between the lines of one paragraph vary up to this many line pitches (a bold word, a superscript).
_LINE_WOBBLE = 1.2
# A recurring step at least this many pitches wide is the paragraph step: Word's 6pt spacing after a
# paragraph makes 20pt after 14pt lines (1.43).
_LEAST_PARAGRAPH_RATIO = 1.25
# Without a cluster of wider steps to go by, a paragraph step is wider than this many line pitches.
_PARAGRAPH_RATIO = 1.45


def paragraph_threshold(steps: list[float]) -> float | None:
    """The step above which a line opens a paragraph, from a page's steps between lines.

    The steps fall in two clusters: the line pitch inside paragraphs (`usual_step`) and the
    paragraph step, the recurring step at least a quarter wider. The threshold lies halfway
    between them (not within a paragraph's wobble), or at 1.45 pitches when the page has no
    such cluster or a wider one.
    """
    pitch = usual_step(steps)
    if not pitch:
        return None
    wider = [s for s in steps if s >= _LEAST_PARAGRAPH_RATIO * pitch]
    paragraph_step = usual_step(wider) if len(wider) >= 3 else None
    if paragraph_step is None:
        return _PARAGRAPH_RATIO * pitch
    return min(_PARAGRAPH_RATIO * pitch, max(_LINE_WOBBLE * pitch, (pitch + paragraph_step) / 2))


def segments_text(segments: list[Segment]) -> str:
    """Segments joined as prose: a space within a paragraph, a newline between paragraphs, and
    between the rows of a table or list printed inside a paragraph (see `_row_runs`)."""
    lines: list[list[Segment]] = []  # the segments of each printed line, wrapped sentences joined
    texts: list[str] = []
    starts_paragraph: list[bool] = []
    for seg in segments:
        prev = texts[-1] if texts else ""
        carries_on = bool(texts) and seg.text[:1].islower()
        if carries_on and not seg.new_paragraph and re.search(r"\w-$", prev):
            texts[-1] = prev + seg.text  # a word hyphenated at the line end: "Co-" + "ordinator"
        elif carries_on and (not seg.new_paragraph or re.search(r"[\w,]$", prev)):
            texts[-1] = prev + " " + seg.text  # a wrapped sentence; a page break inside one is no new paragraph
        else:
            lines.append([])
            texts.append(seg.text)
            starts_paragraph.append(bool(prev) and seg.new_paragraph)
        lines[-1].append(seg)
    rows = _row_runs(lines, texts)
    out = ""
    for i, text in enumerate(texts):
        if not out:
            out = text
        elif starts_paragraph[i] or i in rows or i - 1 in rows:
            out += "\n" + text
        else:
            out += " " + text
    return out.strip()


def _row_runs(lines: list[list[Segment]], texts: list[str]) -> set[int]:
    """Indices of the lines in runs of three or more table rows or list entries flattened into a paragraph
    ("Year completed / Count / 2013 – 14 / 17 ...", "Year | Claims / 2021 | 340"), whose line breaks are kept.

    A row is a line of cells joined with " | ", or a short printed line that ends no sentence; most
    lines of the run hold a figure or cells (short lines of prose do not)."""
    def row_like(i: int) -> bool:
        short = max(len(seg.text) for seg in lines[i]) <= 45
        return " | " in texts[i] or (short and not re.search(r"[.!?;,:]$", texts[i]))

    out: set[int] = set()
    run: list[int] = []
    for i in range(len(texts) + 1):
        if i < len(texts) and row_like(i):
            run.append(i)
            continue
        if len(run) >= 3 and sum(bool(re.search(r"\d| \| ", texts[j])) for j in run) * 2 >= len(run):
            out.update(run)
        run = []
    return out


def paragraphs(segments: list[Segment]) -> list[list[Segment]]:
    out: list[list[Segment]] = []
    for seg in segments:
        if not out or seg.new_paragraph:
            out.append([])
        out[-1].append(seg)
    return out


# --------------------------------------------------------------------------
# Numbered items
# --------------------------------------------------------------------------

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]

# A bilingual letter's label names the word in both languages: "Cwestiwn / Question 1:", "Response / Ymateb:".
_OTHER_LANGUAGE = r"(?:[^\W\d_]{2,20}\s*/\s*)"
_IN_OTHER_LANGUAGE = r"(?:\s*/\s*[^\W\d_]{2,20})"

_MARKER_RE = re.compile(
    rf"""^[•\-–*]?\s*["“‘]?(?:
        {_OTHER_LANGUAGE}?(?P<qword>Q\.?|Question|Request|Query|Point|Part|Item){_IN_OTHER_LANGUAGE}?(?:\s*No\.?)?(?:\s*[:.](?=\s*\d{{1,2}}[a-z]?[.:)\-–]))?\s*(?P<qnum>\d{{1,2}})(?P<qsub>[a-z])?(?:\s*[.:)\-–]\s*|\s+|$)
      | {_OTHER_LANGUAGE}?(?P<aword>A(?=\d)|Answer|Response|Reply){_IN_OTHER_LANGUAGE}?(?:\s+to(?:\s+(?:question|Q\.?))?)?\s*(?P<anum>\d{{1,2}})(?:(?P<asub>[a-z])|\((?P<aparsub>[a-z])\))?(?:\s*[.:)\-–]\s*|\s+|$)
      | (?P<pnum>\d{{1,2}})\((?P<psub>[a-z])\)[.:]?(?:\s+|$)
      | (?P<dnum>\d{{1,2}})\.(?P<dsub>\d{{1,2}})\.?(?:\s+|$)
      | (?P<open>\()?(?P<num>\d{{1,2}})(?P<numsub>[a-z])?(?(open)\)|[.):])(?:\s+|$)
      | (?P<ropen>\()?(?P<roman>i{{1,3}}|iv|vi{{0,3}}|ix|x|xi{{1,2}})(?(ropen)\)|[.)])(?:\s+|$)
      | (?P<aopen>\()?(?P<alpha>[a-z])(?(aopen)\)|[.)])(?:\s+|$)
    )""",
    re.X,
)

# "Answer:", "A1", "Response 2:", "Our reply:" — what introduces an answer inside an item.
_ANSWER_LABEL_RE = re.compile(
    r"^(?:A\d{1,2}[a-z]?\b[.:)\-–]?|A\s\d{1,2}[a-z]?[.:)\-–]|A\s*[:\-–]|" + _OTHER_LANGUAGE + "?(?:Answers?|Responses?|Reply|Our (?:response|reply|answer)|"
    r"(?:The )?(?:Trust|Council|Department)(?:'s|’s)? response)" + _IN_OTHER_LANGUAGE + r"?(?:\s+(?:to\s+)?(?:(?:question|point|part|Q\.?)\s*)?\d{1,2}[a-z]?)?\s*(?:[:\-–]|$)|"
    # The authority's name before the word: "NHS Lothian response:", "Force Response:", "Home Office reply -".
    r"(?:The\s+)?(?-i:[A-Z][\w&.]*(?:\s+[A-Z][\w&.]*){0,3})(?:'s|’s)?\s+(?:response|reply|answer)\s*[:\-–])",
    re.I,
)
_QUESTION_LABEL_RE = re.compile(r"^(?:You asked(?: us)?|You requested|Your (?:request|question)|Request|Question|Query)\s*:\s*", re.I)
_INLINE_ANSWER_LABEL_RE = re.compile(
    r"(?:\b(?:Answer|Response|Our (?:response|reply|answer)|Reply)\s*:|(?<=[.?!])\s+A\d{1,2}[a-z]?[.:)])\s*", re.I
)

# Closing boilerplate: once reached, no more questions or answers follow.
_CLOSING_SENTENCE_RE = re.compile(
    r"^(?:Yours (?:sincerely|faithfully)|Kind regards|Best regards|With regards|Regards,?$|"
    # Welsh: "Yn gywir" / "Yr eiddoch yn gywir" (yours sincerely), "Os ydych yn anfodlon" (if you are dissatisfied)
    r"(?:Yr eiddoch )?yn gywir\b|Os ydych(?: chi)? yn anfodlon|"
    r"(?:If|Should) you(?: are|['’]re| be| feel| remain) (?:not satisfied|unhappy|dissatisfied|not happy|not content|aggrieved)|"
    r"(?:If|Should) you (?:disagree|do not agree|wish to (?:challenge|dispute|appeal))\b|"
    r"You (?:can|may) (?:ask|request|apply) (?:us |for )?(?:to review|(?:a|an internal) review|for (?:a|an internal) review)|"
    r"(?:If|Should) you have any (?:further )?(?:queries|questions|concerns|enquiries)|"
    r"(?:If|Should) you require any (?:further|additional) (?:information|assistance|help|clarification)|"
    r"(?:I|We) (?:trust|hope) (?:that )?(?:this|the above|the information(?: (?:provided|supplied|given|above))?) (?:information |response )?(?:is (?:of )?(?:help|helpful|of assistance)|helps|answers|satisfies|meets)|"
    r"(?:Please )?(?:do not hesitate to |feel free to )?contact (?:me|us) if you have any|"
    r"Please (?:do not hesitate to )?contact (?:me|us)\b|"
    r"(?:The )?information (?:supplied|provided|released|disclosed) to you (?:continues to be|is) (?:protected|subject)|"
    r"If you (?:wish|would like|want) to (?:(?:request|ask for|seek) (?:a|an internal) review|complain|appeal|make a complaint)|"
    r"You (?:have|also have) the right to (?:ask for|request|apply for) (?:a|an internal) review|You (?:have|also have) the right to (?:complain|appeal)|"
    r"(?:All |The )?(?:information|material)\b[^.]{0,80}\bOpen Government Licen[cs]e|"
    r"This (?:letter|response|email) (?:acts|serves|is to be treated) as (?:a|the|our) (?:formal )?refusal notice|"
    r"(?:Under|In line with|In accordance with) (?:our duty under )?section 16\b)",
    re.I,
)
_CLOSING_HEADING_RE = re.compile(
    r"^(?:Appeals?(?: rights| procedure)?|Rights? of (?:appeal|complaint)|Your right to (?:complain|appeal)|"
    r"Internal reviews?|Complaints?(?: procedure)?|Rights? (?:to|of) (?:a |an internal )?review|Review (?:procedure|rights)|"
    r"(?:Requesting|Asking for) (?:a|an internal) review|Re-?use of information|Copyright|Queries|Feedback|"
    r"Your right to (?:seek|request|ask for) (?:a|an internal) review|Your rights?|"
    r"Information Commissioner(?:'s|’s)?(?: Office)?|How to complain|Advice and assistance|"
    r"Annex(?:es)?|Appendi(?:x|ces)|Enclosures?|Attachments?|Documents? (?:attached|enclosed))\s*:?$",
    re.I,
)
# The requester's own closing words quoted after the last question ("If it is not possible ... my request").
_REQUESTER_VOICE_RE = re.compile(
    r"\b(?:my request|I would be grateful|I look forward|I would like to receive|please acknowledge)\b", re.I
)
# The authority speaking: after the question's last sentence, a line opening so starts the answer
# (a letter without blank lines between question and answer, or a request quoted in an acknowledgement).
_AUTHORITY_VOICE_RE = re.compile(
    r"^(?:We\s+(?!would like|wish|want|are (?:interested|requesting|asking)|request|ask\b)|"
    r"I\s+(?:can\b|am (?:able|unable|writing|required|obliged)|confirm|have (?:attached|enclosed|searched|made|conducted|consulted))|"
    # How the request was handled: "Following receipt of your request, searches were conducted ...".
    r"Following (?:receipt of|a search|searches|enquiries|consultation)\b|(?:Searches|Enquiries|Checks) (?:were|have been) (?:made|conducted|carried out|undertaken)\b|"
    # "The Council owns ...", "The Trust does not ..."
    r"The\s+(?:(?:[A-Z][\w&]*|council|trust|department|authority|force|board|ministry)\s+){1,4}"
    r"(?:does|do|did|has|have|holds?|is|are|was|were|can|cannot|employs?|spent|received|operates?|estimates?|owns?|"
    r"manages?|maintains?|uses?|used|provides?|provided|issued|recorded|pays?|paid|runs?|commission(?:s|ed)?)\b|"
    r"(?:This|The) information (?:is|was|you|requested)\b|(?:It|They|These|Those)\s+(?:is|are|was|were|has|have|use|used|cost|employ)\b|"
    r"The\s+(?:\w+\s+){1,3}(?:is|are|was|were|totals?|totalled|cost)\s+(?:£|\d|approximately|around|about)|"
    r"There\s+(?:is|are|was|were|has been|have been)\b|Your (?:request|question) (?:is|was|has)\b|(?:Before|Once) we\b|"
    r"In order (?:for us )?to (?:respond|answer|deal|process|comply)\b|Please (?:see|find|refer)\b|(?:Yes|No)\b[.,;:!]|"
    r"(?:None|Nil|Not held|Not applicable|N/A)\b|"
    # The law the answer rests on: "Section 12(1) of the Act allows ...", "Regulation 12(4)(a) of the EIR provides ..."
    r"(?:Section|Regulation|s\.|reg\.)\s?\d+(?:\(\w+\))*\s+of\s+(?:the\s+)?(?:(?:[A-Z(][\w()]*|of|and)\s+){0,6}?(?:\d{4}\s+)?"
    r"(?:allows|permits|provides|enables|exempts|states|says|sets out|requires|means|applies)\b)"
)
# A question answered on its own line: "How many vehicles? They use 4 vehicles." (a figure or the authority's voice after the "?").
_ANSWERED_ON_THE_LINE_RE = re.compile(
    r"\?[\"”’]?\s+(?=(?:(?!(?:19|20)\d\d\b)\d|£)[^?]*$|" + _AUTHORITY_VOICE_RE.pattern[1:] + r"[^?]*$)"
)
# Words that continue a question on the next line even after a "?".
_QUESTION_CONTINUES_RE = re.compile(r"^(?:please|and|or|also|if|including|include|e\.g\.|i\.e\.|for example|specifically|in particular|\()", re.I)


@dataclass
class Marker:
    style: str  # num | alpha | roman | qlabel ("Q3") | alabel ("A3", "Answer 3")
    value: int  # 1-based position in its sequence
    label: str  # as written, without punctuation: "3", "2a", "b", "iv"
    length: int  # characters the marker takes at the segment's start
    sub: str | None = None  # "a" of "2a)", "3" of "1.3"

    @property
    def opens_sub_items(self) -> bool:
        """ "1a)" or "1.1": the first sub-item, which may open the list with it."""
        return self.sub in ("a", "1")

    @property
    def sub_ordinal(self) -> int | None:
        """The sub-item's place: 2 for "1b)" and for "1.2"."""
        if self.sub is None:
            return None
        return int(self.sub) if self.sub.isdigit() else ord(self.sub) - ord("a") + 1

    def is_sub_item_of(self, parent: Item) -> bool:
        return self.sub is not None and self.label in (parent.label + self.sub, f"{parent.label}.{self.sub}")


@dataclass
class Item:
    label: str
    body: list[Segment] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    # Where in `body` the answer starts, when the item's number is repeated before it ("1. Q / 1. A").
    answer_at: int | None = None
    marker: Segment | None = None  # the marker as written ("(b)"), kept when an answer quotes its sub-items whole

    def segments(self) -> list[Segment]:
        """The item's text with its sub-items, their markers included."""
        return self.body + [seg for child in self.children for seg in ([child.marker] if child.marker else []) + child.segments()]


@dataclass
class NumberedList:
    style: str
    items: list[Item] = field(default_factory=list)


def read_marker(text: str) -> list[Marker]:
    """The ways the start of `text` can be read as a list marker (a lone "i" may be a letter or a numeral)."""
    m = _MARKER_RE.match(text)
    if not m:
        return []
    length = m.end()
    if m.group("qnum"):
        sub = m.group("qsub")
        return [Marker("qlabel", int(m.group("qnum")), m.group("qnum") + (sub or ""), length, sub)]
    if m.group("anum"):
        sub = m.group("asub") or m.group("aparsub")
        return [Marker("alabel", int(m.group("anum")), m.group("anum") + (sub or ""), length, sub)]
    if m.group("dnum"):  # "1.2": sub-item 2 of item 1
        num, sub = m.group("dnum"), m.group("dsub")
        return [Marker("num", int(num), f"{num}.{sub}", length, sub)]
    if m.group("num") or m.group("pnum"):
        num, sub = (m.group("num"), m.group("numsub")) if m.group("num") else (m.group("pnum"), m.group("psub"))
        return [Marker("num", int(num), num + (sub or ""), length, sub)]
    out = []
    if m.group("roman"):
        roman = m.group("roman")
        out.append(Marker("roman", _ROMAN.index(roman) + 1, roman, length))
        if len(roman) == 1:
            out.append(Marker("alpha", ord(roman) - ord("a") + 1, roman, length))
    if m.group("alpha"):
        out.append(Marker("alpha", ord(m.group("alpha")) - ord("a") + 1, m.group("alpha"), length))
    return out


def segment_markers(seg: Segment) -> list[Marker]:
    """The list markers `seg` opens with; none for a row of a data table."""
    return [] if seg.in_data_table else read_marker(seg.text)


def is_closing(seg: Segment) -> bool:
    return is_closing_text(seg.text)


def is_closing_text(text: str) -> bool:
    """Whether a line or sentence opens the closing boilerplate (sign-off, review and complaint rights, ...)."""
    text = text.strip()
    return bool(_CLOSING_SENTENCE_RE.match(text)) or (len(text) < 60 and bool(_CLOSING_HEADING_RE.match(text)))


def find_lists(segments: list[Segment]) -> list[NumberedList]:
    """The numbered lists in reading order, each with nested sub-items; nothing after the closing boilerplate.

    A list starts at 1 (or a, or i) and goes on while markers of its style
    count up; a marker of another style starting at 1 opens sub-items of the
    current item; a same-style 1 starts a new list, unless the item introduces
    it ("... the following boroughs:") and it is a list of its own (see
    `_nested_run`). Text between markers belongs to the item above it, until
    the closing boilerplate or the requester's own closing words.
    """
    lists: list[NumberedList] = []
    top: NumberedList | None = None
    sub: NumberedList | None = None  # sub-items of top's last item
    stopped = False  # the current item ended (requester's closing words); wait for the next marker
    nested_next, nested_last = 0, 0  # the numbers of a list inside the current item still to come
    segments = _split_inline_markers(segments)
    paragraph_text = {id(par[0]): segments_text(par) for par in paragraphs(segments)}
    for n, seg in enumerate(segments):
        if top is not None and is_closing(seg):
            break
        placed = False
        markers = segment_markers(seg) or _bare_next_number(seg, top, sub)
        leaf = (sub.items[-1] if sub and sub.items else top.items[-1]) if top and top.items else None
        same_style = [m.value for m in markers if top and m.style == top.style and m.sub is None]
        if leaf and nested_next and nested_next in same_style and nested_next <= nested_last:
            leaf.body.append(seg)  # "2. Harrow" of "1. Brent 2. Harrow" inside the answer
            nested_next += 1
            continue
        if leaf and leaf.body and 1 in same_style and _introduces_list(leaf.body[-1]) and (
            top is not lists[0] or _answering(leaf) or len(paragraphs(leaf.body)) > 1
        ):  # in an answer: of an answer list, or after the question
            nested_last = _nested_run(segments[n:], top.style, len(top.items))
            if nested_last:
                leaf.body.append(seg)
                nested_next = 2
                continue
        nested_next = 0
        # A marker that continues a running sequence wins over one that would open a new one.
        for marker in sorted(markers, key=lambda m: not _continues(m, top, sub)):
            written, rest = seg.cut(marker.length)
            item = Item(marker.label, marker=written)
            if rest:
                item.body.append(rest)
            parent = top.items[-1] if top and top.items else None
            leaf = sub.items[-1] if sub and sub.items else parent
            if leaf and leaf.body and leaf.answer_at is None and marker.label == leaf.label and not _answering(leaf):
                # The same number again: the answer to the item just asked.
                leaf.answer_at = len(leaf.body)
                if rest:
                    leaf.body.append(rest)
            elif parent and marker.style == top.style and marker.is_sub_item_of(parent):
                # "2a)" or "2.1" after "2." or "2a)": a sub-item written with its parent's number
                numbered_subs = sub is not None and sub.style == "numsub"
                if marker.sub_ordinal != (len(sub.items) + 1 if numbered_subs else 1):
                    continue  # "1.5 million ...": not the next sub-item
                if not numbered_subs:
                    sub = NumberedList("numsub")
                    parent.children = sub.items
                sub.items.append(item)
            elif top and marker.style == top.style and marker.value == len(top.items) + 1:
                if marker.sub and not marker.opens_sub_items:
                    continue
                if marker.sub:  # "2.1" after "1.3": item 2, opened by its first sub-item
                    sub = NumberedList("numsub", [item])
                    top.items.append(Item(str(marker.value), children=sub.items))
                else:
                    top.items.append(item)
                    sub = None
            elif sub and marker.style == sub.style and marker.value == len(sub.items) + 1:
                sub.items.append(item)
            elif parent and marker.style not in (top.style, "qlabel", "alabel") and marker.value == 1:
                if _answering(leaf):
                    continue  # a list inside the answer
                sub = NumberedList(marker.style, [item])
                parent.children = sub.items
            elif marker.value == 1 and (marker.sub is None or marker.opens_sub_items):
                if marker.sub:  # "1a)" or "1.1" opening a list: item 1 with its first sub-item
                    sub = NumberedList("numsub", [item])
                    top = NumberedList(marker.style, [Item(str(marker.value), children=sub.items)])
                else:
                    top, sub = NumberedList(marker.style, [item]), None
                lists.append(top)
            else:
                continue
            placed, stopped = True, False
            break
        if placed or top is None or not top.items or stopped:
            continue
        if seg.aside or seg.new_paragraph and _REQUESTER_VOICE_RE.search(paragraph_text.get(id(seg), "")) or _heads_earlier_answers(seg, top):
            stopped = True
            continue
        current = sub.items[-1] if sub and sub.items else top.items[-1]
        current.body.append(seg)
    return [l for l in lists if len(leaves(l)) >= 2 or len(l.items) >= 2]


# A number with no punctuation before a capitalised word ("2 Copies of ..."); a date ("3 March") is none.
_BARE_NUMBER_RE = re.compile(
    r"^(?P<num>\d{1,2})\s+(?=[A-Z][a-z])(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
)
# How a list writes its numbers when it puts no dot or bracket after them: "1(a)", "1a", "1".
_UNPUNCTUATED_NUMBER_RE = re.compile(r"\d{1,2}(?:[a-z]|\([a-z]\))?")


def _bare_next_number(seg: Segment, top: NumberedList | None, sub: NumberedList | None) -> list[Marker]:
    """A bare "2 Copies of ..." read as item 2 of a list that writes its numbers without punctuation
    ("1(a) ...", "1(b) ..."): only the number the list expects next, so a figure opening a line is none."""
    m = _BARE_NUMBER_RE.match(seg.text)
    if seg.in_data_table or not m or top is None or top.style != "num" or int(m.group("num")) != len(top.items) + 1:
        return []
    last = sub.items[-1] if sub and sub.items else top.items[-1]
    if last.marker is None or not _UNPUNCTUATED_NUMBER_RE.fullmatch(last.marker.text.strip()):
        return []
    return [Marker("num", int(m.group("num")), m.group("num"), m.end())]


def _heads_earlier_answers(seg: Segment, top: NumberedList) -> bool:
    """A heading alone on its line that names items of the list before the current one ("Questions 1
    and 2", "Response to question 1" under question 2): the answers have begun, so the current item ends."""
    m = _ANSWER_REFERENCE_RE.match(seg.text.strip()) if is_heading_line(seg.text) else None
    if not m:
        return False
    listed = leaves(top)
    current = {listed[-1][0], top.items[-1].label}
    earlier = {label for label, _ in listed[:-1]} | {item.label for item in top.items[:-1]}
    return any(label in earlier - current for label in referenced_labels(m.group("labels")))


def _introduces_list(seg: Segment) -> bool:
    """A sentence ending with a colon ("The service covers the following boroughs:"), not a heading
    ("Our response:", "You asked:") that would introduce the letter's own lists."""
    text = seg.text.strip()
    return text.endswith(":") and not (
        _ANSWER_LABEL_RE.match(text) or _QUESTION_LABEL_RE.match(text) or _SECTION_HEADING_RE.match(text)
        or is_closing(seg)
    )


def _nested_run(segments: list[Segment], style: str, items_so_far: int) -> int:
    """How many items a list opening at segments[0] ("1. Brent") has when it sits inside the current
    item rather than starting a list of its own; 0 when it starts one.

    It counts 1, 2, ... k; it is nested when the letter's list then goes on with its own next number
    ("2. How many staff ..." after "1. Brent 2. Harrow 3. Barnet"), or when it ends shorter than the
    list it would otherwise restate (a list of all the answers after the questions is as long as they are).
    """
    run = 0
    for seg in segments:
        if run and is_closing(seg):
            break
        values = [m.value for m in segment_markers(seg) if m.style == style and m.sub is None]
        if not values:
            continue
        if run + 1 in values:
            run += 1
            continue
        return run if items_so_far + 1 in values and items_so_far + 1 <= run else 0
    return run if run < items_so_far else 0


def _answering(item: Item) -> bool:
    """Whether the item's answer has begun: a list opening after that ("The following wards: a) Brent
    b) Harrow") is part of the answer, not sub-questions."""
    if item.answer_at is not None:
        return True
    split = split_item(item.body)
    return bool(split.answer) and split.marked


def _continues(marker: Marker, top: NumberedList | None, sub: NumberedList | None) -> bool:
    if top and marker.style == top.style and marker.value == len(top.items) + 1:
        return True
    return bool(sub and marker.style == sub.style and marker.value == len(sub.items) + 1)


def _split_inline_markers(segments: list[Segment]) -> list[Segment]:
    """Cut lines where a list marker sits inside them.

    - '1. Yes. 2. Not held. 3. ...' or '(a) the number; (b) the cost' on one line: before each
      inline marker that continues the count;
    - '1. (a) How many ...': between the item's number and its first sub-item;
    - 'I would like the following information. 1. The number of ...' or 'You asked: 1. How many ...?
      2. How many ...?' (a paragraph kept as one line or wrapped anywhere): before an inline '1.' when
      the list goes on with '2.', at the start of a later line or inside the text that follows;
      then before each inline number that continues the count, on this line or the next ones.
    """
    out: list[Segment] = []
    expected: int | None = None  # the number a running numbered list goes on with
    in_paragraph = False  # the running list's items are written inside a paragraph, not each on its line
    for n, seg in enumerate(segments):
        markers = segment_markers(seg)
        if not markers:
            if seg.in_data_table:
                out.append(seg)
                continue
            head, tail = _cut_before_inline_number(seg, segments[n + 1 :], expected)
            if tail is None:
                in_paragraph = in_paragraph and not seg.new_paragraph
                pieces = _cut_before_aside(seg) if in_paragraph else [seg]
                in_paragraph = in_paragraph and len(pieces) == 1
                out.extend(pieces)
                continue
            if head:
                out.append(head)
            in_paragraph = head is not None
            seg, markers = tail, read_marker(tail.text)
        else:
            in_paragraph = False
        number, rest = seg.cut(markers[0].length)
        inner = read_marker(rest.text) if rest and markers[0].style == "num" else []
        if number and inner and inner[0].style in ("alpha", "roman") and inner[0].value == 1:
            out.append(number)
            seg, markers = rest, inner
        items = _split_running_items(seg, markers[0])
        in_paragraph = in_paragraph or len(items) > 1
        if in_paragraph:
            *items, last = items
            items += _cut_before_aside(last)
            in_paragraph = not items[-1].aside
        out.extend(items)
        if markers[0].style == "num" and markers[0].sub is None:
            expected = markers[0].value + len(items)
    return out


# A sentence in the requester's first person after a list written inside a paragraph ("... 3. The harm
# review. I am not asking for any personal data, so ..."): a remark on the request, no part of its last
# item. Not a further wish ("I would like it by year") nor the authority answering ("I do not hold ...").
_ASIDE_RE = re.compile(
    r"(?<=[.!?])\s+(?=I\s+(?:am|would|do not|don't)\b(?!\s+(?:also\s+)?(?:like|prefer|want|hold|have)\b))"
)


def _cut_before_aside(seg: Segment) -> list[Segment]:
    """`seg`, or its head and the requester's remark that follows the sentence end (marked as an aside)."""
    for m in _ASIDE_RE.finditer(seg.text):
        head, tail = seg.cut(m.start())
        if head and tail and not _AUTHORITY_VOICE_RE.match(tail.text):
            return [head, replace(tail, aside=True)]
    return [seg]


def _inline_number(value: int) -> re.Pattern:
    """Item `value`'s number inside a line, after the end of a sentence (or a colon, for the first)."""
    return re.compile(rf"(?<={'[.:?!;]' if value == 1 else '[.?!;]'})\s+(?=\(?{value}[.)]\s+\S)")


def _cut_before_inline_number(
    seg: Segment, following: list[Segment], expected: int | None
) -> tuple[Segment | None, Segment | None]:
    """`seg` cut before an inline item number: the one a running list expects next, or a '1.' that
    the text after it continues with '2.'. (seg, None) when there is none."""
    if expected is not None and (m := _inline_number(expected).search(seg.text)):
        return seg.cut(m.start())
    m = _inline_number(1).search(seg.text)
    if not m:
        return seg, None
    head, tail = seg.cut(m.start())
    if tail is None or not read_marker(tail.text):
        return seg, None
    if _next_marker_value(following) == 2:
        return head, tail
    # The text up to the next line that opens with a marker: a wrapped paragraph holding the list.
    run = [tail.text]
    for later in following[:6]:
        if read_marker(later.text):
            break
        run.append(later.text)
    if _inline_number(2).search(" ".join(run)):
        return head, tail
    return seg, None


def _split_running_items(seg: Segment, marker: Marker) -> list[Segment]:
    """`seg`, which opens with `marker`, cut before each later marker on it that continues the count."""
    out = []
    written = seg.text[: marker.length].strip()
    value = marker.value
    while True:
        value += 1
        if marker.style == "num":
            following = rf"(?<=[.!?])\s+(?={value}[.)]\s)"
        elif marker.style in ("alpha", "roman") and value <= len(_ROMAN):
            label = _ROMAN[value - 1] if marker.style == "roman" else chr(ord("a") + value - 1)
            following = r"(?<=[.!?;])\s+(?=" + re.escape(written.replace(marker.label, label, 1)) + r"\s)"
        else:
            break
        m = re.search(following, seg.text)
        if not m:
            break
        head, tail = seg.cut(m.start())
        if head is None or tail is None:
            break
        out.append(head)
        seg = tail
    out.append(seg)
    return out


def _next_marker_value(segments: list[Segment]) -> int | None:
    for seg in segments:
        markers = segment_markers(seg)
        if markers:
            return markers[0].value if markers[0].style == "num" else None
    return None


def answer_items(lst: NumberedList) -> dict[str, Item]:
    """An answer list's items by label: its leaves, and each item with sub-items under its own label too
    (the answer to a question that named its parts inline: "1. Please provide (a) ...; (b) ...")."""
    out = dict(leaves(lst))
    for item in lst.items:
        out.setdefault(item.label, item)
    return out


def leaves(lst: NumberedList) -> list[tuple[str, Item]]:
    """The list's items with sub-items flattened: ("1", item), ("2a", sub-item), ("2b", ...), ("3", item)."""
    out = []
    for item in lst.items:
        if item.children:
            for child in item.children:
                label = child.label if child.label[:1].isdigit() else item.label + child.label
                out.append((label, child))
        else:
            out.append((item.label, item))
    return out


# --------------------------------------------------------------------------
# Splitting an item into its question and its answer
# --------------------------------------------------------------------------


@dataclass
class Split:
    question: list[Segment]
    answer: list[Segment]
    marked: bool = True  # the answer's start is marked (a label, a "?", bold, a change of voice), not only a new paragraph


def split_item(body: list[Segment], answer_at: int | None = None) -> Split:
    """Where the question ends and the answer starts inside one item's text."""
    if not body:
        return Split([], [])
    if answer_at is not None:
        return Split(body[:answer_at], body[answer_at:])
    for i, seg in enumerate(body):
        m = _ANSWER_LABEL_RE.match(seg.text)
        if m and i > 0:
            label_rest = seg.cut(m.end())[1]
            return Split(_without_authority_prose(body[:i]), ([label_rest] if label_rest else []) + body[i + 1 :])
    first = paragraphs(body)[0]
    for i, seg in enumerate(first):
        m = _INLINE_ANSWER_LABEL_RE.search(seg.text)
        if m and (i > 0 or m.start() > 0):
            head, tail = seg.cut(m.start())
            tail = tail.cut(len(m.group(0).lstrip()))[1] if tail else None
            return Split(body[:i] + ([head] if head else []), ([tail] if tail else []) + body[i + 1 :])
        # "... in housing support. – this has been answered in point 1"
        m = re.search(r"(?<=[.?])\s+[–—-]\s+(?=\w)", seg.text)
        if m:
            head, tail = seg.cut(m.start())
            tail = tail.cut(1)[1] if tail else None
            return Split(body[:i] + ([head] if head else []), ([tail] if tail else []) + body[i + 1 :])
    if first[0].bold:  # a question in bold, its answer in plain text
        plain = next((i for i, seg in enumerate(first) if not seg.bold), None)
        if plain:
            return Split(body[:plain], body[plain:])
    for i, seg in enumerate(first):
        following = first[i + 1].text if i + 1 < len(first) else None
        if following and re.search(r"\?[\"”’]?$", seg.text) and not _QUESTION_CONTINUES_RE.match(following):
            return Split(body[: i + 1], body[i + 1 :])
        if m := _ANSWERED_ON_THE_LINE_RE.search(seg.text):  # "b) How many vehicles? They use 4 vehicles."
            head, tail = seg.cut(m.end())
            return Split(body[:i] + ([head] if head else []), ([tail] if tail else []) + body[i + 1 :])
        if following and re.search(r"[.!?][\"”’]?$", seg.text) and _AUTHORITY_VOICE_RE.match(following):
            return Split(body[: i + 1], body[i + 1 :])
    return Split(first, body[len(first) :], marked=False)


def _without_authority_prose(question: list[Segment]) -> list[Segment]:
    """The question without the paragraphs after it in the authority's voice: the last question of a
    list runs on over the letter's prose up to the answers ("Following receipt of your request, searches
    were conducted ...", "I am required ..."), which is neither question nor answer."""
    pars = paragraphs(question)
    for k in range(1, len(pars)):
        if re.search(r"[.!?][\"”’]?$", pars[k - 1][-1].text) and _AUTHORITY_VOICE_RE.match(pars[k][0].text):
            return [seg for par in pars[:k] for seg in par]
    return question


def _tokens(text: str) -> list[tuple[str, int]]:
    return [(m.group(0).lower(), m.start()) for m in re.finditer(r"[A-Za-z0-9]+", text)]


def lcs_prefix_lengths(a: list[str], b: list[str]) -> list[int]:
    """For each k, the length of the longest common subsequence of a[:k] and b."""
    out = [0]
    row = [0] * (len(b) + 1)
    for token in a:
        new = [0] * (len(b) + 1)
        for j, other in enumerate(b, 1):
            new[j] = row[j - 1] + 1 if token == other else max(row[j], new[j - 1])
        row = new
        out.append(row[-1])
    return out


def _split_by_alignment(body: list[Segment], question: str) -> Split | None:
    """The restated question is the prefix of `body` whose words best match `question` (None if none does)."""
    wanted = [t for t, _ in _tokens(question)]
    if not wanted:
        return None
    positions = []  # (token, segment index, offset in segment)
    for i, seg in enumerate(body):
        positions.extend((t, i, off) for t, off in _tokens(seg.text))
    # Words in the question's order: an answer that reuses the question's words in its own
    # order ("The council employs 24 officers" for "How many officers does the council employ?")
    # does not restate it.
    limit = min(len(positions), int(len(wanted) * 1.5) + 3)
    common = lcs_prefix_lengths([t for t, _, _ in positions[:limit]], wanted)
    best_k, best = 0, 0.0
    for k in range(1, limit + 1):
        score = 2 * common[k] / (k + len(wanted))
        if score > best:
            best_k, best = k, score
    if best < 0.75:
        return None
    if any(t.isdigit() and t not in wanted for t, _, _ in positions[:best_k]):
        return None  # "14 bridges are weight restricted" for "Which bridges are weight restricted?": a figure answers
    if best_k == len(positions):
        return Split(body, [])
    _, i, off = positions[best_k]
    while off > 0 and not body[i].text[off - 1].isspace():
        off -= 1  # keep a word's leading symbol ("£3m") with it
    if off > 0 and not re.search(r"[.?!:;\"”)\]]\s*$", body[i].text[:off]) and body[i].text[off:off + 1].islower():
        return None  # "The cost of the contract | was £593 million.": an answer built on the question's words
    head, tail = body[i].cut(off)
    return Split(body[:i] + ([head] if head else []), ([tail] if tail else []) + body[i + 1 :])


# --------------------------------------------------------------------------
# Pairing
# --------------------------------------------------------------------------


@dataclass
class Pairing:
    """One question with its answer, as segments (before they become a QAPair)."""

    number: str
    question: list[Segment]
    answer: list[Segment]


def pair_lists(lists: list[NumberedList]) -> list[Pairing]:
    """Choose the request's list and pair its items with their answers.

    The first list is the request. Its answers are, in order of preference:
    a later list with the same numbers that restates the questions; the
    items' own text after each question; a later list with the same numbers
    (answers alone). Failing all three, the request was only quoted.
    """
    lists = [part for numbered in lists for part in _without_section_headings(numbered)]
    if not lists:
        return []
    q_leaves = leaves(lists[0])
    own = {label: split_item(item.body, item.answer_at) for label, item in q_leaves}
    questions = {label: segments_text(own[label].question) for label, _ in q_leaves}
    candidates = []  # (index in lists, items by the request's numbers) of the later lists answering them
    for n, later in enumerate(lists[1:], 1):
        found = by_request_numbers(answer_items(later))
        if _same_numbers(questions, found):
            candidates.append((n, found))
    answer_list = _current_answers(lists, candidates)
    restates = answer_list is not None and _restates(questions, answer_list)
    with_answers = sum(1 for label, _ in q_leaves[:-1] if own[label].answer)
    if not restates and len(q_leaves) > 1 and with_answers * 2 >= len(q_leaves) - 1:
        return [Pairing(label, own[label].question, own[label].answer) for label, _ in q_leaves]
    out = []
    for label, _ in q_leaves:
        item = answer_list and (answer_list.get(label) or answer_list.get(re.sub(r"(?:[a-z]+|\.\d+)$", "", label)))
        out.append(Pairing(label, own[label].question, answer_part(item, questions[label]) if item else []))
    return out


# What introduces the answers a letter gave before (quoted in an internal review), and the new ones.
_EARLIER_ANSWERS_RE = re.compile(
    r"\b(?:original|initial|previous|earlier|first)\s+(?:response|reply|answers?|decision)\b|\byou were told\b|"
    r"\b(?:our|the) (?:response|reply) (?:of|dated|sent)\b",
    re.I,
)
_REVIEW_ANSWERS_RE = re.compile(
    r"\b(?:review|reviewed|reviewing|revised|reconsidered|findings|new|updated|fresh)\b", re.I
)


def _current_answers(lists: list[NumberedList], candidates: list[tuple[int, dict[str, Item]]]) -> dict[str, Item] | None:
    """Of the later lists with the request's numbers, the one that answers now: an internal review
    may quote the original answers ("Our original response: 1. ...") before giving its own ("Review
    findings: 1. ..."), each list under a line saying which it is."""
    current = [found for n, found in candidates if not _quotes_earlier_answers(_intro(lists[n - 1]))]
    if current:
        return current[0]
    return candidates[0][1] if candidates else None


def _quotes_earlier_answers(intro: str) -> bool:
    """ "Our original response", "You were told:" (not "Having reviewed the original response, I have revised it:")."""
    return bool(_EARLIER_ANSWERS_RE.search(intro)) and not _REVIEW_ANSWERS_RE.search(intro)


def _intro(previous: NumberedList) -> str:
    """The line before a list: the last paragraph of the list before it (text after a list's last
    item runs on in that item until the next list opens)."""
    last = leaves(previous)[-1][1] if previous.items else None
    if last is None or not last.body:
        return ""
    pars = paragraphs(last.body)
    return segments_text(pars[-1]) if len(pars) > 1 else ""


# An answer the authority numbered its own way naming the request's items it answers:
# "Question 1 (your points 1-3)", "2. Point 4:", "(your questions 5 and 6)".
_REQUEST_NUMBERS_RE = re.compile(
    r"^\(?\s*(?:your\s+)?(?:points?|questions?|parts?|items?|requests?|Q)\s*"
    r"(?P<labels>\d{1,2}(?:\s*(?:-|–|to|,|and|&)\s*\d{1,2})*)\s*\)?\s*[:.\-–]?\s*",
    re.I,
)


def by_request_numbers(answers: dict[str, Item]) -> dict[str, Item]:
    """The answer list's items under the request's numbers they name, when they name them
    ("Question 1 (your points 1-3)" answers 1, 2 and 3), without that reference; else as numbered."""
    named: dict[str, Item] = {}
    unnamed: dict[str, Item] = {}
    for label, item in answers.items():
        m = _REQUEST_NUMBERS_RE.match(item.body[0].text) if item.body else None
        if not m:
            unnamed[label] = item
            continue
        rest = item.body[0].cut(m.end())[1]
        answer = replace(item, body=([rest] if rest else []) + item.body[1:])
        for number in _expand_numbers(m.group("labels")):
            named.setdefault(number, answer)
    return {**unnamed, **named} if named else answers


def _expand_numbers(labels: str) -> list[str]:
    """ "1-3" -> 1, 2, 3; "1, 2 and 4" -> 1, 2, 4."""
    out: list[str] = []
    for m in re.finditer(r"(\d+)(?:\s*(?:-|–|to)\s*(\d+))?", labels):
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        out.extend(str(n) for n in range(first, min(last, first + 30) + 1))
    return out


def _same_numbers(questions: dict[str, str], answers: dict[str, Item]) -> bool:
    return sum(label in answers for label in questions) * 2 >= len(questions)


def _restates(questions: dict[str, str], answers: dict[str, Item]) -> bool:
    """Whether most items of the answer list open by repeating their question."""
    restated = sum(
        1 for label, question in questions.items()
        if label in answers and _split_by_alignment(answers[label].body, question) is not None
    )
    return restated * 2 >= len(questions)


_SECTION_HEADING_RE = re.compile(
    r"^(?:your |the |our )?(?:request|response|decision|background|introduction|summary|exemptions?(?: applied)?|"
    r"public interest(?: test)?|information (?:requested|held|provided|withheld)|reasons?(?: for (?:the )?decision)?|"
    r"outcome|next steps|appeals?|complaints?|internal review|advice and assistance|further information|contact details)\s*:?$",
    re.I,
)


def _without_section_headings(numbered: NumberedList) -> list[NumberedList]:
    """A letter's numbered section headings ("1. Your request", "2. Our response") are not a request's items:
    in their place, the lists inside the sections."""
    firsts = [segments_text(paragraphs(item.body)[0]) if item.body else "" for item in numbered.items]
    if sum(bool(_SECTION_HEADING_RE.match(first)) for first in firsts) * 2 < len(firsts):
        return [numbered]
    return [NumberedList("sub", item.children) for item in numbered.items if len(item.children) >= 2]


def answer_part(item: Item, question: str) -> list[Segment]:
    """The answer in an item of the answer list: after the restated question or an answer label, else all of it."""
    body = item.segments()
    if item.answer_at is not None:
        return body[item.answer_at :]
    restated = _split_by_alignment(body, question)
    if restated:
        return without_answer_label(restated.answer)
    if any(_ANSWER_LABEL_RE.match(seg.text) for seg in body[1:]):
        return split_item(body).answer
    return without_answer_label(body)  # "Question 1 / Response: ..."


def without_answer_label(answer: list[Segment]) -> list[Segment]:
    """The answer without the "Response:" / "Answer:" label that opens it."""
    if answer and (m := _ANSWER_LABEL_RE.match(answer[0].text)):
        rest = answer[0].cut(m.end())[1]
        return ([rest] if rest else []) + answer[1:]
    return answer


# --------------------------------------------------------------------------
# Questions and answers in a table ("You asked us:" | "Our reply:")
# --------------------------------------------------------------------------

_QUESTION_HEADER_RE = re.compile(
    r"^(?:you asked(?: us)?|your (?:request|questions?)|questions?(?: asked)?|query|queries|request(?:ed)?(?: information)?|"
    r"information requested|details of (?:the )?request)\b",
    re.I,
)
_ANSWER_HEADER_RE = re.compile(
    r"^(?:our (?:reply|response|answer)|reply|responses?|answers?|information (?:provided|supplied)|"
    r"(?:the )?(?:trust|council|department)(?:'s|’s)? response)\b",
    re.I,
)


_NUMBER_HEADER_RE = re.compile(r"^(?:no\.?|number|ref\.?|#|item|q\.?|q(?:uestion)?\.?\s*(?:no\.?|number))$", re.I)


@dataclass
class QAColumns:
    question: int
    answer: int
    number: int | None = None  # a column holding the item numbers, when the question cells lack them
    first_row: int = 1  # 0 for a table without a header row


def table_qa_pairs(doc: ParsedDocument) -> list[Pairing]:
    """Numbered questions in the question column of a Q/A table, with the answers beside them.

    A table continued on the next page without its header carries on the
    last question's text and answer (or adds the items it numbers).
    """
    pairings: list[Pairing] = []
    columns: QAColumns | None = None
    previous: TableGrid | None = None
    for grid in doc.tables:
        own = _qa_columns(grid) or _unheaded_qa_columns(grid)
        continued = (
            previous is not None and grid.page is not None and previous.page is not None
            and grid.page == previous.page + 1 and len(grid.rows[0]) == len(previous.rows[0])
        )
        if own is None and not continued:
            columns = previous = None
            continue
        columns, previous = own or columns, grid
        region = _grid_lines(doc, grid)
        for row in grid.rows[own.first_row if own else 0 :]:
            region = _lines_after_row(region, row)
            if max(columns.question, columns.answer) >= len(row):
                continue
            number = _item_number(row[columns.number]) if columns.number is not None else None
            found = _row_pairings(row[columns.question], row[columns.answer], region, number or None)
            if found:
                pairings.extend(found)
            elif pairings and continued:
                q_lines, a_lines = _cell_lines(row[columns.question]), _cell_lines(row[columns.answer])
                placed_q, placed_a = _place_cell_lines(q_lines, a_lines, region)
                pairings[-1].question.extend(placed_q)
                pairings[-1].answer.extend(placed_a)
    return pairings


def _qa_columns(grid: TableGrid) -> QAColumns | None:
    """The question, answer and number columns, from the header ("Question no." is a number column;
    an unheaded column of item numbers is one too)."""
    if not grid.rows or grid.header_rows < 1:
        return None
    header = [h.strip() for h in grid.rows[0]]
    numbers = [i for i, h in enumerate(header) if _NUMBER_HEADER_RE.match(h) or not h and _holds_item_numbers(grid, i)]
    qcol = next((i for i, h in enumerate(header) if i not in numbers and _QUESTION_HEADER_RE.match(h)), None)
    acol = next((i for i, h in enumerate(header) if i not in numbers and i != qcol and _ANSWER_HEADER_RE.match(h)), None)
    if qcol is None or acol is None:
        return None
    return QAColumns(qcol, acol, numbers[0] if numbers else None, first_row=grid.header_rows)


# A cell that asks: a question, or a request for information ("Please provide ...", "The number of ...").
_ASKED_RE = re.compile(
    r"\?|^\W*(?:(?:Q\.?\s*)?\d{1,2}[a-z]?[.):]?\s+)?(?:How|What|Which|When|Where|Who|Why|Whether|Do|Does|Did|Is|Are|Was|Were|Has|Have|"
    r"Can|Could|Please|Provide|Confirm|(?:The|Total) (?:number|amount|cost|names?)|(?:A )?(?:copy|copies|list|breakdown|details)|Any)\b",
    re.I,
)


def _unheaded_qa_columns(grid: TableGrid) -> QAColumns | None:
    """A table without a header whose rows are the numbered questions with their answers:
    "1 | question | answer" (the numbers in a column of their own) or "1. question | answer"."""
    rows = [row for row in grid.rows if any(cell.strip() for cell in row)]
    width = len(rows[0]) if rows else 0
    if width not in (2, 3) or len(rows) < 2 or any(len(row) != width for row in rows):
        return None
    qcol = width - 2
    labels = [_item_number(row[0]) if width == 3 else _leading_number(row[0]) for row in rows]
    counts_up = [int(re.match(r"\d+", label).group(0)) if label and label[0].isdigit() else None for label in labels]
    asked = sum(bool(_ASKED_RE.search(row[qcol])) for row in rows) * 2 >= len(rows)
    answered = all(row[-1].strip() for row in rows)
    numbered = counts_up[0] == 1 and all(n is not None and 0 <= n - m <= 1 for m, n in zip(counts_up, counts_up[1:]))
    if not (asked and answered and numbered):
        return None
    return QAColumns(qcol, width - 1, 0 if width == 3 else None, first_row=0)


def _leading_number(cell: str) -> str | None:
    markers = read_marker(cell.strip())
    return markers[0].label if markers and markers[0].style in ("num", "qlabel") else None


def _holds_item_numbers(grid: TableGrid, col: int) -> bool:
    """Whether every body cell of the column is an item number ("1", "2.", "Q3", "4a")."""
    cells = [row[col].strip() for row in grid.rows[grid.header_rows :] if col < len(row)]
    return bool(cells) and all(re.fullmatch(r"(?:Q\.?\s*)?\d{1,2}[a-z]?[.)]?", cell, re.I) for cell in cells)


def _item_number(cell: str) -> str:
    """ "Q3." -> "3", "(2)" -> "2"."""
    return re.sub(r"^Q\.?\s*", "", cell.strip(" .):("), flags=re.I)


def _grid_lines(doc: ParsedDocument, grid: TableGrid) -> list[Line]:
    """The document's lines that print the table: within its box on a PDF page, else from its
    offset in the text (a Word or HTML table, one line per row)."""
    if grid.bbox and grid.page is not None:
        _, top, _, bottom = grid.bbox
        return [l for l in doc.lines if l.page == grid.page and l.top is not None and top - 2 <= l.top <= bottom]
    if grid.start is not None:
        after = [l for l in doc.lines if l.start >= grid.start and (grid.end is None or l.start <= grid.end)]
        return after if grid.end is not None else after[: len(grid.rows)]
    return []


def _lines_after_row(region: list[Line], row: list[str]) -> list[Line]:
    """The table's lines from this row on: drop the lines before the row's first cell line appears."""
    firsts = [lines[0] for lines in map(_cell_lines, row) if lines]
    for i, line in enumerate(region):
        if any(first in line.text for first in firsts):
            return region[i:]
    return region


def _cell_lines(cell: str) -> list[str]:
    return [line.strip() for line in cell.split("\n") if line.strip()]


def _row_pairings(qcell: str, acell: str, region: list[Line], number: str | None = None) -> list[Pairing]:
    """Split one row's question cell into numbered items and give each the answer lines beside it.

    Several items may share one cell; each gets the answer lines printed
    level with it (from the lines' positions on the page).
    """
    q_lines, a_lines = _cell_lines(qcell), _cell_lines(acell)
    placed_q, placed_a = _place_cell_lines(q_lines, a_lines, region)
    starts = [i for i, text in enumerate(q_lines) if read_marker(text) and read_marker(text)[0].style in ("num", "qlabel")]
    if not starts:
        is_number = number and re.fullmatch(r"\d{1,2}[a-z]?|[a-z]|[ivx]{1,4}", number)
        return [Pairing(number, placed_q, placed_a)] if is_number and placed_q else []
    out = []
    for n, first in enumerate(starts):
        last = starts[n + 1] if n + 1 < len(starts) else len(q_lines)
        marker = read_marker(q_lines[first])[0]
        question = placed_q[first:last]
        top_from = placed_q[first].top
        top_to = placed_q[last].top if last < len(q_lines) else None
        answer = [
            seg
            for seg in placed_a
            if seg.top is None and n == 0
            or seg.top is not None and top_from is not None and seg.top >= top_from - 1 and (top_to is None or seg.top < top_to - 1)
        ]
        question[0] = question[0].cut(marker.length)[1] or question[0]
        out.append(Pairing(marker.label, question, answer))
    return out


def _place_cell_lines(q_lines: list[str], a_lines: list[str], region: list[Line]) -> tuple[list[Segment], list[Segment]]:
    """Find each cell line among the document's lines, in order.

    A document line may hold several cells side by side ("1  How many...  We
    bought 3"), so a cell line is looked for inside the line, the answer's
    after the question's. Lines not found keep start -1 (no provenance).
    """
    placed_q: list[Segment] = [Segment(t, -1) for t in q_lines]
    placed_a: list[Segment] = [Segment(t, -1) for t in a_lines]
    qi = ai = 0
    for line in region:
        # A row written on one line (Word, HTML) holds all of a cell's lines; a PDF line one of each cell's.
        per_line = 1 if line.top is not None else len(q_lines) + len(a_lines)
        after = 0
        for _ in range(per_line):
            if qi < len(q_lines) and (at := line.text.find(q_lines[qi], after)) >= 0:
                placed_q[qi] = Segment(q_lines[qi], line.start + at, line.page, line.top)
                after = at + len(q_lines[qi])
                qi += 1
        for _ in range(per_line):
            if ai < len(a_lines) and (at := line.text.find(a_lines[ai], after)) >= 0:
                placed_a[ai] = Segment(a_lines[ai], line.start + at, line.page, line.top)
                after = at + len(a_lines[ai])
                ai += 1
    return placed_q, placed_a


# --------------------------------------------------------------------------
# Answers under the questions restated without their numbers
# --------------------------------------------------------------------------


def answer_by_restatement(pairings: list[Pairing], segments: list[Segment]) -> None:
    """Answer a list of questions from the paragraphs after it that restate each question without its
    number, each followed by its answer ("How many bridges ...? / Response: The council maintains 96").

    The list's last item ran on over those paragraphs: its question is cut back to before them.
    Needs two questions restated (one may be chance); an answer runs up to the next restated
    question or the closing boilerplate.
    """
    if len(pairings) < 2 or any(p.answer for p in pairings[:-1]) or not all(p.question for p in pairings):
        return
    questions = {p.number: segments_text(paragraphs(p.question)[0]) for p in pairings}
    last_opens = pairings[-1].question[0].start
    zone: list[tuple[str, list[Segment]]] = []  # (the question restated, its answer's segments)
    zone_start = None
    for par in paragraphs([s for s in segments if s.start > last_opens]):
        if is_closing(par[0]):
            break
        if par[0].start <= pairings[-1].question[0].end:
            continue  # the last question's own paragraph
        restated = next(
            ((number, split) for number, question in questions.items()
             if (split := _split_by_alignment(par, question)) is not None and split.question),
            None,
        )
        if restated:
            zone_start = par[0].start if zone_start is None else zone_start
            zone.append((restated[0], without_answer_label(restated[1].answer)))
        elif zone:
            zone[-1][1].extend(par if zone[-1][1] else without_answer_label(par))
    if len({number for number, _ in zone}) < 2:
        return
    last = pairings[-1]
    last.question, last.answer = [s for s in last.question if s.start < zone_start], []
    by_number = {p.number: p for p in pairings}
    for number, answer in zone:
        if not by_number[number].answer:
            by_number[number].answer = answer


# --------------------------------------------------------------------------
# Answers in prose that name their question ("In answer to question 2, ...")
# --------------------------------------------------------------------------

_ANSWER_REFERENCE_RE = re.compile(
    r"^(?:(?:(?:In|With) (?:answer|response|relation|reply|regard|respect|reference) to|(?:Responses?|Answers?|Repl(?:y|ies)) to|"
    r"Regarding|Concerning|As (?:regards|to)|Turning to|In terms of)\s+(?:the\s+)?(?:(?:first|second|third)\s+)?(?:your\s+)?)?"
    rf"(?:questions?|parts?|points?|items?|requests?|Q)\s*(?P<labels>{_LABELS})",
    re.I,
)


# The question label opening an answer paragraph: "Questions 1 and 2:", "Part (b) -".
_LEADING_REFERENCE_RE = re.compile(rf"^(?:questions?|parts?|points?|items?|requests?|Q)\s*{_LABELS}\s*[:\-–]\s*", re.I)


def referenced_labels(labels: str) -> list[str]:
    """The question labels a reference names: "1 and 3" -> 1, 3; "1-3" -> 1, 2, 3; "(a)–(c)" -> a, b, c."""
    out: list[str] = []
    for m in re.finditer(r"\(?(\w+)\)?(?:\s*(?:[-–—]|\bto\b)\s*\(?(\w+)\)?)?", labels):
        first, last = m.group(1).lower(), (m.group(2) or "").lower()
        if first != "and":
            out.extend(_label_range(first, last) if last else [first])
    return out


def _label_range(first: str, last: str) -> list[str]:
    """The labels from `first` to `last`: numbers, letters or roman numerals counting up."""
    for sequence in (_ROMAN, [chr(c) for c in range(ord("a"), ord("z") + 1)], [str(n) for n in range(1, 100)]):
        if first in sequence and last in sequence and sequence.index(first) < sequence.index(last):
            return sequence[sequence.index(first) : sequence.index(last) + 1]
    return [first, last]


def answer_by_reference(pairings: list[Pairing], segments: list[Segment]) -> None:
    """Give the questions of a list quoted with no answers the paragraphs that answer them by number.

    A paragraph opening "In answer to question 2, ...", "Questions 1 and 3 are refused ..." or
    with the question's own number ("2. 87 notices were issued") starts the answer to those
    questions; it runs, over any further paragraphs, up to the next such opening or the
    closing boilerplate.
    """
    by_label = {p.number: p for p in pairings}
    last_question = max((s.end for p in pairings for s in p.question if s.start >= 0), default=0)
    current: list[Pairing] = []
    heading = False  # the paragraph before was a heading naming the questions that follow
    for par in paragraphs([s for s in segments if s.start >= last_question]):
        if is_closing(par[0]):
            break
        m = _ANSWER_REFERENCE_RE.match(par[0].text)
        markers = read_marker(par[0].text)
        opening = bool(m) or bool(markers and markers[0].label in by_label)
        if m:
            current = [by_label[label] for label in referenced_labels(m.group("labels")) if label in by_label]
            if len(par) == 1 and is_heading_line(par[0].text):  # "Part (a)" heads the answer below it
                if any(pair.answer for pair in current):
                    current = []
                heading = True
                continue
        elif markers and markers[0].label in by_label:
            current = [by_label[markers[0].label]]
            rest = par[0].cut(markers[0].length)[1]
            par = ([rest] if rest else []) + par[1:]
        elif not heading:
            current = [pair for pair in current if pair.answer]  # a further paragraph of the same answer
        if opening and any(pair.answer for pair in current):
            current = []  # a second opening for a question already answered: not ours to guess
        heading = False
        for pair in current:
            pair.answer.extend(par)


# --------------------------------------------------------------------------
# Where the last answer ends
# --------------------------------------------------------------------------

# A paragraph about the request as a whole, not about one question: how it was handled, which
# provisions were not needed, what this response as a whole covers.
_ABOUT_THE_REQUEST_RE = re.compile(
    r"^(?:(?:In|When|Whilst|While) (?:responding to|answering|dealing with|handling|processing|considering|reviewing) "
    r"(?:your|this|the) (?:request|questions|enquiry)|"
    r"(?:This|The above) (?:concludes|completes) (?:our|the|my) (?:response|reply)|"
    r"(?:All|Any) (?:of )?(?:the )?(?:information|figures|data) (?:(?:provided|supplied|given|released|disclosed) )?"
    r"(?:in|within|with) this (?:response|letter|reply))",
    re.I,
)
# A note that may follow the last answer or be part of it: read as a general note only when the
# letter's other answers are one paragraph each.
_NOTE_RE = re.compile(
    r"^(?:Please (?:note|be aware)|Note:|N\.?B\.?\b|For (?:your )?information\b|For (?:the avoidance of doubt|completeness)|"
    r"In addition\b|Additionally\b|Furthermore\b|By way of (?:background|context|explanation|advice)|"
    r"(?:The|All|Any|This) (?:information|figures|data)\b[^.]{0,60}\b(?:correct|accurate) (?:as at|as of|at the time))",
    re.I,
)


def _says_provision_not_relied_on(sentence: str) -> bool:
    """ "Although section 12 is not engaged, ...", "We have not applied section 12 to this request"."""
    return bool(_CITES_LAW_RE.search(sentence) and _NOT_RELIED_RE.search(sentence))


def end_last_answer(pairings: list[Pairing]) -> None:
    """Cut the last answer before a paragraph that speaks of the whole request rather than answering
    the last question ("Although section 12 is not engaged, we searched ...", "Please note that ...",
    "In responding to your request ...").

    The answers of a list run up to the next item; the last one runs up to the closing boilerplate,
    so the letter's general remarks between the two would otherwise join it. A paragraph that the
    previous one introduces (ending with ":") or that carries on its sentence stays.
    """
    answered = [p for p in pairings if any(s.start >= 0 for s in p.answer)]
    if not answered:
        return
    last = max(answered, key=lambda p: max(s.start for s in p.answer))
    one_paragraph_answers = len(answered) >= 2 and all(len(paragraphs(p.answer)) == 1 for p in answered if p is not last)
    pars = paragraphs(last.answer)
    for k in range(1, len(pars)):
        text = segments_text(pars[k])
        if segments_text(pars[k - 1]).endswith(":") or text[:1].islower():
            continue
        first = sentences(text)[0]
        if _ABOUT_THE_REQUEST_RE.match(text) or _says_provision_not_relied_on(first) or (
            one_paragraph_answers and _NOTE_RE.match(text)
        ):
            last.answer = [seg for par in pars[:k] for seg in par]
            return


# --------------------------------------------------------------------------
# Answer status from the answer's wording
# --------------------------------------------------------------------------

# Each pattern recognises a sentence that refuses, withholds, says "not held" or asks for clarification.
_COST_RE = re.compile(
    r"\b(?:exceed\w*|in excess of|over|above)\b[^.]{0,80}\b(?:appropriate|cost|fees?) limit|"
    r"\b(?:exempt|refus\w+|relying|rely)\b[^.]{0,60}\b(?:section|s\.?)\s?12\b|\bsection 12\(1\)",
    re.I,
)
# Hours of work: a refusal on cost only in a sentence about the limit or about the work of complying
# ("locating the records would take more than 18 hours"), not "the repairs would take more than 40 hours".
_HOURS_RE = re.compile(
    r"\b(?:exceed\w*|in excess of)\s+(?:the\s+)?\d+\s+hours\b|"
    r"\b(?:would|will)\s+(?:\w+\s+){0,4}(?:take|require|involve)\s+(?:\w+\s+){0,3}(?:more than|over|longer than|in excess of)\s+\d+\s+hours\b",
    re.I,
)
_COST_CONTEXT_RE = re.compile(
    r"\blimit\b|\b(?:section|s\.?)\s?12\b|\bcompl(?:y|ying|iance)\b|"
    r"\b(?:locat|retriev|extract|collat|determin|identif|provid|answer|respond|search|review)\w*|"
    r"\b(?:your|this|the) request\b",
    re.I,
)


def refuses_on_cost(sentence: str) -> bool:
    """A sentence refusing because complying would exceed the cost limit (FOIA s.12, its equivalents)."""
    return bool(_COST_RE.search(sentence) or (_HOURS_RE.search(sentence) and _COST_CONTEXT_RE.search(sentence)))


_VEXATIOUS_RE = re.compile(
    r"\bvexatious\b|\b(?:exempt|refus\w+|relying|rely)\b[^.]{0,60}\b(?:section|s\.?)\s?14\b|\brepeat(?:ed)? request\b",
    re.I,
)
_WITHHELD_RE = re.compile(
    r"\bexempt(?:ed)?\s+(?:from (?:disclosure|release)|under|by virtue)|\bexemptions?\b|\bwithh(?:eld|old(?:ing)?)\b|"
    r"\bredact\w*|\bpublic interest\b|\bnot obliged to (?:provide|disclose)\b|"
    # Neither confirm nor deny, however worded: "neither confirm or deny", "unable to confirm or deny whether
    # ...", "section 44(2) removes the duty to confirm or deny", "NCND".
    r"\bneither\s+confirm(?:s|ed|ing)?\s+n?or\s+den(?:y|ies|ied|ying)\b|"
    r"\b(?:unable|not able|not required|not obliged|cannot|can ?not|can[’']t|will not|won[’']t)\s+(?:to\s+)?confirm\s+or\s+deny\b|"
    r"\b(?:removes?|removing|excludes?|excluding|disapplies|exempts?\s+\w+\s+from)\s+the\s+duty\s+to\s+confirm\s+or\s+deny\b|(?-i:\bNCND\b)",
    re.I,
)
# "is therefore not held", "does not currently hold" (not "is not centrally held": someone else holds it).
_HELD_ADVERB = r"(?:(?:therefore|currently|simply|also|still|thus|consequently|unfortunately|accordingly|routinely)\s+)?"
_NOT_HELD_RE = re.compile(
    rf"\b(?:do(?:es)?\s+not|don[’']t|doesn[’']t|did\s+not)\s+{_HELD_ADVERB}hold\b(?![^.]{{0,15}}\bcentrally)|"
    rf"\b(?:is|are|was|were)\s+{_HELD_ADVERB}not\s+{_HELD_ADVERB}(?:held|recorded|collected|kept|retained|captured|maintained)\b(?!\s+centrally)|"
    r"\bnot held by\b|"
    r"\bno (?:recorded )?information (?:is |was )?held\b|\bholds? no (?:recorded )?information\b|"
    r"\bno recorded information\b|\b(?:do(?:es)?\s+not|don[’']t|doesn[’']t)\s+(?:record|collect|keep|retain|capture|maintain)\b|"
    r"\bno (?:such )?(?:records?|information) (?:exists?|is held)\b|(?:^|[-–:]\s*)(?:information\s+)?not held\b|"
    # Searches that found nothing: "we have been unable to locate any information", "no records were found".
    r"\b(?:unable to|could not|cannot|did not) (?:locate|find|identify) any (?:recorded )?(?:information|records?|documents?|data)\b|"
    r"\bno (?:recorded )?(?:information|records?|documents?|data) (?:was|were|has been|have been|could be) (?:found|located|identified)\b",
    re.I,
)
# The request belongs to another authority: "you may wish to contact ...", "held by NHS England rather than the Trust".
_REDIRECT_RE = re.compile(
    r"\byou (?:may|might) (?:wish|want|like) to (?:contact|write to|approach|direct|redirect|submit|send|address|make)\b|"
    r"\b(?:should|would need to|will need to|needs? to) be (?:directed|addressed|redirected|sent|made) to\b|"
    r"\b(?:held|recorded|kept|collected) by\b[^.]{0,80}\brather than\b|"
    r"\b(?:is|are) not (?:the responsibility of|a (?:function|matter) (?:of|for)|within the remit of)\b",
    re.I,
)
_CLARIFY_RE = re.compile(
    r"\bclarif(?:y|ication)\b|\bplease (?:provide|confirm|specify) (?:more|further|which|what|exactly)\b|"
    r"\bcould you (?:please )?(?:confirm|specify|explain)\b|"
    r"\bif you (?:could|would|can) (?:please )?(?:confirm|specify|clarify|explain|tell us|let us know) (?:which|what|whether|the|exactly)\b|"
    r"\b(?:we|I) (?:need|require|would need) you to (?:confirm|specify|tell us|clarify|explain|provide|narrow)\b|"
    r"\b(?:require|need) (?:some )?(?:further|more|additional) (?:information|details?)(?: from you)?(?:\s+(?:to|in order to|before)\b|\s*[.:]?$)",
    re.I,
)
# The authority declining without a stated ground: "we are unable to provide this information",
# "we are refusing this part of your request" (not "12 applications were refused": that is information).
_DECLINES_RE = re.compile(
    r"\b(?:unable|not able) to (?:provide|supply|disclose|release|answer|comply)\b|"
    r"\b(?:cannot|can ?not|can[’']t) (?:provide|supply|disclose|release|answer|comply)\b|"
    r"\b(?:refus\w*|declin\w*)\s+(?:to\s+(?:provide|answer|disclose|comply)|(?:this|your|the|that)\s+(?:part|request|question)|it\b)|"
    r"\b(?:request|question|part)\b[^.]{0,40}\b(?:is|are|was|has been|have been|will be)\s+(?:refused|declined)\b",
    re.I,
)
# An internal review's verdict on the original response says nothing about the information.
_REVIEW_VERDICT_RE = re.compile(
    r"\b(?:uphold|upheld|overturn\w*)\s+(?:the|our|my)\s+(?:original\s+)?(?:decision|response|refusal|reply|handling|position)\b",
    re.I,
)


# A sentence pointing to where the information is published gives it, even when it cites the
# exemption for information reasonably accessible by other means (FOIA s.21, EIR reg.6(1)(b)).
_POINTS_TO_RE = re.compile(
    r"\breasonably accessible\b|\b(?:is|are)\s+(?:already\s+)?(?:publicly\s+|freely\s+)?(?:available|published)\b|"
    r"(?<!not )\bavailable\s+(?:on|at|from|via)\b",
    re.I,
)

# A clause saying a provision was not used, or that nothing was withheld.
_NOT_RELIED_RE = re.compile(
    r"\bnot\s+(?:been\s+)?(?:necessary|needed|required)\s+to\s+(?:rely|apply|refuse|withhold|use)\b|"
    r"\b(?:has|have)\s+not\s+(?:been\s+)?(?:applied|relied|used|withheld|refused)\b|"
    r"\b(?:is|are|was|were)\s+not\s+(?:being\s+)?(?:withheld|refused|redacted)\b|"
    # "section 12 is not engaged" (not "the council has not engaged consultants")
    r"\b(?:sections?|s\.|regulations?|reg\.|exemptions?|exceptions?|provisions?)\b[^.]{0,40}"
    r"\b(?:is|are|was|were|has|have)\s+not\s+(?:been\s+|being\s+)?(?:engaged|invoked)\b|"
    r"\b(?:does|do|did)\s+not\s+(?:apply|engage)\b|\bnot\s+applicable\b|\bconcluded\s+that\s+it\s+(?:did|does)\s+not\b|"
    r"\b(?:released|disclosed|provided)\s+in\s+full\b|"
    r"\bno\s+(?:information|exemptions?)\s+(?:has\s+been|have\s+been|was|were|is|is\s+being)\s+(?:withheld|applied|relied)\b",
    re.I,
)
# "We do not consider that the information is not held": a denial turns the signal after it round.
_DENIES_RE = re.compile(
    r"\b(?:do|does|did)\s+not\s+(?:consider|believe|accept|agree|think)\s+that\b|\bit is not (?:the case|true|correct) that\b",
    re.I,
)

# A sentence about which provisions apply ("We have not applied section 12") gives no information.
_CITES_LAW_RE = re.compile(r"\b(?:sections?|s\.?|regulations?|reg\.?)\s?\d+(?:\(\w+\))*", re.I)


def sentences(text: str) -> list[str]:
    """Sentences, and lines that end without a stop (list items, headings); a line that
    carries on in lower case is the same sentence wrapped, not a new one."""
    text = re.sub(r"\n+(?=[a-z])", " ", text or "")
    return [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


# Where a sentence turns: ", but", "; however", or the comma closing an opening "Although ...".
_TURN_RE = re.compile(r"[,;]\s+(?=(?:but|however|although|though|whereas|yet)\b)", re.I)
_CONCESSIVE_OPENING_RE = re.compile(r"^(?:Although|Though|While|Whilst|Whereas|Even though)\b[^,]{3,120},\s*", re.I)


def clauses(sentence: str) -> list[str]:
    """The sentence's parts either side of a contrast: "We do not hold figures for 2022, but in 2021 there were 34"."""
    opening = _CONCESSIVE_OPENING_RE.match(sentence)
    head, rest = (sentence[: opening.end()], sentence[opening.end() :]) if opening else ("", sentence)
    parts = [head] if head else []
    parts += _TURN_RE.split(rest)
    return [p for p in parts if p.strip()]


# "We can confirm that the Department holds the information you requested": the duty to confirm, not the information.
_CONFIRMS_HELD_RE = re.compile(
    r"\b(?:holds?|has)\s+(?:the\s+|some\s+|this\s+)?(?:information|records?)\s+(?:that\s+)?(?:you\s+(?:have\s+)?(?:requested|asked|seek|described)|"
    r"within\s+the\s+scope|falling\s+within|relevant\s+to\s+your)",
    re.I,
)
# (Not "following" as a preposition: "revised following the 2022 traffic counts".)
_GIVES_OR_POINTS_RE = re.compile(
    r"\b(?:attached|enclosed|below|following(?!\s+(?:the|a|an|our|its|their|this|that|these|those|your|which)\b)|provided?|see)\b",
    re.I,
)
_PUBLIC_INTEREST_RE = re.compile(r"\bpublic interest\b", re.I)
# Why information is withheld ("The hourly rate is commercially sensitive"): reasoning, not the information.
_REASONING_RE = re.compile(
    r"\bcommercially sensitive\b|\b(?:is|are|constitutes?)\s+(?:the\s+)?(?:third[- ]party\s+)?personal (?:data|information)\b|"
    r"\b(?:would|could|is likely to|would be likely to)\s+(?:\w+\s+)?(?:prejudice|breach|identify|harm|damage|endanger)\b",
    re.I,
)
# What a withholding answer says of the item it withholds, which gives none of it: that it is held
# ("We hold guidance issued to work coaches in February 2023") or what it is about ("The report
# describes staffing levels ..."). With a figure or a pointer ("The attached report contains ...") it gives.
_HOLDS_ITEM_RE = re.compile(
    r"^(?:(?:I|We)\s+can\s+(?:also\s+)?confirm\s+(?:that\s+)?)?(?:we\s+|the\s+(?:\w+\s+){1,3}?)(?:do\s+|does\s+)?holds?\b", re.I
)
_DESCRIBES_ITEM_RE = re.compile(
    r"^(?:The|This|These|That|Those|It|They)\b[^.,;]{0,60}?\b(?:describes?|contains?|details|sets?\s+out|"
    r"discuss(?:es)?|outlines?|relates?\s+to|concerns?|refers?\s+to|consists?\s+of|comprises?|forms?\s+part\s+of)\b",
    re.I,
)
# Why the information is kept back, besides `_REASONING_RE`: what disclosing it would do ("releasing a
# draft would be likely to mislead", "Confirming or denying ... would allow ..."), that it will be
# published later, that the letter is the refusal notice.
_EXPLAINS_WITHHOLDING_RE = re.compile(
    r"\b(?:disclos\w*|releas\w*|confirm\w*|den(?:y|ying|ial)|publication|publishing)\b[^.]{0,120}?\b(?:would|could|might)\b|"
    r"\b(?:will|is due to|is intended to)\s+be\s+published\b|"
    r"^(?:This|The)\s+(?:letter|response|reply|e-?mail)\s+(?:is|constitutes|serves|acts)\b|"
    # An NCND answer's disclaimer: "This should not be taken as an indication that the information does or does not exist".
    r"\b(?:should|must)\s+not\s+(?:be\s+taken|take\s+(?:this|it|that))\s+(?:as|to)\b|"
    r"\b(?:does|do|is|are|has|have|was|were)\s+or\s+(?:does|do|is|are|has|have|was|were)\s+not\b",
    re.I,
)
# A pointer to the reasons for withholding rather than to the information: "Our reasons are set out below",
# "Please see the explanation below this table".
_POINTS_TO_REASONS_RE = re.compile(
    r"\b(?:reasons?|reasoning|explanation|rationale|justification|public interest test|exemptions?)\b[^.]{0,60}?"
    r"\b(?:below|above|attached|enclosed|following|overleaf)\b|"
    r"\b(?:see|refer to)\s+(?:\w+\s+){0,3}?(?:reasons?|reasoning|explanation|rationale|justification)\b",
    re.I,
)
# A sentence asking the requester something ("Could you please confirm whether ...?") gives nothing.
_ASKS_REQUESTER_RE = re.compile(r"^\W*(?:Could|Would|Can|Will)\s+you\b|\?[\"”’)]?\s*$", re.I)
# A heading inside the answer ("Balance test"): a few words ending no sentence, with no figure.
_HEADING_RE = re.compile(r"^[A-Z][\w’'()&/-]*(?:\s+[\w’'()&/-]+){1,5}$")
# A figure other than a year or the day of a date: "34 incidents", "£1,200" (not "in February 2023", "on 3 May").
_FIGURE_RE = re.compile(
    r"£|\b(?!(?:19|20)\d\d\b)(?!\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)\d",
    re.I,
)
_SIGNALS = (_VEXATIOUS_RE, _WITHHELD_RE, _NOT_HELD_RE, _CLARIFY_RE, _CITES_LAW_RE, _DECLINES_RE, _REVIEW_VERDICT_RE)


def has_figure(text: str) -> bool:
    """Whether the text states a figure (not only a year or a date)."""
    return bool(_FIGURE_RE.search(text))


def is_specific(sentence: str) -> bool:
    """Whether a sentence states a figure or points to the information ("attached", "published on ...")."""
    return has_figure(sentence) or bool(_GIVES_OR_POINTS_RE.search(sentence) or _POINTS_TO_RE.search(sentence))


# Advice the letter gives about the request rather than information: what to do if the answer is not
# what was wanted, where the appeal rights are ("Please see the attached sheet for your right to appeal").
_ADVICE_RE = re.compile(
    r"^If (?:this|the information|it) is not (?:the information|what) you (?:are|were) (?:looking for|expecting|after)|"
    r"\b(?:right to (?:appeal|complain|request an internal review)|internal review|Information Commissioner|"
    r"how to (?:appeal|complain))\b",
    re.I,
)
# Advice and assistance beyond the request (FOIA s.16, FOISA s.15): a pointer to other information.
_ASSISTANCE_RE = re.compile(r"\b(?:duty|obligation)\b[^.]{0,30}\bto (?:provide|offer|give) advice and assistance\b", re.I)


def is_substantive(sentence: str) -> bool:
    """A sentence that gives information rather than refusing, withholding, saying it is not held
    or pointing to another authority, or only saying of the information that it is held or what it is about."""
    if _REDIRECT_RE.search(sentence) or _ASSISTANCE_RE.search(sentence) or (_ADVICE_RE.search(sentence) and not has_figure(sentence)):
        return False
    if _POINTS_TO_REASONS_RE.search(sentence) or _ASKS_REQUESTER_RE.search(sentence):
        return False
    if _POINTS_TO_RE.search(sentence) and not _NOT_HELD_RE.search(sentence):
        return True
    if _CONFIRMS_HELD_RE.search(sentence) and not _GIVES_OR_POINTS_RE.search(sentence):
        return False
    says_only_of_the_item = (
        _HOLDS_ITEM_RE.match(sentence) or _DESCRIBES_ITEM_RE.match(sentence)
        or _EXPLAINS_WITHHOLDING_RE.search(sentence) or _HEADING_RE.match(sentence.strip())
    )
    if says_only_of_the_item and not is_specific(sentence):
        return False
    if is_closing_text(sentence):
        return False
    if _REASONING_RE.search(sentence):
        return False
    return not (refuses_on_cost(sentence) or any(p.search(sentence) for p in _SIGNALS))


def gives_information(answer: str | None, specific: bool = False) -> bool:
    """Whether any sentence of the answer gives information; a paragraph's public interest
    reasoning ("ministers need a safe space ...") from its first mention of the public interest on does not.

    A sentence that turns ("We do not hold figures for 2022, but in 2021 there were 34") gives
    information when a part of it without a refusal states a figure or points to the information.
    With `specific`, so must every sentence: beside a "not held", "GMP does not operate any
    drones" explains why nothing is held rather than answering.
    """
    text = re.sub(r"\n+(?=[a-z])", " ", answer or "")
    for paragraph in text.split("\n"):
        paragraph = _LEADING_REFERENCE_RE.sub("", paragraph)  # "Questions 1 and 2: ..." names, it does not count
        for sentence in sentences(paragraph):
            if _PUBLIC_INTEREST_RE.search(sentence):
                break
            if is_substantive(sentence) and (not specific or is_specific(sentence)):
                return True
            parts = clauses(sentence)
            if len(parts) > 1 and any(
                is_substantive(part) and (re.search(r"\d", part) or _GIVES_OR_POINTS_RE.search(part)) for part in parts
            ):
                return True
    return False


# Where a sentence gives its reason: "We can neither confirm nor deny ..., as the duty ... does not apply".
_BECAUSE_RE = re.compile(r"[,;]\s+(?=(?:as|because|since)\b)", re.I)


def _signal_clauses(parts: list[str]) -> list[str]:
    """The sentences that may carry a refusal, not-held or clarification signal: not those saying a
    provision was not used or denying what follows. Of a sentence that does, the clauses that do not:
    of "Although section 12 is not engaged, the names are withheld ...", the part after the concession
    (not the part before a "but": "Section 12 allows us to refuse ..., but it has not been necessary");
    of "We neither confirm nor deny ..., as the duty to confirm or deny does not apply", the first."""
    out = []
    for sentence in parts:
        if not _negates(sentence):
            out.append(sentence)
            continue
        opening = _CONCESSIVE_OPENING_RE.match(sentence)
        parts = [sentence[: opening.end()], sentence[opening.end() :]] if opening else [sentence]
        out.extend(c for part in parts for c in _BECAUSE_RE.split(part) if c.strip() and not _negates(c))
    return out


def _negates(text: str) -> bool:
    return bool(_NOT_RELIED_RE.search(text) or _DENIES_RE.search(text))


def status_from_text(answer: str | None) -> str:
    """answered | not_held | withheld | partly_withheld | refused | clarification_sought | unanswered."""
    if not answer or not answer.strip():
        return "unanswered"
    said = _signal_clauses(sentences(answer))
    informative = gives_information(answer)
    if any(refuses_on_cost(s) or _VEXATIOUS_RE.search(s) for s in said):
        return "partly_withheld" if informative else "refused"
    if any(_WITHHELD_RE.search(s) and not _POINTS_TO_RE.search(s) for s in said):
        return "partly_withheld" if informative else "withheld"
    not_held = any(_NOT_HELD_RE.search(s) for s in said)
    if informative and not (not_held and not gives_information(answer, specific=True)):
        return "answered"
    if not_held:
        return "not_held"
    if any(_CLARIFY_RE.search(s) for s in said):
        return "clarification_sought"
    if any(_REDIRECT_RE.search(s) for s in said):
        return "not_held"
    if any(_DECLINES_RE.search(s) for s in said):
        return "refused"
    return "answered"


# --------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------


def extract_qa(doc: ParsedDocument) -> list[QAPair]:
    """Every numbered question of the request in `doc`, with its answer and the answer's status."""
    pairings = table_qa_pairs(doc)
    if not pairings:
        segments = document_segments(doc)
        pairings = pair_lists(find_lists(segments))
        answer_by_restatement(pairings, segments)
        if pairings and not any(p.answer for p in pairings):
            answer_by_reference(pairings, segments)
        end_last_answer(pairings)
    out = []
    for pairing in pairings:
        if pairing.question and (m := _QUESTION_LABEL_RE.match(pairing.question[0].text)):
            rest = pairing.question[0].cut(m.end())[1]
            pairing.question = ([rest] if rest else []) + pairing.question[1:]
        question = without_quote_marks(segments_text(pairing.question))
        if not question:
            continue
        placed_q = [s for s in pairing.question if s.start >= 0]
        out.append(
            QAPair(
                seq=len(out),
                number=pairing.number,
                question=question,
                question_start=min((s.start for s in placed_q), default=None),
                question_end=max((s.end for s in placed_q), default=None),
                **answer_fields(doc, pairing.answer),
            )
        )
    return out


def without_quote_marks(question: str) -> str:
    """The question without the quote marks around it: the close of a request quoted whole
    ("(a) ... (c) ... ." ending in a lone close quote), or each question quoted on its own."""
    if question.endswith(("\"", "”")) and not re.search(r"[\"“”]", question[:-1]):
        return question[:-1].rstrip()
    if re.fullmatch(r"[\"“][^\"“”]+[\"”]", question):
        return question[1:-1].strip()
    return question


def answer_questions(questions: list[QAPair], reply: ParsedDocument) -> list[QAPair]:
    """The request's questions answered from a separate reply (a correspondence thread's messages).

    `questions` come from `extract_qa` on the request; the reply's numbered
    list with the same numbers (or its Q/A table) gives the answers, whether
    it restates each question or not. Returns copies of the questions; the
    answer offsets and page refer to `reply`. Questions the reply does not
    answer come back unchanged.
    """
    answers = {p.number: p.answer for p in table_qa_pairs(reply)}
    if not answers:
        labels = [q.number for q in questions]
        for numbered in find_lists(document_segments(reply)):
            by_label = by_request_numbers(answer_items(numbered))
            if sum(label in by_label for label in labels) * 2 >= len(labels):
                pairings = [Pairing(q.number, [], answer_part(by_label[q.number], q.question)) for q in questions if q.number in by_label]
                end_last_answer(pairings)
                answers = {p.number: p.answer for p in pairings}
                break
    return [
        replace(q, **answer_fields(reply, answers[q.number])) if answers.get(q.number) else replace(q)
        for q in questions
    ]


def answer_fields(doc: ParsedDocument, answer: list[Segment]) -> dict:
    """The answer columns of a QAPair from the answer's segments."""
    text = segments_text(answer) or None
    placed = [s for s in answer if s.start >= 0]
    start = min((s.start for s in placed), default=None) if text else None
    return {
        "answer": text,
        "answer_status": status_from_text(text),
        "page": doc.page_of(start) if start is not None else None,
        "answer_start": start,
        "answer_end": max((s.end for s in placed), default=None) if text else None,
    }
