"""The command palette's actions and the `?` help's key list, both from the bindings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.views import TABS

if TYPE_CHECKING:
    from tui.app import CoachApp
    from tui.views.base import PlanView

APP_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("undo", "Undo the latest change", "ctrl+z"),
    ("redo", "Redo the latest undone change", "ctrl+y"),
    ("help", "Help for the current view", "?"),
    ("request_quit", "Quit", "q"),
)
"""App-wide actions listed in the palette and in every help: (action, title, key)."""


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


def palette_commands(app: CoachApp, run_view_action: Callable[[str, str], None]) -> list[PaletteCommand]:
    """Each view's tab, each view's bound actions, then the app's own actions."""
    commands: list[PaletteCommand] = []
    for view in (entry.load() for entry in TABS):
        commands.append(
            PaletteCommand(
                f"Go to {view.TAB_TITLE}",
                f"key {view.TAB_KEY}",
                partial(app.call_later, app.action_switch_view, view.TAB_ID),
            )
        )
        for binding in _bindings(view.BINDINGS):
            commands.append(
                PaletteCommand(
                    f"{view.TAB_TITLE}: {binding.description}",
                    f"key {key_display(app, binding)} in {view.TAB_TITLE}",
                    partial(run_view_action, view.TAB_ID, binding.action),
                )
            )
    for action, title, key in APP_ACTIONS:
        commands.append(PaletteCommand(title, f"key {key}", partial(app.call_later, app.run_action, action)))
    return commands


def keymap_scopes() -> list[list[tuple[str, str, str]]]:
    """For each view, its bindings with the main screen's and the app's: the keys active together."""
    from tui.app import CoachApp
    from tui.screens.main import MainScreen

    shared = [*MainScreen.BINDINGS, *CoachApp.BINDINGS]
    return [
        [
            (b.id, b.key, b.description)
            for b in Binding.make_bindings([*entry.load().BINDINGS, *shared])
            if b.id
        ]
        for entry in TABS
    ]


def key_display(app: CoachApp, binding: Binding) -> str:
    """The key(s) a binding answers to now, the user's remapping included."""
    keys = app.keymap.get(binding.id or "", binding.key).split(",")
    return "/".join(app.get_key_display(replace(binding, key=key.strip())) for key in keys)


def binding_rows(app: CoachApp, view: PlanView) -> list[tuple[str, str]]:
    """(key, description) of the view's keys, then the app's keys, for the help."""
    # The binding id is shown so a user can remap the key in keys.json (see `coach-rollout paths`).
    rows = [(key_display(app, b), f"{b.description}  [{b.id}]") for b in _bindings(view.BINDINGS)]
    rows.append((f"{TABS[0].key}-{TABS[-1].key}", "switch tab (when no text field has focus)"))
    rows.extend((key, title) for _action, title, key in APP_ACTIONS)
    rows.extend([("ctrl+p", "command palette: every action of every view"), ("ctrl+q", "Quit")])
    return rows


class ViewCommands(Provider):
    """Lists every action of every view, named with its view."""

    def _commands(self) -> list[PaletteCommand]:
        return self.app.palette()  # type: ignore[attr-defined, no-any-return]

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
