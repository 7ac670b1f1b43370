"""Export tables for use elsewhere: CSV, JSON or JSON Lines, streamed row by row."""
from __future__ import annotations

import csv
import json
import sqlite3
from typing import IO, Iterator

FORMATS = ("csv", "json", "jsonl")


def table_names(db_path: str) -> list[str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE '%_fts%' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    finally:
        conn.close()


def table_columns(db_path: str, table: str) -> list[str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
    finally:
        conn.close()


def where_applies(db_path: str, table: str, where: str) -> bool:
    """Whether the SQL condition `where` can filter `table` (names only columns it has); raises on bad SQL."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        conn.execute(f"SELECT 1 FROM [{table}] WHERE {where} LIMIT 0")
        return True
    except sqlite3.OperationalError as e:
        if "no such column" in str(e):
            return False
        raise
    finally:
        conn.close()


def iter_rows(db_path: str, table: str, where: str | None = None) -> Iterator[dict]:
    """Rows of `table` (optionally filtered by a SQL `where` clause), from a read-only connection."""
    if table not in table_names(db_path):
        raise ValueError(f"no table named {table!r}")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        sql = f"SELECT * FROM [{table}]" + (f" WHERE {where}" if where else "")
        for row in conn.execute(sql):
            yield dict(row)
    finally:
        conn.close()


def write_rows(rows: Iterator[dict], fmt: str, out: IO[str], columns: list[str] | None = None) -> int:
    """Write rows to `out` in `fmt` (a CSV file starts with `columns`, even with no rows); returns how many."""
    n = 0
    if fmt == "jsonl":
        for n, row in enumerate(rows, 1):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        out.write("[")
        for n, row in enumerate(rows, 1):
            out.write(("," if n > 1 else "") + "\n" + json.dumps(row, ensure_ascii=False))
        out.write("\n]\n")
    elif fmt == "csv":
        writer = None
        if columns:
            writer = csv.DictWriter(out, fieldnames=columns)
            writer.writeheader()
        for n, row in enumerate(rows, 1):
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
    else:
        raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    return n
