"""The plan store: open a plan, apply named changes, history, undo and redo."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from schemas.history import Change, Edit, HistoryEntry
from schemas.plan import HISTORY_TABLE, Plan, plan_to_tables
from schemas.records import Record
from store import files, loading, locking, opening
from store.changes import forward, inverse, new_record_edits, plan_edit, replace_records, whole_plan_checked
from store.entries import edit_docs, history_doc, new_entry
from store.errors import ChangeRefused, PlanError
from store.storage import BatchStorage, DurableStorage, MemoryStorage, PlanDB, Tables, open_db, write_edits


class PlanStore:
    """One open plan: the only way the app and commands change it."""

    def __init__(self, plan: Plan, storage: BatchStorage, *, read_only: bool = False) -> None:
        self._plan = plan
        self._storage = storage
        self._db: PlanDB = open_db(storage)
        self.read_only = read_only
        self.warnings: list[str] = []
        self.save_error: str | None = None
        self._save_reason = ""
        self.path: Path | None = getattr(storage, "path", None)
        self._lock: locking.PlanLock | None = None
        self._done: list[int] = []
        self._undone: list[int] = []

    # -- opening ---------------------------------------------------------------

    @classmethod
    def memory(cls, plan: Plan) -> PlanStore:
        """A store over memory only (tests and previews)."""
        return cls(plan, MemoryStorage(plan_to_tables(plan)))

    @classmethod
    def create(cls, path: Path, plan: Plan, summary: str = "") -> PlanStore:
        """Write ``plan`` as a new file (refused if one exists) and open it."""
        path = Path(path)
        if path.exists():
            raise PlanError(f"{path}: a file is already there; choose another path")
        try:
            files.make_private_folder(path.parent)
        except OSError as exc:
            raise PlanError(f"{path}: its folder cannot be created ({exc.strerror or exc})") from None
        lock = locking.acquire(path)
        if isinstance(lock, str):
            raise PlanError(f"{path} {lock}; nothing was created")
        if path.exists():
            lock.release()
            raise PlanError(f"{path}: a file is already there; choose another path")
        store = cls(plan, DurableStorage(plan_to_tables(plan), path))
        store._lock = lock
        if summary:
            store._record("plan.create", [], [], summary, "", None)
        else:
            store._flush()
        if store.save_error is not None:
            store.close()
            raise PlanError(f"{path}: could not be written ({store._save_reason}); nothing was created")
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> PlanStore:
        """Open a plan file for editing, or read-only if asked or already open elsewhere."""
        path = Path(path)
        if not path.exists():
            raise PlanError(f"{path}: no such plan file; create one with: coach-rollout init '{path}'")
        held = None if read_only else locking.acquire(path)
        lock = held if isinstance(held, locking.PlanLock) else None
        if lock is not None:
            files.remove_stale_temps(path)
        try:
            tables, plan, migrated_from = loading.load(path)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store = cls(plan, DurableStorage(tables, path), read_only=lock is None)
        store._lock = lock
        store._opening_notes(path, held if isinstance(held, str) else None, migrated_from)
        return store

    def _opening_notes(self, path: Path, not_locked: str | None, migrated_from: int | None) -> None:
        failed = None if self.read_only else opening.back_up(path, migrated_from)
        if failed is not None and migrated_from is not None:
            self.close()  # an older format is never rewritten without its backup
            not_locked = f"could not be backed up before its migration ({failed})"
        elif failed is not None:
            self.warnings.append(f"{path}: today's backup could not be made ({failed}).")
        if not_locked is not None:
            self.warnings.append(f"{path} {not_locked}; opened read-only.")
        if files.readable_by_others(path):
            self.warnings.append(
                f"{path} can be read by other users; run: chmod 600 '{path}' (the next save makes it 0600)."
            )
        if migrated_from is not None and not self.read_only:
            self._record(
                "schema.migrate", [], [], f"Migrated the plan from format {migrated_from}.", "", None
            )

    def close(self) -> None:
        """Release the lock; pending edits that could not be saved are lost."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            # Without the lock another instance may write the file: this one must not.
            self.read_only = True

    def __enter__(self) -> PlanStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------

    @property
    def plan(self) -> Plan:
        """The current plan, validated (a new object after each change)."""
        return self._plan

    def history(self) -> list[HistoryEntry]:
        """Every recorded action, oldest first."""
        return list(self._plan.history)

    def tables(self) -> Tables:
        """The stored tables as they are in memory (read them, never change them)."""
        return self._storage.read()

    @property
    def dirty(self) -> bool:
        """True if an edit is held in memory but not yet saved."""
        return self._storage.pending

    @property
    def can_undo(self) -> bool:
        """True if an action of this session can be undone."""
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        """True if an undone action can be done again."""
        return bool(self._undone)

    # -- changing --------------------------------------------------------------

    def apply(
        self, action: str, changes: Sequence[Change], summary: str, reason: str = ""
    ) -> HistoryEntry | None:
        """Apply ``changes`` as one action with one history entry and one write."""
        entry = self._apply(action, changes, summary, reason, None)
        if entry is not None:
            self._done.append(entry.seq)
            self._undone.clear()
        return entry

    def add_records(self, action: str, table: str, records: Sequence[Record], summary: str) -> HistoryEntry:
        """Add new records, each validated already, as one action: one history entry, one write.

        An import of thousands of rows goes this way; its undo is one ordinary undo.
        """
        if self.read_only:
            raise ChangeRefused("The plan is open read-only; nothing was changed.")
        edits = new_record_edits(table, records, self.tables().get(table, {}))
        entry = self._record(action, edits, [*records], summary, "", None)
        self._done.append(entry.seq)
        self._undone.clear()
        return entry

    def undo(self) -> HistoryEntry | None:
        """Revert the latest action of this session, recorded as an action itself."""
        if not self._done:
            return None
        target = self._entry(self._done[-1])
        changes = [inverse(edit) for edit in reversed(target.edits)]
        entry = self._apply("undo", changes, f"Undid: {target.summary}", "", target.seq)
        self._done.pop()
        self._undone.append(target.seq)
        return entry

    def redo(self) -> HistoryEntry | None:
        """Repeat the latest undone action, recorded as an action itself."""
        if not self._undone:
            return None
        target = self._entry(self._undone[-1])
        changes = [forward(edit) for edit in target.edits]
        entry = self._apply("redo", changes, f"Redid: {target.summary}", "", target.seq)
        self._undone.pop()
        self._done.append(entry.seq if entry else target.seq)
        return entry

    def retry_save(self) -> bool:
        """Try again to save an edit held in memory; True once it is on disk."""
        if not self._storage.pending:
            return True
        return self._flush()

    def _entry(self, seq: int) -> HistoryEntry:
        return next(e for e in reversed(self._plan.history) if e.seq == seq)

    def _apply(
        self, action: str, changes: Sequence[Change], summary: str, reason: str, undoes: int | None
    ) -> HistoryEntry | None:
        if self.read_only:
            raise ChangeRefused("The plan is open read-only; nothing was changed.")
        edits, records = self._stage(changes)
        if not edits:
            return None
        return self._record(action, edits, records, summary, reason, undoes)

    def _stage(self, changes: Sequence[Change]) -> tuple[list[Edit], list[Record | None]]:
        """Validate the changes in order against the plan as they leave it."""
        tables = self.tables()
        overlay: dict[str, dict[str, Any]] = {}
        edits: list[Edit] = []
        records: list[Record | None] = []
        for change in changes:
            view = ChainMap(overlay.setdefault(change.table, {}), tables.get(change.table, {}))
            planned = plan_edit(change, view)  # type: ignore[arg-type]
            if planned is None:
                continue
            edit, record = planned
            overlay[change.table][edit.key] = (
                edit.after
                if edit.field is None
                else {
                    **(view.get(edit.key) or {}),
                    edit.field: edit.after,
                }
            )
            edits.append(edit)
            records.append(record)
        return edits, records

    def _record(
        self,
        action: str,
        edits: list[Edit],
        records: list[Record | None],
        summary: str,
        reason: str,
        undoes: int | None,
    ) -> HistoryEntry:
        """Write the edits and their history entry in one durable save."""
        last = self._plan.history[-1] if self._plan.history else None
        docs = edit_docs(edits)  # once for the hash and the stored entry (thousands, for an import)
        entry = new_entry(last, self._plan.plan.display_name, action, edits, (summary, reason), undoes, docs)
        plan = whole_plan_checked(replace_records(self._plan, edits, records))  # before anything is written
        info = plan.plan.model_copy(update={"updated": entry.at})
        self._plan = plan.model_copy(update={"plan": info, "history": [*plan.history, entry]})
        try:
            with self._storage.batch():
                write_edits(self._db, edits)
                self._db.records(HISTORY_TABLE).put(entry.id, history_doc(entry, docs))
                self._db.records("plan").patch("plan", {"updated": info.model_dump(mode="json")["updated"]})
        except OSError as exc:
            self._save_failed(exc)
        else:
            self.save_error = None
        return entry

    def _flush(self) -> bool:
        try:
            self._storage.flush()
        except OSError as exc:
            self._save_failed(exc)
            return False
        self.save_error = None
        return True

    def _save_failed(self, exc: OSError) -> None:
        self._save_reason = exc.strerror or str(exc)
        self.save_error = (
            f"Could not save {self.path}: {self._save_reason}. The edit is kept in memory; "
            "it is saved with the next edit or retry, and quitting asks first."
        )
