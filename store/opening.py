"""What opening a plan for editing takes: its lock, and a backup before anything is written."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from store import backups, paths


def acquire(path: Path) -> FileLock | str:
    """Hold the plan's lock file, or say why it cannot be held."""
    lock = FileLock(paths.lock_path(path), mode=0o600, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return "is open in another Coach Rollout"
    except OSError as exc:
        # A folder the user may read but not write: reading the plan is still useful.
        return f"cannot be locked for editing ({exc.strerror or exc})"
    return lock


def back_up(path: Path, migrated_from: int | None) -> str | None:
    """Back up a plan about to be migrated, or once a day; say what failed, if anything."""
    try:
        if migrated_from is not None:
            backups.make_backup(path, f"v{migrated_from}")
        else:
            backups.daily_backup(path)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None
