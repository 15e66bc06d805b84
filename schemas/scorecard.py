"""The pilot scorecard: conditions against observations, and small-group suppression."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from operator import attrgetter

from schemas.enums import Comparison
from schemas.plan import Plan
from schemas.records import Condition, Observation


class ConditionStatus(StrEnum):
    """Whether a condition holds on the latest data."""

    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"


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


# -- small-group suppression -----------------------------------------------------


@dataclass(frozen=True)
class Suppression:
    """Which cells of one table row are hidden, and why."""

    primary: frozenset[str]
    """Cells over fewer than k people."""
    complementary: frozenset[str]
    """Cells hidden so the primary ones cannot be worked out by subtraction."""
    total_hidden: bool
    """True when the row's total must be hidden as well."""

    @property
    def hidden(self) -> frozenset[str]:
        """Every hidden cell."""
        return self.primary | self.complementary


def suppress(counts: Mapping[str, int], k: int, total: int | None = None) -> Suppression:
    """Hide the cells of one row (label -> people) so no group under k can be recovered.

    The cells partition the row's total (``total`` people, or their sum when not
    given); people counted in the total but in no cell form a remainder that is
    never shown, so it counts as hidden. Primary suppression hides every cell
    under k people. Then, while subtracting the shown cells from the total would
    isolate a single hidden cell or a hidden mass of fewer than k people, the
    smallest shown cell is hidden too. If even that cannot protect the row, the
    total is hidden as well.
    """
    people = sum(counts.values())
    total_n = people if total is None else total
    primary = frozenset(label for label, n in counts.items() if n < k)
    if total_n < k:
        return Suppression(primary, frozenset(counts) - primary, True)
    remainder = max(total_n - people, 0)
    hidden = set(primary)
    shown = sorted((n, label) for label, n in counts.items() if label not in hidden)
    while _exposed(hidden, counts, remainder, k) and shown:
        hidden.add(shown.pop(0)[1])
    exposed = _exposed(hidden, counts, remainder, k)
    return Suppression(primary, frozenset(hidden) - primary, exposed)


def _exposed(hidden: set[str], counts: Mapping[str, int], remainder: int, k: int) -> bool:
    """True if total minus shown cells reveals one hidden cell or fewer than k people."""
    occupied = [counts[label] for label in hidden if counts[label] > 0]
    mass = sum(occupied) + remainder
    return (len(occupied) == 1 and remainder == 0) or 0 < mass < k


@dataclass(frozen=True)
class HiddenObservations:
    """Observation ids to hide everywhere, by reason."""

    primary: frozenset[str]
    """Values over fewer than k people."""
    complementary: frozenset[str]
    """Values hidden so the others cannot be recovered by subtraction."""

    @property
    def all(self) -> frozenset[str]:
        """Every hidden observation id."""
        return self.primary | self.complementary


_ROW_KEY = attrgetter("pilot", "metric", "period")


def hidden_observations(observations: Iterable[Observation], k: int) -> HiddenObservations:
    """Suppress each (pilot, metric, period) row of group values with its whole-population total."""
    rows: dict[tuple[str, str, date], list[Observation]] = defaultdict(list)
    for obs in observations:
        rows[_ROW_KEY(obs)].append(obs)
    primary: set[str] = set()
    complementary: set[str] = set()
    for row in rows.values():
        if _safe_row(row, k):
            continue
        _suppress_row(row, k, primary, complementary)
    return HiddenObservations(frozenset(primary), frozenset(complementary))


def _safe_row(row: list[Observation], k: int) -> bool:
    """True for the usual row: every value over k people and no small remainder."""
    total, counts = None, {}
    for obs in row:
        if obs.n < k:
            return False
        if obs.group:
            counts[obs.group] = obs.n  # a repeated label: the later record is the one shown
        else:
            total = obs.n
    remainder = 0 if total is None else total - sum(counts.values())
    return not 0 < remainder < k


def _suppress_row(row: list[Observation], k: int, primary: set[str], complementary: set[str]) -> None:
    totals = [o for o in row if not o.group]
    groups: dict[str, Observation] = {}
    for obs in row:
        if obs.group:
            groups[obs.group] = obs  # a repeated label: the later record is the one shown
    total = totals[-1].n if totals else None
    result = suppress({label: o.n for label, o in groups.items()}, k, total)
    primary.update(obs.id for obs in row if obs.n < k)
    complementary.update(groups[label].id for label in result.complementary)
    if result.total_hidden:
        complementary.update(obs.id for obs in totals if obs.n >= k)
