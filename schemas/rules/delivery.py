"""delivery: each use case's delivery model against the Step 4 recommendation."""

from __future__ import annotations

from datetime import date

from schemas.delivery import recommend_delivery
from schemas.enums import DeliveryModel, Severity, StageStatus, UseCaseStatus
from schemas.plan import Plan
from schemas.records import UseCase
from schemas.rules.base import DELIVERY_WORDS, STATUS_WORDS, Finding, at

RULE = "delivery"

_ORDER = list(DeliveryModel)
"""AI-only, hybrid, human-led: loosest first."""


def delivery(plan: Plan, today: date) -> list[Finding]:
    """Human-required is never AI-only; a choice against the recommendation has a rationale."""
    piloted = {p.use_case for p in plan.pilots if p.use_case}
    stage_done = plan.stage(4).status is StageStatus.COMPLETE
    found = []
    for case in plan.use_cases:
        if case.delivery is None:
            if case.status is not UseCaseStatus.PROHIBITED and (stage_done or case.id in piloted):
                found.append(_unchosen(case, piloted))
            continue
        finding = _forbidden(case) or _against_recommendation(case)
        if finding is not None:
            found.append(finding)
    return found


def _forbidden(case: UseCase) -> Finding | None:
    """AI delivery of a use case that needs a human or is prohibited."""
    ai = case.delivery in (DeliveryModel.AI_ONLY, DeliveryModel.HYBRID)
    if case.status is UseCaseStatus.PROHIBITED and ai:
        reason = "a prohibited use case is never delivered by AI"
    elif case.status is UseCaseStatus.HUMAN_REQUIRED and case.delivery is DeliveryModel.AI_ONLY:
        reason = "a human-required use case is never AI-only"
    else:
        return None
    assert case.delivery is not None
    return _finding(
        Severity.BLOCKING,
        case,
        f'Use case "{case.name}" is {STATUS_WORDS[case.status]} but delivered '
        f"{DELIVERY_WORDS[case.delivery]}: {reason}.",
        "Choose human-led delivery"
        + (", or route people elsewhere." if case.status is UseCaseStatus.PROHIBITED else "."),
    )


def _against_recommendation(case: UseCase) -> Finding | None:
    """A choice that differs from the recommendation without a rationale."""
    assert case.delivery is not None
    recommended, reason = recommend_delivery(case.consequence, case.complexity, case.escalation)
    if case.delivery is recommended or case.delivery_rationale:
        return None
    looser = _ORDER.index(case.delivery) < _ORDER.index(recommended)
    return _finding(
        Severity.BLOCKING if looser else Severity.WARNING,
        case,
        f'Use case "{case.name}" is delivered {DELIVERY_WORDS[case.delivery]} against the '
        f"recommendation, with no rationale. Recommended: {reason}",
        f"Write why {DELIVERY_WORDS[case.delivery]} delivery fits, or choose {DELIVERY_WORDS[recommended]}.",
    )


def _unchosen(case: UseCase, piloted: set[str]) -> Finding:
    recommended, reason = recommend_delivery(case.consequence, case.complexity, case.escalation)
    why = "a pilot uses it" if case.id in piloted else "stage 4 is complete"
    return _finding(
        Severity.WARNING,
        case,
        f'Use case "{case.name}" has no delivery model yet, although {why}.',
        f"Choose a delivery model. Recommended: {reason}",
    )


def _finding(severity: Severity, case: UseCase, message: str, fix: str) -> Finding:
    return Finding(
        rule=RULE,
        severity=severity,
        stage=4,
        entity=at("use_cases", case.id),
        message=message,
        fix=fix,
    )
