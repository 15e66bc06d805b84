"""The changes the Safeguards tab asks the store for: each returns (changes, summary)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from schemas.enums import AccessLevel, DataCategory
from schemas.history import Change, Delete, Put, Set
from schemas.plan import Plan, next_id
from schemas.records import Consultation, Policy, Prohibition
from schemas.rules.base import CATEGORY_WORDS
from schemas.rules.safeguards import PROHIBITION_WORDS
from tui.widgets.safeguard_forms import BODY_WORDS, AccessRow

Edit = tuple[list[Change], str]
"""The changes of one user action and its summary (what a view records)."""

_LEVELS = list(AccessLevel)


def attest(prohibition: Prohibition, by: str, now: datetime) -> Edit:
    """Record ``by`` as attesting ``prohibition`` at ``now``."""
    changes: list[Change] = [
        Set(table="prohibitions", key=prohibition.id, field="attested_by", value=by),
        Set(table="prohibitions", key=prohibition.id, field="attested_at", value=now),
    ]
    return changes, f"{by} attested the prohibition of {PROHIBITION_WORDS[prohibition.key]}."


def withdraw(prohibition: Prohibition) -> Edit:
    """Clear who attested ``prohibition`` and when."""
    changes: list[Change] = [
        Set(table="prohibitions", key=prohibition.id, field="attested_by", value=""),
        Set(table="prohibitions", key=prohibition.id, field="attested_at", value=None),
    ]
    return changes, f"Withdrew the attestation of the prohibition of {PROHIBITION_WORDS[prohibition.key]}."


def next_level(plan: Plan, row: AccessRow, index: int) -> Edit:
    """Step the role's access to category ``index`` to the next level (none after individual)."""
    category = list(DataCategory)[index]
    rule = row.rules[index]
    level = _LEVELS[(_LEVELS.index(rule.level if rule else AccessLevel.NONE) + 1) % len(_LEVELS)]
    change: Change
    if rule is None:  # a role added by hand may lack a category: create its rule
        record = {
            "id": next_id("da", [r.id for r in plan.data_access]),
            "role": row.role,
            "category": category,
            "level": level,
        }
        change = Put(table="data_access", record=record)
    else:
        change = Set(table="data_access", key=rule.id, field="level", value=level)
    return [change], f"{row.role}: access to {CATEGORY_WORDS[category]} set to {level.value}."


def add_role(plan: Plan, role: str) -> Edit:
    """A new role with no access to any category."""
    ids = [r.id for r in plan.data_access]
    changes: list[Change] = []
    for category in DataCategory:
        ids.append(next_id("da", ids))
        record = {"id": ids[-1], "role": role, "category": category, "level": AccessLevel.NONE}
        changes.append(Put(table="data_access", record=record))
    return changes, f"Added role {role} to data access."


def rename_role(row: AccessRow, role: str) -> Edit:
    """Rename every rule of a role."""
    changes: list[Change] = [
        Set(table="data_access", key=rule.id, field="role", value=role) for rule in row.rules if rule
    ]
    return changes, f"Renamed role {row.role} to {role}."


def remove_role(row: AccessRow) -> Edit:
    """Delete every rule of a role."""
    changes: list[Change] = [Delete(table="data_access", key=rule.id) for rule in row.rules if rule]
    return changes, f"Removed role {row.role} from data access."


def set_k(policy: Policy, k: int) -> Edit:
    """Set the minimum group size of any aggregate."""
    change: list[Change] = [Set(table="policy", key=policy.id, field="min_group_size", value=k)]
    return change, f"Minimum group size k set to {k}."


def save_consultation(plan: Plan, consultation: Consultation | None, values: dict[str, Any]) -> Edit:
    """Add a consultation (``consultation`` None) or change the fields that differ."""
    fields = {name: values[name] for name in ("body", "consulted_at", "said", "response")}
    who = BODY_WORDS[fields["body"]]
    if consultation is None:
        new_id = next_id("cons", [c.id for c in plan.consultations])
        put: list[Change] = [Put(table="consultations", record={"id": new_id, **fields})]
        return put, f"Recorded a consultation with: {who}."
    changes: list[Change] = [
        Set(table="consultations", key=consultation.id, field=name, value=value)
        for name, value in fields.items()
        if getattr(consultation, name) != value
    ]
    return changes, f"Edited the consultation with: {who}."


def delete_consultation(consultation: Consultation) -> Edit:
    """Remove a consultation."""
    who = BODY_WORDS[consultation.body]
    return [Delete(table="consultations", key=consultation.id)], f"Deleted the consultation with: {who}."
