"""Another writer changed the plan under the app: the save is refused, the edit kept, and the app asks."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pilot_helpers import notices, type_text

from schemas.defaults import default_plan
from schemas.edits import PlanEdit, changed
from schemas.enums import UseCaseStatus
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.conflict import ConflictDialog

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIZE = (80, 24)


def another_writer(plan: Path, cap: int) -> None:
    """Edit a copy of the plan and move it in: the file is a new inode the app does not hold."""
    copy = plan.with_name("copy.json")
    shutil.copyfile(plan, copy)
    with PlanStore.open(copy) as elsewhere:
        policy = elsewhere.plan.policy
        elsewhere.apply(
            "policy.edit", PlanEdit("p", changed(policy, pilot_cap=cap), f"Cap {cap}").changes, f"Cap {cap}"
        )
    os.replace(copy, plan)


def app_over(plan: Path) -> CoachApp:
    return CoachApp(PlanStore.open(plan), today=NOW.date())


async def test_a_refused_save_shows_both_sides_and_save_as_keeps_the_edit(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    PlanStore.create(plan, default_plan(NOW), summary="Created.").close()
    app = app_over(plan)
    async with app.run_test(size=SIZE) as pilot:
        another_writer(plan, 61)
        on_disk = plan.read_bytes()
        await pilot.press("3", "right_square_bracket")  # tighten the first use case
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        assert any("Cap 61" in line for line in dialog.theirs)
        assert any("Meeting preparation" in line for line in dialog.mine)
        assert plan.read_bytes() == on_disk  # nothing written over the other writer
        await pilot.press("s")
        await type_text(pilot, str(tmp_path / "mine.json"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main and "mine.json" in str(app.main.query_one("#title").render())
        assert any("Saved as" in n for n in notices(app))
    app.store.close()
    with PlanStore.open(tmp_path / "mine.json", read_only=True) as mine:
        assert mine.plan.use_cases[0].status is UseCaseStatus.PERMITTED_WITH_CONTROLS
    with PlanStore.open(plan, read_only=True) as theirs:
        assert (
            theirs.plan.policy.pilot_cap == 61 and theirs.plan.use_cases[0].status is UseCaseStatus.PERMITTED
        )


async def test_reload_takes_the_file_and_the_app_goes_on_saving_there(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    PlanStore.create(plan, default_plan(NOW), summary="Created.").close()
    app = app_over(plan)
    async with app.run_test(size=SIZE) as pilot:
        another_writer(plan, 62)
        await pilot.press("3", "right_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("r")
        await pilot.pause()
        assert app.store.plan.policy.pilot_cap == 62 and not app.store.dirty
        assert app.store.plan.use_cases[0].status is UseCaseStatus.PERMITTED  # the unsaved edit dropped
        assert any("1 change by another writer" in n for n in notices(app))
        await pilot.press("right_square_bracket")  # the app saves into the file again
        await pilot.pause()
        assert app.store.save_error is None
    app.store.close()
    with PlanStore.open(plan, read_only=True) as saved:
        assert [e.summary for e in saved.history()][-2:] == [
            "Cap 62",
            'Use case "Meeting preparation": permitted -> permitted with controls.',
        ]


async def test_later_keeps_the_edit_and_asks_again_with_the_next_edit(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    PlanStore.create(plan, default_plan(NOW), summary="Created.").close()
    app = app_over(plan)
    async with app.run_test(size=SIZE) as pilot:
        another_writer(plan, 63)
        await pilot.press("3", "right_square_bracket")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main and app.store.dirty
        assert "NOT SAVED" in str(app.main.query_one("#save-status").render())
        await pilot.press("j", "right_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog) and len(app.screen.mine) == 2
    app.store.close()


async def test_an_unexpected_error_ends_in_one_line_without_plan_content(
    memory_store: PlanStore, capfd: pytest.CaptureFixture[str]
) -> None:
    app = CoachApp(memory_store, today=NOW.date())
    with pytest.raises(ValueError):  # a test run re-raises what ended the app
        async with app.run_test(size=SIZE):
            app._handle_exception(ValueError("the plan's secret statement"))
    printed = capfd.readouterr().err.strip().splitlines()
    assert printed[-1].startswith("coach-rollout: stopped by an unexpected error (ValueError)")
    assert "secret" not in "".join(printed) and "Traceback" not in "".join(printed)
    assert app.return_code == 1
