"""`coach-rollout init`: create a plan without opening the app."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from schemas.ledger import ledger_break
from schemas.plan import Plan, plan_to_tables
from store import PlanStore
from store.errors import PlanInvalid
from store.exchange import read_export
from tui.cli.planarg import add_plan, plan_path


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    add_plan(parser, "the plan file to create (must not exist)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--example", action="store_true", help="the worked example: 40 new managers")
    source.add_argument("--from", dest="source", type=Path, metavar="EXPORT.json", help="a JSON export")


def run(args: argparse.Namespace) -> int:
    """Create the plan; refuse an existing file."""
    now = datetime.now(UTC)
    path = plan_path(args)
    if args.source is not None:
        # Used only if the export brings no history; one that does keeps it as it is.
        plan, summary = from_export(args.source), f"Created the plan from the export {args.source.name}."
        what = f"the export {args.source}"
    elif args.example:
        from schemas.example import example_plan

        plan, what = example_plan(now), "the worked example"
        summary = "Created the plan from the worked example."
    else:
        from schemas.defaults import default_plan

        plan, what = default_plan(now), "the framework defaults"
        summary = "Created the plan from the framework defaults."
    PlanStore.create(path, plan, summary=summary).close()
    print(f"Created {path} with {what}. Open it with: coach-rollout '{path}'")
    if args.example:
        print(
            "Its next observations to import (week 5, then an incident): coach-rollout example-observations"
        )
    return 0


def from_export(source: Path) -> Plan:
    """The plan in an export, refused (naming the export) if its history does not give its records."""
    plan = read_export(source)
    found = ledger_break(plan_to_tables(plan)) if plan.history else None
    if found is not None:
        raise PlanInvalid(f"{source}: not created: {found.entity}: {found.message}")
    return plan
