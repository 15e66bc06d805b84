"""HTML: the same document as one self-contained, printable file; every text autoescaped."""

from __future__ import annotations

from store.reports.document import Document
from store.reports.svg import chart
from store.reports.templating import environment


def render(document: Document) -> str:
    """The document as one HTML file: no script, no external file, font or image."""
    template = environment(html=True).get_template("document.html.j2")
    return template.render(doc=document, chart=chart).rstrip() + "\n"
