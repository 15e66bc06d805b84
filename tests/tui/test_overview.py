"""Overview: each stage's status, evidence and findings; the findings list; the next action."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Static

from schemas.enums import StageStatus
from schemas.findings import evaluate
from schemas.history import Put, Set
from store import PlanStore
from tui.app import CoachApp
from tui.views.overview.view import OverviewView
from tui.views.stages.view import StagesView
from tui.widgets.linetable import LineTable
from tui.widgets.textpanel import TextPanel

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


def _table(app: CoachApp, name: str) -> LineTable:
    return app.screen.query_one(f"#{name}", LineTable)


def _row(app: CoachApp, number: int) -> list[str]:
    return list(_table(app, "stage-table").rows[number - 1])


def _findings(app: CoachApp) -> list[tuple[str, ...]]:
    return [tuple(row) for row in _table(app, "findings").rows]


def _text(app: CoachApp, name: str) -> str:
    return str(app.screen.query_one(f"#{name}", Static).render())


async def test_each_stage_shows_status_evidence_and_findings(memory_store: PlanStore, make_app) -> None:
    memory_store.apply("test", [_evidence(1, 1), _evidence(1, 2)], "t")
    _complete(memory_store, 1)
    _complete(memory_store, 3)  # out of order: a blocking stage-gate finding on stage 3
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE):
        assert _row(app, 1)[:4] == ["1", "Define Permitted Use Cases", "[x] complete", "2"]
        assert _row(app, 2)[2:4] == ["[ ] not started", "0"]
        # Complete out of order and without evidence: shown as not holding, with a blocking finding.
        assert _row(app, 3)[2] == "[x!] complete, no longer holds" and "✗" in _row(app, 3)[4]
        assert [c.title for c in _table(app, "stage-table").columns] == [
            "#",
            "Stage",
            "Status",
            "Evidence",
            "Findings",
        ]


async def test_at_80_by_24_all_eight_stages_and_the_findings_are_on_screen(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE):
        table, listing = _table(app, "stage-table"), _table(app, "findings")
        assert len(table.rows) == 8 and table.size.height == 9  # the header and every stage
        assert listing.region.y >= table.region.bottom
        assert listing.size.height >= 2 and listing.region.bottom <= 24  # its header and a finding


async def test_findings_name_their_severity_in_words(memory_store: PlanStore, make_app) -> None:
    _complete(memory_store, 1)  # complete without evidence: blocking
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE):
        symbol, word, where, message = _findings(app)[0]
        assert (symbol, word, where) == ("✗", "BLOCKING", "S1") and "no completion evidence" in message
        title = str(_table(app, "findings").border_title)
        assert title.startswith("Findings: ") and "1 blocking" in title


def _detail(app: CoachApp) -> str:
    return app.screen.query_one("#finding-detail", TextPanel).text


async def test_the_detail_follows_the_highlighted_finding(memory_store: PlanStore, make_app) -> None:
    _complete(memory_store, 1)
    _complete(memory_store, 3)
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        messages = {f.message: f.fix for f in evaluate(memory_store.plan, app.session.today)}
        rows = _findings(app)
        assert len(rows) >= 2
        # The whole message the list may cut, then the fix.
        assert _detail(app) == f"{rows[0][3]}\nFix: {messages[rows[0][3]]}"
        await pilot.press("j")
        assert _detail(app) == f"{rows[1][3]}\nFix: {messages[rows[1][3]]}"
        await pilot.press("k")
        assert _detail(app) == f"{rows[0][3]}\nFix: {messages[rows[0][3]]}"


async def test_every_finding_is_listed_however_many(memory_store: PlanStore, make_app) -> None:
    cases = [
        Put(table="use_cases", record={"id": f"uc-x{n}", "name": f"Case {n}", "status": "prohibited"})
        for n in range(40)
    ]
    memory_store.apply("test", cases, "t")  # two blocking findings each: no control, no route
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        rows = _findings(app)
        assert len(rows) == 81 and rows[-1][:3] == ("i", "info", "S1")
        await pilot.press("end", "enter")  # the last one: start stage 1
        assert app.screen.active_tab == "stages"
        assert app.screen.query_one(StagesView).stage.number == 1


async def test_no_findings_says_so(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        view = app.screen.query_one(OverviewView)
        view.show(memory_store.plan, [])
        await pilot.press("enter")
        assert _findings(app) == [("", "", "", "No findings: the plan satisfies every rule.")]
        assert str(_table(app, "findings").border_title) == "Findings: 0 blocking, 0 warnings, 0 info"
        assert _detail(app) == "" and app.screen.active_tab == "overview"


async def test_the_next_action_is_one_line_that_follows_the_plan(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        assert _text(app, "next-action").startswith("Next: Start stage 1")
        await pilot.press("2", "s", "1")
        assert _text(app, "next-action").startswith("Next: Write the current constraint")


async def test_enter_on_a_finding_goes_to_the_stage_that_fixes_it(memory_store: PlanStore, make_app) -> None:
    memory_store.apply("test", [_evidence(1, 1)], "t")
    _complete(memory_store, 1)
    _complete(memory_store, 2)
    memory_store.apply("test", [Set(table="stages", key="stage-3", field="status", value="in_progress")], "t")
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        target = next(i for i, row in enumerate(_findings(app)) if row[1:3] == ("BLOCKING", "S2"))
        await pilot.press(*["j"] * target, "enter")
        assert app.screen.active_tab == "stages"
        view = app.screen.query_one(StagesView)
        assert view.stage.number == 2 and view.stage.status is StageStatus.COMPLETE
        assert app.focused is app.screen.query_one("#stage-list")


async def test_tab_moves_to_the_stage_table_and_enter_opens_that_stage(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused is _table(app, "findings")
        await pilot.press("shift+tab")
        assert app.focused is _table(app, "stage-table")
        await pilot.press("j", "down", "enter")
        assert app.screen.active_tab == "stages"
        assert app.screen.query_one(StagesView).stage.number == 3


async def test_a_click_on_a_stage_row_opens_that_stage(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#stage-table", offset=(10, 4))  # line 0 is the header: stage 4
        assert app.screen.active_tab == "stages"
        assert app.screen.query_one(StagesView).stage.number == 4


async def test_a_click_on_a_finding_opens_where_it_is_fixed(memory_store: PlanStore, make_app) -> None:
    _complete(memory_store, 1)  # blocking on stage 1; below it, stage 2 is next to start
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        assert [row[:3] for row in _findings(app)] == [("✗", "BLOCKING", "S1"), ("i", "info", "S2")]
        await pilot.click("#findings", offset=(10, 3))  # the border, the header, then the rows
        assert app.screen.active_tab == "stages"
        assert app.screen.query_one(StagesView).stage.number == 2


async def test_without_colour_the_cursor_row_is_reversed(
    memory_store: PlanStore, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE):
        listing = _table(app, "findings")
        cursor, other = listing.render_line(1), _table(app, "stage-table").render_line(2)
        assert cursor.text.startswith(">") and all(s.style and s.style.reverse for s in cursor)
        assert not any(s.style and s.style.reverse for s in other)


async def test_the_overview_follows_changes_made_in_other_tabs(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "1")
        assert _row(app, 1)[2] == "[~] in progress"
