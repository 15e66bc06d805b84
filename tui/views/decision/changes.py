"""What the Decision tab asks of the plan: the decision and the pilot it opens, sign-off, ROI (pure).

A stop closes the pilot and is never refused. An expand is refused while
``expand_refusals`` names a reason; recorded, it completes the pilot and opens the next
scope, linked by ``extends``, with nothing that must be declared again. A modify
completes the pilot and opens a copy, in design, in which the one variable it names is
changed. A next pilot starts stages 5 to 8 over in the same edit: their status, their
evidence (kept as the earlier pilot's) and the training that was not tied to a pilot.
"""

from __future__ import annotations

from typing import Any

from schemas.edits import AskFirst, PlanEdit, changed, new_record, new_records, record_id, removed
from schemas.enums import DecisionKind, OperatingVariable, PilotStatus, StageStatus
from schemas.history import Change
from schemas.nextscope import copied_condition, modified_copy_fields, next_scope_fields, pilot_number
from schemas.plan import Plan
from schemas.records import Condition, Decision, Pilot, RoiClaim
from schemas.rules import places
from schemas.rules.base import pilot_label, short
from schemas.rules.expansion import Refusal, expand_refusals, sponsor_role

Values = dict[str, Any]

RESTARTED = (5, 6, 7, 8)
"""The stages a next pilot starts over; stages 1 to 4 stay as they are unless reopened."""


def signed_in(values: Values) -> bool:
    """True when the form holds the sponsor's sign-off: a name and a date."""
    return bool(str(values.get("sponsor_by") or "").strip()) and values.get("sponsor_at") is not None


def decide_refusal(plan: Plan, pilot: Pilot, values: Values) -> str | None:
    """Why the decision in ``values`` cannot be recorded on ``pilot``, or None (a stop never is refused)."""
    kind = values.get("kind")
    if kind is DecisionKind.EXPAND:
        refusals = expand_refusals(plan, pilot.id, has_signoff=signed_in(values))
        if refusals:
            return "Expanding is refused: " + "; ".join(_in_form(r) for r in refusals) + "."
    if kind is DecisionKind.MODIFY and pilot.status is PilotStatus.DESIGN:
        return (
            f"{pilot_label(pilot, start=True)} has not started: change its design on tab 7 Pilot. "
            "A modify changes a pilot that ran."
        )
    if kind is DecisionKind.MODIFY and values.get("variable_kind") is None:
        return "Choose the one operating variable the modification changes."
    if kind is DecisionKind.MODIFY and not str(values.get("variable") or "").strip():
        return "Say what the modification changes, in words."
    return None


def _in_form(refusal: Refusal) -> str:
    """A refusal as the decision form says it: where it is answered, unless it is this form."""
    if refusal.signoff:
        return f"{refusal.reason} (give the sign-off below)"
    if refusal.place.tab == places.DECISION.tab:
        return refusal.reason
    return f"{refusal.reason} ({refusal.place.words()})"


def decide(plan: Plan, pilot: Pilot, values: Values) -> PlanEdit:
    """Record the decision on ``pilot``; a stop closes it, an expand or a modify opens the next pilot."""
    kind: DecisionKind = values["kind"]
    fields = _decision_fields(pilot, values)
    reason = short(fields["rationale"], 300)
    if kind is DecisionKind.STOP:
        changes: list[Change] = [new_record(plan, Decision, **fields)]
        if pilot.status in (PilotStatus.DESIGN, PilotStatus.RUNNING):
            changes += changed(pilot, status=PilotStatus.STOPPED)
        summary = f"Decided to stop {pilot_label(pilot)}; it is {_closed(pilot, PilotStatus.STOPPED)}."
        return PlanEdit("decision.stop", changes, summary, reason)
    name = str(values["next_name"]).strip()
    if kind is DecisionKind.EXPAND:
        put = new_record(plan, Pilot, name=name, **next_scope_fields(pilot), extends=pilot.id)
        conditions: list[Change] = []
        summary = (
            f"Decided to expand {pilot_label(pilot)}: the next scope, pilot {len(plan.pilots) + 1} "
            f'"{name}", extends pilot {pilot_number(plan, pilot.id)} and is designed anew'
        )
    else:
        put = new_record(plan, Pilot, name=name, **modified_copy_fields(pilot))
        conditions = _copied_conditions(plan, pilot, record_id(put))
        variable: OperatingVariable = values["variable_kind"]
        summary = f'Decided to modify {pilot_label(pilot)}, changing {variable.words}: its copy "{name}" '
        summary += "is in design"
    decision = new_record(plan, Decision, **fields, next_pilot=record_id(put))
    closing = changed(pilot, status=PilotStatus.COMPLETED) if pilot.status is PilotStatus.RUNNING else []
    changes = [decision, put, *conditions, *closing, *start_over(plan, pilot)]
    return PlanEdit(f"decision.{kind.value}", changes, f"{summary}; stages 5 to 8 start over.", reason)


def _closed(pilot: Pilot, status: PilotStatus) -> str:
    """The pilot's status once the decision is recorded, in words."""
    return status.value if pilot.status in (PilotStatus.DESIGN, PilotStatus.RUNNING) else pilot.status.value


def _decision_fields(pilot: Pilot, values: Values) -> dict[str, Any]:
    """The Decision record's fields from the form's values."""
    cited: list[str] = list(values.get("cites") or [])
    modify = values["kind"] is DecisionKind.MODIFY
    return {
        "pilot": pilot.id,
        "kind": values["kind"],
        "rationale": str(values.get("rationale") or "").strip(),
        "evidence": str(values.get("evidence") or "").strip(),
        "cited_conditions": [c.partition("/")[2] for c in cited if c.startswith("conditions/")],
        "cited_observations": [c.partition("/")[2] for c in cited if c.startswith("observations/")],
        "variable_kind": values.get("variable_kind") if modify else None,
        "variable": str(values.get("variable") or "").strip() if modify else "",
        "decided_by": str(values.get("decided_by") or "").strip(),
        "decided_at": values.get("decided_at"),
        "sponsor_signoff_by": str(values.get("sponsor_by") or "").strip(),
        "sponsor_signoff_at": values.get("sponsor_at"),
    }


def _copied_conditions(plan: Plan, pilot: Pilot, copy: str) -> list[Change]:
    """The pilot's conditions again for its copy: the same terms, not locked."""
    rows = [{"pilot": copy, **copied_condition(c)} for c in plan.conditions if c.pilot == pilot.id]
    return list(new_records(plan, Condition, rows))


def start_over(plan: Plan, pilot: Pilot) -> list[Change]:
    """Stages 5 to 8 not started again; their evidence, and training tied to no pilot, kept as ``pilot``'s."""
    changes: list[Change] = []
    for number in RESTARTED:
        stage = plan.stage(number)
        changes += changed(stage, status=StageStatus.NOT_STARTED, completed_at=None)
    for evidence in plan.evidence:
        if evidence.stage in RESTARTED and evidence.pilot is None:
            changes += changed(evidence, pilot=pilot.id)
    for session in plan.training:
        if session.pilot is None:
            changes += changed(session, pilot=pilot.id)
    return changes


def sign_off(plan: Plan, decision: Decision, values: Values) -> PlanEdit:
    """Record the sponsor's sign-off (a typed name and a date) on ``decision``."""
    who = str(values["sponsor_by"]).strip()
    pilot = next((p for p in plan.pilots if p.id == decision.pilot), None)
    label = pilot_label(pilot) if pilot else f'pilot "{decision.pilot}"'
    changes = changed(decision, sponsor_signoff_by=who, sponsor_signoff_at=values["sponsor_at"])
    summary = f"{who} ({sponsor_role(plan)}) signed off the decision to {decision.kind.value} {label}."
    return PlanEdit("decision.sign_off", changes, summary)


def save_claim(plan: Plan, claim: RoiClaim | None, values: Values) -> PlanEdit:
    """Add a return-on-investment claim (``claim`` None) or change what the form changed."""
    fields = {
        "claim": str(values["claim"]).strip(),
        "counterfactual": str(values.get("counterfactual") or "").strip(),
        "measurement_design": str(values.get("measurement_design") or "").strip(),
    }
    words = short(fields["claim"])
    if claim is None:
        return PlanEdit("roi.new", [new_record(plan, RoiClaim, **fields)], f'Added the ROI claim "{words}".')
    return PlanEdit("roi.edit", changed(claim, **fields), f'Edited the ROI claim "{words}".')


def delete_claim(claim: RoiClaim) -> AskFirst:
    """Withdraw a return-on-investment claim, after asking."""
    words = short(claim.claim)
    edit = PlanEdit("roi.delete", removed(claim), f'Withdrew the ROI claim "{words}".')
    return AskFirst(f'Withdraw the ROI claim "{words}"? Undo (ctrl+z) brings it back.', edit, yes="Withdraw")
