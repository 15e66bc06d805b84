"""Another writer changed the plan file: say what they did and offer reload or save as."""

from __future__ import annotations

from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui import glyphs

Choice = Literal["reload", "save_as"]
"""What the user chose; None (later) keeps the edit in memory and the plan unsaved."""


class ConflictDialog(ModalScreen[Choice | None]):
    """Explain the refused save and ask what to do; ``escape`` decides later."""

    BINDINGS = [
        Binding("r", "choose('reload')", "Reload", id="conflict.reload"),
        Binding("s", "choose('save_as')", "Save as", id="conflict.save_as"),
        Binding("escape", "choose(None)", "Later", id="conflict.later"),
    ]

    DEFAULT_CSS = """
    ConflictDialog { align: center middle; }
    ConflictDialog > VerticalScroll {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $error; background: $surface; padding: 0 1;
    }
    ConflictDialog #conflict-title { text-style: bold; }
    ConflictDialog #conflict-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    ConflictDialog Button { margin-left: 1; }
    """

    def __init__(self, message: str, theirs: list[str], mine: list[str]) -> None:
        super().__init__()
        self.message = message
        """Why the save was refused (names the file, never its content)."""
        self.theirs = theirs
        """What the other writer recorded, one line each."""
        self.mine = mine
        """The edits of this session not on disk, one line each."""

    def compose(self) -> ComposeResult:
        """The reason, both sides' changes, and the three choices."""
        with VerticalScroll():
            yield Static("The plan was not saved", id="conflict-title", markup=False)
            yield Static(self.message, id="conflict-message", markup=False)
            theirs = (
                "\n".join(f"  {glyphs.BULLET} {line}" for line in self.theirs)
                or "  (none that continue yours)"
            )
            yield Static(f"\nThe other writer recorded:\n{theirs}", id="conflict-theirs", markup=False)
            mine = "\n".join(f"  {glyphs.BULLET} {line}" for line in self.mine) or "  (none)"
            yield Static(f"\nNot on disk yet (yours):\n{mine}", id="conflict-mine", markup=False)
            yield Static(
                "\nReload takes the file as it is now; your unsaved changes above are dropped. "
                "Save as writes the plan as you have it, your changes included, to a new file "
                "and goes on there. Later keeps your changes in memory; nothing is written.",
                markup=False,
            )
            with Horizontal(id="conflict-buttons"):
                yield Button("Reload (r)", id="conflict-reload")
                yield Button("Save as (s)", id="conflict-save-as", variant="primary")
                yield Button("Later (esc)", id="conflict-later")

    def on_mount(self) -> None:
        """Focus the choice that loses nothing."""
        self.query_one("#conflict-save-as", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        choices: dict[str | None, Choice | None] = {
            "conflict-reload": "reload",
            "conflict-save-as": "save_as",
        }
        self.dismiss(choices.get(event.button.id))

    def action_choose(self, choice: Choice | None) -> None:
        """Close with ``choice``."""
        self.dismiss(choice)
