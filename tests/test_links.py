"""Links between documents: an attachment to its WhatDoTheyKnow thread, an annex to its letter."""
from __future__ import annotations

import json
import shutil

from pipeline.load import open_db
from pipeline.run import extract_corpus

from conftest import SAMPLES

THREAD = "wdtk/1400678.html"
ATTACHMENT_URL = ("https://www.whatdotheyknow.com/request/589132/response/1400678/attach/2/"
                  "Response%20information%20exempt.pdf")


def links(db_path):
    db = open_db(db_path)
    return {(d["source"], l["relation"], t["source"]) for l in db["links"].rows
            for d in db.query("SELECT source FROM documents WHERE id=?", [l["document_id"]])
            for t in db.query("SELECT source FROM documents WHERE id=?", [l["linked_id"]])}


def links_of_a_fetched_letter(tmp_path, fetched_from: str, text: str | None = None) -> set:
    """Extract a thread and a letter `foi fetch` saved from `fetched_from` (the MoJ seed, or `text`); the links found."""
    raw = tmp_path / "raw"
    (raw / "wdtk").mkdir(parents=True)
    shutil.copy(SAMPLES / THREAD, raw / THREAD)
    letter = raw / "wdtk" / "response.txt"
    if text is None:
        shutil.copy(SAMPLES / "seed/moj-foi-200612017-attachment.txt", letter)
    else:
        letter.write_text(text, encoding="utf-8")
    letter.with_name("response.txt.fetch.json").write_text(json.dumps({"url": fetched_from}))
    extract_corpus([raw], tmp_path / "foi.db")
    return links(tmp_path / "foi.db")


def test_a_fetched_attachment_links_to_its_thread_by_url(tmp_path):
    assert ("wdtk/response.txt", "attachment_of", THREAD) in links_of_a_fetched_letter(tmp_path, ATTACHMENT_URL)


def test_an_attachment_that_is_not_a_response_still_links_to_its_thread(tmp_path):
    minutes = ("Minutes of the Board meeting held on 3 March 2021\nPresent: the Chair, the Chief Executive\n"
               "Apologies: none\n1. The minutes of the last meeting were agreed.\nRESOLVED: to approve the budget.\n")
    found = links_of_a_fetched_letter(tmp_path, ATTACHMENT_URL, text=minutes)
    assert ("wdtk/response.txt", "attachment_of", THREAD) in found
    db = open_db(tmp_path / "foi.db")
    assert db.execute("SELECT kind FROM documents WHERE source='wdtk/response.txt'").fetchone()[0] == "other"


def test_an_attachment_page_naming_another_request_is_not_linked(tmp_path):
    other = "https://www.whatdotheyknow.com/request/1/response/2/attach/2/Other.pdf"
    assert not any(rel == "attachment_of" for _, rel, _ in links_of_a_fetched_letter(tmp_path, other))


LETTER = ("Freedom of Information Team\nOur ref: {ref}\n1 May 2021\nDear Sir,\nThank you for your request under the "
          "Freedom of Information Act 2000 received on 8 April 2021.\n1. How many referrals?\nPlease see the attached "
          "spreadsheet.\nYours faithfully\n")
ANNEX = "Team,Referrals\nNorth,12\nSouth,30\nTotal,42\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_an_annex_goes_with_the_letter_sharing_its_reference_not_the_one_in_its_folder(tmp_path):
    raw = tmp_path / "raw"
    write(raw / "trusts" / "north-foi-7123-response.txt", LETTER.format(ref="FOI 7123"))
    write(raw / "trusts" / "south-rf353950-referrals.csv", ANNEX)  # another request's annex
    write(raw / "south" / "response.txt", LETTER.format(ref="RF353950"))
    extract_corpus([raw], tmp_path / "foi.db")
    annexes = {(a, t) for a, rel, t in links(tmp_path / "foi.db") if rel == "annex_of"}
    assert annexes == {("trusts/south-rf353950-referrals.csv", "south/response.txt")}


def test_an_annex_without_a_reference_goes_with_the_only_letter_in_its_folder(tmp_path):
    raw = tmp_path / "raw"
    write(raw / "a" / "letter.txt", LETTER.format(ref="FOI 7123"))
    write(raw / "a" / "data-2021.csv", ANNEX)
    write(raw / "b" / "letter.txt", LETTER.format(ref="FOI 2021"))
    write(raw / "b" / "one.txt", LETTER.format(ref="FOI 9001"))
    write(raw / "b" / "data.csv", ANNEX)  # two letters here: no guess
    extract_corpus([raw], tmp_path / "foi.db")
    annexes = {(a, t) for a, rel, t in links(tmp_path / "foi.db") if rel == "annex_of"}
    assert annexes == {("a/data-2021.csv", "a/letter.txt")}


def test_a_word_letter_and_its_spreadsheet_annex_are_linked(tmp_path):
    import docx
    import openpyxl

    folder = tmp_path / "raw" / "requests"
    folder.mkdir(parents=True)
    letter = docx.Document()
    for paragraph in LETTER.format(ref="FOI 5531").split("\n"):
        letter.add_paragraph(paragraph)
    letter.save(folder / "foi-5531-response.docx")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [["Referrals by team"], [], ["Team", "Referrals"], ["North", 12], ["South", 30], ["Total", 42]]:
        sheet.append(row)
    book.save(folder / "foi-5531-annex-a.xlsx")
    extract_corpus([tmp_path / "raw"], tmp_path / "foi.db")
    assert ("requests/foi-5531-annex-a.xlsx", "annex_of", "requests/foi-5531-response.docx") in links(tmp_path / "foi.db")
