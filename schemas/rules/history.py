"""history-chain: the hash chain verifies, or the file was changed outside the app."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import TypeAdapter

from schemas.enums import Severity
from schemas.history import HistoryEntry, first_broken
from schemas.plan import Plan
from schemas.rules.base import PLAN_WIDE, Finding, at

_ENTRIES = TypeAdapter(list[HistoryEntry])


def history_chain(plan: Plan, today: date) -> list[Finding]:
    """Name the first history entry whose hash does not verify."""
    return chain_findings(plan, first_broken(_ENTRIES.dump_python(plan.history, mode="json")))


def stored_chain(plan: Plan, stored: dict[str, dict[str, Any]]) -> list[Finding]:
    """The same rule over the history documents exactly as stored (``{id: doc}``)."""
    return chain_findings(plan, first_broken([{"id": key, **doc} for key, doc in stored.items()]))


def chain_findings(plan: Plan, seq: int | None) -> list[Finding]:
    """The finding for a chain broken at ``seq``; none if it verifies."""
    if seq is None:
        return []
    entry = next((e for e in plan.history if e.seq == seq), None)
    key = entry.id if entry else f"h-{seq:06d}"
    what = f' ({entry.at.date()}, "{entry.summary}")' if entry else ""
    return [
        Finding(
            rule="history-chain",
            severity=Severity.BLOCKING,
            stage=PLAN_WIDE,
            entity=at("history", key),
            message=f"The change history does not verify from entry {seq}{what}: the file was "
            "changed outside Coach Rollout.",
            fix="Compare the file with its newest backup and restore it if the change was not "
            "intended; 'coach-rollout verify' shows the same break.",
        )
    ]
