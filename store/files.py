"""Durable file operations: atomic replace, owner-only modes, temp cleanup."""

from __future__ import annotations

import os
import stat
from pathlib import Path

OWNER_ONLY = 0o600
PRIVATE_FOLDER = 0o700
TEMP_MARK = ".tmp-"


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files a save of ``path`` creates."""
    return f".{path.name}{TEMP_MARK}"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old or new file."""
    tmp = path.with_name(f"{temp_prefix(path)}{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove temporary files a killed save of ``path`` left; return them."""
    prefix = temp_prefix(path)
    # Not glob: a plan may be named with characters that glob treats as patterns.
    removed = [entry for entry in path.parent.iterdir() if entry.name.startswith(prefix)]
    for candidate in removed:
        candidate.unlink(missing_ok=True)
    return removed


def readable_by_others(path: Path) -> bool:
    """True if group or others may read the file."""
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and parents) readable by its owner only."""
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
