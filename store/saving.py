"""What an open store does when a save fails or is refused: say why, keep the edit, and offer
an explicit save, a reload from disk, or a save into a new file.

A mixin of ``PlanStore``, kept apart from its changes and history.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from schemas.history import HistoryEntry
from schemas.plan import HISTORY_TABLE, Plan
from store import files
from store.errors import PlanChangedOnDisk, PlanError, SaveRefused
from store.planfile import Head, PlanFile, head_of
from store.storage import BatchStorage, DurableStorage, PlanDB, Tables, encode, open_db

SAVE_ERRORS = (OSError, TypeError, ValueError, RecursionError, SaveRefused)
"""What a save may raise: the disk, serialisation (orjson's TypeError, pydantic's ValueError,
a value too deep for the interpreter), or a refusal. Each keeps the edit in memory."""


UNWRITABLE = "a value in the plan cannot be written (nested too deep, or a number too large)"


class SavingMixin:
    """Saving, refused saves, reload and save-as for ``PlanStore``."""

    _plan: Plan
    _storage: BatchStorage
    _db: PlanDB
    _file: PlanFile | None
    _conflict: PlanChangedOnDisk | None
    _asked_read_only: bool
    _save_reason: str
    _done: list[int]
    _undone: list[int]
    path: Path | None
    read_only: bool
    save_error: str | None
    warnings: list[str]

    if TYPE_CHECKING:  # provided by the class this is mixed into

        def tables(self) -> Tables:
            """The stored tables as they are in memory (see ``PlanStore``)."""
            ...

    @property
    def conflict(self) -> PlanChangedOnDisk | None:
        """Why the latest save was refused, if another writer changed the file (None otherwise)."""
        return self._conflict

    def save(self) -> None:
        """Write what is held in memory now; ``SaveRefused`` (``PlanChangedOnDisk``) if it is not on disk."""
        if not self._storage.pending:
            return
        try:
            self._storage.flush()
        except SAVE_ERRORS as exc:
            self._save_failed(exc)
            raise self._conflict or SaveRefused(self.save_error or "Not saved.") from None
        self._saved()

    def unsaved(self) -> list[HistoryEntry]:
        """The entries held in memory that the file does not hold yet, oldest first."""
        if self._file is None or not self._storage.pending:
            return []
        head = self._file.head
        return [entry for entry in self._plan.history if head is None or entry.seq > head[0]]

    def reload(self) -> list[HistoryEntry]:
        """Read the plan again from its file, dropping the edits not saved; the entries new to this instance.

        The lock is let go first (the file there now may be the very inode this instance holds).
        If the file cannot be opened, ``PlanError`` says why and this store stays as it was, read-only.
        """
        from store.planstore import PlanStore  # the mixin's own class: imported when used

        if self.path is None:
            raise PlanError("This plan is held in memory only; there is no file to reload.")
        known = {(entry.seq, entry.hash) for entry in self._plan.history}
        self._let_go()
        fresh = PlanStore.open(self.path, read_only=self._asked_read_only)
        # Become the freshly opened store: every attribute, so nothing of the old state lingers.
        vars(self).update(vars(fresh))
        return [entry for entry in self._plan.history if (entry.seq, entry.hash) not in known]

    def save_as(self, path: Path) -> None:
        """Write the plan as held here, unsaved edits included, into a new file and go on editing that one.

        Refused (``PlanError``) if a file is at ``path``; the old file is left as it is.
        """
        created = new_file(Path(path), self.tables())
        self._let_go()
        self._attach(created)
        self._saved()

    def _let_go(self) -> None:
        if self._file is not None:
            self._file.release()
        self.read_only = True

    def _attach(self, file: PlanFile, head: Head | None = None) -> None:
        """Save from now on into ``file``: the tables held in memory, whose newest entry it holds.

        ``head``: the file's newest entry when the tables in memory already hold more (a migration).
        """
        tables = self.tables()
        file.head = head or head_of(tables.get(HISTORY_TABLE, {}))
        self._storage = DurableStorage(tables, file.path, file.write)
        self._db = open_db(self._storage)
        self.path, self._file = file.path, file
        self.read_only = file.lock is None

    def _saved(self) -> None:
        self.save_error, self._conflict = None, None

    def _save_failed(self, exc: BaseException) -> None:
        """Keep the edit in memory and say why it is not on disk (never with plan content)."""
        if isinstance(exc, SaveRefused):
            self._conflict = exc if isinstance(exc, PlanChangedOnDisk) else None
            self._save_reason = self.save_error = exc.message
            return
        if isinstance(exc, OSError):
            self._save_reason = exc.strerror or type(exc).__name__
        else:  # serialisation: orjson's TypeError, pydantic's ValueError, a RecursionError
            self._save_reason = UNWRITABLE
        self.save_error = (
            f"Could not save {self.path}: {self._save_reason}. The edit is kept in memory; "
            "it is saved with the next edit or retry, and quitting asks first."
        )


def new_file(path: Path, tables: Tables) -> PlanFile:
    """A new plan file at ``path`` holding ``tables``, locked; ``PlanError`` if it cannot be made."""
    if path.exists():
        raise PlanError(f"{path}: a file is already there; choose another path")
    try:
        files.make_private_folder(Path(os.path.realpath(path)).parent)
    except OSError as exc:
        reason = exc.strerror or exc
        raise PlanError(f"{path}: its folder cannot be created ({reason}); nothing was created") from None
    try:
        data = encode(tables)
    except (TypeError, ValueError, RecursionError):
        raise PlanError(f"{path}: a value in the plan cannot be written; nothing was created") from None
    return PlanFile.create(path, data)
