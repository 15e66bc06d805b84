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


def _v2_to_v3(tables: Tables) -> Tables:
    """Placeholder: replaced by the gates branch's migration at merge."""
    # placeholder: replaced by the gates branch's migration (default RACI cells) at merge
    return tables


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
        summary = f"Migrated the plan from format {from_version} to format {SCHEMA_VERSION}."
        _append(tables, last, "schema.migrate", summary, record_edits(before, tables))
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
