"""The Coach Rollout app: built from an open PlanStore; the plan's state lives in a PlanSession."""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.binding import Binding
from textual.notifications import Notify, SeverityLevel

from store import PlanStore
from tui import glyphs
from tui.console import ascii_driver, draw_ascii
from tui.glyphs import use_ascii
from tui.keys import APP_KEYS
from tui.saving import SaveWatch
from tui.screens.main import MainScreen, binding
from tui.session import READ_ONLY_MESSAGE, PlanSession, Result
from tui.views.base import PlanView

if TYPE_CHECKING:
    from textual.command import Provider

    from tui.dialogs.form import Values
    from tui.screens.review import Paused

CHAIN_DELAY = 0.3
"""Seconds after the first frame before the history's hash chain is verified."""


def _palette_provider() -> type[Provider]:
    """The palette's provider of every action (imported when the palette first opens)."""
    from tui.palette import PlanCommands

    return PlanCommands


class CoachApp(SaveWatch):
    """The full-screen app over one open plan."""

    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "Coach Rollout"
    NOTIFICATION_TIMEOUT = 4  # a message, not a page to read: the views keep what matters on screen
    COMMANDS = {_palette_provider}  # the app's own actions only: no stock screenshot, theme or quit
    BINDINGS = [binding(key) for key in APP_KEYS]

    def __init__(
        self,
        store: PlanStore,
        *,
        today: date | None = None,
        keymap: dict[str, str] | None = None,
        review: bool = False,
        ascii_only: bool = False,
    ) -> None:
        # Before anything is drawn: every symbol, border and scrollbar follows the mode.
        use_ascii(ascii_only)
        draw_ascii(ascii_only)
        super().__init__()
        self.ascii_only = ascii_only
        """True on a terminal that cannot show Unicode (``tui.glyphs.needs_ascii``): all is ASCII."""
        if ascii_only:
            self.driver_class = ascii_driver(self.driver_class)
        self.keymap = keymap or {}
        """The user's remapping: binding id -> keys (see tui.keymap)."""
        if self.keymap:
            self.set_keymap(self.keymap)
        self.session = PlanSession(store, today or date.today())
        """The open plan, its findings, undo and redo."""
        self._review_first = review

    @property
    def store(self) -> PlanStore:
        """The open plan's store."""
        return self.session.store

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Show a notification, always as plain text (plan text may hold brackets); see ``on_notify``."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def on_notify(self, event: Notify) -> None:
        """A new message replaces the one shown, just before Textual's own handler adds it.

        Clearing here, when the message is handled rather than when it is sent, holds for keys
        pressed faster than the screen updates too: a refused key pressed three times shows one
        message, and one corner holds it (app.tcss keeps that corner off the tables).
        """
        self.clear_notifications()

    def get_default_screen(self) -> MainScreen:
        """The tabs of views."""
        return MainScreen(self.session, self.heading())

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
        self.set_class(self.ascii_only, "-ascii")
        for warning in self.store.warnings:
            self.notify(
                warning,
                title="Opened read-only" if self.store.read_only else "Note",
                severity="warning",
                timeout=10,
            )

    @on(MainScreen.Ready)
    def _main_ready(self) -> None:
        self.watch_save()
        self.call_after_refresh(self._after_first_frame)
        if self._review_first:  # `coach-rollout review`: straight into review mode
            self.call_after_refresh(self.action_review)

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
        if self.session.verify_chain():
            self.main.render_active()

    def _subtitle(self) -> str:
        name = Path(self.store.path).name if self.store.path else "unsaved plan in memory"
        return f"{name} {glyphs.DOT} READ-ONLY" if self.store.read_only else name

    def get_key_display(self, binding: Binding) -> str:
        """How a key is written: Textual's symbols ('⏎', '↑'), or their names on an ASCII terminal."""
        display = super().get_key_display(binding)
        if not self.ascii_only or display.isascii():
            return display
        return binding.key.replace("ctrl+", "^")  # 'enter', 'up', '^up'

    def action_command_palette(self) -> None:
        """The command palette; on an ASCII terminal without its magnifier, which has no ASCII form."""
        from textual.command import CommandPalette  # the palette loads when first opened

        if not self.use_command_palette or CommandPalette.is_open(self):  # type: ignore[arg-type]
            return
        palette = CommandPalette(id="--command-palette", placeholder=glyphs.plain("Search for commands…"))
        self.push_screen(palette)
        if self.ascii_only:
            palette.add_class("-ascii")

    def heading(self) -> str:
        """The title line: the app, the plan file, and READ-ONLY when it is."""
        return f"{glyphs.MARK} {self.TITLE} {glyphs.DASH} {self._subtitle()}"

    def _handle_exception(self, error: Exception) -> None:
        """An unexpected error ends the app with one line, never a traceback showing plan content."""
        self._error_type = type(error).__name__
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Say in one line that the app stopped (Textual's own prints every local variable)."""
        kept = "an edit not saved is lost" if self.store.dirty else "every edit was saved"
        line = (
            f"coach-rollout: stopped by an unexpected error ({getattr(self, '_error_type', 'error')}); "
            f"{kept}; the plan file is as it was after its last save."
        )
        self._exit_renderables.append(line)
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        """Print what ended the app as whole lines (one line a message, however narrow the terminal)."""
        for renderable in self._exit_renderables:
            self.error_console.print(renderable, soft_wrap=True)
        self._exit_renderables.clear()

    # -- after a change --------------------------------------------------------------

    @on(PlanView.Changed)
    def _plan_changed(self) -> None:
        self.show_change()

    def show_change(self) -> None:
        """Show the changed plan in the visible view and report a failed save."""
        self.main.render_active()
        self.watch_save()

    # -- actions -----------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the latest change of this session (recorded as a change itself)."""
        self._report(self.session.undo())

    def action_redo(self) -> None:
        """Redo the latest undone change (recorded as a change itself)."""
        self._report(self.session.redo())

    def _report(self, result: Result) -> None:
        if result.applied:
            self.show_change()
            self.notify(result.message)
        elif result.refused:
            self.notify(result.message, title="Not changed", severity="error")
        else:
            self.notify(result.message)

    def action_help(self) -> None:
        """Show the current view's help and keys (review mode's, while it is open)."""
        from tui.dialogs.help import HelpDialog
        from tui.palette import help_rows, review_help_rows
        from tui.screens.review import HELP, ReviewScreen

        if isinstance(self.screen, ReviewScreen):
            self.push_screen(HelpDialog("Review mode", HELP, review_help_rows(self)))
            return
        view = self.main.active_view
        self.push_screen(HelpDialog(view.TAB_TITLE, view.HELP, help_rows(self, view)))

    def action_review(self) -> None:
        """Start a stage review meeting, or return to the one in progress."""
        from tui.screens.review import ReviewScreen
        from tui.views.review import forms

        if any(isinstance(screen, ReviewScreen) for screen in self.screen_stack):
            return
        if self.session.review is not None:
            self.push_screen(ReviewScreen(self.session), self._review_closed)
            return
        if self.session.read_only:
            self.notify(
                READ_ONLY_MESSAGE + " A review cannot be recorded.", title="Not changed", severity="error"
            )
            return
        form = forms.meeting_form(self.session.plan, self.session.today)
        form.submit_callback = self._meeting_entered
        self.push_screen(form, lambda values: self.action_review() if values is not None else None)

    def _meeting_entered(self, values: Values) -> str | None:
        """Begin the meeting's draft from the form; why not, if it cannot begin."""
        from tui.views.review import changes

        draft = changes.start(self.session.plan, values)
        if isinstance(draft, str):
            return draft
        self.session.review = draft
        return None

    async def _review_closed(self, paused: Paused | None) -> None:
        """After the review screen: go where the user asked (the review waits), or show the saved plan."""
        if paused is None:
            return
        waits = "The review waits on the stage it was on: R returns to it."
        if paused.target and not await self.main.open_entity(paused.target):
            # A record no tab edits yet: its stage, and the fix in words (one notice: one replaces another).
            await self.main.open_entity(paused.stage)
            self.notify(f"To fix: {paused.fix} {waits}", title="Review paused")
            return
        self.notify(waits, title="Review paused")

    def action_request_quit(self) -> None:
        """Quit; if an edit could not be saved, or a form is being filled in, ask first."""
        from tui.dialogs.confirm import ConfirmDialog
        from tui.dialogs.form import FormDialog

        if self.session.review is not None:
            question = (
                "A stage review meeting is in progress and not saved (escape in review mode keeps it "
                "as an unfinished review).\n\nQuit anyway and lose what it recorded?"
            )
        elif self.store.dirty:
            unsaved = self.session.save_error or "An edit is not saved."
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

    def action_switch_view(self, tab_id: str) -> None:
        """Switch tab (from anywhere: the main screen does the work)."""
        self.call_later(self.main.action_switch_view, tab_id)
