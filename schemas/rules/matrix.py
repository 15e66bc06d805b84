"""matrix-control and guardrail: the use-case matrix and the framework's fixed limits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from schemas.enums import Severity, UseCaseStatus
from schemas.plan import Plan
from schemas.records import UseCase
from schemas.rules.base import STATUS_WORDS, Finding, at


@dataclass(frozen=True)
class Limit:
    """A fixed limit of the framework: a use case that may never be loosened."""

    name: str
    """The use case as the seed names it."""
    phrases: tuple[str, ...]
    """Normalised phrases that identify it in a use case's name."""
    minimum: UseCaseStatus
    """The loosest status it may have."""
    route: str
    """Where people go instead, for the fix hint."""


LIMITS: tuple[Limit, ...] = (
    Limit(
        "Mental-health support",
        ("mental health support",),
        UseCaseStatus.PROHIBITED,
        "qualified clinical or employee-assistance services",
    ),
    Limit(
        "Employee discipline",
        ("employee discipline",),
        UseCaseStatus.PROHIBITED,
        "qualified human decision-makers under HR and legal governance",
    ),
    Limit(
        "Protected-trait or health inference",
        ("protected trait", "health inference"),
        UseCaseStatus.PROHIBITED,
        "occupational health or HR, only on the employee's own disclosure",
    ),
    Limit(
        "Performance management",
        ("performance management",),
        UseCaseStatus.HUMAN_REQUIRED,
        "qualified human managers",
    ),
)
"""The guardrails: what stays prohibited, and what stays human-required or stricter."""


def limit_for(name: str) -> Limit | None:
    """The fixed limit a use-case name refers to, if any."""
    words = " ".join(re.sub(r"[^a-z0-9]+", " ", name.casefold()).split())
    return next((lim for lim in LIMITS if any(p in words for p in lim.phrases)), None)


def matrix_control(plan: Plan, today: date) -> list[Finding]:
    """Every status but permitted names a control; every prohibition names a route."""
    found = []
    for case in plan.use_cases:
        status = STATUS_WORDS[case.status]
        if case.status is not UseCaseStatus.PERMITTED and not case.control:
            found.append(
                _matrix(
                    case,
                    f'Use case "{case.name}" is {status} but names no required control.',
                    "Write the control that must be in place before anyone uses it.",
                )
            )
        if case.status is UseCaseStatus.PROHIBITED and not case.route_to:
            found.append(
                _matrix(
                    case,
                    f'Use case "{case.name}" is prohibited but does not say where people are sent instead.',
                    "Name the service people are routed to, for example qualified "
                    "clinical or employee-assistance services.",
                )
            )
    return found


def guardrail(plan: Plan, today: date) -> list[Finding]:
    """The fixed limits keep their status and stay in the matrix; loosening one is blocking."""
    found = []
    seen: set[str] = set()
    for case in plan.use_cases:
        limit = limit_for(case.name)
        if limit is not None:
            seen.add(limit.name)
        minimum = limit.minimum if limit else UseCaseStatus.HUMAN_REQUIRED
        if (limit or case.guardrail) and case.status.strictness < minimum.strictness:
            found.append(_loosened(case, minimum))
    for limit in LIMITS:
        if limit.name not in seen:
            found.append(_removed(limit))
    return found


def _loosened(case: UseCase, minimum: UseCaseStatus) -> Finding:
    need = STATUS_WORDS[minimum] + ("" if minimum is UseCaseStatus.PROHIBITED else " or stricter")
    return Finding(
        rule="guardrail",
        severity=Severity.BLOCKING,
        stage=1,
        entity=at("use_cases", case.id),
        message=(
            f'Use case "{case.name}" is {STATUS_WORDS[case.status]}, but the framework keeps it '
            f"{need}; this limit cannot be loosened."
        ),
        fix=f"Set its status back to {STATUS_WORDS[minimum]}.",
    )


def _removed(limit: Limit) -> Finding:
    status = STATUS_WORDS[limit.minimum]
    return Finding(
        rule="guardrail",
        severity=Severity.BLOCKING,
        stage=1,
        entity="use_cases",
        message=(f'The use-case matrix no longer lists "{limit.name}", which the framework keeps {status}.'),
        fix=f'Add "{limit.name}" back as {status}, routing people to {limit.route}.',
    )


def _matrix(case: UseCase, message: str, fix: str) -> Finding:
    return Finding(
        rule="matrix-control",
        severity=Severity.BLOCKING,
        stage=1,
        entity=at("use_cases", case.id),
        message=message,
        fix=fix,
    )
