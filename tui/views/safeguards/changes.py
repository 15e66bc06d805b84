"""What the Safeguards tab asks of the plan (pure, no Textual)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from schemas.edits import PlanEdit, changed, new_record, new_records, removed
from schemas.enums import AccessLevel, ConsultationBody, DataCategory
from schemas.history import Change
from schemas.plan import Plan
from schemas.records import Consultation, DataAccessRule, Policy, Prohibition
from schemas.rules.base import CATEGORY_WORDS
from schemas.rules.safeguards import PROHIBITION_WORDS
from tui.views.safeguards.rows import BODY_WORDS, AccessRow, body_name

_LEVELS = list(AccessLevel)


def attest(prohibition: Prohibition, by: str, now: datetime) -> PlanEdit:
    """Record ``by`` as attesting ``prohibition`` at ``now``."""
    by = by.strip()
    return PlanEdit(
        "prohibition.attest",
        changed(prohibition, attested_by=by, attested_at=now),
        f"{by} attested the prohibition of {PROHIBITION_WORDS[prohibition.key]}.",
    )


def withdraw(prohibition: Prohibition) -> PlanEdit:
    """Clear who attested ``prohibition`` and when."""
    return PlanEdit(
        "prohibition.withdraw",
        changed(prohibition, attested_by="", attested_at=None),
        f"Withdrew the attestation of the prohibition of {PROHIBITION_WORDS[prohibition.key]}.",
    )


def next_level(plan: Plan, row: AccessRow, index: int) -> PlanEdit:
    """Step the role's access to category ``index`` to the next level (none after individual)."""
    category = list(DataCategory)[index]
    rule = row.rules[index]
    level = _LEVELS[(_LEVELS.index(rule.level if rule else AccessLevel.NONE) + 1) % len(_LEVELS)]
    changes: list[Change] = (
        # A role added by hand may lack a category: create its rule.
        [new_record(plan, DataAccessRule, role=row.role, category=category, level=level)]
        if rule is None
        else changed(rule, level=level)
    )
    summary = f"{row.role}: access to {CATEGORY_WORDS[category]} set to {level.value}."
    return PlanEdit("data_access.level", changes, summary)


def add_role(plan: Plan, role: str) -> PlanEdit:
    """A new role with no access to any category."""
    role = role.strip()
    rows = [{"role": role, "category": category, "level": AccessLevel.NONE} for category in DataCategory]
    return PlanEdit(
        "data_access.add_role", new_records(plan, DataAccessRule, rows), f"Added role {role} to data access."
    )


def rename_role(row: AccessRow, role: str) -> PlanEdit:
    """Rename every rule of a role."""
    role = role.strip()
    changes = [change for rule in row.rules if rule for change in changed(rule, role=role)]
    return PlanEdit("data_access.rename_role", changes, f"Renamed role {row.role} to {role}.")


def remove_role(row: AccessRow) -> PlanEdit:
    """Delete every rule of a role."""
    rules = [rule for rule in row.rules if rule]
    return PlanEdit("data_access.remove_role", removed(rules), f"Removed role {row.role} from data access.")


def set_k(policy: Policy, k: int) -> PlanEdit:
    """Set the minimum group size of any aggregate."""
    return PlanEdit(
        "policy.min_group_size", changed(policy, min_group_size=k), f"Minimum group size k set to {k}."
    )


def save_consultation(plan: Plan, consultation: Consultation | None, values: dict[str, Any]) -> PlanEdit:
    """Add a consultation (``consultation`` None) or change the fields that differ."""
    fields = {name: values[name] for name in ("body", "consulted_at", "outcome", "said", "response")}
    named = values["body_name"] if fields["body"] is ConsultationBody.OTHER else ""
    fields["body_name"] = named
    who = str(named).strip() or BODY_WORDS[fields["body"]]
    if consultation is None:
        put = new_record(plan, Consultation, **fields)
        return PlanEdit("consultation.new", [put], f"Recorded a consultation with: {who}.")
    return PlanEdit(
        "consultation.edit", changed(consultation, **fields), f"Edited the consultation with: {who}."
    )


def delete_consultation(consultation: Consultation) -> PlanEdit:
    """Remove a consultation."""
    who = body_name(consultation)
    return PlanEdit("consultation.delete", removed(consultation), f"Deleted the consultation with: {who}.")
