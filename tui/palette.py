"""The command palette's actions and the `?` help's key list, both from the bindings and ``tui.keys``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.keys import APP_KEYS, EVERY_KEY, SCREEN_KEYS, TAB_KEYS, AppKey, keys_now
from tui.screens.main import MainScreen
from tui.tabs import TABS

if TYPE_CHECKING:
    from textual.app import App

    from tui.views.base import PlanView


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the command palette."""

    title: str
    """What it does, prefixed with the view's name."""
    help: str
    """The key that does the same."""
    run: Callable[[], object]
    """Runs the action."""


def _bindings(bindings: list[BindingType]) -> list[Binding]:
    return [b for b in Binding.make_bindings(bindings) if b.description]


def key_display(app: App[Any], binding: Binding) -> str:
    """The key(s) a view's binding answers to now, the user's remapping included."""
    keys = app_keymap(app).get(binding.id or "", binding.key).split(",")
    return "/".join(app.get_key_display(replace(binding, key=key.strip())) for key in keys)


def app_keymap(app: App[Any]) -> dict[str, str]:
    """The user's remapping the app was started with."""
    keymap: dict[str, str] = getattr(app, "keymap", {})
    return keymap


def app_key_display(app: App[Any], key: AppKey) -> str:
    """How one of the app's keys is written now ('?', 'x' once remapped)."""
    keymap = app_keymap(app)
    if key.id not in keymap and key.display:
        return key.display
    return "/".join(keys_now(key, keymap))  # as typed in keys.json: 'ctrl+z', not '^z'


def palette_commands(app: App[Any], screen: MainScreen) -> list[PaletteCommand]:
    """Each tab, each view's bound actions, then the app's own actions."""
    commands: list[PaletteCommand] = []
    for view in (entry.load() for entry in TABS):
        tab_key = next(k for k in TAB_KEYS if k.id == f"tab.{view.TAB_ID}")
        commands.append(
            PaletteCommand(
                f"Go to {view.TAB_TITLE}",
                f"key {app_key_display(app, tab_key)}",
                partial(app.call_later, screen.action_switch_view, view.TAB_ID),
            )
        )
        for binding in _bindings(view.BINDINGS):
            commands.append(
                PaletteCommand(
                    f"{view.TAB_TITLE}: {binding.description}",
                    f"key {key_display(app, binding)} in {view.TAB_TITLE}",
                    partial(app.call_later, screen.run_view_action, view.TAB_ID, binding.action),
                )
            )
    for key in (k for k in SCREEN_KEYS if k.palette):
        run = partial(app.call_later, app.run_action, key.action.removeprefix("app."))
        commands.append(PaletteCommand(key.long, f"key {app_key_display(app, key)}", run))
    return commands


def help_rows(app: App[Any], view: PlanView) -> list[tuple[str, str]]:
    """(key, what it does) for the view's keys, the tab digits, then the app's keys."""
    # The binding id is shown so a user can remap the key in keys.json (see `coach-rollout paths`).
    rows = [(key_display(app, b), f"{b.description}  [{b.id}]") for b in _bindings(view.BINDINGS)]
    rows.append((f"{TABS[0].key}-{TABS[-1].key}", "switch tab (when no text field has focus)"))
    rows += [(app_key_display(app, k), f"{k.long}  [{k.id}]") for k in (*SCREEN_KEYS, *APP_KEYS)]
    return rows


def keymap_scopes() -> list[list[tuple[str, str, str]]]:
    """For each view, its bindings with the app's keys: the keys active together (``tui.keymap``)."""
    shared = [(k.id, k.keys, k.description) for k in EVERY_KEY]
    return [
        [(b.id, b.key, b.description) for b in Binding.make_bindings(entry.load().BINDINGS) if b.id] + shared
        for entry in TABS
    ]


class PlanCommands(Provider):
    """Lists every action of every view and of the app, named with its view."""

    def _commands(self) -> list[PaletteCommand]:
        main = self.app.screen_stack[0]
        return palette_commands(self.app, main) if isinstance(main, MainScreen) else []

    async def discover(self) -> Hits:
        """All actions, in tab order, before anything is typed."""
        for command in self._commands():
            yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """Actions whose title matches what was typed."""
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(score, matcher.highlight(command.title), command.run, help=command.help)
