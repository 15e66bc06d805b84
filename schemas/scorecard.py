"""The pilot scorecard: conditions judged on the latest data, and what a screen may show.

Every figure a screen or report shows comes from ``shown``: a value behind fewer
than k people, or one that would let such a value be worked out by subtraction, is
``suppressed (n < k)``. The raw value stays in the plan.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from schemas.enums import Comparison
from schemas.framework import METRICS
from schemas.plan import Plan, id_order
from schemas.records import Condition, Metric, Observation
from schemas.suppression import HiddenObservations, Suppression, hidden_observations, suppress

__all__ = [
    "ConditionCheck",
    "ConditionResult",
    "ConditionStatus",
    "HiddenObservations",
    "MetricRow",
    "Shown",
    "Suppression",
    "describe_condition",
    "evaluate_condition",
    "evaluate_conditions",
    "hidden_observations",
    "holds",
    "latest_totals",
    "observations_shown",
    "removal_refusal",
    "scorecard",
    "shown",
    "suppress",
    "suppressed_label",
]


class ConditionStatus(StrEnum):
    """Whether a condition holds on the latest data."""

    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"

    @property
    def words(self) -> str:
        """'met', 'not met' or 'not measured', as a screen says it."""
        return "not measured" if self is ConditionStatus.NO_DATA else self.value.replace("_", " ")


@dataclass(frozen=True)
class ConditionResult:
    """A condition, its status and the observation it was judged on."""

    condition: Condition
    status: ConditionStatus
    observation: Observation | None
    """The latest whole-population observation of its metric, if any."""


Latest = dict[tuple[str, str], Observation]
"""(pilot id, metric key) -> the latest whole-population observation."""


def latest_totals(observations: Iterable[Observation], wanted: set[tuple[str, str]] | None = None) -> Latest:
    """The latest whole-population (group "") observation of each pilot's metrics.

    Of two totals for one period the later one in ``observations`` (id order in a
    plan) counts. ``wanted`` limits the work to some (pilot, metric) pairs.
    """
    latest: Latest = {}
    if wanted is not None and not wanted:
        return latest
    for obs in observations:
        if obs.group:
            continue
        key = (obs.pilot, obs.metric)
        if wanted is not None and key not in wanted:
            continue
        held = latest.get(key)
        if held is None or obs.period >= held.period:
            latest[key] = obs
    return latest


def holds(value: float, comparison: Comparison, threshold: float) -> bool:
    """True when ``value comparison threshold`` is true."""
    if comparison is Comparison.LT:
        return value < threshold
    if comparison is Comparison.LE:
        return value <= threshold
    if comparison is Comparison.GT:
        return value > threshold
    return value >= threshold


def evaluate_condition(condition: Condition, latest: Latest) -> ConditionResult:
    """Judge one condition on the latest whole-population value of its metric."""
    obs = latest.get((condition.pilot, condition.metric))
    if obs is None:
        return ConditionResult(condition, ConditionStatus.NO_DATA, None)
    met = holds(obs.value, condition.comparison, condition.threshold)
    return ConditionResult(condition, ConditionStatus.MET if met else ConditionStatus.NOT_MET, obs)


def evaluate_conditions(
    plan: Plan, pilot: str | None = None, latest: Latest | None = None
) -> list[ConditionResult]:
    """Every condition (of one pilot, if named) judged on the plan's observations."""
    conditions = [c for c in plan.conditions if pilot is None or c.pilot == pilot]
    if latest is None:
        latest = latest_totals(plan.observations, {(c.pilot, c.metric) for c in conditions})
    return [evaluate_condition(c, latest) for c in conditions]


def describe_condition(condition: Condition, metric_name: str = "") -> str:
    """The condition's own wording, or 'Privacy incidents > 0'."""
    if condition.wording:
        return condition.wording
    return f"{metric_name or condition.metric} {condition.comparison.value} {condition.threshold:g}"


# -- what a screen or report may show --------------------------------------------


def suppressed_label(k: int) -> str:
    """What a screen shows instead of a hidden value."""
    return f"suppressed (n < {k})"


def number(value: float, unit: str = "") -> str:
    """'79.5%', '12 hours', '1,250.25 per participant', '3' (a count)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if unit == "%":
        return f"{text}%"
    return f"{text} {unit}" if unit and unit != "count" else text


@dataclass(frozen=True)
class Shown:
    """One observation as a screen or report may show it: never a hidden value."""

    id: str
    """The observation's id."""
    period: date
    """The period it is for."""
    group: str
    """Its group; empty for the whole population."""
    value: float | None
    """The value, or None when it is suppressed (a gap in a trend)."""
    n: int | None
    """The people behind it, or None when it is suppressed."""
    text: str
    """The value in words with its unit, or ``suppressed (n < k)``."""

    @property
    def suppressed(self) -> bool:
        """True when the value is hidden."""
        return self.value is None


def shown(obs: Observation, hidden: frozenset[str], k: int, unit: str = "") -> Shown:
    """``obs`` as it may be shown, given the ids ``hidden_observations`` hides."""
    if obs.id in hidden or obs.n < k:
        return Shown(obs.id, obs.period, obs.group, None, None, suppressed_label(k))
    return Shown(obs.id, obs.period, obs.group, obs.value, obs.n, number(obs.value, unit))


@dataclass(frozen=True)
class ConditionCheck:
    """A condition and how it stands: met, not met or not measured."""

    condition: Condition
    """The condition."""
    status: ConditionStatus
    """Judged on the latest whole-population value, hidden or not."""
    text: str
    """The condition in words."""
    latest: Shown | None
    """The value it was judged on, as it may be shown; None if never measured."""


@dataclass(frozen=True)
class MetricRow:
    """One scorecard row: a metric of one pilot, its latest value, conditions and trend."""

    metric: Metric
    """The metric (kind, unit and direction included)."""
    latest: Shown | None
    """The latest whole-population value as it may be shown; None if never measured."""
    observations: int
    """How many observations of it the pilot has (groups included)."""
    conditions: tuple[ConditionCheck, ...]
    """The pilot's conditions that read this metric."""
    trend: tuple[Shown, ...]
    """The whole-population value per period, oldest first; suppressed points have value None."""


def scorecard(plan: Plan, pilot: str, hidden: HiddenObservations | None = None) -> list[MetricRow]:
    """One row per metric for ``pilot``: the framework's eleven in order, then the others."""
    k = plan.policy.min_group_size
    ids = (hidden or hidden_observations(plan.observations, k)).all
    mine = [o for o in plan.observations if o.pilot == pilot]
    counts = Counter(o.metric for o in mine)
    trends = _trends(mine)
    checks = evaluate_conditions(plan, pilot)
    rows = []
    for metric in _reading_order(plan.metrics):
        trend = tuple(shown(o, ids, k, metric.unit) for o in trends.get(metric.id, []))
        conditions = tuple(_check(r, metric, ids, k) for r in checks if r.condition.metric == metric.id)
        rows.append(MetricRow(metric, trend[-1] if trend else None, counts[metric.id], conditions, trend))
    return rows


def observations_shown(
    plan: Plan, pilot: str, metric: str, hidden: HiddenObservations | None = None
) -> list[Shown]:
    """One pilot's observations of one metric, newest first, each as it may be shown."""
    k = plan.policy.min_group_size
    ids = (hidden or hidden_observations(plan.observations, k)).all
    unit = next((m.unit for m in plan.metrics if m.id == metric), "")
    rows = [o for o in plan.observations if o.pilot == pilot and o.metric == metric]
    rows.sort(key=lambda o: (o.period, o.group == "", id_order(o.id)), reverse=True)
    return [shown(o, ids, k, unit) for o in rows]


def _check(result: ConditionResult, metric: Metric, hidden: frozenset[str], k: int) -> ConditionCheck:
    obs = result.observation
    latest = None if obs is None else shown(obs, hidden, k, metric.unit)
    return ConditionCheck(
        result.condition, result.status, describe_condition(result.condition, metric.name), latest
    )


def _trends(observations: Iterable[Observation]) -> dict[str, list[Observation]]:
    """Per metric, the whole-population value of each period (the later record of two), oldest first."""
    per_period: dict[tuple[str, date], Observation] = {}
    for obs in observations:
        if not obs.group:
            per_period[(obs.metric, obs.period)] = obs
    trends: dict[str, list[Observation]] = {}
    for (metric, _), obs in sorted(per_period.items(), key=lambda item: item[0][1]):
        trends.setdefault(metric, []).append(obs)
    return trends


def _reading_order(metrics: list[Metric]) -> list[Metric]:
    """The framework's metrics in the seed's order, then the plan's own, by id."""
    order = {key: at for at, (key, *_rest) in enumerate(METRICS)}
    return sorted(metrics, key=lambda m: (order.get(m.id, len(order)), id_order(m.id)))


def removal_refusal(plan: Plan, metric: str) -> str:
    """Why ``metric`` cannot be removed from the scorecard now, or an empty string.

    The framework's eleven stay; a metric a condition reads, or with observations
    (which would be left without a metric), stays until they go.
    """
    if any(key == metric for key, *_rest in METRICS):
        return "it is one of the framework's eleven metrics"
    readers = [c.id for c in plan.conditions if c.metric == metric]
    if readers:
        return f"{', '.join(readers)} {'reads' if len(readers) == 1 else 'read'} it"
    measured = sum(1 for o in plan.observations if o.metric == metric)
    if measured:
        return f"{measured} observation{'s' if measured > 1 else ''} of it would be left without a metric"
    return ""
