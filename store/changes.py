"""Turn change requests into validated record edits, without touching storage."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from schemas.history import Change, Delete, Edit, Put, Set
from schemas.plan import HISTORY_TABLE, SINGLETONS, TABLES
from schemas.records import Record
from store.errors import ChangeRefused
from store.loading import describe

Doc = dict[str, Any]


def validated(table: str, key: str, doc: Doc) -> Record:
    """The record model for ``doc``, or ChangeRefused naming the field."""
    try:
        return TABLES[table].model_validate({"id": key, **doc})
    except ValidationError as exc:
        raise ChangeRefused(f"Not saved: {describe(table, key, exc)}") from None


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
    record = validated(change.table, change.key, {**doc, change.field: change.value})
    after = stored(record)[change.field]
    if after == doc.get(change.field):
        return None
    edit = Edit(
        table=change.table, key=change.key, field=change.field, before=doc.get(change.field), after=after
    )
    return edit, record


def _put(change: Put, current: dict[str, Doc]) -> tuple[Edit, Record] | None:
    key = str(change.record.get("id", ""))
    body = {k: v for k, v in change.record.items() if k != "id"}
    record = validated(change.table, key, body)
    after = stored(record)
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
