"""A WhatDoTheyKnow request thread: its metadata, messages, attachments, questions and exemptions.

Works from the structured thread `pipeline.parse.wdtk` leaves in `doc.meta`.
Each message's letter is also read on its own (as a small ParsedDocument whose
offsets are shifted back into the thread's text), so the letter-level readers
(`qa`, `exemptions`, the reference patterns of `letter`) apply unchanged.

- outcome: the page's status (Alaveteli's state, else its sentence); NULL for
  the states that say nothing of the authority's decision (postal reply,
  delivery error, not an FOI request, vexatious, awaiting the site's admins);
- request_date: the first request message's; response_date: the last
  authority message that is not an acknowledgement, automatic reply or bounce;
- reference(s): the authority's case references quoted in any message;
- legislation: what an authority's message says it handled the request
  under, else the law the page names, else FOIA 2000;
- qa_pairs: the numbered items of the first request message, answered from
  the authority's messages (an answer only in an attachment stays NULL);
- exemptions: those the authority's messages rely on.
"""
from __future__ import annotations

import re
from dataclasses import replace

from ..model import Attachment, DocumentInfo, Exemption, Extraction, Line, Message, ParsedDocument, QAPair
from ..normalise import canonical_legislation, find_dates
from ..normalise.legislation import legislation_mentions
from .exemptions import extract_exemptions, is_withdrawn, withdrawals
from .letter import REF_VALUE, is_date_or_phone, find_references
from .qa import (
    Pairing, answer_by_reference, answer_fields, answer_questions, document_segments, end_last_answer, extract_qa,
    segments_text,
)
from .response import answer_whole_request, link_exemptions, refuse_whole_request
from .tables import extract_tables

from ..normalise.authorities import canonical_authority

# Alaveteli's request states -> the contract's outcomes.
STATE_OUTCOMES = {
    "successful": "successful",
    "partially_successful": "partially_successful",
    "not_held": "not_held",
    "rejected": "refused",
    "waiting_response": "awaiting",
    "waiting_response_overdue": "awaiting",
    "waiting_response_very_overdue": "awaiting",
    "waiting_classification": "awaiting",
    "internal_review": "awaiting",
    "waiting_clarification": "clarification",
    "user_withdrawn": "withdrawn",
    # States that say nothing of what the authority decided: answered by post, a delivery error, a
    # request the site's administrators judged not an FOI request or vexatious, or one awaiting them.
    "gone_postal": None,
    "error_message": None,
    "requires_admin": None,
    "attention_requested": None,
    "not_foi": None,
    "vexatious": None,
}
# The status sentences, for pages whose status box carries no state class (checked in order).
SENTENCE_OUTCOMES = [
    (re.compile(r"\bpartially successful\b", re.I), "partially_successful"),
    (re.compile(r"\bwas successful\b", re.I), "successful"),
    (re.compile(r"\bdid not have the information\b", re.I), "not_held"),
    (re.compile(r"\bwas refused\b", re.I), "refused"),
    (re.compile(r"\bwaiting for clarification\b|\bclarif", re.I), "clarification"),
    (re.compile(r"\bwithdrawn\b", re.I), "withdrawn"),
    (re.compile(r"\b(?:long )?overdue\b|\bdelayed\b|\bawaiting\b|\bwaiting for\b|\binternal review\b", re.I), "awaiting"),
]

# An authority's message that only says the request arrived or is being worked on.
_ACKNOWLEDGEMENT_RE = re.compile(
    r"\backnowledge\w* (?:the )?receipt\b|\bwe (?:are|will be) (?:currently )?(?:processing|dealing with|considering) your\b|"
    r"\baim to (?:send|provide|respond|reply)\b|\bwill (?:respond|reply|send (?:you )?(?:a|our) response)\b[^.]{0,40}\b(?:by|within|no later)\b|"
    r"\b(?:has|have) been (?:received|logged)\b|\bautomat(?:ic|ed|ically generated) (?:reply|response|acknowledge?ment)\b|"
    r"\bauto-?(?:reply|response)\b|\bout of (?:the )?office\b|\byour request (?:will now be|is now being) (?:considered|processed)\b",
    re.I,
)
# A bounce: the mail system saying the request or follow-up was not delivered (Alaveteli files it as incoming).
_DELIVERY_FAILURE_RE = re.compile(
    r"\b(?:could not be delivered|was not delivered|delivery (?:has )?failed|undeliverable|delivery status notification|"
    r"returning message to sender|message not delivered|permanent(?:ly)? (?:error|fatal errors?)|address rejected)\b",
    re.I,
)
_MAIL_SYSTEM_RE = re.compile(r"\b(?:mail delivery (?:system|subsystem)|mailer-daemon|postmaster)\b", re.I)
_HANDLED_UNDER_RE = re.compile(
    r"\b(?:handled|handling|dealt with|dealing with|considered|considering|processed|processing|responded to|responding to)"
    r"\s+(?:your\s+|this\s+|the\s+)?(?:request\s+)?under\s+(?:the\s+)?(?P<law>[^.\n]{3,80})",
    re.I,
)
# A reference label with its value ("Our reference: 3375675", "ref : 4079935 - 11 March 2019 &, 4192021").
_REF_LABEL_RE = re.compile(rf"\b(?i:(?:our|your)\s+ref(?:erence)?|ref(?:erence)?(?:\s+(?:no\.?|number))?|case (?:no\.?|number|reference))\s*:\s*(?P<ref>{REF_VALUE})")
_REF_MORE_RE = re.compile(rf"^\s*(?:[-–,;&]|and\b)+\s*(?P<ref>{REF_VALUE})")
_IMAGE_TYPE_RE = re.compile(r"^image/")


def extract(doc: ParsedDocument) -> Extraction:
    meta = doc.meta
    letters = [message_document(doc, m) for m in meta.get("messages", [])]
    messages = [
        Message(
            seq=seq,
            direction=m["direction"],
            sent_at=m["sent_at"],
            author=m["author"],
            text=letter.text,
            reference="; ".join(message_references(letter)) or None,
            char_start=m["start"],
            char_end=m["end"],
        )
        for seq, (m, letter) in enumerate(zip(meta.get("messages", []), letters))
    ]
    attachments = [
        Attachment(
            name=a["name"], message_seq=seq, url=a["url"], html_url=a["html_url"], size=a["size"],
            content_type=a["content_type"],
        )
        for seq, m in enumerate(meta.get("messages", []))
        for a in m["attachments"]
    ]
    responses = [(seq, letter) for seq, (m, letter) in enumerate(zip(messages, letters)) if m.direction == "response"]
    qa_pairs = thread_qa(messages, letters, responses)
    exemptions = thread_exemptions(responses, letters, qa_pairs)
    link_exemptions([q for q in qa_pairs if not answers_whole_request(q, qa_pairs)], exemptions)
    answer_whole_replies(responses, qa_pairs, exemptions)

    title = meta.get("title")
    info = DocumentInfo(
        kind="foi_request_thread",
        title=title,
        authority=authority_name(meta.get("authority")),
        reference="; ".join(thread_references(letters)) or None,
        request_title=title,
        request_date=request_date(messages),
        response_date=response_date(messages, attachments),
        legislation=thread_legislation(meta, [letter for _, letter in responses], first_request(messages, letters)),
        outcome=thread_outcome(meta),
    )
    return Extraction(
        info=info, parsed=doc, messages=messages, attachments=attachments, qa_pairs=qa_pairs,
        tables=extract_tables(layout_document(doc)), exemptions=exemptions, links={"request_url": request_url(doc)},
    )


def message_document(doc: ParsedDocument, message: dict) -> ParsedDocument:
    """The letter of one message, as a ParsedDocument with offsets relative to its start; `meta["offset"]` shifts them back."""
    start, end = message["body_start"], message["body_end"]
    lines = [
        Line(text=l.text, start=l.start - start, end=l.end - start, page=l.page)
        for l in doc.lines
        if start <= l.start and l.end <= end
    ]
    text = doc.text[start:end] if end > start else ""
    return ParsedDocument(
        source=doc.source, format=doc.format, text=text, raw_text=text, lines=lines,
        tables=[replace(t, start=t.start - start) for t in doc.tables if t.start is not None and start <= t.start < end],
        meta={"offset": start},
    )


def shift(value: int | None, letter: ParsedDocument) -> int | None:
    return None if value is None else value + letter.meta["offset"]


# --------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------


def authority_name(name: str | None) -> str | None:
    """The authority as the page names it, canonicalised when the gazetteer knows it."""
    return (canonical_authority(name) or name) if name else None


def thread_outcome(meta: dict) -> str | None:
    """The outcome the page's status box states (state class first, then the sentence, then the API's state)."""
    state = meta.get("status") or ((meta.get("fetch") or {}).get("api") or {}).get("described_state")
    if state in STATE_OUTCOMES:
        return STATE_OUTCOMES[state]
    sentence = meta.get("status_sentence") or ""
    return next((outcome for pattern, outcome in SENTENCE_OUTCOMES if pattern.search(sentence)), None)


def first_date(messages) -> str | None:
    return next((m.sent_at[:10] for m in messages if m.sent_at), None)


def request_date(messages: list[Message]) -> str | None:
    """The date of the first request message; None when it has none (an administrator hid it): a follow-up's
    date is not the request's."""
    first = next((m for m in messages if m.direction == "request"), None)
    return first.sent_at[:10] if first is not None and first.sent_at else None


def is_acknowledgement(message: Message, attachments: list[Attachment]) -> bool:
    """A reply with no document attached (other than images) whose words only acknowledge the request."""
    attached = [a for a in attachments if a.message_seq == message.seq and not _IMAGE_TYPE_RE.match(a.content_type or "")]
    return not attached and bool(_ACKNOWLEDGEMENT_RE.search(re.sub(r"\s+", " ", message.text)))


def is_delivery_failure(message: Message) -> bool:
    """A bounce from a mail system, not a reply from the authority."""
    return bool(_MAIL_SYSTEM_RE.search(message.author or "") or _DELIVERY_FAILURE_RE.search(message.text[:600]))


def response_date(messages: list[Message], attachments: list[Attachment]) -> str | None:
    """The date of the final substantive response: the last authority message that is neither an
    acknowledgement, an automatic reply nor a bounce."""
    substantive = [
        m for m in messages
        if m.direction == "response" and not is_acknowledgement(m, attachments) and not is_delivery_failure(m)
    ]
    return first_date(reversed(substantive))


def thread_legislation(meta: dict, responses: list[ParsedDocument], request: ParsedDocument | None) -> str:
    """What the authority says it handled the request under, else the law the page names when it is not
    the UK Act, else the most specific regime the request or the replies name, else FOIA 2000.

    The page's subtitle says "made this Freedom of Information request" for Scottish authorities too,
    so it only settles EIR; a request and reply headed "Freedom of Information (Scotland) Act" are FOISA.
    """
    for letter in responses:
        for m in _HANDLED_UNDER_RE.finditer(re.sub(r"\s*\n\s*", " ", letter.text)):
            law = canonical_legislation(m.group("law"))
            if law:
                return law
    # The page words it "Environmental Information Regulations"; the request's JSON says "eir".
    law = meta.get("law") or ((meta.get("fetch") or {}).get("api") or {}).get("law_used")
    page_law = canonical_legislation(law)
    if page_law not in (None, "FOIA 2000"):
        return page_law
    letters = ([request] if request is not None else []) + responses
    return most_specific_regime(letters) or page_law or "FOIA 2000"


# The regimes a thread's letters may name in place of the UK Act, most specific first.
_SPECIFIC_REGIMES = ("FOISA 2002", "EIR 2004")


def most_specific_regime(letters: list[ParsedDocument]) -> str | None:
    """FOISA when any letter names the Scottish Act, else EIR when any names the Regulations, else None."""
    named = {m.regime for letter in letters for m in legislation_mentions(letter.text) if m.named}
    return next((regime for regime in _SPECIFIC_REGIMES if regime in named), None)


def first_request(messages: list[Message], letters: list[ParsedDocument]) -> ParsedDocument | None:
    return next((letter for m, letter in zip(messages, letters) if m.direction == "request"), None)


def request_url(doc: ParsedDocument) -> str | None:
    """The request page's URL: where `foi fetch` got it, else what the saved page says."""
    return ((doc.meta.get("fetch") or {}).get("url")) or doc.meta.get("request_url")


# --------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------


def message_references(letter: ParsedDocument) -> list[str]:
    """The case references one message quotes: the letter patterns, plus every value of a labelled list."""
    refs = list(find_references(letter))
    for line in letter.text.split("\n"):
        for m in _REF_LABEL_RE.finditer(line):
            values, rest = [m.group("ref")], line[m.end():]
            rest = strip_dates(rest)
            while (more := _REF_MORE_RE.match(rest)):
                values.append(more.group("ref"))
                rest = strip_dates(rest[more.end():])
            for value in values:
                value = value.strip(" .-–/")
                if re.search(r"\d", value) and not is_date_or_phone(value) and value not in refs:
                    refs.append(value)
    return [r for r in refs if not any(r != o and r in o for o in refs)]


def strip_dates(text: str) -> str:
    """`text` with a date right at its start dropped ("- 11 March 2019 &, 4192021" -> "&, 4192021")."""
    m = re.match(r"\s*[-–,;:]?\s*", text)
    head = text[m.end():]
    dates = find_dates(head)
    if dates and dates[0][1] == 0:
        return head[dates[0][2]:]
    return text


def thread_references(letters: list[ParsedDocument]) -> list[str]:
    refs: list[str] = []
    for letter in letters:
        refs.extend(r for r in message_references(letter) if r not in refs)
    return [r for r in refs if not any(r != o and r in o for o in refs)]


# --------------------------------------------------------------------------
# Questions and exemptions
# --------------------------------------------------------------------------


def thread_qa(messages: list[Message], letters: list[ParsedDocument], responses) -> list[QAPair]:
    """The first request's numbered questions, each answered by the last authority message that answers it
    (see `reply_answers`)."""
    first = next((seq for seq, m in enumerate(messages) if m.direction == "request"), None)
    if first is None:
        return []
    asked = letters[first]
    questions = [
        replace(q, answer=None, answer_status="unanswered", answer_start=None, answer_end=None, page=None)
        for q in extract_qa(asked)
    ]
    answered = {q.number: q for q in questions}
    for _, reply in responses:
        if not reply.text.strip():
            continue
        for q in reply_answers(questions, reply):
            if q.answer:
                answered[q.number] = replace(q, answer_start=shift(q.answer_start, reply), answer_end=shift(q.answer_end, reply))
    return [
        replace(
            answered[q.number],
            question_start=shift(q.question_start, asked),
            question_end=shift(q.question_end, asked),
            message_seq=first,
        )
        for q in questions
    ]


def thread_exemptions(responses, letters: list[ParsedDocument], qa_pairs: list[QAPair]) -> list[Exemption]:
    """The exemptions the authority's messages rely on, once each (provision and question).

    Later messages (a covering note, an internal review upholding the decision)
    often repeat a provision without tying it to a question: that repeat is the
    same exemption, not another one, so a provision seen without a question is
    kept only while no message has tied it to one.
    """
    out: list[Exemption] = []
    seen: set[tuple] = set()
    for _, reply in responses:
        if not reply.text.strip():
            continue
        for e in extract_exemptions(reply, questions_for_reply(qa_pairs, reply)):
            key = (e.provision, e.qa_number)
            if key in seen or (e.qa_number is None and any(p == e.provision for p, _ in seen)):
                continue
            if e.qa_number is not None and (e.provision, None) in seen:
                seen.discard((e.provision, None))
                out = [x for x in out if not (x.provision == e.provision and x.qa_number is None)]
            seen.add(key)
            out.append(replace(e, char_start=shift(e.char_start, reply), char_end=shift(e.char_end, reply), page=None))
    # A later reply (an internal review) that withdraws a provision or overturns the decision cancels it.
    withdrawn = [replace(w, char_start=shift(w.char_start, reply))
                 for _, reply in responses if reply.text.strip()
                 for w in withdrawals(reply, questions_for_reply(qa_pairs, reply))]
    return [e for e in out if not is_withdrawn(e, withdrawn)]


def reply_answers(questions: list[QAPair], reply: ParsedDocument) -> list[QAPair]:
    """The questions as one reply answers them: by its numbered list or Q/A table, else by paragraphs that
    name their questions ("Question 3: ...", "Questions 1 and 2: ..."). Offsets refer to `reply`."""
    out = answer_questions(questions, reply)
    if blanket := answer_after_restated_list(questions, out, reply):
        return [replace(q, **blanket) for q in questions]
    if any(q.answer for q in out):
        return out
    pairings = [Pairing(q.number, [], []) for q in questions]
    answer_by_reference(pairings, document_segments(reply))
    end_last_answer(pairings)
    by_number = {q.number: q for q in questions}
    answers = {p.number: p.answer for p in pairings if p.answer and not quotes_question(by_number[p.number].question, p.answer)}
    return [replace(q, **answer_fields(reply, answers[q.number])) if q.number in answers else q for q in out]


# How many of a question's opening words a paragraph must repeat to be the question quoted back.
_QUOTED_WORDS = 6


def answer_after_restated_list(questions: list[QAPair], answered: list[QAPair], reply: ParsedDocument) -> dict | None:
    """The answer fields of a reply that quotes the request's numbered questions back, with nothing
    between them, then answers the request as a whole ("... can neither confirm nor deny that it holds
    the information you have requested"); None for any other reply.

    Read as a numbered list, such a reply leaves every item but the last empty and gives the last the
    text after the list (`answered`, from `answer_questions`): that text answers every question.
    """
    given = [q for q in answered if q.answer]
    if len(questions) < 2 or [q.number for q in given] != [questions[-1].number]:
        return None
    said = " " + " ".join(re.findall(r"\w+", reply.text.lower())) + " "
    if not all(f" {opening_words(q.question)} " in said for q in questions):
        return None
    last = given[0]
    return {"answer": last.answer, "answer_status": last.answer_status, "page": last.page,
            "answer_start": last.answer_start, "answer_end": last.answer_end}


def opening_words(question: str) -> str:
    """The first words of a question, lower-cased and space-joined: what a reply quoting it repeats."""
    return " ".join(re.findall(r"\w+", question.lower())[:_QUOTED_WORDS])


def quotes_question(question: str, answer: list) -> bool:
    """Whether an answer found by its label is only the question quoted back (an acknowledgement
    restating "(a) the number of ..."): it opens with the question's first words, or all of them."""
    asked = opening_words(question)
    return bool(asked) and (" ".join(re.findall(r"\w+", segments_text(answer).lower())) + " ").startswith(asked + " ")


def questions_for_reply(qa_pairs: list[QAPair], reply: ParsedDocument) -> list[QAPair]:
    """All the thread's questions, as `extract_exemptions` reads them against one reply: the answer spans
    this reply holds, made relative to it; no span for the others (their answers, and the questions
    themselves, are in other messages), so that "the names at part (c) are withheld" still names (c)."""
    start, end = reply.meta["offset"], reply.meta["offset"] + len(reply.text)
    return [
        replace(q, answer_start=q.answer_start - start, answer_end=q.answer_end - start, question_start=None, question_end=None)
        if q.answer_start is not None and start <= q.answer_start < end and not answers_whole_request(q, qa_pairs)
        else replace(q, answer_start=None, answer_end=None, question_start=None, question_end=None)
        for q in qa_pairs
    ]


def answers_whole_request(pair: QAPair, qa_pairs: list[QAPair]) -> bool:
    """Whether the pair's answer is one that answers several questions at once (see
    `answer_after_restated_list`): the exemptions it cites are tied to none of them."""
    return pair.answer_start is not None and any(
        q is not pair and (q.answer_start, q.answer_end) == (pair.answer_start, pair.answer_end) for q in qa_pairs
    )


def answer_whole_replies(responses, qa_pairs: list[QAPair], exemptions: list[Exemption]) -> None:
    """A reply that answers no question on its own but refuses the whole request (s.12, s.14) or says
    none of it is held gives that answer to every question still unanswered (see
    `response.refuse_whole_request` and `response.answer_whole_request`, which do it for one letter)."""
    for _, reply in responses:
        start, end = reply.meta["offset"], reply.meta["offset"] + len(reply.text)
        unanswered = [q for q in qa_pairs if q.answer_status == "unanswered"]
        if not unanswered or not reply.text.strip() or answers_any(qa_pairs, exemptions, start, end):
            continue
        own_exemptions = [e for e in exemptions if e.char_start is not None and start <= e.char_start < end]
        refuse_whole_request(unanswered, own_exemptions)
        if unanswered[0].answer_status != "unanswered":
            continue
        # `answer_whole_request` reads the letter after its questions: here the whole reply.
        local = [replace(q, question_start=0, question_end=0) for q in unanswered]
        answer_whole_request(reply, local)
        for pair, answer in zip(unanswered, local):
            if answer.answer_status != "unanswered":
                pair.answer, pair.answer_status, pair.page = answer.answer, answer.answer_status, None
                pair.answer_start, pair.answer_end = shift(answer.answer_start, reply), shift(answer.answer_end, reply)


def answers_any(qa_pairs: list[QAPair], exemptions: list[Exemption], start: int, end: int) -> bool:
    """Whether the thread's span [start, end) holds an answer to a question or an exemption tied to one."""
    return any(q.answer_start is not None and start <= q.answer_start < end for q in qa_pairs) or any(
        e.qa_number is not None and e.char_start is not None and start <= e.char_start < end for e in exemptions
    )


def layout_document(doc: ParsedDocument) -> ParsedDocument:
    """The thread with its messages' space-aligned lines as `raw_text`, for the table reader: the page's
    HTML cannot be walked line by line against the text (see `pipeline.parse.wdtk`)."""
    return replace(doc, raw_text=doc.meta.get("layout_text") or doc.text)
