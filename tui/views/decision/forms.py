"""The Decision tab's forms: the decision, the sponsor's sign-off, an ROI claim."""

from __future__ import annotations

from datetime import date
from typing import Any

from schemas.enums import DecisionKind, OperatingVariable
from schemas.nextscope import suggested_name
from schemas.plan import Plan
from schemas.records import Decision, Pilot, RoiClaim
from schemas.rules.expansion import sponsor_role
from schemas.scorecard import describe_condition, scorecard
from schemas.text import Line, Name, Prose
from tui.dialogs.form import FormDialog, FormField, Values, validate_with
from tui.views.decision import changes
from tui.views.decision.words import in_full

KIND_OPTIONS = [
    ("Expand: the next scope, on the evidence", DecisionKind.EXPAND),
    ("Modify: change one operating variable", DecisionKind.MODIFY),
    ("Stop: close the pilot", DecisionKind.STOP),
]
VARIABLE_OPTIONS = [
    (variable.words[:1].upper() + variable.words[1:], variable) for variable in OperatingVariable
]

WHO_HINT = "Typed: filled in only from the plan's display name, never from the computer's account."


def _is(*kinds: DecisionKind) -> Any:
    """A show_if that holds while the kind chosen is one of ``kinds``."""
    return lambda values: values.get("kind") in kinds


def evidence_choices(plan: Plan, pilot: Pilot) -> list[tuple[str, str]]:
    """What a decision may cite: the pilot's conditions, then the latest value of each measured metric."""
    names = {m.id: m.name for m in plan.metrics}
    choices = [
        (
            f"{c.kind.value.capitalize()}: {describe_condition(c, names.get(c.metric, ''))}",
            f"conditions/{c.id}",
        )
        for c in plan.conditions
        if c.pilot == pilot.id
    ]
    for row in scorecard(plan, pilot.id):
        if row.latest is not None:
            choices.append((f"{row.metric.name} {in_full(row.latest)}", f"observations/{row.latest.id}"))
    return choices


def decision_fields(plan: Plan, pilot: Pilot, who: str, today: date) -> list[FormField]:
    """Kind, its variable or next pilot, rationale, evidence cited, who decided, the sponsor's sign-off."""
    role = sponsor_role(plan)
    return [
        FormField("kind", "Decision", kind="select", options=KIND_OPTIONS, required=True),
        FormField(
            "variable_kind",
            "The one operating variable it changes",
            kind="select",
            options=VARIABLE_OPTIONS,
            show_if=_is(DecisionKind.MODIFY),
        ),
        FormField(
            "variable",
            "The change, in words (name the variable if it is not listed)",
            validator=validate_with(Line),
            show_if=_is(DecisionKind.MODIFY),
        ),
        FormField(
            "next_name",
            "Name of the next pilot (opened in design)",
            initial=suggested_name(plan, pilot),
            validator=validate_with(Name),
            show_if=_is(DecisionKind.EXPAND, DecisionKind.MODIFY),
        ),
        FormField(
            "rationale",
            "Rationale: why this follows from the evidence",
            kind="multiline",
            required=True,
            validator=validate_with(Prose),
        ),
        FormField(
            "cites",
            "Evidence cited (space ticks)",
            kind="ticks",
            options=evidence_choices(plan, pilot),
            initial=[],
        ),
        FormField("evidence", "Further evidence, in words", validator=validate_with(Prose)),
        FormField(
            "decided_by",
            "Decided by",
            initial=who,
            required=True,
            validator=validate_with(Line),
            hint=WHO_HINT,
        ),
        FormField("decided_at", "Decided on (YYYY-MM-DD)", kind="date", initial=today, required=True),
        FormField(
            "sponsor_by",
            f"Sign-off by the {role} (name)",
            validator=validate_with(Line),
            hint=f"The {role} is accountable for the decision to expand or stop (tab 6 RACI). An expand "
            "needs it; a stop or modify may be signed later (s).",
        ),
        FormField("sponsor_at", f"Signed by the {role} on (YYYY-MM-DD)", kind="date"),
    ]


def decision_problem(plan: Plan, pilot: Pilot, values: Values) -> str | None:
    """Why the form's decision cannot be recorded: the sign-off half given, a refusal, a name missing."""
    if bool(str(values.get("sponsor_by") or "").strip()) != (values.get("sponsor_at") is not None):
        return "Give both the sponsor's name and the date they signed, or neither."
    if (
        values.get("kind") in (DecisionKind.EXPAND, DecisionKind.MODIFY)
        and not str(values.get("next_name") or "").strip()
    ):
        return "Name the next pilot."
    return changes.decide_refusal(plan, pilot, values)


def decision_form(plan: Plan, pilot: Pilot, who: str, today: date) -> FormDialog:
    """The decision on ``pilot``: expand, modify or stop."""
    return FormDialog(
        f'Decide on pilot "{pilot.name}"',
        decision_fields(plan, pilot, who, today),
        check=lambda values: decision_problem(plan, pilot, values),
        save_label="Record",
    )


def sign_off_form(plan: Plan, decision: Decision, today: date) -> FormDialog:
    """The sponsor's sign-off on a decision recorded without it: a typed name and the date."""
    role = sponsor_role(plan)
    fields = [
        FormField("sponsor_by", f"Signed by the {role} (name)", required=True, validator=validate_with(Line)),
        FormField("sponsor_at", "Signed on (YYYY-MM-DD)", kind="date", initial=today, required=True),
    ]
    intro = (
        f"The decision to {decision.kind.value}, decided on {decision.decided_at or 'an unrecorded date'}."
    )
    return FormDialog(f"Sign-off by the {role}", fields, intro=intro, save_label="Sign off")


def claim_form(claim: RoiClaim | None) -> FormDialog:
    """Add or edit a return-on-investment claim with its counterfactual and measurement design."""
    fields = [
        FormField(
            "claim",
            "The claim",
            kind="multiline",
            initial=claim.claim if claim else "",
            required=True,
            validator=validate_with(Prose),
        ),
        FormField(
            "counterfactual",
            "Counterfactual: what would have happened without coaching",
            kind="multiline",
            initial=claim.counterfactual if claim else "",
            validator=validate_with(Prose),
        ),
        FormField(
            "measurement_design",
            "Measurement design: how the difference is measured",
            kind="multiline",
            initial=claim.measurement_design if claim else "",
            validator=validate_with(Prose),
            hint="Without both a counterfactual and a measurement design the claim is blocking (rule roi).",
        ),
    ]
    return FormDialog("New ROI claim" if claim is None else "Edit ROI claim", fields)
