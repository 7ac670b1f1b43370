"""Stage 6, NLP: the named things in a document's text, as `Entity` records.

The pipeline is `spacy.blank("en")` plus two rule components whose patterns
live in data files:

- an EntityRuler: ORG from the authorities gazetteer (`data/authorities.csv`:
  names and aliases matched case-blind, acronyms case-sensitively; the pattern
  id is the canonical name) and LAW from the Acts named in
  `data/entity_patterns.json`;
- `foi_regex_entities`: character-level patterns from the same file for
  REDACTION, EMAIL, URL, LAW provisions ("section 22(1)" -> `s.22(1)`), MONEY,
  PERCENT, DATE (complete dates -> ISO, financial years -> `2013-14`, months ->
  `2020-07`, years) and CARDINAL.

When a statistical English model is installed (`en_core_web_sm` and kin) it
runs first and adds its entities (PERSON, GPE, ...); the rule components come
after it and win wherever they overlap it. Nothing fails when it is absent.

Every entity's `char_start`/`char_end` index the text passed in (that is,
`documents.text`): `text[e.char_start:e.char_end] == e.text`.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

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


@dataclass(frozen=True)
class RegexRule:
    label: str
    name: str
    regex: re.Pattern


@lru_cache(maxsize=1)
def _pattern_data() -> dict:
    return json.loads(PATTERNS.read_text(encoding="utf-8"))


_FLAGS = {"i": re.I, "m": re.M}


@lru_cache(maxsize=1)
def regex_rules() -> tuple[RegexRule, ...]:
    rules = []
    for r in _pattern_data()["regex"]:
        flags = 0
        for f in r.get("flags", ""):
            flags |= _FLAGS[f]
        pattern = r["pattern"].replace("{DATE}", DATE_RE.pattern)
        rules.append(RegexRule(r["label"], r["name"], re.compile(pattern, flags)))
    return tuple(rules)


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


@Language.component("foi_regex_entities")
def regex_entities(doc: Doc) -> Doc:
    """Add the regex entities: each rule in order, never over text an earlier rule or the EntityRuler took.

    Entities with an id come from the EntityRuler and are kept; the others come
    from a statistical model and give way to a rule that overlaps them. A match
    that ends inside a token ("Email:foi@x.nhs.uk" is one token) splits it, so
    that the entity is exactly the matched text.
    """
    text = doc.text
    taken = bytearray(len(text) + 1)
    wanted = [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in doc.ents if e.ent_id_]
    for start, end, _, _ in wanted:
        taken[start:end] = b"\x01" * (end - start)
    for rule in regex_rules():
        for m in rule.regex.finditer(text):
            start, end = _entity_span(m)
            if start >= end or 1 in taken[start:end]:
                continue
            taken[start:end] = b"\x01" * (end - start)
            if not rule.label.startswith("_"):
                wanted.append((start, end, rule.label, ""))
    wanted += [(e.start_char, e.end_char, e.label_, "") for e in doc.ents if not e.ent_id_ and 1 not in taken[e.start_char : e.end_char]]
    doc.ents = []
    _split_tokens_at(doc, {o for start, end, _, _ in wanted for o in (start, end)})
    spans = [doc.char_span(start, end, label=label, span_id=ent_id) for start, end, label, ent_id in sorted(wanted)]
    doc.ents = [s for s in spans if s is not None]
    return doc


def _split_tokens_at(doc: Doc, offsets: set[int]) -> None:
    """Split the tokens that have one of `offsets` strictly inside them."""
    starts = [t.idx for t in doc]
    inside: dict[int, list[int]] = {}
    for o in offsets:
        i = bisect_right(starts, o) - 1
        if i >= 0 and starts[i] < o < starts[i] + len(doc[i]):
            inside.setdefault(i, []).append(o - starts[i])
    if not inside:
        return
    with doc.retokenize() as retokenizer:
        for i, cuts in inside.items():
            token = doc[i]
            bounds = [0, *sorted(cuts), len(token)]
            orths = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(token, orths, heads=[(token, 0)] * len(orths))


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


def _chunks(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of `text` cut into pieces of at most `size` characters, at line ends where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        yield start, text[start:end]
        start = end


def find_entities(text: str) -> list[Entity]:
    """The entities of one document's text."""
    return find_entities_many([text])[0]


def find_entities_many(texts: Iterable[str]) -> list[list[Entity]]:
    """The entities of many texts at once (`nlp.pipe` in batches), one list per text."""
    nlp = get_nlp()
    texts = [t or "" for t in texts]
    pieces = [(i, offset, piece) for i, t in enumerate(texts) for offset, piece in _chunks(t, nlp.max_length)]
    out: list[list[Entity]] = [[] for _ in texts]
    docs = nlp.pipe((p for _, _, p in pieces), batch_size=BATCH_SIZE)
    for (i, offset, _), doc in zip(pieces, docs):
        for ent in doc.ents:
            out[i].append(
                Entity(
                    label=ent.label_,
                    text=ent.text,
                    normalised=normalise(ent.label_, ent.text, ent.ent_id_ or None),
                    char_start=offset + ent.start_char,
                    char_end=offset + ent.end_char,
                )
            )
    return out


# --------------------------------------------------------------------------
# Normalised values, by label
# --------------------------------------------------------------------------

_PROVISION_RE = re.compile(
    r"(?P<kind>sections?|s|regulations?|regs?|r)\W*(?P<num>\d{1,3}[A-Z]?)(?P<subs>(?:\s?\((?:\d{1,2}[A-Z]?|[a-z]{1,3})\))*)", re.I
)
_MONTH_YEAR_RE = re.compile(r"(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})")
_YEAR_RE = re.compile(r"\(?((?:19|20)\d\d)\)?")


def canonical_provision(text: str) -> str | None:
    """`s.22(1)` for "section 22(1)", "s 22 (1)", "S.22(1)"; `reg.12(5)(c)` for "regulation 12(5)(c)"."""
    m = _PROVISION_RE.search(text or "")
    if not m:
        return None
    prefix = "reg." if m.group("kind").lower().startswith("r") else "s."
    subs = re.sub(r"\s", "", m.group("subs"))
    return f"{prefix}{m.group('num')}{subs}"


def _number(value: float | None) -> str | None:
    if value is None:
        return None
    return str(int(value)) if value.is_integer() else repr(value)


def normalise(label: str, text: str, rule_id: str | None = None) -> str | None:
    """The comparable form of an entity's text (see the module docstring); None when there is none."""
    flat = one_line(text) or ""
    if label == "ORG":
        return rule_id or canonical_authority(flat) or flat
    if label == "LAW":
        return rule_id or canonical_provision(flat) or canonical_legislation(flat) or flat
    if label == "DATE":
        return _normalise_date(flat)
    if label in ("MONEY", "CARDINAL"):
        amount = re.sub(r"^[A-Z]{1,3}(?=[£$€])|\s?(?:pounds|GBP)$", "", flat, flags=re.I)  # US$46,000, 450 pounds
        return _number(parse_number(amount))
    if label == "PERCENT":
        m = re.match(r"\d+(?:\.\d+)?", flat)
        return _number(float(m.group(0))) if m else None
    if label == "EMAIL":
        return flat.lower()
    if label == "REDACTION":
        return "email address" if "@" in flat else flat.strip("[] ").lower() if flat.startswith("[") else "redacted"
    return flat


def _normalise_date(text: str) -> str | None:
    iso = parse_date(text)
    if iso:
        return iso
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
