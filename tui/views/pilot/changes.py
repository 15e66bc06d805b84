"""What the Pilot tab asks of the plan: design, jurisdictions, conditions, training, start and end (pure).

Every function turns a record and a form's values into one :class:`PlanEdit` built
from the models; the ``*_problem`` functions say, at the field to change, why a form's
values may not be saved (rules across fields). A condition of a started pilot changes
only by :func:`amend`, with a reason; the store refuses any other change to it.
"""

from __future__ import annotations

import math
from typing import Any

from schemas.edits import AskFirst, PlanEdit, changed, new_record, removed
from schemas.enums import PilotStatus
from schemas.history import Change
from schemas.plan import Plan
from schemas.records import Condition, Jurisdiction, Pilot, TrainingSession
from schemas.rules.base import pilot_label, short
from tui.dialogs.form import Check
from tui.views.pilot.words import cap_of, cap_words, condition_text

Values = dict[str, Any]

DESIGN_FIELDS = (
    "name",
    "use_case",
    "population_size",
    "population",
    "organization_size",
    "voluntary",
    "notice_text",
    "notice_date",
    "opt_out",
    "support_contact",
    "escalation_route",
    "start",
    "end",
)
"""The design form's fields, each a field of the Pilot record."""

LARGEST_ORGANIZATION = 10_000_000
"""A headcount above this is a typing slip, not an organization."""


def _text(values: Values, name: str) -> str:
    return str(values.get(name) or "").strip()


# -- the design -------------------------------------------------------------------------


def design_problem(plan: Plan, values: Values) -> Check:
    """Why the design may not be saved, at the field to change: the cap, the dates."""
    size, org = values.get("population_size"), values.get("organization_size")
    cap = cap_of(plan, org)
    if isinstance(size, int) and size > cap:
        return "population_size", f"{size} is above the cap: {cap_words(plan, org)} (Failure Mode 1)."
    notice, start, end = values.get("notice_date"), values.get("start"), values.get("end")
    if notice and start and notice > start:
        return "notice_date", f"Notice on {notice} comes after the start on {start}: give notice before."
    if start and end and end < start:
        return "end", f"Ends on {end}, before it starts on {start}."
    return None


def population_problem(size: int | None) -> str | None:
    """A population of none is no pilot."""
    return "At least one person takes part." if size is not None and size < 1 else None


def organization_problem(size: int | None) -> str | None:
    """A headcount that cannot be one."""
    if size is None:
        return None
    if size < 1:
        return "Write the organization's headcount (1 or more)."
    return "Too large for a headcount." if size > LARGEST_ORGANIZATION else None


def _design_fields(values: Values) -> dict[str, Any]:
    fields = {name: values.get(name) for name in DESIGN_FIELDS}
    for name in ("name", "population", "notice_text", "opt_out", "support_contact", "escalation_route"):
        fields[name] = _text(values, name)
    fields["organization_size"] = values.get("organization_size") or 0
    fields["population_size"] = values.get("population_size") or 0
    fields["voluntary"] = bool(values.get("voluntary"))
    return fields


def save_design(plan: Plan, pilot: Pilot | None, values: Values) -> PlanEdit:
    """A new pilot in design (``pilot`` None), or what the form changed in ``pilot``'s design."""
    fields = _design_fields(values)
    if pilot is None:
        summary = f'Designed pilot {len(plan.pilots) + 1} "{fields["name"]}".'
        return PlanEdit("pilot.new", [new_record(plan, Pilot, **fields)], summary)
    return PlanEdit("pilot.design", changed(pilot, **fields), f"Edited the design of {pilot_label(pilot)}.")


# -- start, complete, stop ----------------------------------------------------------------


def start(plan: Plan, pilot: Pilot, values: Values) -> PlanEdit:
    """Start ``pilot``: running, who started it and when, its conditions locked."""
    who, on = _text(values, "who"), values["on"]
    changes: list[Change] = changed(
        pilot, status=PilotStatus.RUNNING, started_by=who, started_at=on, start=pilot.start or on
    )
    own = [c for c in plan.conditions if c.pilot == pilot.id]
    for condition in own:
        changes += changed(condition, locked=True)
    summary = f"{who} started {pilot_label(pilot)} on {on}; its {len(own)} conditions are locked."
    reason = "Started: from now on a condition changes only by an amendment with a reason."
    return PlanEdit("pilot.start", changes, summary, reason)


def end_problem(pilot: Pilot, values: Values) -> Check:
    """A pilot does not end before it started."""
    on = values.get("on")
    if on and pilot.started_at and on < pilot.started_at:
        return "on", f"{on} is before it started, on {pilot.started_at}."
    return None


def finish(pilot: Pilot, status: PilotStatus, values: Values) -> PlanEdit:
    """Complete or stop ``pilot``, with who, when and why."""
    who, on, reason = _text(values, "who"), values["on"], _text(values, "reason")
    changes = changed(pilot, status=status, ended_by=who, ended_at=on, end_reason=reason)
    verb = "completed" if status is PilotStatus.COMPLETED else "stopped"
    summary = f"{who} {verb} {pilot_label(pilot)} on {on}: {short(reason, 80)}"
    return PlanEdit(
        f"pilot.{'complete' if status is PilotStatus.COMPLETED else 'stop'}", changes, summary, reason
    )


# -- jurisdictions ----------------------------------------------------------------------


def jurisdiction_problem(values: Values) -> Check:
    """A legal review names who and when, or neither yet."""
    by, on = _text(values, "reviewed_by"), values.get("reviewed_at")
    if by and on is None:
        return "reviewed_at", "Give the date of the legal review too."
    if on is not None and not by:
        return "reviewed_by", "Name who reviewed it (a qualified reviewer)."
    return None


def save_jurisdiction(plan: Plan, jurisdiction: Jurisdiction | None, values: Values) -> PlanEdit:
    """Declare a jurisdiction in scope (``jurisdiction`` None), or change it and its review."""
    fields = {
        "name": _text(values, "name"),
        "reviewed_by": _text(values, "reviewed_by"),
        "reviewed_at": values.get("reviewed_at"),
    }
    review = " (legally reviewed)" if fields["reviewed_by"] else " (no legal review yet)"
    if jurisdiction is None:
        put = new_record(plan, Jurisdiction, **fields)
        return PlanEdit("jurisdiction.new", [put], f'Declared jurisdiction "{fields["name"]}"{review}.')
    summary = f'Edited jurisdiction "{fields["name"]}"{review}.'
    return PlanEdit("jurisdiction.edit", changed(jurisdiction, **fields), summary)


def remove_jurisdiction(jurisdiction: Jurisdiction) -> AskFirst:
    """Take a jurisdiction out of scope, after asking."""
    edit = PlanEdit(
        "jurisdiction.delete",
        removed(jurisdiction),
        f'Removed jurisdiction "{jurisdiction.name}" from scope.',
    )
    return AskFirst(f'Remove jurisdiction "{jurisdiction.name}" from scope?', edit, yes="Remove")


# -- conditions -------------------------------------------------------------------------


def threshold_problem(text: Any) -> str | None:
    """A threshold is a finite number."""
    raw = str(text or "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        return "Write a number, e.g. 1 or 70."
    return None if math.isfinite(value) else "Write a finite number."


def condition_problem(plan: Plan, values: Values) -> Check:
    """The metric must be one of the scorecard's."""
    metric = values.get("metric")
    if metric and metric not in {m.id for m in plan.metrics}:
        return "metric", f'There is no metric "{metric}" on the scorecard: choose one of its metrics.'
    return None


def _terms(values: Values) -> dict[str, Any]:
    return {
        "metric": values["metric"],
        "comparison": values["comparison"],
        "threshold": float(str(values["threshold"]).strip()),
        "wording": _text(values, "wording"),
    }


def save_condition(plan: Plan, pilot: Pilot, condition: Condition | None, values: Values) -> PlanEdit:
    """Declare a condition of ``pilot`` in design (``condition`` None), or change one not locked."""
    fields = {"kind": values["kind"], **_terms(values)}
    if condition is None:
        put = new_record(plan, Condition, pilot=pilot.id, **fields)
        words = Condition.model_validate({"id": "new", "pilot": pilot.id, **fields})
        text = condition_text(plan, words)
        summary = f'Declared a {fields["kind"].value} condition of {pilot_label(pilot)}: "{text}".'
        return PlanEdit("condition.new", [put], summary)
    summary = f'Edited the {fields["kind"].value} condition "{condition_text(plan, condition)}".'
    return PlanEdit("condition.edit", changed(condition, **fields), summary)


def amend(plan: Plan, condition: Condition, values: Values) -> PlanEdit:
    """Amend a locked condition: new terms, the reason, and its original terms kept beside them."""
    reason = _text(values, "reason")
    original = condition.original or condition.terms()
    changes = changed(condition, **_terms(values), amendment=reason, original=original)
    text = condition_text(plan, condition)
    summary = f'Amended the {condition.kind.value} condition "{text}": {short(reason, 80)}'
    return PlanEdit("condition.amend", changes, summary, reason)


def remove_condition(plan: Plan, condition: Condition) -> AskFirst:
    """Withdraw a condition of a pilot in design, after asking."""
    words = condition_text(plan, condition)
    edit = PlanEdit(
        "condition.delete", removed(condition), f'Withdrew the {condition.kind.value} condition "{words}".'
    )
    return AskFirst(f'Withdraw the {condition.kind.value} condition "{words}"?', edit, yes="Withdraw")


# -- training ---------------------------------------------------------------------------


def training_problem(values: Values) -> Check:
    """Attended never above invited."""
    invited, attended = values.get("invited") or 0, values.get("attended") or 0
    if attended > invited:
        return "attended", f"{attended} attended, more than the {invited} invited."
    return None


def count_problem(count: int | None) -> str | None:
    """A head count is 0 or more, and not absurd."""
    if count is None:
        return None
    if count < 0:
        return "Write 0 or more."
    return "Too large for a head count." if count > LARGEST_ORGANIZATION else None


def save_training(plan: Plan, pilot: Pilot, session: TrainingSession | None, values: Values) -> PlanEdit:
    """Record a training session for ``pilot`` (``session`` None), or change one."""
    fields = {
        "audience": values["audience"],
        "topics": list(values.get("topics") or []),
        "invited": values.get("invited") or 0,
        "attended": values.get("attended") or 0,
        "held_on": values.get("held_on"),
    }
    when = f" on {fields['held_on']}" if fields["held_on"] else ""
    words = f"{fields['audience'].value} training{when}, {len(fields['topics'])} of 5 topics"
    if session is None:
        put = new_record(plan, TrainingSession, pilot=pilot.id, **fields)
        return PlanEdit("training.new", [put], f"Recorded {words}.")
    return PlanEdit("training.edit", changed(session, **fields), f"Edited {words}.")


def remove_training(session: TrainingSession) -> AskFirst:
    """Remove a training session, after asking."""
    words = f"the {session.audience.value} training session" + (
        f" of {session.held_on}" if session.held_on else ""
    )
    edit = PlanEdit("training.delete", removed(session), f"Removed {words}.")
    return AskFirst(f"Remove {words}?", edit, yes="Remove")
