"""Datasette plugin: link each row back to its source file, at the right page for PDFs.

The input folder is mounted at /raw/ by `foi serve`; `documents.source` cells
become links to the file, and `page` cells of rows with a `document_id` link to
that page of the PDF (browsers' PDF viewers understand `#page=N`).
"""
from urllib.parse import quote

from datasette import hookimpl
from markupsafe import Markup, escape


def _link(source: str, page=None, label=None) -> Markup:
    href = "/raw/" + quote(source) + (f"#page={int(page)}" if page else "")
    return Markup(f'<a href="{escape(href)}">{escape(label if label is not None else source)}</a>')


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if value is None:
        return None
    if column == "source" and table in ("documents", "errors") and not str(value).startswith("http"):
        return _link(str(value))
    if column == "page" and row is not None and "document_id" in row.keys():

        async def page_link():
            db = datasette.get_database(database)
            result = await db.execute("select source, format from documents where id = ?", [row["document_id"]])
            first = result.first()
            if first is None or first["format"] != "pdf":
                return None
            return _link(first["source"], value, label=f"p.{value}")

        return page_link
    return None
