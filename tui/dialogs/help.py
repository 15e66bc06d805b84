"""The `?` help: what the current view is for and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.glyphs import plain


class HelpDialog(ModalScreen[None]):
    """Shows a view's help text and a table of keys; any of escape, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close", id="help.close")]

    DEFAULT_CSS = """
    HelpDialog { align: center middle; }
    HelpDialog > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    HelpDialog #help-title { text-style: bold; }
    HelpDialog #help-keys { margin-top: 1; }
    """

    def __init__(self, title: str, text: str, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.help_title = title
        self.text = text
        self.keys = keys

    def compose(self) -> ComposeResult:
        """Title, text, keys."""
        width = max((len(k) for k, _ in self.keys), default=0)
        lines = "\n".join(f"{key:<{width}}  {what}" for key, what in self.keys)
        with VerticalScroll():
            yield Static(plain(f"Help: {self.help_title}  (escape closes)"), id="help-title", markup=False)
            yield Static(plain(self.text), id="help-text", markup=False)
            yield Static(plain(lines), id="help-keys", markup=False)
