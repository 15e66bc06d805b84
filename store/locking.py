"""The exclusive lock held while a plan is open for editing.

An advisory ``flock`` on ``PLAN.lock`` (``msvcrt.locking`` on Windows): the operating system
releases it when the process ends, however it ends, so a crash never leaves a plan locked.
This is what the ``filelock`` package does on these systems, in a few lines of our own:
importing that package costs about 30 ms of every start, a quarter of the first frame's
budget beyond a bare Textual app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from store import paths

MODE = 0o600
"""The lock file is the owner's only, like the plan."""


class PlanLock:
    """A held lock on one plan; ``release`` (or the process ending) lets it go."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        """Whether this lock is still held."""
        return self._fd is not None

    def release(self) -> None:
        """Let the lock go; a second call does nothing."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


def acquire(plan_path: Path) -> PlanLock | str:
    """Hold ``plan_path``'s lock, or say (as the end of a sentence) why it cannot be held."""
    try:
        fd = os.open(paths.lock_path(plan_path), os.O_RDWR | os.O_CREAT, MODE)
    except OSError as exc:
        # A folder the user may read but not write: reading the plan is still useful.
        return f"cannot be locked for editing ({exc.strerror or exc})"
    try:
        if os.stat(fd).st_mode & 0o777 != MODE:
            os.fchmod(fd, MODE)  # a lock file left by something else, or a wider umask
        _lock(fd)
    except BlockingIOError:
        os.close(fd)
        return "is open in another Coach Rollout"
    except OSError as exc:
        os.close(fd)
        return f"cannot be locked for editing ({exc.strerror or exc})"
    return PlanLock(fd)


if sys.platform == "win32":  # pragma: no cover - the tests run on POSIX
    import msvcrt

    def _lock(fd: int) -> None:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:  # Windows says "permission denied" for a held lock
            raise BlockingIOError(str(exc)) from None

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
