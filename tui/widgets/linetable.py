"""A line-based table: renders only the lines on screen, so 500 or 10,000 rows stay fast.

Every cell is cut to its column with an ellipsis (``tui.widgets.columns.cell``), and when
the rows do not all fit, the last line says which are shown and how many more lie below,
so a count above the table always agrees with what can be reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import glyphs
from tui.widgets.columns import Column, cell, column_widths

Row = Sequence[str]

LINE_CACHE = 2000
"""Rendered lines kept; beyond that the cache starts again (a screen holds at most a few dozen)."""


class LineTable(ScrollView, can_focus=True):
    """Rows of text under a fixed header, with a row cursor (and optionally a cell cursor)."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("home", "first", "First", show=False, id="table.first"),
        Binding("end", "last", "Last", show=False, id="table.last"),
        Binding("pageup", "page_up", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="table.page_down"),
        Binding("left,h", "cursor_left", "Left", show=False, id="table.left"),
        Binding("right,l", "cursor_right", "Right", show=False, id="table.right"),
    ]

    COMPONENT_CLASSES = {
        "line-table--header",
        "line-table--cursor",
        "line-table--cursor-blurred",
        "line-table--cell-cursor",
        "line-table--blocking",
        "line-table--warning",
        "line-table--good",
    }

    DEFAULT_CSS = """
    LineTable {
        height: 1fr; overflow-x: hidden; overflow-y: auto; scrollbar-size-vertical: 0; background: $surface;
    }
    LineTable > .line-table--header { text-style: bold; background: $panel; }
    LineTable > .line-table--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    LineTable > .line-table--cursor-blurred { background: $block-cursor-blurred-background; }
    LineTable > .line-table--cell-cursor { text-style: reverse bold; }
    LineTable > .line-table--blocking { color: $error; text-style: bold; }
    LineTable > .line-table--warning { color: $warning; }
    LineTable > .line-table--good { color: $success; }
    """

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        cells: Sequence[int] = (),
        title: str = "",
        on_move: Callable[[int, int], None] | None = None,
        id: str | None = None,  # noqa: A002 - Textual's name
    ) -> None:
        super().__init__(id=id)
        self.on_move = on_move
        """Called at once with (row, column) when the cursor moves, so the owner's detail panel
        changes in the same frame as the cursor (a message would be handled a frame later)."""
        self.border_title = title or None
        self.columns = list(columns)
        self.cells = tuple(cells)
        """Columns the cell cursor visits; empty for a row-only cursor."""
        self.rows: list[Row] = []
        self.cursor_row = 0
        self.cursor_column = self.cells[0] if self.cells else 0
        self._widths: tuple[int, list[int]] = (-1, [])
        self._styles: dict[tuple[str, ...], Style] = {}
        self._lines: dict[tuple[int, str, int | None, int], Strip] = {}

    # -- data ------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], cursor: int | None = None) -> None:
        """Replace the rows; keep the cursor where it was (or move it to ``cursor``)."""
        self.rows = list(rows)
        self._lines.clear()
        self._size_rows()
        target = self.cursor_row if cursor is None else cursor
        self.cursor_row = max(0, min(target, len(self.rows) - 1))
        self._scroll_to_cursor()
        self.refresh()

    def move_to(self, row: int, column: int | None = None) -> None:
        """Put the cursor on ``row`` (and ``column``), scroll it into view, tell ``on_move``."""
        if not self.rows:
            return
        row = max(0, min(row, len(self.rows) - 1))
        if column is not None and self.cells:
            column = max(self.cells[0], min(column, self.cells[-1]))
        old = (self.cursor_row, self.cursor_column)
        self.cursor_row = row
        if column is not None:
            self.cursor_column = column
        if old != (self.cursor_row, self.cursor_column):
            self._refresh_row(old[0])
            self._refresh_row(row)
            self._scroll_to_cursor()
            if self.on_move is not None:
                self.on_move(row, self.cursor_column)

    def _scroll_to_cursor(self) -> None:
        """When the cursor leaves the rows shown, scroll it to the middle of them.

        Jumping half a screen instead of one line means one full repaint every few moves
        rather than on every move: far fewer bytes for the terminal (and a slow SSH link).
        """
        shown = self.shown_rows
        top = round(self.scroll_y)
        if not top <= self.cursor_row < top + shown:
            self.scroll_to(y=max(0, self.cursor_row - shown // 2), animate=False, immediate=True)

    @property
    def overflows(self) -> bool:
        """True when not every row fits: the last line then says where the view is."""
        height = self.scrollable_content_region.height
        return height > 0 and len(self.rows) > height - 1

    @property
    def shown_rows(self) -> int:
        """How many rows are on screen at once (under the header, above the position line)."""
        return max(1, self.scrollable_content_region.height - 1 - self.overflows)

    def position(self) -> str:
        """'1-8 of 9  ↓ 1 more below': which rows are shown, when not all are."""
        top, total = round(self.scroll_y), len(self.rows)
        last = min(total, top + self.shown_rows)
        below = total - last
        text = f"{top + 1}-{last} of {total}"
        if below:
            return f"{text}  {glyphs.MORE_BELOW} {below} more below"
        return f"{text}  {glyphs.MORE_ABOVE} {top} more above" if top else text

    def _size_rows(self) -> None:
        """The scrollable height: the header, the rows, and the position line when it shows."""
        self.virtual_size = Size(self.size.width, len(self.rows) + 1 + self.overflows)

    def _refresh_row(self, row: int) -> None:
        """Repaint one row's line if it is on screen."""
        self.refresh_line(row + 1)

    # -- keys and mouse ----------------------------------------------------------

    def action_cursor_up(self) -> None:
        """One row up."""
        self.move_to(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        """One row down."""
        self.move_to(self.cursor_row + 1)

    def action_first(self) -> None:
        """The first row."""
        self.move_to(0)

    def action_last(self) -> None:
        """The last row."""
        self.move_to(len(self.rows) - 1)

    def action_page_up(self) -> None:
        """One screen up."""
        self.move_to(self.cursor_row - max(1, self.shown_rows - 1))

    def action_page_down(self) -> None:
        """One screen down."""
        self.move_to(self.cursor_row + max(1, self.shown_rows - 1))

    def action_cursor_left(self) -> None:
        """One cell left (cell cursor only)."""
        if self.cells:
            self.move_to(self.cursor_row, self._step(-1))

    def action_cursor_right(self) -> None:
        """One cell right (cell cursor only)."""
        if self.cells:
            self.move_to(self.cursor_row, self._step(1))

    def _step(self, delta: int) -> int:
        index = self.cells.index(self.cursor_column) if self.cursor_column in self.cells else 0
        return self.cells[max(0, min(index + delta, len(self.cells) - 1))]

    class RowClicked(Message):
        """A row was clicked (the cursor is already on it)."""

        def __init__(self, table: LineTable, row: int) -> None:
            super().__init__()
            self.table = table
            """The table clicked."""
            self.row = row
            """The row clicked."""

    def on_click(self, event: events.Click) -> None:
        """Move the cursor to the clicked row (and cell); say which row it was."""
        at = event.get_content_offset(self)  # None on a border; y 0 is the header
        if at is None or at.y < 1 or at.y > self.shown_rows:
            return
        row = round(self.scroll_y) + at.y - 1
        if row < len(self.rows):
            self.move_to(row, self._column_at(at.x))
            self.post_message(self.RowClicked(self, row))

    def _column_at(self, x: int) -> int | None:
        if not self.cells:
            return None
        left = 2
        for index, width in enumerate(self._layout(self.content_width)):
            if left <= x < left + width + 1 and index in self.cells:
                return index
            left += width + 1
        return None

    def on_focus(self) -> None:
        """Show the focused cursor style."""
        self.refresh()

    def on_blur(self) -> None:
        """Show the blurred cursor style."""
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Move the scrollbar and repaint the rows; the header line stays as it is."""
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = new_value
        if round(old_value) != round(new_value):
            self.refresh(Region(0, 1, self.size.width, max(0, self.size.height - 1)))

    def on_resize(self) -> None:
        """Recompute the virtual size for the new size; the cursor stays in view."""
        self._size_rows()
        self.call_after_refresh(self._scroll_to_cursor)

    @property
    def content_width(self) -> int:
        """The cells the columns share (a scrollbar, if styled in, takes the rest)."""
        return self.scrollable_content_region.width

    # -- rendering ------------------------------------------------------------------

    def _layout(self, width: int) -> list[int]:
        if self._widths[0] != width:
            self._widths = (width, column_widths(self.columns, width))
        return self._widths[1]

    def notify_style_update(self) -> None:
        """Forget cached styles and lines when the CSS or the theme changes."""
        super().notify_style_update()
        self._styles.clear()
        self._lines.clear()

    def _style(self, *names: str) -> Style:
        """The widget's style with component classes over it, cached (``rich_style`` walks the DOM)."""
        style = self._styles.get(names)
        if style is None:
            style = self.rich_style
            for name in names:
                style += self.get_component_rich_style(name, partial=name != names[0])
            self._styles[names] = style
        return style

    def render_line(self, y: int) -> Strip:
        """The header on line 0, then the rows from the scroll position, then where they are."""
        width = self.content_width
        if y == 0:
            return self._line(-1, "line-table--header", " ", None, width)
        if self.overflows and y == self.shown_rows + 1:
            style = self._style("line-table--header")
            return Strip([Segment(cell(f"  {self.position()}", width), style)]).adjust_cell_length(
                width, style
            )
        row = round(self.scroll_y) + y - 1
        if row >= len(self.rows):
            return Strip.blank(width, self._style())
        if row != self.cursor_row:
            return self._line(row, "", " ", None, width)
        name = "line-table--cursor" if self.has_focus else "line-table--cursor-blurred"
        return self._line(row, name, ">", self.cursor_column if self.cells else None, width)

    def _line(self, row: int, name: str, mark: str, active: int | None, width: int) -> Strip:
        """Row ``row`` (-1: the header) as a strip, cached: scrolling repaints lines it has seen."""
        key = (row, name, active, width)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > LINE_CACHE:
                self._lines.clear()
            texts = [c.title for c in self.columns] if row < 0 else self.rows[row]
            strip = self._lines[key] = self._strip(texts, width, name, mark, active)
        return strip

    def _strip(self, texts: Row, width: int, name: str, mark: str, active: int | None) -> Strip:
        """One line: the cursor mark, then each cell cut to its column's width."""
        names = (name,) if name else ()
        style = self._style(*names)
        segments = [Segment(mark, style)]
        for index, (column, size) in enumerate(zip(self.columns, self._layout(width), strict=False)):
            text = texts[index] if index < len(texts) else ""
            special = "line-table--cell-cursor" if index == active else column.styles.get(text)
            segments.append(Segment(" ", style))
            shown = cell(glyphs.plain(text), size)
            segments.append(Segment(shown, self._style(*names, special) if special else style))
        # One segment per run of equal style: every segment costs the terminal its escape codes.
        strip = Strip(Segment.simplify(segments))
        if strip.cell_length > width:  # narrower than the columns' floors: the cut still shows
            ellipsis = str(glyphs.ELLIPSIS)
            strip = Strip.join(
                [strip.crop(0, max(0, width - len(ellipsis))), Strip([Segment(ellipsis, style)])]
            )
        return strip.adjust_cell_length(width, style)
