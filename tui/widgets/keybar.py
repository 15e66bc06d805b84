"""The footer line: the keys that work now, drawn in the same frame as the screen.

When the keys do not all fit, the rarer ones give way to "…" and the help (``?``) and the
palette (``ctrl+p``) list them all. How readily a key gives way is declared with its
binding, as its ``group``::

    Binding("c", "complete", "Complete", id="stages.complete", group=FORWARD)  # always shown
    Binding("w", "what_changed", "Changed", id="stages.what_changed")          # gives way first
    Binding("D", "delete_role", "Remove role", id="raci.delete_role", group=RARE)

A key with no rank gives way before a ``FORWARD`` key and after a ``RARE`` one, and before
the app's own keys (help, quit: ``tui.keys.AppKey.rank``); among keys of one rank, the last
declared gives way first. The keys keep the order they are declared in; "…" follows the
view's keys when any key gave way.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tui import glyphs


@dataclass(frozen=True)
class Rank(Binding.Group):
    """A binding's place in a narrow key bar (Textual keeps a binding's group through remaps)."""

    rank: int = 1
    """0: shown whatever the width; higher gives way sooner."""


FORWARD = Rank("keys that move the work forward", rank=0)
"""The keys a user needs to move a tab's work forward: they stay in the key bar at 60 columns."""
USUAL = 2
"""The rank of a key declared without one (the app's quit key has 1: it stays longer)."""
RARE = Rank("rarer keys", rank=3)
"""Keys that give way first (the help and the palette still list them)."""


def literal(text: str) -> str:
    """``text`` as markup that shows it as typed, a lone ``[`` included."""
    return text.replace("[", "\\[")


def key_markup(key: str, display: str, description: str) -> str:
    """One clickable 'key Description' item."""
    return f"[@click=press({key!r})][b]{literal(display)}[/b] {literal(description)}[/]"


@dataclass(frozen=True)
class Item:
    """One key of the bar."""

    markup: str
    """How it is drawn (clickable)."""
    plain: str
    """Its text, for measuring."""
    rank: int
    """How readily it gives way (see ``Rank``)."""
    app: bool = False
    """One of the app's own keys (help, quit, palette), drawn after the view's."""


def fit(items: list[Item], width: int) -> tuple[list[Item | None], int]:
    """The items that fit ``width`` cells, in order, None where some gave way ('…'); and the gap.

    Two spaces part the items while that leaves every rank-0 item in; then one space; only
    then do rank-0 items give way too, the last first.
    """
    for gap, floor in ((2, 1), (1, 1), (1, 0)):
        kept = list(items)
        while _width(kept, gap, len(items)) > width and any(i.rank >= floor for i in kept):
            worst = max(i.rank for i in kept)
            kept.remove(next(i for i in reversed(kept) if i.rank == worst))
        if _width(kept, gap, len(items)) <= width or floor == 0:
            return _with_gap(items, kept), gap
    return [], 1  # not reached: the last pass returns


def _width(kept: list[Item], gap: int, total: int) -> int:
    """Cells the kept items take, with the '…' that stands for the others."""
    shown = len(kept) + (len(kept) < total)
    cells = sum(glyphs.cells(i.plain) for i in kept) + gap * max(0, shown - 1)
    return cells + (glyphs.cells(str(glyphs.ELLIPSIS)) if len(kept) < total else 0)


def _with_gap(items: list[Item], kept: list[Item]) -> list[Item | None]:
    """``kept`` in order, with a None after the view's keys when any item gave way."""
    view = [i for i in kept if not i.app]
    more: list[Item | None] = [None] if len(kept) < len(items) else []
    return [*view, *more, *(i for i in kept if i.app)]


class KeyBar(Static):
    """Like Textual's Footer, but one line of text updated in place.

    The stock Footer builds a widget per key and rebuilds them after each frame in which
    the focus changed; on a large plan that delays the first complete frame noticeably.
    """

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 1fr; text-wrap: nowrap; text-overflow: clip;
             background: $footer-background; color: $footer-foreground; }
    """

    def on_mount(self) -> None:
        """Follow the bindings of whatever has focus."""
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        """Stop following."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.update(self.markup_for(screen, self.size.width or 80))

    def on_resize(self) -> None:
        """Fit the keys to the new width."""
        self._bindings_changed(self.screen)

    def items(self, screen: Screen[object]) -> list[Item]:
        """The keys that work now, one per action: the view's first, then the screen's, then the palette."""
        seen: set[str] = set()
        view: list[Item] = []
        own: list[Item] = []
        palette: list[Item] = []
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            display = self.app.get_key_display(binding)
            rank = binding.group.rank if isinstance(binding.group, Rank) else USUAL
            if binding.action in ("command_palette", "app.command_palette"):
                palette = [
                    Item(key_markup(binding.key, display, "palette"), f"{display} palette", 0, app=True)
                ]
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            words = f"{display} {binding.description}"
            item = Item(
                key_markup(binding.key, display, binding.description), words, rank, app=node is screen
            )
            (own if node is screen else view).append(item)
        return [*view, *own, *palette]

    def markup_for(self, screen: Screen[object], width: int = 80) -> str:
        """The keys to show as markup that fits ``width`` cells; those that give way show as '…'."""
        shown, gap = fit(self.items(screen), width)
        ellipsis = literal(str(glyphs.ELLIPSIS))
        return (" " * gap).join(ellipsis if item is None else item.markup for item in shown)

    def action_press(self, key: str) -> None:
        """A click on a key does what the key does."""
        self.app.simulate_key(key)
