"""The app's side of saving: a failed save shown and retried, a refused one explained with a choice.

A mixin of ``CoachApp``. The store keeps every edit in memory until it is on disk; this part
says so on screen, retries a failed write every few seconds, and when another writer changed
the file (a compare-and-swap save refused) stops retrying and asks: reload, or save as a new file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.timer import Timer

from schemas.history import HistoryEntry
from schemas.text import visible
from tui.session import PlanSession, Result
from tui.words import when

if TYPE_CHECKING:
    from tui.dialogs.conflict import Choice
    from tui.dialogs.form import Values
    from tui.screens.main import MainScreen

RETRY_SECONDS = 5.0
"""How often a failed save is tried again."""


class SaveWatch(App[None]):
    """Failed and refused saves, for the app."""

    session: PlanSession
    _retry: Timer | None = None
    _asking: bool = False

    if TYPE_CHECKING:  # provided by the app this is mixed into

        @property
        def main(self) -> MainScreen:
            """The main screen."""
            ...

        def heading(self) -> str:
            """The title line."""
            ...

    def watch_save(self) -> None:
        """Show a failed save and retry it; for a refused one, stop and ask what to do."""
        self.main.set_save_status(self.session.save_error)
        if self.session.conflict is not None:
            self._stop_retrying()
            self._ask_about_conflict()
        elif self.session.save_error and self._retry is None:
            self.notify(self.session.save_error, title="Not saved", severity="error", timeout=10)
            self._retry = self.set_interval(RETRY_SECONDS, self.retry_save)

    def retry_save(self) -> None:
        """Try the failed save again; stop retrying once it is on disk."""
        if self.session.retry_save():
            self._stop_retrying()
            self.main.set_save_status(None)
            self.notify("The plan is saved.", title="Saved")
        else:
            self.watch_save()

    def _stop_retrying(self) -> None:
        if self._retry is not None:
            self._retry.stop()
            self._retry = None

    def _ask_about_conflict(self) -> None:
        """Explain who changed the file and offer reload or save as (once at a time)."""
        from tui.dialogs.conflict import ConflictDialog

        conflict = self.session.conflict
        if conflict is None or self._asking:
            return
        theirs = [_line(entry) for entry in conflict.theirs]
        mine = [_line(entry) for entry in self.session.store.unsaved()]
        self._asking = True
        self.push_screen(ConflictDialog(visible(conflict.message), theirs, mine), self._conflict_answered)

    def _conflict_answered(self, choice: Choice | None) -> None:
        self._asking = False
        if choice == "reload":
            self._after(self.session.reload())
        elif choice == "save_as":
            self._ask_where()

    def _ask_where(self) -> None:
        from tui.dialogs.form import FormDialog, FormField

        field = FormField("path", "New plan file (it must not exist yet)", required=True)
        form = FormDialog("Save the plan as a new file", [field], submit=self._save_as, save_label="Save as")
        self.push_screen(form, lambda values: None if values else self.watch_save())

    def _save_as(self, values: Values) -> str | None:
        result = self.session.save_as(Path(str(values["path"]).strip()).expanduser())
        if result.refused:
            return result.message
        self._after(result)
        return None

    def _after(self, result: Result) -> None:
        """Show the plan as it now is, and say what happened."""
        if result.refused:
            self.notify(result.message, title="Not changed", severity="error")
        else:
            self.notify(result.message)
        self.main.retitle(self.heading())
        self.main.render_active()
        self.watch_save()


def _line(entry: HistoryEntry) -> str:
    """One entry as the dialog lists it: when, who, what (escaped: it comes from the file)."""
    return visible(f"{when(entry.at)} {entry.actor}: {entry.summary}")
