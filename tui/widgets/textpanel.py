"""A detail panel that repaints only the lines whose text changed, and grows to show its whole text."""

from __future__ import annotations

import textwrap

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widget import Widget

from tui import glyphs
from tui.widgets.columns import cell
from tui.words import cut


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

    The panel is as tall as its wrapped text, within the ``min-height`` and ``max-height`` its
    CSS gives (a steady height for most rows, more lines for a long one). Text that still does
    not fit ends its last line with the ellipsis, so a cut always shows.
    """

    COMPONENT_CLASSES = {"text-panel--title"}
    """The style of the first paragraph when the panel has a title (see ``show_text``)."""

    DEFAULT_CSS = """
    TextPanel { height: auto; min-height: 3; max-height: 8; }
    TextPanel > .text-panel--title { text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes=classes)
        self.text = ""
        """What the panel says (before wrapping)."""
        self.lines: list[str] = []
        self.title_lines = 0
        """How many wrapped lines the title takes (drawn in the title style)."""
        self._titled = False
        self._styles: tuple[Style, Style] | None = None

    def show_text(self, text: str, *, titled: bool = False) -> None:
        """Show ``text`` (its first paragraph as a title when ``titled``); repaint what differs."""
        self.text, self._titled = text, titled
        self._rewrap()

    def _wrapped(self, width: int) -> list[str]:
        lines = wrap(glyphs.plain(self.text), width)
        first = self.text.partition("\n")[0]
        self.title_lines = len(wrap(glyphs.plain(first), width)) if self._titled else 0
        return lines

    def _rewrap(self) -> None:
        width = self.content_size.width
        old, self.lines = self.lines, self._wrapped(width)
        if self._height_for(len(self.lines)) != self.content_size.height and width:
            self.refresh(layout=True)
            return
        top = self.styles.gutter.top
        for y in range(max(len(old), len(self.lines))):
            if old[y : y + 1] != self.lines[y : y + 1]:
                self.refresh(Region(0, top + y, self.size.width, 1))

    def _height_for(self, lines: int) -> int:
        """The content height the panel takes for ``lines`` lines, within its min and max height."""
        gutter = self.styles.gutter.height
        low = self.styles.min_height.resolve(self.size, self.app.size) if self.styles.min_height else None
        high = self.styles.max_height.resolve(self.size, self.app.size) if self.styles.max_height else None
        height = lines
        if low is not None:
            height = max(height, int(low) - gutter)
        if high is not None:
            height = min(height, int(high) - gutter)
        return height

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """As many lines as the text wraps to (the CSS bounds it)."""
        self.lines = self._wrapped(width)
        return len(self.lines)

    def on_resize(self) -> None:
        """Wrap again for the new width."""
        self.lines = self._wrapped(self.content_size.width)
        self.refresh()

    def notify_style_update(self) -> None:
        """Forget the cached style when the CSS or the theme changes."""
        super().notify_style_update()
        self._styles = None

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the wrapped text; the last one shown ends in the ellipsis if more follows."""
        if self._styles is None:
            base = self.rich_style
            self._styles = (base + self.get_component_rich_style("text-panel--title", partial=True), base)
        width, height = self.content_size.width, self.content_size.height
        text = self.lines[y] if y < len(self.lines) else ""
        if y == height - 1 and len(self.lines) > height:
            text = more_after(text, width)
        style = self._styles[0 if y < self.title_lines else 1]
        return Strip([Segment(cell(text, width), style)])


def more_after(line: str, width: int) -> str:
    """``line`` ended with the ellipsis within ``width`` cells: more text follows it."""
    ellipsis = str(glyphs.ELLIPSIS)
    kept = cut(line, max(0, width - len(ellipsis)))
    return (
        (kept if kept.endswith(ellipsis) else kept.rstrip() + ellipsis) if width > len(ellipsis) else ellipsis
    )
