"""Exemptions (and EIR exceptions, refusal grounds) a response RELIES ON to withhold information.

A letter mentions many provisions; only some are relied on. The extractor:

1. finds every citation, in any written form ("section 40(2) of the FOIA",
   "s.40(2)", "s40(2)", "Section 40 (2)", "sections 40(2) and 43", "FoIA 21",
   "regulation 12(5)(c) of the EIR", "reg 13", "paragraph 16 of Schedule 2 to the
   DPA 2018") and writes it canonically (`s.40(2)`, `reg.12(5)(c)`, `sch.2 para.16`);
2. settles its legislation: an Act named next to it ("of the FOIA"), else regulations
   are EIR and sections are FOIA, or FOISA when the letter is Scottish. A citation
   of another Act ("section 117 of the Mental Health Act") is dropped. A Scottish
   letter's regulations are read in the Scottish EIRs' numbering (reg.10(4)(a), reg.11);
3. keeps it only if the reference table `pipeline/data/exemptions.csv` lists it
   (so s.1, s.16, s.17, s.50 and the like never count) and its clause reads as
   reliance: not negated ("we have not applied section 12"), not the requester's
   words (a question span, "please provide ...", a quoted request; but "we are refusing your
   request under ..." is the authority's even inside one), not a hypothetical or guidance
   sentence unless it also asserts reliance, not a counterfactual ("could have been withheld
   under section 22, but ..."), not inside a long quotation, and not FOIA section 39 only
   routing an environmental request to the EIR the letter deals with it under. A reliance the
   letter later withdraws ("section 22 no longer applies and I have not relied on it", "was not
   correctly applied", "I have overturned the original decision") is dropped: an internal review
   recounting the original refusal is history, not reliance;
   Provisions written as labels ("Section 24(2) National Security") are read with what
   introduces them: a lead-in relying on them ("... by virtue of the following
   exemptions:") or one that does not ("Annex A - Exemptions", a footer of every
   exemption);
4. tells reliance from restatement: a heading, a sentence about what a provision is,
   or a public interest passage only echoes the reliance it belongs to, so it adds no
   row of its own for the answer it sits in (nor in an annex, below the sign-off);
5. merges repeated citations into one row per (provision, question), and reads
   the public interest test and its stated considerations for each side, each
   provision taking the considerations under the headings that name it; a test said of
   "both exemptions" goes to every qualified provision of the sentence citing them.
"""
from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files

from ..model import Exemption, ParsedDocument, QAPair

# --------------------------------------------------------------------------
# The reference table
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Provision:
    legislation: str
    provision: str
    name: str
    kind: str
    decision: str
    part_of: str  # the provision this one is only a condition of ("" when it stands alone)
    instrument: str  # for regulations numbered differently in England and Scotland, whose numbering ("" when both)
    routes_to: str  # the legislation the provision hands the request over to ("" when it withholds)


@lru_cache(maxsize=1)
def reference_table() -> dict[tuple[str, str], Provision]:
    """(legislation, canonical provision) -> its row in `pipeline/data/exemptions.csv`."""
    text = (files("pipeline") / "data" / "exemptions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {(r["legislation"], r["provision"]): Provision(**r) for r in rows}


# The two instruments both reported as EIR 2004, which number their exceptions differently
# (reg.12(4)(a) in England, Wales and Northern Ireland is reg.10(4)(a) in Scotland).
EIR_INSTRUMENT = "SI 2004/3391"
EISR_INSTRUMENT = "SSI 2004/520"


def lookup(legislation: str, provision: str, instrument: str = EIR_INSTRUMENT) -> Provision | None:
    """The table row for a provision or, failing that, for its longest listed parent (s.40(2)(a) -> s.40(2) -> s.40).

    `instrument` is the numbering the letter's regulations follow: a row of the other
    instrument means the number is not an exception there (EISR reg.13 is the refusal notice).
    """
    table = reference_table()
    candidate = provision
    while True:
        row = table.get((legislation, candidate))
        if row is not None:
            return row if row.instrument in ("", instrument) else None
        shorter = re.sub(r"\([^()]*\)$", "", candidate)
        if shorter == candidate:
            return None
        candidate = shorter


# --------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------

# A section/regulation number with its subsections: 40(2), 40 (3A)(a), 12(5)(c), 22A.
# Subsections are short (digits with an optional letter, one or two letters, or a roman
# numeral), so "section 12 (cost limit)" stays s.12.
_SUB = r"\(\s?(?:\d{1,3}[A-Z]{0,2}|[a-z]{1,2}|[ivx]{1,5})\s?\)"
_NUM = rf"\d{{1,3}}[A-Z]{{0,2}}(?![\d/]|[-.]\d)(?:\s?{_SUB})*"
# What may follow a number without being a further section: "12 and 18 hours".
_NOT_A_SECTION = r"(?!\s*(?:hours?|days?|working|weeks?|months?|years?|pages?|staff|%|per\b|pm\b|am\b))"
_LIST_TAIL = rf"(?:\s*(?:,|and|or|&|/)\s*(?:(?:sections?|s\.|s|regulations?|regs?\.?)\s?)?(?:{_NUM}|{_SUB}(?:\s?{_SUB})*){_NOT_A_SECTION})*"

_ACTS = {
    "FOISA 2002": r"freedom\s+of\s+information\s+\(scotland\)\s+act(?:\s+2002)?|foi\s?\(s\)\s?a|foisa",
    "FOIA 2000": r"freedom\s+of\s+information\s+act(?:\s+2000)?|foia|foi\s+act",
    "EIR 2004": r"environmental\s+information\s+(?:\(scotland\)\s+)?regulations(?:\s+2004)?|eirs?|eisrs?|ei\s?\(s\)\s?rs?",
    "DPA 2018": r"data\s+protection\s+act(?:\s+2018)?|dpa(?:\s+2018)?",
}
_ACT_ALTERNATIVES = "(?i:" + "|".join(f"(?P<{k.split()[0]}>{v})" for k, v in _ACTS.items()) + ")"

_CITATION = re.compile(
    rf"""
    (?:
        (?P<act_before>\b(?:foisa|foi\s?\(s\)\s?a|foia|eirs?|eisrs?|dpa)\b\s?(?:s\.?|section|reg\.?|regulation)?\s?)
        (?P<anum>{_NUM})
      |
        (?P<word>\bsections?|\bsecs?\.?|\bss?\.|(?<![’'\w])s(?=\s?\d)|\bregulations?|\bregs?\.?)\s?
        (?P<num>{_NUM}{_NOT_A_SECTION}{_LIST_TAIL})
      |
        \b(?:paragraph|para\.?)\s?(?P<para>\d{{1,2}}(?:\s?{_SUB})*)\s?(?:of|,|in)\s+(?:part\s+\d\s+of\s+)?(?:schedule|sch(?:ed)?\.?)\s?(?P<sched1>\d)
      |
        \b(?:schedule|sch(?:ed)?\.?)\s?(?P<sched2>\d)\s?,?\s*(?:part\s?\d\s?,?\s*)?(?:paragraph|para\.?)\s?(?P<para2>\d{{1,2}}(?:\s?{_SUB})*)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# An Act named right after a citation: "of the FOIA", "of the Freedom of Information Act 2000",
# "to the Data Protection Act 2018", "of the Act", or any other Act ("of the Mental Health Act 1983").
_ACT_AFTER = re.compile(
    rf"^\s*,?\s*(?i:of|to|under|in)\s+(?i:the\s+)?"
    rf"(?:{_ACT_ALTERNATIVES}\b|(?P<this_act>(?i:act|regulations))\b"
    rf"|(?P<other>[A-Z][\w()'’&-]*\s+(?:(?:[A-Z][\w()'’&-]*|for|of|and|on|the)\s+){{0,7}}(?:Act|Regulations|Order|Rules)\b))",
)
_ACT_BEFORE = re.compile(rf"(?:{_ACT_ALTERNATIVES})\s*,?\s*$", re.IGNORECASE)


@dataclass
class Citation:
    start: int
    end: int
    provisions: list[str]  # canonical, without legislation
    legislation: str | None  # None when another Act was named


def _canonical_number(num: str) -> str:
    return re.sub(r"\s+", "", num)


def _split_list(num: str) -> list[str]:
    """'40(2) and 40(3A)' -> ['40(2)', '40(3A)']; '40(2) and (3)' -> ['40(2)', '40(3)']."""
    parts = re.split(r"\s*(?:,|\band\b|\bor\b|&|/)\s*", num)
    out: list[str] = []
    for part in parts:
        part = re.sub(r"^(?:sections?|s\.|s|regulations?|regs?\.?)\s?", "", part.strip(), flags=re.IGNORECASE)
        if not part:
            continue
        part = _canonical_number(part)
        if part.startswith("(") and out:
            part = _continue_subsection(out[-1], part)
        if re.match(r"\d", part):
            out.append(part)
    return out


def _continue_subsection(previous: str, subs: str) -> str:
    """'(e)' after '12(5)(b)' is 12(5)(e); '(3A)' after '40(2)' is 40(3A): the bare part replaces its own level."""
    def level(sub: str) -> str:
        return "digit" if sub[1].isdigit() else "letter"

    head = re.match(r"\d+[A-Z]*", previous).group(0)
    levels = re.findall(r"\([^()]*\)", previous)
    first = re.match(r"\([^()]*\)", subs).group(0)
    same = [i for i, sub in enumerate(levels) if level(sub) == level(first)]
    kept = levels[: same[-1]] if same else levels
    return head + "".join(kept) + subs


def _act_of(match: re.Match) -> str | None:
    for key in _ACTS:
        if match.group(key.split()[0]):
            return key
    return None


# An Act given a short name in the letter: "the Commissioners for Revenue and Customs Act 2005 (CRCA)".
_DEFINED_ABBREVIATION = re.compile(
    r"\b(?:Act|Regulations|Order|Rules)(?:\s+\d{4})?\s*\(\s*(?:the\s+)?[\"“‘']?(?P<abbreviation>[A-Z][A-Za-z]{1,7})[\"”’']?\s*\)"
)


def other_act_abbreviations(text: str) -> set[str]:
    """The short names the letter gives Acts other than the FOIA, FOISA, EIR and DPA."""
    found = {m.group("abbreviation") for m in _DEFINED_ABBREVIATION.finditer(text)}
    return {a for a in found if not re.fullmatch(_ACT_ALTERNATIVES, a)}


def _of_abbreviated_act(after: str, abbreviations: set[str]) -> bool:
    """The citation is followed by "of the CRCA", one of the letter's short names for another Act."""
    m = re.match(r"\s*,?\s*(?i:of|to|under|in)\s+(?i:the\s+)?([A-Za-z]+)\b", after)
    return bool(m) and m.group(1) in abbreviations


def find_citations(text: str, default_section_act: str) -> list[Citation]:
    """Every citation of a section, regulation or schedule paragraph, with its legislation."""
    out: list[Citation] = []
    abbreviations = other_act_abbreviations(text)
    for m in _CITATION.finditer(text):
        if re.match(r"\s*(?:to|-|–)\s*\d", text[m.end() : m.end() + 8]):
            continue  # a range ("sections 21 to 44"): the Act's scheme, not a provision relied on
        after = _ACT_AFTER.match(text[m.end() : m.end() + 90])
        named = None
        if after:
            named = "other" if after.group("other") else _act_of(after)
        elif _of_abbreviated_act(text[m.end() : m.end() + 40], abbreviations):
            named = "other"
        if m.group("anum"):
            label = m.group("act_before")
            act = _act_of(re.match(_ACT_ALTERNATIVES, label))
            is_reg = act == "EIR 2004" or "reg" in label.lower()
            nums = [_canonical_number(m.group("anum"))]
        elif m.group("num"):
            is_reg = m.group("word").lower().startswith("reg")
            nums = _split_list(m.group("num"))
            before = _ACT_BEFORE.search(text[max(0, m.start() - 60) : m.start()])
            act = _act_of(before) if before else None
        else:
            para = _canonical_number(m.group("para") or m.group("para2"))
            sched = m.group("sched1") or m.group("sched2")
            legislation = None if named in ("other", "FOIA 2000", "FOISA 2002", "EIR 2004") else "DPA 2018"
            out.append(Citation(m.start(), m.end(), [f"sch.{sched} para.{para}"], legislation))
            continue
        if named == "other":
            legislation = None
        elif named:
            legislation = named
        elif act:
            legislation = act
        else:
            legislation = "EIR 2004" if is_reg else default_section_act
        prefix = "reg." if legislation == "EIR 2004" else "s."
        out.append(Citation(m.start(), m.end(), [prefix + n for n in nums], legislation))
    return out


_SCOTTISH = re.compile(
    r"freedom\s+of\s+information\s+\(scotland\)|\bfoisa\b|\bfoi\s?\(s\)\s?a\b|scottish\s+information\s+commissioner|"
    r"environmental\s+information\s+\(scotland\)|\beisrs?\b|\bei\s?\(s\)\s?rs?\b",
    re.IGNORECASE,
)


def is_scottish(text: str) -> bool:
    """The letter answers under the Scottish regime (FOISA, the Scottish EIRs)."""
    return bool(_SCOTTISH.search(text))


def default_section_act(text: str) -> str:
    """FOISA 2002 when the letter is Scottish, else FOIA 2000."""
    return "FOISA 2002" if is_scottish(text) else "FOIA 2000"


def names_legislation(text: str, legislation: str) -> bool:
    """The letter names the Act or Regulations anywhere ("the EIR", "Environmental Information Regulations 2004")."""
    return bool(re.search(rf"\b(?:{_ACTS[legislation]})\b", text, re.IGNORECASE))


# The authority saying in so many words that it applies a provision: "we are applying the exemption in section 39(2)".
_APPLIES_IT = re.compile(r"\bwe\s+(?:are|have)\s+(?:also\s+)?(?:applying|applied|relying|relied)\b|\bwe\s+(?:apply|rely)\b", re.IGNORECASE)


def only_routes(text: str, provision: Provision, sentence: str) -> bool:
    """The provision only hands the request over to legislation the letter deals with it under: "Environmental
    information is exempt under section 39 and is handled under the EIR" withholds nothing. A sentence in which
    the authority says it applies the exemption ("we are applying the exemption in section 39(2) of FOISA")
    is still its reliance."""
    return bool(provision.routes_to) and names_legislation(text, provision.routes_to) and not _APPLIES_IT.search(sentence)


def regulations_instrument(text: str) -> str:
    """Whose numbering the letter's regulations follow: the Scottish EIRs' when the letter is Scottish."""
    return EISR_INSTRUMENT if is_scottish(text) else EIR_INSTRUMENT


# --------------------------------------------------------------------------
# Reading a mention: relied on, or only mentioned?
# --------------------------------------------------------------------------

_NEGATED = re.compile(
    r"\b(?:not|never|no\s+longer)\s+(?:been\s+|be\s+|being\s+|to\s+)?(?:(?:correctly|properly|appropriately|validly|rightly)\s+)?"
    r"(?:applied|apply|applying|relied|relying|rely|engaged|"
    r"used|invoked|cited|withheld|withholding|refused|refusing|refuse|exempt|applicable|necessary\s+to\s+(?:apply|rely|use|invoke))\b|"
    # "we have not needed to apply section 12", "we did not have to rely on section 14"
    r"\bnot\s+(?:need|needed|have|had)\s+to\s+(?:apply|rely|use|invoke)\b|"
    r"\b(?:does|do|did|would|will|could|can)\s*(?:not|n[’']t)\s+(?:be\s+)?(?:apply|applies|engage|need\s+to\s+(?:apply|rely))\b|"
    r"\bcannot\s+(?:be\s+)?(?:apply|applied|engaged|relied|used)\b|\bno\s+longer\s+applies\b|\bhas\s+no\s+application\b|"
    r"\bnot\s+(?:considered|deemed|thought|felt|believed|judged)\s+(?:to\s+(?:apply|be\s+(?:engaged|applicable|relevant))|appropriate|relevant|applicable)\b|"
    r"\bdecided\s+not\s+to\b|\bchosen\s+not\s+to\b|\bno\s+(?:exemptions?|exceptions?)\b|"
    # "We have not treated your request as vexatious under section 14"
    r"\bnot\s+(?:been\s+)?(?:treated|regarded|deemed|considered|classed|judged)\s+(?:(?:your|this|the)\s+(?:\w+\s+)?request\s+)?as\s+"
    r"(?:a\s+)?(?:vexatious|repeated|repeat|manifestly\s+unreasonable)\b|"
    r"\bwithout\s+(?:applying|relying|recourse)\b|\b(?:rather\s+than|instead\s+of)\s+(?:applying|relying|refusing)\b|"
    # "I have overturned the decision to apply regulation 12(4)(d)", "we have withdrawn our reliance on section 22"
    r"\b(?:overturned|reversed|withdrawn|withdrew|set\s+aside)\s+(?:the|that|this|our|its)\s+(?:original\s+|initial\s+|earlier\s+)?"
    r"(?:decision\s+to\s+(?:apply|rely|withhold|refuse)|reliance|application|use)\b",
    re.IGNORECASE,
)
# "We do not consider that section 43 is engaged": the authority's view, negated, about the provision
# it encloses (not "we do not consider disclosure to be in the public interest, so section 43 applies").
_VIEW_NEGATED = re.compile(
    r"\b(?:do|does|did)\s+not\s+(?:consider|believe|think|accept)\b[^.;,]{0,80}?\b(?:appl(?:y|ies)|engaged|applicable)\b",
    re.IGNORECASE,
)
_REQUESTER = re.compile(
    r"\bplease\s+(?:provide|supply|send|give|advise|let\s+me|explain|confirm|state|tell|list|disclose|share)\b|\bI\s+(?:would\s+like|request|am\s+requesting|"
    r"would\s+be\s+grateful|ask|am\s+asking|expect)\b|\b(?:could|can|would)\s+you\b|\bmy\s+request\b",
    re.IGNORECASE,
)
# The requester's view reported back to them: "You suggested that section 43 might be applied".
_REPORTED_REQUESTER = re.compile(
    r"\byou\s+(?:have\s+)?(?:suggested|suggest|argued|argue|claimed|claim|said|say|stated|state|wrote|mentioned|believe|think|"
    r"referred\s+to|quoted|questioned|queried)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\bif\b|\bwere\s+(?:we|you|it|the|this)\b|\bshould\s+(?:we|you|the|this|it)\b|\bin\s+the\s+event\b|\bunless\b|"
    # "in future", but not the future tenders a commercial interest is about.
    r"\b(?:in|any)\s+future\b(?!\s+(?:tender|procurement|negotiation|contract|bid|competition|exercise)s?\b)|"
    # "We considered whether section 43 applied": an open question, settled elsewhere.
    r"\bwhether\s+(?:or\s+not\s+)?(?:any\s+|the\s+)?(?:sections?|s\.?\s?\d|regulations?|reg\.?\s?\d|exemptions?|exceptions?)\b",
    re.IGNORECASE,
)
_GUIDANCE = re.compile(
    r"\bguidance\b|\bico\.org|\bfurther\s+information\b|\bfind\s+out\s+more\b|\bmore\s+information\s+(?:about|on)\b|"
    r"\binternal\s+review\b|\binformation\s+commissioner\b|\bfor\s+example\b|\bsuch\s+as\b|\be\.g\.|"
    # What a provision lets an authority do, in general: "Section 12 allows us to refuse requests that ...".
    r"\b(?:allows?|permits?|enables?|entitles?)\s+(?:us|an?\s+(?:public\s+)?authority|(?:public\s+)?authorities|the\s+\w+)\s+to\b",
    re.IGNORECASE,
)
# The provision at work only in a supposed case: "if we were to ..., section 12 would apply".
_MODAL = re.compile(
    r"\b(?:would|could|might|may)\s+(?:also\s+|then\s+|likely\s+|in\s+any\s+(?:case|event)\s+|still\s+|otherwise\s+)?(?:be\s+(?:exempt|engaged|applied|applicable|refused|withheld|relied)|"
    r"apply|engage|need\s+to\s+(?:apply|rely|refuse))",
    re.IGNORECASE,
)
# What the authority could have done but did not: "could have been withheld under section 22, but ...".
_COUNTERFACTUAL = re.compile(
    r"\b(?:could|might|would|may)\s+(?:well\s+|also\s+|otherwise\s+|equally\s+)?have\s+(?:been\s+)?"
    r"(?:applied|applicable|relied|withheld|exempt|refused|engaged|redacted|used|invoked|cited)\b",
    re.IGNORECASE,
)
# Statements that the authority relies on a provision: they outweigh a conditional or guidance wording.
_ASSERTS = re.compile(
    r"\b(?:has|have|had)\s+(?:been\s+)?(?:applied|relied|withheld|redacted|engaged|refused|removed|used|invoked)\b|"
    r"\b(?:is|are)\s+(?:being\s+)?(?:applied|relied|engaged|withheld|redacted|refused)\b|"
    r"\bwe\s+(?:are|have|will\s+be|must)\s+(?:applying|relying|withholding|refusing|applied|relied|withheld|refused|redacted|unable)\b|"
    r"\bwe\s+(?:apply|rely|consider|believe|are\s+satisfied|have\s+determined|have\s+concluded)\b|"
    r"\b(?:is|are|being)\s+(?:therefore\s+)?exempt\b|\bexempt\s+(?:from\s+(?:disclosure|release)\s+)?(?:under|by\s+virtue)\b|"
    r"\bby\s+virtue\s+of\b|\b(?:withheld|redacted|refused|refusing|refuse)\b[^.;]{0,40}\b(?:under|in\s+accordance\s+with)\b|"
    r"\bneither\s+confirms?\s+nor\s+den(?:y|ies)\b|\bthis\s+(?:is|being)\s+(?:a|an)\s+(?:qualified|absolute)\s+(?:exemption|exception)\b",
    re.IGNORECASE,
)
# Words that make a mention read as reliance (the provision at work on this request).
_CUE = re.compile(
    r"\bexempt|\bexemptions?\b|\bexceptions?\b|\bwithh(?:eld|old)|\brefus|\bredact|\brel(?:y|ied|ying|iance)\b|\bappl(?:y|ied|ies|ying)\b|"
    r"\bengag|\bnot\s+obliged\b|\bnot\s+required\s+to\b|\bneither\s+confirm|\bcost\s+limit|\bappropriate\s+limit\b|\bvexatious\b|"
    r"\breasonably\s+accessible\b|\bprovisions?\s+of\b|\bfalls?\s+(?:under|within)\b|\bcovered\s+by\b",
    re.IGNORECASE,
)
_NCND = re.compile(
    r"\bneither\s+confirm(?:s|ing)?\s+(?:n|)or\s+den(?:y|ies|ying)\b|"
    r"\b(?:refus(?:e|es|ing)|declin(?:e|es|ing)|not\s+(?:obliged|required)|not)\s+to\s+confirm\s+or\s+deny\b|"
    # Section 1(1)(a) is the duty to confirm or deny.
    r"\bduty\s+(?:to\s+confirm\s+or\s+deny|in\s+(?:section|s\.?)\s?1\s?\(1\)\s?\(a\))[^.;]{0,30}?\bdoes\s+not\s+(?:arise|apply)\b",
    re.IGNORECASE,
)
_STOPWORDS = {"information", "other", "means", "relating", "within", "united", "kingdom", "conduct", "public", "affairs"}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: between full stops (not "s.12"), blank lines, bullets and the
    cells of a table row written "question | answer"."""
    boundary = re.compile(r"[.!?][”\"’']?(?=\s+[A-Z(“\"'‘•\uf0b7])|\n\s*\n|[•\uf0b7▪●]| \| ")
    left = 0
    # Up to just past `start`, so a boundary's look-ahead sees a sentence beginning with the mention.
    for m in boundary.finditer(text, max(0, start - 600), min(len(text), start + 2)):
        if m.end() <= start:
            left = m.end()
    right_match = boundary.search(text, end, end + 800)
    right = right_match.end() if right_match else min(len(text), end + 800)
    return left, right


def _clause(sentence: str, at: int) -> tuple[int, int]:
    """The bounds of the clause of `sentence` holding offset `at`: "we applied s.40 to names, but s.43 is
    not engaged" has two."""
    cuts = [0] + [m.start() for m in re.finditer(r";|,?\s+(?:but|however|whereas|although|while|though)\b", sentence)] + [len(sentence)]
    for a, b in zip(cuts, cuts[1:]):
        if a <= at < b:
            return a, b
    return 0, len(sentence)


def _names_it(text: str, end: int, provision: Provision) -> bool:
    """A citation labelled with its exemption's name ("FoIA 21 Information ... reasonably accessible")."""
    words = [w for w in re.findall(r"[a-z]{6,}", provision.name.lower()) if w not in _STOPWORDS]
    near = text[end : end + 80].lower()
    return any(w in near for w in words)


def _in_long_quotation(text: str, at: int) -> bool:
    """Inside a quoted passage of eight words or more (statute text, the requester's words).

    The quotation may have opened sentences earlier (a quoted request of several sentences),
    so the opening mark is looked for back to the start of the paragraph.
    """
    paragraph = max(text.rfind("\n\n", 0, at) + 2, at - 1500, 0)
    before = text[paragraph:at]
    curly_open, curly_close = before.rfind("“"), before.rfind("”")
    if curly_open > curly_close:
        opened = curly_open
    elif curly_open < 0 and before.count('"') % 2 == 1:
        opened = before.rfind('"')
    else:
        return False
    quoted = re.split(r"[”\"]", text[paragraph + opened + 1 : at + 300])[0]
    return len(quoted.split()) >= 8


def lead_in(text: str, left: int) -> str:
    """The sentence that introduces the list a mention stands in, when it is one ("... by virtue of the
    following exemptions:" over "Section 24(2) National Security" / "Section 31(3) Law Enforcement")."""
    before = text[max(0, left - 400) : left]
    colons = list(re.finditer(r":[ \t]*\n", before))
    if not colons:
        return ""
    colon = colons[-1]
    if re.search(r"[.!?](?:\s|$)", before[colon.end() :]):
        return ""  # a full sentence since the colon: the list had ended
    at = max(0, left - 400) + colon.start()
    start, _ = _sentence_bounds(text, at, at)
    return text[start:at]


# What "does not apply" is said of, when it is the duty to confirm or deny and not the provision:
# "the duty in section 1(1)(a) does not apply by virtue of section 23(5)".
_THE_DUTY = re.compile(r"(?:\bduty\b|\b(?:sections?|s\.?)\s?1\s?\(1\)(?:\s?\([ab]\))?)[^.;]{0,80}$", re.IGNORECASE)


def _negates(clause: str, at: int) -> bool:
    """The clause says the provision cited at offset `at` is not relied on (a negation that is not
    about the duty to confirm or deny)."""
    if any(m.start() < at < m.end() for m in _VIEW_NEGATED.finditer(clause)):
        return True
    return any(not _THE_DUTY.search(clause[: m.start()]) for m in _NEGATED.finditer(clause))


def _negates_the_list(lead: str) -> bool:
    """A lead-in saying the listed provisions are not relied on ("We have not applied the following exemptions:").

    A negation about a provision the lead-in names itself is not about the list: "the duty in
    Section 1(1)(a) does not apply by virtue of the following exemptions:".
    """
    return any(
        not re.search(
            r"\b(?:sections?|s\.?|regulations?|reg\.?)\s?\d[\w()]*(?:\s+of\s+the\s+[\w() ]{2,60}?)?\s*$",
            lead[max(0, m.start() - 100) : m.start()],
            re.I,
        )
        for m in _NEGATED.finditer(lead)
    )


# --------------------------------------------------------------------------
# Labels and lists of provisions
# --------------------------------------------------------------------------

_ITEM_PREFIX = re.compile(r"[ \t]*(?:[•\uf0b7▪●◦*–-]|\(?[a-z0-9]{1,3}[.)])?[ \t]*", re.IGNORECASE)
_ITEM_SEPARATOR = re.compile(r"[;|•\uf0b7▪●]")
# The Act after a provision in a label: "Section 40(2) of the Freedom of Information Act 2000 - Personal information".
_ACT_SUFFIX = re.compile(
    r"\s*,?\s*(?:of|to|under)\s+the\s+(?:[\w()’'&-]+\s+){0,8}?(?:act|regulations|foia|foisa|eirs?|dpa)(?:\s+\d{4})?\b|"
    r"\s*\b(?:foia|foisa|eirs?|dpa)(?:\s+\d{4})?\b",
    re.IGNORECASE,
)
# Words that make the text after a provision a clause rather than the provision's name.
_NOT_A_NAME = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|may|might|can|could|should|must|shall|do|does|did|we|our|us|"
    r"you|your|they|it|this|these|which|because|as|if|not|so|withh\w*|refus\w*|redact\w*|rel(?:y|ied|ies|ying)|"
    r"appl(?:y|ied|ies|ying)|engag\w*|provides?|allows?|exempts?)\b|[.!?]\s+\S",
    re.IGNORECASE,
)
# A line ending like this runs on into the next: "... exempt under\nsection 40(2) of the Act".
_RUNS_ON = re.compile(r"\b(?:under|by|of|at|in|the|and|or|to|with|from|see|per|a|an|that|virtue|sections?|regulations?)\s*$", re.I)
# A lead-in putting the listed provisions to work: "The following exemptions apply:", "Exemptions applied".
_RELIANCE_WORD = re.compile(
    r"\bappl(?:y|ied|ies|ying)\b|\bengag|\brel(?:y|ied|ies|ying|iance)\b|\bwithh(?:eld|old)|\brefus|\bredact|\bused\b|"
    r"\binvoked\b|\bby\s+virtue\b|\bexempt\b|\bneither\s+confirm",
    re.IGNORECASE,
)


@dataclass
class LabelList:
    """Provisions written as labels ("Section 24(2) National Security"), one or several, and what introduces them."""

    items: list[tuple[int, int]]
    lead: str  # the heading or the sentence ending in a colon above the items ("" when neither)


def _line_bounds(text: str, at: int) -> tuple[int, int]:
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, len(text) if end < 0 else end


def _items(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The items of the line text[a:b]: the line, or the parts of a list written on one line
    ("FOI exemptions: section 21 ...; section 22 ...; section 40 ..."), without the text before its colon."""
    if not _ITEM_SEPARATOR.search(text, a, b):
        return [(a, b)]
    colon = text.find(":", a, b)
    start = colon + 1 if colon >= 0 and not _CITATION.search(text, a, colon) else a
    cuts = [m.start() for m in _ITEM_SEPARATOR.finditer(text, start, b)]
    spans = zip([start] + [c + 1 for c in cuts], cuts + [b])
    return [(x, y) for x, y in spans if text[x:y].strip()]


def _is_label(text: str, a: int, b: int) -> bool:
    """text[a:b] is a provision and at most its Act and its name: a heading or a list item, not a sentence."""
    return _label_name(text, a, b) is not None


@lru_cache(maxsize=4096)
def _label_name(text: str, a: int, b: int) -> str | None:
    """The name a label gives its provision ("" when it gives none), or None when text[a:b] is no label.

    Cached for the document being read (`extract_exemptions` clears it): every mention in a
    list walks the list's other lines.
    """
    name = _label_shape(text, a, b)
    if name is None or not _starts_fresh(text, a) or _runs_on_below(text, b):
        return None
    return name


def _label_shape(text: str, a: int, b: int) -> str | None:
    """The name after the provision when text[a:b] reads as a label on its own, wherever it stands."""
    at = _ITEM_PREFIX.match(text, a, b).end()
    citation = _CITATION.match(text, at, b)
    if not citation:
        return None
    rest = text[citation.end() : b]
    act = _ACT_SUFFIX.match(rest)
    name = (rest[act.end() :] if act else rest).strip(" \t-–—:,.;")
    return None if len(name.split()) > 12 or _NOT_A_NAME.search(name) else name


def _starts_fresh(text: str, a: int) -> bool:
    """Nothing before text[a:] runs on into it: the start of the text, an item separator or colon on its line,
    a blank line, or a line above that ends a sentence, is a heading or is a label itself."""
    line_start = text.rfind("\n", 0, a) + 1
    before = text[line_start:a].rstrip()
    if before:
        return before[-1] in ":;|•\uf0b7▪●"
    above = _previous_line(text, line_start)
    if above is None or text.count("\n", above[1], line_start) >= 2:
        return True
    line = text[above[0] : above[1]].rstrip()
    if _RUNS_ON.search(line):
        return False
    return line.endswith((".", ":", ";", "!", "?")) or _is_heading(line) or _label_shape(text, *above) is not None


# A line continuing the sentence above it: lower case, or the rest of an Act's name.
_CONTINUES = re.compile(r"[ \t]*(?:[a-z]|(?i:act|regulations)\b|\d{4}\b)")


def _runs_on_below(text: str, b: int) -> bool:
    """The next line continues the sentence: "Section 40(2) of the Freedom of Information\nAct 2000 applies"."""
    if b < len(text) and text[b] != "\n":
        return False  # an item of a list written on one line
    below = _next_line(text, b)
    return below is not None and text.count("\n", b, below[0]) < 2 and bool(_CONTINUES.match(text, below[0], below[1]))


# Finite verbs and subjects: a line holding one is a sentence, not a heading ("Our response" is one).
_SENTENCE_WORD = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|shall|we|you|it|they)\b", re.IGNORECASE
)


def _is_heading(line: str) -> bool:
    """A short line that is not a sentence and names no provision ("Exemptions applied", "Annex A - Exemptions")."""
    stripped = line.strip()
    return (
        bool(stripped)
        and len(stripped.split()) <= 10
        and not re.search(r"[.!?,;]$", stripped)
        and not _CITATION.search(stripped)
        and not _SENTENCE_WORD.search(stripped)
    )


def label_list(text: str, at: int) -> LabelList | None:
    """The labels the mention at `at` stands among, when it is written as a label."""
    a, b = _line_bounds(text, at)
    items = _items(text, a, b)
    here = next(i for i, (x, y) in enumerate(items) if x <= at <= y)
    if not _is_label(text, *items[here]):
        return None
    if len(items) > 1:
        first = here
        while first > 0 and _is_label(text, *items[first - 1]):
            first -= 1
        last = here
        while last + 1 < len(items) and _is_label(text, *items[last + 1]):
            last += 1
        before = text[a : items[first][0]].strip(" \t:;")
        if before:
            return LabelList(items[first : last + 1], before)
        return LabelList(items[first : last + 1], _lead_above(text, a))
    block = [(a, b)]
    up = a
    while True:
        line = _previous_line(text, up)
        if line is None or not _is_single_label(text, *line):
            break
        block.insert(0, line)
        up = line[0]
    down = b
    while True:
        line = _next_line(text, down)
        if line is None or not _is_single_label(text, *line):
            break
        block.append(line)
        down = line[1]
    return LabelList(block, _lead_above(text, up))


def _is_single_label(text: str, a: int, b: int) -> bool:
    return len(_items(text, a, b)) == 1 and _is_label(text, a, b)


def _previous_line(text: str, a: int) -> tuple[int, int] | None:
    """The last non-blank line before offset `a` (a line start)."""
    end = a - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, end
        end = start - 1
    return None


def _next_line(text: str, b: int) -> tuple[int, int] | None:
    """The first non-blank line after offset `b` (a line end)."""
    start = b + 1
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return start, end
        start = end + 1
    return None


def _lead_above(text: str, a: int) -> str:
    """What introduces a list starting at line `a`: the sentence ending in a colon just above, or a heading line."""
    line = _previous_line(text, a)
    if line is None:
        return ""
    above = text[line[0] : line[1]]
    if above.rstrip().endswith(":"):
        start, _ = _sentence_bounds(text, line[1] - 2, line[1] - 2)
        return text[start : line[1]].strip()
    return above.strip() if _is_heading(above) else ""


def _lead_relies(lead: str) -> bool:
    """The lead-in puts the provisions under it to work ("... by virtue of the following exemptions:")."""
    if not lead or _negates_the_list(lead) or _REQUESTER.search(lead) or re.search(r"\bif\b|\bwhether\b", lead, re.I):
        return False
    return bool(_ASSERTS.search(lead) or _RELIANCE_WORD.search(lead))


def mention_bounds(text: str, start: int, end: int) -> tuple[int, int, LabelList | None]:
    """The sentence of the mention text[start:end], and the labels it stands among when it is a label.

    A label's sentence is the label itself, unless it is a bare provision on its own line
    (its sentence then runs on into what follows); a sentence around a list of labels
    stops at them, so "Section 23 is an absolute exemption" below a list is read on its own.
    """
    labels = label_list(text, start)
    if labels:
        a, b = next((a, b) for a, b in labels.items if a <= start <= b)
        if len(labels.items) > 1 or _lead_relies(labels.lead) or _label_name(text, a, b):
            return a, b, labels
    left, right = _sentence_bounds(text, start, end)
    at = left
    for line in text[left:right].split("\n"):
        a, b = at, at + len(line)
        at = b + 1
        if not line.strip() or not _is_single_label(text, a, b):
            continue
        if b <= start:
            left = b + 1
        elif a >= end:
            right = a
            break
    return left, right, labels


# A negation about part of the information only: "section 40(2) does not apply to the names of senior staff".
_PART_ONLY = re.compile(r"\b(?:to|for)\s+(?:the|these|those|some|certain|its|their)\s+(?!request\b)[a-z]+", re.IGNORECASE)
# A review setting the original decision aside as a whole: "I have overturned the original decision".
_OVERTURNS = re.compile(
    r"\b(?:have|has)\s+(?:\w+\s+)?(?:overturned|reversed|withdrawn|set\s+aside)\s+(?:the|that|this|our|its)\s+"
    r"(?:original\s+|initial\s+|earlier\s+|previous\s+)?(?:decision|response|refusal)\b|"
    r"\b(?:do|does|have|has)\s+not\s+(?:been\s+)?upheld?\s+(?:the|that|this|our|its)\s+(?:original\s+|initial\s+|earlier\s+|previous\s+)?"
    r"(?:decision|response|refusal)\b",
    re.IGNORECASE,
)
_IN_PART = re.compile(r"\bin\s+part\b|\bpart(?:ly|ially)\b|\bpartial\b", re.IGNORECASE)


def withdraws(text: str, start: int, end: int) -> bool:
    """The authority says the provision cited at text[start:end] is not, or no longer, relied on, for the
    request as a whole: "section 22 no longer applies and I have not relied on it", "the exception at
    regulation 12(4)(d) was not correctly applied". Not a negation about part of the information, a
    supposed case, or the requester's view."""
    left, right, labels = mention_bounds(text, start, end)
    if labels:
        return False
    sentence = text[left:right]
    clause_start, clause_end = _clause(sentence, start - left)
    clause = sentence[clause_start:clause_end]
    return (
        _negates(clause, start - left - clause_start)
        and not _PART_ONLY.search(clause)
        and not (_REQUESTER.search(sentence) or _REPORTED_REQUESTER.search(clause) or _HYPOTHETICAL.search(sentence))
        and not _in_long_quotation(text, start)
    )


def overturns(text: str) -> list[int]:
    """Where the letter sets the original decision aside as a whole, naming no provision ("I have
    overturned the original decision"): every reliance reported before it is the decision set aside."""
    points = []
    for m in _OVERTURNS.finditer(text):
        left, right = _sentence_bounds(text, m.start(), m.end())
        sentence = text[left:right]
        if not (_IN_PART.search(sentence) or _REQUESTER.search(sentence) or _HYPOTHETICAL.search(sentence)):
            points.append(m.start())
    return points


def relied_on(text: str, start: int, end: int, provision: Provision) -> bool:
    """Whether the mention text[start:end] of `provision` reads as the authority relying on it."""
    left, right, labels = mention_bounds(text, start, end)
    sentence = text[left:right]
    clause_start, clause_end = _clause(sentence, start - left)
    clause = sentence[clause_start:clause_end]
    lead = labels.lead if labels else lead_in(text, left)
    if _negates(clause, start - left - clause_start) or _REQUESTER.search(sentence) or _REPORTED_REQUESTER.search(clause):
        return False
    if _in_long_quotation(text, start):
        return False
    if lead and (_negates_the_list(lead) or _REQUESTER.search(lead)):
        return False
    if labels and _lead_relies(lead):
        return True
    if _COUNTERFACTUAL.search(clause) or (_HYPOTHETICAL.search(sentence) and _MODAL.search(clause)):
        return False
    if _ASSERTS.search(clause) or (lead and _ASSERTS.search(lead) and not _HYPOTHETICAL.search(lead)):
        return True
    if _HYPOTHETICAL.search(sentence) or _GUIDANCE.search(sentence):
        return False
    return bool(_CUE.search(clause)) or _names_it(text, end, provision)


# --------------------------------------------------------------------------
# Restating a provision relied on elsewhere
# --------------------------------------------------------------------------

# A sentence about what a provision is, not about this request: "Section 22 provides an exemption for ...",
# "Sections 24 and 31 are prejudice based qualified exemptions", "Section 43(2) is a qualified exemption, so ...".
_DESCRIBES = re.compile(
    r"^\s*,?\s*(?:provides|states|says|sets\s+out|exempts|covers|allows|permits|enables|means|defines|protects|relates\s+to|"
    r"concerns|deals\s+with|applies\s+(?:to\s+(?:information|requests|any)|where|when)|(?:can|may)\s+be\s+(?:used|applied|cited|relied)|"
    r"(?:is|are)\s+(?:an?\s+)?[\w\s-]{0,40}?(?:exemptions?|exceptions?)\b)",
    re.IGNORECASE,
)
_DESCRIBED_OPENING = re.compile(r"\W*(?:(?:the|this)\s+(?:exemptions?|exceptions?)\s+(?:at|in|under|of)\s*|under\s*)?", re.IGNORECASE)
# A statement that something is withheld or refused: the mention is at work, not only talked about.
_WITHHOLDS = re.compile(
    r"\bwithh(?:eld|old|olding)\b|\bredact|\brefus|\bexempt\s+(?:from|under|by)\b|\bnot\s+(?:be\s+)?(?:disclosed|released|provided)\b|"
    r"\bneither\s+confirm",
    re.IGNORECASE,
)
# Where the letter closes: its sign-off, or an annex or appendix heading.
_SIGN_OFF = re.compile(r"^[ \t]*(?:yours\s+(?:sincerely|faithfully|truly)|(?:kind|best|warm)\s+regards|regards\b)", re.I | re.M)
_ANNEX_HEADING = re.compile(r"^[ \t]*(?:annex|appendix)\b[^\n.]{0,80}$", re.IGNORECASE | re.MULTILINE)


def _describes_law(text: str, left: int, start: int, citation_end: int, right: int) -> bool:
    """The sentence opens with the provision and says what it is or does."""
    if not _DESCRIBED_OPENING.fullmatch(text[left:start]):
        return False
    after = text[citation_end:right]
    act = _ACT_SUFFIX.match(after)
    return bool(_DESCRIBES.match(after[act.end() :] if act else after))


def restates(text: str, start: int, end: int, left: int, right: int, labels: LabelList | None) -> str | None:
    """How a mention only echoes a provision rather than relying on it: None when it relies on it.

    "weighs": a public interest passage that withholds nothing, or a label heading one
    ("Section 43(2) - commercial interests" over "Public interest considerations favouring
    disclosure"): it belongs to the provision's reliance wherever it stands.
    "names": a heading or list label not introduced as reliance, or a sentence about what the
    provision is ("Section 22 provides an exemption for ..."): the same reliance as a citation
    of the provision in the same answer, else possibly a reliance of its own.
    """
    if labels:
        if _lead_relies(labels.lead):
            return None
        return "weighs" if _heads_a_weighing(text, end) else "names"
    sentence = text[left:right]
    if _PIT.search(sentence) and not _WITHHOLDS.search(sentence):
        return "weighs"
    return "names" if _describes_law(text, left, start, end, right) else None


def _heads_a_weighing(text: str, at: int) -> bool:
    """The line after the one holding `at` opens a public interest passage."""
    below = _next_line(text, _line_bounds(text, at)[1])
    return below is not None and bool(_PIT.search(text, below[0], below[1]))


def closing_offset(text: str) -> int:
    """Where the body of the letter ends: its last sign-off (a request quoted above may have its own),
    else its first annex or appendix heading."""
    sign_offs = list(_SIGN_OFF.finditer(text))
    if sign_offs:
        return sign_offs[-1].start()
    annex = _ANNEX_HEADING.search(text)
    return annex.start() if annex else len(text)


# --------------------------------------------------------------------------
# Public interest test
# --------------------------------------------------------------------------

_PIT_NEGATED = re.compile(
    r"\b(?:no|not|nor|without)\b[^.]{0,60}\bpublic\s+interest\b|\babsolute\s+exemption\b[^.]{0,80}\bpublic\s+interest\b",
    re.IGNORECASE,
)
_PIT = re.compile(
    r"\bpublic\s+interest\s+(?:test|in\s+(?:disclos|releas|maintain|withhold)|considerations?|factors?|arguments?|balance)|"
    r"\b(?:favou?r(?:s|ing)?|in\s+favou?r\s+of|for|against)\s+(?:the\s+)?(?:disclosure|disclosing|release|withholding|maintaining|"
    r"confirm(?:ation|ing)?\s+or\s+den(?:ial|ying|y)|neither\s+confirm(?:ing)?\s+nor\s+deny(?:ing)?)\b|\boutweigh|"
    r"\bbalance\s+of\s+(?:the\s+)?public\s+interest\b|"
    r"\b(?:consider(?:ed|ing)?|weigh(?:ed|ing)?|assess(?:ed|ing)?|balanc(?:ed|ing)|applied)\s+(?:the\s+)?public\s+interest\b",
    re.IGNORECASE,
)
_FOR_HEADING = re.compile(
    r"^[^.\n]{0,80}\b(?:favou?ring|in\s+favou?r\s+of|for|supporting|towards)\s+(?:the\s+)?(?:disclosure|disclosing|release|releasing|"
    r"confirm(?:ation|ing)?\s+or\s+den(?:ial|ying|y))\b[^.\n]{0,40}:?\s*$",
    re.IGNORECASE,
)
_AGAINST_HEADING = re.compile(
    r"^[^.\n]{0,80}\b(?:(?:favou?ring|in\s+favou?r\s+of|for|supporting)\s+(?:the\s+)?(?:withholding|maintaining|non-?disclosure|"
    r"not\s+disclosing|the\s+exemption|neither\s+confirm(?:ing)?\s+nor\s+denying)|"
    r"against\s+(?:the\s+)?(?:disclosure|release|disclosing|confirm(?:ation|ing)?\s+or\s+den(?:ial|ying|y)))\b[^.\n]{0,40}:?\s*$",
    re.IGNORECASE,
)
_CONCLUSION = re.compile(
    r"^\s*(?:on\s+balance|having\s+(?:considered|weighed|balanced)|balance\s+of|balanc(?:e|ing)\s+test|conclusion|we\s+(?:have\s+)?(?:concluded|determined|consider|believe)|"
    r"in\s+(?:this|all\s+the)\s+circumstances|overall|\d+\)|\d+\.\s)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*(?:[•\uf0b7▪●◦*–-]|\(?[a-z0-9]{1,3}[.)])\s*")


def weighing_points(text: str) -> list[int]:
    """Offsets where the document weighs a public interest test (not where it says there is none)."""
    points: list[int] = []
    for m in _PIT.finditer(text):
        left, right = _sentence_bounds(text, m.start(), m.end())
        if not _PIT_NEGATED.search(text[left:right]):
            points.append(m.start())
    return points


def considerations(text: str, start: int, end: int, provision: str | None = None) -> tuple[list[str], list[str]]:
    """The considerations for disclosure and for withholding stated in text[start:end].

    They are the items (bullets, or the lines of a paragraph) under headings such as
    "Public interest considerations favouring disclosure" / "... favouring withholding",
    up to the next heading or the conclusion ("On balance, ..."). Given a `provision`, the
    items under a heading naming another one ("Factors favouring confirmation or denial
    for Section 31") are not its own.
    """
    return _considerations(text[start:end], provision)


def _heading_is_for(heading: str, provision: str | None) -> bool:
    """A heading naming no provision is for whichever is weighed; one naming provisions is for those."""
    if provision is None:
        return True
    named = [p for c in find_citations(heading, "FOIA 2000") for p in c.provisions]
    return not named or any(_related(_bare(p), _bare(provision)) for p in named)


def _bare(provision: str) -> str:
    """The number of a provision without its prefix: s.24(2) -> 24(2), reg.12(5)(a) -> 12(5)(a)."""
    return provision.split(".", 1)[-1]


def _considerations(text: str, provision: str | None = None) -> tuple[list[str], list[str]]:
    lines = text.split("\n")
    sides: dict[str, list[list[str]]] = {"for": [], "against": []}
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        side = "against" if _AGAINST_HEADING.match(stripped) else "for" if _FOR_HEADING.match(stripped) else None
        if side:
            current = side if _heading_is_for(stripped, provision) else None
            continue
        if current is None:
            continue
        if _CONCLUSION.match(stripped):
            if sides["for"] and sides["against"]:
                break
            current = None
            continue
        if not stripped:
            continue
        items = sides[current]
        if _BULLET.match(line) or not items:
            items.append([_BULLET.sub("", line).strip()])
        else:
            items[-1].append(stripped)

    def join(items: list[list[str]]) -> list[str]:
        return [re.sub(r"\s+", " ", " ".join(parts)).strip() for parts in items if " ".join(parts).strip()]

    return join(sides["for"]), join(sides["against"])


# --------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------

_Q_ITEM = r"\(?[0-9]{1,2}[a-z]?\)?|\([a-z]\)"
_Q_JOIN = r"\s*(?:,|and|&|to|through|-|–)\s*"
_QUESTION_REF = re.compile(
    rf"\b(?:questions?|qs?|parts?|points?|items?|requests?)\s*\.?\s*((?:{_Q_ITEM})(?:{_Q_JOIN}(?:{_Q_ITEM}))*)",
    re.IGNORECASE,
)
_LAW_PART = re.compile(r"\b(?:schedule|sch\.?)\s?\d+\s*,?\s*$", re.IGNORECASE)
_OF_THE_LAW = re.compile(r"\s*(?:of|to)\s+(?:the\s+)?(?:schedule|act\b|regulations|foia|foisa|eirs?|dpa|data\s+protection)", re.IGNORECASE)
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL_REF = re.compile(
    rf"\b(?:your|the)\s+({'|'.join(_ORDINALS)})\s+(?:question|point|request|part\s+of\s+your\s+request)\b", re.IGNORECASE
)


def _question_refs(sentence: str, numbers: list[str]) -> list[tuple[int, list[str]]]:
    """Each place the sentence names questions ("questions 2 and 4", "questions 2 to 4", "parts (b) and (c)
    of your request", "your third question"), with the question numbers it names."""
    refs: list[tuple[int, list[str]]] = []
    for m in _QUESTION_REF.finditer(sentence):
        if _LAW_PART.search(sentence[max(0, m.start() - 20) : m.start()]) or _OF_THE_LAW.match(sentence, m.end()):
            continue  # "Schedule 2, Part 1", "Part 2 of the Act": a part of the law, not of the request
        named = [n for n in _expand(m.group(1), numbers) if n in numbers]
        if named:
            refs.append((m.start(), named))
    for m in _ORDINAL_REF.finditer(sentence):
        index = _ORDINALS.index(m.group(1).lower())
        if index < len(numbers):
            refs.append((m.start(), [numbers[index]]))
    return sorted(refs)


def _questions_named(sentence: str, numbers: list[str], at: int | None = None, others: Sequence[int] = ()) -> list[str]:
    """Question numbers the sentence says the exemption cited at `at` applies to.

    A sentence naming questions in several places ("part (c) is exempt under section 40(2) and
    part (d) under section 31(1)") gives each citation the questions named next to it: the
    nearest before it with no other citation (`others`, offsets in the sentence) between, else
    the nearest after it.
    """
    refs = _question_refs(sentence, numbers)
    if at is not None and len(refs) > 1:
        before = [r for r in refs if r[0] < at and not any(r[0] < c < at for c in others)]
        after = [r for r in refs if r[0] > at and not any(at < c < r[0] for c in others)]
        refs = before[-1:] or after[:1] or refs
    found: list[str] = []
    for _, named in refs:
        found += [n for n in named if n not in found]
    return found


def _others_in(citations: list[Citation], citation: Citation, left: int, right: int) -> list[int]:
    """Where the other citations of the sentence text[left:right] start, as offsets in it."""
    return [c.start - left for c in citations if c is not citation and left <= c.start < right]


def _expand(written: str, numbers: list[str]) -> list[str]:
    """The numbers a written list names, ranges ("2 to 4", "(b)-(d)") spelled out over the letter's own numbers."""
    tokens = re.findall(r"[0-9]{1,2}[a-z]?|(?<=\()[a-z](?=\))|\bto\b|\bthrough\b|[-–]", written, re.IGNORECASE)
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token.lower() in ("to", "through", "-", "–"):
            continue
        ranged = i >= 2 and tokens[i - 1].lower() in ("to", "through", "-", "–") and out
        if ranged and out[-1] in numbers and token in numbers:
            out.extend(numbers[numbers.index(out[-1]) + 1 : numbers.index(token)])
        out.append(token)
    return out


def _question_at(qa_pairs: list[QAPair], offset: int) -> str | None:
    for q in qa_pairs:
        if q.answer_start is not None and q.answer_start <= offset < (q.answer_end or 0):
            return q.number
    return None


def _in_question(qa_pairs: list[QAPair], offset: int) -> bool:
    return any(q.question_start is not None and q.question_start <= offset < (q.question_end or 0) for q in qa_pairs)


# The authority speaking, which a requester never does: "We are therefore refusing your request under section 12".
_AUTHORITY_VOICE = re.compile(
    r"\bwe\s+(?:are|have)\s+(?:therefore\s+|also\s+|now\s+)?(?:refusing|withholding|relying|applying|applied|relied|withheld|refused|redacted)\b"
    r"[^.?]{0,80}?\byour\s+(?:request|questions?|email|letter)\b|"
    r"\byour\s+(?:request|questions?)\b[^.?]{0,40}?\b(?:is|are|has\s+been|have\s+been)\s+(?:therefore\s+)?(?:refused|withheld)\b",
    re.IGNORECASE,
)


# Wordings of the authority's decision, which a requester uses only to ask about it ("Is it exempt under ...?").
_AUTHORITY_DECISION = re.compile(
    r"\b(?:is|are)\s+(?:therefore\s+)?exempt\s+(?:from\s+(?:disclosure|release)\s+)?under\b|\bneither\s+confirms?\s+nor\s+den(?:y|ies)\b|"
    r"\bwe\s+are\s+(?:therefore\s+)?withholding\b|\b(?:is|are)\s+(?:being\s+)?withheld\b|\bwe\s+are\s+not\s+obliged\b|\bby\s+virtue\s+of\b",
    re.IGNORECASE,
)


def _requesters_words(text: str, qa_pairs: list[QAPair], start: int, end: int) -> bool:
    """The citation is in a question's span and reads as the requester's. The authority's own voice is the
    reply, even where the question's span runs on into it: a sentence refusing "your request", or one
    stating the decision ("... is exempt under section 44(1)(a)") that is not itself a request."""
    if not _in_question(qa_pairs, start):
        return False
    left, right = _sentence_bounds(text, start, end)
    sentence = text[left:right]
    if _AUTHORITY_VOICE.search(sentence):
        return False
    return not (_AUTHORITY_DECISION.search(sentence) and not _asks(sentence))


def _asks(sentence: str) -> bool:
    """The sentence is phrased as a request: a question, or the requester's asking words."""
    return sentence.rstrip().endswith("?") or bool(_REQUESTER.search(sentence))


# --------------------------------------------------------------------------
# The extractor
# --------------------------------------------------------------------------


@dataclass
class _Mention:
    exemption: Exemption
    echo: str | None  # how the mention only echoes the provision (see `restates`), None when it relies on it
    stands_alone: bool  # an echo that is a reliance of its own when nothing else it can echo cites the provision


def extract_exemptions(doc: ParsedDocument, qa_pairs: list[QAPair]) -> list[Exemption]:
    """The provisions the document relies on, one row per (provision, question), in order of first mention."""
    text = doc.text
    _label_name.cache_clear()  # holds the previous document's text
    instrument = regulations_instrument(text)
    withdrawn = withdrawals(doc, qa_pairs)
    mentions = [m for m in _mentions(doc, qa_pairs, instrument) if not is_withdrawn(m.exemption, withdrawn)]
    relying = [m.exemption for m in mentions if m.echo is None]
    kept: list[Exemption] = []
    echoes: list[Exemption] = []
    for m in mentions:
        e = m.exemption
        if m.echo is None:
            kept.append(e)
            continue
        target = next((r for r in relying if _same_reliance(r, e, instrument) and _echoes(m, r)), None)
        if target is not None:
            echoes.append(replace(e, provision=target.provision, name=target.name, kind=target.kind, qa_number=None))
        elif m.stands_alone:
            kept.append(e)
            relying.append(e)
    exemptions = _merge(kept, instrument)
    _attach_public_interest(text, sorted(kept + echoes, key=lambda e: e.char_start), exemptions)
    return exemptions


@dataclass(frozen=True)
class Withdrawal:
    """A statement that a provision is not, or no longer, relied on (`provision` None: the original decision
    set aside as a whole). It cancels the reports of that reliance made before it: an internal review
    recounting the original refusal ("It withheld the list under section 22(1)") before it drops it."""

    legislation: str | None
    provision: str | None
    qa_number: str | None
    char_start: int


def withdrawals(doc: ParsedDocument, qa_pairs: list[QAPair]) -> list[Withdrawal]:
    """Every withdrawal in the document, in text order (offsets into `doc.text`)."""
    text = doc.text
    numbers = [q.number for q in qa_pairs]
    instrument = regulations_instrument(text)
    out = [Withdrawal(None, None, None, at) for at in overturns(text)]
    citations = find_citations(text, default_section_act(text))
    for citation in citations:
        if citation.legislation is None or _requesters_words(text, qa_pairs, citation.start, citation.end):
            continue
        if not withdraws(text, citation.start, citation.end):
            continue
        left, right, _ = mention_bounds(text, citation.start, citation.end)
        named = _questions_named(text[left:right], numbers, citation.start - left, _others_in(citations, citation, left, right))
        for canonical in citation.provisions:
            if lookup(citation.legislation, canonical, instrument) is None:
                continue
            for number in named or [_question_at(qa_pairs, citation.start)]:
                out.append(Withdrawal(citation.legislation, canonical, number, citation.start))
    return sorted(out, key=lambda w: w.char_start)


def is_withdrawn(exemption: Exemption, withdrawn: list[Withdrawal]) -> bool:
    """A withdrawal after the exemption's mention cancels it: the same provision (or a subsection or
    parent of it), for the same question or for the whole request; or the whole decision set aside."""
    return any(w.char_start > exemption.char_start and _cancels(w, exemption) for w in withdrawn)


def _cancels(withdrawal: Withdrawal, exemption: Exemption) -> bool:
    if withdrawal.provision is None:
        return True
    return (
        withdrawal.legislation == exemption.legislation
        and _related(withdrawal.provision, exemption.provision)
        and (None in (withdrawal.qa_number, exemption.qa_number) or withdrawal.qa_number == exemption.qa_number)
    )


def _echoes(mention: _Mention, relying: Exemption) -> bool:
    """A public interest passage echoes its provision's reliance anywhere; a label or description only
    within the same answer (a heading in answer 2 is answer 2's reliance, even if answer 4 cites it too)."""
    question = mention.exemption.qa_number
    return mention.echo == "weighs" or None in (question, relying.qa_number) or question == relying.qa_number


def _mentions(doc: ParsedDocument, qa_pairs: list[QAPair], instrument: str) -> list[_Mention]:
    """Every mention read as reliance, one per (provision, question), in text order.

    A restatement stands alone only in the body of the letter or in an answer: in an annex
    or below the sign-off, and in a list of three or more labels nothing introduces as
    reliance (a footer of every exemption), it is only ever the echo of a reliance.
    """
    text = doc.text
    numbers = [q.number for q in qa_pairs]
    closing = closing_offset(text)
    out: list[_Mention] = []
    citations = find_citations(text, default_section_act(text))
    for citation in citations:
        if citation.legislation is None or _requesters_words(text, qa_pairs, citation.start, citation.end):
            continue
        left, right, labels = mention_bounds(text, citation.start, citation.end)
        sentence = text[left:right]
        lead = labels.lead if labels else lead_in(text, left)
        named = _questions_named(sentence + ("\n" + lead if labels else ""), numbers, citation.start - left,
                                 _others_in(citations, citation, left, right))
        answer = _question_at(qa_pairs, citation.start)
        echo = None if named else restates(text, citation.start, citation.end, left, right, labels)
        reference = bool(labels) and echo is not None and len(labels.items) >= 3
        stands_alone = not reference and (citation.start < closing or answer is not None)
        quote = re.sub(r"\s+", " ", f"{lead} {sentence}" if labels and lead else sentence).strip(" •\uf0b7")
        for canonical in citation.provisions:
            row = lookup(citation.legislation, canonical, instrument)
            if row is None or only_routes(text, row, sentence) or not relied_on(text, citation.start, citation.end, row):
                continue
            ncnd = bool(_NCND.search(sentence) or _NCND.search(lead))
            for number in named or [answer]:
                exemption = Exemption(
                    legislation=row.legislation,
                    provision=canonical,
                    name=row.name,
                    kind=row.kind,
                    qa_number=number,
                    decision="neither_confirm_nor_deny" if ncnd else row.decision,
                    quote=quote,
                    page=doc.page_of(citation.start),
                    char_start=citation.start,
                    char_end=citation.end,
                )
                out.append(_Mention(exemption, echo, stands_alone))
    return out


def _same_reliance(relying: Exemption, other: Exemption, instrument: str) -> bool:
    """`other` cites the provision `relying` relies on: itself, a subsection or parent of it, or a condition of it."""
    if relying.legislation != other.legislation:
        return False
    if _related(relying.provision, other.provision):
        return True
    part_of = lookup(other.legislation, other.provision, instrument).part_of
    return bool(part_of) and _related(relying.provision, part_of)


def _merge(found: list[Exemption], instrument: str) -> list[Exemption]:
    """One row per (legislation, provision, question), at its first mention.

    A less specific citation ("section 40") folds into a more specific one of the same
    section ("section 40(2)"), and a row with no question folds into rows of the same
    provision that have one: both are the same reliance cited again. A condition cited
    beside the provision it belongs to ("section 40(2) by virtue of section 40(3A)") is
    not a second exemption.
    """
    first: dict[tuple, Exemption] = {}
    for e in found:
        first.setdefault((e.legislation, e.provision, e.qa_number), e)
    rows = list(first.values())

    def folds_into(e: Exemption, o: Exemption) -> bool:
        if o is e or o.legislation != e.legislation:
            return False
        if o.provision.startswith(e.provision + "("):
            return e.qa_number is None or o.qa_number == e.qa_number
        if o.provision == e.provision:
            return e.qa_number is None and o.qa_number is not None
        part_of = lookup(e.legislation, e.provision, instrument).part_of
        same_question = e.qa_number is None or o.qa_number == e.qa_number
        return bool(part_of) and same_question and _related(o.provision, part_of)

    return [e for e in rows if not any(folds_into(e, o) for o in rows)]


def _related(a: str, b: str) -> bool:
    """The same provision, or one a subsection of the other."""
    return a == b or a.startswith(b + "(") or b.startswith(a + "(")


def _in_side_heading(text: str, at: int) -> bool:
    """`at` is in a heading of one side of a public interest test ("Factors against disclosure for Section 31")."""
    a, b = _line_bounds(text, at)
    line = text[a:b].strip()
    return bool(_FOR_HEADING.match(line) or _AGAINST_HEADING.match(line))


# A public interest sentence about several exemptions: "Both exemptions are qualified", "maintaining the exemptions".
_SEVERAL = re.compile(r"\b(?:both|exemptions|exceptions)\b", re.IGNORECASE)


def _weighed_mentions(text: str, before: list[Exemption], point: int) -> list[Exemption]:
    """The qualified mentions a public interest test at `point` weighs: every provision of the last citation
    before it ("Sections 24 and 31 are qualified exemptions ..."), and, when the test's sentence speaks of
    several exemptions, every qualified one of that citation's sentence ("withheld under section 38(1)(b)
    (...) and section 24(1) (...). Both exemptions are qualified and subject to the public interest test")."""
    last = before[-1]
    left, right = _sentence_bounds(text, point, point)
    if _SEVERAL.search(text, left, right):
        left, right = _sentence_bounds(text, last.char_start, last.char_end)
        return [m for m in before if left <= m.char_start < right]
    return [m for m in before if m.char_start == last.char_start]


def _attach_public_interest(text: str, mentions: list[Exemption], exemptions: list[Exemption]) -> None:
    """Give each public interest test to the qualified exemptions cited last before it.

    Its considerations are read from there up to the citation of the next qualified
    exemption, so two exemptions weighed one after the other keep their own lists; under
    headings that name their provision, each takes its own. A mention tied to no question
    (a heading, "Section 43(2) is a qualified exemption") weighs every row of its provision.
    """
    qualified = [m for m in mentions if m.kind == "qualified"]
    for point in weighing_points(text):
        before = [m for m in qualified if m.char_start <= point]
        if not before:
            continue
        for mention in _weighed_mentions(text, before, point):
            rows = [
                r
                for r in exemptions
                if r.legislation == mention.legislation
                and _related(r.provision, mention.provision)
                and (r.qa_number == mention.qa_number or None in (r.qa_number, mention.qa_number))
                and not (r.factors_for_disclosure or r.factors_for_withholding)
            ]
            end = next(
                (
                    m.char_start
                    for m in qualified
                    if m.char_start > point and not _related(m.provision, mention.provision) and not _in_side_heading(text, m.char_start)
                ),
                len(text),
            )
            for row in rows if mention.qa_number is None else rows[:1]:
                row.public_interest_test = True
                row.factors_for_disclosure, row.factors_for_withholding = considerations(text, point, end, row.provision)
