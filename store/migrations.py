"""Schema migrations: each step turns format N into N+1 on the raw tables."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.records import SCHEMA_VERSION

Tables = dict[str, dict[str, Any]]


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


MIGRATIONS: dict[int, Callable[[Tables], Tables]] = {1: _v1_to_v2}
"""From-version -> step to the next version."""


def migrate(tables: Tables) -> Tables:
    """Bring ``tables`` from their stored version up to ``SCHEMA_VERSION``."""
    version = stored_version(tables) or 1
    while version < SCHEMA_VERSION:
        tables = MIGRATIONS[version](tables)
        version += 1
        tables["plan"]["plan"]["schema_version"] = version
    return tables
