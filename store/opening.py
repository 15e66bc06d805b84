"""What opening a plan for editing takes besides its lock: a backup before anything is written."""

from __future__ import annotations

from pathlib import Path

from store import backups


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
