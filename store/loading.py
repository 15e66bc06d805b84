"""Read a plan file into validated tables, naming exactly what is wrong."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ValidationError

from schemas.history import HistoryEntry
from schemas.plan import HISTORY_TABLE, TABLES, Plan, plan_from_tables
from schemas.records import SCHEMA_VERSION
from schemas.text import visible
from store import backups, bounds
from store.errors import PlanError, PlanInvalid, PlanTooNew, PlanUnreadable
from store.migrations import Tables, migrate, stored_version


def load(path: Path, raw: bytes | None = None, real: Path | None = None) -> tuple[Tables, Plan, int | None]:
    """Read (or take as ``raw``), migrate in memory and validate a plan file, writing nothing.

    Returns the tables, the plan and the format it was migrated from (None if current).
    ``real`` is the file behind ``path`` (a symlink resolved), whose backups are pointed to.
    """
    newest = backups.newest_backup(real or path)
    backup = f"; the newest backup is {newest}" if newest else ""
    with gc_paused():
        try:
            tables = read_tables(path, raw)
            version = check_version(path, tables)
        except (PlanUnreadable, PlanInvalid) as exc:
            raise type(exc)(exc.message + backup) from None
        if version < SCHEMA_VERSION:
            tables = migrate(tables)
        migrated = f" (read as format {version} and migrated)" if version < SCHEMA_VERSION else ""
        plan = validate(path, tables, migrated + backup)
    return tables, plan, (version if version < SCHEMA_VERSION else None)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a plan is built.

    Loading creates tens of thousands of long-lived objects and no cycles; the collector
    would walk them all several times over (measured: about half the validation time).
    They are frozen before it runs again, so it never walks them afterwards either (the
    first collection after loading the large plan took 35 ms of a 0.5 s ``check``).
    Frozen objects are still freed when nothing refers to them; only cycles among them wait.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def read_tables(path: Path, raw: bytes | None = None) -> Tables:
    """Parse the file (or ``raw``, its bytes already read) into ``{table: {id: doc}}``.

    Raises a one-line error for anything that is not a plan within the bounds of ``store.bounds``.
    """
    if raw is None:
        raw = read_bounded(path, PlanUnreadable)
    data = parse_json(path, raw)
    return check_shape(path, data)


def read_bounded(path: Path, error: type[PlanError]) -> bytes:
    """The bytes of ``path``, refusing a file past ``bounds.MAX_FILE_BYTES``."""
    try:
        with path.open("rb") as handle:
            problem = bounds.too_large(os.fstat(handle.fileno()).st_size)
            if problem is not None:
                raise error(f"{path}: {problem}")
            return handle.read(bounds.MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: a folder, not a file") from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None


_BOMS = {b"\xef\xbb\xbf": "UTF-8", b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16"}
"""Byte order marks an editor may add; a plan (JSON in UTF-8) never starts with one."""


def parse_json(path: Path, raw: bytes) -> Any:
    """The JSON value in ``raw``, or a one-line error saying what is wrong with the bytes."""
    if len(raw) > bounds.MAX_FILE_BYTES:
        raise PlanUnreadable(f"{path}: {bounds.too_large(len(raw))}")
    if not raw or raw.isspace():  # not strip(): that would copy the whole file
        raise PlanUnreadable(f"{path}: the file is empty, not a plan")
    bom = next((name for mark, name in _BOMS.items() if raw.startswith(mark)), None)
    if bom is not None:
        raise PlanUnreadable(
            f"{path}: starts with a {bom} byte order mark (BOM), which a plan never has; "
            "save it again as UTF-8 without a BOM"
        )
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        # The decoder's own words name the line and column and never quote the file.
        truncated = "; it may be truncated" if exc.pos >= len(raw.rstrip()) else ""
        raise PlanUnreadable(f"{path}: not valid JSON ({exc}){truncated}") from None


def check_shape(path: Path | str, data: Any) -> Tables:
    """Make sure ``data`` is tables of records, within bounds, before anything reads fields."""
    if not isinstance(data, dict):
        raise PlanInvalid(f"{path}: not a Coach Rollout plan (the top level is not an object)")
    for name, table in data.items():
        if name not in TABLES and name != HISTORY_TABLE:
            raise PlanInvalid(f"{path}: unknown table '{visible(name)}'")
        if not isinstance(table, dict):
            raise PlanInvalid(f"{path}: table '{name}' must map record ids to objects")
        too_many = bounds.too_many(len(table))
        if too_many is not None:
            raise PlanInvalid(f"{path}: table '{name}' {too_many}")
        # Each record being an object is checked as the plan is built (see ``validate``).
    if "plan" not in data or "plan" not in data["plan"]:
        raise PlanInvalid(f"{path}: not a Coach Rollout plan (no 'plan' record)")
    problem = history_problem(data.get(HISTORY_TABLE, {}))
    if problem is not None:
        raise PlanInvalid(f"{path}: {problem}")
    deep = bounds.too_deep(data, levels=5)
    if deep is not None:
        raise PlanInvalid(f"{path}: {_where(deep)}: nested more than {bounds.MAX_DEPTH} levels deep")
    return data


def history_problem(history: dict[str, Any]) -> str | None:
    """The first stored history entry whose shape nothing may read further, or None.

    The chain is checked on the raw entries (``verify``, the app), so each must be an
    object with a whole-number seq before that.
    """
    for key, doc in history.items():
        where = f"record history/{visible(key)}"
        if not isinstance(doc, dict):
            return f"{where}: not an object of fields"
        seq = doc.get("seq")
        if not isinstance(seq, int) or isinstance(seq, bool):
            return f"{where}, field seq: must be a whole number"
    return None


def _where(path: list[str | int]) -> str:
    """``record table/key, field name`` for a path into the stored tables."""
    parts = [visible(str(part)) for part in path]
    if len(parts) < 2:
        return f"table '{parts[0]}'" if parts else "the file"
    field = ".".join(parts[2:]) or "(record)"
    return f"record {parts[0]}/{parts[1]}, field {field}"


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
                return f"record {name}/{visible(key)}: not an object of fields"
            try:
                model.model_validate({"id": key, **doc})
            except ValidationError as exc:
                return describe(name, key, exc)
    return None


def describe(table: str, key: str, exc: ValidationError) -> str:
    """One line: record table/key, field name: what is wrong."""
    error = exc.errors()[0]
    field = ".".join(str(part) for part in error["loc"]) or "(record)"
    return visible(f"record {table}/{key}, field {field}: {error['msg']}")
