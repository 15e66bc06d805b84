"""`coach-rollout git-setup [PLAN ...]`: register `merge` as git's merge driver for plan files.

Adds one ``.gitattributes`` line per plan file (``/path/plan.json merge=coach-rollout``), the
plan's lock file and backup folder to ``.gitignore``, and the driver to the repository's own
config, each only if it is not there yet, and says what it did. Without PLAN it registers
the plan files git tracks in the repository.

The driver command names this program by its absolute path (the ``coach-rollout`` script
beside the running interpreter, or else that interpreter with ``-m tui.cli``): git runs
drivers through a shell whose PATH may lack a virtual environment's ``bin`` folder.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

import orjson

from store.errors import PlanError
from store.gitrepo import repository_root, run_git

DRIVER = "coach-rollout"
"""The merge driver's name in ``.gitattributes`` and in git's config."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    parser.add_argument(
        "plans", nargs="*", type=Path, metavar="PLAN", help="plan files (default: the tracked ones)"
    )


def run(args: argparse.Namespace) -> int:
    """Write what is missing of the attributes and the driver; refuse outside a git repository."""
    root = repository_root(Path.cwd())
    if root is None:
        raise PlanError(
            f"{Path.cwd()}: not inside a git repository (or git is not installed); nothing was set up"
        )
    plans = [_in_repository(root, p) for p in args.plans] if args.plans else _tracked_plans(root)
    if not plans:
        raise PlanError(f"{root}: git tracks no plan file here; name one: coach-rollout git-setup PLAN")
    _attributes(root, plans)
    _driver(root)
    return 0


def _in_repository(root: Path, plan: Path) -> str:
    try:
        return plan.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise PlanError(f"{plan}: not inside the repository {root}") from None


def _tracked_plans(root: Path) -> list[str]:
    """The tracked JSON files that are Coach Rollout plans (a ``plan`` table with its record)."""
    listed = run_git(root, "ls-files", "-z", "--", "*.json").decode("utf-8", "replace")
    return [name for name in listed.split("\0") if name and _is_plan(root / name)]


def _is_plan(path: Path) -> bool:
    try:
        data = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return False
    return isinstance(data, dict) and isinstance(data.get("plan"), dict) and "plan" in data["plan"]


def _attributes(root: Path, plans: list[str]) -> None:
    """Name the driver for each plan, and keep each plan's lock file and backups out of git."""
    attributes = [f"/{_escaped(plan)} merge={DRIVER}" for plan in plans]
    _add_lines(root / ".gitattributes", attributes, f"the merge driver for {', '.join(plans)}")
    ignored = [f"/{_escaped(plan)}{tail}" for plan in plans for tail in (".lock", ".backups/")]
    _add_lines(root / ".gitignore", ignored, "the plans' lock files and backups")


def _add_lines(path: Path, wanted: list[str], what: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines()
    missing = [line for line in wanted if line not in lines]
    if not missing:
        print(f"{path}: already names {what}.")
        return
    ending = "" if not text or text.endswith("\n") else "\n"
    path.write_text(text + ending + "\n".join(missing) + "\n", encoding="utf-8")
    print(f"{path}: added {'; '.join(missing)}")


def _escaped(name: str) -> str:
    """A path as a .gitattributes pattern matching only itself."""
    for special in "\\*?[ ":
        name = name.replace(special, "\\" + special)
    return name


def _driver(root: Path) -> None:
    command = f"{driver_program()} merge %O %A %B"
    key = f"merge.{DRIVER}.driver"
    try:
        current = run_git(root, "config", "--local", "--get", key).decode().strip()
    except PlanError:
        current = ""
    if current == command:
        print(f"git config {key}: already set to: {command}")
        return
    run_git(root, "config", "--local", f"merge.{DRIVER}.name", "Coach Rollout plans, merged by replay")
    run_git(root, "config", "--local", key, command)
    print(f"git config {key}: set to: {command}")


def driver_program() -> str:
    """This program as a shell command: the installed script, or the interpreter running it."""
    interpreter = Path(sys.executable)
    script = interpreter.parent / "coach-rollout"
    if script.is_file():
        return shlex.quote(str(script))
    return f"{shlex.quote(str(interpreter))} -m tui.cli"
