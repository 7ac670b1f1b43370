"""Stage 6, NLP: the named things in a document's text, as `Entity` records.

The pipeline is `spacy.blank("en")` plus two rule components whose patterns
live in data files:

- an EntityRuler: ORG from the authorities gazetteer (`data/authorities.csv`:
  names and aliases matched case-blind, acronyms case-sensitively; the pattern
  id is the canonical name) and LAW from the Acts named in
  `data/entity_patterns.json`;
- `foi_regex_entities`: character-level patterns from the same file for
  REDACTION, PERSON (salutations, signatures, WhatDoTheyKnow headers), EMAIL
  (also "foi [at] x.gov.uk"), URL (also wrapped over two lines), LAW
  provisions, MONEY (`1200000` for "£1.2m", `USD 46000` for "US$46,000", ranges
  as `10000-20000`), PERCENT, DATE (complete dates ->
  ISO, financial years -> `2013-14`, quarters -> `2021-Q1`, months ->
  `2020-07`, years) and CARDINAL. LAW provisions are found and written by
  `pipeline.extract.exemptions.find_citations`, so that they read as the
  exemptions table does (`s.40(2)`, `reg.12(5)(e)`, `sch.2 para.2`).

When a statistical English model is installed (`en_core_web_sm` and kin) it
runs first and adds its entities (PERSON, GPE, ...); the rule components come
after it and win wherever they overlap it. Nothing fails when it is absent.

Every entity's `char_start`/`char_end` index the text passed in (that is,
`documents.text`): `text[e.char_start:e.char_end] == e.text`. Texts longer than
`CHUNK_CHARS` go through in pieces cut at line ends (else at a space), so a large annex costs
time in proportion to its length and memory for one piece at a time.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Span

from .extract.exemptions import Citation, find_citations
from .model import Entity
from .normalise.authorities import authorities, canonical_authority
from .normalise.dates import DATE_RE, parse_date
from .normalise.legislation import canonical_legislation
from .normalise.numbers import parse_financial_year, parse_number
from .normalise.text import one_line

PATTERNS = Path(__file__).resolve().parent / "data" / "entity_patterns.json"
# Statistical English pipelines, smallest first; the first installed one is used.
STATISTICAL_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
# The parts of a statistical pipeline the entity recogniser needs; the rest is not loaded.
MODEL_EXCLUDE = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter", "morphologizer"]
BATCH_SIZE = 32
# Longer texts (spreadsheet annexes run to megabytes) are cut into pieces of at most this many
# characters: a spaCy Doc costs far more memory than its text, and `nlp.pipe` holds a batch of them.
CHUNK_CHARS = 100_000

CharSpan = tuple[int, int]  # (start, end) character offsets


@dataclass(frozen=True)
class Rule:
    """One entry of `entity_patterns.json`'s "regex" list: where its entities are in a text."""

    label: str
    name: str
    find: Callable[[str], Iterable[CharSpan]]
    replaces: frozenset[str]  # labels of EntityRuler entities it may take over when it covers them wholly


@lru_cache(maxsize=1)
def _pattern_data() -> dict:
    return json.loads(PATTERNS.read_text(encoding="utf-8"))


_FLAGS = {"i": re.I, "m": re.M}
_PLACEHOLDER_RE = re.compile(r"\{([A-Z_]+)\}")


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """`pattern` with each `{NAME}` of `fragments` (and `{DATE}`, `DATE_RE`) written out; fragments may use one another."""
    names = {**fragments, "DATE": DATE_RE.pattern}
    while (expanded := _PLACEHOLDER_RE.sub(lambda m: names.get(m.group(1), m.group(0)), pattern)) != pattern:
        pattern = expanded
    return pattern


def _regex_spans(regex: re.Pattern, reject: re.Pattern | None, text: str) -> Iterator[CharSpan]:
    """Where `regex` matches in `text` (see `_entity_span`), but for matches `reject` is found in."""
    for m in regex.finditer(text):
        start, end = _entity_span(m)
        if reject is None or not reject.search(text, start, end):
            yield start, end


# The Act a section belongs to when the letter names none.
DEFAULT_SECTION_ACT = "FOIA 2000"
_SECTION_WORD_RE = re.compile(r"\b(?:sections?|secs?\.?|ss?\.|s(?=\s?\d)|regulations?|regs?\.?)", re.I)
_LIST_SEPARATORS_RE = re.compile(r"(?:\s*(?:,|;|&|/|\band\b|\bor\b))*\s*$", re.I)
# "S106 agreement", "S117 aftercare": an "s" glued to three digits names a thing after the section of
# another Act that created it (planning obligations, mental-health aftercare); neither FOI Act has a section 100.
_GLUED_THREE_DIGITS_RE = re.compile(r"s\d{3}(?!\d)", re.I)


def citation_spans(text: str) -> Iterator[CharSpan]:
    """The provisions cited, as `pipeline.extract.exemptions` finds them ("sections 41 and 43(2)",
    "Schedule 2, Part 1, paragraph 2", "FoIA 21"), but for a glued "S117" with no Act named."""
    for c in find_citations(text, DEFAULT_SECTION_ACT):
        for start, end in _provision_spans(text, c):
            if not (c.legislation == DEFAULT_SECTION_ACT and _GLUED_THREE_DIGITS_RE.match(text, start)):
                yield start, end


def _provision_spans(text: str, c: Citation) -> Iterator[CharSpan]:
    """The citation's span, cut before each section or regulation word it names again.

    "section 40(2), regulation 13" gives two spans, so that each reads as what it is; an Act written
    before a section word ("FOIA s.40(2)") is left out, to stay an entity of its own.
    """
    words = [m.start() for m in _SECTION_WORD_RE.finditer(text, c.start, c.end)]
    if not words or re.search(r"\d", text[c.start : words[0]]):  # "FoIA 21", "paragraph 2 of Schedule 2"
        words.insert(0, c.start)
    for start, end in zip(words, [*words[1:], c.end]):
        yield start, start + len(_LIST_SEPARATORS_RE.sub("", text[start:end]))


# Finders written in code, named by a rule's "finder" key.
FINDERS: dict[str, Callable[[str], Iterable[CharSpan]]] = {"citations": citation_spans}


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The rules of `entity_patterns.json`, in the order they take text."""
    data = _pattern_data()
    fragments = data.get("fragments", {})
    out = []
    for r in data["regex"]:
        if "finder" in r:
            find = FINDERS[r["finder"]]
        else:
            flags = 0
            for f in r.get("flags", ""):
                flags |= _FLAGS[f]
            reject = re.compile(_expand(r["reject"], fragments)) if "reject" in r else None
            find = partial(_regex_spans, re.compile(_expand(r["pattern"], fragments), flags), reject)
        out.append(Rule(r["label"], r["name"], find, frozenset(r.get("replaces", ()))))
    return tuple(out)


_ACRONYM_RE = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-Za-z0-9()]{2,10}$")


def _variants(name: str) -> set[str]:
    """Spellings a letter may use for a name: straight or curly apostrophes or none, "&" or "and"."""
    out = {name}
    for a in list(out):
        if "'" in a or "’" in a:
            out |= {a.replace("’", "'"), a.replace("'", "’"), a.replace("'", "").replace("’", "")}
    for a in list(out):
        if " and " in a:
            out.add(a.replace(" and ", " & "))
        if " & " in a:
            out.add(a.replace(" & ", " and "))
    return out


def ruler_patterns() -> tuple[list[dict], list[dict]]:
    """EntityRuler patterns, each with its canonical name as id: (names matched case-blind, acronyms matched exactly).

    Authorities give ORG, the Acts of `entity_patterns.json` give LAW.
    """
    names: list[dict] = []
    acronyms: list[dict] = []
    for a in authorities():
        for name in (a.name, *a.aliases):
            names += [{"label": "ORG", "pattern": v, "id": a.name} for v in _variants(name)]
        acronyms += [{"label": "ORG", "pattern": acr, "id": a.name} for acr in a.acronyms]
    for law in _pattern_data()["law_names"]:
        text = law["text"]
        if _ACRONYM_RE.match(text):  # FOIA, EIRs, GDPR: case-sensitive
            acronyms.append({"label": "LAW", "pattern": text, "id": law["id"]})
        else:
            names += [{"label": "LAW", "pattern": v, "id": law["id"]} for v in _variants(text)]
    return names, acronyms


def installed_model() -> str | None:
    """The first statistical English pipeline installed, if any."""
    return next((m for m in STATISTICAL_MODELS if spacy.util.is_package(m)), None)


# (start, end, label, EntityRuler pattern id or "")
Found = tuple[int, int, str, str]


@Language.component("foi_regex_entities")
def regex_entities(doc: Doc) -> Doc:
    """Add the rule entities (`_rule_entities`) to the EntityRuler's.

    Entities with an id come from the EntityRuler and are kept unless a rule
    replaced them; the others come from a statistical model and give way to any
    rule entity that overlaps them. A match that ends inside a token
    ("Email:foi@x.nhs.uk" is one token) cuts it, so that the entity is exactly
    the matched text; the Doc is then rebuilt, once.
    """
    text = _text_of(doc)
    ruler = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents if e.ent_id_]
    found, replaced, taken = _rule_entities(text, ruler)
    wanted = [e for i, e in enumerate(ruler) if i not in replaced] + found
    wanted += [(e.start_char, e.end_char, e.label_, "") for e in doc.ents if not e.ent_id_ and 1 not in taken[e.start_char : e.end_char]]
    doc.ents = []
    for i in replaced:  # clearing the entities leaves their ids on the tokens
        for token in doc.char_span(ruler[i][0], ruler[i][1]):
            token.ent_id = 0
    doc = _cut_tokens_at(doc, text, {o for start, end, _, _ in wanted for o in (start, end)})
    spans = [doc.char_span(start, end, label=label, span_id=ent_id) for start, end, label, ent_id in sorted(wanted)]
    doc.ents = [s for s in spans if s is not None]
    return doc


def _rule_entities(text: str, ruler: list[Found]) -> tuple[list[Found], set[int], bytearray]:
    """The entities of each rule in order, never over text the EntityRuler or an earlier rule took, except
    EntityRuler entities of a label the rule `replaces` when it covers them wholly ("FoIA 21" is one
    citation, not the Act and a number).

    Returns the entities (labels starting with "_" only take text), the indexes in `ruler` of the
    entities replaced, and the characters taken (1 where taken).
    """
    taken = bytearray(len(text) + 1)
    for start, end, _, _ in ruler:
        taken[start:end] = b"\x01" * (end - start)
    ruler_starts = [start for start, _, _, _ in ruler]
    found: list[Found] = []
    replaced: set[int] = set()
    for rule in rules():
        for start, end in rule.find(text):
            if start >= end:
                continue
            if 1 in taken[start:end]:
                covered = _covered_ruler_entities(ruler, ruler_starts, start, end, rule.replaces)
                if covered is None or taken[start:end].count(1) != sum(ruler[i][1] - ruler[i][0] for i in covered):
                    continue  # overlaps an earlier rule's entity, or an EntityRuler one it may not replace
                replaced.update(covered)
            taken[start:end] = b"\x01" * (end - start)
            if not rule.label.startswith("_"):
                found.append((start, end, rule.label, ""))
    return found, replaced, taken


# Where `find_entities_many` leaves a Doc's text: `Doc.text` joins every token, which cost a third of the stage.
TEXT_KEY = "foi_text"


def _text_of(doc: Doc) -> str:
    """The Doc's text: the one `find_entities_many` left with it, if it is as long as the Doc, else `Doc.text`."""
    text = doc.user_data.get(TEXT_KEY)
    if text is not None and len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


def _doc_with_text(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    return doc


def _covered_ruler_entities(ruler: list[Found], starts: list[int], start: int, end: int, labels: frozenset[str]) -> list[int] | None:
    """Indexes of the EntityRuler entities inside [start, end), if all of them have one of `labels`; else None."""
    if not labels:
        return None
    covered = []
    for i in range(bisect_left(starts, start), bisect_left(starts, end)):
        if ruler[i][1] > end or ruler[i][2] not in labels:
            return None
        covered.append(i)
    return covered or None


def _cut_tokens_at(doc: Doc, text: str, offsets: set[int]) -> Doc:
    """`doc`, with the tokens that have one of `offsets` strictly inside them cut there.

    The Doc is rebuilt in one pass: `Retokenizer.split` costs time in proportion to the
    whole Doc for every token it splits, which made a large spreadsheet annex take hours.
    The new Doc carries the words only; the caller sets its entities.
    """
    starts = doc.to_array(IDX).tolist()
    ends = (doc.to_array(IDX) + doc.to_array(LENGTH)).tolist()
    inside: dict[int, list[int]] = {}
    for o in offsets:
        i = bisect_right(starts, o) - 1
        if i >= 0 and starts[i] < o < ends[i]:
            inside.setdefault(i, []).append(o)
    if not inside:
        return doc
    has_space = doc.to_array(SPACY).tolist()
    words: list[str] = []
    spaces: list[bool] = []
    for i, (start, end) in enumerate(zip(starts, ends)):
        bounds = [start, *sorted(inside[i]), end] if i in inside else [start, end]
        words += [text[a:b] for a, b in zip(bounds, bounds[1:])]
        spaces += [False] * (len(bounds) - 2) + [bool(has_space[i])]
    return Doc(doc.vocab, words=words, spaces=spaces, user_data=doc.user_data)


def _entity_span(m: re.Match) -> tuple[int, int]:
    for name in m.re.groupindex:
        if m.group(name) is not None:
            return m.span(name)
    return m.span()


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The entity pipeline, built once per process."""
    model = installed_model()
    nlp = spacy.load(model, exclude=MODEL_EXCLUDE) if model else spacy.blank("en")
    return build_rules(nlp)


def build_rules(nlp: Language) -> Language:
    """Add the rule components to `nlp` (after its statistical recogniser, if it has one).

    Two phrase-matching rulers (token patterns would be forty times slower):
    acronyms first, matched exactly, then names, matched case-blind, which
    replace any acronym or statistical entity they overlap.
    """
    names, acronyms = ruler_patterns()
    for pipe_name, attr, patterns in (("foi_acronyms", "ORTH", acronyms), ("foi_names", "LOWER", names)):
        ruler = nlp.add_pipe(
            "entity_ruler", name=pipe_name, config={"phrase_matcher_attr": attr, "overwrite_ents": True, "validate": False}
        )
        with nlp.select_pipes(enable=[]):  # patterns are tokenised only
            ruler.add_patterns(patterns)
    nlp.add_pipe("foi_regex_entities")
    return nlp


def _chunks(text: str, size: int) -> Iterator[tuple[int, int]]:
    """(start, end) of the pieces of `text` of at most `size` characters: cut at a line end where
    possible, else after a space (one long line), so that no entity is cut in two."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        yield start, end
        start = end


def find_entities(text: str) -> list[Entity]:
    """The entities of one document's text."""
    return find_entities_many([text])[0]


def find_entities_many(texts: Iterable[str]) -> list[list[Entity]]:
    """The entities of many texts at once (`nlp.pipe` in batches), one list per text."""
    nlp = get_nlp()
    texts = [t or "" for t in texts]
    size = min(nlp.max_length, CHUNK_CHARS)
    pieces = [(i, start, end) for i, t in enumerate(texts) for start, end in _chunks(t, size)]
    out: list[list[Entity]] = [[] for _ in texts]
    docs = nlp.pipe((_doc_with_text(nlp, texts[i][start:end]) for i, start, end in pieces), batch_size=_batch_size(size))
    for (i, offset, _), doc in zip(pieces, docs):
        out[i] += [_entity(texts[i], offset, ent) for ent in doc.ents]
    return out


def _entity(text: str, offset: int, ent: Span) -> Entity:
    """The record of a Doc entity found in the piece of `text` that starts at `offset`."""
    start, end = offset + ent.start_char, offset + ent.end_char
    return Entity(ent.label_, text[start:end], normalise(ent.label_, text[start:end], ent.ent_id_ or None), start, end)


def _batch_size(chunk_chars: int) -> int:
    """Docs per `nlp.pipe` batch: BATCH_SIZE letters, but about one million characters at most in memory."""
    return max(1, min(BATCH_SIZE, 1_000_000 // max(1, chunk_chars)))


# --------------------------------------------------------------------------
# Normalised values, by label
# --------------------------------------------------------------------------

_ARTICLE_RE = re.compile(r"\b(?:articles?|art\.)\s?(?P<num>\d{1,3}[A-Z]?)(?P<subs>(?:\s?\((?:\d{1,2}|[a-z]{1,3})\))*)", re.I)
_PROVISION_RANGE_RE = re.compile(r"(?P<first>(?P<word>\w+\.?)\s?\d{1,3}[A-Z]?)\s?(?:to|-|–)\s?(?P<last>\d{1,3}[A-Z]?)", re.I)
_MONTH_YEAR_RE = re.compile(r"(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})")
_YEAR_RE = re.compile(r"\(?((?:19|20)\d\d)\)?")
_QUARTER_RE = re.compile(r"\b(?:Q|quarter\s?)(?P<q>[1-4])\b(?:\s?of)?", re.I)
# The currency an amount is written in, by what comes before its figures ("US$46,000", "GBP 1,000", "€5").
_CURRENCY_RE = re.compile(r"^(?P<code>[A-Z]{0,2}\$|[£€]|(?:GBP|EUR|USD)\b)\s?", re.I)
# ISO codes of the signs; another "X$" is kept as written.
_CURRENCY_CODES = {"£": "GBP", "€": "EUR", "$": "USD", "US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
                   "NZ$": "NZD", "HK$": "HKD", "S$": "SGD"}
_POUNDS_AFTER_RE = re.compile(r"\s?(?:pounds|GBP)$", re.I)  # "450 pounds"
_AMOUNT_RANGE_RE = re.compile(r"(?P<low>[£$€]?\s?[\d.,]+\s?[a-z]*)\s?(?:-|–|—)\s?(?P<high>[£$€]?\s?[\d.,]+\s?(?P<unit>[a-z]*))", re.I)
_OBFUSCATED_AT_RE = re.compile(r"\s*[\[({]\s*at\s*[\])}]\s*", re.I)
_OBFUSCATED_DOT_RE = re.compile(r"\s*[\[({]\s*dot\s*[\])}]\s*", re.I)


def canonical_provision(text: str) -> str | None:
    """The provisions `text` cites, written as the exemptions table writes them (`s.22(1)` for "section
    22(1)", "s 22 (1)", "S.22(1)"; `reg.12(5)(c)`; `sch.2 para.16`; several joined by ", "), else an
    Article (of the UK GDPR, say) as `Art.6(1)(e)`; a range as `s.21-s.44`; None when it cites none.

    A regulation is `reg.` and a section `s.` whichever Act the letter names after it: the entity is
    the words written, and the exemptions table decides which Act they belong to.
    """
    provisions = [p for c in find_citations(text or "", DEFAULT_SECTION_ACT) for p in c.provisions]
    if provisions:
        return ", ".join(provisions)
    m = _PROVISION_RANGE_RE.fullmatch(text or "")
    if m:
        first, last = canonical_provision(m.group("first")), canonical_provision(f"{m.group('word')} {m.group('last')}")
        return f"{first}-{last}" if first and last else None
    m = _ARTICLE_RE.search(text or "")
    if not m:
        return None
    subsections = re.sub(r"\s", "", m.group("subs"))
    return f"Art.{m.group('num')}{subsections}"


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if value.is_integer() else repr(value)


@lru_cache(maxsize=65536)
def normalise(label: str, text: str, rule_id: str | None = None) -> str | None:
    """The comparable form of an entity's text (see the module docstring); None when there is none.

    Cached: a spreadsheet annex repeats the same dates and amounts thousands of times.
    """
    flat = one_line(text) or ""
    if label == "ORG":
        return rule_id or canonical_authority(flat) or flat
    if label == "LAW":
        return rule_id or canonical_provision(flat) or canonical_legislation(flat) or flat
    if label == "DATE":
        return _normalise_date(flat)
    if label == "MONEY":
        return _normalise_money(flat)
    if label == "CARDINAL":
        return _normalise_amount(flat)
    if label == "PERCENT":
        m = re.match(r"\d+(?:\.\d+)?", flat)
        return _number(float(m.group(0))) if m else None
    if label == "EMAIL":
        return _OBFUSCATED_DOT_RE.sub(".", _OBFUSCATED_AT_RE.sub("@", flat)).lower()
    if label == "URL":
        return re.sub(r"\s+", "", text)  # a web address wrapped over two lines is one address
    if label == "REDACTION":
        return _normalise_redaction(flat)
    return flat


def _normalise_money(flat: str) -> str | None:
    """The amount in figures, after its currency's ISO code unless it is in pounds, the letters' own
    currency: `1200000` for "£1.2m", `USD 46000` for "US$46,000", `EUR 10000-20000` for "€10–20k"."""
    m = _CURRENCY_RE.match(flat)
    code = m.group("code").upper() if m else "GBP"
    # Written after a pound sign whatever the currency: `parse_number` reads "1.2m" as millions only after one.
    amount = _normalise_amount("£" + _POUNDS_AFTER_RE.sub("", flat[m.end() :] if m else flat))
    currency = _CURRENCY_CODES.get(code, code)
    return amount if amount is None or currency == "GBP" else f"{currency} {amount}"


def _normalise_amount(amount: str) -> str | None:
    """`1200000` for "£1.2m"; a range as `10000-20000` ("£10–20k": the unit after the range is both ends')."""
    value = parse_number(amount)
    if value is not None:
        return _number(value)
    m = _AMOUNT_RANGE_RE.fullmatch(amount)
    if not m:
        return None
    low_text = m.group("low")
    if m.group("unit") and not re.search(r"[a-z]$", low_text, re.I):
        low_text += m.group("unit")
    low, high = parse_number(low_text), parse_number(m.group("high"))
    return f"{_number(low)}-{_number(high)}" if low is not None and high is not None else None


def _normalise_redaction(flat: str) -> str:
    """`email address` for a masked or withheld address, the placeholder's words for "[name removed]", else `redacted`."""
    if "@" in flat or (flat.startswith("[") and re.search(r"\be-?mail\b", flat, re.I)):
        return "email address"
    return flat.strip("[] ").lower() if flat.startswith("[") else "redacted"


def _normalise_date(text: str) -> str | None:
    iso = parse_date(text)
    if iso:
        return iso
    quarter = _QUARTER_RE.search(text)
    if quarter:
        return _normalise_quarter(quarter.group("q"), (text[: quarter.start()] + text[quarter.end() :]).strip(" -–,"))
    fy = parse_financial_year(re.sub(r"\s+to\s+", "-", text, flags=re.I))
    if fy:
        return fy.label
    m = _MONTH_YEAR_RE.fullmatch(text)
    if m:
        month = parse_date(f"1 {m.group('month')} {m.group('year')}")
        if month:
            return month[:7]
    m = _YEAR_RE.fullmatch(text)
    return m.group(1) if m else text


def _normalise_quarter(quarter: str, year: str) -> str:
    """`2021-Q1` for a calendar year's quarter, `2020-21 Q1` for a financial year's."""
    fy = parse_financial_year(year)
    if fy:
        return f"{fy.label} Q{quarter}"
    m = _YEAR_RE.fullmatch(year)
    return f"{m.group(1)}-Q{quarter}" if m else f"{year} Q{quarter}"
