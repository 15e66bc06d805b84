"""measurement and small-groups: stop conditions, harm data, and groups under k."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from schemas.enums import ConditionKind, DecisionKind, HarmFamily, MetricKind, PilotStatus, Severity
from schemas.plan import Plan
from schemas.records import Metric, Pilot
from schemas.rules import places
from schemas.rules.base import Finding, at, join_words, pilot_label
from schemas.scorecard import (
    ConditionResult,
    ConditionStatus,
    describe_condition,
    evaluate_conditions,
    hidden_observations,
    shown,
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
    found += _failure_mode_3(plan)
    return found


def missing_measurements(plan: Plan, pilot: str) -> list[str]:
    """What stage 7 still lacks for ``pilot``, in words: unmeasured condition metrics and harm families.

    Empty once every condition's metric and each of the four harm families has at
    least one observation of the pilot.
    """
    measured = {o.metric for o in plan.observations if o.pilot == pilot}
    names = {m.id: m.name for m in plan.metrics}
    missing = []
    for metric in dict.fromkeys(c.metric for c in plan.conditions if c.pilot == pilot):
        if metric not in measured:
            missing.append(f"{names.get(metric, metric)} (a condition reads it)")
    families = _families_measured(plan.metrics, measured)
    for family in HarmFamily:
        if family not in families:
            missing.append(f"{family.words} (a harm family of Failure Mode 3)")
    return missing


def _families_measured(metrics: list[Metric], measured: set[str]) -> set[HarmFamily]:
    return {m.harm_family for m in metrics if m.harm_family is not None and m.id in measured}


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
    k = plan.policy.min_group_size
    row = [o for o in plan.observations if o.period == obs.period and o.metric == obs.metric]
    row = [o for o in row if o.pilot == obs.pilot]
    hidden = hidden_observations(row, k).all  # suppression works row by row: this row decides
    metric = next((m for m in plan.metrics if m.id == result.condition.metric), None)
    text = describe_condition(result.condition, metric.name if metric else "")
    figure = shown(obs, hidden, k, metric.unit if metric else "")
    value = (
        f"is hidden because fewer than {k} people are behind it" if figure.suppressed else f"is {figure.text}"
    )
    return Finding(
        rule="measurement",
        severity=Severity.BLOCKING,
        stage=7,
        entity=at("conditions", result.condition.id),
        message=f'Stop condition "{text}" of {pilot_label(pilot)} is met: the latest value '
        f"({obs.period.isoformat()}, observation {obs.id}) {value}.",
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


def _failure_mode_3(plan: Plan) -> list[Finding]:
    """Pilots measuring engagement without all four harm families."""
    measured: dict[str, set[str]] = defaultdict(set)
    for obs in plan.observations:
        measured[obs.pilot].add(obs.metric)
    engagement = [m for m in plan.metrics if m.kind is MetricKind.ENGAGEMENT]
    found = []
    for pilot in plan.pilots:
        seen = measured[pilot.id]
        engaged = [m.name.lower() for m in engagement if m.id in seen]
        families = _families_measured(plan.metrics, seen)
        missing = [f for f in HarmFamily if f not in families]
        if engaged and missing:
            found.append(_engagement_only(plan, pilot, engaged, missing))
    return found


def deciding(plan: Plan, pilot: Pilot) -> bool:
    """True once a pilot's results are being decided on: it is completed, or an expand or modify is recorded.

    A stopped pilot is not: stopping is never refused, and it opens no next scope
    that engagement figures could justify.
    """
    if pilot.status is PilotStatus.COMPLETED:
        return True
    return any(d.pilot == pilot.id and d.kind is not DecisionKind.STOP for d in plan.decisions)


def _engagement_only(plan: Plan, pilot: Pilot, engaged: list[str], missing: list[HarmFamily]) -> Finding:
    decided = deciding(plan, pilot)
    severity = Severity.BLOCKING if decided else Severity.WARNING
    gaps = join_words([f.words for f in missing], "or")
    when = "; a decision on it needs them" if decided else ""
    return Finding(
        rule="measurement",
        severity=severity,
        stage=7,
        entity=at("pilots", pilot.id),
        message=f"{pilot_label(pilot, start=True)} measures engagement ({join_words(engaged)}) but not "
        f"{gaps}: measuring engagement alone is Failure Mode 3{when}.",
        fix=f"Record observations of {join_words([_measure_of(plan, f) for f in missing])} "
        f"(coach-rollout import-observations, or {places.IMPORT.words()}).",
    )


def _measure_of(plan: Plan, family: HarmFamily) -> str:
    """The metrics that measure ``family``, or what to add when none does."""
    names = [m.name for m in plan.metrics if m.harm_family is family]
    if names:
        return join_words(names, "or")
    return f"{family.words} (add a metric that measures them)"


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
        elif extra[pilot.id]:
            found.append(_overlapping(pilot, k, extra[pilot.id]))
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


def _overlapping(pilot: Pilot, k: int, extra: int) -> Finding:
    """Figures hidden although each covers k people or more: their groups overlap."""
    figures = "figure is" if extra == 1 else "figures are"
    return Finding(
        rule="small-groups",
        severity=Severity.INFO,
        stage=7,
        entity=at("pilots", pilot.id),
        message=f"{extra} {figures} hidden in {pilot_label(pilot)} on every screen and report: "
        f"subtracting one group from a larger one, or from the total, would single out fewer than "
        f"{k} people (the groups of those periods add up to more than everyone).",
        fix="Record each breakdown of a period so its groups add up to the total, and record a "
        "corrected figure by editing the old one rather than adding a second.",
    )
