"""Overview: each stage's status, evidence and findings; the findings list; the next action."""

from __future__ import annotations

from datetime import UTC, datetime

from textual.widgets import DataTable, OptionList, Static, TabbedContent

from schemas.enums import StageStatus
from schemas.history import Put, Set
from store import PlanStore
from tui.app import CoachApp
from tui.views.stages import StagesView

SIZE = (80, 24)


def _evidence(stage: int, n: int) -> Put:
    record = {
        "id": f"ev-{n}",
        "stage": stage,
        "result": "Seen",
        "recorded_by": "Dana",
        "recorded_at": datetime(2025, 3, 1, tzinfo=UTC).isoformat(),
    }
    return Put(table="evidence", record=record)


def _complete(store: PlanStore, number: int) -> None:
    store.apply("test", [Set(table="stages", key=f"stage-{number}", field="status", value="complete")], "t")


def _row(app: CoachApp, number: int) -> list[str]:
    table = app.screen.query_one("#stage-table", DataTable)
    return [str(cell) for cell in table.get_row(f"stage-{number}")]


def _findings(app: CoachApp) -> list[str]:
    listing = app.screen.query_one("#findings", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def test_each_stage_shows_status_evidence_and_findings(memory_store: PlanStore, make_app) -> None:
    memory_store.apply("test", [_evidence(1, 1), _evidence(1, 2)], "t")
    _complete(memory_store, 1)
    _complete(memory_store, 3)  # out of order: a blocking stage-gate finding on stage 3
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE):
        assert _row(app, 1)[2:4] == ["[x] complete", "2"]
        assert _row(app, 2)[2:4] == ["[ ] not started", "0"]
        assert _row(app, 3)[2] == "[x] complete" and "✗" in _row(app, 3)[4]


async def test_findings_name_their_severity_in_words(memory_store: PlanStore, make_app) -> None:
    _complete(memory_store, 1)  # complete without evidence: blocking
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE):
        lines = _findings(app)
        assert lines[0].startswith("✗ BLOCKING S1") and "no completion evidence" in lines[0]
        assert "blocking" in str(app.screen.query_one("#findings").border_title)


async def test_the_next_action_is_one_line_that_follows_the_plan(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        line = str(app.screen.query_one("#next-action", Static).render())
        assert line.startswith("Next: Start stage 1")
        await pilot.press("2", "s", "1")
        line = str(app.screen.query_one("#next-action", Static).render())
        assert line.startswith("Next: Write the current constraint")


async def test_enter_on_a_finding_goes_to_the_stage_that_fixes_it(memory_store: PlanStore, make_app) -> None:
    memory_store.apply("test", [_evidence(1, 1)], "t")
    _complete(memory_store, 1)
    _complete(memory_store, 2)
    memory_store.apply("test", [Set(table="stages", key="stage-3", field="status", value="in_progress")], "t")
    _complete(memory_store, 1)
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        lines = _findings(app)
        target = next(i for i, line in enumerate(lines) if "BLOCKING S2" in line)
        app.screen.query_one("#findings", OptionList).highlighted = target
        await pilot.press("enter")
        assert app.screen.query_one(TabbedContent).active == "stages"
        view = app.screen.query_one(StagesView)
        assert view.stage.number == 2 and view.stage.status is StageStatus.COMPLETE
        assert app.focused is app.screen.query_one("#stage-list")


async def test_enter_on_a_stage_row_opens_that_stage(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#stage-table", DataTable).focus()
        await pilot.press("j", "j", "enter")
        assert app.screen.query_one(TabbedContent).active == "stages"
        assert app.screen.query_one(StagesView).stage.number == 3


async def test_the_overview_follows_changes_made_in_other_tabs(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "1")
        assert _row(app, 1)[2] == "[~] in progress"
