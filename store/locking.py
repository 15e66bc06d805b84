"""The exclusive lock held while a plan is open for editing: a lock on the plan file itself.

An advisory ``flock`` on a descriptor of the plan file, not on a lock file beside it. A lock
belongs to the file's inode, so a symlink, a hard link or another spelling of the path all
reach the same lock, and there is no lock file to leave behind or to delete by hand. The
operating system releases it when the process ends, however it ends.

A save replaces the plan by a new inode (write a temp file, rename it over the plan). The
temp file is locked from the moment it is created, so the new plan is locked before it has a
name, and a second instance opening the path at any instant finds it locked. The first inode
opened stays locked until the plan is closed: after a rename, other hard links still name it,
and an instance opening one of them is read-only, not a second writer of an older copy.

On Windows (``msvcrt``, where a byte lock is mandatory and an open file cannot be renamed over)
the lock is a ``.lock`` file beside the real path, as before: hard links are not seen there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ATTEMPTS = 5
"""How often opening and locking is tried when a save replaces the file in between."""


class PlanLock:
    """Held locks on one plan: the inode opened and the one the latest save put in its place."""

    def __init__(self, fd: int) -> None:
        self._fds: list[int] = [fd]

    @property
    def held(self) -> bool:
        """Whether this lock is still held."""
        return bool(self._fds)

    @property
    def fd(self) -> int:
        """A descriptor of the plan file as it is now (the latest inode locked)."""
        return self._fds[-1]

    def moved(self, fd: int) -> None:
        """A save replaced the plan by the (already locked) file ``fd``: hold that one too.

        The first inode stays held (hard links may still name it); one between them, which
        no name reaches any more, is let go.
        """
        if len(self._fds) > 1:
            _close(self._fds.pop())
        self._fds.append(fd)

    def release(self) -> None:
        """Let every lock go; a second call does nothing."""
        fds, self._fds = self._fds, []
        for fd in fds:
            _close(fd)


def acquire(path: Path) -> PlanLock | str:
    """Hold the lock of the plan at ``path``, or say (as the end of a sentence) why it cannot be held."""
    for _ in range(ATTEMPTS):
        try:
            fd = _open(path)
        except OSError as exc:
            # A folder the user may read but not write: reading the plan is still useful.
            return f"cannot be locked for editing ({exc.strerror or exc})"
        try:
            _lock(fd)
        except BlockingIOError:
            os.close(fd)
            return "is open in another Coach Rollout"
        except OSError as exc:
            os.close(fd)
            return f"cannot be locked for editing ({exc.strerror or exc})"
        if _still_named(fd, path):
            return PlanLock(fd)
        _close(fd)  # a save replaced the file between opening and locking: lock the new one
    return "cannot be locked for editing (it was replaced again and again while opening)"


def try_lock(fd: int) -> bool:
    """Lock ``fd`` if no one holds its file; False if someone does (or locks are not supported)."""
    try:
        _lock(fd)
    except OSError:
        return False
    return True


def _close(fd: int) -> None:
    try:
        _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - the tests run on POSIX
    import msvcrt

    from store import paths

    def _open(path: Path) -> int:
        return os.open(paths.lock_path(path.resolve()), os.O_RDWR | os.O_CREAT, 0o600)

    def _still_named(fd: int, path: Path) -> bool:
        return True

    def _lock(fd: int) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:  # Windows says "permission denied" for a held lock
            raise BlockingIOError(str(exc)) from None

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _open(path: Path) -> int:
        # Read access is enough for flock, and a plan the user may not write still locks.
        return os.open(path, os.O_RDONLY | os.O_CLOEXEC)

    def _still_named(fd: int, path: Path) -> bool:
        """True if ``path`` still names the file ``fd`` is open on."""
        try:
            named = os.stat(path)
        except OSError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
