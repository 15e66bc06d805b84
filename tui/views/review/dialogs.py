"""Review mode's questions: finish (the summary first), leave (keep or discard), read a review."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class TextChoice(ModalScreen[str | None]):
    """A title, a text that scrolls, and a few answers, each on a key; escape answers None."""

    CHOICES: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    """(key shown, button label, answer) for each answer, in button order."""
    BINDINGS: ClassVar[list[BindingType]] = []

    DEFAULT_CSS = """
    TextChoice { align: center middle; }
    TextChoice > Vertical {
        width: 78; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    TextChoice #choice-title { text-style: bold; }
    TextChoice #choice-scroll { height: auto; max-height: 1fr; }
    TextChoice #choice-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    TextChoice Button { margin-left: 1; }
    """

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.choice_title = title
        """The question or what is shown."""
        self.text = text
        """The text under it (plan text: never markup)."""

    def compose(self) -> ComposeResult:
        """Title, scrolling text, one button per answer."""
        with Vertical():
            yield Static(self.choice_title, id="choice-title", markup=False)
            with VerticalScroll(id="choice-scroll"):
                yield Static(self.text, id="choice-text", markup=False)
            with Horizontal(id="choice-buttons"):
                for key, label, answer in self.CHOICES:
                    yield Button(f"{label} ({key})", id=f"choice-{answer}", compact=True)

    def on_mount(self) -> None:
        """Focus the last answer: the one that changes nothing."""
        self.query(Button).last().focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        answer = (event.button.id or "").removeprefix("choice-")
        self.dismiss(None if answer == "none" else answer)

    def action_answer(self, answer: str | None) -> None:
        """Close with ``answer``."""
        self.dismiss(answer)

    def action_scroll(self, lines: int) -> None:
        """Scroll the text."""
        self.query_one("#choice-scroll", VerticalScroll).scroll_relative(y=lines, animate=False)


_SCROLL: list[BindingType] = [
    Binding("down,j", "scroll(1)", "Down", show=False, id="choice.down"),
    Binding("up,k", "scroll(-1)", "Up", show=False, id="choice.up"),
]


class FinishDialog(TextChoice):
    """The summary of the meeting; y saves the review, escape goes back to it."""

    CHOICES = (("y", "Save the review", "save"), ("esc", "Keep reviewing", "none"))
    BINDINGS = [
        Binding("y", "answer('save')", "Save the review", id="review.finish_save"),
        Binding("escape,n", "answer(None)", "Keep reviewing", id="review.finish_back"),
        *_SCROLL,
    ]


class LeaveDialog(TextChoice):
    """Leaving without finishing: keep what was recorded as an unfinished review, or discard it."""

    CHOICES = (("k", "Keep it", "keep"), ("d", "Discard it", "discard"), ("esc", "Stay", "none"))
    BINDINGS = [
        Binding("k", "answer('keep')", "Keep it, unfinished", id="review.leave_keep"),
        Binding("d", "answer('discard')", "Discard it", id="review.leave_discard"),
        Binding("escape", "answer(None)", "Stay in the review", id="review.leave_stay"),
    ]


class ReadDialog(TextChoice):
    """A review as it was recorded, read-only."""

    CHOICES = (("esc", "Close", "none"),)
    BINDINGS = [Binding("escape,q", "answer(None)", "Close", id="review.read_close"), *_SCROLL]
