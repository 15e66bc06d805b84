"""The tabs on one line: each view's digit and title, the active one reversed; a click switches."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from tui.tabs import Tab


def tab_line(tabs: Sequence[Tab], active: str, width: int) -> Content:
    """The tab line for ``width`` cells: every title if they fit, else only the active one's.

    The active tab is reversed and bold, which shows without colour too; every label runs
    ``screen.switch_view`` when clicked.
    """
    full = sum(len(_label(entry, titled=True)) for entry in tabs) <= width
    return Content("").join(
        _clickable(_label(entry, titled=full or entry.id == active), entry.id == active, entry.id)
        for entry in tabs
    )


def _label(entry: Tab, *, titled: bool) -> str:
    return f" {entry.key} {entry.title} " if titled else f" {entry.key} "


def _clickable(label: str, active: bool, tab_id: str) -> Content:
    style = "reverse bold " if active else ""
    return Content.from_markup(f"[{style}@click=screen.switch_view('{tab_id}')]$label[/]", label=label)


class TabBar(Static):
    """One line of tabs (see ``tab_line``); ``show`` marks the active one."""

    DEFAULT_CSS = """
    TabBar {
        height: 1; background: $panel; text-wrap: nowrap; text-overflow: clip;
        link-style: none; link-style-hover: underline;
    }
    """

    def __init__(self, tabs: Sequence[Tab], active: str, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.tabs = tuple(tabs)
        self.active = active

    def show(self, active: str) -> None:
        """Mark ``active`` as the active tab."""
        self.active = active
        self.update(tab_line(self.tabs, active, self.size.width or 80))

    def on_resize(self) -> None:
        """Titles come and go with the width."""
        self.show(self.active)
