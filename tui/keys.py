"""The app's own keys, declared once with their ids (no Textual): help, palette, key bar and keymap read them.

Each view declares its keys in its ``BINDINGS`` (every binding with an id); the keys
that work on every tab live here. The main screen and the app turn them into Textual
bindings, the `?` help and the command palette show them with the user's remapping
(:func:`keys_now`), and ``tui.keymap`` checks a remapping against them, so a remap
changes every place a key is shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.tabs import TABS


@dataclass(frozen=True)
class AppKey:
    """One key of the app: its id (for remapping), keys, action and what it does."""

    id: str
    """The binding id, e.g. ``app.quit``; keys.json remaps by it."""
    keys: str
    """The default keys, comma-separated, as Textual names them (``question_mark``)."""
    action: str
    """The action it runs, e.g. ``app.request_quit``."""
    description: str
    """What it does, for the key bar, the help and the palette."""
    show: bool = True
    """Shown in the key bar."""
    display: str = ""
    """How the default key is written when its name is not ('?' for question_mark)."""
    priority: bool = False
    """Works even while a form has focus (ctrl+q, ctrl+p)."""
    palette: bool = True
    """Listed in the command palette."""
    title: str = ""
    """What the palette and the help call it, when the key bar's word is too short."""
    rank: int = 1
    """How readily it gives way in a narrow key bar: 0 never, 1 after the view's usual keys."""

    @property
    def long(self) -> str:
        """The palette's and the help's words for it."""
        return self.title or self.description


SCREEN_KEYS: tuple[AppKey, ...] = (
    AppKey(
        "app.help",
        "question_mark",
        "app.help",
        "Help",
        display="?",
        title="Help for the current view",
        rank=0,
    ),
    AppKey("app.quit", "q", "app.request_quit", "Quit"),
    AppKey(
        "app.review",
        "R",
        "app.review",
        "Review",
        title="Review mode: walk the stages in a meeting (or return to the one in progress)",
    ),
    AppKey("app.undo", "ctrl+z", "app.undo", "Undo", show=False, title="Undo the latest change"),
    AppKey("app.redo", "ctrl+y", "app.redo", "Redo", show=False, title="Redo the latest undone change"),
)
"""Keys of the main screen: a modal form does not inherit them (q types a q there)."""

APP_KEYS: tuple[AppKey, ...] = (
    AppKey("app.ctrl_quit", "ctrl+q", "request_quit", "Quit", show=False, priority=True, palette=False),
    AppKey(
        "app.palette",
        "ctrl+p",
        "command_palette",
        "palette",
        show=False,
        priority=True,
        palette=False,
        title="command palette: every action of every view",
    ),
)
"""Keys of the app itself: they work on every screen, forms included."""

TAB_KEYS: tuple[AppKey, ...] = tuple(
    AppKey(f"tab.{t.id}", t.key, f"switch_view('{t.id}')", t.title, show=False, palette=False) for t in TABS
)
"""One digit per tab, on the main screen; hidden in the key bar (the tab line shows the digits)."""

EVERY_KEY: tuple[AppKey, ...] = (*SCREEN_KEYS, *APP_KEYS, *TAB_KEYS)
"""All of the above, for the keymap's checks."""


def keys_now(key: AppKey, keymap: Mapping[str, str]) -> list[str]:
    """The keys ``key`` answers to now, the user's remapping included."""
    return [part.strip() for part in keymap.get(key.id, key.keys).split(",")]


def key_by_id(key_id: str) -> AppKey:
    """The app key with this id."""
    return next(k for k in EVERY_KEY if k.id == key_id)
