"""history-chain: the hash chain verifies, or the file was changed outside the app."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import orjson
from pydantic import TypeAdapter

from schemas.enums import Severity
from schemas.history import GENESIS, HistoryEntry, entry_hash
from schemas.plan import Plan
from schemas.rules.base import PLAN_WIDE, Finding, at

_ENTRIES = TypeAdapter(list[HistoryEntry])


def first_unverified(entries: list[dict[str, Any]]) -> int | None:
    """The seq of the first entry whose chain does not verify, or None (``first_broken``, faster).

    The canonical form is ``json.dumps``'s; orjson writes the same bytes for
    nearly every entry ten times faster. A hash that matches the orjson bytes
    proves those bytes are what was hashed, so the entry verifies; only an
    entry that does not match is checked again the slow, canonical way.
    Consumes ``entries`` (their ``id`` and ``hash`` keys are removed).
    """
    prev = GENESIS
    for entry in sorted(entries, key=lambda e: int(e.get("seq", 0))):
        stored, seq = entry.pop("hash", None), int(entry.get("seq", 0))
        entry.pop("id", None)
        if entry.get("prev_hash") != prev:
            return seq
        if _quick_hash(entry) != stored and entry_hash(entry, prev) != stored:
            return seq
        prev = str(stored)
    return None


def _quick_hash(body: dict[str, Any]) -> str:
    try:
        canonical = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # e.g. an integer beyond 64 bits: leave it to the canonical path
        return ""
    return hashlib.sha256(canonical).hexdigest()


def history_chain(plan: Plan, today: date) -> list[Finding]:
    """Name the first history entry whose hash does not verify."""
    return chain_findings(plan, first_unverified(_ENTRIES.dump_python(plan.history, mode="json")))


def stored_chain(plan: Plan, stored: dict[str, dict[str, Any]]) -> list[Finding]:
    """The same rule over the history documents exactly as stored (``{id: doc}``)."""
    return chain_findings(plan, first_unverified([{"id": key, **doc} for key, doc in stored.items()]))


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
