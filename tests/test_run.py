"""The run stage: incremental re-runs, atomic replacement, removals, failures recorded."""
from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
import sqlite_utils

import pipeline
import pipeline.process
from pipeline import load
from pipeline.run import extract_corpus

from conftest import SAMPLES, make_text_pdf

LETTER = """Ministry of Justice
10th July 2020
Dear Ms Smith,
Freedom of Information Act (FOIA) Request - 123456789
Thank you for your request dated 12th June 2020 in which you asked for the following information:
1) How many lighthouses are there?
We hold 117 lighthouses.
"""


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "raw"
    d.mkdir()
    (d / "letter.txt").write_text(LETTER)
    shutil.copy(SAMPLES / "seed/moj-foi-200612017-attachment.txt", d / "moj.txt")
    make_text_pdf(d / "letter.pdf", [LETTER.replace("Smith", "Jones")])
    return d


@pytest.fixture
def count_parses(monkeypatch):
    calls = []
    real = pipeline.process.parse_file

    def counting(path, source):
        calls.append(source)
        return real(path, source)

    monkeypatch.setattr(pipeline.process, "parse_file", counting)
    return calls


def rows(db_path, sql, params=()):
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_first_run_creates_every_contract_table_even_when_empty(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    db_path = tmp_path / "foi.db"
    report = extract_corpus([empty], db_path)
    assert report.counts["seen"] == 0
    db = sqlite_utils.Database(db_path)
    for table in ("documents", "messages", "attachments", "qa_pairs", "extracted_tables", "table_cells",
                  "exemptions", "entities", "programmes", "fields", "runs", "errors", "documents_fts", "qa_pairs_fts"):
        assert db[table].exists(), table
    assert {"id", "source", "kind", "authority", "reference", "raw_text", "content_sha256", "pipeline_version"} <= set(
        db["documents"].columns_dict)


def test_second_run_parses_nothing(folder, tmp_path, count_parses):
    db_path = tmp_path / "foi.db"
    first = extract_corpus([folder], db_path)
    assert first.counts["added"] == 3 and first.counts["failed"] == 0
    assert len(count_parses) == 3
    count_parses.clear()
    second = extract_corpus([folder], db_path)
    assert count_parses == []
    assert second.counts == dict(seen=3, added=0, changed=0, unchanged=3, removed=0, failed=0)
    runs = rows(db_path, "SELECT seen, added, unchanged FROM runs ORDER BY id")
    assert runs == [(3, 3, 0), (3, 0, 3)]


def test_changed_file_replaces_its_rows_and_keeps_its_id(folder, tmp_path, count_parses):
    db_path = tmp_path / "foi.db"
    extract_corpus([folder], db_path)
    (doc_id,) = rows(db_path, "SELECT id FROM documents WHERE source='letter.txt'")[0]
    (folder / "letter.txt").write_text(LETTER.replace("123456789", "987654321"))
    count_parses.clear()
    report = extract_corpus([folder], db_path)
    assert count_parses == ["letter.txt"]
    assert report.counts["changed"] == 1 and report.counts["unchanged"] == 2
    assert rows(db_path, "SELECT id, reference FROM documents WHERE source='letter.txt'") == [(doc_id, "987654321")]
    assert rows(db_path, "SELECT count(*) FROM documents")[0][0] == 3


def test_removed_file_rows_are_deleted_and_counted(folder, tmp_path):
    db_path = tmp_path / "foi.db"
    extract_corpus([folder], db_path)
    (folder / "moj.txt").unlink()
    report = extract_corpus([folder], db_path)
    assert report.counts["removed"] == 1
    assert rows(db_path, "SELECT source FROM documents ORDER BY source") == [("letter.pdf",), ("letter.txt",)]
    assert rows(db_path, "SELECT removed FROM runs ORDER BY id DESC LIMIT 1") == [(1,)]
    for table in load.DOCUMENT_TABLES:
        orphans = rows(db_path, f"SELECT count(*) FROM [{table}] WHERE document_id NOT IN (SELECT id FROM documents)")
        assert orphans == [(0,)], table


def test_force_and_new_pipeline_version_reextract_everything(folder, tmp_path, count_parses, monkeypatch):
    db_path = tmp_path / "foi.db"
    extract_corpus([folder], db_path)
    count_parses.clear()
    assert extract_corpus([folder], db_path, force=True).counts["changed"] == 3
    assert len(count_parses) == 3
    count_parses.clear()
    monkeypatch.setattr(pipeline, "PIPELINE_VERSION", "next")
    monkeypatch.setattr(pipeline.run, "PIPELINE_VERSION", "next")
    monkeypatch.setattr(pipeline.load, "PIPELINE_VERSION", "next")
    assert extract_corpus([folder], db_path).counts["changed"] == 3
    assert rows(db_path, "SELECT DISTINCT pipeline_version FROM documents") == [("next",)]


def test_interrupted_replacement_keeps_the_previous_rows(folder, tmp_path, monkeypatch):
    db_path = tmp_path / "foi.db"
    extract_corpus([folder], db_path)
    before = rows(db_path, "SELECT id, reference, text FROM documents WHERE source='moj.txt'")
    before_fields = rows(db_path, "SELECT * FROM fields ORDER BY document_id, seq")
    (folder / "moj.txt").write_text((folder / "moj.txt").read_text().replace("200612017", "111111111"))

    real_insert_all = sqlite_utils.db.Table.insert_all

    def crash_midway(self, *args, **kwargs):
        real_insert_all(self, *args, **kwargs)
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(sqlite_utils.db.Table, "insert_all", crash_midway)
    with pytest.raises(KeyboardInterrupt):
        extract_corpus([folder], db_path)
    monkeypatch.undo()
    assert rows(db_path, "SELECT id, reference, text FROM documents WHERE source='moj.txt'") == before
    assert rows(db_path, "SELECT * FROM fields ORDER BY document_id, seq") == before_fields
    # The next run picks the change up.
    assert extract_corpus([folder], db_path).counts["changed"] == 1


def test_parallel_workers_give_the_same_rows(folder, tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    extract_corpus([folder], one, workers=1)
    extract_corpus([folder], two, workers=2)
    sql = "SELECT id, kind, title, authority, reference, request_date, response_date, text FROM documents ORDER BY id"
    assert rows(one, sql) == rows(two, sql)


def test_full_text_index_follows_replacements(folder, tmp_path):
    db_path = tmp_path / "foi.db"
    extract_corpus([folder], db_path)
    match = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?"
    assert rows(db_path, match, ("lighthouses",)) == [(2,)]
    (folder / "letter.txt").write_text(LETTER.replace("lighthouses", "hospitals"))
    extract_corpus([folder], db_path)
    assert rows(db_path, match, ("lighthouses",)) == [(1,)]
    assert rows(db_path, match, ("hospitals",)) == [(1,)]


def test_what_a_parser_set_aside_is_kept_with_the_document(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    bodies = ["Dear Sir,\n\nThank you for your request about parking fines.",
              "In 2022 the council issued 4,210 penalty charge notices.",
              "Yours faithfully,\n\nJane Doe\nInformation Officer"]
    pages = [f"{body}\n\nCouncil Offices, High Street\nPage {n} of 3\n" for n, body in enumerate(bodies, start=1)]
    (raw / "letter.txt").write_text("\f".join(pages), encoding="utf-8")
    extract_corpus([raw], tmp_path / "foi.db")
    db = sqlite_utils.Database(tmp_path / "foi.db")
    [doc] = db["documents"].rows
    notes = json.loads(doc["parse_notes"])
    assert {"page": 2, "text": "Page 2 of 3"} in notes["page_furniture"]
    assert "Page 2 of 3" not in doc["text"]


def test_extracting_a_subfolder_or_one_file_keeps_ids_and_removes_nothing_outside_it(folder, tmp_path, count_parses):
    sub = folder / "pdf"
    sub.mkdir()
    (folder / "letter.pdf").rename(sub / "letter.pdf")
    (sub / "other.txt").write_text(LETTER.replace("Smith", "Patel"))
    db = tmp_path / "foi.db"
    extract_corpus([folder], db)
    before = dict(rows(db, "SELECT source, id FROM documents"))
    assert set(before) == {"letter.txt", "moj.txt", "pdf/letter.pdf", "pdf/other.txt"}

    (sub / "other.txt").unlink()
    count_parses.clear()
    report = extract_corpus([sub], db)
    assert report.counts == dict(seen=1, added=0, changed=0, unchanged=1, removed=1, failed=0)
    assert dict(rows(db, "SELECT source, id FROM documents")) == {s: i for s, i in before.items() if s != "pdf/other.txt"}

    (folder / "letter.txt").write_text(LETTER.replace("117", "118"))
    report = extract_corpus([folder / "letter.txt"], db)
    assert (report.counts["changed"], report.counts["removed"]) == (1, 0)
    assert count_parses == ["letter.txt"]
    assert rows(db, "SELECT id FROM documents WHERE source = 'letter.txt'") == [(before["letter.txt"],)]


def test_a_folder_outside_the_first_input_is_a_root_of_its_own(folder, tmp_path):
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "note.txt").write_text(LETTER.replace("Smith", "Khan"))
    db = tmp_path / "foi.db"
    extract_corpus([folder], db)
    report = extract_corpus([other], db)
    assert (report.counts["added"], report.counts["removed"]) == (1, 0)
    assert {s for (s,) in rows(db, "SELECT source FROM documents")} == {"letter.txt", "moj.txt", "letter.pdf", "note.txt"}
