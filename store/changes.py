"""Turn change requests into validated record edits, without touching storage."""

from __future__ import annotations

import bisect
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.history import Change, Delete, Edit, Put, Set
from schemas.plan import HISTORY_TABLE, SINGLETONS, TABLES, Plan, id_order
from schemas.records import Record
from store.errors import ChangeRefused
from store.loading import describe

Doc = dict[str, Any]


def validated(table: str, key: str, doc: Doc) -> tuple[Record, Doc]:
    """The record as it will load again and its stored form, or ChangeRefused naming the field."""
    try:
        record = TABLES[table].model_validate({"id": key, **doc})
    except ValidationError as exc:
        raise ChangeRefused(f"Not saved: {describe(table, key, exc)}") from None
    return storable(table, record)


def storable(table: str, record: Record) -> tuple[Record, Doc]:
    """The record as read back from its stored form, refused unless it loads again.

    A value can pass validation and still not survive the file: NaN and infinity are
    written as null, and JSON cannot hold integers beyond 64 bits. Saving such a value
    would make the plan unreadable, or make every later save fail.
    """
    doc = stored(record)
    for field, value in doc.items():
        problem = _json_problem(value)
        if problem:
            raise ChangeRefused(f"Not saved: record {table}/{record.id}, field {field}: {problem}")
    try:
        again = TABLES[table].model_validate({"id": record.id, **doc})
    except ValidationError as exc:
        raise ChangeRefused(
            f"Not saved: {describe(table, record.id, exc)} (the value given cannot be stored as it is)"
        ) from None
    return again, doc


def _json_problem(value: Any) -> str:
    """Why ``value`` would not read back from the file as it is, or an empty string."""
    try:
        if orjson.loads(orjson.dumps(value)) == value:
            return ""
    except orjson.JSONEncodeError:
        return "the number is too large to store"
    return "must be a finite number" if isinstance(value, float) else "cannot be stored as it is"


def stored(record: Record) -> Doc:
    """The document stored for a record (its id is the key)."""
    return record.model_dump(mode="json", exclude={"id"})


def _table(table: str) -> None:
    if table not in TABLES or table == HISTORY_TABLE:
        raise ChangeRefused(f"Not saved: '{table}' is not an editable table")


def plan_edit(change: Change, current: dict[str, Doc]) -> tuple[Edit, Record | None] | None:
    """The edit ``change`` makes on a table's ``current`` docs; None if nothing changes."""
    _table(change.table)
    if isinstance(change, Set):
        return _set(change, current)
    if isinstance(change, Put):
        return _put(change, current)
    return _delete(change, current)


def _set(change: Set, current: dict[str, Doc]) -> tuple[Edit, Record] | None:
    doc = current.get(change.key)
    if doc is None:
        raise ChangeRefused(f"Not saved: {change.table}/{change.key} no longer exists")
    if change.field == "id" or change.field not in TABLES[change.table].model_fields:
        raise ChangeRefused(f"Not saved: {change.table} has no field '{change.field}'")
    record, stored_doc = validated(change.table, change.key, {**doc, change.field: change.value})
    after = stored_doc[change.field]
    if after == doc.get(change.field):
        return None
    edit = Edit(
        table=change.table, key=change.key, field=change.field, before=doc.get(change.field), after=after
    )
    return edit, record


def _put(change: Put, current: dict[str, Doc]) -> tuple[Edit, Record] | None:
    key = str(change.record.get("id", ""))
    if change.table in SINGLETONS and key != SINGLETONS[change.table]:
        raise ChangeRefused(
            f"Not saved: the {change.table} table holds only the record '{SINGLETONS[change.table]}'"
        )
    body = {k: v for k, v in change.record.items() if k != "id"}
    record, after = validated(change.table, key, body)
    before = current.get(key)
    if before == after:
        return None
    return Edit(table=change.table, key=key, before=before, after=after), record


def _delete(change: Delete, current: dict[str, Doc]) -> tuple[Edit, None] | None:
    if change.table in SINGLETONS:
        raise ChangeRefused(f"Not saved: the {change.table} record cannot be removed")
    before = current.get(change.key)
    if before is None:
        return None
    return Edit(table=change.table, key=change.key, before=before, after=None), None


def inverse(edit: Edit) -> Change:
    """The change that undoes ``edit``."""
    if edit.field is not None:
        return Set(table=edit.table, key=edit.key, field=edit.field, value=edit.before)
    if edit.before is None:
        return Delete(table=edit.table, key=edit.key)
    assert isinstance(edit.before, dict)
    return Put(table=edit.table, record={"id": edit.key, **edit.before})


def forward(edit: Edit) -> Change:
    """The change that repeats ``edit``."""
    if edit.field is not None:
        return Set(table=edit.table, key=edit.key, field=edit.field, value=edit.after)
    if edit.after is None:
        return Delete(table=edit.table, key=edit.key)
    assert isinstance(edit.after, dict)
    return Put(table=edit.table, record={"id": edit.key, **edit.after})


def replace_record(plan: Plan, edit: Edit, record: Record | None) -> Plan:
    """The plan with one record added, replaced or removed, its table kept in id order."""
    if edit.table in SINGLETONS:
        return plan.model_copy(update={edit.table: record})
    if edit.table == "stages":
        # Stages are ordered by number, as plan_from_tables orders them, not by id.
        kept = [row for row in plan.stages if row.id != edit.key]
        stages = sorted([*kept, *([record] if record else [])], key=lambda s: getattr(s, "number", 0))
        return plan.model_copy(update={"stages": stages})
    rows = list(getattr(plan, edit.table))
    at = bisect.bisect_left(rows, id_order(edit.key), key=lambda row: id_order(row.id))
    present = at < len(rows) and rows[at].id == edit.key
    if record is None:
        if present:
            del rows[at]
    elif present:
        rows[at] = record
    else:
        rows.insert(at, record)
    return plan.model_copy(update={edit.table: rows})


def whole_plan_checked(plan: Plan) -> Plan:
    """``plan`` with the rules that span records checked (eight stages...), or ChangeRefused.

    Each record was validated on its own already; passing the same instances back
    through ``Plan`` runs only the plan's own validators (under 1 ms on the large plan).
    """
    try:
        return Plan.model_validate({name: getattr(plan, name) for name in Plan.model_fields})
    except ValidationError as exc:
        error = exc.errors()[0]
        reason = error.get("ctx", {}).get("error", error["msg"])
        raise ChangeRefused(f"Not saved: {reason}") from None
