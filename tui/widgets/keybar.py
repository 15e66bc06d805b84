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
            self.update(self.markup_for(screen))

    def markup_for(self, screen: Screen[object]) -> str:
        """The keys to show, one per action, as markup."""
        seen: set[str] = set()
        items: list[str] = []
        palette = ""
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.action in ("command_palette", "app.command_palette"):
                palette = key_markup(binding.key, self.app.get_key_display(binding), "palette")
            if not binding.show or not enabled or binding.action in seen:
                continue
            seen.add(binding.action)
            items.append(key_markup(binding.key, self.app.get_key_display(binding), binding.description))
        return "  ".join([*items, palette] if palette else items)

    def action_press(self, key: str) -> None:
        """A click on a key does what the key does."""
        self.app.simulate_key(key)
