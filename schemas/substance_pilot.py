"""What the gates of stages 5 to 8 read about the current pilot, in sentences (pure).

Design, training, measurement and decision. A figure over people is shown only when
at least k people are behind it and it cannot be worked out by subtraction; otherwise
the sentence says it is suppressed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from schemas.enums import Audience, ConditionKind, DecisionKind, HarmFamily, TrainingTopic
from schemas.plan import Plan
from schemas.records import Condition, Observation, Pilot
from schemas.rules.base import STATUS_WORDS, join_words, pilot_label
from schemas.rules.decision import latest_decisions
from schemas.rules.expansion import expand_refusals, signed
from schemas.rules.pilot import TOPIC_WORDS
from schemas.scorecard import (
    ConditionResult,
    ConditionStatus,
    describe_condition,
    evaluate_conditions,
    hidden_observations,
    suppress,
)

NO_PILOT = "No pilot is designed yet."
"""What stages 5 to 8 say before there is a pilot."""

STATUS_OF_CONDITION = {
    ConditionStatus.MET: "met",
    ConditionStatus.NOT_MET: "not met",
    ConditionStatus.NO_DATA: "not measured",
}
"""A condition's status as a sentence says it."""


PilotFacts = Callable[[Plan, Pilot, date], list[str]]
"""What a stage's gate reads about one pilot."""


def for_current_pilot(facts: PilotFacts) -> Callable[[Plan, date], list[str]]:
    """``facts`` about the plan's current pilot, or that no pilot is designed yet."""

    def current(plan: Plan, today: date) -> list[str]:
        pilot = plan.current_pilot()
        return [NO_PILOT] if pilot is None else facts(plan, pilot, today)

    return current


def suppressed(k: int) -> str:
    """What is said in place of a figure behind fewer than k people."""
    return f"suppressed (n < {k})"


def people(n: int, k: int) -> str:
    """'40 people', or the suppression words when fewer than k."""
    return f"{n} people" if n >= k else f"fewer than {k} people, {suppressed(k)}"


def design_facts(plan: Plan, pilot: Pilot, today: date) -> list[str]:
    """Stage 5: the current pilot's workflow, population, consent and its conditions."""
    case = next((c for c in plan.use_cases if c.id == pilot.use_case), None)
    workflow = f'use case "{case.name}" ({STATUS_WORDS[case.status]})' if case else "no workflow named"
    org = f"an organization of {pilot.organization_size}" if pilot.organization_size else "an organization"
    voluntary = "voluntary" if pilot.voluntary else "NOT voluntary"
    notice = f"Notice dated {pilot.notice_date}" if pilot.notice_date else "No notice date"
    consent = f"opt-out {_said(pilot.opt_out)}; support contact {_said(pilot.support_contact)}"
    lines = [
        f"{pilot_label(pilot, start=True)}: {pilot.status.value}, {workflow}.",
        f"Population: {people(pilot.population_size, plan.policy.min_group_size)} of {org}; {voluntary}.",
        f"{notice}; {consent}.",
    ]
    names = {m.id: m.name for m in plan.metrics}
    conditions = [c for c in plan.conditions if c.pilot == pilot.id]
    for condition in conditions:
        locked = " (locked)" if condition.locked else ""
        lines.append(f"{condition.kind.value.capitalize()} condition: {_quoted(condition, names)}{locked}.")
    kinds = {c.kind for c in conditions}
    lines += [f"No {kind.value} condition declared." for kind in ConditionKind if kind not in kinds]
    return lines


def _quoted(condition: Condition, names: dict[str, str]) -> str:
    """The condition's words in quotes, without their own full stop."""
    return '"' + describe_condition(condition, names.get(condition.metric, "")).rstrip(".") + '"'


def _said(text: str) -> str:
    return "given" if text else "MISSING"


def training_facts(plan: Plan, pilot: Pilot, today: date) -> list[str]:
    """Stage 6: per audience, the topics covered by sessions held, and attendance if k allows."""
    k = plan.policy.min_group_size
    lines = []
    for audience in Audience:
        held = [
            s
            for s in plan.training
            if s.audience is audience
            and s.pilot in (None, pilot.id)
            and s.held_on is not None
            and s.held_on <= today
        ]
        covered = {topic for s in held if s.attended > 0 for topic in s.topics}
        missing = [TOPIC_WORDS[t] for t in TrainingTopic if t not in covered]
        topics = f"{len(TrainingTopic) - len(missing)} of {len(TrainingTopic)} topics covered"
        gaps = f" (not yet: {join_words(missing)})" if missing else ""
        attendance = _attendance(sum(s.invited for s in held), sum(s.attended for s in held), k)
        sessions = f"{len(held)} session{'' if len(held) == 1 else 's'} held"
        lines.append(f"{audience.value.capitalize()}: {sessions}; {topics}{gaps}; {attendance}.")
    return lines


def attendance_words(invited: int, attended: int, k: int) -> str:
    """'38 of 40 invited attended', or the suppression words where a group under k could be told."""
    return _attendance(invited, attended, k)


def _attendance(invited: int, attended: int, k: int) -> str:
    """'38 of 40 invited attended', unless a group under k could be told from it."""
    if not invited:
        return "nobody invited yet"
    hidden = suppress({"attended": attended, "absent": invited - attended}, k, invited)
    if hidden.total_hidden:
        return f"attendance {suppressed(k)}"
    if "attended" in hidden.hidden:
        return f"{invited} invited, attendance {suppressed(k)}"
    return f"{attended} of {invited} invited attended"


def measurement_facts(plan: Plan, pilot: Pilot, today: date) -> list[str]:
    """Stage 7: each condition met or not on its latest value, the harm measures observed."""
    k = plan.policy.min_group_size
    hidden = hidden_observations(plan.observations, k).all
    units = {m.id: m.unit for m in plan.metrics}
    names = {m.id: m.name for m in plan.metrics}
    lines = [_condition_line(r, names, units, hidden, k) for r in evaluate_conditions(plan, pilot.id)]
    if not lines:
        lines.append("No success or stop condition to measure yet.")
    lines.append(_harms(plan, pilot))
    mine = [o for o in plan.observations if o.pilot == pilot.id]
    secret = sum(o.id in hidden for o in mine)
    lines.append(f"{len(mine)} observations recorded; {secret} hidden as small groups (n < {k}).")
    return lines


def _condition_line(
    result: ConditionResult, names: dict[str, str], units: dict[str, str], hidden: frozenset[str], k: int
) -> str:
    condition = result.condition
    head = f"{condition.kind.value.capitalize()} condition {_quoted(condition, names)}: "
    head += STATUS_OF_CONDITION[result.status]
    obs = result.observation
    if obs is None:
        return head + "."
    return f"{head} (latest {_value(obs, units.get(obs.metric, ''), hidden, k)})."


def _value(obs: Observation, unit: str, hidden: frozenset[str], k: int) -> str:
    """The value with its period and n, or the suppression words."""
    if obs.id in hidden or obs.n < k:
        return f"{obs.period}: {suppressed(k)}"
    shown = (
        f"{obs.value:g}%"
        if unit == "%"
        else f"{obs.value:g}" + (f" {unit}" if unit not in ("", "count") else "")
    )
    return f"{obs.period}: {shown}, n = {obs.n}"


def _harms(plan: Plan, pilot: Pilot) -> str:
    observed = {o.metric for o in plan.observations if o.pilot == pilot.id and not o.group}
    measured = {m.harm_family for m in plan.metrics if m.harm_family is not None and m.id in observed}
    seen = [family.words for family in HarmFamily if family in measured]
    unseen = [family.words for family in HarmFamily if family not in measured]
    if not unseen:
        return f"All four harm measures are observed: {join_words(seen)}."
    return f"Harm measures not observed yet: {join_words(unseen)} (Failure Mode 3 without them)."


def decision_facts(plan: Plan, pilot: Pilot, today: date) -> list[str]:
    """Stage 8: the decision in force on the current pilot, its sign-off, and ROI claims."""
    latest = next((d for d in latest_decisions(plan) if d.pilot == pilot.id), None)
    if latest is None:
        lines = [f"No decision to expand, modify or stop {pilot_label(pilot)} is recorded."]
    else:
        by = f" by {latest.decided_by}" if latest.decided_by else ""
        on = f" on {latest.decided_at}" if latest.decided_at else ""
        variable = f", changing {latest.variable}" if latest.variable else ""
        lines = [f"Decision: {latest.kind.value}{variable}{by}{on}."]
        if latest.sponsor_signoff_by and latest.sponsor_signoff_at is not None:
            lines.append(
                f"Signed off by the sponsor {latest.sponsor_signoff_by} on {latest.sponsor_signoff_at}."
            )
        else:
            lines.append("NOT signed off by the executive sponsor.")
        if latest.kind is DecisionKind.EXPAND:
            refusals = expand_refusals(plan, pilot.id, has_signoff=signed(latest))
            lines += [f"Expanding is refused: {r.reason}." for r in refusals]
    unbacked = [c for c in plan.roi_claims if not (c.counterfactual and c.measurement_design)]
    if plan.roi_claims:
        lines.append(
            f"{len(plan.roi_claims)} ROI claims; {len(unbacked)} without a counterfactual and design."
        )
    return lines
