"""The `foi` command: every subcommand on a small database, and the exit codes of the contract."""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from pipeline.cli import cli

from conftest import SAMPLES


@pytest.fixture
def corpus(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(SAMPLES / "seed/moj-foi-200612017-attachment.txt", raw / "moj.txt")
    db = tmp_path / "foi.db"
    result = CliRunner().invoke(cli, ["extract", str(raw), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return raw, db


def test_every_command_has_help():
    for command in ("extract", "status", "query", "search", "show"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output, command


def test_extract_reports_counts_and_a_rerun_changes_nothing(corpus):
    raw, db = corpus
    result = CliRunner().invoke(cli, ["extract", str(raw), "--db", str(db)])
    assert result.exit_code == 0
    assert "1 seen, 0 added, 0 changed, 1 unchanged, 0 removed, 0 failed" in result.output


def test_extract_exits_1_when_a_document_fails(corpus):
    raw, db = corpus
    (raw / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    result = CliRunner().invoke(cli, ["extract", str(raw), "--db", str(db)])
    assert result.exit_code == 1
    assert "broken.pdf" in result.output and "1 failed" in result.output


def test_usage_errors_exit_2(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["extract", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(cli, ["query", "select 1", "--db", str(tmp_path / "none.db")]).exit_code == 2
    assert runner.invoke(cli, ["frobnicate"]).exit_code == 2


def test_query_is_read_only_and_prints_rows(corpus):
    _, db = corpus
    runner = CliRunner()
    result = runner.invoke(cli, ["query", "select reference, response_date from documents", "--db", str(db), "--json"])
    assert json.loads(result.output) == [{"reference": "200612017", "response_date": "2020-07-10"}]
    assert runner.invoke(cli, ["query", "delete from documents", "--db", str(db)]).exit_code == 2
    assert "200612017" in runner.invoke(cli, ["query", "select reference from documents", "--db", str(db)]).output


def test_search_finds_words_in_documents(corpus):
    _, db = corpus
    result = CliRunner().invoke(cli, ["search", "Healthy", "Identity", "--db", str(db)])
    assert "moj.txt" in result.output and "[Healthy]" in result.output
    assert CliRunner().invoke(cli, ["search", "zebracorn", "--db", str(db)]).output.strip() == "no matches"


def test_show_accepts_a_source_path_and_prints_the_metadata(corpus):
    _, db = corpus
    result = CliRunner().invoke(cli, ["show", "moj.txt", "--db", str(db)])
    assert result.exit_code == 0
    assert "authority: Ministry of Justice" in result.output
    assert "request_date: 2020-06-12" in result.output
    assert CliRunner().invoke(cli, ["show", "nothing-like-it", "--db", str(db)]).exit_code == 2


def test_status_lists_runs_and_failures(corpus):
    raw, db = corpus
    (raw / "empty.txt").write_bytes(b"")
    CliRunner().invoke(cli, ["extract", str(raw), "--db", str(db)])
    out = CliRunner().invoke(cli, ["status", "--db", str(db)]).output
    assert "run 2" in out and "run 1" in out
    assert "empty.txt [parse/empty_file, run 2]" in out
    # A later run over one other file does not hide the failure: the file still fails.
    (raw / "note.txt").write_text("Dear Sir,\nThe library opens at 9am.\n")
    CliRunner().invoke(cli, ["extract", str(raw / "note.txt"), "--db", str(db)])
    out = CliRunner().invoke(cli, ["status", "--db", str(db)]).output
    assert "run 3" in out and "files failing now: 1" in out and "empty.txt [parse/empty_file, run 2]" in out
    # Once it reads, it is no longer listed.
    (raw / "empty.txt").write_text("Dear Sir,\nThe museum opens at 10am.\n")
    CliRunner().invoke(cli, ["extract", str(raw), "--db", str(db)])
    assert "files failing now: none" in CliRunner().invoke(cli, ["status", "--db", str(db)]).output


def test_show_finds_a_document_by_its_path_on_disk_and_lists_ambiguous_matches(corpus):
    raw, db = corpus
    (raw / "moj-copy").mkdir()
    shutil.copy(raw / "moj.txt", raw / "moj-copy" / "moj.txt")
    CliRunner().invoke(cli, ["extract", str(raw), "--db", str(db)])
    for key in (str(raw / "moj-copy" / "moj.txt"), "moj-copy/moj.txt"):
        result = CliRunner().invoke(cli, ["show", key, "--db", str(db)])
        assert result.exit_code == 0 and result.output.splitlines()[0].endswith("  moj-copy/moj.txt"), key
    result = CliRunner().invoke(cli, ["show", "moj", "--db", str(db)])
    assert result.exit_code == 2 and "matches several documents" in result.output
    assert "  moj.txt" in result.output and "  moj-copy/moj.txt" in result.output


def test_show_gives_each_row_its_offsets_and_a_table_what_introduces_it(corpus):
    _, db = corpus
    out = CliRunner().invoke(cli, ["show", "moj.txt", "--db", str(db)]).output
    q3 = next(line for line in out.splitlines() if line.lstrip().startswith("Q3"))
    assert re.search(r"Q3 @\d+-\d+ \[partly_withheld\]", q3)
    table = out.splitlines().index(next(l for l in out.splitlines() if "[linearised, total ok]" in l))
    assert re.search(r"@\d+-\d+", out.splitlines()[table])
    assert out.splitlines()[table + 1].lstrip().startswith('preceded by: "')
    assert out.splitlines()[table + 1].rstrip().endswith('Unaccredited HII Completions: Custody & Community"')


def test_export_formats_and_filters(corpus, tmp_path):
    _, db = corpus
    runner = CliRunner()
    out = runner.invoke(cli, ["export", "--db", str(db), "--table", "documents", "--format", "jsonl",
                              "--where", "kind = 'foi_response'"]).output
    docs = [json.loads(line) for line in out.splitlines()]
    assert len(docs) == 1 and docs[0]["reference"] == "200612017"
    csv_out = runner.invoke(cli, ["export", "--db", str(db), "--table", "runs", "--format", "csv"]).output
    assert csv_out.splitlines()[0].startswith("id,started_at")
    folder = tmp_path / "export"
    result = runner.invoke(cli, ["export", "--db", str(db), "--format", "json", "-o", str(folder)])
    assert result.exit_code == 0
    assert json.loads((folder / "documents.json").read_text())[0]["source"] == "moj.txt"
    assert runner.invoke(cli, ["export", "--db", str(db), "--table", "nope"]).exit_code == 2
    assert runner.invoke(cli, ["export", "--db", str(db), "--table", "documents", "--where", "nonsense ="]).exit_code == 2


def test_export_of_every_table_with_a_condition_takes_the_tables_it_fits(corpus, tmp_path):
    _, db = corpus
    runner = CliRunner()
    doc_id = json.loads(runner.invoke(cli, ["query", "select id from documents", "--db", str(db), "--json"]).output)[0]["id"]
    folder = tmp_path / "one-document"
    result = runner.invoke(cli, ["export", "--db", str(db), "-o", str(folder), "--where", f"document_id = '{doc_id}'"])
    assert result.exit_code == 0, result.output
    written = {p.stem for p in folder.iterdir()}
    assert {"qa_pairs", "exemptions", "extracted_tables", "table_cells", "entities"} <= written
    assert not {"documents", "runs", "errors"} & written and "left out" in result.output
    # An empty table still gives a CSV header; a condition a named table cannot take is a usage error.
    assert (folder / "programmes.csv").read_text().startswith("id,document_id,name,")
    assert runner.invoke(cli, ["export", "--db", str(db), "--table", "runs", "--where", "document_id = 'x'"]).exit_code == 2
    everything = tmp_path / "everything"
    assert runner.invoke(cli, ["export", "--db", str(db), "-o", str(everything)]).exit_code == 0
    assert {"runs", "errors", "documents"} <= {p.stem for p in everything.iterdir()}


def test_status_lists_scanned_pages_that_could_not_be_read(tmp_path, monkeypatch):
    from reportlab.pdfgen import canvas

    from pipeline.parse import ocr

    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)  # no Tesseract
    raw = tmp_path / "raw"
    raw.mkdir()
    c = canvas.Canvas(str(raw / "letter.pdf"))
    c.drawString(72, 700, "Dear Sir, thank you for your request under the Freedom of Information Act 2000.")
    c.showPage()
    c.rect(100, 100, 300, 300, fill=1)  # page 2: an image only, as a scan is
    c.showPage()
    c.save()
    db = tmp_path / "foi.db"
    assert CliRunner().invoke(cli, ["extract", str(raw), "--db", str(db)]).exit_code == 0
    out = CliRunner().invoke(cli, ["status", "--db", str(db)]).output
    assert "letter.pdf: pages 2" in out and "make ocr-deps" in out
