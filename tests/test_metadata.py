"""The Datasette metadata: a description for every table and column the database has, facets on real
columns, documented values that match the code's, and canned queries that run on the shipped samples."""
from __future__ import annotations

import asyncio
import csv
import sqlite3

import pytest

from pipeline import load
from pipeline.explore.metadata import QUERIES, metadata
from pipeline.extract.wdtk import STATE_OUTCOMES
from pipeline.run import extract_corpus

from conftest import ROOT, SAMPLES

# The storage tables SQLite keeps behind an FTS virtual table (Datasette hides them; they hold no user data).
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content", "_segments", "_segdir", "_stat")


def described_tables(database: str = "foi") -> dict[str, dict]:
    return metadata(database)["databases"][database]["tables"]


def user_tables(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """table -> columns, for every table a user can browse: SQLite's own tables and FTS storage tables excluded."""
    rows = conn.execute("select name, sql from sqlite_master where type = 'table'").fetchall()
    virtual = [name for name, sql in rows if sql and sql.upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = {v + suffix for v in virtual for suffix in FTS_SHADOW_SUFFIXES}
    names = [name for name, _ in rows if not name.startswith("sqlite_") and name not in shadows]
    return {name: [r[1] for r in conn.execute(f"pragma table_info([{name}])")] for name in names}


def undocumented(tables: dict[str, list[str]], described: dict[str, dict]) -> list[str]:
    """`table` or `table.column` for each table or column without a non-empty description."""
    missing = []
    for table, columns in tables.items():
        doc = described.get(table) or {}
        if not (doc.get("description") or "").strip() or not (doc.get("source") or "").strip():
            missing.append(table)
        missing += [f"{table}.{c}" for c in columns if not (doc.get("columns", {}).get(c) or "").strip()]
    return missing


@pytest.fixture(scope="module")
def empty_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("empty") / "foi.db"
    load.open_db(path).close()
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("samples") / "foi.db"
    report = extract_corpus([SAMPLES], path, progress=False)
    assert report.counts["added"] > 0
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    yield path, conn
    conn.close()


def test_the_check_names_what_is_missing():
    described = {"t": {"description": "A table.", "source": "here", "columns": {"a": "A column.", "b": " "}}}
    assert undocumented({"t": ["a", "b", "c"], "u": ["x"]}, described) == ["t.b", "t.c", "u", "u.x"]


def test_every_column_of_the_schema_has_a_description():
    tables = {name: list(columns) for name, (columns, _) in load.SCHEMA.items()}
    assert undocumented(tables, described_tables()) == []


def test_every_table_of_a_new_database_has_a_description(empty_db):
    tables = user_tables(empty_db)
    assert {"documents", "documents_fts", "qa_pairs_fts"} <= set(tables)
    assert undocumented(tables, described_tables()) == []


def test_no_description_names_a_table_or_column_the_database_lacks(empty_db):
    tables = user_tables(empty_db)
    stale = [f"{t}.{c}" for t, doc in described_tables().items() for c in doc["columns"] if c not in tables.get(t, [])]
    assert stale == []


def test_facets_are_columns_of_their_table(empty_db):
    tables = user_tables(empty_db)
    wrong = [f"{t}.{f}" for t, doc in described_tables().items() for f in doc.get("facets", []) if f not in tables[t]]
    assert wrong == []


def test_documented_values_include_every_value_the_reference_data_gives():
    """exemptions.kind / decision / legislation come from exemptions.csv and documents.outcome from
    WhatDoTheyKnow's states: each value they can take is named in the column's description."""
    with open(ROOT / "pipeline/data/exemptions.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    columns = described_tables()["exemptions"]["columns"]
    for column in ("kind", "decision", "legislation"):
        values = {r[column] for r in rows}
        assert values and all(v in columns[column] for v in values), (column, values)
    outcomes = {o for o in STATE_OUTCOMES.values() if o}
    assert all(o in described_tables()["documents"]["columns"]["outcome"] for o in outcomes)


def rows_of(conn: sqlite3.Connection, query: str) -> list[sqlite3.Row]:
    return conn.execute(QUERIES[query]["sql"]).fetchall()


def scalar(conn: sqlite3.Connection, sql: str):
    return conn.execute(sql).fetchone()[0]


def test_every_canned_query_runs_and_returns_rows_on_the_samples(samples_db):
    _, conn = samples_db
    for name in QUERIES:
        assert rows_of(conn, name), name


def test_canned_queries_count_what_their_titles_say(samples_db):
    _, conn = samples_db
    by_authority = rows_of(conn, "exemptions_by_authority")
    assert sum(r["times"] for r in by_authority) == scalar(conn, "select count(*) from exemptions")

    withheld = rows_of(conn, "questions_withheld_or_not_held")
    assert len(withheld) == scalar(conn, "select count(*) from qa_pairs where answer_status in "
                                         "('withheld', 'partly_withheld', 'refused', 'not_held')")
    assert any(r["exemptions"] for r in withheld)

    not_adding_up = rows_of(conn, "tables_not_adding_up")
    assert len(not_adding_up) == scalar(conn, "select count(*) from extracted_tables where total_check = 'mismatch'")

    by_category = rows_of(conn, "programmes_by_category")
    assert sum(r["programmes"] for r in by_category) == scalar(conn, "select count(*) from programmes")

    last_run = rows_of(conn, "last_run_changes")
    assert {r["source"] for r in last_run if r["what"] == "document"} == {
        r[0] for r in conn.execute("select source from documents")}


def test_datasette_shows_the_descriptions_and_runs_the_canned_queries(samples_db):
    """The metadata as `foi serve` hands it to Datasette: every column's description is on its table's
    page, and every canned query answers with rows."""
    datasette_app = pytest.importorskip("datasette.app", reason="Datasette (the explore extra) is not installed")
    from markupsafe import escape  # Datasette's templates escape with it

    path, _ = samples_db
    ds = datasette_app.Datasette(files=[str(path)], metadata=metadata(path.stem))

    async def fetch(url: str):
        return await ds.client.get(url)

    for table, doc in described_tables(path.stem).items():
        page = asyncio.run(fetch(f"/{path.stem}/{table}?_size=1"))
        assert page.status_code == 200, table
        missing = [c for c, text in doc["columns"].items() if str(escape(text)) not in page.text]
        assert missing == [], table
    for name in QUERIES:
        answer = asyncio.run(fetch(f"/{path.stem}/{name}.json?_shape=array"))
        assert answer.status_code == 200 and answer.json(), name
