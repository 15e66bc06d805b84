"""stage-gate: stages complete in order, on evidence; reopening needs a reason."""

from __future__ import annotations

from planbuild import attested, complete_stages, edit, example, found, fresh, one

from schemas.enums import Severity, StageStatus
from schemas.findings import can_start, stage_gate_refusal


def test_complete_stage_without_evidence_is_blocking() -> None:
    plan = edit(fresh(), "stages", "stage-1", status=StageStatus.COMPLETE)
    finding = one(plan, "stage-gate", Severity.BLOCKING, "stages/stage-1")
    assert finding.stage == 1 and "no completion evidence" in finding.message


def test_complete_stage_with_evidence_passes() -> None:
    plan = complete_stages(fresh(), 1)
    assert not [f for f in found(plan, "stage-gate") if f.severity is not Severity.INFO]


def test_stage_started_before_an_earlier_one_is_complete_is_blocking() -> None:
    plan = edit(
        fresh(), "stages", "stage-3", status=StageStatus.IN_PROGRESS, constraint="c", target_result="t"
    )
    finding = one(plan, "stage-gate", Severity.BLOCKING, "stages/stage-3")
    assert "stage 1 Define Permitted Use Cases is not complete" in finding.message


def test_stage_started_after_earlier_ones_complete_passes() -> None:
    plan = complete_stages(attested(fresh()), 1, 2)
    plan = edit(plan, "stages", "stage-3", status=StageStatus.IN_PROGRESS, constraint="c", target_result="t")
    assert [f.severity for f in found(plan, "stage-gate")] == [Severity.INFO]


def test_reopening_without_a_reason_is_blocking_and_with_one_passes() -> None:
    plan = complete_stages(fresh(), 1)
    reopened = edit(plan, "stages", "stage-1", status=StageStatus.REOPENED, constraint="c", target_result="t")
    one(reopened, "stage-gate", Severity.BLOCKING, "stages/stage-1")
    explained = edit(reopened, "stages", "stage-1", reopen_reason="The matrix missed a use case.")
    assert not [f for f in found(explained, "stage-gate") if f.severity is Severity.BLOCKING]


def test_later_stage_after_a_reopened_one_is_a_warning() -> None:
    plan = complete_stages(fresh(), 1, 2)
    plan = edit(
        plan,
        "stages",
        "stage-1",
        status=StageStatus.REOPENED,
        reopen_reason="New use case.",
        constraint="c",
        target_result="t",
    )
    finding = one(plan, "stage-gate", Severity.WARNING, "stages/stage-2")
    assert "reopened" in finding.message


def test_stage_under_way_without_constraint_and_target_is_a_warning() -> None:
    plan = edit(fresh(), "stages", "stage-1", status=StageStatus.IN_PROGRESS)
    finding = one(plan, "stage-gate", Severity.WARNING, "stages/stage-1")
    assert "constraint" in finding.fix


def test_next_stage_is_named_as_information() -> None:
    finding = one(fresh(), "stage-gate", Severity.INFO, "stages/stage-1")
    assert finding.message == "Stage 1 Define Permitted Use Cases is the next stage to start."
    nxt = one(example(), "stage-gate", Severity.INFO, "stages/stage-7")
    assert "no completion evidence" in nxt.message and "Weekly totals" in nxt.fix


def test_refusal_says_why_a_stage_cannot_be_completed() -> None:
    plan = fresh()
    assert stage_gate_refusal(plan, 2) == (
        "Stage 1 Define Permitted Use Cases is not complete yet; complete it first."
    )
    assert "no completion evidence" in (stage_gate_refusal(plan, 1) or "")
    done = complete_stages(plan, 1)
    assert stage_gate_refusal(done, 1) == "Stage 1 Define Permitted Use Cases is already complete."
    assert can_start(done, 2) and not can_start(done, 3)


def test_stage_three_refused_until_governance_is_complete() -> None:
    plan = complete_stages(fresh(), 1, 2)
    plan = edit(plan, "stages", "stage-3", status=StageStatus.IN_PROGRESS)
    plan = complete_stages(plan, 3)
    plan = edit(plan, "stages", "stage-3", status=StageStatus.IN_PROGRESS)
    assert "9 governance topics lack" in (stage_gate_refusal(plan, 3) or "")
    ready = example()
    ready = edit(ready, "stages", "stage-3", status=StageStatus.IN_PROGRESS)
    assert stage_gate_refusal(ready, 3) is None
