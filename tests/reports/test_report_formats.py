"""Markdown and HTML lay out one document: every text of it reaches both files."""

from __future__ import annotations

import html as html_text
from collections.abc import Iterator

from planbuild import example
from reportkit import with_small_groups

from store.reports import html, markdown, source_of
from store.reports.content import governance_document
from store.reports.document import Bullets, Facts, Section, Table, Text, Trend


def _texts(section: Section) -> Iterator[str]:
    """Every string a reader must find in a section, its subsections included."""
    yield section.title
    for block in section.blocks:
        if isinstance(block, Text):
            yield from (line for line in block.text.split("\n") if line.strip())
        elif isinstance(block, Facts):
            yield from (part for pair in block.pairs for part in pair)
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Table):
            yield from (cell for row in (block.header, *block.rows) for cell in row if cell)
        elif isinstance(block, Trend):
            yield block.title
            yield from (f"{p.period} {p.shown}" for p in block.points)
    for child in section.children:
        yield from _texts(child)


def test_every_text_of_the_document_is_in_the_markdown_and_the_html() -> None:
    document = governance_document(source_of(with_small_groups(example())))
    as_markdown, as_html = markdown.render(document), html_text.unescape(html.render(document))
    texts = [text for section in document.sections for text in _texts(section)]
    assert len(texts) > 500
    for text in texts:
        assert markdown.escape(text) in as_markdown, text
        assert text in as_html, text
