"""Columns of a line-based table: their widths at a given table width, and cells cut to fit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rich.cells import set_cell_size

from tui.words import cut


@dataclass(frozen=True)
class Column:
    """One column: its title and how wide it may be."""

    title: str
    """The header text."""
    width: int
    """Cells wide; for a flexible column the least it gets."""
    flex: int = 0
    """Share of the width left over (0: fixed width)."""
    styles: dict[str, str] = field(default_factory=dict)
    """Cell text -> component class that styles it (a symbol's colour; the symbol stays)."""


def cell(text: str, width: int) -> str:
    """``text`` cut or padded to exactly ``width`` cells; a cut ends with an ellipsis."""
    return set_cell_size(cut(text, width), max(0, width))


FLOOR = 5
"""The narrowest a flexible column gets before a table gives up the width it lacks: 'Qual…'."""


def column_widths(columns: Sequence[Column], width: int) -> list[int]:
    """Each column's width for a table ``width`` cells wide (one space between columns).

    Flexible columns share what is left over; when the table is narrower than the columns'
    least widths, flexible columns give up width in proportion down to ``FLOOR`` each, so a
    narrow terminal shows every column, each cut with an ellipsis, rather than losing one.
    """
    fixed = sum(c.width for c in columns) + len(columns) + 1  # + the cursor mark and the gaps
    spare = width - fixed
    shares = sum(c.flex for c in columns)
    if spare < 0 and shares:
        return _squeezed(columns, -spare)
    widths = [c.width + (spare * c.flex // shares if shares else 0) for c in columns]
    if shares:  # give the rounding remainder to the last flexible column
        last = max(i for i, c in enumerate(columns) if c.flex)
        widths[last] += spare - sum(w - c.width for w, c in zip(widths, columns, strict=True))
    return widths


def _squeezed(columns: Sequence[Column], lacking: int) -> list[int]:
    """The least widths with ``lacking`` cells taken from the flexible columns, in proportion."""
    give = [max(0, c.width - min(c.width, FLOOR)) if c.flex else 0 for c in columns]
    room = sum(give)
    lacking = min(lacking, room)
    take = [lacking * g // room if room else 0 for g in give]
    for index in sorted(range(len(columns)), key=lambda i: -give[i]):  # the remainder, widest first
        if sum(take) < lacking and take[index] < give[index]:
            take[index] += 1
    return [c.width - t for c, t in zip(columns, take, strict=True)]
