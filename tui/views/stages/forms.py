"""The Stages tab's forms: constraint and target, evidence, what changed."""

from __future__ import annotations

from schemas.framework import EVIDENCE_HINT, WHAT_TO_MEASURE
from schemas.records import Stage
from schemas.text import Line, Name, Prose
from tui.dialogs.form import FormDialog, FormField, Values, validate_with
from tui.words import DIAGNOSIS, OUTCOME_KINDS


def edit_form(stage: Stage) -> FormDialog:
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
    return FormDialog(f"Stage {stage.number}: {stage.title}", fields)


def evidence_form(stage: Stage, who: str, hint: str = "") -> FormDialog:
    """The observable result that proves a stage, and who records it (``hint`` says whence ``who``)."""
    fields = [
        FormField(
            "result",
            "Observable result (what anyone can see happened)",
            kind="multiline",
            required=True,
            validator=validate_with(Prose),
            hint=EVIDENCE_HINT,
        ),
        _recorded_by(who, hint),
    ]
    return FormDialog(f"Evidence for stage {stage.number}: {stage.title}", fields)


def _incomplete(values: Values) -> bool:
    return not values.get("complete", True)


def _needs_diagnosis(values: Values) -> str | None:
    if _incomplete(values) and (
        values.get("diagnosis") is None or not str(values.get("restart", "")).strip()
    ):
        return "An incomplete result needs a diagnosis and the smallest valid restart."
    return None


def _recorded_by(who: str, hint: str) -> FormField:
    """Who records it: a person's name, typed or the plan's display name."""
    return FormField(
        "recorded_by", "Recorded by", initial=who, required=True, validator=validate_with(Name), hint=hint
    )


def outcome_form(stage: Stage, who: str, hint: str = "") -> FormDialog:
    """What changed; for an incomplete result, which condition failed and the restart."""
    diagnoses = [(word, key) for key, word in DIAGNOSIS.items()]
    kinds = [(word, key) for key, word in OUTCOME_KINDS.items()]
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
        FormField("kind", "What it shows (optional)", kind="select", options=kinds, hint=WHAT_TO_MEASURE),
        _recorded_by(who, hint),
    ]
    return FormDialog(f"What changed in stage {stage.number}: {stage.title}", fields, check=_needs_diagnosis)
