"""history-chain: the ledger verifies, or the file was changed outside the app.

Three checks, the first failure named: the hash chain and each entry's id (its sequence),
then whether replaying the history from the entry holding the whole plan gives the records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import TypeAdapter

from schemas.enums import Severity
from schemas.history import HistoryEntry
from schemas.ledger import HISTORY, Break, Tables, chain_break, entries_of, replay_break, start_index
from schemas.plan import Plan, plan_to_tables
from schemas.rules.base import PLAN_WIDE, Finding

_ENTRIES = TypeAdapter(list[HistoryEntry])

_FIX = (
    "Compare the file with its newest backup and restore it if the change was not intended; "
    "'coach-rollout verify' shows the same place."
)


def history_chain(plan: Plan, today: date) -> list[Finding]:
    """The chain and ids of the plan's history (a plan in memory has no stored records to replay)."""
    return break_findings(chain_break(_ENTRIES.dump_python(plan.history, mode="json")))


def stored_chain(
    plan: Plan, stored: dict[str, dict[str, Any]], records: Tables | None = None
) -> list[Finding]:
    """The same rule over the history documents exactly as stored (``{id: doc}``), with replay.

    ``records`` are the plan's stored tables: replay is compared with them, and a history
    removed whole is found. Without them replay is compared with the validated plan, and only
    from an entry holding the whole plan (a plan made in memory has none; in a file, the
    chain of a history cut before its first such entry breaks).
    """
    entries = entries_of(stored)
    found = chain_break(entries)
    if found is None and records is not None:
        found = replay_break(entries, records)
    elif found is None and start_index(entries) is not None:
        found = replay_break(entries, plan_to_tables(plan, history=False))
    return break_findings(found)


def stored_ledger(plan: Plan, tables: Tables) -> list[Finding]:
    """The rule over a plan's stored tables: chain, ids and replay."""
    return stored_chain(plan, tables.get(HISTORY, {}), tables)


def break_findings(found: Break | None) -> list[Finding]:
    """The blocking finding for a ledger break; none if the ledger verifies."""
    if found is None:
        return []
    return [
        Finding(
            rule="history-chain",
            severity=Severity.BLOCKING,
            stage=PLAN_WIDE,
            entity=found.entity,
            message=found.message,
            fix=_FIX,
        )
    ]
