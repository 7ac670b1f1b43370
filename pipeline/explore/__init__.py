"""Exploring the database in Datasette: metadata (descriptions, facets, canned queries) and source links.

`foi serve` (and `make serve`) start Datasette with `metadata()` written to a
file, the input folder mounted at /raw/ so every row can link back to its
source file (and page, for PDFs), and the `source_links` plugin beside this file.
"""
from __future__ import annotations

from .metadata import metadata

__all__ = ["metadata"]
