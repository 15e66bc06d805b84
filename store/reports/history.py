"""The history summary of a report: who changed what and when, and the ledger's state."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from schemas.plan import Plan
from schemas.rules.history import stored_chain
from store.reports.document import Block, Facts, Section, Table, Text, table_or
from store.reports.words import count, moment

LAST_CHANGES = 10
"""How many of the newest changes the summary lists."""


@dataclass(frozen=True)
class Ledger:
    """The history's head and whether it verifies."""

    head: str
    """The newest entry's hash; empty for a plan without history."""
    verifies: bool
    detail: str
    """One sentence: why it does not verify, or what was checked."""


def ledger(plan: Plan, stored_history: dict[str, dict[str, Any]] | None) -> Ledger:
    """The ledger's state, by the same rule ``check`` runs (``history-chain``).

    ``stored_history`` is the history table as stored (``{id: doc}``); without it the
    plan's own entries are checked. When verification grows (replay of every entry),
    the rule grows with it and so does this summary.
    """
    stored = stored_history
    if stored is None:
        stored = {e.id: e.model_dump(mode="json", exclude={"id"}) for e in plan.history}
    broken = stored_chain(plan, stored)
    head = plan.history[-1].hash if plan.history else ""
    if broken:
        return Ledger(head, False, broken[0].message)
    if not plan.history:
        return Ledger(head, True, "There is no history to verify yet.")
    checked = count(len(plan.history), "entry", "entries")
    return Ledger(head, True, f"The hash chain of all {checked} verifies.")


def history_section(plan: Plan, state: Ledger) -> Section:
    """Counts by author and month, the newest changes, and the ledger's head."""
    entries = plan.history
    blocks: list[Block] = [
        Facts(
            (
                ("Recorded changes", str(len(entries))),
                ("Head of the ledger", state.head or "none (no history yet)"),
                ("Verifies", ("yes. " if state.verifies else "NO. ") + state.detail),
            )
        )
    ]
    if not entries:
        blocks.append(Text("The plan has no recorded history."))
        return Section("History", tuple(blocks), anchor="history")
    authors = Counter(e.actor for e in entries)
    months = Counter(e.at.astimezone(UTC).strftime("%Y-%m") for e in entries)
    by_author = tuple((a, str(n)) for a, n in sorted(authors.items()))
    by_month = tuple((m, str(n)) for m, n in sorted(months.items()))
    blocks.append(Table(("Author", "Changes"), by_author, caption="Changes by author"))
    blocks.append(Table(("Month", "Changes"), by_month, caption="Changes by month (UTC)"))
    newest = [
        (str(e.seq), moment(e.at), e.actor, e.summary, e.reason or "")
        for e in reversed(entries[-LAST_CHANGES:])
    ]
    blocks.append(
        table_or(
            ("#", "When", "Who", "What", "Reason"),
            newest,
            "No changes.",
            caption=f"The {count(len(newest), 'newest change', 'newest changes')}",
        )
    )
    return Section("History", tuple(blocks), anchor="history")
