"""The framework's default plan, taken from the seed text: pure data, no clock, no I/O."""

from __future__ import annotations

from datetime import datetime

from schemas.delivery import recommend_delivery
from schemas.enums import AccessLevel, DataCategory, GovernanceKey, RaciLetter, UseCaseStatus
from schemas.framework import CHECKPOINT_GUIDANCE, METRICS, PROHIBITIONS, STAGES, USE_CASES
from schemas.plan import Plan, id_order
from schemas.records import (
    DataAccessRule,
    GovernanceTopic,
    Metric,
    PlanInfo,
    Policy,
    Prohibition,
    RaciActivity,
    RaciRole,
    Stage,
    UseCase,
)

ROLES: tuple[str, ...] = (
    "HR",
    "Legal and privacy",
    "Security",
    "IT",
    "Vendor",
    "Executive sponsor",
)
"""The RACI roles the seed names, as role-1 to role-6."""

_HR, _LEGAL, _SECURITY, _IT, _VENDOR, _SPONSOR = (f"role-{n}" for n in range(1, 7))
_R, _A, _AR, _C, _I = RaciLetter.R, RaciLetter.A, RaciLetter.AR, RaciLetter.C, RaciLetter.I

OWNS_PURPOSE = "HR owns the development purpose and employee communication."
REVIEWS_LEGAL = "Legal and privacy teams review lawful basis, notices, contracts, and prohibited uses."
REVIEWS_SECURITY = "Security reviews architecture and incident response."
MANAGES_IT = "IT manages approved integration and identity controls."
EXPLAINS_VENDOR = (
    "The vendor explains model behavior, retention, subprocessors, deletion, access, evaluation, "
    "and escalation."
)
OWNS_DECISION = "An executive sponsor owns the decision to expand or stop."
"""The seed's six sentences of the governance RACI, word for word."""

# Each row is one sentence of the seed: the role it names owns or does the work, so it holds
# A/R, except the vendor, which explains but answers to no one in the text. Another role gets
# C or I only where a sentence implies it, named in the comment on the row.
ACTIVITIES: tuple[tuple[str, dict[str, RaciLetter], str], ...] = (
    ("Define the development purpose", {_HR: _AR}, OWNS_PURPOSE),
    # Legal and privacy C: they review notices (REVIEWS_LEGAL), which this communication carries.
    ("Communicate with employees: notice, opt-out, support", {_HR: _AR, _LEGAL: _C}, OWNS_PURPOSE),
    # HR C: the notices are employee communication, which HR owns (OWNS_PURPOSE).
    ("Review lawful basis and notices", {_HR: _C, _LEGAL: _AR}, REVIEWS_LEGAL),
    # HR C: prohibited uses bound the development purpose HR owns (OWNS_PURPOSE); vendor C: the
    # contract fixes the retention, subprocessors and deletion the vendor explains (EXPLAINS_VENDOR).
    ("Review contracts and prohibited uses", {_HR: _C, _LEGAL: _AR, _VENDOR: _C}, REVIEWS_LEGAL),
    # IT C: the integration and identity controls it manages are part of the architecture
    # (MANAGES_IT); vendor C: it explains model behavior and access (EXPLAINS_VENDOR).
    ("Review the architecture", {_SECURITY: _AR, _IT: _C, _VENDOR: _C}, REVIEWS_SECURITY),
    # Vendor C: it explains escalation (EXPLAINS_VENDOR); sponsor I: an incident can call for the
    # decision to stop, which the sponsor owns (OWNS_DECISION).
    ("Review incident response", {_SECURITY: _AR, _VENDOR: _C, _SPONSOR: _I}, REVIEWS_SECURITY),
    # Security C: it reviews the architecture these controls belong to (REVIEWS_SECURITY).
    ("Manage approved integration and identity controls", {_SECURITY: _C, _IT: _AR}, MANAGES_IT),
    # The A is Legal and privacy: the vendor's duty to explain is a term of the contract they
    # review (REVIEWS_LEGAL: "contracts"). Security C for model behavior and access
    # (REVIEWS_SECURITY: architecture); IT C for access (MANAGES_IT: identity controls).
    (
        "Explain model behavior, retention, subprocessors, deletion, access, evaluation and escalation",
        {_LEGAL: _A, _SECURITY: _C, _IT: _C, _VENDOR: _R},
        EXPLAINS_VENDOR,
    ),
    # HR C: the decision extends or ends the development purpose HR owns (OWNS_PURPOSE); Legal and
    # privacy C: a next scope needs its lawful basis and prohibited uses reviewed (REVIEWS_LEGAL).
    ("Decide to expand, modify or stop", {_HR: _C, _LEGAL: _C, _SPONSOR: _AR}, OWNS_DECISION),
)
"""RACI rows: activity, role id to letter, and the seed sentence the row comes from."""

GOVERNANCE: tuple[tuple[GovernanceKey, str, str], ...] = (
    (GovernanceKey.DATA_COLLECTION, "Data collection", _LEGAL),
    (GovernanceKey.RETENTION, "Retention", _LEGAL),
    (GovernanceKey.MODEL_USE, "Model use", _LEGAL),
    (GovernanceKey.ACCESS, "Access", _IT),
    (GovernanceKey.DELETION, "Deletion", _LEGAL),
    (GovernanceKey.EXPORT, "Export", _IT),
    (GovernanceKey.SUBPROCESSORS, "Subprocessors", _LEGAL),
    (GovernanceKey.SECURITY, "Security", _SECURITY),
    (GovernanceKey.INCIDENT_RESPONSE, "Incident response", _SECURITY),
)
"""The nine governance topics of Step 3 and the RACI role that owns each."""

_NONE, _OWN, _AGG = AccessLevel.NONE, AccessLevel.OWN, AccessLevel.AGGREGATE
_PRIVATE, _DERIVED = DataCategory.PRIVATE_CONTENT, DataCategory.DERIVED_PROFILES
_USAGE, _REPORTS = DataCategory.USAGE_METADATA, DataCategory.AGGREGATE_REPORTS

# Each coachee reads their own coaching data (the Employee row stands for every coachee,
# managers who are coached included); in their other roles people see at most aggregates,
# and never anyone's private content or derived profiles (Failure Mode 2).
DATA_ACCESS: tuple[tuple[str, dict[DataCategory, AccessLevel]], ...] = (
    ("Employee", {_PRIVATE: _OWN, _DERIVED: _OWN, _USAGE: _OWN, _REPORTS: _AGG}),
    ("Manager", {_PRIVATE: _NONE, _DERIVED: _NONE, _USAGE: _NONE, _REPORTS: _AGG}),
    ("HR", {_PRIVATE: _NONE, _DERIVED: _NONE, _USAGE: _AGG, _REPORTS: _AGG}),
    ("Executive sponsor", {_PRIVATE: _NONE, _DERIVED: _NONE, _USAGE: _NONE, _REPORTS: _AGG}),
)
"""Role by data category access: development, not surveillance."""


def default_plan(now: datetime, organization: str = "", title: str = "AI coaching rollout") -> Plan:
    """A new plan seeded with the framework's defaults, created at ``now``."""
    return Plan(
        plan=PlanInfo(id="plan", organization=organization, title=title, created=now, updated=now),
        policy=Policy(id="policy", min_group_size=5, pilot_cap=50),
        stages=default_stages(),
        use_cases=default_use_cases(),
        prohibitions=[
            Prohibition(id=f"pr-{n}", key=key, text=text)
            for n, (key, text) in enumerate(PROHIBITIONS, start=1)
        ],
        data_access=default_data_access(),
        governance=[
            GovernanceTopic(id=f"gov-{n}", key=key, title=title_, owner_role=owner)
            for n, (key, title_, owner) in enumerate(GOVERNANCE, start=1)
        ],
        raci_roles=[
            RaciRole(id=f"role-{n}", name=name, sponsor=name == "Executive sponsor")
            for n, name in enumerate(ROLES, start=1)
        ],
        raci_activities=[
            RaciActivity(id=f"act-{n}", name=name, cells=dict(cells), expand_decision=n == len(ACTIVITIES))
            for n, (name, cells, _source) in enumerate(ACTIVITIES, start=1)
        ],
        metrics=in_stored_order(
            [
                Metric(id=key, name=name, kind=kind, unit=unit, direction=direction)
                for key, name, kind, unit, direction in METRICS
            ]
        ),
    )


def in_stored_order(metrics: list[Metric]) -> list[Metric]:
    """Metrics in the order a stored plan loads them (by id), so a reload compares equal.

    The scorecard's reading order is ``schemas.framework.METRICS``; a table keyed by
    metric key cannot keep it, because the file is written with sorted keys.
    """
    return sorted(metrics, key=lambda metric: id_order(metric.id))


def default_stages() -> list[Stage]:
    """The eight stages, not started, each with its step and checkpoint guidance."""
    return [
        Stage(id=f"stage-{n}", number=n, title=title, purpose=f"{step} {CHECKPOINT_GUIDANCE}")
        for n, (title, step) in enumerate(STAGES, start=1)
    ]


def default_use_cases() -> list[UseCase]:
    """The matrix rows; delivery follows the recommendation, none for prohibited rows."""
    rows = []
    for n, (name, status, control, route_to, factors, guardrail) in enumerate(USE_CASES, 1):
        consequence, complexity, escalation = factors
        delivery = None
        if status is not UseCaseStatus.PROHIBITED:
            delivery, _reason = recommend_delivery(consequence, complexity, escalation)
        rows.append(
            UseCase(
                id=f"uc-{n}",
                name=name,
                status=status,
                control=control,
                route_to=route_to,
                consequence=consequence,
                complexity=complexity,
                escalation=escalation,
                delivery=delivery,
                guardrail=guardrail,
            )
        )
    return rows


def default_data_access(
    table: tuple[tuple[str, dict[DataCategory, AccessLevel]], ...] = DATA_ACCESS,
) -> list[DataAccessRule]:
    """Data-access rules da-1 onwards from ``table``, role by role, category by category."""
    rules: list[DataAccessRule] = []
    for role, levels in table:
        for category in DataCategory:
            rules.append(
                DataAccessRule(
                    id=f"da-{len(rules) + 1}", role=role, category=category, level=levels[category]
                )
            )
    return rules
