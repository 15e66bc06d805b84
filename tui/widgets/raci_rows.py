"""What the RACI grid is handed: its rows and columns, and how a role name fits a column."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

EMPTY = "·"
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
    words = [w if len(w) <= width else w[: width - 1] + "…" for w in name.split()]
    out: list[str] = []
    for word in words:
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        rest = " ".join(out[lines - 1 :])
        out = [*out[: lines - 1], rest[: width - 1] + "…"]
    return out + [""] * (lines - len(out))


def column_title(column: GridColumn, width: int, lines: int) -> list[str]:
    """The role's header lines, centred in its column (⚑ marks the executive sponsor)."""
    name = ("⚑" if column.sponsor else "") + column.name
    return [line.center(width)[:width] for line in header_lines(name, width, lines)]
