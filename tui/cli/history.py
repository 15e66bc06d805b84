"""`coach-rollout history`: the change history, oldest first."""

from __future__ import annotations

import argparse
from pathlib import Path

from schemas.history import HistoryEntry
from schemas.ledger import START_ACTIONS
from store import PlanStore
from tui.words import count


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    parser.add_argument("plan", type=Path, help="the plan file")
    parser.add_argument("--last", type=int, metavar="N", help="only the N newest entries")


def run(args: argparse.Namespace) -> int:
    """Print one line per entry, and its edits below it."""
    store = PlanStore.open(args.plan, read_only=True)
    entries = store.history()
    store.close()
    if args.last is not None:
        entries = entries[-args.last :] if args.last > 0 else []
    for entry in entries:
        print(format_entry(entry))
    return 0


def format_entry(entry: HistoryEntry) -> str:
    """``#seq  when  who  action  summary`` plus reason and edits."""
    when = entry.at.strftime("%Y-%m-%d %H:%M:%S")
    lines = [f"#{entry.seq:<5} {when}  {entry.actor}  {entry.action}  {entry.summary}"]
    if entry.reason:
        lines.append(f"       reason: {entry.reason}")
    if entry.action in START_ACTIONS:
        lines.append(f"       holds the whole plan: {count(len(entry.edits), 'record', 'records')}")
        return "\n".join(lines)
    for edit in entry.edits:
        target = f"{edit.table}/{edit.key}" + (f".{edit.field}" if edit.field else "")
        lines.append(f"       {target}: {_short(edit.before)} -> {_short(edit.after)}")
    return "\n".join(lines)


def _short(value: object) -> str:
    text = "(none)" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
