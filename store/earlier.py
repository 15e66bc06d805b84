"""Read the history of an earlier copy of a plan: a plan file, a backup, a JSON export or ``git:REV``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.export import EXPORT_FORMAT
from schemas.history import HistoryEntry, first_broken, seq_of
from schemas.ledger import Doc, entries_of
from schemas.text import visible
from store.bounds import MAX_DEPTH, too_deep
from store.errors import PlanInvalid, PlanUnreadable
from store.gitrepo import file_at
from store.loading import check_shape, check_version, describe, parse_json, read_bounded

GIT_PREFIX = "git:"


def earlier_entries(source: str, plan: Path) -> list[Doc]:
    """The verified history of the earlier copy named ``source``, in seq order; one-line errors."""
    name = source
    if source.startswith(GIT_PREFIX):
        raw = file_at(plan, source[len(GIT_PREFIX) :])
        name = f"{source} ({plan.name} at that revision)"
    else:
        raw = read_bounded(Path(source), PlanUnreadable)
    data = parse_json(Path(name), raw)  # within the bounds every plan is read in (store.bounds)
    entries = _export_history(name, data) if _is_export(data) else _plan_history(name, data)
    _validate(name, entries)
    broken = first_broken(entries)
    if broken is not None:
        raise PlanInvalid(
            f"{name}: its own history does not verify from entry {broken}, so it cannot vouch for anything"
        )
    return entries


def _is_export(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == EXPORT_FORMAT


def _plan_history(name: str, data: Any) -> list[Doc]:
    tables = check_shape(name, data)
    check_version(name, tables)
    return entries_of(tables.get("history", {}))


def _export_history(name: str, data: dict[str, Any]) -> list[Doc]:
    plan = data.get("plan")
    history = plan.get("history") if isinstance(plan, dict) else None
    if not isinstance(history, list) or not all(isinstance(e, dict) for e in history):
        raise PlanInvalid(f"{name}: field plan.history: not a list of entries")
    check_version(name, {"plan": {"plan": {"schema_version": data.get("schema_version")}}})
    deep = too_deep(data, export=True)
    if deep is not None:  # a plan file's nesting is checked with its shape (check_shape)
        where = visible(".".join(str(step) for step in deep))
        raise PlanInvalid(f"{name}: field {where}: nested more than {MAX_DEPTH} levels deep")
    return sorted((dict(e) for e in history), key=seq_of)


def _validate(name: str, entries: list[Doc]) -> None:
    """Each entry must be a history entry; the first that is not is named."""
    for entry in entries:
        key = str(entry.get("id", "?"))
        try:
            HistoryEntry.model_validate({**entry, "id": key})
        except ValidationError as exc:
            raise PlanInvalid(f"{name}: {describe('history', key, exc)}") from None
