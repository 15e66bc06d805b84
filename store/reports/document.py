"""The document every report format renders: sections of plain blocks, already in words.

Gathering builds one ``Document`` from a plan; the Markdown and HTML templates only lay
it out, so both formats carry the same content and no template reads the plan itself.
Every figure a block holds has been through small-group suppression already.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar


@dataclass(frozen=True)
class Text:
    """A paragraph; ``tone`` marks a note or an alert (also said in words)."""

    kind: ClassVar[str] = "text"
    text: str
    tone: str = ""


@dataclass(frozen=True)
class Facts:
    """Label and value pairs, one per line."""

    kind: ClassVar[str] = "facts"
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Bullets:
    """A plain list."""

    kind: ClassVar[str] = "bullets"
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``caption`` names it."""

    kind: ClassVar[str] = "table"
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Point:
    """One period of a trend: its value, or None for a gap and the reason."""

    period: str
    value: float | None
    shown: str
    """The value as text, or the words that replace it."""


@dataclass(frozen=True)
class Trend:
    """A metric's whole-population values over time; gaps where a value is suppressed."""

    kind: ClassVar[str] = "trend"
    title: str
    unit: str
    points: tuple[Point, ...]
    thresholds: tuple[tuple[str, float], ...] = ()
    """(condition in words, threshold) lines to draw."""


Block = Text | Facts | Bullets | Table | Trend


@dataclass(frozen=True)
class Section:
    """A titled part of the document; ``children`` are its subsections."""

    title: str
    blocks: tuple[Block, ...] = ()
    children: tuple[Section, ...] = ()
    anchor: str = ""


@dataclass(frozen=True)
class Document:
    """A whole report: title, a few lines under it, and its sections in reading order."""

    kind: str
    """``report`` or ``notice``: the templates style them apart."""
    title: str
    subtitle: tuple[str, ...]
    sections: tuple[Section, ...]
    gaps: tuple[str, ...] = field(default=())
    """What the plan lacks for this document, said to the person exporting it."""


def table_or(
    header: tuple[str, ...], rows: Sequence[tuple[str, ...]], words: str, caption: str = ""
) -> Block:
    """The table, or ``words`` saying there is nothing to show."""
    return Table(header, tuple(rows), caption) if rows else Text(words)
