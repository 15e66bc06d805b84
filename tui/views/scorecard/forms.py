"""The Scorecard's forms: a custom metric, an observation entered by hand, a file to import."""

from __future__ import annotations

from datetime import date
from typing import Any

from schemas.enums import Direction, HarmFamily, MetricKind
from schemas.plan import Plan
from schemas.records import Metric, Pilot
from schemas.text import Key, Line, Name
from tui.dialogs.form import FormDialog, FormField, Values, validate_with
from tui.views.scorecard import changes

KIND_OPTIONS = [(kind.value.capitalize(), kind) for kind in MetricKind]
DIRECTION_OPTIONS = [(d.value.replace("_", " ").capitalize(), d) for d in Direction]
FAMILY_OPTIONS = [(family.words.capitalize(), family) for family in HarmFamily]

MAX_PEOPLE = 10_000_000
"""The largest n taken (as the import takes)."""


def _value_error(value: Any) -> str | None:
    """A value must be a number."""
    if str(value or "").strip() and changes.parse_value(value) is None:
        return "Write a number, e.g. 79.5 or 3."
    return None


def _n_error(value: Any) -> str | None:
    """n is a whole number of people, 0 or more."""
    if value is not None and not 0 <= value <= MAX_PEOPLE:
        return f"Write the number of people, 0 to {MAX_PEOPLE:,}."
    return None


def metric_form(plan: Plan, metric: Metric | None) -> FormDialog:
    """Add a custom metric (``metric`` None) or edit one."""
    fields = []
    if metric is None:
        fields.append(
            FormField(
                "key",
                "Key (lower case, digits, _): how conditions and CSV files name it",
                required=True,
                validator=validate_with(Key),
                placeholder="e.g. time_to_first_session",
            )
        )
    fields += [
        FormField(
            "name",
            "Name",
            initial=metric.name if metric else "",
            required=True,
            validator=validate_with(Name),
        ),
        FormField(
            "kind",
            "Kind",
            kind="select",
            options=KIND_OPTIONS,
            initial=metric.kind if metric else None,
            required=True,
        ),
        FormField(
            "unit",
            "Unit (%, hours, count...)",
            initial=metric.unit if metric else "",
            validator=validate_with(Line),
        ),
        FormField(
            "direction",
            "Which way is better",
            kind="select",
            options=DIRECTION_OPTIONS,
            initial=metric.direction if metric else Direction.HIGHER_IS_BETTER,
            required=True,
        ),
        FormField(
            "harm_family",
            "Harm family it measures (Failure Mode 3), if any",
            kind="select",
            options=FAMILY_OPTIONS,
            initial=metric.harm_family if metric else None,
            hint="Opt-outs, privacy incidents, bias signals and administrative burden must all be measured.",
        ),
    ]

    def check(values: Values) -> str | None:
        return changes.key_problem(plan, str(values.get("key") or "").strip()) if metric is None else None

    title = "New custom metric" if metric is None else f'Edit metric "{metric.name}"'
    return FormDialog(title, fields, check=check)


def observation_form(plan: Plan, pilot: Pilot, today: date, metric: str | None) -> FormDialog:
    """Record one observation of the current pilot: metric, period, value, group, n."""
    options = [(f"{m.name} ({m.id})", m.id) for m in plan.metrics]
    k = plan.policy.min_group_size
    fields = [
        FormField("metric", "Metric", kind="select", options=options, initial=metric, required=True),
        FormField("period", "Period (YYYY-MM-DD)", kind="date", initial=today, required=True),
        FormField("value", "Value (a number)", required=True, validator=_value_error),
        FormField(
            "group",
            "Group (empty: the whole population)",
            validator=validate_with(Line),
            hint="A value for the whole population is what conditions read; groups are cuts of it.",
        ),
        FormField(
            "n",
            "n: the number of people behind the value",
            kind="int",
            required=True,
            validator=_n_error,
            hint=f"A value behind fewer than {k} people is shown as suppressed (n < {k}), never as a value.",
        ),
    ]
    return FormDialog(
        f'New observation of pilot "{pilot.name}"',
        fields,
        check=lambda values: changes.observation_problem(plan, pilot, values),
        save_label="Record",
    )


def import_form() -> FormDialog:
    """Ask the path of an observations CSV file."""
    fields = [
        FormField(
            "path",
            "CSV file (metric,period,value,group,n)",
            required=True,
            placeholder="e.g. observations/week-5.csv",
            hint="All rows or none: every bad row is named by line and field. ctrl+z undoes the import.",
        )
    ]
    return FormDialog("Import observations", fields, save_label="Import")
