"""The main screen: header, one tab per view, the save-problem line and the footer."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane

from tui.views import TABS, tab
from tui.views.base import PlanView
from tui.widgets.keybar import KeyBar


def _tab_bindings() -> list[BindingType]:
    """One digit per view; hidden in the footer (the tabs show their digits)."""
    return [Binding(t.key, f"app.switch_view('{t.id}')", t.title, show=False, id=f"tab.{t.id}") for t in TABS]


class MainScreen(Screen[None]):
    """Tabs of views; the app's own keys live here so modal forms do not inherit them."""

    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
        Binding("q", "app.request_quit", "Quit", id="app.quit"),
        Binding("ctrl+z", "app.undo", "Undo", id="app.undo", show=False),
        Binding("ctrl+y", "app.redo", "Redo", id="app.redo", show=False),
        *_tab_bindings(),
    ]

    def compose(self) -> ComposeResult:
        """Header, tabs, status line, footer."""
        yield Header(icon="◆")
        with TabbedContent(id="tabs"):
            for n, entry in enumerate(TABS):
                # Only the first view is built (and its module imported) now; the others when
                # their tab first opens, so the first frame waits for nothing nobody sees yet.
                with TabPane(f"{entry.key} {entry.title}", id=entry.id):
                    if n == 0:
                        yield entry.load()(id=f"view-{entry.id}")
        yield Static("", id="save-status", classes="-hidden", markup=False)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        """Let the app render the first view."""
        self.app.main_ready()  # type: ignore[attr-defined]

    def view(self, tab_id: str) -> PlanView:
        """The view in tab ``tab_id`` (once its tab has been opened)."""
        return self.query_one(f"#view-{tab_id}", PlanView)

    def is_built(self, tab_id: str) -> bool:
        """True once the view of ``tab_id`` is mounted."""
        return bool(self.query(f"#view-{tab_id}"))

    async def build_view(self, tab_id: str) -> PlanView:
        """The view of ``tab_id``, mounting it on first use."""
        if not self.is_built(tab_id):
            view_class = tab(tab_id).load()
            await self.query_one(f"#{tab_id}", TabPane).mount(view_class(id=f"view-{tab_id}"))
        return self.view(tab_id)

    @property
    def active_view(self) -> PlanView:
        """The view of the active tab."""
        return self.view(self.query_one(TabbedContent).active)

    def set_save_status(self, message: str | None) -> None:
        """Show (or hide) the line that says the plan is not saved."""
        line = self.query_one("#save-status", Static)
        line.update(f"⚠ NOT SAVED: {message}" if message else "")
        line.set_class(not message, "-hidden")

    @on(TabbedContent.TabActivated)
    async def _activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        if event.pane is not None and event.pane.id:
            await self.app.view_activated(event.pane.id)  # type: ignore[attr-defined]
