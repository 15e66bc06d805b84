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
        self._styles: tuple[Style, Style] | None = None

    def update(self, title: str, body: str) -> None:
        """Show a title line and a body wrapped to the width; only changed lines repaint."""
        text = f"{title}\n{body}"
        if text == self.text:
            return
        self.text = text
        old, self._lines = self._lines, self._wrap(self.size.width)
        if not old or not self.size.width:
            self.refresh()
            return
        for y in range(self.size.height):
            if (old[y : y + 1] or [""]) != (self._lines[y : y + 1] or [""]):
                self.refresh(Region(0, y, self.size.width, 1))

    def _wrap(self, width: int) -> list[str]:
        title, _, body = self.text.partition("\n")
        return [title] + [part for line in body.splitlines() for part in textwrap.wrap(line, max(1, width))]

    def notify_style_update(self) -> None:
        """The CSS or theme changed."""
        super().notify_style_update()
        self._styles = None

    def on_resize(self) -> None:
        """Wrap again at the new width."""
        self._lines = []

    def render_line(self, y: int) -> Strip:
        """The title, or one wrapped line of the body."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (base + self.get_component_rich_style("status-lines--title", partial=True), base)
        width = self.size.width
        if not self._lines:
            self._lines = self._wrap(width)
        text = self._lines[y] if y < len(self._lines) else ""
        style = self._styles[0 if y == 0 else 1]
        return Strip([Segment(text, style)]).adjust_cell_length(width, style)
