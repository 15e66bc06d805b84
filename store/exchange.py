"""Read and write the JSON export, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.export import EXPORT_FORMAT, PlanExport
from schemas.plan import Plan
from schemas.records import SCHEMA_VERSION
from schemas.text import visible
from store import bounds
from store.errors import PlanInvalid, PlanTooNew, PlanUnreadable
from store.loading import parse_json, read_bounded
from store.storage import encode


def export_bytes(plan: Plan, now: datetime | None = None) -> bytes:
    """The deterministic JSON export of ``plan``."""
    export = PlanExport(
        schema_version=plan.plan.schema_version,
        exported_at=now or datetime.now(UTC),
        plan=plan,
    )
    return encode(export.model_dump(mode="json"))


def read_export(path: Path) -> Plan:
    """The plan in an export file, validated whole; one-line errors otherwise."""
    data = parse_json(path, read_bounded(path, PlanUnreadable))
    _check_header(path, data)
    _check_bounds(path, data)
    try:
        return PlanExport.model_validate(data).plan
    except ValidationError as exc:
        error = exc.errors()[0]
        raise PlanInvalid(f"{path}: {_describe(data, list(error['loc']))}: {visible(error['msg'])}") from None


def _check_bounds(path: Path, data: dict[str, Any]) -> None:
    """Refuse what no model bounds: list sizes and nesting (history edits' values are untyped)."""
    plan = data.get("plan")
    tables = plan if isinstance(plan, dict) else {}
    for name, rows in tables.items():
        too_many = bounds.too_many(len(rows)) if isinstance(rows, list) else None
        if too_many is not None:
            raise PlanInvalid(f"{path}: plan.{visible(str(name))} {too_many}")
    deep = bounds.too_deep(data, export=True)
    if deep is not None:
        raise PlanInvalid(f"{path}: {_describe(data, deep)}: nested more than {bounds.MAX_DEPTH} levels deep")


def _check_header(path: Path, data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise PlanInvalid(f"{path}: not a Coach Rollout export (field format is not '{EXPORT_FORMAT}')")
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise PlanInvalid(f"{path}: field schema_version: missing or not a number")
    if version > SCHEMA_VERSION:
        raise PlanTooNew(
            f"{path}: exported by a newer Coach Rollout (format {version}; this version reads "
            f"up to {SCHEMA_VERSION}); update the app"
        )
    if version < SCHEMA_VERSION:
        raise PlanInvalid(
            f"{path}: exported in format {version}; open that plan file in this version and export it again"
        )


def _describe(data: dict[str, Any], loc: list[str | int]) -> str:
    """Name the place ``loc`` points to, each record by its id where it has one."""
    node: Any = data
    parts: list[str] = []
    for step in loc:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(step, int) and isinstance(node, dict) and "id" in node:
            parts.append(f"{parts.pop()}/{node['id']}" if parts else str(node["id"]))
        else:
            parts.append(str(step))
    return visible(".".join(parts))
