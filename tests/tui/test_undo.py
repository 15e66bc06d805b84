"""Undo and redo through the store's history: every kind of change, each step recorded."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import notices, type_text

from schemas.enums import StageStatus
from schemas.history import first_broken
from store import PlanStore
from store.loading import read_tables
from tui.app import CoachApp
from tui.cli.main import main as cli
from tui.widgets.linetable import LineTable

SIZE = (80, 24)


def _chain_ok(path: Path) -> bool:
    history = read_tables(path)["history"]
    return first_broken([{"id": key, **doc} for key, doc in history.items()]) is None


async def _three_kinds_of_change(pilot) -> None:  # type: ignore[no-untyped-def]
    """Edit a field, add a record, change a status (with its time)."""
    await pilot.press("2", "enter")
    await type_text(pilot, "No reviewer yet")
    await pilot.press("ctrl+s", "e")
    await type_text(pilot, "Signed matrix")
    await pilot.press("tab")
    await type_text(pilot, "Dana")  # Recorded by: typed, no display name is set
    await pilot.press("ctrl+s", "s", "c")
    await pilot.pause()


async def test_undo_and_redo_across_several_kinds_of_change(file_store: PlanStore, make_app, capsys) -> None:
    before = file_store.plan
    app: CoachApp = make_app(file_store)
    async with app.run_test(size=SIZE) as pilot:
        await _three_kinds_of_change(pilot)
        done = file_store.plan
        assert done.stage(1).status is StageStatus.COMPLETE and len(done.evidence) == 1
        assert done.stage(1).constraint == "No reviewer yet"
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+z", "ctrl+z")
        undone = file_store.plan
        assert undone.stages == before.stages and undone.evidence == []
        actions = [e.action for e in file_store.history()]
        assert actions[-4:] == ["undo"] * 4 and len(actions) == 1 + 4 + 4
        assert "Undid: Edited stage 1: constraint." in notices(app)
        await pilot.press("ctrl+y", "ctrl+y", "ctrl+y", "ctrl+y")
        assert file_store.plan.stages == done.stages and file_store.plan.evidence == done.evidence
        assert [e.action for e in file_store.history()][-4:] == ["redo"] * 4
        await pilot.press("ctrl+y")
        assert "Nothing to redo." in notices(app)
    assert _chain_ok(file_store.path)
    assert cli(["verify", str(file_store.path)]) == 0
    assert "chain intact" in capsys.readouterr().out


async def test_undo_refreshes_every_view(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "1", "ctrl+z")
        assert memory_store.plan.stage(1).status is StageStatus.NOT_STARTED
        table = app.screen.query_one("#stage-table", LineTable)
        assert table.rows[0][2] == "[ ] not started"
        await pilot.press("2")
        assert str(app.screen.query_one("#stage-list").get_option_at_index(0).prompt).startswith("[ ]")


async def test_a_new_change_after_undo_clears_redo(named_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "ctrl+z", "w")
        await type_text(pilot, "Kick-off held")
        await pilot.press("ctrl+s", "ctrl+y")
        await pilot.pause()
        assert named_store.plan.stage(1).status is StageStatus.NOT_STARTED
        assert "Nothing to redo." in notices(app)
