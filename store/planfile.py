"""The file behind an open plan: its real path, its lock, and what this instance last saw in it.

Every save is a compare-and-swap: before writing, the file at the real path must still be
the one this instance last read or wrote. A cheap identity (device, inode, size, modification
time) settles the common case without reading; when it differs, the file is read again and
its newest history entry compared with the one this instance saw. Anything else (another
writer, a restored backup, a copy edited elsewhere, the file gone) refuses the save with
``PlanChangedOnDisk``, and nothing is written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from pydantic import ValidationError

from schemas.history import HistoryEntry
from store import bounds, files, locking
from store.errors import PlanChangedOnDisk, PlanError, PlanUnreadable, SaveRefused
from store.loading import read_bounded, read_tables

Head = tuple[int, str]
"""The newest history entry of a plan: its seq and hash."""

KEPT = (
    "Your edit is kept here: reload the plan to take theirs (dropping your unsaved edit), "
    "or save yours as a new file."
)


@dataclass(frozen=True)
class Seen:
    """What tells one version of a file from another without reading it."""

    device: int
    """The file system."""
    inode: int
    """The file (an atomic save makes a new one)."""
    size: int
    """Its length in bytes."""
    modified: int
    """Its modification time in nanoseconds."""

    @classmethod
    def of(cls, status: os.stat_result) -> Seen:
        """The identity in a ``stat`` result."""
        return cls(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def head_of(history: Mapping[str, Any]) -> Head | None:
    """The seq and hash of the newest entry of a stored history table, or None if empty."""
    newest: Head | None = None
    for doc in history.values():
        seq = doc.get("seq") if isinstance(doc, dict) else None
        if isinstance(seq, int) and (newest is None or seq > newest[0]):
            newest = (seq, str(doc.get("hash")))
    return newest


def stored_head(raw: bytes) -> Head | None:
    """The newest history entry of a plan file's bytes (read before a migration adds entries)."""
    try:
        history = orjson.loads(raw).get("history", {})
    except (orjson.JSONDecodeError, AttributeError):
        return None
    return head_of(history) if isinstance(history, dict) else None


class PlanFile:
    """One plan file as an open store sees it."""

    def __init__(self, path: Path, lock: locking.PlanLock | None, seen: Seen | None) -> None:
        self.path = path
        """The path as the user named it (shown in messages)."""
        self.real = Path(os.path.realpath(path))
        """The file itself: a symlink resolved, so a save replaces its target, never the link."""
        self.lock = lock
        """The editing lock; None when read-only."""
        self.seen = seen
        """The file as this instance last read or wrote it."""
        self.head: Head | None = None
        """The newest history entry in the file as this instance last read or wrote it."""
        self.links = 1
        """How many names (hard links) the file had when opened."""
        self._refused: tuple[Seen, PlanChangedOnDisk] | None = None

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, read_only: bool) -> tuple[PlanFile, bytes, str | None]:
        """Lock (unless ``read_only``) and read the plan; also why it is not locked, if so."""
        real = Path(os.path.realpath(path))
        why = None if read_only else cannot_write(real)
        held = None if read_only or why else locking.acquire(real)
        if isinstance(held, str):
            why = held
        if not isinstance(held, locking.PlanLock):
            return cls(path, None, None), read_bounded(path, PlanUnreadable), why
        try:
            status = os.fstat(held.fd)
            raw = _read_fd(path, held.fd, status.st_size)
            files.remove_stale_temps(real, status)
        except OSError as exc:
            held.release()
            raise PlanUnreadable(f"{path}: cannot be read ({exc.strerror or exc})") from None
        except BaseException:
            held.release()
            raise
        opened = cls(path, held, Seen.of(status))
        opened.links = status.st_nlink
        return opened, raw, None

    @classmethod
    def create(cls, path: Path, data: bytes) -> PlanFile:
        """Write ``data`` as a new plan file at ``path`` (never over one) and hold its lock."""
        real = Path(os.path.realpath(path))
        try:
            fd = files.create_locked(real, data)
        except FileExistsError:
            raise PlanError(f"{path}: a file is already there; choose another path") from None
        except OSError as exc:
            reason = exc.strerror or exc
            raise PlanError(f"{path}: could not be written ({reason}); nothing was created") from None
        created = cls(path, locking.PlanLock(fd), Seen.of(os.fstat(fd)))
        try:
            files.fsync_folder(real.parent)
            files.remove_stale_temps(real, os.fstat(fd))
        except OSError:
            pass  # the plan is written; a later open syncs and cleans again
        return created

    def release(self) -> None:
        """Let the lock go (the file can no longer be written through this object)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- saving ------------------------------------------------------------------

    def write(self, tables: Mapping[str, Any], data: bytes) -> None:
        """Replace the file by ``data`` (the encoded ``tables``) if no one else changed it."""
        if self.lock is None:
            raise SaveRefused(f"Not saved: {self.path} is no longer open for editing here.")
        self.check()
        fd = files.replace_locked(self.real, data)
        self.lock.moved(fd)
        self.seen = Seen.of(os.fstat(fd))
        self.head = head_of(tables.get("history", {}))
        files.fsync_folder(self.real.parent)

    def check(self) -> None:
        """Raise ``PlanChangedOnDisk`` unless the file is still the one this instance last saw."""
        try:
            now = Seen.of(os.stat(self.real))
        except FileNotFoundError:
            raise PlanChangedOnDisk(
                f"Not saved: {self.path} is no longer there (moved or deleted since it was opened). "
                "Your edit is kept here: save it as a new file.",
                theirs=[],
                continues=False,
                missing=True,
            ) from None
        if now == self.seen:
            return
        if self._refused is not None and self._refused[0] == now:
            raise self._refused[1]  # a retry of a refused save: the file has not moved since
        history = self._history_on_disk()
        if head_of(history) == self.head:
            self.seen = now  # touched or copied back unchanged: the same plan
            return
        refusal = changed(self.path, self.head, history)
        self._refused = (now, refusal)
        raise refusal

    def _history_on_disk(self) -> Mapping[str, Any]:
        try:
            return read_tables(self.real).get("history", {})
        except PlanError:
            raise PlanChangedOnDisk(
                f"Not saved: {self.path} was changed since this instance read it and is not a plan "
                f"this version can read any more. {KEPT}",
                theirs=[],
                continues=False,
            ) from None


def changed(path: Path, head: Head | None, history: Mapping[str, Any]) -> PlanChangedOnDisk:
    """The refusal that says what the other writer did to ``path`` since ``head``."""
    continues = head is None or any(
        isinstance(doc, dict) and doc.get("seq") == head[0] and doc.get("hash") == head[1]
        for doc in history.values()
    )
    if not continues:
        assert head is not None
        return PlanChangedOnDisk(
            f"Not saved: {path} was replaced since this instance read it (a restored backup or a copy "
            f"edited elsewhere: it no longer holds change #{head[0]}). {KEPT}",
            theirs=[],
            continues=False,
        )
    after = head[0] if head else 0
    theirs = sorted(_entries(history, after), key=lambda entry: entry.seq)
    count = f"{len(theirs)} change" + ("" if len(theirs) == 1 else "s")
    return PlanChangedOnDisk(
        f"Not saved: another writer saved {count} to {path} since this instance read it. {KEPT}",
        theirs=theirs,
        continues=True,
    )


def _entries(history: Mapping[str, Any], after: int) -> list[HistoryEntry]:
    """The valid stored entries with a seq above ``after``."""
    found = []
    for key, doc in history.items():
        if isinstance(doc, dict) and isinstance(doc.get("seq"), int) and doc["seq"] > after:
            try:
                found.append(HistoryEntry.model_validate({**doc, "id": key}))
            except ValidationError:
                continue  # shown as a count only; verify names it
    return found


def cannot_write(real: Path) -> str | None:
    """Why the user cannot save ``real`` (as the end of a sentence), or None.

    A save writes a new file in the folder and renames it over the plan, so both must be
    writable. The owner's write bit is read as well as ``access``: as root ``access``
    allows everything, but a plan made read-only by its owner stays so.
    """
    for target, what in ((real, "the file"), (real.parent, "its folder")):
        try:
            status = os.stat(target)
        except OSError:
            return None  # reading it reports what is wrong
        no_owner_write = status.st_uid == os.geteuid() and not status.st_mode & stat.S_IWUSR
        if no_owner_write or not os.access(target, os.W_OK):
            mode = f"mode {stat.S_IMODE(status.st_mode):04o}"
            return f"cannot be saved: {what} is not writable ({mode})"
    return None


def _read_fd(path: Path, fd: int, size: int) -> bytes:
    """Every byte of the locked file ``fd``, within ``bounds.MAX_FILE_BYTES``."""
    problem = bounds.too_large(size)
    if problem is not None:
        raise PlanUnreadable(f"{path}: {problem}")
    chunks = []
    offset = 0
    while chunk := os.pread(fd, max(size - offset, 1 << 16), offset):
        chunks.append(chunk)
        offset += len(chunk)
        if offset > bounds.MAX_FILE_BYTES:
            raise PlanUnreadable(f"{path}: {bounds.too_large(offset)}")
    return b"".join(chunks)
