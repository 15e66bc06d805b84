"""A detail panel that repaints only the lines whose text changed."""

from __future__ import annotations

import textwrap

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from tui.widgets.columns import cell


def wrap(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` columns, paragraph by paragraph (its own line breaks kept)."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(paragraph, max(width, 8)) or [""]
    return lines


class TextPanel(Widget):
    """Plain text under a list; moving the list's cursor repaints only what the new text changes.

    A Static repaints its whole region on every update; for the line of a list that changes
    as the cursor moves, most lines of the panel stay the same, and every line left alone is
    one less for the terminal to draw.
    """

    DEFAULT_CSS = "TextPanel { height: 8; }"

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.text = ""
        """What the panel says (before wrapping)."""
        self.lines: list[str] = []
        self._style: Style | None = None

    def show_text(self, text: str) -> None:
        """Show ``text``; repaint the lines that differ from what is shown."""
        self.text = text
        self._rewrap()

    def _rewrap(self) -> None:
        old, self.lines = self.lines, wrap(self.text, self.content_size.width)
        top = self.styles.gutter.top
        for y in range(max(len(old), len(self.lines))):
            if old[y : y + 1] != self.lines[y : y + 1]:
                self.refresh(Region(0, top + y, self.size.width, 1))

    def on_resize(self) -> None:
        """Wrap again for the new width."""
        self.lines = wrap(self.text, self.content_size.width)
        self.refresh()

    def notify_style_update(self) -> None:
        """Forget the cached style when the CSS or the theme changes."""
        super().notify_style_update()
        self._style = None

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the wrapped text."""
        if self._style is None:
            self._style = self.rich_style
        text = self.lines[y] if y < len(self.lines) else ""
        return Strip([Segment(cell(text, self.content_size.width), self._style)])
