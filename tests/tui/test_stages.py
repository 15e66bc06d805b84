"""Stages view: start, edit, evidence, what changed, complete and reopen, through the store."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pilot_helpers import form, notices, type_text

from schemas.defaults import default_plan
from schemas.enums import Diagnosis, OutcomeKind, Severity, StageStatus
from schemas.findings import Finding
from schemas.framework import EVIDENCE_HINT
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog
from tui.views.stages.detail import detail
from tui.widgets.lists import PlanList

SIZE = (80, 24)


async def test_start_sets_the_first_stage_in_progress(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s")
        assert memory_store.plan.stage(1).status is StageStatus.IN_PROGRESS
        assert memory_store.history()[-1].action == "stage.start"


async def test_start_is_refused_while_an_earlier_stage_is_incomplete(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "j", "s")
        assert memory_store.plan.stage(2).status is StageStatus.NOT_STARTED
        assert memory_store.history() == []
        assert any("Stage 1 Define Permitted Use Cases is not complete yet" in n for n in notices(app))


async def test_enter_edits_constraint_target_and_due_date(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")
        await type_text(pilot, "Legal has not named a reviewer")
        await pilot.press("tab")
        await type_text(pilot, "Matrix signed by HR and Legal")
        await pilot.press("tab")
        await type_text(pilot, "2025-04-30")
        await pilot.press("ctrl+s")
        await pilot.pause()
        stage = memory_store.plan.stage(1)
        assert stage.constraint == "Legal has not named a reviewer"
        assert stage.target_result == "Matrix signed by HR and Legal"
        assert stage.due == date(2025, 4, 30)
        entry = memory_store.history()[-1]
        assert entry.action == "stage.edit" and len(entry.edits) == 3
        assert "Matrix signed by HR and Legal" in str(app.screen.query_one("#stage-detail").render())


async def test_a_bad_date_is_refused_as_you_type_and_the_text_stays(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter")
        await type_text(pilot, "A constraint")
        await pilot.press("tab", "tab")
        await type_text(pilot, "30/04/2025")
        dialog = form(app)
        assert "YYYY-MM-DD" in dialog.errors["due"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form(app) is dialog
        assert dialog.raw_values()["constraint"] == "A constraint"
        assert memory_store.history() == []


async def test_escape_cancels_a_form_without_a_change(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await type_text(pilot, "Something")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog) and "Discard it?" in app.screen.message
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is app.main
        assert memory_store.plan.evidence == [] and memory_store.history() == []


async def test_evidence_is_recorded_with_result_time_and_author(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await type_text(pilot, "Matrix approved in the steering meeting")
        form(app).set_value("recorded_by", "Dana")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [evidence] = memory_store.plan.evidence
        assert (evidence.stage, evidence.result, evidence.recorded_by) == (
            1,
            "Matrix approved in the steering meeting",
            "Dana",
        )
        assert memory_store.history()[-1].action == "evidence.add"
        detail = str(app.screen.query_one("#stage-detail").render())
        assert "Dana: Matrix approved in the steering meeting" in detail


async def test_complete_is_refused_without_evidence_with_the_rule_message(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "c")
        assert memory_store.plan.stage(1).status is StageStatus.IN_PROGRESS
        assert [e.action for e in memory_store.history()] == ["stage.start"]
        assert any("cannot be completed yet: 1 thing missing, listed under it" in n for n in notices(app))
        detail = str(app.screen.query_one("#stage-detail").render())
        assert "Before it can be completed (c)" in detail
        assert (
            "It has no completion evidence yet: record the observable result first (tab 2 Stages, key e)"
            in detail
        )


async def test_complete_with_evidence_records_status_and_time(named_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "e")
        await type_text(pilot, "Signed matrix")
        await pilot.press("ctrl+s", "c")
        await pilot.pause()
        stage = named_store.plan.stage(1)
        assert stage.status is StageStatus.COMPLETE and stage.completed_at is not None
        assert named_store.history()[-1].action == "stage.complete"


async def test_complete_is_refused_for_a_later_stage_out_of_order(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "j", "c")
        assert memory_store.plan.stage(2).status is StageStatus.NOT_STARTED
        assert any("Stage 1 Define Permitted Use Cases is not complete yet" in n for n in notices(app))


async def test_what_changed_records_a_reached_result(named_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "w")
        await type_text(pilot, "Legal named a reviewer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [outcome] = named_store.plan.outcomes
        assert outcome.complete and outcome.what_changed == "Legal named a reviewer"
        assert outcome.diagnosis is None
        assert named_store.history()[-1].action == "outcome.add"


async def test_an_incomplete_result_needs_a_diagnosis_and_a_restart(named_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "w")
        await type_text(pilot, "The review meeting did not happen")
        await pilot.press("tab", "space")
        dialog = form(app)
        assert dialog.values()["complete"] is False
        assert "diagnosis" in dialog.errors[""]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form(app) is dialog and named_store.plan.outcomes == []
        dialog.set_value("diagnosis", Diagnosis.TIMING)
        await pilot.press("tab", "tab")
        await type_text(pilot, "Book the meeting for next week")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [outcome] = named_store.plan.outcomes
        assert (outcome.complete, outcome.diagnosis, outcome.restart) == (
            False,
            Diagnosis.TIMING,
            "Book the meeting for next week",
        )


async def test_reopen_asks_a_reason_and_records_it(named_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "e")
        await type_text(pilot, "Signed matrix")
        await pilot.press("ctrl+s", "c", "o")
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert "Required" in form(app).errors["reason"]
        await type_text(pilot, "Legal found a missing use case")
        await pilot.press("enter")
        await pilot.pause()
        stage = named_store.plan.stage(1)
        assert stage.status is StageStatus.REOPENED
        assert stage.reopen_reason == "Legal found a missing use case"
        entry = named_store.history()[-1]
        assert (entry.action, entry.reason) == ("stage.reopen", "Legal found a missing use case")


async def test_reopen_is_refused_for_a_stage_that_is_not_complete(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "o")
        assert not isinstance(app.screen, FormDialog)
        assert memory_store.history() == []
        assert any("only a complete stage can be reopened" in n for n in notices(app))


async def test_a_refused_save_keeps_the_form_and_what_was_typed(named_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await type_text(pilot, "Signed matrix")
        named_store.read_only = True  # e.g. the plan became read-only while the form was open
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = form(app)
        assert "read-only" in dialog.refusal
        assert dialog.raw_values()["result"] == "Signed matrix"
        assert named_store.plan.evidence == []


async def test_a_stage_whose_substance_breaks_shows_it_no_longer_holds(
    named_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "e")
        assert EVIDENCE_HINT in str(form(app).query_one(".form-hint").render())  # the seed's advice
        await type_text(pilot, "Signed matrix")
        await pilot.press("ctrl+s", "c")
        await pilot.pause()
        assert named_store.plan.stage(1).status is StageStatus.COMPLETE
        await pilot.press("3")  # loosen a framework limit: stage 1's substance breaks
        await pilot.press(*["j"] * 5, "left_square_bracket", "y")
        await pilot.pause()
        await pilot.press("2")
        first = str(app.screen.query_one("#stage-list", PlanList).get_option_at_index(0).prompt)
        assert first.startswith("[x!] 1 ")
        detail = str(app.screen.query_one("#stage-detail").render())
        assert "Status: [x!] complete, no longer holds" in detail


async def test_an_outcome_records_what_it_shows(named_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "w")
        await type_text(pilot, "Legal signed off in one meeting")
        form(app).set_value("kind", OutcomeKind.CLEARER_DECISION)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert named_store.plan.outcomes[0].kind is OutcomeKind.CLEARER_DECISION
        detail = str(app.screen.query_one("#stage-detail").render())
        assert "[reached (a clearer decision)] Legal signed off in one meeting" in detail


def test_a_stage_with_many_findings_lists_five_and_counts_the_rest() -> None:
    """Hundreds of findings under one stage of a large plan: five in full, the rest counted."""
    plan = default_plan(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    findings = [
        Finding(
            rule="governance-complete",
            severity=Severity.BLOCKING,
            stage=3,
            entity=f"governance/gov-{n}",
            message=f"Topic number {n} has no statement.",
            fix="Write it.",
        )
        for n in range(1, 13)
    ]
    text = detail(plan, plan.stage(3), findings, date(2026, 1, 5)).plain
    assert "Topic number 5 has no statement." in text
    assert "Topic number 6 has" not in text
    assert "and 7 more findings: tab 1 Overview lists them all." in text
