"""Parse the command line and dispatch; headless commands never import Textual."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import NoReturn

from schemas.text import visible
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
EXIT_PIPE_CLOSED = 128 + 13
"""What a shell reports for a tool stopped by a closed pipe (SIGPIPE), e.g. ``| head -1``."""
EXIT_INTERRUPTED = 128 + 2
"""What a shell reports for a tool stopped by ctrl+c (SIGINT)."""


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
    if not args or args[0] not in COMMANDS:
        parsed = _app_parser().parse_args(args)
        from tui.cli.open import run_app  # lazy: only the app imports Textual

        return _guarded("coach-rollout", lambda: run_app(parsed))
    parser, module = _command_parser(args[0])
    parsed = parser.parse_args(args[1:])
    return _guarded(f"coach-rollout {args[0]}", lambda: int(module.run(parsed)))


def _guarded(name: str, run: Callable[[], int]) -> int:
    """Run a command; every way it can fail ends in one line on stderr and an exit code."""
    try:
        return run()
    except PlanError as exc:
        print(f"{name}: {visible(exc.message)}", file=sys.stderr)
        return EXIT_UNUSABLE
    except BrokenPipeError:
        return EXIT_PIPE_CLOSED  # the reader stopped (``| head``): stop quietly, as other tools do
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last line of defence: one line, and no plan content
        print(
            f"{name}: stopped by an unexpected error ({type(exc).__name__}); please report it "
            "(a plan file is only ever replaced whole, so it is as it was before or after)",
            file=sys.stderr,
        )
        return EXIT_UNUSABLE


def entry() -> None:
    """Console-script entry point."""
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = EXIT_PIPE_CLOSED
    if code == EXIT_PIPE_CLOSED:
        # Whatever is still buffered must not fail again at exit with a message of its own.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
