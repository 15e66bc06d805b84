"""Use cases view: the matrix, status keys, guardrails, delete and the delivery model."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pilot_helpers import form, notices, type_text

from schemas.defaults import default_plan
from schemas.enums import DeliveryModel, Level, PilotStatus, Severity, UseCaseStatus
from schemas.findings import evaluate
from schemas.plan import Plan
from schemas.records import Pilot, UseCase
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.help import HelpDialog
from tui.views.usecases.view import UseCasesView
from tui.widgets.linetable import LineTable
from tui.widgets.textpanel import TextPanel

SIZE = (80, 24)
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
MEETING, CAREER, PERFORMANCE, MENTAL_HEALTH, DISCIPLINE = 0, 3, 4, 5, 6
"""Rows of the default matrix."""


def matrix(app: CoachApp) -> LineTable:
    """The use-case matrix."""
    return app.screen.query_one("#uc-matrix", LineTable)


def detail(app: CoachApp) -> str:
    """The text of the panel under the matrix."""
    return app.screen.query_one("#uc-detail", TextPanel).text


def case(store: PlanStore, case_id: str) -> UseCase:
    """The stored use case ``case_id``."""
    return next(c for c in store.plan.use_cases if c.id == case_id)


def findings_on(store: PlanStore, entity: str) -> list[tuple[str, Severity]]:
    """(rule, severity) of every finding on ``entity`` in the stored plan."""
    return [(f.rule, f.severity) for f in evaluate(store.plan, NOW.date()) if f.entity == entity]


async def open_matrix(pilot, row: int = 0) -> None:
    """Switch to the Use cases tab and move down to ``row``."""
    await pilot.press("3", *["j"] * row)


async def test_the_matrix_shows_status_as_a_symbol_and_a_word(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        rows = matrix(app).rows
        assert len(rows) == 8
        assert rows[MEETING][1:3] == ("Meeting preparation", "✓ permitted")
        assert rows[CAREER][2] == "◐ with controls"
        assert rows[PERFORMANCE][2] == "● human-required" and rows[PERFORMANCE][5] == "human-led"
        assert rows[MENTAL_HEALTH][2] == "✕ prohibited"
        assert rows[MENTAL_HEALTH][4] == "Qualified clinical or employee-assistance services"
        assert all(row[0] == "" for row in rows), "a default plan has no findings on its matrix"


async def test_without_colour_the_symbols_are_ascii(
    memory_store: PlanStore, make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        statuses = [row[2] for row in matrix(app).rows]
        assert statuses[:6] == [
            "+ permitted",
            "~ with controls",
            "~ with controls",
            "~ with controls",
            "H human-required",
            "X prohibited",
        ]


async def test_new_use_case_gets_the_next_id_and_its_findings_show_on_its_row(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("n")
        await type_text(pilot, "Onboarding buddy questions")
        form(app).set_value("status", UseCaseStatus.PROHIBITED)
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = case(memory_store, "uc-9")
        assert (added.name, added.status, added.control, added.guardrail) == (
            "Onboarding buddy questions",
            UseCaseStatus.PROHIBITED,
            "",
            False,
        )
        assert memory_store.history()[-1].action == "use_case.new"
        assert findings_on(memory_store, "use_cases/uc-9") == [
            ("matrix-control", Severity.BLOCKING),
            ("matrix-control", Severity.BLOCKING),
        ]
        await pilot.press("end")
        assert matrix(app).rows[-1][0] == "✗"
        assert "names no required control" in detail(app) and "where people are sent instead" in detail(app)


async def test_a_new_use_case_needs_a_clean_name(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        assert form(app).errors["name"] == "Required."
        form(app).set_value("name", "Ring\x07the bell")
        assert "control characters" in form(app).errors["name"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(memory_store.plan.use_cases) == 8 and memory_store.history() == []


async def test_enter_edits_name_and_control(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, CAREER)
        await pilot.press("enter")
        form(app).set_value("name", "Career conversations")
        form(app).set_value("control", "Kept apart from promotion decisions")
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = case(memory_store, "uc-4")
        assert edited.name == "Career conversations"
        assert edited.control == "Kept apart from promotion decisions"
        entry = memory_store.history()[-1]
        assert entry.action == "use_case.edit" and {e.field for e in entry.edits} == {"name", "control"}
        assert matrix(app).rows[CAREER][1] == "Career conversations"


async def test_brackets_tighten_and_loosen_the_status(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, MEETING)
        await pilot.press("right_square_bracket")
        assert case(memory_store, "uc-1").status is UseCaseStatus.PERMITTED_WITH_CONTROLS
        assert matrix(app).rows[MEETING][2] == "◐ with controls"
        await pilot.press("left_square_bracket")
        assert case(memory_store, "uc-1").status is UseCaseStatus.PERMITTED
        assert [e.action for e in memory_store.history()] == ["use_case.tighten", "use_case.loosen"]
        await pilot.press("left_square_bracket")
        assert any("already permitted" in n for n in notices(app))
        assert len(memory_store.history()) == 2


async def test_tightening_to_prohibited_without_a_route_is_a_finding_on_the_row(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, CAREER)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert case(memory_store, "uc-4").status is UseCaseStatus.PROHIBITED
        assert ("matrix-control", Severity.BLOCKING) in findings_on(memory_store, "use_cases/uc-4")
        assert matrix(app).rows[CAREER][0] == "✗"
        assert "does not say where people are sent instead" in detail(app)


async def test_loosening_a_guardrail_asks_what_the_framework_prohibits_and_no_keeps_it(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, MENTAL_HEALTH)
        await pilot.press("left_square_bracket")
        assert isinstance(app.screen, ConfirmDialog)
        assert "The framework prohibits automated ratings" in app.screen.message
        assert "qualified clinical or employee-assistance services" in app.screen.message
        await pilot.press("n")
        assert case(memory_store, "uc-6").status is UseCaseStatus.PROHIBITED
        assert memory_store.history() == []


async def test_a_loosened_guardrail_stays_a_blocking_finding(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, MENTAL_HEALTH)
        await pilot.press("left_square_bracket", "y")
        await pilot.pause()
        assert case(memory_store, "uc-6").status is UseCaseStatus.HUMAN_REQUIRED
        assert memory_store.history()[-1].action == "use_case.loosen_guardrail"
        assert ("guardrail", Severity.BLOCKING) in findings_on(memory_store, "use_cases/uc-6")
        assert matrix(app).rows[MENTAL_HEALTH][0] == "✗"
        assert "this limit cannot be loosened" in detail(app)
        await pilot.press("right_square_bracket")  # tightening back never asks
        assert case(memory_store, "uc-6").status is UseCaseStatus.PROHIBITED
        assert findings_on(memory_store, "use_cases/uc-6") == []


async def test_loosening_a_guardrail_in_the_edit_form_also_asks(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, PERFORMANCE)
        await pilot.press("enter")
        form(app).set_value("status", UseCaseStatus.PERMITTED)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and "human-required or stricter" in app.screen.message
        assert case(memory_store, "uc-5").status is UseCaseStatus.HUMAN_REQUIRED
        await pilot.press("y")
        await pilot.pause()
        assert case(memory_store, "uc-5").status is UseCaseStatus.PERMITTED
        assert ("guardrail", Severity.BLOCKING) in findings_on(memory_store, "use_cases/uc-5")


def _plan_with_pilot() -> Plan:
    plan = default_plan(NOW)
    pilot = Pilot(id="pilot-1", name="New-manager feedback", use_case="uc-1", status=PilotStatus.DESIGN)
    return plan.model_copy(update={"pilots": [pilot]})


async def test_delete_says_which_pilot_it_would_break_and_asks(make_app) -> None:
    store = PlanStore.memory(_plan_with_pilot())
    app: CoachApp = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, MEETING)
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmDialog)
        assert 'Pilot "New-manager feedback" pilots this use case' in app.screen.message
        await pilot.press("n")
        assert len(store.plan.use_cases) == 8
        await pilot.press("delete", "y")
        await pilot.pause()
        assert "uc-1" not in {c.id for c in store.plan.use_cases}
        assert store.history()[-1].action == "use_case.delete"
        broken = [f.message for f in evaluate(store.plan, NOW.date()) if f.entity == "pilots/pilot-1"]
        assert any("names a use case that is not in the matrix" in m for m in broken)
        assert matrix(app).rows[0][1] == "Leadership reflection"


async def test_deleting_a_guardrail_says_it_is_a_limit_and_leaves_a_finding(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, DISCIPLINE)
        await pilot.press("delete")
        assert "It is a limit of the framework" in app.screen.message
        await pilot.press("y")
        await pilot.pause()
        assert ("guardrail", Severity.BLOCKING) in findings_on(memory_store, "use_cases")
        assert 'no longer lists "Employee discipline"' in str(app.screen.query_one("#uc-summary").render())


async def test_delivery_form_shows_the_recommendation_and_requires_a_rationale_when_different(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, MEETING)
        await pilot.press("m")
        intro = lambda: str(form(app).query_one("#form-intro").render())  # noqa: E731
        assert "AI-only may serve" in intro()
        form(app).set_value("consequence", Level.HIGH)
        assert "Human-led, because consequence is high" in intro()
        form(app).set_value("consequence", Level.LOW)
        form(app).set_value("delivery", DeliveryModel.HUMAN_LED)
        assert "write a rationale" in form(app).errors[""]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert case(memory_store, "uc-1").delivery is DeliveryModel.AI_ONLY and memory_store.history() == []
        form(app).set_value("rationale", "Participants asked for a person")
        await pilot.press("ctrl+s")
        await pilot.pause()
        chosen = case(memory_store, "uc-1")
        assert chosen.delivery is DeliveryModel.HUMAN_LED
        assert chosen.delivery_rationale == "Participants asked for a person"
        assert memory_store.history()[-1].action == "use_case.delivery"
        assert findings_on(memory_store, "use_cases/uc-1") == []
        assert "Rationale: Participants asked for a person" in detail(app)


async def test_delivery_factors_are_stored_with_the_model(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, CAREER)
        await pilot.press("m")
        form(app).set_value("escalation", Level.HIGH)
        form(app).set_value("delivery", DeliveryModel.HUMAN_LED)
        await pilot.press("ctrl+s")
        await pilot.pause()
        stored = case(memory_store, "uc-4")
        assert (stored.escalation, stored.delivery, stored.delivery_rationale) == (
            Level.HIGH,
            DeliveryModel.HUMAN_LED,
            "",
        )
        assert "Factors: consequence medium, complexity medium, escalation need high." in detail(app)


async def test_a_human_required_use_case_is_never_ai_only(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, PERFORMANCE)
        await pilot.press("m")
        form(app).set_value("delivery", DeliveryModel.AI_ONLY)
        form(app).set_value("rationale", "Cheaper")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "never AI-only" in form(app).refusal
        assert case(memory_store, "uc-5").delivery is DeliveryModel.HUMAN_LED


async def test_a_delivery_finding_shows_on_its_row(make_app) -> None:
    plan = default_plan(NOW)
    cases = [
        c.model_copy(update={"delivery": DeliveryModel.AI_ONLY}) if c.id == "uc-2" else c
        for c in plan.use_cases
    ]
    store = PlanStore.memory(plan.model_copy(update={"use_cases": cases}))
    app: CoachApp = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot, 1)
        assert matrix(app).rows[1][0] == "✗" and matrix(app).rows[1][5] == "AI-only"
        assert "against the recommendation, with no rationale" in detail(app)


async def test_a_finding_opens_its_row(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await app.main.open_entity("use_cases/uc-7")
        await pilot.pause()
        assert isinstance(app.screen.focused, LineTable) and matrix(app).cursor_row == DISCIPLINE
        assert detail(app).startswith("Employee discipline: ✕ prohibited")


async def test_five_hundred_use_cases_move_and_edit_at_the_end(make_app) -> None:
    plan = default_plan(NOW)
    extra = [
        UseCase(id=f"uc-{n}", name=f"Coaching task {n}", status=UseCaseStatus.PERMITTED)
        for n in range(9, 501)
    ]
    store = PlanStore.memory(plan.model_copy(update={"use_cases": plan.use_cases + extra}))
    app: CoachApp = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_matrix(pilot)
        await pilot.press("end", "k", "right_square_bracket")
        assert matrix(app).cursor_row == 498
        assert case(store, "uc-499").status is UseCaseStatus.PERMITTED_WITH_CONTROLS
        assert detail(app).startswith("Coaching task 499")
        assert isinstance(app.main.view("use-cases"), UseCasesView)


async def test_help_lists_the_matrix_keys(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "question_mark")
        assert isinstance(app.screen, HelpDialog) and app.screen.help_title == "Use cases"
        keys = dict(app.screen.keys)
        described = tuple(keys[k].split("  [")[0] for k in ("[", "]", "m", "n"))
        assert described == ("Loosen", "Tighten", "Delivery", "New")
        assert "✕ prohibited" in app.screen.text
