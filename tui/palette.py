"""The command palette's actions and the `?` help's key list, both from the bindings and ``tui.keys``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.keys import APP_KEYS, EVERY_KEY, SCREEN_KEYS, TAB_KEYS, AppKey, key_by_id, keys_now
from tui.screens.main import MainScreen
from tui.screens.review import ReviewScreen
from tui.tabs import TABS
from tui.views.review.page import StagePage

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


def review_bindings() -> list[Binding]:
    """Review mode's keys, one per id with all its keys: the stage page's, then its screen's."""
    merged: dict[str, Binding] = {}
    for binding in _bindings(StagePage.BINDINGS) + _bindings(ReviewScreen.BINDINGS):
        held = merged.get(binding.id or binding.action)
        key = binding.key if held is None else f"{held.key},{binding.key}"
        merged[binding.id or binding.action] = replace(binding, key=key)
    return list(merged.values())


def _review_words(binding: Binding) -> str:
    return StagePage.DESCRIPTIONS.get(binding.id or "", binding.description)


def review_commands(app: App[Any], review: ReviewScreen) -> list[PaletteCommand]:
    """Review mode's own actions, for the palette while a review is on screen."""
    return [
        PaletteCommand(
            f"Review: {_review_words(binding)}",
            f"key {key_display(app, binding)} in review mode",
            partial(app.call_later, review.run_action, binding.action.removeprefix("screen.")),
        )
        for binding in review_bindings()
        if binding.id != "review.help"
    ]


def _paused_first(app: App[Any], review: ReviewScreen, command: PaletteCommand) -> PaletteCommand:
    """``command`` run after the review steps aside (its draft waits for R)."""

    def run() -> None:
        review.pause()
        app.call_later(command.run)

    return replace(command, run=run)


def palette_commands(app: App[Any], screen: MainScreen) -> list[PaletteCommand]:
    """Review mode's actions while it is open, each tab, each view's bound actions, the app's own."""
    commands = _main_commands(app, screen)
    review = next((s for s in app.screen_stack if isinstance(s, ReviewScreen)), None)
    if review is None:
        return commands
    keep = {key_by_id(i).long for i in ("app.help", "app.review")}  # these work over the review itself
    return review_commands(app, review) + [
        c if c.title in keep else _paused_first(app, review, c) for c in commands
    ]


def _main_commands(app: App[Any], screen: MainScreen) -> list[PaletteCommand]:
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


def review_help_rows(app: App[Any]) -> list[tuple[str, str]]:
    """(key, what it does) for review mode's keys, then the app's keys that work there."""
    rows = [(key_display(app, b), f"{_review_words(b)}  [{b.id}]") for b in review_bindings()]
    rows += [(app_key_display(app, k), f"{k.long}  [{k.id}]") for k in APP_KEYS]
    return rows


def keymap_scopes() -> list[list[tuple[str, str, str]]]:
    """For each view (and review mode), its bindings with the app's keys active with it (``tui.keymap``)."""
    shared = [(k.id, k.keys, k.description) for k in EVERY_KEY]
    scopes = [
        [(b.id, b.key, b.description) for b in Binding.make_bindings(entry.load().BINDINGS) if b.id] + shared
        for entry in TABS
    ]
    review = [
        (b.id, b.key, b.description)
        for b in Binding.make_bindings([*StagePage.BINDINGS, *ReviewScreen.BINDINGS])
        if b.id
    ]
    return [*scopes, review + [(k.id, k.keys, k.description) for k in APP_KEYS]]


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
