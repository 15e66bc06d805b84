"""Turn change requests into validated record edits, without touching storage."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping, Sequence
from typing import Any

import orjson
from pydantic import TypeAdapter, ValidationError

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


def new_record_edits(table: str, records: Sequence[Record], current: Mapping[str, Doc]) -> list[Edit]:
    """The edits adding ``records`` (validated already) to ``table``; refused if an id is taken.

    Thousands of records (an import) are dumped and turned into edits in one call
    each, instead of one model call per record.
    """
    _table(table)
    if table in SINGLETONS or table == "stages":
        raise ChangeRefused(f"Not saved: records of {table} are not added in bulk")
    if not records:
        raise ChangeRefused("Not saved: there is nothing to add")
    keys = [record.id for record in records]
    taken = next((key for key in keys if key in current), None)
    if taken is not None:
        raise ChangeRefused(f"Not saved: {table}/{taken} is there already")
    if len(set(keys)) != len(keys):
        raise ChangeRefused(f"Not saved: two new records of {table} have the same id")
    docs = _adapter(table).dump_python(list(records), mode="json", exclude={"__all__": {"id"}})
    try:
        # Records refuse NaN and infinity; what else cannot be written (an integer past
        # 64 bits) fails here, and the slow path names the record and field.
        orjson.dumps(docs)
    except orjson.JSONEncodeError:
        for record in records:
            storable(table, record)
    return _EDITS.validate_python(
        [{"table": table, "key": key, "after": doc} for key, doc in zip(keys, docs, strict=True)]
    )


_EDITS: TypeAdapter[list[Edit]] = TypeAdapter(list[Edit])


@functools.cache
def _adapter(table: str) -> TypeAdapter[list[Record]]:
    """Dumps many records of one table in one call."""
    model = TABLES[table]
    return TypeAdapter(list[model])  # type: ignore[valid-type]


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


def replace_records(plan: Plan, edits: Sequence[Edit], records: Sequence[Record | None]) -> Plan:
    """The plan with the records of ``edits`` added, replaced or removed (``replace_record`` for each).

    Many edits of one table (an import, or its undo) rebuild that table once
    instead of copying it once per record.
    """
    if len(edits) < 16:
        for edit, record in zip(edits, records, strict=True):
            plan = replace_record(plan, edit, record)
        return plan
    tables: dict[str, dict[str, Record | None]] = {}
    for edit, record in zip(edits, records, strict=True):
        if edit.table in SINGLETONS or edit.table == "stages":
            plan = replace_record(plan, edit, record)
        else:
            tables.setdefault(edit.table, {})[edit.key] = record
    for table, changed in tables.items():
        rows = {row.id: row for row in getattr(plan, table)}
        rows.update(changed)
        # Two C-level sorts give id_order without a Python call per record.
        order = sorted(sorted(rows), key=len)
        kept = [row for row in map(rows.__getitem__, order) if row is not None]
        plan = plan.model_copy(update={table: kept})
    return plan


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
