"""surveillance: coaching stays separate from surveillance (Step 2, Failure Mode 2)."""

from __future__ import annotations

from datetime import date

from schemas.enums import (
    AccessLevel,
    DataCategory,
    PilotStatus,
    ProhibitionKey,
    Severity,
    StageStatus,
)
from schemas.plan import Plan
from schemas.records import DataAccessRule, Prohibition
from schemas.rules.base import ACCESS_WORDS, CATEGORY_WORDS, Finding, at

RULE = "surveillance"

MIN_K = 3
"""The framework's floor for the minimum group size of any aggregate."""

PROHIBITION_WORDS: dict[ProhibitionKey, str] = {
    ProhibitionKey.SECRET_MONITORING: "secret monitoring",
    ProhibitionKey.MENTAL_HEALTH_INFERENCE: "mental-health inference",
    ProhibitionKey.AUTOMATED_DISCIPLINE: "automated discipline",
    ProhibitionKey.PERFORMANCE_SCORING: "use of private coaching content for performance scoring",
}
"""The four prohibitions as a sentence names them."""

_PRIVATE = (DataCategory.PRIVATE_CONTENT, DataCategory.DERIVED_PROFILES)


def is_employee(role: str) -> bool:
    """True for the role of the coached employee, the only reader of private content."""
    return role.strip().casefold() in ("employee", "employees")


def unattested(plan: Plan) -> list[Prohibition]:
    """The prohibitions of the plan that nobody has attested yet."""
    return [p for p in plan.prohibitions if not p.attested_by or p.attested_at is None]


def access_gaps(plan: Plan) -> dict[str, list[DataCategory]]:
    """Role -> the data categories it has no access rule for; empty when access is defined."""
    defined: dict[str, set[DataCategory]] = {}
    for rule in plan.data_access:
        defined.setdefault(rule.role, set()).add(rule.category)
    gaps = {role: [c for c in DataCategory if c not in held] for role, held in defined.items()}
    return {role: missing for role, missing in gaps.items() if missing}


def surveillance(plan: Plan, today: date) -> list[Finding]:
    """Prohibitions attested in time, no private content for others, aggregates over k."""
    found = _attestations(plan)
    found += [f for rule in plan.data_access for f in _access(rule)]
    found += _aggregate_floor(plan)
    return found


def _attestations(plan: Plan) -> list[Finding]:
    """Each prohibition present, and attested before any pilot starts."""
    present = {p.key for p in plan.prohibitions}
    found = [_missing(key) for key in ProhibitionKey if key not in present]
    severity, why = _attestation_need(plan)
    if severity is None:
        return found
    found += [_unattested(prohibition, severity, why) for prohibition in unattested(plan)]
    return found


def _attestation_need(plan: Plan) -> tuple[Severity | None, str]:
    """Blocking while a pilot runs; a warning once a pilot is designed or stage 2 is done."""
    running = next((p for p in plan.pilots if p.status is PilotStatus.RUNNING), None)
    if running is not None:
        return Severity.BLOCKING, f', yet pilot "{running.name}" is running'
    if plan.pilots:
        return Severity.WARNING, " yet; it must be before a pilot starts"
    if plan.stage(2).status is StageStatus.COMPLETE:
        return Severity.WARNING, ", yet stage 2 is marked complete"
    return None, ""


def _missing(key: ProhibitionKey) -> Finding:
    words = PROHIBITION_WORDS[key]
    return Finding(
        rule=RULE,
        severity=Severity.BLOCKING,
        stage=2,
        entity="prohibitions",
        message=f"The prohibition of {words} is missing from the plan.",
        fix=f"Add the prohibition of {words} back and have it attested.",
    )


def _unattested(prohibition: Prohibition, severity: Severity, why: str) -> Finding:
    return Finding(
        rule=RULE,
        severity=severity,
        stage=2,
        entity=at("prohibitions", prohibition.id),
        message=f"The prohibition of {PROHIBITION_WORDS[prohibition.key]} is not attested{why}.",
        fix="Record who attests the prohibition and when.",
    )


def _access(rule: DataAccessRule) -> list[Finding]:
    """Private content and profiles: each person their own only; usage data kept to aggregates."""
    what = CATEGORY_WORDS[rule.category]
    if rule.category in _PRIVATE:
        # "Own only" suits every role: its members may be coachees too, and a manager reading
        # their own coaching content is not surveillance. Reading anyone else's is.
        if rule.level in (AccessLevel.NONE, AccessLevel.OWN):
            return []
        return [
            _access_finding(
                rule,
                Severity.BLOCKING,
                f"{rule.role} has access to {what} ({ACCESS_WORDS[rule.level]}): nobody reads "
                "another person's coaching content or profiles, only their own (Failure Mode 2).",
                f"Set {rule.role}'s access to {what} to their own only, or to no access.",
            )
        ]
    if rule.level is AccessLevel.INDIVIDUAL and not is_employee(rule.role):
        return [
            _access_finding(
                rule,
                Severity.WARNING,
                f"{rule.role} can read individual records of {what}, which shows who used coaching and when.",
                f"Limit {rule.role} to aggregates of {what} unless the role truly needs more.",
            )
        ]
    return []


def _access_finding(rule: DataAccessRule, severity: Severity, message: str, fix: str) -> Finding:
    return Finding(
        rule=RULE,
        severity=severity,
        stage=2,
        entity=at("data_access", rule.id),
        message=message,
        fix=fix,
    )


def _aggregate_floor(plan: Plan) -> list[Finding]:
    """Aggregate access needs a minimum group size at or above the framework's floor."""
    k = plan.policy.min_group_size
    if k >= MIN_K or not any(r.level is AccessLevel.AGGREGATE for r in plan.data_access):
        return []
    return [
        Finding(
            rule=RULE,
            severity=Severity.BLOCKING,
            stage=2,
            entity=at("policy", plan.policy.id),
            message=(
                f"Roles have aggregate access, but the minimum group size is {k}, below the "
                f"floor of {MIN_K}: small groups would make people identifiable."
            ),
            fix=f"Set the minimum group size to at least {MIN_K} (5 is the default).",
        )
    ]
