"""Exemptions (and EIR exceptions, refusal grounds) a response RELIES ON to withhold information.

A letter mentions many provisions; only some are relied on. The extractor:

1. finds every citation, in any written form ("section 40(2) of the FOIA",
   "s.40(2)", "s40(2)", "Section 40 (2)", "sections 40(2) and 43", "FoIA 21",
   "regulation 12(5)(c) of the EIR", "reg 13", "paragraph 16 of Schedule 2 to the
   DPA 2018") and writes it canonically (`s.40(2)`, `reg.12(5)(c)`, `sch.2 para.16`);
2. settles its legislation: an Act named next to it ("of the FOIA"), else regulations
   are EIR and sections are FOIA, or FOISA when the letter is Scottish. A citation
   of another Act ("section 117 of the Mental Health Act") is dropped;
3. keeps it only if the reference table `pipeline/data/exemptions.csv` lists it
   (so s.1, s.16, s.17, s.50 and the like never count) and its clause reads as
   reliance: not negated ("we have not applied section 12"), not the requester's
   words (a question span, "please provide ..."), not a hypothetical or guidance
   sentence unless it also asserts reliance, not inside a long quotation;
4. merges repeated citations into one row per (provision, question), and reads
   the public interest test and its stated considerations for each side.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
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


@lru_cache(maxsize=1)
def reference_table() -> dict[tuple[str, str], Provision]:
    """(legislation, canonical provision) -> its row in `pipeline/data/exemptions.csv`."""
    text = (files("pipeline") / "data" / "exemptions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {(r["legislation"], r["provision"]): Provision(**r) for r in rows}


def lookup(legislation: str, provision: str) -> Provision | None:
    """The table row for a provision or, failing that, for its longest listed parent (s.40(2)(a) -> s.40(2) -> s.40)."""
    table = reference_table()
    candidate = provision
    while True:
        row = table.get((legislation, candidate))
        if row is not None:
            return row
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
    "EIR 2004": r"environmental\s+information\s+(?:\(scotland\)\s+)?regulations(?:\s+2004)?|eirs?",
    "DPA 2018": r"data\s+protection\s+act(?:\s+2018)?|dpa(?:\s+2018)?",
}
_ACT_ALTERNATIVES = "(?i:" + "|".join(f"(?P<{k.split()[0]}>{v})" for k, v in _ACTS.items()) + ")"

_CITATION = re.compile(
    rf"""
    (?:
        (?P<act_before>\b(?:foisa|foi\s?\(s\)\s?a|foia|eirs?|dpa)\b\s?(?:s\.?|section|reg\.?|regulation)?\s?)
        (?P<anum>{_NUM})
      |
        (?P<word>\bsections?|\bsecs?\.?|\bss?\.|(?<![’'\w])s(?=\s?\d)|\bregulations?|\bregs?\.?)\s?
        (?P<num>{_NUM}{_NOT_A_SECTION}{_LIST_TAIL})
      |
        \b(?:paragraph|para\.?)\s?(?P<para>\d{{1,2}}(?:\s?{_SUB})*)\s?(?:of|,|in)\s+(?:part\s+\d\s+of\s+)?schedule\s?(?P<sched1>\d)
      |
        \bschedule\s?(?P<sched2>\d)\s?,?\s*(?:part\s?\d\s?,?\s*)?(?:paragraph|para\.?)\s?(?P<para2>\d{{1,2}}(?:\s?{_SUB})*)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
# An Act named right after a citation: "of the FOIA", "of the Freedom of Information Act 2000",
# "to the Data Protection Act 2018", "of the Act", or any other Act ("of the Mental Health Act 1983").
_ACT_AFTER = re.compile(
    rf"^\s*,?\s*(?i:of|to|under|in)\s+(?i:the\s+)?"
    rf"(?:{_ACT_ALTERNATIVES}\b|(?P<this_act>(?i:act|regulations))\b"
    rf"|(?P<other>(?:[A-Z][\w()'’&-]*\s+){{1,8}}(?:Act|Regulations|Order|Rules)\b))",
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


def find_citations(text: str, default_section_act: str) -> list[Citation]:
    """Every citation of a section, regulation or schedule paragraph, with its legislation."""
    out: list[Citation] = []
    for m in _CITATION.finditer(text):
        if re.match(r"\s*(?:to|-|–)\s*\d", text[m.end() : m.end() + 8]):
            continue  # a range ("sections 21 to 44"): the Act's scheme, not a provision relied on
        after = _ACT_AFTER.match(text[m.end() : m.end() + 90])
        named = None
        if after:
            named = "other" if after.group("other") else _act_of(after)
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


def default_section_act(text: str) -> str:
    """FOISA 2002 when the letter is Scottish, else FOIA 2000."""
    scottish = re.search(
        r"freedom\s+of\s+information\s+\(scotland\)|\bfoisa\b|\bfoi\s?\(s\)\s?a\b|scottish\s+information\s+commissioner",
        text,
        re.IGNORECASE,
    )
    return "FOISA 2002" if scottish else "FOIA 2000"


# --------------------------------------------------------------------------
# Reading a mention: relied on, or only mentioned?
# --------------------------------------------------------------------------

_NEGATED = re.compile(
    r"\b(?:not|never|no\s+longer)\s+(?:been\s+|be\s+|being\s+|to\s+)?(?:applied|apply|applying|relied|relying|rely|engaged|"
    r"used|invoked|cited|withheld|withholding|refused|refusing|refuse|exempt|applicable|necessary\s+to\s+(?:apply|rely|use|invoke))\b|"
    r"\b(?:does|do|did|would|will|could)\s*(?:not|n[’']t)\s+(?:be\s+)?(?:apply|applies|engage|need\s+to\s+(?:apply|rely))\b|"
    r"\bdecided\s+not\s+to\b|\bchosen\s+not\s+to\b|\bno\s+(?:exemptions?|exceptions?)\b|"
    r"\bwithout\s+(?:applying|relying|recourse)\b|\b(?:rather\s+than|instead\s+of)\s+(?:applying|relying|refusing)\b",
    re.IGNORECASE,
)
_REQUESTER = re.compile(
    r"\bplease\s+(?:provide|supply|send|give|advise|let\s+me|explain|confirm|state)\b|\bI\s+(?:would\s+like|request|am\s+requesting|"
    r"would\s+be\s+grateful|ask|am\s+asking|expect)\b|\b(?:could|can|would)\s+you\b|\bmy\s+request\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(
    r"\bif\b|\bwere\s+(?:we|you|it|the|this)\b|\bshould\s+(?:we|you|the|this|it)\b|\bin\s+the\s+event\b|\bunless\b|"
    r"\bin\s+future\b|\bany\s+future\b|"
    # "We considered whether section 43 applied": an open question, settled elsewhere.
    r"\bwhether\s+(?:or\s+not\s+)?(?:any\s+|the\s+)?(?:sections?|s\.?\s?\d|regulations?|reg\.?\s?\d|exemptions?|exceptions?)\b",
    re.IGNORECASE,
)
_GUIDANCE = re.compile(
    r"\bguidance\b|\bico\.org|\bfurther\s+information\b|\bfind\s+out\s+more\b|\bmore\s+information\s+(?:about|on)\b|"
    r"\binternal\s+review\b|\binformation\s+commissioner\b|\bfor\s+example\b|\bsuch\s+as\b|\be\.g\.|"
    # What a provision lets an authority do, in general: "Section 12 allows us to refuse requests that ...".
    r"\b(?:allows?|permits?|enables?|entitles?)\s+(?:us|an?\s+authority|(?:public\s+)?authorities|the\s+\w+)\s+to\b",
    re.IGNORECASE,
)
# The provision at work only in a supposed case: "if we were to ..., section 12 would apply".
_MODAL = re.compile(
    r"\b(?:would|could|might|may)\s+(?:also\s+|then\s+|likely\s+|in\s+any\s+(?:case|event)\s+|still\s+|otherwise\s+)?(?:be\s+(?:exempt|engaged|applied|applicable|refused|withheld|relied)|"
    r"apply|engage|need\s+to\s+(?:apply|rely|refuse))",
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
_NCND = re.compile(r"\bneither\s+confirms?\s+(?:n|)or\s+den(?:y|ies)\b|\b(?:refuse|not)\s+to\s+confirm\s+or\s+deny\b", re.IGNORECASE)
_STOPWORDS = {"information", "other", "means", "relating", "within", "united", "kingdom", "conduct", "public", "affairs"}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: between full stops (not "s.12"), blank lines and bullets."""
    boundary = re.compile(r"[.!?](?=\s+[A-Z(“\"'‘•\uf0b7])|\n\s*\n|[•\uf0b7▪●]")
    left = 0
    for m in boundary.finditer(text, max(0, start - 600), start):
        left = m.end()
    right_match = boundary.search(text, end, end + 800)
    right = right_match.end() if right_match else min(len(text), end + 800)
    return left, right


def _clause(sentence: str, at: int) -> str:
    """The clause of `sentence` holding offset `at`: "we applied s.40 to names, but s.43 is not engaged" has two."""
    cuts = [0] + [m.start() for m in re.finditer(r";|,?\s+(?:but|however|whereas|although|while|though)\b", sentence)] + [len(sentence)]
    for a, b in zip(cuts, cuts[1:]):
        if a <= at < b:
            return sentence[a:b]
    return sentence


def _names_it(text: str, end: int, provision: Provision) -> bool:
    """A citation labelled with its exemption's name ("FoIA 21 Information ... reasonably accessible")."""
    words = [w for w in re.findall(r"[a-z]{6,}", provision.name.lower()) if w not in _STOPWORDS]
    near = text[end : end + 80].lower()
    return any(w in near for w in words)


def _in_long_quotation(text: str, left: int, at: int) -> bool:
    """Inside a quoted passage of eight words or more (statute text, the requester's words)."""
    before = text[left:at]
    opens = [m.start() for m in re.finditer(r"[“\"]", before)]
    closes = [m.start() for m in re.finditer(r"[”]", before)]
    straight = before.count('"')
    if not opens or (closes and max(closes) > max(opens)) or (straight and straight % 2 == 0 and "“" not in before):
        return False
    quoted = re.split(r"[”\"]", text[left + opens[-1] + 1 : at + 300])[0]
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


def _negates_the_list(lead: str) -> bool:
    """A lead-in saying the listed provisions are not relied on ("We have not applied the following exemptions:").

    A negation about a provision the lead-in names itself is not about the list: "the duty in
    Section 1(1)(a) does not apply by virtue of the following exemptions:".
    """
    return any(
        not re.search(r"\b(?:sections?|s\.?|regulations?|reg\.?)\s?\d[\w()]*\s*$", lead[max(0, m.start() - 40) : m.start()], re.I)
        for m in _NEGATED.finditer(lead)
    )


def relied_on(text: str, start: int, end: int, provision: Provision) -> bool:
    """Whether the mention text[start:end] of `provision` reads as the authority relying on it."""
    left, right = _sentence_bounds(text, start, end)
    sentence = text[left:right]
    clause = _clause(sentence, start - left)
    lead = lead_in(text, left)
    if _NEGATED.search(clause) or _REQUESTER.search(sentence) or _in_long_quotation(text, left, start):
        return False
    if lead and (_negates_the_list(lead) or _REQUESTER.search(lead)):
        return False
    if _HYPOTHETICAL.search(sentence) and _MODAL.search(clause):
        return False
    if _ASSERTS.search(clause) or (lead and _ASSERTS.search(lead) and not _HYPOTHETICAL.search(lead)):
        return True
    if _HYPOTHETICAL.search(sentence) or _GUIDANCE.search(sentence):
        return False
    return bool(_CUE.search(clause)) or _names_it(text, end, provision)


# --------------------------------------------------------------------------
# Public interest test
# --------------------------------------------------------------------------

_PIT_NEGATED = re.compile(
    r"\b(?:no|not|nor|without)\b[^.]{0,60}\bpublic\s+interest\b|\babsolute\s+exemption\b[^.]{0,80}\bpublic\s+interest\b",
    re.IGNORECASE,
)
_PIT = re.compile(
    r"\bpublic\s+interest\s+(?:test|in\s+(?:disclos|releas|maintain|withhold)|considerations?|factors?|arguments?|balance)|"
    r"\b(?:favou?r(?:s|ing)?|in\s+favou?r\s+of|for|against)\s+(?:the\s+)?(?:disclosure|disclosing|release|withholding|maintaining)\b|\boutweigh|"
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


def considerations(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The considerations for disclosure and for withholding stated in text[start:end].

    They are the items (bullets, or the lines of a paragraph) under headings such as
    "Public interest considerations favouring disclosure" / "... favouring withholding",
    up to the next heading or the conclusion ("On balance, ...").
    """
    return _considerations(text[start:end])


def _considerations(text: str) -> tuple[list[str], list[str]]:
    lines = text.split("\n")
    sides: dict[str, list[list[str]]] = {"for": [], "against": []}
    current: str | None = None
    for line in lines:
        stripped = line.strip()
        if _AGAINST_HEADING.match(stripped):
            current = "against"
            continue
        if _FOR_HEADING.match(stripped):
            current = "for"
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

_QUESTION_REF = re.compile(
    r"\b(?:questions?|q|parts?|points?|items?|requests?)\s*\.?\s*((?:\(?[0-9]{1,2}[a-z]?\)?|\([a-z]\))(?:\s*(?:,|and|&)\s*(?:\(?[0-9]{1,2}[a-z]?\)?|\([a-z]\)))*)",
    re.IGNORECASE,
)


def _questions_named(sentence: str, numbers: set[str]) -> list[str]:
    """Question numbers the sentence says the exemption applies to ("questions 2 and 4 are exempt ...")."""
    found: list[str] = []
    for m in _QUESTION_REF.finditer(sentence):
        for n in re.findall(r"[0-9]{1,2}[a-z]?|(?<=\()[a-z](?=\))", m.group(1)):
            if n in numbers and n not in found:
                found.append(n)
    return found


def _question_at(qa_pairs: list[QAPair], offset: int) -> str | None:
    for q in qa_pairs:
        if q.answer_start is not None and q.answer_start <= offset < (q.answer_end or 0):
            return q.number
    return None


def _in_question(qa_pairs: list[QAPair], offset: int) -> bool:
    return any(q.question_start is not None and q.question_start <= offset < (q.question_end or 0) for q in qa_pairs)


# --------------------------------------------------------------------------
# The extractor
# --------------------------------------------------------------------------


def extract_exemptions(doc: ParsedDocument, qa_pairs: list[QAPair]) -> list[Exemption]:
    """The provisions the document relies on, one row per (provision, question), in order of first mention."""
    text = doc.text
    numbers = {q.number for q in qa_pairs}
    found: list[Exemption] = []
    for citation in find_citations(text, default_section_act(text)):
        if citation.legislation is None or _in_question(qa_pairs, citation.start):
            continue
        left, right = _sentence_bounds(text, citation.start, citation.end)
        sentence = text[left:right]
        for canonical in citation.provisions:
            row = lookup(citation.legislation, canonical)
            if row is None or not relied_on(text, citation.start, citation.end, row):
                continue
            ncnd = bool(_NCND.search(sentence) or _NCND.search(lead_in(text, left)))
            questions = _questions_named(sentence, numbers) or [_question_at(qa_pairs, citation.start)]
            for number in questions:
                found.append(
                    Exemption(
                        legislation=row.legislation,
                        provision=canonical,
                        name=row.name,
                        kind=row.kind,
                        qa_number=number,
                        decision="neither_confirm_nor_deny" if ncnd else row.decision,
                        quote=re.sub(r"\s+", " ", sentence).strip(" •\uf0b7"),
                        page=doc.page_of(citation.start),
                        char_start=citation.start,
                        char_end=citation.end,
                    )
                )
    exemptions = _merge(found)
    _attach_public_interest(text, found, exemptions)
    return exemptions


def _merge(found: list[Exemption]) -> list[Exemption]:
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
        part_of = lookup(e.legislation, e.provision).part_of
        same_question = e.qa_number is None or o.qa_number == e.qa_number
        return bool(part_of) and same_question and _related(o.provision, part_of)

    return [e for e in rows if not any(folds_into(e, o) for o in rows)]


def _related(a: str, b: str) -> bool:
    """The same provision, or one a subsection of the other."""
    return a == b or a.startswith(b + "(") or b.startswith(a + "(")


def _attach_public_interest(text: str, mentions: list[Exemption], exemptions: list[Exemption]) -> None:
    """Give each public interest test to the qualified exemption cited last before it.

    Its considerations are read from there up to the citation of the next qualified
    exemption, so two exemptions weighed one after the other keep their own lists.
    """
    qualified = sorted((m for m in mentions if m.kind == "qualified"), key=lambda m: m.char_start)
    for point in weighing_points(text):
        before = [m for m in qualified if m.char_start <= point]
        if not before:
            continue
        # Every provision of the last citation: "Sections 24 and 31 are qualified exemptions ... public interest test".
        for mention in (m for m in before if m.char_start == before[-1].char_start):
            row = next(
                (
                    r
                    for r in exemptions
                    if r.legislation == mention.legislation
                    and _related(r.provision, mention.provision)
                    and (r.qa_number == mention.qa_number or None in (r.qa_number, mention.qa_number))
                ),
                None,
            )
            if row is None or row.factors_for_disclosure or row.factors_for_withholding:
                continue
            end = next(
                (m.char_start for m in qualified if m.char_start > point and not _related(m.provision, mention.provision)),
                len(text),
            )
            row.public_interest_test = True
            row.factors_for_disclosure, row.factors_for_withholding = considerations(text, point, end)
