"""A scrolling column that says on its bottom edge when more lies below (or above) what shows."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.geometry import Size

from tui import glyphs


def sign(top: int, shown: int, total: int) -> str:
    """'↓ more below', '↑ more above', or '' when everything shows."""
    if top + shown < total:
        return f"{glyphs.MORE_BELOW} more below"
    return f"{glyphs.MORE_ABOVE} more above" if top > 0 else ""


class SignedScroll(VerticalScroll):
    """A VerticalScroll whose bottom border carries the sign: a scrollbar alone is a colour.

    A column with a border of its own shows the sign in it; one without gets a bottom
    border only while there is more to see (class ``-more``).
    """

    DEFAULT_CSS = """
    SignedScroll {
        scrollbar-size-vertical: 1; border-subtitle-align: right; border-subtitle-color: $text;
        border-subtitle-style: bold;
    }
    SignedScroll.-more { border-bottom: solid $panel; }
    """

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled: the sign follows."""
        super().watch_scroll_y(old_value, new_value)
        self._show_sign()

    def watch_virtual_size(self, size: Size) -> None:
        """The content changed size: the sign follows."""
        self._show_sign()

    def on_resize(self) -> None:
        """Resized: the sign follows, and what has focus in the column stays in view."""
        self._show_sign()
        focused = self.screen.focused
        if focused is not None and self in focused.ancestors:
            self.call_after_refresh(self.scroll_to_widget, focused, animate=False, immediate=True)

    def _show_sign(self) -> None:
        text = sign(round(self.scroll_y), self.scrollable_content_region.height, self.virtual_size.height)
        if text != (self.border_subtitle or ""):
            self.border_subtitle = text or None
            self.set_class(bool(text), "-more")
