"""measurement and small-groups: stop conditions, harm data, and groups under k."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from operator import attrgetter

from schemas.enums import ConditionKind, DecisionKind, MetricKind, PilotStatus, Severity
from schemas.plan import Plan
from schemas.records import Pilot
from schemas.rules.base import Finding, at, join_words, pilot_label
from schemas.scorecard import (
    ConditionResult,
    ConditionStatus,
    describe_condition,
    evaluate_conditions,
    hidden_observations,
)


def measurement(plan: Plan, today: date) -> list[Finding]:
    """A met stop condition is blocking; engagement without harm data is Failure Mode 3."""
    metrics = {m.id: m for m in plan.metrics}
    pilots = {p.id: p for p in plan.pilots}
    found = []
    for result in evaluate_conditions(plan):
        condition = result.condition
        if condition.metric not in metrics:
            found.append(_unknown_metric(result))
        pilot = pilots.get(condition.pilot)
        if condition.kind is ConditionKind.STOP and pilot is not None and _unanswered(plan, result, pilot):
            found.append(_stop_met(plan, result, pilot))
    found += _engagement_only(plan)
    return found


def _unanswered(plan: Plan, result: ConditionResult, pilot: Pilot) -> bool:
    """A met stop condition no stop or modify decision has answered since its period."""
    if result.status is not ConditionStatus.MET or pilot.status is PilotStatus.STOPPED:
        return False
    assert result.observation is not None
    period = result.observation.period
    return not any(
        d.pilot == pilot.id
        and d.kind in (DecisionKind.STOP, DecisionKind.MODIFY)
        and d.decided_at is not None
        and d.decided_at >= period
        for d in plan.decisions
    )


def _stop_met(plan: Plan, result: ConditionResult, pilot: Pilot) -> Finding:
    obs = result.observation
    assert obs is not None
    names = {m.id: m.name for m in plan.metrics}
    text = describe_condition(result.condition, names.get(result.condition.metric, ""))
    k = plan.policy.min_group_size
    shown = f"is {obs.value:g}" if obs.n >= k else f"is hidden because fewer than {k} people are behind it"
    value = f"the latest value ({obs.period.isoformat()}) {shown}"
    return Finding(
        rule="measurement",
        severity=Severity.BLOCKING,
        stage=7,
        entity=at("conditions", result.condition.id),
        message=f'Stop condition "{text}" of {pilot_label(pilot)} is met: {value}.',
        fix="Stop the pilot, or record a modify decision that changes one operating variable; "
        "expanding is refused while this holds.",
    )


def _unknown_metric(result: ConditionResult) -> Finding:
    condition = result.condition
    return Finding(
        rule="measurement",
        severity=Severity.WARNING,
        stage=7,
        entity=at("conditions", condition.id),
        message=f'A {condition.kind.value} condition reads the metric "{condition.metric}", which '
        "the scorecard does not define, so it can never be judged.",
        fix="Choose one of the scorecard's metrics, or add this metric to the scorecard.",
    )


def _engagement_only(plan: Plan) -> list[Finding]:
    """Pilots with engagement data but no harm data (Failure Mode 3)."""
    kinds = {m.id: m.kind for m in plan.metrics}
    seen: dict[str, set[MetricKind]] = defaultdict(set)
    for pilot_id, metric in set(map(attrgetter("pilot", "metric"), plan.observations)):
        if metric in kinds:
            seen[pilot_id].add(kinds[metric])
    harm = [m.name.lower() for m in plan.metrics if m.kind is MetricKind.HARM]
    unmeasured = join_words(harm) if harm else "no harm metric is defined"
    found = []
    for pilot in plan.pilots:
        if MetricKind.ENGAGEMENT in seen[pilot.id] and MetricKind.HARM not in seen[pilot.id]:
            found.append(
                Finding(
                    rule="measurement",
                    severity=Severity.WARNING,
                    stage=7,
                    entity=at("pilots", pilot.id),
                    message=f"{pilot_label(pilot, start=True)} has engagement data but no harm data "
                    f"({unmeasured}): measuring engagement alone is Failure Mode 3.",
                    fix="Record observations of the harm metrics as well as engagement.",
                )
            )
    return found


def small_groups(plan: Plan, today: date) -> list[Finding]:
    """Say where figures are hidden because they cover fewer than k people."""
    k = plan.policy.min_group_size
    hidden = hidden_observations(plan.observations, k)
    primary: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    if hidden.all:
        primary.update(o.pilot for o in plan.observations if o.id in hidden.primary)
        extra.update(o.pilot for o in plan.observations if o.id in hidden.complementary)
    found = []
    for pilot in plan.pilots:
        if 0 < pilot.population_size < k:
            found.append(_tiny_pilot(pilot, k))
        if primary[pilot.id]:
            found.append(_hidden(pilot, k, primary[pilot.id], extra[pilot.id]))
    return found


def _tiny_pilot(pilot: Pilot, k: int) -> Finding:
    return Finding(
        rule="small-groups",
        severity=Severity.WARNING,
        stage=7,
        entity=at("pilots", pilot.id),
        message=f"{pilot_label(pilot, start=True)} has {pilot.population_size} people, fewer than "
        f"the minimum group size of {k}, so none of its figures can be shown.",
        fix=f"Widen the population to at least {k} people, or accept that no figure will be reported.",
    )


def _hidden(pilot: Pilot, k: int, primary: int, extra: int) -> Finding:
    figures = "figure covers" if primary == 1 else "figures cover"
    more = (
        f"; {extra} more {'is' if extra == 1 else 'are'} hidden so they cannot be worked out "
        "by subtraction from totals"
        if extra
        else ""
    )
    return Finding(
        rule="small-groups",
        severity=Severity.INFO,
        stage=7,
        entity=at("pilots", pilot.id),
        message=f"{primary} {figures} fewer than {k} people in {pilot_label(pilot)} and "
        f"{'is' if primary == 1 else 'are'} hidden on every screen and report{more}.",
        fix="Nothing to do unless you need these figures: merge small groups into larger ones "
        "when you record observations.",
    )
