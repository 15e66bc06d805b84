"""The ledger: replay the history's edits on stored documents and compare with the records.

Replay works on the JSON documents as stored, not on validated models. It starts at the
entry holding the whole plan (the first entry, ``plan.create``, or a ``history.baseline``
recorded when an older plan was migrated) and applies every later entry's edits in order.

``plan.updated`` is stamped by every save with the time of the entry it writes, outside
the entry's edits. Replay does the same after each entry, so the replayed plan's
``updated`` is the last entry's ``at``, and a hand edit of it is found like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.history import CHAIN, Edit, entry_id, first_broken, seq_of
from schemas.plan import id_order
from schemas.text import visible

Doc = dict[str, Any]
Tables = dict[str, dict[str, Any]]

HISTORY = "history"
START_ACTIONS = frozenset({"plan.create", "history.baseline"})
"""Actions whose entry holds the whole plan, so replay can start there."""


@dataclass(frozen=True)
class Break:
    """Where the ledger and the plan part, in one sentence a planner can act on."""

    entity: str
    """``table/record`` of the place, e.g. ``history/h-000003`` or ``use_cases/uc-2``."""
    message: str
    """What is wrong there."""
    seq: int | None = None
    """The history entry at fault, when one is."""


def entries_of(history: dict[str, Any]) -> list[Doc]:
    """The stored entries (``{id: doc}``) as documents with their id, in seq order."""
    return sorted(({**doc, "id": key} for key, doc in history.items() if isinstance(doc, dict)), key=seq_of)


def chain_break(entries: list[Doc]) -> Break | None:
    """The first entry whose id or hash does not verify, or None."""
    seq = first_broken(entries)
    if seq is None:
        return None
    entry = next((e for e in entries if seq_of(e) == seq), {})
    key = str(entry.get("id", entry_id(seq)))
    if key != entry_id(seq):
        return Break(
            f"history/{visible(key)}",
            f"The history entry stored as '{visible(key)}' says it is entry {seq}: an entry's id must "
            f"equal its sequence ({entry_id(seq)}); the history was changed outside Coach Rollout.",
            seq,
        )
    what = f' ({str(entry.get("at", "?"))[:10]}, "{visible(str(entry.get("summary", "?")))}")'
    return Break(
        f"history/{key}",
        f"The change history does not verify from entry {seq}{what}: the file was changed outside "
        "Coach Rollout.",
        seq,
    )


def start_index(entries: list[Doc]) -> int | None:
    """The index of the latest entry holding the whole plan, or None."""
    for index in range(len(entries) - 1, -1, -1):
        entry = entries[index]
        if entry.get("action") in START_ACTIONS and entry.get("chain") == CHAIN:
            return index
    return None


def ledger_break(tables: Tables) -> Break | None:
    """The first place where the stored history does not give the stored records, or None."""
    entries = entries_of(tables.get(HISTORY, {}))
    return chain_break(entries) or replay_break(entries, tables)


def replay_break(entries: list[Doc], records: Tables) -> Break | None:
    """Replay verified ``entries`` and name the first difference from ``records``."""
    if not entries:
        return Break(
            HISTORY,
            "The plan holds records but no change history: the history was removed outside Coach Rollout.",
        )
    start = start_index(entries)
    if start is None:
        return Break(
            f"history/{entries[0].get('id')}",
            "No history entry holds the plan's first state, so its records cannot be replayed: "
            "the history was cut outside Coach Rollout.",
            seq_of(entries[0]),
        )
    replayed: Tables = {}
    for entry in entries[start:]:
        problem = apply_entry(replayed, entry)
        if problem is not None:
            return problem
    return first_difference(replayed, records)


def apply_entry(tables: Tables, entry: Doc) -> Break | None:
    """Apply one entry's edits to ``tables`` in place; a Break if an edit's before does not match."""
    for edit in entry.get("edits", ()):
        # The first entry holds every record: this loop runs once per record of the plan.
        name, key, field, after = edit["table"], edit["key"], edit.get("field"), edit.get("after")
        table = tables.get(name)
        if table is None:
            table = tables[name] = {}
        current = table.get(key)
        if field is not None:
            if current is None or current.get(field) != edit.get("before"):
                return _before_break(entry, edit, current and current.get(field))
            table[key] = {**current, field: after}
        elif current != edit.get("before"):
            return _before_break(entry, edit, current)
        elif after is None:
            del table[key]
        else:
            table[key] = after
    plan = tables.get("plan", {}).get("plan")
    if plan is not None:
        tables["plan"]["plan"] = {**plan, "updated": entry.get("at")}
    return None


def _before_break(entry: Doc, edit: Doc, found: Any) -> Break:
    seq = seq_of(entry)
    where = f"{edit['table']}/{edit['key']}"
    field = f", field {edit['field']}," if edit.get("field") else ""
    return Break(
        f"history/{entry_id(seq)}",
        f"History entry {seq} changes record {visible(where)}{field} from {shown(edit.get('before'))}, "
        f"but replaying the entries before it gives {shown(found)}: the history was changed outside "
        "Coach Rollout.",
        seq,
    )


def first_difference(replayed: Tables, records: Tables) -> Break | None:
    """The first table, record and field where ``records`` differ from ``replayed``.

    A record's own fields are named before ``plan.updated``, which any change also moves.
    """
    found = _difference(_undated(replayed), _undated(records))
    if found is not None:
        return found
    ours, stored = replayed.get("plan", {}).get("plan"), records.get("plan", {}).get("plan")
    if isinstance(ours, dict) and isinstance(stored, dict) and ours.get("updated") != stored.get("updated"):
        return _record_break("plan", "plan", ours, stored)
    return None


def _undated(tables: Tables) -> Tables:
    plan = tables.get("plan", {}).get("plan")
    if not isinstance(plan, dict):
        return tables
    return {**tables, "plan": {**tables["plan"], "plan": {k: v for k, v in plan.items() if k != "updated"}}}


def _difference(replayed: Tables, records: Tables) -> Break | None:
    for table in sorted(set(replayed) | set(records)):
        if table == HISTORY:
            continue
        ours, stored = replayed.get(table, {}), records.get(table, {})
        if ours == stored:
            continue
        for key in sorted(set(ours) | set(stored)):
            if ours.get(key) != stored.get(key):
                return _record_break(table, key, ours.get(key), stored.get(key))
    return None


def _record_break(table: str, key: str, replayed: Any, stored: Any) -> Break:
    where = visible(f"{table}/{key}")
    if stored is None:
        what = f"Record {where} is missing, but the history holds it"
    elif replayed is None:
        what = f"Record {where} is not in the history"
    elif not isinstance(stored, dict):
        what = f"Record {where} is not an object of fields"
    else:
        field = next(
            f
            for f in sorted(set(replayed) | set(stored))
            if (f in replayed) != (f in stored) or replayed.get(f) != stored.get(f)
        )
        what = (
            f"Record {where}, field {visible(field)} is {_stated(stored, field)}, but replaying the "
            f"history gives {_stated(replayed, field)}"
        )
    return Break(f"{table}/{key}", f"{what}: the record was changed outside Coach Rollout.")


def _stated(record: dict[str, Any], field: str) -> str:
    """A field's value as ``shown`` says it, or that the record lacks the field."""
    return shown(record[field]) if field in record else "absent"


def shown(value: Any, limit: int = 60) -> str:
    """A stored value as a short, printable quotation."""
    text = "(none)" if value is None else repr(value) if isinstance(value, str) else str(value)
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def record_edits(old: Tables, new: Tables) -> list[Edit]:
    """The edits that turn the records of ``old`` into those of ``new`` (history aside).

    A record whose fields stay the same set changes field by field; one that gains or
    loses a field is replaced whole, since an edit of one field cannot remove it.
    """
    edits: list[Edit] = []
    for table in sorted((set(old) | set(new)) - {HISTORY}):
        before, after = old.get(table, {}), new.get(table, {})
        if before == after:
            continue
        for key in sorted(set(before) | set(after), key=id_order):
            was, now = before.get(key), after.get(key)
            if was == now:
                continue
            if isinstance(was, dict) and isinstance(now, dict) and was.keys() == now.keys():
                edits += [
                    Edit(table=table, key=key, field=field, before=was[field], after=now[field])
                    for field in sorted(was)
                    if was[field] != now[field]
                ]
            else:
                edits.append(Edit(table=table, key=key, before=was, after=now))
    return edits


def whole_plan(tables: Tables) -> list[Edit]:
    """Edits that add every record of ``tables``: the first entry of a history."""
    return record_edits({}, tables)
