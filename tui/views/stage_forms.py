"""The Stages view's forms and the changes they ask of the plan."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from schemas.enums import Diagnosis
from schemas.history import Change, Put, Set
from schemas.plan import Plan, next_id
from schemas.records import Stage
from schemas.text import Line, Name, Prose
from tui.dialogs.form import FormDialog, FormField, Values, validate_with
from tui.words import DIAGNOSIS

Submit = Callable[[Values], "str | None"]

EDITABLE = {"constraint": "constraint", "target_result": "target result", "due": "due date"}
"""Stage fields the edit form changes, and their names in a summary."""


def edit_form(stage: Stage, submit: Submit) -> FormDialog:
    """Constraint, smallest observable result and due date of a stage."""
    fields = [
        FormField(
            "constraint",
            "Current constraint (what limits progress now)",
            kind="multiline",
            initial=stage.constraint,
            validator=validate_with(Prose),
        ),
        FormField(
            "target_result",
            "Smallest observable result this stage should create",
            kind="multiline",
            initial=stage.target_result,
            validator=validate_with(Prose),
        ),
        FormField("due", "Target date (YYYY-MM-DD, empty for none)", kind="date", initial=stage.due),
    ]
    return FormDialog(f"Stage {stage.number}: {stage.title}", fields, submit=submit)


def edit_changes(stage: Stage, values: Values) -> tuple[list[Change], str]:
    """Set requests for the fields that changed, and a summary naming them."""
    changes: list[Change] = []
    named: list[str] = []
    for field, label in EDITABLE.items():
        value = values[field]
        if isinstance(value, str):
            value = value.strip()
        if value != getattr(stage, field):
            changes.append(Set(table="stages", key=stage.id, field=field, value=_json(value)))
            named.append(label)
    return changes, f"Edited stage {stage.number}: {', '.join(named)}."


def evidence_form(stage: Stage, who: str, submit: Submit) -> FormDialog:
    """The observable result that proves a stage, and who records it."""
    fields = [
        FormField(
            "result",
            "Observable result (what anyone can see happened)",
            kind="multiline",
            required=True,
            validator=validate_with(Prose),
        ),
        FormField("recorded_by", "Recorded by", initial=who, required=True, validator=validate_with(Name)),
    ]
    return FormDialog(f"Evidence for stage {stage.number}: {stage.title}", fields, submit=submit)


def evidence_put(plan: Plan, stage: Stage, values: Values) -> Put:
    """A new evidence record for ``stage``."""
    record = {
        "id": next_id("ev", [e.id for e in plan.evidence]),
        "stage": stage.number,
        "result": str(values["result"]).strip(),
        "recorded_at": _now(),
        "recorded_by": str(values["recorded_by"]).strip(),
    }
    return Put(table="evidence", record=record)


def _incomplete(values: Values) -> bool:
    return not values.get("complete", True)


def _needs_diagnosis(values: Values) -> str | None:
    if _incomplete(values) and (
        values.get("diagnosis") is None or not str(values.get("restart", "")).strip()
    ):
        return "An incomplete result needs a diagnosis and the smallest valid restart."
    return None


def outcome_form(stage: Stage, who: str, submit: Submit) -> FormDialog:
    """What changed; for an incomplete result, which condition failed and the restart."""
    diagnoses = [(word, key) for key, word in DIAGNOSIS.items()]
    fields = [
        FormField(
            "what_changed",
            "What changed (what actually happened)",
            kind="multiline",
            required=True,
            validator=validate_with(Prose),
        ),
        FormField("complete", "The intended result was reached", kind="bool", initial=True),
        FormField(
            "diagnosis", "Which condition failed", kind="select", options=diagnoses, show_if=_incomplete
        ),
        FormField("restart", "Smallest valid restart", validator=validate_with(Line), show_if=_incomplete),
        FormField("recorded_by", "Recorded by", initial=who, required=True, validator=validate_with(Name)),
    ]
    return FormDialog(
        f"What changed in stage {stage.number}: {stage.title}", fields, submit=submit, check=_needs_diagnosis
    )


def outcome_put(plan: Plan, stage: Stage, values: Values) -> Put:
    """A new outcome log entry for ``stage``."""
    complete = bool(values["complete"])
    diagnosis = values.get("diagnosis")
    record = {
        "id": next_id("out", [o.id for o in plan.outcomes]),
        "stage": stage.number,
        "what_changed": str(values["what_changed"]).strip(),
        "complete": complete,
        "diagnosis": None if complete or diagnosis is None else Diagnosis(diagnosis).value,
        "restart": "" if complete else str(values.get("restart") or "").strip(),
        "recorded_at": _now(),
        "recorded_by": str(values["recorded_by"]).strip(),
    }
    return Put(table="outcomes", record=record)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _json(value: Any) -> Any:
    """A value as stored JSON holds it (dates as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value
