"""decision, roi and dates: expand on evidence and sign-off, honest ROI, dates kept."""

from __future__ import annotations

from planbuild import add, complete_stages, days, edit, example, found, fresh, one, remove

from schemas.enums import DecisionKind, PilotStatus, Severity, StageStatus
from schemas.plan import Plan


def _expand(plan: Plan, **changes: object) -> Plan:
    fields = {
        "id": "dec-1",
        "pilot": "pilot-1",
        "kind": DecisionKind.EXPAND,
        "rationale": "Useful and safe.",
        "evidence": "Usefulness 79.5%, no incidents.",
        "decided_by": "Elena Fischer",
        "decided_at": days(0),
        "sponsor_signoff_by": "Elena Fischer",
        "sponsor_signoff_at": days(0),
    }
    return add(plan, "decisions", **{**fields, **changes})


def _evidenced(plan: Plan) -> Plan:
    plan = edit(plan, "stages", "stage-5", status=StageStatus.IN_PROGRESS)
    return complete_stages(plan, 5, 6, 7)


def test_supported_expand_decision_passes() -> None:
    assert found(_expand(_evidenced(example())), "decision") == []


def test_expand_while_a_stop_condition_is_met_is_refused() -> None:
    plan = add(
        _evidenced(example()),
        "observations",
        id="obs-90",
        pilot="pilot-1",
        metric="adverse_effects",
        period=days(-1),
        value=2,
        n=38,
    )
    finding = one(_expand(plan), "decision", Severity.BLOCKING, "decisions/dec-1")
    assert finding.stage == 8
    assert 'stop condition "One reported adverse effect or more stops the pilot." is met' in finding.message


def test_expand_without_evidence_for_stages_five_to_seven_is_refused() -> None:
    plan = _evidenced(example())
    for evidence in ("ev-5", "ev-6", "ev-t5", "ev-t6"):
        plan = remove(plan, "evidence", evidence)
    plan = _expand(plan)
    messages = [f.message for f in found(plan, "decision") if f.severity is Severity.BLOCKING]
    assert [m.split(" is refused: ")[1] for m in messages] == [
        "there is no completion evidence for stage 5 Design a Limited Pilot.",
        "there is no completion evidence for stage 6 Train Participants and Managers.",
    ]


def test_expand_without_sponsor_signoff_is_refused() -> None:
    plan = _expand(_evidenced(example()), sponsor_signoff_by="", sponsor_signoff_at=None)
    finding = one(plan, "decision", Severity.BLOCKING, "decisions/dec-1")
    assert finding.message.endswith("is refused: the Executive sponsor has not signed it off.")


def test_only_the_latest_decision_counts() -> None:
    plan = _expand(example())
    stop = add(
        plan,
        "decisions",
        id="dec-2",
        pilot="pilot-1",
        kind=DecisionKind.STOP,
        rationale="Too early.",
        decided_by="Elena Fischer",
        decided_at=days(1),
        sponsor_signoff_by="Elena Fischer",
        sponsor_signoff_at=days(1),
    )
    assert found(stop, "decision") == []


def test_modify_without_its_one_variable_is_blocking() -> None:
    plan = add(
        example(),
        "decisions",
        id="dec-1",
        pilot="pilot-1",
        kind=DecisionKind.MODIFY,
        rationale="r",
        decided_by="x",
        decided_at=days(0),
        sponsor_signoff_by="Elena Fischer",
        sponsor_signoff_at=days(0),
    )
    assert "operating variable" in one(plan, "decision", Severity.BLOCKING, "decisions/dec-1").message
    named = edit(plan, "decisions", "dec-1", variable="Reminder frequency")
    assert found(named, "decision") == []


def test_roi_claim_without_counterfactual_is_blocking() -> None:
    plan = add(
        fresh(),
        "roi_claims",
        id="roi-1",
        claim="Coaching saves 2 hours per manager per month.",
        measurement_design="Time sheets before and after.",
    )
    finding = one(plan, "roi", Severity.BLOCKING, "roi_claims/roi-1")
    assert finding.stage == 8 and finding.message.endswith("has no counterfactual.")


def test_roi_claim_with_counterfactual_and_design_passes() -> None:
    plan = add(
        fresh(),
        "roi_claims",
        id="roi-1",
        claim="Saves time.",
        measurement_design="Time sheets.",
        counterfactual="A matched group of new managers without the coach.",
    )
    assert found(plan, "roi") == []


def test_overdue_stage_target_is_a_warning() -> None:
    plan = edit(fresh(), "stages", "stage-1", due=days(-1))
    finding = one(plan, "dates", Severity.WARNING, "stages/stage-1")
    assert f"was due on {days(-1)}" in finding.message
    assert found(edit(fresh(), "stages", "stage-1", due=days(0)), "dates") == []
    done = edit(complete_stages(fresh(), 1), "stages", "stage-1", due=days(-1))
    assert found(done, "dates") == []


def test_overdue_governance_review_and_pilot_end_are_warnings() -> None:
    plan = edit(example(), "governance", "gov-3", next_review=days(-2))
    one(plan, "dates", Severity.WARNING, "governance/gov-3")
    ended = edit(example(), "pilots", "pilot-1", end=days(-1))
    assert "is still running" in one(ended, "dates", Severity.WARNING, "pilots/pilot-1").message
    closed = edit(ended, "pilots", "pilot-1", status=PilotStatus.COMPLETED)
    assert found(closed, "dates") == []
    assert found(example(), "dates") == []
