"""The `foi` command: a thin layer over the library (pipeline.run, pipeline.load, pipeline.query)."""
from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import click

from . import PIPELINE_VERSION, __version__

DEFAULT_DB = "extracted/foi.db"
DEFAULT_RAW = "raw"


def _db_option(f):
    return click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
                        help="The SQLite database.")(f)


def _open_existing(db_path: str):
    from . import load

    if not Path(db_path).exists():
        raise click.UsageError(f"No database at {db_path}: run `foi extract` (or `make extract`) first.")
    return load.open_db(db_path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, message=f"%(prog)s %(version)s (pipeline {PIPELINE_VERSION})")
def cli():
    """Turn FOI paperwork (PDF letters, WhatDoTheyKnow pages, Word/Excel files, Weebly pages)
    into a queryable SQLite database."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@_db_option
@click.option("--force", is_flag=True, help="Re-extract every document, changed or not.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Processes to extract with.")
@click.option("--progress/--no-progress", default=None, help="Show a progress bar (default: when on a terminal).")
def extract(paths, db_path, force, workers, progress):
    """Extract PATHS (files or folders; default raw/) into the database.

    Only new and changed files are processed; removed files' rows are deleted.
    Exit code 0 when every document was processed, 1 when some failed (they are
    listed in the `errors` table; the others are loaded).
    """
    from .run import extract_corpus

    inputs = [Path(p) for p in paths] or [Path(DEFAULT_RAW)]
    if not paths and not inputs[0].is_dir():
        raise click.UsageError(f"No {DEFAULT_RAW}/ folder here: name the files or folders to extract.")
    report = extract_corpus(inputs, Path(db_path), force=force, workers=workers, progress=progress)
    c = report.counts
    click.echo(
        f"run {report.run_id}: {c['seen']} seen, {c['added']} added, {c['changed']} changed, "
        f"{c['unchanged']} unchanged, {c['removed']} removed, {c['failed']} failed "
        f"in {report.seconds:.1f}s -> {db_path}"
    )
    for source, error_type, message in report.errors:
        click.echo(f"  FAILED {source} [{error_type}]: {message}", err=True)
    sys.exit(1 if report.failed else 0)


@cli.command()
@_db_option
@click.option("--runs", "n_runs", default=5, show_default=True, type=click.IntRange(min=1),
              help="How many recent runs to show.")
def status(db_path, n_runs):
    """What the last runs did: counts, failures, and what the database holds."""
    from .query import status_report

    click.echo(status_report(_open_existing(db_path), n_runs))


@cli.command()
@click.argument("sql")
@_db_option
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON.")
@click.option("-p", "--param", "params", multiple=True, help="A parameter for ? placeholders (repeatable).")
def query(sql, db_path, as_json, params):
    """Run a read-only SQL query and print the rows."""
    from .query import format_rows, run_query

    if not Path(db_path).exists():
        raise click.UsageError(f"No database at {db_path}: run `foi extract` (or `make extract`) first.")
    try:
        rows = run_query(db_path, sql, list(params))
    except Exception as e:
        raise click.UsageError(f"SQL error: {e}")
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False) if as_json else format_rows(rows))


@cli.command()
@click.argument("words", nargs=-1, required=True)
@_db_option
@click.option("--limit", default=20, show_default=True)
@click.option("--qa", is_flag=True, help="Search questions and answers instead of whole documents.")
def search(words, db_path, limit, qa):
    """Full-text search (FTS5) over documents, or over questions and answers with --qa."""
    from .query import search as do_search

    db = _open_existing(db_path)
    try:
        hits = do_search(db, " ".join(words), limit=limit, qa=qa)
    except Exception as e:
        raise click.UsageError(f"Bad search expression: {e}")
    if not hits:
        click.echo("no matches")
    for hit in hits:
        click.echo(hit)


@cli.command()
@click.argument("doc_id")
@_db_option
@click.option("--text", "with_text", is_flag=True, help="Also print the document's full text.")
def show(doc_id, db_path, with_text):
    """One document and everything extracted from it (DOC_ID: an id, a source path, or part of one)."""
    from .query import find_documents, show_document

    db = _open_existing(db_path)
    found = find_documents(db, doc_id)
    if not found:
        raise click.UsageError(f"No document matches {doc_id!r} (try `foi query \"select id, source from documents\"`).")
    if len(found) > 1:
        listed = "\n".join(f"  {d['id']}  {d['source']}" for d in found)
        raise click.UsageError(f"{doc_id!r} matches several documents; name one by id or source:\n{listed}")
    click.echo(show_document(db, found[0], with_text=with_text))


@cli.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(["csv", "json", "jsonl"]), default="csv", show_default=True)
@click.option("--table", "tables", multiple=True, help="Table to export (repeatable; default: all). With several, "
              "--output names a folder.")
@click.option("--where", help="SQL condition to filter rows, e.g. \"authority = 'Ministry of Justice'\".")
@click.option("--output", "-o", type=click.Path(), help="File (one table) or folder (several); default: standard output.")
def export(db_path, fmt, tables, where, output):
    """Export tables as CSV, JSON or JSON Lines, for use in other tools.

    With no --table, every table is exported; a --where condition then applies to the tables that have
    its columns, and the others are left out (and named).
    """
    from .export import iter_rows, table_columns, table_names, where_applies, write_rows

    _open_existing(db_path)
    known = table_names(db_path)
    unknown = [t for t in tables if t not in known]
    if unknown:
        raise click.UsageError(f"No table {', '.join(unknown)}; tables: {', '.join(known)}")
    named = bool(tables)
    tables = list(tables) or known
    try:
        if where:
            fits = [t for t in tables if where_applies(db_path, t, where)]
            misfits = [t for t in tables if t not in fits]
            if not fits or (named and misfits):
                raise click.UsageError(f"--where names a column that {', '.join(misfits)} does not have.")
            if misfits:
                click.echo(f"--where does not apply to {', '.join(misfits)}: left out", err=True)
            tables = fits
        if len(tables) > 1 and not output:
            raise click.UsageError("Several tables need --output FOLDER (or name one --table).")
        if len(tables) == 1 and not (output and Path(output).is_dir()):
            rows = iter_rows(db_path, tables[0], where)
            if output:
                with open(output, "w", newline="", encoding="utf-8") as out:
                    n = write_rows(rows, fmt, out, table_columns(db_path, tables[0]))
                click.echo(f"{n} rows of {tables[0]} -> {output}", err=True)
            else:
                write_rows(rows, fmt, sys.stdout, table_columns(db_path, tables[0]))
            return
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        for table in tables:
            path = folder / f"{table}.{fmt}"
            with open(path, "w", newline="", encoding="utf-8") as out:
                n = write_rows(iter_rows(db_path, table, where), fmt, out, table_columns(db_path, table))
            click.echo(f"{n} rows of {table} -> {path}", err=True)
    except sqlite3.Error as e:
        raise click.UsageError(f"SQL error: {e}")


@cli.command()
@click.option("--sources", type=click.Path(dir_okay=False), default=f"{DEFAULT_RAW}/sources.toml", show_default=True,
              help="The list of URLs to fetch (TOML; see README).")
@click.option("--raw", "raw_dir", type=click.Path(file_okay=False), default=DEFAULT_RAW, show_default=True,
              help="Where to save what is fetched.")
@click.option("--delay", type=float, help="Seconds between two requests to one host (default 1, or as in the sources file).")
@click.option("--limit", type=int, help="At most this many requests in this run (default 500).")
def fetch(sources, raw_dir, delay, limit):
    """Download the sources listed in raw/sources.toml into raw/: WhatDoTheyKnow requests with their
    attachments, and Weebly sites.

    Polite by default (robots.txt, one request per second per host, retries with backoff on 429/5xx),
    cached with conditional requests, and a file is rewritten only when its content changed, so the
    next `foi extract` reprocesses only what changed. Exit code 1 when some URLs failed.
    """
    from .fetch import fetch_sources

    try:
        report = fetch_sources(Path(sources), Path(raw_dir), delay=delay, limit=limit)
    except ValueError as e:
        raise click.UsageError(str(e))
    click.echo(f"{report.fetched} fetched, {report.written} written (new or changed), {report.unchanged} unchanged, "
               f"{len(report.failed)} failed")
    if report.stopped:
        click.echo(f"stopped early: {report.stopped}", err=True)
    for url, reason in report.failed:
        click.echo(f"  FAILED {url}: {reason}", err=True)
    sys.exit(1 if report.failed else 0)


@cli.command()
@_db_option
@click.option("--raw", "raw_dir", type=click.Path(file_okay=False), default=DEFAULT_RAW, show_default=True,
              help="The input folder, served at /raw/ so rows link to their source files.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@click.option("--open", "open_browser", is_flag=True, help="Open a browser on the database.")
def serve(db_path, raw_dir, host, port, open_browser):
    """Browse the database in Datasette, with descriptions, facets, canned queries and links to sources.

    Needs the `explore` extra (`pip install -e '.[explore]'`; `make serve` installs it).
    """
    import shutil
    import subprocess

    from .explore import metadata

    _open_existing(db_path)
    datasette = shutil.which("datasette") or str(Path(sys.executable).with_name("datasette"))
    if not Path(datasette).exists():
        raise click.UsageError("Datasette is not installed: run `make serve`, or pip install -e '.[explore]'.")
    meta_path = Path(db_path).with_name(Path(db_path).stem + "-metadata.json")
    meta_path.write_text(json.dumps(metadata(Path(db_path).stem), indent=1), encoding="utf-8")
    cmd = [datasette, "serve", str(db_path), "--metadata", str(meta_path), "--host", host, "--port", str(port),
           "--setting", "sql_time_limit_ms", "5000"]
    if Path(raw_dir).is_dir():
        cmd += ["--static", f"raw:{raw_dir}"]
    if open_browser:
        cmd.append("--open")
    click.echo(f"Datasette on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    sys.exit(subprocess.call(cmd))


def main():
    cli()


if __name__ == "__main__":
    main()
