"""The scorecard in reports: thin over ``schemas.scorecard``, every figure suppressed as on screen."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.framework import METRICS
from schemas.plan import Plan, id_order
from schemas.records import Metric, Observation, Pilot
from schemas.scorecard import (
    ConditionStatus,
    HiddenObservations,
    describe_condition,
    evaluate_conditions,
    hidden_observations,
    latest_totals,
)
from store.reports.document import Block, Point, Section, Text, Trend, table_or
from store.reports.words import count, day, number, word

_STATUS = {
    ConditionStatus.MET: "met",
    ConditionStatus.NOT_MET: "not met",
    ConditionStatus.NO_DATA: "not measured",
}


@dataclass(frozen=True)
class Shown:
    """What a report may show of the plan's observations."""

    k: int
    hidden: HiddenObservations

    def value(self, obs: Observation) -> str:
        """The value as text, or the words that replace a suppressed one."""
        if obs.id in self.hidden.primary:
            return f"suppressed (fewer than {self.k} people)"
        if obs.id in self.hidden.complementary:
            return "suppressed (would reveal a small group by subtraction)"
        return number(obs.value)

    def people(self, obs: Observation) -> str:
        """The head count, or 'hidden' where the value is suppressed."""
        return "hidden" if obs.id in self.hidden.all else str(obs.n)

    def visible(self, obs: Observation) -> bool:
        """True when the value may be shown."""
        return obs.id not in self.hidden.all


def shown(plan: Plan) -> Shown:
    """Suppression for the whole plan (small groups and their complements)."""
    k = plan.policy.min_group_size
    return Shown(k, hidden_observations(plan.observations, k))


def reading_order(plan: Plan) -> list[Metric]:
    """The framework's metrics in the scorecard's order, then custom ones by id."""
    rank = {key: n for n, (key, *_rest) in enumerate(METRICS)}
    return sorted(plan.metrics, key=lambda m: (rank.get(m.id, len(rank)), id_order(m.id)))


def suppression_note(view: Shown) -> Text:
    """What suppression means, said where figures are shown."""
    return Text(
        f"Values behind fewer than {view.k} people are suppressed, and so is any value "
        "from which such a value could be worked out by subtraction. The plan file keeps "
        "them; no report but the JSON backup shows them.",
        tone="note",
    )


def pilot_scorecard(plan: Plan, pilot: Pilot, view: Shown) -> Section:
    """One pilot's metrics, conditions, trends and group values."""
    observations = [o for o in plan.observations if o.pilot == pilot.id]
    blocks: list[Block] = [_metric_table(plan, pilot, observations, view)]
    trends = [t for t in (_trend(plan, pilot, m, observations, view) for m in reading_order(plan)) if t]
    blocks += trends or [Text("No whole-population values are recorded yet, so there is no trend.")]
    groups = [o for o in observations if o.group]
    rows = [
        (_metric_name(plan, o.metric), day(o.period), o.group, view.people(o), view.value(o))
        for o in sorted(groups, key=lambda o: (o.metric, o.period, o.group))
    ]
    blocks.append(
        table_or(
            ("Metric", "Period", "Group", "People", "Value"),
            rows,
            "No values by group are recorded.",
            caption="Values by group",
        )
    )
    return Section(f"Scorecard of {pilot.name}", tuple(blocks))


def _metric_table(plan: Plan, pilot: Pilot, observations: list[Observation], view: Shown) -> Block:
    latest = latest_totals(observations)
    results = evaluate_conditions(plan, pilot.id, latest)
    rows = []
    for metric in reading_order(plan):
        obs = latest.get((pilot.id, metric.id))
        value = "not measured" if obs is None else f"{view.value(obs)} ({day(obs.period)})"
        judged = [
            f"{_STATUS[r.status]}: {describe_condition(r.condition, metric.name)}"
            for r in results
            if r.condition.metric == metric.id
        ]
        measured = sum(1 for o in observations if o.metric == metric.id)
        unit = f" ({metric.unit})" if metric.unit else ""
        rows.append(
            (
                f"{metric.name}{unit}",
                word(metric.kind),
                value,
                "; ".join(judged) or "none",
                count(measured, "observation"),
            )
        )
    return table_or(
        ("Metric", "Kind", "Latest whole-population value", "Conditions", "Recorded"),
        rows,
        "The scorecard defines no metric.",
        caption="Metrics and conditions",
    )


def _trend(
    plan: Plan, pilot: Pilot, metric: Metric, observations: list[Observation], view: Shown
) -> Trend | None:
    by_period: dict[str, Observation] = {}
    for obs in observations:
        if obs.metric == metric.id and not obs.group:
            by_period[day(obs.period)] = obs  # of two totals for one period the later counts
    if not by_period:
        return None
    points = tuple(
        Point(period, obs.value if view.visible(obs) else None, view.value(obs))
        for period, obs in sorted(by_period.items())
    )
    thresholds = tuple(
        (f"{c.kind.value} {c.comparison.value} {number(c.threshold)}", c.threshold)
        for c in plan.conditions
        if c.pilot == pilot.id and c.metric == metric.id
    )
    return Trend(metric.name, metric.unit, points, thresholds)


def _metric_name(plan: Plan, key: str) -> str:
    return next((m.name for m in plan.metrics if m.id == key), key)
