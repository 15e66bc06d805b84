"""Schema migrations: each step turns format N into N+1 on the raw tables.

A migration changes records without a user action, so it is recorded: the difference it
makes becomes the edits of a ``schema.migrate`` history entry, and a migrated plan still
replays. A plan whose history holds no entry with its whole first state (every plan
written before format 4) first gets a ``history.baseline`` entry holding the plan as it
was stored, from which replay starts. The entries are made in memory while the plan is
read; the store writes them when it opens the plan for editing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.defaults import ACTIVITIES, ROLES, default_stages
from schemas.framework import STAGES
from schemas.history import Edit, HistoryEntry, entry_id
from schemas.ledger import HISTORY, entries_of, record_edits, start_index, whole_plan
from schemas.records import SCHEMA_VERSION
from store.entries import history_doc, new_entry

Tables = dict[str, dict[str, Any]]

BASELINE_SUMMARY = (
    "Baseline: the history before this entry does not hold the plan's first state (it was "
    "recorded before format 4), so this entry holds the whole plan as it was stored, and "
    "replaying the history starts here."
)


def stored_version(tables: Tables) -> int | None:
    """The format version a stored plan declares, or None if it names none."""
    info = tables.get("plan", {}).get("plan", {})
    version = info.get("schema_version") if isinstance(info, dict) else None
    return version if isinstance(version, int) and not isinstance(version, bool) else None


def _v1_to_v2(tables: Tables) -> Tables:
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


def _v2_to_v3(tables: Tables) -> Tables:
    """Format 3 adds A/R and the seed's whole checkpoint guidance; untouched defaults move to them."""
    _move_raci(tables)
    _move_guidance(tables)
    return tables


def _move_raci(tables: Tables) -> None:
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
            doc["cells"] = {role: str(letter) for role, letter in cells.items()}


def _move_guidance(tables: Tables) -> None:
    """Each stage purpose still as format 2 wrote it carries the whole checkpoint guidance."""
    new_purposes = {stage.id: stage.purpose for stage in default_stages()}
    for n, (_title, step) in enumerate(STAGES, start=1):
        doc = tables.get("stages", {}).get(f"stage-{n}")
        old = f"{step} {V2_GUIDANCE}"
        if isinstance(doc, dict) and doc.get("purpose") == old:
            doc["purpose"] = new_purposes[f"stage-{n}"]


def _v3_to_v4(tables: Tables) -> Tables:
    """Format 4 hashes new entries' ids and replays from a first state; records stay as they are."""
    # The baseline an older history lacks is recorded by ``migrate``, as every step's edits are.
    return tables


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4}
"""From-version -> step to the next version."""


def migrate(tables: Tables) -> Tables:
    """Bring ``tables`` from their stored version up to ``SCHEMA_VERSION``, recorded in the history.

    A history that does not validate is left as it is: validating the plan then names it.
    """
    version = stored_version(tables) or 1
    from_version = version
    history: dict[str, Any] | None = tables.setdefault(HISTORY, {})
    try:
        last = _last_entry(tables[HISTORY])
    except (ValidationError, _NotExtendable):
        last, history = None, None
    if history is not None and start_index(entries_of(history)) is None:
        last = _append(tables, last, "history.baseline", BASELINE_SUMMARY, whole_plan(_records(tables)))
    # Steps change documents in place: keep the state before them as the edits' "before".
    before = _records(tables)
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables["plan"]["plan"]["schema_version"] = version
    if history is not None:
        edits = record_edits(before, tables)
        _append(tables, last, "schema.migrate", migration_summary(from_version, edits), edits)
    return tables


def _records(tables: Tables) -> Tables:
    """A deep copy of every table but the history."""
    return orjson.loads(orjson.dumps({k: v for k, v in tables.items() if k != HISTORY}))  # type: ignore[no-any-return]


def _last_entry(history: dict[str, Any]) -> HistoryEntry | None:
    """The newest entry, validated; ValidationError if the history is not fit to extend."""
    entries = entries_of(history)
    last = HistoryEntry.model_validate(entries[-1]) if entries else None
    following = (last.seq if last else 0) + 1
    odd = len(entries) != len(history) or {entry_id(following), entry_id(following + 1)} & history.keys()
    if odd:  # a record that is no entry, or a key the new entries would overwrite
        raise _NotExtendable
    return last


class _NotExtendable(Exception):
    """The stored history cannot take new entries safely (validating the plan names why)."""


def _append(
    tables: Tables, last: HistoryEntry | None, action: str, summary: str, edits: list[Edit]
) -> HistoryEntry:
    """Record ``edits`` as the next entry, stamping the plan's ``updated`` as a save does."""
    info = tables["plan"]["plan"]
    actor = info.get("display_name") if isinstance(info.get("display_name"), str) else ""
    entry = new_entry(last, actor or "", action, edits, (summary, ""), None)
    doc = history_doc(entry)
    tables[HISTORY][entry.id] = doc
    # A new dict, not an edit in place: the entry's edits may hold the old one.
    tables["plan"]["plan"] = {**info, "updated": doc["at"]}
    return entry


def migration_summary(from_version: int, moved: list[Edit]) -> str:
    """The history's words for a migration and the defaults it moved."""
    text = f"Migrated the plan from format {from_version} to format {SCHEMA_VERSION}."
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
