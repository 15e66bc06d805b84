"""A bold title and a few wrapped lines under a grid, repainted line by line (a TextPanel)."""

from __future__ import annotations

from tui.widgets.textpanel import TextPanel


class StatusLines(TextPanel):
    """A title and a body, both wrapped; as tall as they need within its CSS bounds."""

    DEFAULT_CSS = "StatusLines { height: auto; min-height: 4; max-height: 8; }"

    def update(self, title: str, body: str) -> None:
        """Show a title and a body wrapped to the width; only changed lines repaint."""
        text = f"{title}\n{body}"
        if text != self.text:
            self.show_text(text, titled=True)
