"""stage-gate, stage by stage: refused while the substance is missing, allowed once it holds,
"complete, no longer holds" once it breaks after completion (DESIGN section 3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from planbuild import NOW, TODAY, add, days, edit, example, found, remove

from schemas.enums import DecisionKind, Severity, StageStatus, UseCaseStatus
from schemas.findings import evaluate, holds_no_longer, stage_gate_refusal
from schemas.plan import Plan

Change = Callable[[Plan], Plan]


def with_decision(plan: Plan, **changes: object) -> Plan:
    """The plan with a signed modify decision on the example's pilot."""
    fields = {
        "id": "dec-1",
        "pilot": "pilot-1",
        "kind": DecisionKind.MODIFY,
        "rationale": "Useful and safe, but completion lags in customer service.",
        "variable": "Session length",
        "decided_by": "Elena Fischer",
        "decided_at": TODAY,
        "sponsor_signoff_by": "Elena Fischer",
        "sponsor_signoff_at": TODAY,
    }
    return add(plan, "decisions", **{**fields, **changes})


def with_evidence(plan: Plan, number: int) -> Plan:
    """The plan with an evidence entry for stage ``number``."""
    return add(
        plan,
        "evidence",
        id=f"ev-g{number}",
        stage=number,
        result="Seen by the steering group.",
        recorded_at=NOW,
        recorded_by="Tester",
    )


def ready(number: int) -> Plan:
    """The worked example with stages before ``number`` complete and ``number`` under way, evidenced."""
    plan = example()
    if number == 8:
        plan = with_evidence(with_evidence(plan, 7), 8)
        plan = with_decision(plan, sponsor_signoff_by="", sponsor_signoff_at=None)
        plan = edit(plan, "stages", "stage-7", status=StageStatus.COMPLETE, completed_at=NOW)
    if number == 7:
        plan = with_evidence(plan, 7)
    for stage in plan.stages:
        if stage.number == number:
            plan = edit(plan, "stages", stage.id, status=StageStatus.IN_PROGRESS, completed_at=None)
        elif stage.number > number:
            plan = edit(plan, "stages", stage.id, status=StageStatus.NOT_STARTED, completed_at=None)
    return plan


def complete(plan: Plan, number: int) -> Plan:
    """The plan with stage ``number`` marked complete, as the app does once the gate allows it."""
    return edit(plan, "stages", f"stage-{number}", status=StageStatus.COMPLETE, completed_at=NOW)


def _unsigned(plan: Plan) -> Plan:
    return edit(plan, "decisions", "dec-1", sponsor_signoff_by="", sponsor_signoff_at=None)


def _signed(plan: Plan) -> Plan:
    return edit(plan, "decisions", "dec-1", sponsor_signoff_by="Elena Fischer", sponsor_signoff_at=TODAY)


@dataclass(frozen=True)
class Gate:
    """One stage's substance: how to break it, how to make it hold, and what the refusal says."""

    number: int
    breaks: Change
    holds: Change
    reason: str
    place: str


def _same(plan: Plan) -> Plan:
    return plan


GATES = (
    Gate(
        1,
        lambda p: edit(p, "use_cases", "uc-6", status=UseCaseStatus.PERMITTED_WITH_CONTROLS),
        _same,
        'Use case "Mental-health support" is permitted with controls, but the framework keeps it prohibited',
        "(tab 3 Use cases, key enter)",
    ),
    Gate(
        2,
        lambda p: edit(p, "prohibitions", "pr-1", attested_by="", attested_at=None),
        _same,
        "1 of 4 prohibitions is not attested: secret monitoring",
        "(tab 4 Safeguards, key a)",
    ),
    Gate(
        3,
        lambda p: edit(p, "governance", "gov-2", statement=""),
        _same,
        "1 governance topic lacks a statement, an owner or a review",
        "(tab 5 Governance, key enter)",
    ),
    Gate(
        4,
        lambda p: edit(p, "use_cases", "uc-1", delivery=None),
        _same,
        '1 use case has no delivery model: "Meeting preparation"',
        "(tab 3 Use cases, key m)",
    ),
    Gate(
        5,
        lambda p: remove(
            remove(remove(p, "conditions", "cond-4"), "conditions", "cond-5"), "conditions", "cond-6"
        ),
        _same,
        'Pilot "New-manager feedback preparation pilot" has no success condition',
        "(tab 7 Pilot, key c)",
    ),
    Gate(
        6,
        lambda p: remove(p, "training", "tr-3"),
        _same,
        "its employees have not been trained at all",
        "(tab 7 Pilot, key t)",
    ),
    Gate(
        7,
        lambda p: remove(remove(p, "observations", "obs-31"), "observations", "obs-32"),
        _same,
        'Pilot "New-manager feedback preparation pilot" has no observation of bias signals',
        "(tab 8 Scorecard, key i)",
    ),
    Gate(
        8,
        _unsigned,
        _signed,
        "The decision to modify pilot",
        "(tab 9 Decision, key s)",
    ),
)


@pytest.mark.parametrize("gate", GATES, ids=[f"stage {g.number}" for g in GATES])
def test_completion_is_refused_with_the_reason_while_the_substance_is_missing(gate: Gate) -> None:
    refusal = stage_gate_refusal(gate.breaks(ready(gate.number)), gate.number, TODAY)
    assert refusal is not None
    assert refusal.startswith(f"Stage {gate.number} ") and " cannot be completed yet. " in refusal
    assert gate.reason in refusal and gate.place in refusal


@pytest.mark.parametrize("gate", GATES, ids=[f"stage {g.number}" for g in GATES])
def test_completion_is_allowed_once_the_substance_holds(gate: Gate) -> None:
    assert stage_gate_refusal(gate.holds(ready(gate.number)), gate.number, TODAY) is None


@pytest.mark.parametrize("gate", GATES, ids=[f"stage {g.number}" for g in GATES])
def test_a_complete_stage_no_longer_holds_once_its_substance_breaks(gate: Gate) -> None:
    done = complete(gate.holds(ready(gate.number)), gate.number)
    entity = f"stages/stage-{gate.number}"
    assert not [f for f in found(done, "stage-gate") if f.severity is Severity.BLOCKING]
    broken = gate.breaks(done)
    [finding] = [
        f for f in found(broken, "stage-gate") if f.entity == entity and f.severity is Severity.BLOCKING
    ]
    assert finding.stage == gate.number and "complete, no longer holds" in finding.message
    assert gate.reason in finding.message
    assert gate.place.strip("()") in finding.fix and "reopen the stage" in finding.fix
    assert holds_no_longer(evaluate(broken, TODAY)) == {gate.number}
    reopened = edit(
        broken, "stages", f"stage-{gate.number}", status=StageStatus.REOPENED, reopen_reason="Broke."
    )
    assert not [f for f in found(reopened, "stage-gate") if "no longer holds" in f.message]


def test_refusal_names_every_unmet_item_and_the_missing_evidence() -> None:
    plan = remove(ready(2), "evidence", "ev-2")
    plan = edit(plan, "prohibitions", "pr-3", attested_by="")
    plan = remove(plan, "data_access", "da-11")  # HR's usage metadata: no longer defined
    refusal = stage_gate_refusal(plan, 2, TODAY) or ""
    assert refusal == (
        "Stage 2 Separate Coaching From Surveillance cannot be completed yet. "
        "It has no completion evidence yet: record the observable result first (tab 2 Stages, key e). "
        "1 of 4 prohibitions is not attested: automated discipline (tab 4 Safeguards, key a). "
        "HR's access to usage metadata is not defined; access must be defined and communicated "
        "before launch (tab 4 Safeguards, key space)."
    )


def test_stage_two_reads_access_that_lets_another_person_read_private_content() -> None:
    plan = ready(2)
    key = next(r.id for r in plan.data_access if r.role == "HR" and r.category.value == "private_content")
    refusal = stage_gate_refusal(edit(plan, "data_access", key, level="aggregate"), 2, TODAY) or ""
    assert "HR has access to private coaching content (aggregates)" in refusal
    assert "(tab 4 Safeguards, key space)" in refusal


def test_stage_five_needs_a_pilot_before_it_can_complete() -> None:
    plan = ready(5)
    for table in ("conditions", "training", "observations"):
        for row in getattr(plan, table):
            plan = remove(plan, table, row.id)
    plan = remove(plan, "pilots", "pilot-1")
    refusal = stage_gate_refusal(plan, 5, TODAY) or ""
    assert refusal.endswith("No pilot is designed yet (tab 7 Pilot, key e).")


def test_stage_five_reads_an_unanswered_objection() -> None:
    plan = edit(ready(5), "consultations", "cons-1", outcome="objected", response="")
    refusal = stage_gate_refusal(plan, 5, TODAY) or ""
    assert "The works council objected on" in refusal and "(tab 4 Safeguards, key enter)" in refusal


def test_stage_seven_reads_a_met_stop_condition() -> None:
    plan = add(
        ready(7),
        "observations",
        id="obs-90",
        pilot="pilot-1",
        metric="privacy_incidents",
        period=days(0),
        value=1,
        n=38,
    )
    refusal = stage_gate_refusal(plan, 7, TODAY) or ""
    assert 'Stop condition "One privacy incident or more stops the pilot."' in refusal
    assert "(tab 9 Decision, key d)" in refusal


def test_stage_eight_needs_a_decision() -> None:
    plan = remove(ready(8), "decisions", "dec-1")
    refusal = stage_gate_refusal(plan, 8, TODAY) or ""
    assert 'No decision to expand, modify or stop pilot "New-manager feedback preparation pilot"' in refusal


def test_training_counts_only_once_held_by_the_day_given() -> None:
    plan = edit(ready(6), "training", "tr-3", held_on=days(2))
    assert "employees have not been trained" in (stage_gate_refusal(plan, 6, TODAY) or "")
    assert stage_gate_refusal(plan, 6, days(3)) is None


def test_a_stage_still_cannot_complete_while_an_earlier_one_is_incomplete() -> None:
    plan = edit(ready(4), "stages", "stage-2", status=StageStatus.REOPENED, reopen_reason="Review.")
    assert stage_gate_refusal(plan, 4, TODAY) == (
        "Stage 2 Separate Coaching From Surveillance is not complete yet; complete it first."
    )


def test_the_next_action_names_what_the_gate_still_lacks() -> None:
    plan = edit(ready(2), "prohibitions", "pr-1", attested_by="", attested_at=None)
    plan = remove(plan, "data_access", "da-11")
    [info] = [f for f in found(plan, "stage-gate") if f.severity is Severity.INFO]
    assert "has completion evidence, but its gate does not hold yet: 1 of 4 prohibitions" in info.message
    assert info.fix == (
        "Record who attests each prohibition and when (tab 4 Safeguards, key a). "
        "1 more: completing it (tab 2 Stages, key c) lists them all."
    )
    without = remove(ready(2), "evidence", "ev-2")
    [info] = [f for f in found(without, "stage-gate") if f.severity is Severity.INFO]
    assert info.fix.endswith(
        "If it cannot be observed, rewrite it as a physical action or concrete decision."
    )
