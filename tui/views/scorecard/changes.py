"""What the Scorecard asks of the plan: custom metrics and observations entered by hand (pure).

A custom metric is added with its key (the id conditions and CSV files name it by),
edited, and removed unless a condition reads it or observations of it would be left
without it. The framework's eleven metrics are the framework's: kept as they are. An
observation goes to the current pilot once it runs, one per metric, period and group.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from schemas.edits import AskFirst, PlanEdit, changed, new_record, removed, table_of
from schemas.enums import PilotStatus
from schemas.framework import METRICS
from schemas.history import Put
from schemas.plan import Plan
from schemas.records import Metric, Observation, Pilot
from schemas.rules.base import pilot_label
from schemas.scorecard import describe_condition, removal_refusal, suppressed_label

Values = dict[str, Any]

FRAMEWORK_KEYS = frozenset(key for key, *_rest in METRICS)
"""The keys of the framework's eleven metrics."""


def is_framework(metric: Metric) -> bool:
    """True for one of the framework's eleven metrics."""
    return metric.id in FRAMEWORK_KEYS


def _metric_fields(values: Values) -> dict[str, Any]:
    """A metric's fields from the form."""
    return {
        "name": str(values.get("name") or "").strip(),
        "kind": values.get("kind"),
        "unit": str(values.get("unit") or "").strip(),
        "direction": values.get("direction"),
        "harm_family": values.get("harm_family"),
    }


def key_problem(plan: Plan, key: str) -> str | None:
    """Why ``key`` cannot be a new metric's key, or None."""
    if any(m.id == key for m in plan.metrics):
        return f'The scorecard already has a metric with the key "{key}".'
    return None


def add_metric(plan: Plan, values: Values) -> PlanEdit:
    """Add a custom metric to the scorecard."""
    key = str(values["key"]).strip()
    fields = {"id": key, **_metric_fields(values)}
    try:
        record = Metric.model_validate(fields).model_dump(mode="json")
    except ValidationError:
        record = fields  # the store refuses it, naming the field
    put = Put(table=table_of(Metric), record=record)
    return PlanEdit("metric.new", [put], f'Added the metric "{fields["name"]}" ({key}) to the scorecard.')


def edit_metric(metric: Metric, values: Values) -> PlanEdit:
    """Change what the form changed of a custom metric."""
    fields = _metric_fields(values)
    return PlanEdit("metric.edit", changed(metric, **fields), f'Edited the metric "{fields["name"]}".')


def edit_refusal(metric: Metric) -> str:
    """Why ``metric`` cannot be edited here, or an empty string."""
    if is_framework(metric):
        return f'"{metric.name}" is one of the framework\'s eleven metrics: it stays as the framework has it.'
    return ""


def remove_refusal(plan: Plan, metric: Metric) -> str:
    """Why ``metric`` cannot be removed now, naming the conditions that read it; empty if it can."""
    readers = [c for c in plan.conditions if c.metric == metric.id]
    if readers and not is_framework(metric):
        said = "; ".join(
            f'{c.kind.value} condition "{describe_condition(c, metric.name)}" ({c.id})' for c in readers
        )
        verb = "reads" if len(readers) == 1 else "read"
        return (
            f'"{metric.name}" is not removed: {said} {verb} it. Change or remove the condition first (tab 7).'
        )
    why = removal_refusal(plan, metric.id)
    return f'"{metric.name}" is not removed: {why}.' if why else ""


def remove_metric(metric: Metric) -> AskFirst:
    """Remove a custom metric, after asking."""
    edit = PlanEdit(
        "metric.delete", removed(metric), f'Removed the metric "{metric.name}" from the scorecard.'
    )
    question = f'Remove the metric "{metric.name}" ({metric.id})? Undo (ctrl+z) brings it back.'
    return AskFirst(question, edit, yes="Remove")


def observation_refusal(pilot: Pilot | None) -> str:
    """Why no observation can be recorded now, or an empty string."""
    if pilot is None:
        return "The plan has no pilot to measure: design one on tab 7 Pilot."
    if pilot.status is PilotStatus.DESIGN:
        return (
            f"{pilot_label(pilot, start=True)} has not started: observations are recorded once a pilot "
            "runs, after its conditions are fixed."
        )
    return ""


def observation_problem(plan: Plan, pilot: Pilot, values: Values) -> str | None:
    """Why the form's observation cannot be recorded: one of that metric, period and group exists."""
    metric, period = values.get("metric"), values.get("period")
    group = str(values.get("group") or "").strip()
    held = next(
        (
            o
            for o in plan.observations
            if o.pilot == pilot.id and o.metric == metric and o.period == period and o.group == group
        ),
        None,
    )
    if held is None:
        return None
    who = f'group "{group}"' if group else "the whole population"
    return (
        f"{held.id} already holds {metric} for {period} and {who}: delete it first (o lists the "
        "metric's observations) to record another value."
    )


def parse_value(text: Any) -> float | None:
    """The value typed, as a number; None if it is not one."""
    try:
        value = float(str(text).strip())
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def add_observation(plan: Plan, pilot: Pilot, values: Values, k: int) -> PlanEdit:
    """Record one observation of the current pilot; the summary never repeats a value under k."""
    fields = {
        "pilot": pilot.id,
        "metric": values["metric"],
        "period": values["period"],
        "value": parse_value(values["value"]),
        "group": str(values.get("group") or "").strip(),
        "n": values["n"],
    }
    name = next((m.name for m in plan.metrics if m.id == fields["metric"]), fields["metric"])
    put = new_record(plan, Observation, **fields)
    who = f' for "{fields["group"]}"' if fields["group"] else ""
    figure = suppressed_label(k) if int(fields["n"]) < k else f"n = {fields['n']}"
    summary = f"Recorded {name} for {fields['period']}{who} ({figure})."
    return PlanEdit("observation.new", [put], summary)


def delete_observation(observation: Observation, name: str) -> AskFirst:
    """Delete one observation, after asking (the question names it by id, never by a hidden value)."""
    edit = PlanEdit(
        "observation.delete",
        removed(observation),
        f"Deleted observation {observation.id} ({name}, {observation.period.isoformat()}).",
    )
    group = f', group "{observation.group}"' if observation.group else ""
    question = (
        f"Delete observation {observation.id} of {name} for {observation.period.isoformat()}{group}? "
        "Undo (ctrl+z) brings it back."
    )
    return AskFirst(question, edit, yes="Delete")
