"""Drive the stages over an input folder and keep the database in step with it.

A file whose content (sha256) and pipeline version match what is stored is not
parsed again; a changed file's rows are replaced atomically; a removed file's
rows are deleted; every run is recorded in `runs` and every failure in `errors`.
"""
from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from . import PIPELINE_VERSION, load
from .discover import SourceFile, discover
from .process import Outcome, document_id, process_file


@dataclass
class RunReport:
    run_id: int
    counts: dict[str, int]
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (source, error_type, message)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return self.counts["failed"]


def _process(args: tuple[Path, str]) -> Outcome:
    return process_file(*args)


def outcomes(files: list[SourceFile], workers: int):
    """Process files in order, in a pool when workers > 1, streaming results (never the whole corpus)."""
    jobs = [(f.path, f.source) for f in files]
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield _process(job)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_process, jobs, chunksize=1)


def locate(inp: Path, roots: list[Path]) -> tuple[Path, str | None]:
    """The folder `inp`'s sources are named relative to, and (for a folder) the prefix of the sources it holds.

    Sources are relative to the input folder the database was first built from
    (its input root), so that extracting a subfolder or a single file of it
    later gives the same sources, ids and rows, and removes nothing outside it.
    An input outside every known root is a root of its own.
    """
    inp = inp.resolve()
    known = [r for r in roots if r == inp or r in inp.parents]
    base = min(known, key=lambda r: len(r.parts)) if known else inp if inp.is_dir() else inp.parent
    if not inp.is_dir():
        return base, None
    rel = inp.relative_to(base).as_posix()
    return base, "" if rel == "." else rel + "/"


def extract_corpus(
    inputs: list[Path],
    db_path: Path,
    force: bool = False,
    workers: int = 1,
    progress: bool | None = None,
) -> RunReport:
    """Run every stage over `inputs` (folders or files) into the database at `db_path`."""
    started = time.perf_counter()
    db = load.open_db(db_path)
    run_id = load.start_run(db, ", ".join(str(p) for p in inputs), workers)
    files: list[SourceFile] = []
    covered: list[tuple[str, str]] = []  # (input root, source prefix) of each folder walked ("" = the whole root)
    roots = load.input_roots(db)
    for inp in inputs:
        base, prefix = locate(Path(inp), roots)
        if prefix == "" and base not in roots:
            load.add_input_root(db, base)
            roots.append(base)
        files.extend(discover(Path(inp), base))
        if prefix is not None:
            covered.append((str(base), prefix))
    stored = load.stored_documents(db)
    counts = dict(seen=len(files), added=0, changed=0, unchanged=0, removed=0, failed=0)
    todo = []
    for f in files:
        old = stored.get(f.source)
        if old and not force and old["content_sha256"] == f.sha256 and old["pipeline_version"] == PIPELINE_VERSION:
            counts["unchanged"] += 1
        else:
            todo.append(f)
    report = RunReport(run_id=run_id, counts=counts)
    by_source = {f.source: f for f in todo}
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(todo), desc="extracting", unit="doc", disable=not show or not todo)
    for out in outcomes(todo, workers):
        f = by_source[out.source]
        bar.update(1)
        for stage, secs in out.seconds.items():
            report.stage_seconds[stage] = report.stage_seconds.get(stage, 0.0) + secs
        if out.error is not None:
            counts["failed"] += 1
            report.errors.append((f.source, out.error.error_type, out.error.message))
            load.record_error(db, run_id, f.source, out.error.stage, out.error.error_type, out.error.message, f.sha256)
            continue
        t0 = time.perf_counter()
        rows = load.document_rows(document_id(f.source), f, out.extraction, run_id)
        load.replace_document(db, rows)
        report.stage_seconds["load"] = report.stage_seconds.get("load", 0.0) + time.perf_counter() - t0
        counts["changed" if f.source in stored else "added"] += 1
    bar.close()
    # A folder's run knows which of its files were removed; a file's run does not.
    seen = {f.source for f in files}
    gone = [r["id"] for s, r in stored.items()
            if s not in seen and any(r["input_root"] == root and s.startswith(prefix) for root, prefix in covered)]
    load.remove_documents(db, gone)
    counts["removed"] = len(gone)
    load.relink(db)
    report.seconds = time.perf_counter() - started
    load.finish_run(db, run_id, counts, report.seconds, report.stage_seconds)
    return report
