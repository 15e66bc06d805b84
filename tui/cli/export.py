"""`coach-rollout export`: write the plan (JSON, the plan's own backup)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store import PlanStore
from store.exchange import export_bytes
from store.files import atomic_write


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    parser.add_argument("plan", type=Path, help="the plan file")
    parser.add_argument("--format", required=True, choices=["json"], help="json: the whole plan, raw values")
    parser.add_argument("--out", type=Path, help="write here instead of standard output (created 0600)")
    parser.add_argument("--force", action="store_true", help="replace an existing --out file")


def run(args: argparse.Namespace) -> int:
    """Write the export; never replace a file unless --force."""
    if args.out is not None and args.out.exists() and not args.force:
        print(f"coach-rollout export: {args.out} exists; add --force to replace it", file=sys.stderr)
        return 2
    store = PlanStore.open(args.plan, read_only=True)
    data = export_bytes(store.plan)
    store.close()
    if args.out is None:
        sys.stdout.buffer.write(data)
        return 0
    try:
        atomic_write(args.out, data)
    except OSError as exc:
        print(f"coach-rollout export: {args.out}: cannot write ({exc.strerror})", file=sys.stderr)
        return 2
    print(f"Wrote {args.out} (raw values: keep it private).", file=sys.stderr)
    return 0
