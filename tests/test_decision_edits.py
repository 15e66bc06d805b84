"""The Decision tab's edits through a PlanSession alone: each refusal, each decision kind, the next scope."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from planbuild import TODAY, add, complete_stages, days, edit, example, found, observed

from schemas.enums import DecisionKind, OperatingVariable, PilotStatus, Severity, StageStatus
from schemas.findings import gate_items
from schemas.plan import Plan
from store import PlanStore
from tui.session import PlanSession
from tui.views.decision import changes

SPONSOR = "Elena Fischer"


def _session(plan: Plan) -> PlanSession:
    session = PlanSession(PlanStore.memory(plan), TODAY)
    session.refresh()
    return session


def _supported() -> Plan:
    """The example once stage 7 has its evidence: the evidence supports an expansion."""
    plan = edit(example(), "stages", "stage-7", status=StageStatus.IN_PROGRESS)
    return complete_stages(plan, 7)


def _values(kind: DecisionKind, **changed: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": kind,
        "rationale": "Useful and safe for four weeks.\nThe works council agrees.",
        "cites": ["conditions/cond-4", "observations/obs-4"],
        "evidence": "Stage 7 evidence of week 4.",
        "decided_by": "Pilot board",
        "decided_at": TODAY,
        "sponsor_by": SPONSOR,
        "sponsor_at": TODAY,
        "variable_kind": None,
        "variable": "",
        "next_name": "Feedback preparation, pilot 2",
    }
    return {**values, **changed}


def _recorded(session: PlanSession, kind: DecisionKind, **changed: Any) -> PlanSession:
    pilot = session.plan.pilots[0]
    values = _values(kind, **changed)
    assert changes.decide_refusal(session.plan, pilot, values) is None
    assert session.apply(changes.decide(session.plan, pilot, values)).applied
    return session


# -- expand ------------------------------------------------------------------------------


def test_a_supported_expansion_completes_the_pilot_and_opens_the_next_scope() -> None:
    session = _recorded(_session(_supported()), DecisionKind.EXPAND)
    plan = session.plan
    [decision] = plan.decisions
    assert (decision.kind, decision.pilot, decision.next_pilot) == (DecisionKind.EXPAND, "pilot-1", "pilot-2")
    assert decision.cited_conditions == ["cond-4"] and decision.cited_observations == ["obs-4"]
    assert (decision.sponsor_signoff_by, decision.sponsor_signoff_at) == (SPONSOR, TODAY)
    first, second = plan.pilots
    assert first.status is PilotStatus.COMPLETED
    assert (second.extends, second.status, second.use_case) == ("pilot-1", PilotStatus.DESIGN, first.use_case)
    assert [plan.stage(n).status for n in range(1, 9)] == [StageStatus.COMPLETE] * 4 + [
        StageStatus.NOT_STARTED
    ] * 4
    assert {e.stage: e.pilot for e in plan.evidence if e.stage >= 5} == {
        5: "pilot-1",
        6: "pilot-1",
        7: "pilot-1",
    }
    entry = session.store.history()[-1]
    assert entry.action == "decision.expand" and entry.reason == "Useful and safe for four weeks."
    assert "extends pilot 1" in entry.summary and "stages 5 to 8 start over" in entry.summary
    assert found(plan, "decision") == []  # the earlier pilot's evidence still counts for its own decision
    assert gate_items(plan, 5, TODAY)[0].what.startswith("It has no completion evidence yet")


def test_an_expansions_next_pilot_inherits_nothing_that_must_be_declared_again() -> None:
    plan = add(
        _supported(),
        "training",
        id="tr-9",
        audience="employees",
        topics=["purpose", "limits", "privacy", "escalation", "never_ask"],
        invited=10,
        attended=10,
        held_on=days(-3),
    )  # training tied to no pilot counted for every pilot until now
    plan = _recorded(_session(plan), DecisionKind.EXPAND).plan
    nxt = plan.pilots[1]
    assert (nxt.population_size, nxt.population, nxt.notice_text, nxt.notice_date) == (0, "", "", None)
    assert (nxt.start, nxt.end) == (None, None)
    assert [c for c in plan.conditions if c.pilot == nxt.id] == []
    assert [s for s in plan.training if s.pilot in (None, nxt.id)] == []
    design = [f.message for f in found(plan, "pilot-design") if f.entity == "pilots/pilot-2"]
    for missing in ("declares no population size", "no notice text", "no notice date"):
        assert any(missing in m for m in design), missing
    assert any("no success condition" in m for m in design) and any("no stop condition" in m for m in design)
    trained = [f.message for f in found(plan, "training") if f.entity == "pilots/pilot-2"]
    assert len(trained) == 2 and all("not been trained at all" in m for m in trained)


def _stop_met(plan: Plan) -> Plan:
    return observed(plan, "privacy_incidents", 1)


def _success_unmet(plan: Plan) -> Plan:
    return observed(plan, "usefulness", 61)


def _never_measured(plan: Plan) -> Plan:
    return plan.model_copy(
        update={"observations": [o for o in plan.observations if o.metric != "better_preparation"]}
    )


def _stop_never_measured(plan: Plan) -> Plan:
    return plan.model_copy(
        update={"observations": [o for o in plan.observations if o.metric != "adverse_effects"]}
    )


def _no_harm_data(plan: Plan) -> Plan:
    return plan.model_copy(
        update={"observations": [o for o in plan.observations if o.metric != "bias_signals"]}
    )


def _no_stage_six_evidence(plan: Plan) -> Plan:
    return plan.model_copy(update={"evidence": [e for e in plan.evidence if e.stage != 6]})


def _stopped(plan: Plan) -> Plan:
    return edit(plan, "pilots", "pilot-1", status=PilotStatus.STOPPED)


REFUSALS = {
    "a stop condition is met": (
        _stop_met,
        'its stop condition "One privacy incident or more stops the pilot." is met.',
    ),
    "a success condition is not met": (
        _success_unmet,
        'its success condition "At least 70% rate the preparation useful." is not met (tab 8 Scorecard)',
    ),
    "a success condition was never measured": (
        _never_measured,
        'its success condition "At least 60% report being better prepared." was never measured',
    ),
    "a stop condition was never measured": (
        _stop_never_measured,
        'its stop condition "One reported adverse effect or more stops the pilot." was never measured',
    ),
    "a harm family was never observed": (
        _no_harm_data,
        "no observation of bias signals: deciding without them",
    ),
    "stage 6 has no evidence": (
        _no_stage_six_evidence,
        "no completion evidence for stage 6 Train Participants and Managers (tab 2 Stages, key e)",
    ),
    "the pilot was stopped": (_stopped, "refused: the pilot was stopped."),
}


@pytest.mark.parametrize("name", REFUSALS)
def test_each_reason_refuses_an_expansion_and_records_nothing(name: str) -> None:
    breaks, reason = REFUSALS[name]
    session = _session(breaks(_supported()))
    before, history = session.plan, len(session.store.history())
    refusal = changes.decide_refusal(session.plan, session.plan.pilots[0], _values(DecisionKind.EXPAND)) or ""
    assert refusal.startswith("Expanding is refused: ") and reason.lower() in refusal.lower()
    assert (
        changes.decide_refusal(_session(_supported()).plan, before.pilots[0], _values(DecisionKind.EXPAND))
        is None
    )
    assert session.plan == before and len(session.store.history()) == history
    # Recorded anyway (by hand, or an older file), it is a blocking finding of the decision rule.
    forced = add(
        before,
        "decisions",
        id="dec-1",
        pilot="pilot-1",
        kind="expand",
        rationale="r",
        decided_by="x",
        decided_at=TODAY,
        sponsor_signoff_by=SPONSOR,
        sponsor_signoff_at=TODAY,
        evidence="e",
    )
    blocking = [f for f in found(forced, "decision") if f.severity is Severity.BLOCKING]
    assert [f.message.split(" is refused: ")[1] for f in blocking] != []
    assert all(f.entity == "decisions/dec-1" and f.stage == 8 for f in blocking)


def test_an_expansion_without_the_sponsors_sign_off_is_refused() -> None:
    session = _session(_supported())
    pilot = session.plan.pilots[0]
    for unsigned in ({"sponsor_by": ""}, {"sponsor_at": None}):
        refusal = changes.decide_refusal(session.plan, pilot, _values(DecisionKind.EXPAND, **unsigned)) or ""
        assert refusal == (
            "Expanding is refused: the Executive sponsor has not signed it off (give the sign-off below)."
        )
    assert session.plan.decisions == []


# -- modify ------------------------------------------------------------------------------


def test_a_modify_opens_a_copy_in_design_with_the_one_variable_to_change() -> None:
    session = _recorded(
        _session(_stop_met(example())),
        DecisionKind.MODIFY,
        variable_kind=OperatingVariable.POPULATION,
        variable="Only new managers of the Rotterdam hub, 25 people",
    )
    plan = session.plan
    [decision] = plan.decisions
    assert (decision.variable_kind, decision.next_pilot) == (OperatingVariable.POPULATION, "pilot-2")
    first, copy = plan.pilots
    assert (
        first.status is PilotStatus.COMPLETED and copy.status is PilotStatus.DESIGN and copy.extends is None
    )
    assert (copy.population_size, copy.use_case, copy.support_contact) == (
        40,
        first.use_case,
        first.support_contact,
    )
    assert (copy.notice_text, copy.notice_date) == ("", None)
    mine = [c for c in plan.conditions if c.pilot == "pilot-2"]
    old = [c for c in plan.conditions if c.pilot == "pilot-1"]
    assert [(c.kind, c.metric, c.threshold, c.wording) for c in mine] == [
        (c.kind, c.metric, c.threshold, c.wording) for c in old
    ]
    assert not any(c.locked for c in mine) and all(c.locked for c in old)
    assert not any(s.pilot == "pilot-2" for s in plan.training)
    assert session.store.history()[-1].action == "decision.modify"
    # The met stop condition is answered by the modify; the copy must still make its one change.
    assert not any(f.rule == "measurement" and f.severity is Severity.BLOCKING for f in session.findings)
    [waiting] = found(plan, "decision")
    assert waiting.severity is Severity.WARNING and "does not change the population yet" in waiting.message
    changed = edit(plan, "pilots", "pilot-2", population_size=25)
    assert found(changed, "decision") == []
    twice = edit(changed, "pilots", "pilot-2", use_case="uc-1")
    [more] = found(twice, "decision")
    assert "changes the workflow besides the population" in more.message


def test_a_modify_names_its_one_variable_and_changes_a_pilot_that_ran() -> None:
    session = _session(example())
    pilot = session.plan.pilots[0]
    unnamed = changes.decide_refusal(session.plan, pilot, _values(DecisionKind.MODIFY))
    assert unnamed == "Choose the one operating variable the modification changes."
    wordless = _values(DecisionKind.MODIFY, variable_kind=OperatingVariable.TRAINING)
    assert (
        changes.decide_refusal(session.plan, pilot, wordless)
        == "Say what the modification changes, in words."
    )
    designed = edit(session.plan, "pilots", "pilot-1", status=PilotStatus.DESIGN)
    named = _values(DecisionKind.MODIFY, variable_kind=OperatingVariable.TRAINING, variable="Longer sessions")
    assert "has not started: change its design on tab 7 Pilot" in (
        changes.decide_refusal(designed, designed.pilots[0], named) or ""
    )


# -- stop --------------------------------------------------------------------------------


def test_a_stop_is_never_refused_closes_the_pilot_and_records_why() -> None:
    session = _session(_stop_met(example()))
    assert any(f.rule == "measurement" and f.severity is Severity.BLOCKING for f in session.findings)
    unsigned = {"sponsor_by": "", "sponsor_at": None, "cites": [], "evidence": ""}
    session = _recorded(session, DecisionKind.STOP, rationale="A privacy incident in week 5.", **unsigned)
    plan = session.plan
    [decision] = plan.decisions
    assert decision.kind is DecisionKind.STOP and decision.next_pilot is None
    assert plan.pilots[0].status is PilotStatus.STOPPED and len(plan.pilots) == 1
    entry = session.store.history()[-1]
    assert (entry.action, entry.reason) == ("decision.stop", "A privacy incident in week 5.")
    assert not any(f.rule == "measurement" and f.severity is Severity.BLOCKING for f in session.findings)
    [unsigned_warning] = found(plan, "decision")
    assert "no sign-off from the executive sponsor" in unsigned_warning.message
    assert [i.place.words() for i in gate_items(plan, 8, TODAY)][-1] == "tab 9 Decision, key s"
    signed = changes.sign_off(plan, decision, {"sponsor_by": SPONSOR, "sponsor_at": date(2026, 1, 2)})
    assert session.apply(signed).applied
    assert found(session.plan, "decision") == []
    assert not any("sign-off" in i.what for i in gate_items(session.plan, 8, TODAY))


def test_undoing_an_expansion_restores_the_pilot_stages_and_evidence() -> None:
    session = _recorded(_session(_supported()), DecisionKind.EXPAND)
    assert session.undo().applied
    plan = session.plan
    assert len(plan.pilots) == 1 and plan.pilots[0].status is PilotStatus.RUNNING and plan.decisions == []
    assert plan.stage(5).status is StageStatus.COMPLETE and all(e.pilot is None for e in plan.evidence)


# -- ROI ---------------------------------------------------------------------------------


def test_an_roi_claim_needs_a_counterfactual_and_a_measurement_design() -> None:
    session = _session(example())
    claim = {
        "claim": "Coaching saves two hours per manager a month.",
        "counterfactual": "",
        "measurement_design": "",
    }
    assert session.apply(changes.save_claim(session.plan, None, claim)).applied
    [roi] = [f for f in session.findings if f.rule == "roi"]
    assert roi.severity is Severity.BLOCKING and roi.entity == "roi_claims/roi-1"
    assert any(
        "no counterfactual and no measurement design" in i.what for i in gate_items(session.plan, 8, TODAY)
    )
    backed = {
        **claim,
        "counterfactual": "Matched new managers without the coach.",
        "measurement_design": "Diaries.",
    }
    assert session.apply(changes.save_claim(session.plan, session.plan.roi_claims[0], backed)).applied
    assert not any(f.rule == "roi" for f in session.findings)
    ask = changes.delete_claim(session.plan.roi_claims[0])
    assert session.apply(ask.edit).applied and session.plan.roi_claims == []
    assert [e.action for e in session.store.history()][-3:] == ["roi.new", "roi.edit", "roi.delete"]
