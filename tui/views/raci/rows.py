"""What the RACI grid is handed (its rows and columns) and the plain text of its lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui import glyphs
from tui.words import cut

EMPTY = glyphs.DOT
"""What an empty cell shows."""


@dataclass(frozen=True)
class GridRow:
    """One activity as the grid shows it."""

    id: str
    """The activity's record id."""
    name: str
    """The activity's name."""
    cells: Mapping[str, str] = field(default_factory=dict)
    """Role id to letter; absent means empty."""
    problem: str = ""
    """What is wrong with the row in words; empty when it is valid."""
    decision: bool = False
    """True for the decision to expand or stop (marked ⚑)."""
    mark: str = ""
    """The symbol of the row's most serious finding (``tui.words.SEVERITY``); empty when valid."""


@dataclass(frozen=True)
class GridColumn:
    """One role as the grid shows it."""

    id: str
    """The role's record id."""
    name: str
    """The role's name."""
    sponsor: bool = False
    """True for the executive sponsor (marked ⚑)."""


def header_lines(name: str, width: int, lines: int = 2) -> list[str]:
    """A role name folded into ``lines`` lines of ``width``; words too long end in '…'."""
    words = [cut(w, width) for w in name.split()]
    out: list[str] = []
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        rest = " ".join(out[lines - 1 :])
        out = [*out[: lines - 1], cut(rest, width)]
    return out + [""] * (lines - len(out))


def column_title(column: GridColumn, width: int, lines: int) -> list[str]:
    """The role's header lines, centred in its column (⚑ marks the executive sponsor)."""
    name = (str(glyphs.SPONSOR) if column.sponsor else "") + column.name
    return [line.center(width)[:width] for line in header_lines(name, width, lines)]


def row_name(row: GridRow, limit: int) -> str:
    """The activity's name (⚑ for the decision) cut to ``limit`` cells with '…'."""
    name = (f"{glyphs.SPONSOR} " if row.decision else "") + row.name
    return cut(name, limit)


def row_cells(row: GridRow, columns: Sequence[GridColumn], cell_width: int, cursor: int | None) -> str:
    """The letters of ``columns`` (a slice of the grid's), each centred in ``cell_width``.

    The cell at index ``cursor`` of the slice is bracketed, ``[A]`` or ``[A/R]``; an empty
    cell shows ``·``.
    """
    parts = []
    for index, column in enumerate(columns):
        letter = row.cells.get(column.id) or str(EMPTY)
        inner = f"[{letter}]" if index == cursor else f" {letter} "
        left = (cell_width - len(inner)) // 2
        parts.append(" " * left + inner + " " * (cell_width - len(inner) - left))
    return "".join(parts)


def page_start(cursor: int, start: int, size: int, keep: int) -> int:
    """Where a window of ``size`` items that shows ``cursor`` starts, given it starts at ``start``.

    Unchanged while the cursor is in it; otherwise a page is turned that keeps ``keep``
    items of the old page in sight (less in a window too small for that).
    """
    if cursor < start:
        return cursor - size + min(keep + 1, size)
    if cursor >= start + size:
        return cursor - min(keep, size - 1)
    return start


def shown_words(what: str, first: int, end: int, total: int, room: int = 0) -> str:
    """'Roles 2-7 of 8': items ``first`` to ``end`` (exclusive, 0-based) of ``total`` are shown.

    Within ``room`` cells (when given) the word gives way before a number does: '2-7 of 8'.
    """
    end = min(end, total)
    numbers = f"{min(first + 1, end)}-{end} of {total}"
    words = f"{what} {numbers}"
    return words if not room or len(words) <= room else numbers
