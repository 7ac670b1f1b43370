"""Stage 4, extract: records from a parsed document, by kind.

`extract(doc)` detects the kind and hands the document to that kind's module;
each returns an `Extraction` (the document's metadata and all its records).
"""
from __future__ import annotations

from ..detect import detect_kind
from ..model import Extraction, ParsedDocument


def extract(doc: ParsedDocument) -> Extraction:
    kind = detect_kind(doc)
    if kind == "foi_request_thread":
        from . import wdtk

        return wdtk.extract(doc)
    if kind == "weebly_page":
        from . import weebly

        return weebly.extract(doc)
    if kind == "foi_response":
        from . import response

        return response.extract(doc)
    from . import other

    return other.extract(doc)
