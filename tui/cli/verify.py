"""`coach-rollout verify`: check the history's hash chain."""

from __future__ import annotations

import argparse
from pathlib import Path

from schemas.history import first_broken
from store.loading import read_tables


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    parser.add_argument("plan", type=Path, help="the plan file")


def run(args: argparse.Namespace) -> int:
    """Exit 0 if every entry verifies, 1 naming the first one that does not."""
    history = read_tables(args.plan).get("history", {})
    entries = [{"id": key, **doc} for key, doc in history.items()]
    broken = first_broken(entries)
    if broken is None:
        print(f"{args.plan}: history verified, {len(entries)} entries, chain intact.")
        return 0
    entry = next((e for e in entries if e.get("seq") == broken), {})
    print(
        f"{args.plan}: history entry #{broken} ({entry.get('at', '?')}, {entry.get('summary', '?')}) "
        "does not verify: the file was changed outside the app from that entry on."
    )
    return 1
