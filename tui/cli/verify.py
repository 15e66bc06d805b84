"""`coach-rollout verify`: the ledger of a plan (DESIGN section 5).

The plan is read and validated exactly as `check` reads it (the same refusals, exit 2);
then the history's chain and ids are verified, and replaying the history must give the
stored records. With ``--against EARLIER`` the history must also extend EARLIER's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from schemas.extension import extension_break
from schemas.ledger import Break, entries_of, ledger_break
from schemas.text import visible
from store import PlanStore
from store.earlier import earlier_entries
from tui.cli.planarg import add_plan, plan_path
from tui.words import count

EXIT_OK, EXIT_BROKEN = 0, 1


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    add_plan(parser, "the plan file (opened read-only)")
    parser.add_argument(
        "--against",
        metavar="EARLIER",
        help="an earlier copy (plan file, backup, JSON export, or git:REV for PLAN at that revision) "
        "whose history PLAN's must extend entry for entry",
    )


def run(args: argparse.Namespace) -> int:
    """Exit 0 if the ledger verifies (and extends EARLIER), 1 naming the first place that does not."""
    path = plan_path(args)
    store = PlanStore.open(path, read_only=True)
    tables = store.tables()
    store.close()
    for warning in store.warnings:
        print(f"coach-rollout verify: {warning}", file=sys.stderr)
    entries = entries_of(tables.get("history", {}))
    earlier = earlier_entries(args.against, path) if args.against else None
    found = ledger_break(tables)
    if found is None and earlier is not None:
        found = extension_break(earlier, entries)
    if found is not None:
        return _broken(path, found)
    print(
        f"{path}: history verified: {count(len(entries), 'entry', 'entries')}, chain intact, each id "
        "its sequence, and replaying it gives every record."
    )
    if earlier is not None:
        what = count(len(earlier), "entry", "entries")
        print(f"{path}: its history extends {args.against} ({what}) entry for entry.")
    return EXIT_OK


def _broken(plan: Path, found: Break) -> int:
    print(visible(f"{plan}: {found.entity}: {found.message}"))
    return EXIT_BROKEN
