"""WhatDoTheyKnow threads a red-team review found misread: the Scottish Act named only in the letters,
replies answering "Question 3: ..." in prose, exemptions naming a question in another message's list,
whole-request refusals, and tables aligned with spaces inside an email."""
from __future__ import annotations

from html import escape

from conftest import rows_of
from pipeline.extract import extract
from pipeline.parse import parse_file


def message(direction: str, mid: int, date: str, author: str, body: str) -> str:
    """One correspondence block; `body` is the email's text, lines joined with <br> as Alaveteli shows it."""
    paras = "".join(f"<p>{'<br />'.join(escape(line, quote=False) for line in par.split(chr(10)))}</p>\n" for par in body.split("\n\n"))
    kind = "incoming" if direction == "response" else "outgoing"
    return f"""<div class="{kind} correspondence" id="{kind}-{mid}">
 <div class="correspondence__header"><span class="correspondence__header__author">{author}</span>
 <time datetime="{date}T10:00:00+00:00">{date}</time></div>
 <div class="correspondence_text">{paras}</div></div>"""


def page(authority: str, messages: list[str], status: str = "successful") -> str:
    return f"""<!DOCTYPE html><html><head><title>Test request - a Freedom of Information request to {authority} - WhatDoTheyKnow</title></head>
<body><div id="request_show"><div class="request-header"><h1>Test request</h1>
<p class="request-header__subtitle"><a href="/user/jo_bloggs">Jo Bloggs</a> made this Freedom of Information request to
<a href="/body/x">{authority}</a></p></div>
<div class="request-status-message request-status-message--{status}">The request was {status}.</div>
{''.join(messages)}
</div><div id="footer">Donate Now</div></body></html>"""


def read(tmp_path, html: str):
    path = tmp_path / "request.html"
    path.write_text(html, encoding="utf-8")
    return extract(parse_file(path, "request.html"))


REQUEST = """Dear Council,

Please send me:

1. The number of parking permits issued in 2023.
2. The income from those permits.
3. The names of the contractors who enforce them.

Yours faithfully,

Jo Bloggs"""


def test_scottish_act_named_in_the_letters_beats_the_pages_generic_wording(tmp_path):
    reply = """Dear Jo Bloggs

Freedom of Information (Scotland) Act 2002 - Request for Information

1. 412 permits were issued.
2. The income was £20,600.
3. The contractor is NSL Ltd.

Yours sincerely

Information Rights Officer"""
    x = read(tmp_path, page("Fife Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST.replace("Please send me", "Under the Freedom of Information (Scotland) Act 2002, please send me")),
        message("response", 2, "2024-01-20", "Fife Council", reply),
    ]))
    assert x.info.legislation == "FOISA 2002"


def test_a_uk_thread_that_names_only_the_uk_act_stays_foia(tmp_path):
    reply = "Dear Jo Bloggs\n\nFreedom of Information Act 2000 - Request\n\n1. 412 permits were issued.\n2. £20,600.\n3. NSL Ltd.\n\nYours sincerely\n\nFOI Team"
    x = read(tmp_path, page("Leeds City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST),
        message("response", 2, "2024-01-20", "Leeds City Council", reply),
    ]))
    assert x.info.legislation == "FOIA 2000"


def test_reply_answering_questions_by_name_in_prose(tmp_path):
    reply = """Dear Jo Bloggs

Thank you for your request.

Question 3: the contractor who enforces the permits is NSL Ltd, appointed in 2021.

Questions 1 and 2: I can confirm that 412 permits were issued in 2023, bringing in £20,600.

Yours sincerely

FOI Team"""
    x = read(tmp_path, page("Leeds City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST),
        message("response", 2, "2024-01-20", "Leeds City Council", reply),
    ]))
    answers = {q.number: q.answer for q in x.qa_pairs}
    assert "NSL Ltd" in answers["3"] and "412 permits" in answers["1"] and "412 permits" in answers["2"]
    assert all(q.answer_status == "answered" for q in x.qa_pairs)
    q3 = x.qa_pairs[2]
    assert x.parsed.text[q3.answer_start:q3.answer_end].endswith("appointed in 2021.")


def test_acknowledgement_quoting_a_question_back_does_not_answer_it(tmp_path):
    ack = """Dear Jo Bloggs

I note you seek access to the following information:

1. The number of parking permits issued in 2023.

Your request will now be considered. You will receive a response within 20 working days.

Yours sincerely

FOI Team"""
    x = read(tmp_path, page("Leeds City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST),
        message("response", 2, "2024-01-03", "Leeds City Council", ack),
    ], status="waiting_response"))
    assert [q.answer_status for q in x.qa_pairs] == ["unanswered"] * 3


def test_exemption_naming_a_part_of_the_request_in_a_later_reply_is_tied_to_it(tmp_path):
    request = """Dear Police,

Please could you provide:

(a) the number of deployments in 2023;
(b) the names of the officers who authorised each deployment.

Yours faithfully,

Jo Bloggs"""
    reply = """Dear Jo Bloggs

Please see the attached in respect of your request.

The names of authorising officers at part (b) are withheld under section 40(2) of the Act.

Yours sincerely

Information Rights Unit"""
    x = read(tmp_path, page("Borsetshire Police", [
        message("request", 1, "2024-02-01", "Jo Bloggs", request),
        message("response", 2, "2024-02-20", "Borsetshire Police", reply),
    ], status="partially_successful"))
    assert [(e.provision, e.qa_number) for e in x.exemptions] == [("s.40(2)", "b")]
    assert {q.number: q.answer_status for q in x.qa_pairs} == {"a": "unanswered", "b": "withheld"}


def test_reply_refusing_the_whole_request_on_cost_refuses_each_question(tmp_path):
    reply = """Dear Jo Bloggs

Thank you for your request under the Freedom of Information Act 2000.

I am writing to inform you that the Council is refusing your request under section 12(1) of the Act, as the cost of complying would exceed the appropriate limit of £450.

Yours sincerely

FOI Team"""
    x = read(tmp_path, page("Leeds City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST),
        message("response", 2, "2024-01-20", "Leeds City Council", reply),
    ], status="rejected"))
    assert [q.answer_status for q in x.qa_pairs] == ["refused"] * 3
    q = x.qa_pairs[0]
    assert "section 12(1)" in x.parsed.text[q.answer_start:q.answer_end]


def test_reply_saying_none_of_it_is_held_gives_each_question_not_held(tmp_path):
    reply = """Dear Jo Bloggs

Thank you for your request.

I can confirm that the Council does not hold the information you have requested.

Yours sincerely

FOI Team"""
    x = read(tmp_path, page("Leeds City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST),
        message("response", 2, "2024-01-20", "Leeds City Council", reply),
    ], status="not_held"))
    assert [q.answer_status for q in x.qa_pairs] == ["not_held"] * 3
    assert all("does not hold" in q.answer for q in x.qa_pairs)


def test_acknowledgement_gives_no_whole_request_answer(tmp_path):
    ack = "Dear Jo Bloggs\n\nThank you for your request. We aim to respond by 1 February 2024.\n\nYours sincerely\n\nFOI Team"
    x = read(tmp_path, page("Leeds City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST),
        message("response", 2, "2024-01-03", "Leeds City Council", ack),
    ], status="waiting_response"))
    assert [q.answer_status for q in x.qa_pairs] == ["unanswered"] * 3


SPACED_REPLY = """Dear Jo Bloggs

The annual mean concentrations (micrograms per cubic metre) are:

Site                      2020    2021    2022
Bath Road (tube 452)      33.8    36.1    34.9
Temple Way (tube 211)     41.2    44.7    42.0

Yours sincerely

Air Quality Team"""


def test_space_aligned_table_in_an_email_is_read_with_its_columns(tmp_path):
    x = read(tmp_path, page("Bristol City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", "Dear Council,\n\nPlease send me the NO2 readings.\n\nYours faithfully,\n\nJo Bloggs"),
        message("response", 2, "2024-01-20", "Bristol City Council", SPACED_REPLY),
    ]))
    (table,) = x.tables
    assert table.header == ["Site", "2020", "2021", "2022"]
    assert rows_of(table) == [["Bath Road (tube 452)", "33.8", "36.1", "34.9"], ["Temple Way (tube 211)", "41.2", "44.7", "42.0"]]
    # The text itself keeps one space between words, and the table's offsets point into it.
    assert "Bath Road (tube 452) 33.8 36.1 34.9" in x.parsed.text
    assert "  " not in x.parsed.text
    assert x.parsed.text[table.char_start:table.char_end].startswith("Site 2020")


def test_tab_separated_lines_in_an_email_are_a_table(tmp_path):
    reply = SPACED_REPLY.replace("                      ", "\t").replace("      ", "\t").replace("     ", "\t").replace("    ", "\t")
    x = read(tmp_path, page("Bristol City Council", [
        message("request", 1, "2024-01-02", "Jo Bloggs", "Dear Council,\n\nPlease send me the NO2 readings.\n\nYours faithfully,\n\nJo Bloggs"),
        message("response", 2, "2024-01-20", "Bristol City Council", reply),
    ]))
    (table,) = x.tables
    assert rows_of(table)[-1] == ["Temple Way (tube 211)", "41.2", "44.7", "42.0"]


def test_an_internal_review_that_overturns_the_refusal_cancels_its_exemption(tmp_path):
    refusal = """Dear Jo Bloggs

Your request has been handled under the Environmental Information Regulations 2004. We are refusing it under regulation 12(4)(d), as the material is still in the course of completion.

Yours sincerely

Information Team"""
    review = """Dear Jo Bloggs

I have now completed the internal review. I have concluded that regulation 12(4)(d) was not correctly applied, and I have overturned the original decision. The information is attached.

Yours sincerely

Review Officer"""
    kept = [message("request", 1, "2024-01-02", "Jo Bloggs", REQUEST),
            message("response", 2, "2024-01-20", "Leeds City Council", refusal)]
    assert [e.provision for e in read(tmp_path, page("Leeds City Council", kept)).exemptions] == ["reg.12(4)(d)"]
    overturned = kept + [message("response", 3, "2024-03-01", "Leeds City Council", review)]
    assert read(tmp_path, page("Leeds City Council", overturned)).exemptions == []
