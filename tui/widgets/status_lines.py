"""A title line and a few wrapped lines under a grid, repainted line by line."""

from __future__ import annotations

import textwrap

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget


class StatusLines(Widget):
    """A title line and a few wrapped lines of text, repainted without a layout pass."""

    COMPONENT_CLASSES = {"status-lines--title"}

    DEFAULT_CSS = """
    StatusLines { height: 4; }
    StatusLines > .status-lines--title { text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.text = ""
        """What is shown: the title, a line break, then the rest."""
        self._lines: list[str] = []
        self._width: int | None = None
        """The width ``_lines`` were wrapped at; None when they are to be wrapped again."""
        self._styles: tuple[Style, Style] | None = None

    def update(self, title: str, body: str) -> None:
        """Show a title line and a body wrapped to the width; only changed lines repaint."""
        text = f"{title}\n{body}"
        if text == self.text:
            return
        self.text = text
        width = self.size.width
        if not width or width != self._width:
            # Not laid out yet (or resized since): wrap when drawn, at the width drawn at.
            self._lines, self._width = [], None
            self.refresh()
            return
        old, self._lines = self._lines, self._wrap(width)
        for y in range(self.size.height):
            if (old[y : y + 1] or [""]) != (self._lines[y : y + 1] or [""]):
                self.refresh(Region(0, y, width, 1))

    def _wrap(self, width: int) -> list[str]:
        title, _, body = self.text.partition("\n")
        return [title] + [part for line in body.splitlines() for part in textwrap.wrap(line, max(1, width))]

    def notify_style_update(self) -> None:
        """The CSS or theme changed."""
        super().notify_style_update()
        self._styles = None

    def render_line(self, y: int) -> Strip:
        """The title, or one wrapped line of the body."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (base + self.get_component_rich_style("status-lines--title", partial=True), base)
        width = self.size.width
        if width != self._width:
            # The first frame can come before the Resize event: wrap at the width drawn at.
            self._lines, self._width = self._wrap(width), width
        text = self._lines[y] if y < len(self._lines) else ""
        style = self._styles[0 if y == 0 else 1]
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)
