"""Read and write the JSON export, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.export import EXPORT_FORMAT, PlanExport
from schemas.plan import Plan
from schemas.records import SCHEMA_VERSION
from store.errors import PlanInvalid, PlanTooNew, PlanUnreadable
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
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise PlanUnreadable(f"{path}: no such file") from None
    except OSError as exc:
        raise PlanUnreadable(f"{path}: cannot be read ({exc.strerror})") from None
    except orjson.JSONDecodeError as exc:
        raise PlanUnreadable(f"{path}: not valid JSON ({exc})") from None
    _check_header(path, data)
    try:
        return PlanExport.model_validate(data).plan
    except ValidationError as exc:
        raise PlanInvalid(f"{path}: {_describe(data, exc)}") from None


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


def _describe(data: dict[str, Any], exc: ValidationError) -> str:
    """Name the record (by id where the path has one) and the field of the first error."""
    error = exc.errors()[0]
    loc = list(error["loc"])
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
    where = ".".join(parts)
    return f"{where}: {error['msg']}"
