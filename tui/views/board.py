"""A tab that is one board: two head lines, a list of lines, the selected line in full below it.

The Pilot (tab 7) and the Decision (tab 9) are boards. A board tab gives how its board is
read (the pure reading of the plan it shows) and the list's columns; this base composes
the head, the list and the panel, keeps the cursor across changes and shows the selected
line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Generic, Protocol, TypeVar

from textual.app import ComposeResult
from textual.containers import Vertical

from schemas.plan import Plan
from schemas.rules.base import Finding
from tui.session import PlanSession
from tui.views.base import PlanView
from tui.widgets.columns import Column
from tui.widgets.linetable import LineTable
from tui.widgets.oneline import OneLine
from tui.widgets.textpanel import TextPanel


class Line(Protocol):
    """One line of a board."""

    @property
    def detail(self) -> str:
        """The line in full, for the panel."""
        ...

    @property
    def entity(self) -> str:
        """The record it is about (``table/id``), or empty."""
        ...

    def cells(self) -> tuple[str, ...]:
        """Its cells, one per column."""
        ...


L = TypeVar("L", bound=Line)
L_co = TypeVar("L_co", bound=Line, covariant=True)


class Board(Protocol[L_co]):
    """What a board tab shows of one plan."""

    @property
    def rows(self) -> Sequence[L_co]:
        """The lines, in order."""
        ...

    def head(self) -> list[str]:
        """The two head lines."""
        ...


class BoardView(PlanView, Generic[L]):
    """Two head lines, the board's lines in a list, the selected line in full below.

    A board tab that reads more of its board than its lines declares the board's own type:
    ``board: PilotBoard``.
    """

    def __init__(
        self,
        session: PlanSession,
        columns: list[Column],
        read: Callable[[Plan, list[Finding], date], Board[L]],
        *,
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(session, id=id)
        self.read = read
        """How the board of a plan is read (given its findings and today)."""
        self.board: Board[L] = read(session.plan, [], session.today)
        """What the tab shows now."""
        self.table = LineTable(columns, on_move=self._moved, id=f"{self.TAB_ID}-table")
        """The board's lines."""
        self.panel = TextPanel(id=f"{self.TAB_ID}-detail")
        """The selected line in full."""

    def compose(self) -> ComposeResult:
        """The head lines, the list, the panel."""
        with Vertical(id=f"{self.TAB_ID}-head"):
            yield OneLine(id=f"{self.TAB_ID}-head-1")
            yield OneLine(id=f"{self.TAB_ID}-head-2")
        yield self.table
        yield self.panel

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render the head, the list (keeping the cursor) and the panel."""
        self.board = self.read(plan, findings, self.session.today)
        first, second = self.board.head()
        self.query_one(f"#{self.TAB_ID}-head-1", OneLine).update(first)
        self.query_one(f"#{self.TAB_ID}-head-2", OneLine).update(second)
        self.table.set_rows([row.cells() for row in self.board.rows])
        self._detail()

    @property
    def row(self) -> L | None:
        """The line under the cursor."""
        rows = self.board.rows
        return rows[self.table.cursor_row] if rows and self.table.cursor_row < len(rows) else None

    def _moved(self, _row: int, _column: int) -> None:
        """The cursor moved: show its line in full and the keys that apply to it."""
        self._detail()
        self.refresh_bindings()

    def _detail(self) -> None:
        """Show the selected line in full, with where it is in the list."""
        row = self.row
        where = f"  ({self.table.cursor_row + 1} of {len(self.board.rows)})" if row else ""
        self.panel.show_text(f"{row.detail}{where}" if row else "")

    def focus_default(self) -> None:
        """Focus the list."""
        self.table.focus()

    def focus_entity(self, entity: str) -> None:
        """Select the line about the record a finding points at."""
        at = next((i for i, row in enumerate(self.board.rows) if row.entity == entity), None)
        if at is not None:
            self.table.move_to(at)
        self.table.focus()
