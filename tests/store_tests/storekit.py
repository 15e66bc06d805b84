"""Small helpers for the store tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from schemas.history import HistoryEntry, first_broken
from schemas.plan import Plan, plan_from_tables
from store import PlanStore
from store.loading import read_tables

NOW = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
"""The fixed clock of the test plans."""

Reopen = Callable[[PlanStore], PlanStore]
"""Close a store and open what it saved again."""


def on_disk(store: PlanStore) -> bytes | None:
    """The plan file's bytes, or None for a memory store."""
    return store.path.read_bytes() if store.path is not None else None


def disk_plan(path: Path) -> Plan:
    """The plan a file holds, read without the store."""
    return plan_from_tables(read_tables(path))


def content(plan: Plan) -> dict[str, Any]:
    """Every record of a plan, less the history and the time it last changed."""
    return plan.model_dump(exclude={"history": True, "plan": {"updated"}})


def chain_break(store: PlanStore) -> int | None:
    """The seq of the first stored history entry that does not verify, or None."""
    return first_broken([{"id": k, **doc} for k, doc in store.tables()["history"].items()])


def actions(store: PlanStore) -> list[HistoryEntry]:
    """The entries after the one that created the plan."""
    return [e for e in store.history() if e.action != "plan.create"]


def observation(key: str, **fields: Any) -> dict[str, Any]:
    """A valid observation record, with ``fields`` changed."""
    record = {
        "id": key,
        "pilot": "pilot-1",
        "metric": "completion",
        "period": "2025-03-01",
        "value": 80.0,
        "n": 12,
    }
    return {**record, **fields}
