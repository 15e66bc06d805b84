"""Read a plan file into validated tables, naming exactly what is wrong."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import orjson
from pydantic import BaseModel, ValidationError

from schemas.history import Edit, HistoryEntry
from schemas.plan import HISTORY_TABLE, TABLES, Plan, plan_from_tables
from schemas.records import SCHEMA_VERSION
from store import backups
from store.errors import PlanInvalid, PlanTooNew, PlanUnreadable
from store.migrations import Tables, migrate, stored_version


class Loaded(NamedTuple):
    """A plan read from its file."""

    tables: Tables
    """The stored tables, migrated to the current format."""
    plan: Plan
    """The plan, validated."""
    migrated_from: int | None
    """The format it was migrated from; None if it was current."""
    moved: list[Edit]
    """Record fields the migration moved to new defaults (see ``store.migrations``)."""


def load(path: Path) -> Loaded:
    """Read, migrate in memory and validate a plan file, writing nothing."""
    newest = backups.newest_backup(path)
    backup = f"; the newest backup is {newest}" if newest else ""
    moved: list[Edit] = []
    with gc_paused():
        try:
            tables = read_tables(path)
            version = check_version(path, tables)
        except (PlanUnreadable, PlanInvalid) as exc:
            raise type(exc)(exc.message + backup) from None
        if version < SCHEMA_VERSION:
            tables = migrate(tables, moved)
        migrated = f" (read as format {version} and migrated)" if version < SCHEMA_VERSION else ""
        plan = validate(path, tables, migrated + backup)
    return Loaded(tables, plan, (version if version < SCHEMA_VERSION else None), moved)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a plan is built.

    Loading creates tens of thousands of long-lived objects and no cycles; the collector
    would walk them all several times over (measured: about half the validation time).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_tables(path: Path) -> Tables:
    """Parse the file into ``{table: {id: doc}}`` or raise a one-line error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise PlanUnreadable(f"{path}: no such plan file") from None
    except OSError as exc:
        raise PlanUnreadable(f"{path}: cannot be read ({exc.strerror})") from None
    if not raw or raw.isspace():  # not strip(): that would copy the whole file
        raise PlanUnreadable(f"{path}: the file is empty, not a plan")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise PlanUnreadable(f"{path}: not valid JSON ({exc}); it may be truncated") from None
    return check_shape(path, data)


def check_shape(path: Path | str, data: Any) -> Tables:
    """Make sure ``data`` is tables of records before anything reads fields."""
    if not isinstance(data, dict):
        raise PlanInvalid(f"{path}: not a Coach Rollout plan (the top level is not an object)")
    for name, table in data.items():
        if name not in TABLES and name != HISTORY_TABLE:
            raise PlanInvalid(f"{path}: unknown table '{name}'")
        if not isinstance(table, dict):
            raise PlanInvalid(f"{path}: table '{name}' must map record ids to objects")
        # Each record being an object is checked as the plan is built (see ``validate``).
    if "plan" not in data or "plan" not in data["plan"]:
        raise PlanInvalid(f"{path}: not a Coach Rollout plan (no 'plan' record)")
    return data


def check_version(path: Path | str, tables: Tables) -> int:
    """The stored version; refuse one this code does not know."""
    version = stored_version(tables)
    if version is None:
        raise PlanInvalid(f"{path}: record plan/plan, field schema_version: missing or not a number")
    if version > SCHEMA_VERSION:
        raise PlanTooNew(
            f"{path}: written by a newer Coach Rollout (format {version}; this version reads "
            f"up to {SCHEMA_VERSION}); update the app, the file was not changed"
        )
    if version < 1:
        raise PlanInvalid(f"{path}: record plan/plan, field schema_version: {version} is not a version")
    return version


def validate(path: Path | str, tables: Tables, hint: str = "") -> Plan:
    """Validate every record; on failure name the file, record and field."""
    try:
        return plan_from_tables(tables)
    except ValidationError as exc:
        where = first_invalid(tables) or describe("plan", "(whole plan)", exc)
        raise PlanInvalid(f"{path}: {where}{hint}") from None
    except (TypeError, ValueError):
        # Building the rows meets a record that is not an object, and ordering them (stages
        # by number, history by seq) compares stored values, before validation does.
        where = first_invalid(tables) or "a record holds a value of the wrong type"
        raise PlanInvalid(f"{path}: {where}{hint}") from None


def first_invalid(tables: Tables) -> str | None:
    """Describe the first record that fails validation, record by record."""
    models: list[tuple[str, type[BaseModel]]] = [*TABLES.items(), (HISTORY_TABLE, HistoryEntry)]
    for name, model in models:
        for key, doc in tables.get(name, {}).items():
            if not isinstance(doc, dict):
                return f"record {name}/{key}: not an object of fields"
            try:
                model.model_validate({"id": key, **doc})
            except ValidationError as exc:
                return describe(name, key, exc)
    return None


def describe(table: str, key: str, exc: ValidationError) -> str:
    """One line: record table/key, field name: what is wrong."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "(record)"
    return f"record {table}/{key}, field {field}: {error['msg']}"
