"""An authority's email reply answering, above it, the numbered questions of the request it quotes below."""
from email.message import EmailMessage

from pipeline.extract import extract
from pipeline.extract.qa import extract_qa
from pipeline.parse import parse_file

REPLY = """Dear Ms Hale,

Our reference: EIR-24-06112

Thank you for your request, which we have handled under the Environmental Information Regulations 2004.

1. The council's arboricultural officer inspected the trees on 4 June 2024.

2. The names of the residents who reported the trees have been withheld. This is personal data of third
parties; the exception at regulation 13(1) of the EIR therefore applies.

3. The works were carried out by Ansa Environmental Services Ltd at a cost of £7,480.

If you are unhappy with the way your request has been handled, you may ask for an internal review.

Kind regards

Sam Whitfield
Information Rights Officer

-----Original Message-----
From: Rachel Hale <r.hale@example.org>
Sent: 19 September 2024 09:47
To: FOI Team <foi@examplecouncil.gov.uk>
Subject: Information request - tree felling on Crewe Road

Dear Council,

I would like to request the following information:

1. What inspection was carried out before the decision to fell, and on what date?
2. Who reported concerns about the trees to the council?
3. Which contractor carried out the works and what was the cost?

Yours faithfully,

Rachel Hale
"""

QUESTIONS = [
    "What inspection was carried out before the decision to fell, and on what date?",
    "Who reported concerns about the trees to the council?",
    "Which contractor carried out the works and what was the cost?",
]


def write_email(path, body):
    msg = EmailMessage()
    msg["From"] = "FOI Team <foi@examplecouncil.gov.uk>"
    msg["To"] = "Rachel Hale <r.hale@example.org>"
    msg["Date"] = "Thu, 17 Oct 2024 14:21:55 +0100"
    msg["Subject"] = "RE: Information request - tree felling on Crewe Road [Ref: EIR-24-06112]"
    msg.set_content(body)
    path.write_bytes(bytes(msg))
    return path


def assert_questions_from_the_quoted_request(x):
    text = x.parsed.text
    request_at = text.index("-----Original Message-----") if "-----Original" in text else text.index("From: Rachel Hale")
    assert [q.number for q in x.qa_pairs] == ["1", "2", "3"]
    assert [q.question for q in x.qa_pairs] == QUESTIONS
    for pair in x.qa_pairs:
        assert text[pair.question_start:pair.question_end] == pair.question and pair.question_start > request_at
        assert " ".join(text[pair.answer_start:pair.answer_end].split()) == pair.answer and pair.answer_end < request_at
    assert x.qa_pairs[0].answer.startswith("The council's arboricultural officer inspected")
    assert [q.answer_status for q in x.qa_pairs] == ["answered", "withheld", "answered"]
    assert [(e.provision, e.qa_number) for e in x.exemptions] == [("reg.13(1)", "2")]
    assert x.info.outcome == "partially_successful"


def test_a_top_posted_email_reply_answers_the_quoted_requests_questions(tmp_path):
    x = extract(parse_file(write_email(tmp_path / "reply.eml", REPLY), "reply.eml"))
    assert_questions_from_the_quoted_request(x)
    request = next(m for m in x.messages if m.direction == "request")
    assert all(q.message_seq == request.seq for q in x.qa_pairs)


def test_a_top_posted_reply_pasted_as_text_answers_the_quoted_requests_questions(tmp_path):
    path = tmp_path / "reply.txt"
    path.write_text(REPLY, encoding="utf-8")
    assert_questions_from_the_quoted_request(extract(parse_file(path, "reply.txt")))


def test_a_reply_quoting_a_request_it_does_not_answer_by_number_keeps_the_letters_own_list(tmp_path):
    body = REPLY.replace("1. The council's", "The council's").replace("2. The names", "The names").replace(
        "3. The works", "The works"
    )
    doc = parse_file(write_email(tmp_path / "reply.eml", body), "reply.eml")
    as_one_letter = [(q.number, q.question_start, q.message_seq) for q in extract_qa(doc)]
    assert [(q.number, q.question_start, q.message_seq) for q in extract(doc).qa_pairs] == as_one_letter
