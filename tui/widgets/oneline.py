"""One line of plain text, cut with the ellipsis of the terminal's mode to the width it gets."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from tui.glyphs import plain
from tui.words import cut


class OneLine(Widget):
    """A line that never wraps and never loses its end silently: a cut ends in '…' ('...' in ASCII).

    Textual's ``text-overflow: ellipsis`` draws '…' whatever the terminal; this widget cuts
    through ``tui.words.cut``, like every other cut of the app. Plan text is never markup.
    """

    DEFAULT_CSS = "OneLine { height: 1; }"

    def __init__(self, text: str = "", *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.text = text
        """What the line says, uncut."""

    def update(self, text: str) -> None:
        """Say ``text`` instead."""
        if text != self.text:
            self.text = text
            self.refresh()

    def render(self) -> Content:
        """The text, cut to the width."""
        return Content(cut(plain(self.text), self.content_size.width))
