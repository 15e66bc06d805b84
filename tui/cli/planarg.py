"""The PLAN argument every command shares: left out, it is the default plan, as in the app."""

from __future__ import annotations

import argparse
from pathlib import Path

from store.paths import default_plan_path


def add_plan(parser: argparse.ArgumentParser, what: str = "the plan file") -> None:
    """Declare an optional PLAN argument (the default plan when left out)."""
    parser.add_argument(
        "plan",
        nargs="?",
        type=Path,
        metavar="PLAN",
        help=f"{what} (default: $COACH_ROLLOUT_PLAN or the data folder's plan; see 'coach-rollout paths')",
    )


def plan_path(args: argparse.Namespace) -> Path:
    """The plan a command works on: PLAN as given, or the default plan."""
    return Path(args.plan).expanduser() if args.plan is not None else default_plan_path()
