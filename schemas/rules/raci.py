"""raci: one accountable and at least one responsible role per activity (A/R counts as both)."""

from __future__ import annotations

from datetime import date

from schemas.enums import Severity
from schemas.plan import Plan
from schemas.records import RaciActivity, RaciRole
from schemas.rules.base import Finding, at, join_words

RULE = "raci"


def raci(plan: Plan, today: date) -> list[Finding]:
    """Each activity: exactly one A, at least one R; expand-or-stop owned by the sponsor."""
    roles = {role.id: role for role in plan.raci_roles}
    found = [f for activity in plan.raci_activities for f in _activity(activity, roles)]
    found += _expand_owner(plan, roles)
    return found


def _activity(activity: RaciActivity, roles: dict[str, RaciRole]) -> list[Finding]:
    accountable = accountable_roles(activity, roles)
    found = []
    if not accountable:
        found.append(
            _finding(
                activity,
                f'Activity "{activity.name}" has no accountable role (A).',
                "Give exactly one role the A for this activity.",
            )
        )
    elif len(accountable) > 1:
        names = join_words([role.name for role in accountable])
        found.append(
            _finding(
                activity,
                f'Activity "{activity.name}" has {len(accountable)} accountable roles (A), '
                f"{names}; exactly one role may be accountable.",
                "Keep one A (or A/R) and change the others to R, C or I.",
            )
        )
    if not responsible_roles(activity, roles):
        found.append(
            _finding(
                activity,
                f'Activity "{activity.name}" has no responsible role (R).',
                "Mark at least one role R, the one who does the work (A/R if it is the accountable role).",
            )
        )
    stale = sorted(key for key in activity.cells if key not in roles)
    if stale:
        found.append(
            _finding(
                activity,
                f'Activity "{activity.name}" has letters for roles that no longer exist '
                f"({', '.join(stale)}).",
                "Clear those cells; they count for no one.",
                Severity.WARNING,
            )
        )
    return found


def _expand_owner(plan: Plan, roles: dict[str, RaciRole]) -> list[Finding]:
    """The decision to expand or stop exists and its A is the executive sponsor."""
    if not any(role.sponsor for role in roles.values()):
        return [
            Finding(
                rule=RULE,
                severity=Severity.BLOCKING,
                stage=3,
                entity="raci_roles",
                message="No RACI role is marked as the executive sponsor, who owns the "
                "decision to expand or stop.",
                fix="Mark the executive sponsor's role as the sponsor.",
            )
        ]
    decisions = [a for a in plan.raci_activities if a.expand_decision]
    if not decisions:
        return [
            Finding(
                rule=RULE,
                severity=Severity.BLOCKING,
                stage=3,
                entity="raci_activities",
                message="No RACI activity is marked as the decision to expand or stop.",
                fix="Add that activity, or mark the existing one, with the executive sponsor as A.",
            )
        ]
    found = []
    for activity in decisions:
        owners = accountable_roles(activity, roles)
        if len(owners) == 1 and not owners[0].sponsor:
            found.append(
                _finding(
                    activity,
                    f'The decision to expand or stop ("{activity.name}") is owned by '
                    f"{owners[0].name}, not by the executive sponsor.",
                    "Make the executive sponsor A for this activity.",
                )
            )
    return found


def accountable_roles(activity: RaciActivity, roles: dict[str, RaciRole]) -> list[RaciRole]:
    """The roles holding A or A/R in ``activity`` (of those that exist)."""
    return [roles[key] for key, cell in activity.cells.items() if cell.accountable and key in roles]


def responsible_roles(activity: RaciActivity, roles: dict[str, RaciRole]) -> list[RaciRole]:
    """The roles holding R or A/R in ``activity`` (of those that exist)."""
    return [roles[key] for key, cell in activity.cells.items() if cell.responsible and key in roles]


def _finding(
    activity: RaciActivity, message: str, fix: str, severity: Severity = Severity.BLOCKING
) -> Finding:
    return Finding(
        rule=RULE,
        severity=severity,
        stage=3,
        entity=at("raci_activities", activity.id),
        message=message,
        fix=fix,
    )
