"""Backups of a plan file: before a migration and once a day, owner-only."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from store.files import PRIVATE_FOLDER, TEMP_MARK, atomic_write, make_private_folder
from store.paths import backup_folder

KEEP = 20
"""How many backups of one plan are kept."""


def make_backup(path: Path, label: str) -> Path:
    """Copy ``path`` into its backup folder, readable by the owner only."""
    folder = backup_folder(path)
    make_private_folder(folder)
    # The folder is ours alone: narrow it if it was created wider by hand or by an old umask.
    os.chmod(folder, PRIVATE_FOLDER)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{stamp}-{label}.json"
    # Written like the plan itself, so a crash never leaves a torn "newest backup".
    atomic_write(target, path.read_bytes())
    _prune(folder)
    return target


def daily_backup(path: Path) -> Path | None:
    """Back up ``path`` unless a backup was already made today."""
    today = datetime.now(UTC).strftime("%Y%m%d")
    newest = newest_backup(path)
    if newest is not None and newest.name.startswith(today):
        return None
    return make_backup(path, "daily")


def newest_backup(path: Path) -> Path | None:
    """The most recent backup of ``path``, if any."""
    folder = backup_folder(path)
    if not folder.is_dir():
        return None
    found = sorted(folder.glob("*.json"))
    return found[-1] if found else None


def _prune(folder: Path) -> None:
    for old in sorted(folder.glob("*.json"))[:-KEEP]:
        old.unlink(missing_ok=True)
    for temp in folder.iterdir():
        if temp.name.startswith(".") and TEMP_MARK in temp.name:
            temp.unlink(missing_ok=True)
