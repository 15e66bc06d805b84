"""`coach-rollout merge BASE OURS THEIRS`: three-way merge by replay; git's merge driver for plans.

Writes the merged plan to OURS (git's ``%A``) through the store; on a conflict OURS is left
byte for byte as it was, each conflict is named, and the exit code is 1 (git then marks
the file as conflicted). The merged plan's findings are printed, as `check` prints them.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from schemas.findings import evaluate
from store.merging import merge
from tui.cli.check import as_text

EXIT_OK, EXIT_CONFLICT = 0, 1


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    parser.add_argument("base", type=Path, help="the common ancestor (git's %%O)")
    parser.add_argument("ours", type=Path, help="this branch's plan, written with the result (git's %%A)")
    parser.add_argument("theirs", type=Path, help="the other branch's plan (git's %%B)")


def run(args: argparse.Namespace) -> int:
    """Merge; 0 when merged, 1 with the conflicts named (OURS untouched), 2 for unusable input."""
    merged, store = merge(args.base, args.ours, args.theirs)
    if merged.conflicts:
        print(f"{args.ours}: not merged, the file is unchanged; {len(merged.conflicts)} conflict(s):")
        for conflict in merged.conflicts:
            print(f"  CONFLICT  {conflict.line()}")
        return EXIT_CONFLICT
    if merged.entry is None:
        print(f"{args.ours}: nothing to merge: {args.theirs} adds no entry to its history.")
    else:
        print(
            f"{args.ours}: merged {merged.replayed} entries of {args.theirs} by replay; "
            f"merge entry #{merged.entry.seq}."
        )
    findings = evaluate(store.plan, date.today(), stored_tables=store.tables())
    print(as_text(store.plan, findings, str(args.ours)), end="")
    return EXIT_OK
