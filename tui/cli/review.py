"""`coach-rollout review [PLAN]`: open the app straight into review mode (the meeting form first)."""

from __future__ import annotations

import argparse

from tui.cli.planarg import add_plan


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments: the plan (optional, as for the app) and --no-mouse."""
    add_plan(parser)
    parser.add_argument("--no-mouse", action="store_true", help="no mouse tracking (slow SSH links)")


def run(args: argparse.Namespace) -> int:
    """Run the app on the plan (or the default plan) and start a review at once."""
    from tui.cli.open import run_app  # the app imports Textual only once the plan is open

    args.read_only = False  # a review records what the meeting decides
    args.review = True
    return run_app(args)
