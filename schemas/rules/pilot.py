"""pilot-design and training: a limited, voluntary, informed pilot, trained before it runs."""

from __future__ import annotations

from datetime import date

from schemas.enums import (
    Audience,
    ConditionKind,
    PilotStatus,
    Severity,
    StageStatus,
    TrainingTopic,
    UseCaseStatus,
)
from schemas.plan import Plan
from schemas.records import Pilot, Policy, UseCase
from schemas.rules.base import (
    STATUS_WORDS,
    Finding,
    at,
    design_severity,
    gap_severity,
    join_words,
    pilot_label,
    stage_name,
)
from schemas.rules.pilot_context import pilot_context

_PILOTABLE = (UseCaseStatus.PERMITTED, UseCaseStatus.PERMITTED_WITH_CONTROLS)

TOPIC_WORDS: dict[TrainingTopic, str] = {
    TrainingTopic.PURPOSE: "purpose",
    TrainingTopic.LIMITS: "limits",
    TrainingTopic.PRIVACY: "privacy",
    TrainingTopic.ESCALATION: "escalation",
    TrainingTopic.NEVER_ASK: "what the system must never be asked to do",
}
"""The five training topics of Step 6 as a sentence says them."""


def pilot_design(plan: Plan, today: date) -> list[Finding]:
    """One permitted workflow, a bounded voluntary population, notice, opt-out, support, conditions."""
    cases = {case.id: case for case in plan.use_cases}
    kinds = {(c.pilot, c.kind) for c in plan.conditions}
    unready = next((s for s in plan.stages if s.number < 5 and s.status is not StageStatus.COMPLETE), None)
    found = []
    for pilot in plan.pilots:
        if unready is not None and pilot.status is PilotStatus.RUNNING:
            found.append(_early(plan, pilot, unready.number))
        found += _workflow(pilot, cases.get(pilot.use_case or ""))
        found += _population(pilot, plan.policy)
        found += _consent(pilot)
        found += [_no_condition(pilot, kind) for kind in ConditionKind if (pilot.id, kind) not in kinds]
    return found + pilot_context(plan)


def _no_condition(pilot: Pilot, kind: ConditionKind) -> Finding:
    """A pilot without a declared success condition, or without a stop condition."""
    example = (
        "privacy incidents at or above 1" if kind is ConditionKind.STOP else "usefulness at or above 70%"
    )
    return _design(
        pilot,
        gap_severity(pilot),
        f"{_name(pilot)} has no {kind.value} condition.",
        f"Declare at least one {kind.value} condition before it starts, for example {example}.",
    )


def _early(plan: Plan, pilot: Pilot, stage: int) -> Finding:
    """A pilot running before the stages that prepare it are complete."""
    before = stage_name(plan, stage)
    return _design(
        pilot,
        Severity.BLOCKING,
        f"{_name(pilot)} is running although {before} is not complete.",
        f"Pause the pilot and complete {before} and the stages after it up to stage 4 first.",
    )


def _workflow(pilot: Pilot, case: UseCase | None) -> list[Finding]:
    if pilot.use_case is None or case is None:
        what = "names no workflow" if pilot.use_case is None else "names a use case that is not in the matrix"
        return [
            _design(
                pilot,
                gap_severity(pilot),
                f"{_name(pilot)} {what}; a pilot tests exactly one use case.",
                "Choose the one permitted use case the pilot tests.",
            )
        ]
    if case.status in _PILOTABLE:
        return []
    return [
        _design(
            pilot,
            design_severity(pilot),
            f'{_name(pilot)} tests "{case.name}", which is {STATUS_WORDS[case.status]}; '
            "only a permitted use case may be piloted.",
            "Choose a use case that is permitted or permitted with controls.",
        )
    ]


def _population(pilot: Pilot, policy: Policy) -> list[Finding]:
    size, org, cap = pilot.population_size, pilot.organization_size, policy.pilot_cap
    found = []
    if size == 0:
        found.append(
            _design(
                pilot,
                gap_severity(pilot),
                f"{_name(pilot)} declares no population size.",
                f"Declare how many people take part (at most {cap}).",
            )
        )
    if size > cap:
        found.append(
            _design(
                pilot,
                design_severity(pilot),
                f"{_name(pilot)} has {size} people, more than the pilot cap of {cap}: "
                "prove one bounded use case before launching wider (Failure Mode 1).",
                f"Reduce the population to at most {cap} people.",
            )
        )
    if org == 0:
        found.append(
            _design(
                pilot,
                Severity.WARNING,
                f"{_name(pilot)} does not record the organization's headcount, so the "
                "10% limit cannot be checked.",
                "Record the organization's headcount.",
            )
        )
    elif size * 10 > org:
        found.append(
            _design(
                pilot,
                design_severity(pilot),
                f"{_name(pilot)} has {size} people, more than 10% of the organization's "
                f"{org} (Failure Mode 1).",
                f"Reduce the population to at most {org // 10} people.",
            )
        )
    return found


def _consent(pilot: Pilot) -> list[Finding]:
    """Voluntary, with notice before the start, an opt-out, a support contact and an escalation route."""
    gap, name = gap_severity(pilot), _name(pilot)
    found = []
    if not pilot.voluntary:
        found.append(
            _design(
                pilot,
                design_severity(pilot),
                f"{name} is not voluntary.",
                "Make participation voluntary; the framework pilots only with volunteers.",
            )
        )
    if not pilot.notice_text:
        found.append(
            _design(
                pilot,
                gap,
                f"{name} has no notice text for participants.",
                "Write the notice: purpose, limits, what is kept, who sees what, how to opt out.",
            )
        )
    if pilot.notice_date is None:
        found.append(
            _design(
                pilot,
                gap,
                f"{name} has no notice date.",
                "Record when participants receive notice, before the start.",
            )
        )
    elif pilot.start is not None and pilot.notice_date > pilot.start:
        found.append(
            _design(
                pilot,
                gap,
                f"{name} gives notice on {pilot.notice_date}, after it starts on {pilot.start}.",
                "Give notice before the pilot starts.",
            )
        )
    return found + [_design(pilot, gap, f"{name} {what}", fix) for what, fix in _missing_help(pilot)]


def _missing_help(pilot: Pilot) -> list[tuple[str, str]]:
    """What a participant could not find (how to leave, whom to ask, where a human takes over)."""
    needed = (
        (
            pilot.opt_out,
            "has no opt-out mechanism.",
            "Describe how a participant opts out, at any time and without consequence.",
        ),
        (pilot.support_contact, "names no support contact.", "Name where participants get help."),
        (
            pilot.escalation_route,
            "names no human escalation route.",
            "Name where a participant is sent in a high-consequence situation: a human, and how soon.",
        ),
    )
    return [(what, fix) for given, what, fix in needed if not given]


def training(plan: Plan, today: date) -> list[Finding]:
    """Employees and managers trained on all five topics before the pilot runs."""
    found = []
    for pilot in plan.pilots:
        for audience in Audience:
            covered: set[TrainingTopic] = set()
            for session in plan.training:
                held = session.held_on is not None and session.held_on <= today and session.attended > 0
                if held and session.audience is audience and session.pilot in (None, pilot.id):
                    covered.update(session.topics)
            missing = [TOPIC_WORDS[t] for t in TrainingTopic if t not in covered]
            if missing:
                found.append(_untrained(pilot, audience, missing, bool(covered)))
    return found


def _untrained(pilot: Pilot, audience: Audience, missing: list[str], some: bool) -> Finding:
    who = audience.value
    what = f"on {join_words(missing)}" if some else "at all"
    if pilot.status is PilotStatus.RUNNING:
        message = f"{_name(pilot)} is running, but its {who} have not been trained {what}."
    else:
        message = f"The {who} of {pilot_label(pilot)} have not been trained {what} yet."
    return Finding(
        rule="training",
        severity=gap_severity(pilot),
        stage=6,
        entity=at("pilots", pilot.id),
        message=message,
        fix=f"Hold and record training for {who} on purpose, limits, privacy, escalation and what "
        "the system must never be asked to do, before the pilot runs.",
    )


def _name(pilot: Pilot) -> str:
    return pilot_label(pilot, start=True)


def _design(pilot: Pilot, severity: Severity, message: str, fix: str) -> Finding:
    return Finding(
        rule="pilot-design",
        severity=severity,
        stage=5,
        entity=at("pilots", pilot.id),
        message=message,
        fix=fix,
    )
