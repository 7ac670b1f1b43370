"""foi-extract: turn Freedom of Information paperwork into a queryable SQLite database.

Stages, one module (or sub-package) each:

    discover -> parse -> detect -> extract -> normalise -> nlp -> load

`pipeline.run.extract_corpus` drives them; `pipeline.process.process_file` is the
pure per-document function (a file in, an `Extraction` of records out).
"""

__version__ = "0.1.0"

# Bump when a change to extraction should re-extract every stored document.
PIPELINE_VERSION = "2026.12.01-2"
