"""Schema migrations: each step turns format N into N+1 on the raw tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.defaults import ACTIVITIES, ROLES, default_stages
from schemas.framework import STAGES
from schemas.history import Edit
from schemas.records import SCHEMA_VERSION

Tables = dict[str, dict[str, Any]]

Step = Callable[[Tables, list[Edit]], Tables]
"""A step: the tables in format N made format N+1; it appends to the list every record field
it moves to a new default, so the history entry of the migration shows what changed."""


def stored_version(tables: Tables) -> int | None:
    """The format version a stored plan declares, or None if it names none."""
    info = tables.get("plan", {}).get("plan", {})
    version = info.get("schema_version") if isinstance(info, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _v1_to_v2(tables: Tables, moved: list[Edit]) -> Tables:
    """Format 1 called 'permitted with controls' 'conditional', and kept k in the plan."""
    for doc in tables.get("use_cases", {}).values():
        if doc.get("status") == "conditional":
            doc["status"] = "permitted_with_controls"
    info = tables["plan"]["plan"]
    k = info.pop("min_group_size", 5)
    tables.setdefault("policy", {}).setdefault("policy", {"min_group_size": k, "pilot_cap": 50})
    return tables


# The defaults format 2 seeded, kept as they were: a plan still holding them untouched moves to
# the new ones; anything a planner changed stays as it is.
V2_GUIDANCE = (
    "Before acting, write the current constraint and the smallest observable result "
    "this checkpoint should create."
)
"""Format 2's checkpoint guidance: the first of the seed's three sentences."""

V2_ACTIVITIES: tuple[tuple[str, dict[str, str]], ...] = (
    ("Define the development purpose", {"role-1": "A", "role-2": "C", "role-5": "I", "role-6": "R"}),
    ("Communicate with employees: notice, opt-out, support", {"role-1": "A", "role-2": "C", "role-4": "R"}),
    ("Review lawful basis and notices", {"role-1": "A", "role-2": "R", "role-3": "I"}),
    ("Review contracts and prohibited uses", {"role-1": "C", "role-2": "R", "role-5": "C", "role-6": "A"}),
    ("Review the architecture", {"role-2": "I", "role-3": "R", "role-4": "A", "role-5": "C"}),
    ("Review incident response", {"role-2": "A", "role-3": "R", "role-4": "C", "role-5": "C"}),
    ("Manage approved integration and identity controls", {"role-3": "A", "role-4": "R", "role-5": "C"}),
    (
        "Explain model behavior, retention, subprocessors, deletion, access, evaluation and escalation",
        {"role-1": "I", "role-2": "A", "role-3": "C", "role-4": "C", "role-5": "R"},
    ),
    (
        "Decide to expand, modify or stop",
        {"role-1": "R", "role-2": "C", "role-3": "C", "role-4": "I", "role-5": "I", "role-6": "A"},
    ),
)
"""Format 2's default RACI rows act-1 to act-9: name and role id to letter."""


def _v2_to_v3(tables: Tables, moved: list[Edit]) -> Tables:
    """Format 3 adds A/R and the seed's whole checkpoint guidance; untouched defaults move to them."""
    _move_raci(tables, moved)
    _move_guidance(tables, moved)
    return tables


def _move_raci(tables: Tables, moved: list[Edit]) -> None:
    """Each activity row still exactly as format 2 seeded it takes the new default row.

    A row is compared cell by cell and moved whole or not at all: mixing a planner's
    letters with new defaults could leave an activity two accountable roles.
    """
    roles = tables.get("raci_roles", {})
    names = [roles.get(f"role-{n}") for n in range(1, len(ROLES) + 1)]
    if [doc.get("name") if isinstance(doc, dict) else None for doc in names] != list(ROLES):
        return  # a column was renamed or removed: the old letters may not mean the same roles
    activities = tables.get("raci_activities", {})
    rows = zip(V2_ACTIVITIES, ACTIVITIES, strict=True)
    for n, ((old_name, old_cells), (name, cells, _source)) in enumerate(rows, start=1):
        key = f"act-{n}"
        doc = activities.get(key)
        if isinstance(doc, dict) and doc.get("name") == old_name == name and doc.get("cells") == old_cells:
            new = {role: str(letter) for role, letter in cells.items()}
            edit = Edit(table="raci_activities", key=key, field="cells", before=dict(old_cells), after=new)
            moved.append(edit)
            doc["cells"] = new


def _move_guidance(tables: Tables, moved: list[Edit]) -> None:
    """Each stage purpose still as format 2 wrote it carries the whole checkpoint guidance."""
    new_purposes = {stage.id: stage.purpose for stage in default_stages()}
    for n, (_title, step) in enumerate(STAGES, start=1):
        doc = tables.get("stages", {}).get(f"stage-{n}")
        old = f"{step} {V2_GUIDANCE}"
        if isinstance(doc, dict) and doc.get("purpose") == old:
            new = new_purposes[f"stage-{n}"]
            moved.append(Edit(table="stages", key=f"stage-{n}", field="purpose", before=old, after=new))
            doc["purpose"] = new


MIGRATIONS: dict[int, Step] = {1: _v1_to_v2, 2: _v2_to_v3}
"""From-version -> step to the next version."""


def migrate(tables: Tables, moved: list[Edit] | None = None) -> Tables:
    """Bring ``tables`` from their stored version up to ``SCHEMA_VERSION``.

    Record fields moved to new defaults are appended to ``moved`` when it is given.
    """
    version = stored_version(tables) or 1
    edits: list[Edit] = [] if moved is None else moved
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables, edits)
        version += 1
        tables["plan"]["plan"]["schema_version"] = version
    return tables


def migration_summary(from_version: int, moved: list[Edit]) -> str:
    """The history's words for a migration and the defaults it moved."""
    text = f"Migrated the plan from format {from_version}."
    rows = sum(1 for edit in moved if edit.table == "raci_activities")
    stages = sum(1 for edit in moved if edit.table == "stages")
    parts = []
    if rows:
        parts.append(
            f"the RACI of {rows} activit{'y' if rows == 1 else 'ies'} (A/R for the role that owns "
            "the work and does it)"
        )
    if stages:
        parts.append(
            f"the whole checkpoint guidance in the purpose of {stages} stage{'s' if stages != 1 else ''}"
        )
    if parts:
        text += (
            " Moved to the framework's new defaults where the plan still held the old ones untouched: "
            + " and ".join(parts)
            + "."
        )
    return text
