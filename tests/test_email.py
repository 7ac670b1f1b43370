"""Emails (.eml): headers into text and meta, the reply cut from the thread it quotes, attachments listed."""
from email.message import EmailMessage

from pipeline.extract import extract
from pipeline.parse import email as email_parser
from pipeline.parse import parse_file

REPLY = """Dear Ms Doe,

Our ref: FOI 2021/55. In response to your request under the Freedom of Information Act 2000,
we do not hold the information you asked for.

Regards
Information Governance

-----Original Message-----
From: Jane Doe <jane@example.org>
Sent: 08 April 2021 09:00
To: foi@trust.nhs.uk
Subject: Freedom of Information request

> I would like to request the following information:
> 1. How many housing officers do you employ?
"""


def write_email(path, body, html=None, attach=True):
    msg = EmailMessage()
    msg["From"] = "Information Governance <foi@trust.nhs.uk>"
    msg["To"] = "Jane Doe <jane@example.org>"
    msg["Date"] = "Tue, 4 May 2021 10:15:00 +0100"
    msg["Subject"] = "RE: Freedom of Information request FOI 2021/55"
    if body is not None:
        msg.set_content(body)
    if html is not None:
        if body is None:
            msg.set_content(html, subtype="html")
        else:
            msg.add_alternative(html, subtype="html")
    if attach:
        msg.add_attachment(b"%PDF-1.4 policy", maintype="application", subtype="pdf", filename="policy.pdf")
    path.write_bytes(bytes(msg))
    return path


def test_headers_body_and_attachments(tmp_path):
    doc = parse_file(write_email(tmp_path / "reply.eml", REPLY), "reply.eml")
    assert doc.format == "eml"
    assert doc.text.startswith("From: Information Governance <foi@trust.nhs.uk>\nTo: Jane Doe")
    assert doc.meta["email"]["sent_at"] == "2021-05-04T10:15:00+01:00"
    assert doc.meta["email"]["subject"] == "RE: Freedom of Information request FOI 2021/55"
    assert [(a["name"], a["content_type"]) for a in doc.meta["attachments"]] == [("policy.pdf", "application/pdf")]
    assert "Attachment: policy.pdf" in doc.text
    assert "> I would like" not in doc.text and "I would like to request" in doc.text
    x = extract(doc)
    assert x.info.kind == "foi_response" and x.info.reference == "FOI 2021/55"


def test_reply_is_cut_from_the_quoted_request(tmp_path):
    doc = parse_file(write_email(tmp_path / "reply.eml", REPLY), "reply.eml")
    reply, quoted = doc.meta["messages"]
    assert (reply["author"], reply["direction"]) == ("Information Governance", "response")
    assert (quoted["author"], quoted["sent_at"], quoted["direction"]) == ("Jane Doe", "2021-04-08", "request")
    assert "we do not hold" in doc.text[reply["body_start"]:reply["body_end"]]
    assert "Original Message" not in doc.text[reply["body_start"]:reply["body_end"]]
    assert "housing officers" in doc.text[quoted["body_start"]:quoted["body_end"]]


def test_html_only_email_becomes_text(tmp_path):
    html = "<html><head><style>p{}</style></head><body><p>Dear Jane,</p><p>We <b>hold</b> 3 records.<br>Regards</p></body></html>"
    # (email_parser directly: discover.sniff_format takes an email with HTML near its top for an HTML page)
    doc = email_parser.parse(write_email(tmp_path / "h.eml", None, html=html, attach=False), "h.eml")
    assert "Dear Jane," in doc.text and "We hold 3 records.\nRegards" in doc.text
    assert "p{}" not in doc.text and "<b>" not in doc.text
    assert doc.meta["attachments"] == []


def test_plain_text_part_is_preferred_to_html(tmp_path):
    doc = email_parser.parse(write_email(tmp_path / "a.eml", "Plain words here.", html="<p>HTML words</p>"), "a.eml")
    assert "Plain words here." in doc.text and "HTML words" not in doc.text


def test_each_message_of_an_email_is_a_messages_row_oldest_first(tmp_path):
    x = extract(parse_file(write_email(tmp_path / "reply.eml", REPLY), "reply.eml"))
    assert [(m.seq, m.direction, m.author) for m in x.messages] == [
        (0, "request", "Jane Doe"), (1, "response", "Information Governance")]
    assert x.messages[0].sent_at == "2021-04-08" and x.messages[0].subject == "Freedom of Information request"
    assert x.messages[1].text.startswith("Dear Ms Doe,")
    assert "How many housing officers" in x.messages[0].text
    assert [(a.name, a.message_seq) for a in x.attachments] == [("policy.pdf", 1)]


def test_a_reply_pasted_into_a_text_file_is_cut_into_messages(tmp_path):
    pasted = tmp_path / "reply.txt"
    pasted.write_text(REPLY, encoding="utf-8")
    x = extract(parse_file(pasted, "reply.txt"))
    assert [(m.direction, m.author, m.sent_at) for m in x.messages] == [
        ("request", "Jane Doe", "2021-04-08"), ("response", None, None)]
    assert x.messages[1].text.startswith("Dear Ms Doe,") and "do not hold" in x.messages[1].text
