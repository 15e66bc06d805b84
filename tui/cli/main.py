"""Parse the command line and dispatch; headless commands never import Textual."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import NoReturn

from store.errors import PlanError

COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("tui.cli.init", "create a plan without opening the app"),
    "review": ("tui.cli.review", "open the app in review mode: walk the stages in a meeting"),
    "check": ("tui.cli.check", "print the findings; exit 1 if any is blocking"),
    "export": ("tui.cli.export", "write the plan or a report"),
    "import-observations": (
        "tui.cli.import_observations",
        "add a CSV of observations to a pilot, all or none",
    ),
    "example-observations": ("tui.cli.example_observations", "write the worked example's observation files"),
    "history": ("tui.cli.history", "print the change history"),
    "verify": ("tui.cli.verify", "verify the history: chain, ids, replay [--against EARLIER]; exit 1 if not"),
    "merge": ("tui.cli.merge", "merge two branches' plans by replaying their history (git's merge driver)"),
    "git-setup": ("tui.cli.gitsetup", "register merge as git's merge driver for plan files"),
    "schema": ("tui.cli.schema", "print the JSON Schema of an export"),
    "paths": ("tui.cli.paths", "show where the default plan and backups live"),
}
"""Subcommand name -> (module with ``configure`` and ``run``, help line)."""

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_UNUSABLE, f"coach-rollout: {message}\n")


def _command_parser(name: str) -> tuple[argparse.ArgumentParser, ModuleType]:
    module_name, help_line = COMMANDS[name]
    module = importlib.import_module(module_name)
    parser = _Parser(prog=f"coach-rollout {name}", description=help_line)
    module.configure(parser)
    return parser, module


def _app_parser() -> argparse.ArgumentParser:
    commands = "\n".join(f"  {n:<10} {h}" for n, (_, h) in COMMANDS.items())
    parser = _Parser(
        prog="coach-rollout",
        description="Plan and govern a rollout of AI-supported coaching, offline.",
        epilog=f"commands (coach-rollout COMMAND --help):\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("plan", nargs="?", help="the plan file (default: see 'coach-rollout paths')")
    parser.add_argument("--read-only", action="store_true", help="open without the right to change it")
    parser.add_argument("--no-mouse", action="store_true", help="no mouse tracking (slow SSH links)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in COMMANDS:
        parser, module = _command_parser(args[0])
        parsed = parser.parse_args(args[1:])
        try:
            return int(module.run(parsed))
        except PlanError as exc:
            print(f"coach-rollout {args[0]}: {exc.message}", file=sys.stderr)
            return EXIT_UNUSABLE
    parsed = _app_parser().parse_args(args)
    from tui.cli.open import run_app  # lazy: only the app imports Textual

    return run_app(parsed)


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
