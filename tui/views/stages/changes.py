"""What the Stages tab asks of the plan, and why a stage may not start or complete (pure, no Textual)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from schemas.edits import PlanEdit, changed, new_record
from schemas.enums import StageStatus
from schemas.findings import can_start, stage_gate_refusal
from schemas.history import Set
from schemas.plan import Plan
from schemas.records import Evidence, Outcome, Stage

Values = dict[str, Any]

EDITABLE = {"constraint": "constraint", "target_result": "target result", "due": "due date"}
"""Stage fields the edit form changes, and their names in a summary."""


def edit(stage: Stage, values: Values) -> PlanEdit:
    """Set the constraint, target result and due date the form changed, naming them."""
    changes = changed(stage, **{field: values[field] for field in EDITABLE})
    named = [EDITABLE[change.field] for change in changes if isinstance(change, Set)]
    return PlanEdit("stage.edit", changes, f"Edited stage {stage.number}: {', '.join(named)}.")


def add_evidence(plan: Plan, stage: Stage, values: Values, now: datetime) -> PlanEdit:
    """A new evidence record for ``stage``."""
    put = new_record(
        plan,
        Evidence,
        stage=stage.number,
        result=values["result"],
        recorded_at=now,
        recorded_by=values["recorded_by"],
    )
    return PlanEdit("evidence.add", [put], f"Recorded evidence for stage {stage.number}.")


def add_outcome(plan: Plan, stage: Stage, values: Values, now: datetime) -> PlanEdit:
    """A new outcome log entry for ``stage``; an incomplete one with its diagnosis and restart."""
    complete = bool(values["complete"])
    put = new_record(
        plan,
        Outcome,
        stage=stage.number,
        what_changed=values["what_changed"],
        complete=complete,
        kind=values.get("kind"),
        diagnosis=None if complete else values.get("diagnosis"),
        restart="" if complete else values.get("restart") or "",
        recorded_at=now,
        recorded_by=values["recorded_by"],
    )
    return PlanEdit("outcome.add", [put], f"Recorded what changed in stage {stage.number}.")


def start(plan: Plan, stage: Stage) -> PlanEdit | str:
    """Set ``stage`` in progress, or why it cannot start now."""
    if stage.status is StageStatus.IN_PROGRESS:
        return f"Stage {stage.number} is already in progress."
    if stage.status is StageStatus.COMPLETE:
        return f"Stage {stage.number} is complete; reopen it (o) to work on it again."
    if stage.status is StageStatus.REOPENED:
        return f"Stage {stage.number} is reopened and already under way."
    if not can_start(plan, stage.number):
        earlier = next(
            s for s in plan.stages if s.number < stage.number and s.status is not StageStatus.COMPLETE
        )
        return f"Stage {earlier.number} {earlier.title} is not complete yet; complete it first."
    return PlanEdit(
        "stage.start", changed(stage, status=StageStatus.IN_PROGRESS), f"Started stage {stage.number}."
    )


def complete(plan: Plan, stage: Stage, now: datetime, today: date) -> PlanEdit | str:
    """Mark ``stage`` complete, or the stage gate's reason why not."""
    refusal = stage_gate_refusal(plan, stage.number, today)
    if refusal:
        return refusal
    changes = changed(stage, status=StageStatus.COMPLETE, completed_at=now.replace(microsecond=0))
    return PlanEdit("stage.complete", changes, f"Completed stage {stage.number}.")


def reopen_refusal(stage: Stage) -> str | None:
    """Why ``stage`` cannot be reopened, or None."""
    if stage.status is not StageStatus.COMPLETE:
        return f"Stage {stage.number} is not complete; only a complete stage can be reopened."
    return None


def reopen(stage: Stage, values: Values) -> PlanEdit:
    """Reopen ``stage`` with the reason given, recorded in the history too."""
    reason = str(values["reason"]).strip()
    changes = changed(stage, status=StageStatus.REOPENED, reopen_reason=reason)
    return PlanEdit("stage.reopen", changes, f"Reopened stage {stage.number}.", reason)


def stage_of(plan: Plan, table: str, key: str) -> int | None:
    """The stage number a stages/evidence/outcomes record belongs to."""
    rows: list[Stage] | list[Evidence] | list[Outcome] = getattr(plan, table, [])
    row = next((r for r in rows if r.id == key), None)
    if isinstance(row, Stage):
        return row.number
    return row.stage if row is not None else None
