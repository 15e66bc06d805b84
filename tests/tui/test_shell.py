"""The app shell: tabs, help, command palette, read-only, lock, failed saves and quitting."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_helpers import notices, type_text
from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from schemas.enums import StageStatus
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.dialogs.help import HelpDialog
from tui.palette import palette_commands
from tui.tabs import TABS
from tui.widgets.keybar import KeyBar
from tui.widgets.tabbar import TabBar, tab_line

SIZE = (80, 24)


async def test_digits_switch_tabs_and_focus_the_view(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.main
        assert screen.active_tab == "overview"
        await pilot.press("2")
        assert screen.active_tab == "stages" and app.focused is screen.query_one("#stage-list")
        assert screen.query_one("#view-stages").display and not screen.query_one("#view-overview").display
        await pilot.press("1")
        assert screen.active_tab == "overview"


async def test_a_click_on_the_tab_line_switches_and_marks_the_tab(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        line = app.main.query_one(TabBar)
        at = str(line.render()).index(" 2 ")  # the digit: titles give way when all do not fit
        await pilot.click(TabBar, offset=(at + 1, 0))
        await pilot.pause()
        assert app.main.active_tab == "stages"
        marked = [span for span in line.render().spans if "reverse" in str(span.style)]
        assert [str(line.render())[span.start : span.end] for span in marked] == [" 2 Stages "]


def test_a_narrow_tab_line_keeps_the_digits_and_the_active_title() -> None:
    assert tab_line(TABS, "raci", 200).plain.split("  ")[0] == " 1 Overview"
    narrow = "".join(f" {t.key} RACI " if t.id == "raci" else f" {t.key} " for t in TABS)
    assert tab_line(TABS, "raci", 40).plain == narrow


async def test_question_mark_shows_the_current_views_help_and_keys(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "question_mark")
        assert isinstance(app.screen, HelpDialog)
        assert app.screen.help_title == "Stages"
        keys = dict(app.screen.keys)
        assert keys["e"] == "Evidence  [stages.evidence]" and keys["o"] == "Reopen  [stages.reopen]"
        assert keys["ctrl+z"].startswith("Undo")
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpDialog)


async def test_every_binding_of_every_view_has_an_id_and_is_in_the_palette(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test():
        titles = {command.title for command in palette_commands(app, app.main)}
    for view in (entry.load() for entry in TABS):
        assert f"Go to {view.TAB_TITLE}" in titles
        for binding in view.BINDINGS:
            assert binding.id, f"{view.__name__} binding {binding.key} has no id"
            assert f"{view.TAB_TITLE}: {binding.description}" in titles
    assert {"Undo the latest change", "Redo the latest undone change", "Quit"} <= titles


async def test_the_palette_runs_a_view_action_on_its_tab(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "Stages: Start")
        await pilot.pause(0.3)  # the palette searches in a worker; wait for its results
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.active_tab == "stages"
        assert memory_store.plan.stage(1).status is StageStatus.IN_PROGRESS


async def test_read_only_refuses_edits_with_a_message(memory_store: PlanStore, make_app) -> None:
    memory_store.read_only = True
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        assert "READ-ONLY" in app.sub_title
        await pilot.press("2", "s", "e", "ctrl+z")
        assert not isinstance(app.screen, FormDialog) and app.screen is app.main
        assert memory_store.plan.stage(1).status is StageStatus.NOT_STARTED
        assert any("read-only" in n for n in notices(app))


async def test_a_plan_open_elsewhere_opens_read_only_and_says_so(tmp_path: Path, make_app) -> None:
    from datetime import UTC, datetime

    from schemas.defaults import default_plan

    path = tmp_path / "plan.json"
    first = PlanStore.create(path, default_plan(datetime(2025, 3, 3, tzinfo=UTC)))
    second = PlanStore.open(path)
    try:
        app: CoachApp = make_app(second)
        async with app.run_test(size=SIZE):
            assert second.read_only and "READ-ONLY" in app.sub_title
            assert any("open in another Coach Rollout" in n for n in notices(app))
    finally:
        second.close()
        first.close()


def _fail_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:  # every durable write ends in fsync: fail it as a full disk does
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.fsync", full)


async def test_a_failed_save_is_shown_retried_and_cleared(
    file_store: PlanStore, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    app: CoachApp = make_app(file_store)
    async with app.run_test(size=SIZE) as pilot:
        _fail_saves(monkeypatch)
        await pilot.press("2", "s")
        assert file_store.dirty
        status = app.screen.query_one("#save-status", Static)
        assert status.display and "No space left on device" in str(status.render())
        assert any("No space left on device" in n for n in notices(app))
        app.retry_save()
        assert file_store.dirty and status.display
        monkeypatch.undo()
        app.retry_save()
        assert not file_store.dirty and not status.display
    on_disk = PlanStore.open(file_store.path, read_only=True)
    assert on_disk.plan.stage(1).status is StageStatus.IN_PROGRESS


async def test_quit_with_an_unsaved_edit_asks_first(
    file_store: PlanStore, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    app: CoachApp = make_app(file_store)
    async with app.run_test(size=SIZE) as pilot:
        _fail_saves(monkeypatch)
        await pilot.press("2", "s", "q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "No space left on device" in app.screen.message
        await pilot.press("n")
        assert app.screen is app.main and app.return_code is None
        await pilot.press("ctrl+q", "y")
        assert app.return_code == 0


async def test_quit_with_everything_saved_does_not_ask(file_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(file_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "q")
        assert app.return_code == 0
    assert PlanStore.open(file_store.path, read_only=True).plan.stage(1).status is StageStatus.IN_PROGRESS


async def test_ctrl_q_over_an_untouched_form_quits_at_once(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+q")
        assert app.return_code == 0


async def test_ctrl_q_with_a_form_open_asks_before_dropping_it(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await type_text(pilot, "Half written")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ConfirmDialog) and "form is open" in app.screen.message
        await pilot.press("n")
        assert isinstance(app.screen, FormDialog) and app.screen.raw_values()["result"] == "Half written"
        assert app.return_code is None


async def test_the_key_bar_lists_the_keys_of_the_focused_view(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        for item in ("s Start", "e Evidence", "w Changed", "c Complete", "o Reopen", "? Help", "q Quit"):
            assert item in bar
        app.screen.query_one(KeyBar).action_press("s")
        await pilot.pause()
        assert memory_store.plan.stage(1).status is StageStatus.IN_PROGRESS


async def test_at_80_columns_help_quit_and_the_palette_stay_and_rarer_keys_give_way(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        for digit in "236":
            await pilot.press(digit)
            await pilot.pause()
            bar = str(app.screen.query_one(KeyBar).render())
            # Rarer keys give way to "…" (R Review too, where room is short: ? and ^p list it).
            assert "…  ? Help  q Quit  " in bar and bar.endswith("^p palette"), bar
            assert len(bar) <= SIZE[0]
        await pilot.press("2")
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        assert bar.startswith("s Start  e Evidence  c Complete  o Reopen")  # the keys that move it forward


async def test_help_names_the_digits_of_the_tabs_that_exist(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        keys = dict(app.screen.keys)
        assert keys[f"{TABS[0].key}-{TABS[-1].key}"].startswith("switch tab")  # 1-9 once tab 9 is there


async def test_footer_shows_bracket_keys_as_typed(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("3")
        bar = str(app.screen.query_one(KeyBar).render())
        assert "[ Loosen" in bar and "] Tighten" in bar
        assert "[/b]" not in bar


def test_every_tab_names_its_view_and_the_view_names_its_tab() -> None:
    for entry in TABS:
        view = entry.load()
        assert (view.TAB_ID, view.TAB_TITLE, view.TAB_KEY, view.TABLES) == (
            entry.id,
            entry.title,
            entry.key,
            entry.tables,
        )
    assert [entry.key for entry in TABS] == sorted(entry.key for entry in TABS)


def test_only_the_overview_module_is_imported_with_the_app() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, tui.app; "
        "print(sorted(m for m in sys.modules if m.startswith('tui.views.') and m != 'tui.views.base'))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "[]", result.stderr


async def test_the_palette_holds_only_the_apps_actions_and_its_quit_asks_like_ctrl_q(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")  # the stage form
        await type_text(pilot, "A constraint")
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        for stock in ("Screenshot", "Theme", "Keys", "Maximize"):
            await type_text(pilot, stock)
            await pilot.pause(0.3)  # the palette searches in a worker
            offered = [str(o.prompt) for o in app.screen.query_one(CommandList).options]
            assert not [o for o in offered if stock.lower() in o.lower()], offered
            await pilot.press(*["backspace"] * len(stock))
        await type_text(pilot, "Quit")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and app.return_code is None  # asked, did not exit
        assert "not saved" in str(app.screen.message)
