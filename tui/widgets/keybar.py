"""The footer line: the keys that work now, drawn in the same frame as the screen."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static


def literal(text: str) -> str:
    """``text`` as markup that shows it as typed, a lone ``[`` included."""
    return text.replace("[", "\\[")


def key_markup(key: str, display: str, description: str) -> str:
    """One clickable 'key Description' item."""
    return f"[@click=press({key!r})][b]{literal(display)}[/b] {literal(description)}[/]"


class KeyBar(Static):
    """Like Textual's Footer, but one line of text updated in place.

    The stock Footer builds a widget per key and rebuilds them after each frame in which
    the focus changed; on a large plan that delays the first complete frame noticeably.
    """

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis;
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

    def markup_for(self, screen: Screen[object], width: int = 80) -> str:
        """The keys to show, one per action, as markup that fits ``width`` cells.

        The screen's own keys (help, quit) and the palette always show, last; the view's
        keys come first, and those that do not fit give way to "…" (help lists them all).
        """
        seen: set[str] = set()
        view: list[tuple[str, str]] = []
        own: list[tuple[str, str]] = []
        palette: list[tuple[str, str]] = []
        for node, binding, enabled, _tooltip in screen.active_bindings.values():
            display = self.app.get_key_display(binding)
            if binding.action in ("command_palette", "app.command_palette"):
                palette = [(key_markup(binding.key, display, "palette"), f"{display} palette")]
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            item = (key_markup(binding.key, display, binding.description), f"{display} {binding.description}")
            (own if node is screen else view).append(item)
        fixed = [*own, *palette]
        room = width - sum(len(plain) + 2 for _, plain in fixed)
        shown: list[str] = []
        for index, (markup, plain) in enumerate(view):
            rest = view[index + 1 :]
            need = len(plain) + 2 + (3 if rest else 0)  # room for "…  " if more follow
            if need > room:
                shown.append("…")
                break
            shown.append(markup)
            room -= len(plain) + 2
        return "  ".join([*shown, *(markup for markup, _ in fixed)])

    def action_press(self, key: str) -> None:
        """A click on a key does what the key does."""
        self.app.simulate_key(key)
