"""A line-based RACI grid: activities by roles, one letter a cell, a cursor cell to edit.

Activity names stay in a fixed left column and role names in a two-line header while the
letters scroll under them a whole role at a time (the right edge stays blank rather than
cut). Only lines on screen are rendered and a cursor move redraws two, so 200 activities
by 50 roles keep up with the keyboard. The grid never changes the plan: it posts
``CellChanged``; its view commits the change and hands new rows back with ``set_data``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import glyphs
from tui.views.raci import rows as raci_rows
from tui.views.raci.rows import GridColumn, GridRow


class RaciGrid(ScrollView, can_focus=True, inherit_bindings=False):
    """Activities (rows) by roles (columns); the view owning it binds the keys."""

    COMPONENT_CLASSES = {
        "raci-grid--header",
        "raci-grid--cursor",
        "raci-grid--cursor-line",
        "raci-grid--problem",
        "raci-grid--ok",
    }

    DEFAULT_CSS = """
    RaciGrid { height: 1fr; scrollbar-size: 0 0; }
    RaciGrid > .raci-grid--header { text-style: bold; }
    RaciGrid > .raci-grid--cursor { text-style: bold reverse; }
    RaciGrid > .raci-grid--cursor-line { text-style: bold; }
    RaciGrid > .raci-grid--problem { color: $text-warning; text-style: bold; }
    RaciGrid > .raci-grid--ok { color: $text-success; }
    """

    HEADER = 2
    """Lines of role names at the top."""
    CELL_WIDTH = 9
    """Columns per role."""
    MIN_NAME_WIDTH = 22
    """The activity column is never narrower (it widens when all roles fit)."""
    MAX_NAME_WIDTH = 40
    """Nor wider."""

    @dataclass
    class CellChanged(Message):
        """The user set (or cleared, ``letter`` None) the letter of a cell."""

        grid: RaciGrid
        activity_id: str
        role_id: str
        letter: str | None

        @property
        def control(self) -> RaciGrid:
            """The grid that changed."""
            return self.grid

    @dataclass
    class CursorMoved(Message):
        """The user moved the cursor with the mouse (the owner's own moves are not echoed)."""

        grid: RaciGrid
        activity_id: str | None
        role_id: str | None

        @property
        def control(self) -> RaciGrid:
            """The grid whose cursor moved."""
            return self.grid

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.rows: list[GridRow] = []
        self.columns: list[GridColumn] = []
        self.row = 0
        """The cursor's row index."""
        self.column = 0
        """The cursor's column index."""
        self._titles: list[list[str]] = []
        self._styles: dict[str, Style] = {}

    # -- data ------------------------------------------------------------------

    def set_data(self, rows: Sequence[GridRow], columns: Sequence[GridColumn]) -> None:
        """Show these rows and columns; the cursor stays on the same activity and role."""
        activity, role = self.current_ids()
        self.rows, self.columns = list(rows), list(columns)
        self._titles = [raci_rows.column_title(c, self.CELL_WIDTH - 1, self.HEADER) for c in self.columns]
        row_ids = [r.id for r in self.rows]
        column_ids = [c.id for c in self.columns]
        self.row = row_ids.index(activity) if activity in row_ids else min(self.row, len(self.rows) - 1)
        self.column = (
            column_ids.index(role) if role in column_ids else min(self.column, len(self.columns) - 1)
        )
        self.row, self.column = max(self.row, 0), max(self.column, 0)
        self._resize()
        self.refresh()

    def current_ids(self) -> tuple[str | None, str | None]:
        """(activity id, role id) under the cursor; None where the grid is empty."""
        activity = self.rows[self.row].id if 0 <= self.row < len(self.rows) else None
        role = self.columns[self.column].id if 0 <= self.column < len(self.columns) else None
        return activity, role

    # -- cursor ----------------------------------------------------------------

    def move(self, rows: int = 0, columns: int = 0) -> None:
        """Move the cursor by ``rows`` and ``columns``, stopping at the edges."""
        self.move_to(self.row + rows, self.column + columns)

    def move_to(self, row: int, column: int) -> None:
        """Put the cursor on (row, column), clamped, and bring it into view."""
        row = max(0, min(row, len(self.rows) - 1))
        column = max(0, min(column, len(self.columns) - 1))
        if (row, column) == (self.row, self.column):
            return
        old_row, old_column = self.row, self.column
        self.row, self.column = row, column
        if not self._scroll_into_view():
            self._refresh_row(old_row)
            self._refresh_row(row)
            if column != old_column:
                self.refresh(Region(0, 0, self.size.width, self.HEADER))

    def select(self, activity_id: str | None = None, role_id: str | None = None) -> None:
        """Put the cursor on an activity and/or a role by id (unknown ids are ignored)."""
        row_ids = [r.id for r in self.rows]
        column_ids = [c.id for c in self.columns]
        row = row_ids.index(activity_id) if activity_id in row_ids else self.row
        column = column_ids.index(role_id) if role_id in column_ids else self.column
        self.move_to(row, column)

    def set_letter(self, letter: str | None) -> None:
        """Ask for the cursor cell to hold ``letter`` (None clears it); posts CellChanged."""
        activity, role = self.current_ids()
        if activity is None or role is None:
            return
        if self.rows[self.row].cells.get(role) == letter:
            return
        self.post_message(self.CellChanged(self, activity, role, letter))

    # -- geometry --------------------------------------------------------------

    @property
    def name_width(self) -> int:
        """Width of the fixed activity column: what the roles leave, within bounds."""
        spare = self.size.width - len(self.columns) * self.CELL_WIDTH
        return max(self.MIN_NAME_WIDTH, min(self.MAX_NAME_WIDTH, spare))

    @property
    def room(self) -> int:
        """How many whole role columns fit beside the activity column (at least one)."""
        return max(1, (self.size.width - self.name_width) // self.CELL_WIDTH)

    def _resize(self) -> None:
        # Scrolling stops once the last role is the last whole column on screen: a whole
        # number of columns in, like every scroll the grid makes.
        hidden = max(0, len(self.columns) - self.room)
        width = self.size.width + hidden * self.CELL_WIDTH
        self.virtual_size = Size(width, self.HEADER + len(self.rows))

    def on_resize(self, event: events.Resize) -> None:
        """The activity column depends on the width."""
        self._resize()
        self._scroll_into_view()

    def _scroll_into_view(self) -> bool:
        """Scroll so the cursor cell shows; True if the view scrolled (all redrawn).

        A cursor leaving the view turns a page, keeping a little of the old one in sight
        (two rows, one role): the moves that follow redraw two lines instead of the whole
        grid, and show what comes next.
        """
        body = max(1, self.size.height - self.HEADER)
        top = raci_rows.page_start(self.row, int(self.scroll_y), body, keep=2)
        first = raci_rows.page_start(self.column, int(self.scroll_x) // self.CELL_WIDTH, self.room, keep=1)
        left = max(0, min(first * self.CELL_WIDTH, self.max_scroll_x))
        top = max(0, min(top, self.max_scroll_y))
        if (top, left) == (int(self.scroll_y), int(self.scroll_x)):
            return False
        # Forced: right after set_data adds the first column that does not fit, Textual has
        # not yet noticed the grid can scroll sideways and would ignore the move.
        self.scroll_to(left, top, animate=False, immediate=True, force=True)
        return True

    def _refresh_row(self, row: int) -> None:
        line = self.HEADER + row - int(self.scroll_y)
        if self.HEADER <= line < self.size.height:
            self.refresh(Region(0, line, self.size.width, 1))

    # -- mouse -----------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the cell (or the row, or the column) clicked."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        row, column = self.row, self.column
        if offset.y >= self.HEADER:
            row = offset.y - self.HEADER + int(self.scroll_y)
        first, last = self._shown()
        clicked = first + (offset.x - self.name_width) // self.CELL_WIDTH
        if offset.x >= self.name_width and clicked < last:  # not the blank right of the roles
            column = clicked
        if row < len(self.rows) and column < len(self.columns):
            self.move_to(row, column)
            self.post_message(self.CursorMoved(self, *self.current_ids()))

    # -- rendering -------------------------------------------------------------

    def notify_style_update(self) -> None:
        """The CSS or theme changed: work the styles out again."""
        super().notify_style_update()
        self._styles = {}

    def render_lines(self, crop: Region) -> list[Strip]:
        """Work the styles out once, not once per line and frame (they cost more than a line)."""
        if not self._styles:
            base = self.rich_style
            self._styles = {"": base}
            for name in self.COMPONENT_CLASSES:
                self._styles[name] = base + self.get_component_rich_style(name, partial=True)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """One screen line: the header, or an activity row, cut to the scrolled columns."""
        width = self.size.width
        base = self._styles[""]
        if y < self.HEADER:
            return self._header(y, width, base)
        row = y - self.HEADER + int(self.scroll_y)
        if row >= len(self.rows):
            return Strip.blank(width, base)
        return self._row(row, width, base)

    def _shown(self) -> tuple[int, int]:
        """The first column on screen and the one after the last: only whole columns are drawn."""
        first = min(int(self.scroll_x) // self.CELL_WIDTH, len(self.columns))
        return first, min(len(self.columns), first + self.room)

    def _position(self, y: int, first: int, last: int) -> str:
        """Where the view is, in words (the grid has no scrollbars: they cost a repaint each)."""
        room = self.name_width - 3  # the indent, and a space before the first role
        if y == 0:
            top = int(self.scroll_y)
            end = top + max(1, self.size.height - self.HEADER)
            return raci_rows.shown_words("Activities", top, end, len(self.rows), room)
        return raci_rows.shown_words("Roles", first, last, len(self.columns), room)

    def _header(self, y: int, width: int, base: Style) -> Strip:
        header, cursor = self._styles["raci-grid--header"], self._styles["raci-grid--cursor"]
        first, last = self._shown()
        title = self._position(y, first, last)
        cells = []
        for index in range(first, last):
            cells.append(Segment(self._titles[index][y], cursor if index == self.column else header))
            cells.append(Segment(" ", header))
        visible = max(0, width - self.name_width)
        left = Strip([Segment(f"  {title}", header)]).adjust_cell_length(self.name_width, base)
        return Strip.join([left, Strip(cells).crop_extend(0, visible, base)])

    def _row(self, index: int, width: int, base: Style) -> Strip:
        # Cells hold one-cell characters only, so the letters are joined as a plain string:
        # a repaint after a sideways scroll redraws every line and must stay cheap.
        row = self.rows[index]
        here = index == self.row
        marker = Segment(
            f"{row.mark or glyphs.WARNING} " if row.problem else f"{glyphs.OK} ",
            self._styles["raci-grid--problem" if row.problem else "raci-grid--ok"],
        )
        name_style = self._styles["raci-grid--cursor-line"] if here else base
        name = raci_rows.row_name(row, self.name_width - 3)
        left = Strip([marker, Segment(name + " ", name_style)]).adjust_cell_length(self.name_width, base)
        first, last = self._shown()
        on = here and first <= self.column < last
        letters = raci_rows.row_cells(
            row, self.columns[first:last], self.CELL_WIDTH, self.column - first if on else None
        )
        visible = max(0, width - self.name_width)
        text = letters[:visible].ljust(visible)
        if not on:
            return Strip.join([left, Strip([Segment(text, base)], visible)])
        start = min(visible, (self.column - first) * self.CELL_WIDTH + (self.CELL_WIDTH - 3) // 2)
        end = min(visible, start + 3)
        cells = [
            Segment(text[:start], base),
            Segment(text[start:end], self._styles["raci-grid--cursor"]),
            Segment(text[end:], base),
        ]
        return Strip.join([left, Strip(cells, visible)])
