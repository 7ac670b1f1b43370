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


def test_a_fetched_attachment_links_to_its_thread_by_url(tmp_path):
    raw = tmp_path / "raw"
    (raw / "wdtk").mkdir(parents=True)
    shutil.copy(SAMPLES / THREAD, raw / THREAD)
    letter = raw / "wdtk" / "response.txt"
    shutil.copy(SAMPLES / "seed/moj-foi-200612017-attachment.txt", letter)
    letter.with_name("response.txt.fetch.json").write_text(json.dumps({"url": ATTACHMENT_URL}))
    extract_corpus([raw], tmp_path / "foi.db")
    assert ("wdtk/response.txt", "attachment_of", THREAD) in links(tmp_path / "foi.db")


def test_an_attachment_page_naming_another_request_is_not_linked(tmp_path):
    raw = tmp_path / "raw"
    (raw / "wdtk").mkdir(parents=True)
    shutil.copy(SAMPLES / THREAD, raw / THREAD)
    letter = raw / "wdtk" / "response.txt"
    shutil.copy(SAMPLES / "seed/moj-foi-200612017-attachment.txt", letter)
    letter.with_name("response.txt.fetch.json").write_text(json.dumps(
        {"url": "https://www.whatdotheyknow.com/request/1/response/2/attach/2/Other.pdf"}))
    extract_corpus([raw], tmp_path / "foi.db")
    assert not any(rel == "attachment_of" for _, rel, _ in links(tmp_path / "foi.db"))
