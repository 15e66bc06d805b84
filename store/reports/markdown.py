"""Markdown: the document as plain text a reviewer reads top to bottom, or in any viewer."""

from __future__ import annotations

import re
from dataclasses import replace

from store.reports.document import Block, Bullets, Document, Facts, Point, Section, Table, Text
from store.reports.templating import environment

_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
_BLOCK_START = re.compile(r"^([#>+=-]|\d+(?=[.)](\s|$)))")
_BREAKS = re.compile(r"\s*\n\s*")


def escape(text: str) -> str:
    """Text that Markdown shows as typed: no markup, no HTML, no table break, one line."""
    return _INLINE.sub(r"\\\1", _BREAKS.sub(" ", text.strip()))


def escape_start(text: str) -> str:
    """Like ``escape``, for text that begins a line: no heading, quote or list either."""
    escaped = escape(text)
    match = _BLOCK_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():  # "1. " starts a list: escape the dot, not the digits
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def escape_prose(text: str) -> str:
    """Like ``escape_start``, keeping the blank lines that separate paragraphs."""
    parts = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(escape_start(part) for part in parts if part.strip())


def render(document: Document) -> str:
    """The document as Markdown."""
    safe = replace(
        document,
        title=escape(document.title),
        subtitle=tuple(escape_start(line) for line in document.subtitle),
        sections=tuple(_section(s) for s in document.sections),
    )
    text = environment(html=False).get_template("document.md.j2").render(doc=safe)
    return text.rstrip() + "\n"


def _section(section: Section) -> Section:
    return replace(
        section,
        title=escape(section.title),
        blocks=tuple(_block(b) for b in section.blocks),
        children=tuple(_section(s) for s in section.children),
    )


def _block(block: Block) -> Block:
    if isinstance(block, Text):
        return replace(block, text=escape_prose(block.text))
    if isinstance(block, Facts):
        return Facts(tuple((escape(k), escape(v)) for k, v in block.pairs))
    if isinstance(block, Bullets):
        return Bullets(tuple(escape_start(item) for item in block.items))
    if isinstance(block, Table):
        return Table(
            tuple(escape(cell) for cell in block.header),
            tuple(tuple(escape(cell) or " " for cell in row) for row in block.rows),
            escape(block.caption),
        )
    return replace(
        block,
        title=escape(block.title),
        unit=escape(block.unit),
        points=tuple(Point(p.period, p.value, escape(p.shown)) for p in block.points),
        thresholds=tuple((escape(label), value) for label, value in block.thresholds),
    )
