"""The main screen: title, tab line, the active view, the save-problem line and the key bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from tui.views import TABS, tab
from tui.views.base import PlanView
from tui.widgets.keybar import KeyBar
from tui.widgets.tabbar import TabBar


def _tab_bindings() -> list[BindingType]:
    """One digit per view; hidden in the footer (the tab line shows the digits)."""
    return [Binding(t.key, f"app.switch_view('{t.id}')", t.title, show=False, id=f"tab.{t.id}") for t in TABS]


class MainScreen(Screen[None]):
    """One view at a time; the app's own keys live here so modal forms do not inherit them.

    The tab line and the title are plain one-line widgets rather than Textual's Header and
    TabbedContent: a dozen fewer widgets to style and paint before the first frame.
    """

    BINDINGS = [
        Binding("question_mark", "app.help", "Help", id="app.help", key_display="?"),
        Binding("q", "app.request_quit", "Quit", id="app.quit"),
        Binding("ctrl+z", "app.undo", "Undo", id="app.undo", show=False),
        Binding("ctrl+y", "app.redo", "Redo", id="app.redo", show=False),
        *_tab_bindings(),
    ]

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading = heading
        """The title line: the app, the plan file, and READ-ONLY when it is."""

    def compose(self) -> ComposeResult:
        """Title, tab line, views, status line, key bar."""
        first = TABS[0]
        yield Static(self.heading, id="title", markup=False)
        yield TabBar(TABS, first.id, id="tab-bar")
        # Only the first view is built (and its module imported) now; the others when their
        # tab first opens, so the first frame waits for nothing nobody sees yet.
        with ContentSwitcher(id="views", initial=f"view-{first.id}"):
            yield first.load()(id=f"view-{first.id}")
        yield Static("", id="save-status", classes="-hidden", markup=False)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        """Let the app render the first view."""
        self.app.main_ready()  # type: ignore[attr-defined]

    @property
    def active_tab(self) -> str:
        """The id of the tab shown."""
        current = self.query_one("#views", ContentSwitcher).current or f"view-{TABS[0].id}"
        return current.removeprefix("view-")

    def view(self, tab_id: str) -> PlanView:
        """The view of tab ``tab_id`` (once its tab has been opened)."""
        return self.query_one(f"#view-{tab_id}", PlanView)

    def is_built(self, tab_id: str) -> bool:
        """True once the view of ``tab_id`` is mounted."""
        return bool(self.query(f"#view-{tab_id}"))

    async def build_view(self, tab_id: str) -> PlanView:
        """The view of ``tab_id``, mounting it (hidden) on first use."""
        if not self.is_built(tab_id):
            view_class = tab(tab_id).load()
            await self.query_one("#views", ContentSwitcher).add_content(view_class(id=f"view-{tab_id}"))
        return self.view(tab_id)

    def show_tab(self, tab_id: str) -> None:
        """Show the (built) view of ``tab_id`` and mark its tab."""
        self.query_one("#views", ContentSwitcher).current = f"view-{tab_id}"
        self.query_one(TabBar).show(tab_id)

    @property
    def active_view(self) -> PlanView:
        """The view of the active tab."""
        return self.view(self.active_tab)

    def set_save_status(self, message: str | None) -> None:
        """Show (or hide) the line that says the plan is not saved."""
        line = self.query_one("#save-status", Static)
        line.update(f"⚠ NOT SAVED: {message}" if message else "")
        line.set_class(not message, "-hidden")
