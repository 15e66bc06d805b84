"""Notifications at 80x24: one at a time, short, in a corner that covers no table (Pilot)."""

from __future__ import annotations

from pathlib import Path

from planbuild import fresh
from textual.widget import Widget
from textual.widgets._toast import Toast

from schemas.edits import changed
from store import PlanStore
from tui.app import CoachApp
from tui.session import NOTHING_TO_UNDO
from tui.views.raci.grid import RaciGrid
from tui.widgets.linetable import LineTable
from tui.widgets.lists import PlanList

SIZE = (80, 24)


def toasts(app: CoachApp) -> list[Toast]:
    return list(app.screen.query(Toast))


def tables(app: CoachApp) -> list[Widget]:
    """Every list or table of the visible view, where rows are drawn."""
    view = app.main.active_view
    return [w for w in view.query("*") if isinstance(w, LineTable | PlanList | RaciGrid) and w.region]


async def test_a_refusal_pressed_three_times_shows_once_in_a_corner_clear_of_the_list() -> None:
    app = CoachApp(PlanStore.memory(fresh()))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("2", "c", "c", "c")  # complete, refused: no evidence
        await pilot.pause(0.1)
        shown = toasts(app)
        assert len(shown) == 1  # they used to stack, three of them over the view
        toast = shown[0]
        assert "Stage 1 cannot be completed yet: 1 thing missing" in str(toast.render())
        assert toast.region.right >= SIZE[0] - 2  # the right-hand corner
        assert toast.region.bottom <= SIZE[1] - 1  # above the key bar
        assert toast.region.height <= 4
        assert not any(toast.region.overlaps(table.region) for table in tables(app))


async def test_notices_sent_faster_than_the_screen_updates_still_show_one() -> None:
    app = CoachApp(PlanStore.memory(fresh()))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for n in range(3):  # as keys typed ahead reach the app: all before one frame
            app.notify(f"Refused {n}.", title="Not complete", severity="error")
        await pilot.pause(0.1)
        assert [str(toast.render()).split("\n")[-1] for toast in toasts(app)] == ["Refused 2."]


async def test_on_every_tab_a_notice_covers_no_table() -> None:
    app = CoachApp(PlanStore.memory(fresh()))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for key in "123456":
            await pilot.press(key, "ctrl+z")  # nothing to undo: the longest of the app's own notices
            await pilot.pause(0.1)
            (toast,) = toasts(app)
            assert NOTHING_TO_UNDO in str(toast.render()).replace("\n", " ")
            covered = [t.id for t in tables(app) if toast.region.overlaps(t.region)]
            assert covered == [], f"tab {key}: the notice covers {covered}"


async def test_undo_with_nothing_of_this_session_says_where_earlier_changes_are(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    store = PlanStore.create(path, fresh(), summary="Created.")
    stage = store.plan.stage(1)
    store.apply("stages.edit", changed(stage, constraint="No reviewer yet"), "Edited stage 1.")
    store.close()
    again = PlanStore.open(path)
    try:
        app = CoachApp(again)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("ctrl+z")  # the edit was made in an earlier session
            await pilot.pause(0.1)
            (toast,) = toasts(app)
            text = " ".join(str(toast.render()).split())
            assert text == "Nothing to undo in this session; coach-rollout history shows earlier changes."
            assert again.plan.stage(1).constraint == "No reviewer yet"
    finally:
        again.close()
