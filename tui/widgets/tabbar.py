"""The tabs on one line: each view's digit and title, the active one reversed; a click switches."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from tui import glyphs
from tui.tabs import Tab
from tui.words import cut

SHORTEST = 4
"""The fewest cells a cut title keeps with the usual spacing ('Gov…')."""
TIGHTEST = 3
"""The fewest cells a cut title keeps once the labels close up ('Go…'); narrower, digits only."""


def tab_line(tabs: Sequence[Tab], active: str, width: int) -> Content:
    """The tab line for ``width`` cells: every title whole if they fit, else cut with an ellipsis.

    The active tab's title stays whole; the others are cut to the longest length that lets
    every tab fit (never below ``SHORTEST``). Narrower, the labels close up to one space
    between them and the titles keep two letters ('Go…'); narrower still, the other tabs
    show their digit alone. The active tab is reversed and bold, which shows without colour
    too; every label runs ``screen.switch_view`` when clicked.
    """
    longest = max((glyphs.cells(entry.title) for entry in tabs), default=0)
    for limit, close in [
        *((n, False) for n in range(longest, SHORTEST - 1, -1)),
        *((n, True) for n in range(SHORTEST - 1, TIGHTEST - 1, -1)),
        (0, False),
    ]:
        labels = [_label(entry, limit if entry.id != active else longest, close) for entry in tabs]
        if sum(glyphs.cells(label) for label in labels) + close <= width or limit == 0:
            break
    line = Content("").join(
        _clickable(label, entry.id == active, entry.id) for entry, label in zip(tabs, labels, strict=True)
    )
    return line + Content(" ") if close else line


def _label(entry: Tab, limit: int, close: bool = False) -> str:
    """' 3 Use cases ', ' 3 Use… ', ' 3 Us…' (closed up) or ' 3 ': a title cut to ``limit`` cells."""
    title = glyphs.plain(entry.title)
    if not limit:
        return f" {entry.key} "
    return f" {entry.key} {cut(title, limit)}" + ("" if close else " ")


def _clickable(label: str, active: bool, tab_id: str) -> Content:
    style = "reverse bold " if active else ""
    return Content.from_markup(f"[{style}@click=screen.switch_view('{tab_id}')]$label[/]", label=label)


class TabBar(Static):
    """One line of tabs (see ``tab_line``); ``show`` marks the active one."""

    DEFAULT_CSS = """
    TabBar {
        height: 1; background: $panel; text-wrap: nowrap; text-overflow: clip;  /* tab_line fits it */
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
