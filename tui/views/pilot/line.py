"""One line of the Pilot tab's list, and the marks it shows (no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.enums import PilotStatus
from schemas.rules.places import Place
from tui import glyphs
from tui.widgets.columns import Column
from tui.widgets.marks import MARK_STYLES

GOOD, BAD, NEEDED, DOT = glyphs.OK, glyphs.BLOCKING, glyphs.WARNING, glyphs.DOT
"""Row marks: given, blocks, still needed (a word in the status column too); the head's separator."""

OPEN = (PilotStatus.DESIGN, PilotStatus.RUNNING)
"""A pilot in these is the one the tab works on; the others are read-only."""


@dataclass(frozen=True)
class Row:
    """One line of the list, what the panel says about it, and what enter does on it."""

    mark: str
    """✓ given, ✗ blocks, ! still needed; empty for a plain line."""
    section: str
    """Blocks, Design, Legal, Stop, Success, Training or Earlier."""
    what: str
    """The line's text."""
    value: str
    """A figure, or where it is fixed."""
    status: str
    """The status in words."""
    detail: str
    """What the panel below says."""
    kind: str = ""
    """What enter edits: design, jurisdiction, condition, training; refusal goes to its place."""
    record: str = ""
    """The id of the record the line is about."""
    entity: str = ""
    """``table/id`` of the record, for a finding to select it."""
    place: Place | None = None
    """Where a refusal is fixed."""

    def cells(self) -> tuple[str, ...]:
        """The row as the list shows it."""
        return (self.mark, self.section, self.what, self.value, self.status)


def columns() -> list[Column]:
    """The list's columns; the text takes what 80 columns leave."""
    styles = {**MARK_STYLES, **dict.fromkeys((GOOD.unicode, GOOD.ascii), "line-table--good")}
    return [
        Column("", 1, styles=styles),
        Column("Section", 8),
        Column("Pilot, conditions, training", 20, flex=1),
        Column("Value / where", 16),
        Column("Status", 13),
    ]
