"""The per-document work: one file in, one `Extraction` (or one error) out.

`process_file` is a pure function of the file's bytes, so it runs the same in
this process, in a process pool (`--workers N`), or under a distributed engine;
only the load stage writes to SQLite.
"""
from __future__ import annotations

import hashlib
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DocumentError
from .extract import extract
from .model import Extraction
from .parse import parse_file


def document_id(source: str) -> str:
    """A stable id for a source path or URL: the same source always gives the same id."""
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]


@dataclass
class Outcome:
    source: str
    extraction: Extraction | None = None
    error: DocumentError | None = None
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage


def process_file(path: Path, source: str, with_nlp: bool = True) -> Outcome:
    """Parse, extract and find entities in one file; never raises."""
    out = Outcome(source=source)
    stage = "parse"
    try:
        t0 = time.perf_counter()
        parsed = parse_file(Path(path), source)
        t1 = time.perf_counter()
        stage = "extract"
        x = extract(parsed)
        t2 = time.perf_counter()
        stage = "nlp"
        if with_nlp:
            # Imported here, not at the top: loading spaCy costs most of a second, which a
            # re-run with nothing changed (no document processed) should not pay.
            from .nlp import find_entities

            x.entities = find_entities(parsed.text)
        t3 = time.perf_counter()
        out.extraction = x
        out.seconds = {"parse": t1 - t0, "extract": t2 - t1, "nlp": t3 - t2}
    except DocumentError as e:
        out.error = e
    except MemoryError:
        out.error = DocumentError("too_large", "The file is too large to process in memory.", stage)
    except Exception as e:  # one bad file never stops a run
        where = traceback.extract_tb(e.__traceback__)[-1]
        out.error = DocumentError(
            type(e).__name__,
            f"Unexpected {type(e).__name__} in the {stage} stage: {e} "
            f"(at {Path(where.filename).name}:{where.lineno}). This is a bug: please report it with the file.",
            stage,
        )
    return out
