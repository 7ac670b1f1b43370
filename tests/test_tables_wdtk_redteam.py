"""Red-team misses in tables and WhatDoTheyKnow threads.

- A month or quarter label whose year a text rendering leaves as a separate
  token ("April 2022 412") is one label cell, not a label and a figure column.
- A reply that quotes the request's numbered questions back and then answers
  the request as a whole (a police "neither confirm nor deny") answers every
  question, and the exemptions it cites belong to no single question.
"""
from __future__ import annotations

from pipeline.extract import extract
from pipeline.parse import parse_file

from conftest import rows_of, tables_in_text

# --------------------------------------------------------------------------
# Month and quarter labels in figure rows
# --------------------------------------------------------------------------

CASELOAD = """Dear Sir

1. The average number of patients on the caseload per month from April 2022 to June 2022.

Response: Please see the table below.

Month Average caseload
April 2022 412
May 2022 398
June 2022 421
Sept 2022 417

Yours sincerely
Information Governance Team
"""


def test_a_month_and_its_year_are_one_label_cell(tmp_path):
    (table,) = tables_in_text(tmp_path, CASELOAD)
    assert table.header == ["Month", "Average caseload"]
    assert rows_of(table) == [["April 2022", "412"], ["May 2022", "398"], ["June 2022", "421"], ["Sept 2022", "417"]]
    assert [c.number for c in table.cells if c.col == 1] == [412, 398, 421, 417]


def test_a_quarter_and_its_year_are_one_label_cell(tmp_path):
    text = "Quarter Referrals Closed\nQ1 2022 98 40\nQ2 2022 104 52\nQ3 2022 87 61\nQ4 2022 92 58\n"
    (table,) = tables_in_text(tmp_path, text)
    assert table.header == ["Quarter", "Referrals", "Closed"]
    assert rows_of(table)[0] == ["Q1 2022", "98", "40"]


def test_month_rows_without_a_header_keep_the_year_in_the_label(tmp_path):
    text = "The figures are as follows.\nJanuary 2021 15\nFebruary 2021 12\nMarch 2021 19\n"
    (table,) = tables_in_text(tmp_path, text)
    assert rows_of(table) == [["January 2021", "15"], ["February 2021", "12"], ["March 2021", "19"]]


def test_a_header_that_names_a_year_column_keeps_the_year_apart(tmp_path):
    text = "Month Year Referrals\nApril 2022 412\nMay 2022 398\nJune 2022 421\n"
    (table,) = tables_in_text(tmp_path, text)
    assert table.header == ["Month", "Year", "Referrals"]
    assert rows_of(table)[0] == ["April", "2022", "412"]


def test_a_header_of_capitalised_names_splits_by_name(tmp_path):
    """Two columns, three header words over wide labels: "Average caseload" stays one name."""
    text = "Team Average caseload\nCrisis Resolution North 41\nCrisis Resolution South 38\nHome Treatment East 29\n"
    (table,) = tables_in_text(tmp_path, text)
    assert table.header == ["Team", "Average caseload"]


# --------------------------------------------------------------------------
# A reply quoting the questions back, then one answer for the whole request
# --------------------------------------------------------------------------


def message(direction: str, n: int, author: str, when: str, body: str) -> str:
    return f"""
<div class="{'incoming' if direction == 'response' else 'outgoing'} correspondence js-collapsable" id="{direction}-{n}">
  <div class="correspondence__header">
    <span class="correspondence__header__author js-collapsable-trigger">{author}</span>
    <a class="correspondence__header__date" href="/request/cameras#{direction}-{n}"><time datetime="{when}">{when[:10]}</time></a>
  </div>
  <div class="correspondence_text">{body}</div>
</div>"""


def page(messages: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>Covert cameras in parks - a Freedom of Information request to
Northshire Police - WhatDoTheyKnow</title></head><body><div id="request_show" class="controller_request">
 <div class="request-header"><h1>Covert cameras in parks</h1>
  <p class="request-header__subtitle"><a href="/user/dee">Dee Hurst</a> made this Freedom of Information request to
   <a href="/body/northshire_police">Northshire Police</a></p>
  <div class="request-status"><div id="request_status" class="request-status-message request-status-message--refused">
   <p>The request was <strong>refused</strong> by Northshire Police.</p></div></div></div>
 <div id="left_column" class="left_column">{messages}</div></div></body></html>"""


QUESTIONS = """<p>1) How many covert cameras were deployed in public parks in 2022?<br>
2) In which parks were they deployed?<br>
3) How many arrests resulted from footage recorded by those cameras?</p>"""

REQUEST = f"""<p>Dear Northshire Police,</p><p>Please can you answer the following questions:</p>{QUESTIONS}
<p>Yours faithfully,</p><p>Dee Hurst</p>"""


def read_thread(tmp_path, reply: str):
    html = page(message("request", 1, "Dee Hurst", "2023-05-04T10:00:00+01:00", REQUEST)
                + message("response", 2, "Information Access Team", "2023-06-01T10:00:00+01:00", reply))
    path = tmp_path / "request.html"
    path.write_text(html, encoding="utf-8")
    return extract(parse_file(path, "request.html"))


NCND_REPLY = f"""<p>Freedom of Information Request Reference No: 05/FOI/23/012345</p>
<p>I note you seek access to the following information:</p>{QUESTIONS}
<p>Northshire Police can neither confirm nor deny that it holds the information you have requested, by virtue of
section 24(2) National Security and section 31(3) Law Enforcement.</p>
<p>No inference can be taken from this refusal that the information does or does not exist.</p>
<p>Yours sincerely,</p><p>Information Access Team</p>"""


def test_a_blanket_answer_after_the_quoted_questions_answers_every_question(tmp_path):
    x = read_thread(tmp_path, NCND_REPLY)
    assert [q.number for q in x.qa_pairs] == ["1", "2", "3"]
    for q in x.qa_pairs:
        assert q.answer is not None and q.answer.startswith("Northshire Police can neither confirm nor deny")
        assert "How many" not in q.answer
        assert q.answer_status != "unanswered"
    assert len({q.answer_status for q in x.qa_pairs}) == 1
    assert sorted((e.provision, e.qa_number) for e in x.exemptions) == [("s.24(2)", None), ("s.31(3)", None)]


def test_answers_under_the_quoted_questions_stay_with_their_questions(tmp_path):
    reply = """<p>I note you seek access to the following information:</p>
<p>1) How many covert cameras were deployed in public parks in 2022?<br>None were deployed in 2022.<br>
2) In which parks were they deployed?<br>Not applicable, see answer 1.<br>
3) How many arrests resulted from footage recorded by those cameras?<br>The number of arrests is withheld
under section 40(2) as it could identify individuals.</p>
<p>Yours sincerely,</p><p>Information Access Team</p>"""
    x = read_thread(tmp_path, reply)
    assert x.qa_pairs[0].answer == "None were deployed in 2022."
    assert x.qa_pairs[2].answer.startswith("The number of arrests is withheld")
    assert [(e.provision, e.qa_number) for e in x.exemptions] == [("s.40(2)", "3")]
