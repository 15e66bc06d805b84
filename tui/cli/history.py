"""`coach-rollout history`: the change history, oldest first."""

from __future__ import annotations

import argparse

from schemas.history import HistoryEntry
from schemas.ledger import START_ACTIONS
from schemas.text import visible
from store import PlanStore
from tui.cli.planarg import add_plan, plan_path
from tui.words import count


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    add_plan(parser)
    parser.add_argument("--last", type=int, metavar="N", help="only the N newest entries")


def run(args: argparse.Namespace) -> int:
    """Print a line naming the plan, then one line per entry and its edits below it."""
    path = plan_path(args)
    store = PlanStore.open(path, read_only=True)
    entries = store.history()
    store.close()
    shown = entries
    if args.last is not None:
        shown = entries[-args.last :] if args.last > 0 else []
    print(f"{path}: {count(len(entries), 'history entry', 'history entries')}, oldest first")
    for entry in shown:
        print(format_entry(entry))
    return 0


def format_entry(entry: HistoryEntry) -> str:
    """``#seq  when  who  action  summary`` plus reason and edits, control characters escaped."""
    when = entry.at.strftime("%Y-%m-%d %H:%M:%S")
    lines = [f"#{entry.seq:<5} {when}  {entry.actor}  {entry.action}  {entry.summary}"]
    if entry.reason:
        lines.append(f"       reason: {entry.reason}")
    if entry.action in START_ACTIONS:
        lines.append(f"       holds the whole plan: {count(len(entry.edits), 'record', 'records')}")
    else:
        for edit in entry.edits:
            target = f"{edit.table}/{edit.key}" + (f".{edit.field}" if edit.field else "")
            lines.append(f"       {target}: {_short(edit.before)} -> {_short(edit.after)}")
    # Validation refuses control characters in every field but the edits' values (a record's
    # prose may hold line breaks); escaping each line keeps each edit on its own line.
    return "\n".join(visible(line) for line in lines)


def _short(value: object) -> str:
    text = "(none)" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
