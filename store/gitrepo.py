"""The few git commands the ledger needs: read a file at a revision, find the repository, set config.

Git is run as a program with plain arguments (never through a shell), in the folder of the
file concerned, and only when a command asks for git by name (``git:REV``, ``git-setup``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from store.errors import PlanUnreadable


def run_git(folder: Path, *args: str, what: str = "git") -> bytes:
    """Run ``git -C folder ARGS``; its output, or PlanUnreadable with ``what`` and git's first line."""
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise PlanUnreadable(f"{what}: git is not installed (no 'git' program on the PATH)") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PlanUnreadable(f"{what}: git could not be run ({exc})") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PlanUnreadable(f"{what}: {said[0] if said else 'git ' + args[0] + ' failed'}")
    return done.stdout


def repository_root(folder: Path) -> Path | None:
    """The top folder of the git work tree holding ``folder``, or None outside one."""
    try:
        out = run_git(folder, "rev-parse", "--show-toplevel")
    except PlanUnreadable:
        return None
    return Path(out.decode().strip()) if out.strip() else None


def file_at(path: Path, revision: str) -> bytes:
    """The bytes of ``path`` as committed at ``revision`` (``git show REV:./name``)."""
    what = f"git:{revision}"
    if not revision or revision.startswith("-"):
        raise PlanUnreadable(f"{what}: not a revision")
    return run_git(path.resolve().parent, "show", f"{revision}:./{path.name}", what=what)
