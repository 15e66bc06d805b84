"""The Coach Rollout app: built from an open PlanStore, one tab per view."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.command import Provider
from textual.notifications import SeverityLevel
from textual.timer import Timer

from schemas.findings import Finding, evaluate
from schemas.history import Change
from schemas.plan import HISTORY_TABLE
from schemas.rules.history import stored_chain
from store import ChangeRefused, PlanStore
from tui.screens.main import MainScreen
from tui.views import TABS, tab_for_table
from tui.views.base import PlanView

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.commands import PaletteCommand

RETRY_SECONDS = 5.0
"""How often a failed save is tried again."""

CHAIN_DELAY = 0.3
"""Seconds after the first frame before the history's hash chain is verified."""

READ_ONLY_MESSAGE = "The plan is open read-only; nothing was changed."


class CoachApp(App[None]):
    """The full-screen app over one open plan."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "Coach Rollout"
    COMMANDS = App.COMMANDS | {lambda: _view_commands()}
    BINDINGS = [Binding("ctrl+q", "request_quit", "Quit", id="app.ctrl_quit", show=False, priority=True)]

    def __init__(
        self, store: PlanStore, *, today: date | None = None, keymap: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        self.keymap = keymap or {}
        """The user's remapping: binding id -> keys (see tui.keymap)."""
        if self.keymap:
            self.set_keymap(self.keymap)
        self.store = store
        self.today = today or date.today()
        self.findings: list[Finding] = []
        self._stale: set[str] = set()
        self._chain: list[Finding] = []
        self._retry: Timer | None = None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification; always as plain text, since plan text may hold brackets."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_default_screen(self) -> MainScreen:
        """The tabs of views."""
        return MainScreen(f"◆ {self.TITLE} — {self._subtitle()}")

    @property
    def main(self) -> MainScreen:
        """The main screen (always at the bottom of the stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        """Say how the plan was opened (the main screen renders once composed)."""
        self.sub_title = self._subtitle()
        self.set_class(self.no_color, "-no-color")
        for warning in self.store.warnings:
            self.notify(
                warning,
                title="Opened read-only" if self.store.read_only else "Note",
                severity="warning",
                timeout=10,
            )

    def main_ready(self) -> None:
        """The main screen is composed: compute findings and render the first view."""
        self.refresh_views()
        self._watch_save()
        self.main.active_view.focus_default()
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """Work that need not delay the first frame."""
        if not gc.isenabled():
            # run_app pauses the collector while the plan loads; what is loaded now lives
            # as long as the app, so freeze it: later collections never walk the plan again.
            gc.freeze()
            gc.enable()
        # Hashing every stored entry takes a moment on a long history: let the screen settle first.
        self.set_timer(CHAIN_DELAY, self.verify_chain)

    def verify_chain(self) -> None:
        """Check the stored history's hash chain (after the first frame: it reads every entry)."""
        self._chain = stored_chain(self.store.plan, self.store.tables().get(HISTORY_TABLE, {}))
        if self._chain:
            self.refresh_views()

    def _subtitle(self) -> str:
        name = Path(self.store.path).name if self.store.path else "unsaved plan in memory"
        return f"{name} · READ-ONLY" if self.store.read_only else name

    # -- changing the plan -------------------------------------------------------

    def can_edit(self) -> bool:
        """False, with a message, when the plan is read-only."""
        if self.store.read_only:
            self.notify(READ_ONLY_MESSAGE, title="Read-only", severity="warning")
            return False
        return True

    def attempt(self, action: str, changes: list[Change], summary: str, reason: str = "") -> str | None:
        """Apply a change; the refusal message, or None once applied."""
        if self.store.read_only:
            return READ_ONLY_MESSAGE
        try:
            self.store.apply(action, changes, summary, reason)
        except ChangeRefused as exc:
            return exc.message
        self.after_change(summary)
        return None

    def commit(self, action: str, changes: list[Change], summary: str, reason: str = "") -> bool:
        """Apply a change; on refusal tell the user and return False."""
        refusal = self.attempt(action, changes, summary, reason)
        if refusal:
            self.notify(refusal, title="Not changed", severity="error")
        return refusal is None

    def after_change(self, summary: str) -> None:
        """Re-render after a change and report a failed save."""
        self.refresh_views()
        self._watch_save()

    def refresh_views(self) -> None:
        """Recompute findings once, render the visible view, mark the others stale."""
        # The hash chain is verified once, on the stored documents (see verify_chain):
        # every entry this session adds extends it, so re-hashing thousands per edit buys nothing.
        found = evaluate(self.store.plan, self.today, stored_history={})
        self.findings = self._chain + found
        self._stale = {entry.id for entry in TABS}
        self._show(self.main.active_view)

    def _show(self, view: PlanView) -> None:
        self._stale.discard(view.TAB_ID)
        view.show(self.store.plan, self.findings)

    async def view_activated(self, tab_id: str) -> PlanView:
        """A tab became active: build it on first use, render it if it missed a change."""
        view = await self.main.build_view(tab_id)
        if tab_id in self._stale:
            self._show(view)
        return view

    # -- saving ------------------------------------------------------------------

    def _watch_save(self) -> None:
        """Show a failed save and keep retrying until it succeeds."""
        self.main.set_save_status(self.store.save_error)
        if self.store.save_error and self._retry is None:
            self.notify(self.store.save_error, title="Not saved", severity="error", timeout=10)
            self._retry = self.set_interval(RETRY_SECONDS, self.retry_save)

    def retry_save(self) -> None:
        """Try the failed save again; stop retrying once it is on disk."""
        if self.store.retry_save():
            if self._retry is not None:
                self._retry.stop()
                self._retry = None
            self.main.set_save_status(None)
            self.notify("The plan is saved.", title="Saved")
        else:
            self.main.set_save_status(self.store.save_error)

    # -- actions -----------------------------------------------------------------

    async def action_switch_view(self, tab_id: str) -> PlanView:
        """Make ``tab_id`` the active tab and focus its content."""
        view = await self.view_activated(tab_id)
        self.main.show_tab(tab_id)
        view.focus_default()
        return view

    def action_undo(self) -> None:
        """Undo the latest change of this session (recorded as a change itself)."""
        self._history_step(undo=True)

    def action_redo(self) -> None:
        """Redo the latest undone change (recorded as a change itself)."""
        self._history_step(undo=False)

    def _history_step(self, *, undo: bool) -> None:
        if not self.can_edit():
            return
        able = self.store.can_undo if undo else self.store.can_redo
        if not able:
            self.notify("Nothing to undo." if undo else "Nothing to redo.")
            return
        try:
            entry = self.store.undo() if undo else self.store.redo()
        except ChangeRefused as exc:
            self.notify(exc.message, title="Not changed", severity="error")
            return
        summary = entry.summary if entry else ("Undone." if undo else "Redone.")
        self.after_change(summary)
        self.notify(summary)

    def action_help(self) -> None:
        """Show the current view's help and keys."""
        from tui.dialogs.help import HelpDialog

        view = self.main.active_view
        self.push_screen(HelpDialog(view.TAB_TITLE, view.HELP, help_keys(self, view)))

    def action_request_quit(self) -> None:
        """Quit; if an edit could not be saved, or a form is being filled in, ask first."""
        from tui.dialogs.confirm import ConfirmDialog
        from tui.dialogs.form import FormDialog

        if self.store.dirty:
            unsaved = self.store.save_error or "An edit is not saved."
            question = f"{unsaved}\n\nQuit anyway and lose the unsaved edit?"
        elif any(isinstance(screen, FormDialog) and screen.is_changed() for screen in self.screen_stack):
            question = "A form is open and what was typed in it is not saved.\n\nQuit anyway?"
        else:
            self.exit()
            return
        self.push_screen(ConfirmDialog(question, yes="Quit", no="Stay"), self._quit_answered)

    def _quit_answered(self, answer: bool | None) -> None:
        if answer:
            self.exit()

    def run_view_action(self, tab_id: str, action: str) -> None:
        """Switch to a view and run one of its actions (the command palette)."""
        self.call_later(self._run_view_action, tab_id, action)

    async def _run_view_action(self, tab_id: str, action: str) -> None:
        view = await self.action_switch_view(tab_id)
        await view.run_action(action)

    def open_entity(self, entity: str) -> bool:
        """Switch to the view that edits ``table/id`` and select it; False if none does."""
        entry = tab_for_table(entity.split("/", 1)[0])
        if entry is None:
            return False
        self.call_later(self._open_entity, entry.id, entity)
        return True

    async def _open_entity(self, tab_id: str, entity: str) -> None:
        view = await self.action_switch_view(tab_id)
        view.focus_entity(entity)

    def palette(self) -> list[PaletteCommand]:
        """Every action of every view and of the app, for the command palette."""
        from tui.commands import palette_commands

        return palette_commands(self, self.run_view_action)


def _view_commands() -> type[Provider]:
    """The palette's provider of every view's actions (imported when the palette opens)."""
    from tui.commands import ViewCommands

    return ViewCommands


def help_keys(app: CoachApp, view: PlanView) -> list[tuple[str, str]]:
    """(key, what it does) for the view's bindings, then the app's."""
    from tui.commands import binding_rows

    return binding_rows(app, view)
