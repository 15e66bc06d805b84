"""Durable file operations: atomic replace, owner-only modes, temp cleanup."""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from store import locking

OWNER_ONLY = 0o600
PRIVATE_FOLDER = 0o700
TEMP_MARK = ".tmp-"


def temp_prefix(path: Path) -> str:
    """The name prefix of the temporary files a save of ``path`` creates."""
    return f".{path.name}{TEMP_MARK}"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves the old or new file."""
    os.close(replace_locked(path, data))
    fsync_folder(path.parent)


def replace_locked(path: Path, data: bytes) -> int:
    """Put a new file holding ``data`` at ``path`` in one rename; its descriptor, locked.

    The temp file is locked from its creation, so a cleanup never mistakes a live save's
    file for a killed one's, and the plan that takes its place is locked before it has a
    name (see ``store.locking``). The caller closes the descriptor and syncs the folder.
    """
    fd, tmp = _new_temp(path)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        os.replace(tmp, path)
    except BaseException:
        os.close(fd)
        tmp.unlink(missing_ok=True)
        raise
    return fd


def create_locked(path: Path, data: bytes) -> int:
    """Put a new file holding ``data`` at ``path`` unless a file is there; its descriptor, locked.

    Linking the finished temp file to the new name cannot replace a file another process
    created in the meantime (``FileExistsError``), and a crash leaves no half-written plan.
    """
    fd, tmp = _new_temp(path)
    try:
        _write_all(fd, data)
        os.fsync(fd)
        _link_new(tmp, path)
    except BaseException:
        os.close(fd)
        raise
    finally:
        tmp.unlink(missing_ok=True)
    return fd


def _new_temp(path: Path) -> tuple[int, Path]:
    """A new, locked, owner-only temp file beside ``path``."""
    while True:
        tmp = path.with_name(f"{temp_prefix(path)}{os.getpid()}-{secrets.token_hex(4)}")
        try:
            fd = os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, OWNER_ONLY)
        except FileExistsError:
            continue
        locking.try_lock(fd)
        return fd, tmp


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _link_new(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path``, never over an existing file."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
            raise
        # A file system without hard links: check, then rename (a race here is merely unlikely).
        if path.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path)) from None
        os.replace(tmp, path)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temps(path: Path, plan: os.stat_result | None = None) -> list[Path]:
    """Remove the temp files killed saves of ``path`` left; return them.

    A temp file still locked belongs to a save under way and stays. ``plan``, the plan
    file's own status, marks a temp file that is merely a second name of the plan (a
    create killed between linking and unlinking): that name goes, the plan stays.
    """
    prefix = temp_prefix(path)
    removed: list[Path] = []
    # Not glob: a plan may be named with characters that glob treats as patterns.
    for entry in path.parent.iterdir():
        if entry.name.startswith(prefix) and _stale(entry, plan):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def _stale(temp: Path, plan: os.stat_result | None) -> bool:
    try:
        fd = os.open(temp, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        status = os.fstat(fd)
        if plan is not None and (status.st_dev, status.st_ino) == (plan.st_dev, plan.st_ino):
            return True
        return locking.try_lock(fd)
    finally:
        os.close(fd)  # closing lets go of the lock just taken


def readable_by_others(path: Path) -> bool:
    """True if group or others may read the file."""
    return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))


def make_private_folder(folder: Path) -> None:
    """Create ``folder``, and every missing folder on the way, readable by their owner only."""
    missing: list[Path] = []
    for candidate in [folder, *folder.parents]:
        if candidate.exists():
            break
        missing.append(candidate)
    for each in reversed(missing):
        # One by one: ``mkdir(parents=True)`` gives the folders on the way the umask's mode.
        each.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
