"""The main screen: title, tab line, the active view, the save-problem line and the key bar."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from tui import glyphs
from tui.keys import SCREEN_KEYS, TAB_KEYS, AppKey
from tui.session import PlanSession
from tui.tabs import TABS, tab, tab_for_table
from tui.views.base import PlanView
from tui.widgets.keybar import KeyBar, Rank
from tui.widgets.oneline import OneLine
from tui.widgets.tabbar import TabBar


def binding(key: AppKey) -> Binding:
    """The Textual binding of one of the app's keys (``tui.keys``)."""
    return Binding(
        key.keys,
        key.action,
        key.description,
        show=key.show,
        key_display=key.display or None,
        priority=key.priority,
        id=key.id,
        group=Rank(key.id, rank=key.rank),
    )


class MainScreen(Screen[None]):
    """One view at a time; the app's own keys live here so modal forms do not inherit them.

    The tab line and the title are plain one-line widgets rather than Textual's Header and
    TabbedContent: a dozen fewer widgets to style and paint before the first frame.
    """

    BINDINGS = [binding(key) for key in (*SCREEN_KEYS, *TAB_KEYS)]

    @dataclass
    class Ready(Message):
        """The first view is shown: what need not delay the first frame may start."""

    def __init__(self, session: PlanSession, heading: str) -> None:
        super().__init__()
        self.session = session
        """The open plan, handed down to every view."""
        self.heading = heading
        """The title line: the app, the plan file, and READ-ONLY when it is."""

    def compose(self) -> ComposeResult:
        """Title, tab line, views, status line, key bar."""
        first = TABS[0]
        yield OneLine(self.heading, id="title")
        yield TabBar(TABS, first.id, id="tab-bar")
        # Only the first view is built (and its module imported) now; the others when their
        # tab first opens, so the first frame waits for nothing nobody sees yet.
        with ContentSwitcher(id="views", initial=f"view-{first.id}"):
            yield first.load()(self.session, id=f"view-{first.id}")
        yield Static("", id="save-status", classes="-hidden", markup=False)
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        """Compute the findings and show the first view in the first frame."""
        self.session.refresh()
        self.render_active()
        self.active_view.focus_default()
        self.post_message(self.Ready())

    # -- the views -------------------------------------------------------------------

    @property
    def active_tab(self) -> str:
        """The id of the tab shown."""
        current = self.query_one("#views", ContentSwitcher).current or f"view-{TABS[0].id}"
        return current.removeprefix("view-")

    @property
    def active_view(self) -> PlanView:
        """The view of the active tab."""
        return self.view(self.active_tab)

    def view(self, tab_id: str) -> PlanView:
        """The view of tab ``tab_id`` (once its tab has been opened)."""
        return self.query_one(f"#view-{tab_id}", PlanView)

    def is_built(self, tab_id: str) -> bool:
        """True once the view of ``tab_id`` is mounted."""
        return bool(self.query(f"#view-{tab_id}"))

    async def build_view(self, tab_id: str) -> PlanView:
        """The view of ``tab_id``, mounting it (hidden) on first use; shown again if it missed a change."""
        if not self.is_built(tab_id):
            view_class = tab(tab_id).load()
            await self.query_one("#views", ContentSwitcher).add_content(
                view_class(self.session, id=f"view-{tab_id}")
            )
        view = self.view(tab_id)
        if self.session.take_stale(tab_id):
            view.show(self.session.plan, self.session.findings)
        return view

    def render_active(self) -> None:
        """Show the current plan in the visible view (the others when they are next opened)."""
        view = self.active_view
        self.session.take_stale(view.TAB_ID)
        view.show(self.session.plan, self.session.findings)

    async def action_switch_view(self, tab_id: str) -> PlanView:
        """Make ``tab_id`` the active tab and focus its content."""
        view = await self.build_view(tab_id)
        self.query_one("#views", ContentSwitcher).current = f"view-{tab_id}"
        self.query_one(TabBar).show(tab_id)
        view.focus_default()
        return view

    async def run_view_action(self, tab_id: str, action: str) -> None:
        """Switch to a view and run one of its actions (the command palette)."""
        view = await self.action_switch_view(tab_id)
        await view.run_action(action)

    @on(PlanView.OpenRequested)
    async def _open_requested(self, event: PlanView.OpenRequested) -> None:
        event.stop()
        await self.open_entity(event.entity, event.tab)

    async def open_entity(self, entity: str, tab_id: str = "") -> bool:
        """Switch to the view that edits ``table/id`` (or to ``tab_id``) and select it; False if none does."""
        entry = tab(tab_id) if tab_id else tab_for_table(entity.partition("/")[0])
        if entry is None:
            return False
        view = await self.action_switch_view(entry.id)
        view.focus_entity(entity)
        return True

    def retitle(self, heading: str) -> None:
        """Show a new title line (the plan's file changed: save as, reload)."""
        self.heading = heading
        self.query_one("#title", OneLine).update(heading)

    def set_save_status(self, message: str | None) -> None:
        """Show (or hide) the line that says the plan is not saved."""
        line = self.query_one("#save-status", Static)
        line.update(f"{glyphs.ALERT} NOT SAVED: {message}" if message else "")
        line.set_class(not message, "-hidden")
