"""The plan store: open a plan, apply named changes, history, undo and redo."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from schemas.history import Change, Edit, HistoryEntry
from schemas.ledger import ledger_break, whole_plan
from schemas.plan import HISTORY_TABLE, Plan, plan_to_tables
from schemas.records import Record
from schemas.rules.conditions import locked_change_refusal
from store import files, loading, opening
from store.changes import forward, inverse, new_record_edits, plan_edit, replace_records, whole_plan_checked
from store.entries import edit_docs, history_doc, new_entry
from store.errors import ChangeRefused, PlanChangedOnDisk, PlanError
from store.planfile import PlanFile, stored_head
from store.saving import SAVE_ERRORS, SavingMixin, new_file
from store.storage import BatchStorage, MemoryStorage, PlanDB, Tables, open_db, write_edits


class PlanStore(SavingMixin):
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
        self._file: PlanFile | None = None
        self._conflict: PlanChangedOnDisk | None = None
        self._asked_read_only = read_only
        self._done: list[int] = []
        self._undone: list[int] = []

    # -- opening ---------------------------------------------------------------

    @classmethod
    def memory(cls, plan: Plan, *, created: bool = False) -> PlanStore:
        """A store over memory only (tests and previews); ``created``: record a new plan's first entry."""
        tables = plan_to_tables(plan)
        store = cls(plan, MemoryStorage(tables))
        if created and not plan.history:
            store._record("plan.create", whole_plan(tables), None, "Created the plan.", "", None)
        return store

    @classmethod
    def create(cls, path: Path, plan: Plan, summary: str = "") -> PlanStore:
        """Write ``plan`` as a new file (refused if one exists) and open it.

        A plan without history gets its first entry, holding every record, so the history
        replays from the start. A plan that brings its history (from an export) keeps it,
        and is refused if that history does not give its records.
        """
        path = Path(path)
        tables = plan_to_tables(plan)
        found = ledger_break(tables) if plan.history else None
        if found is not None:
            raise PlanError(f"{path}: not created: {found.entity}: {found.message}")
        if path.exists():
            raise PlanError(f"{path}: a file is already there; choose another path")
        store = cls(plan, MemoryStorage(tables))
        if not plan.history:
            store._record("plan.create", whole_plan(tables), None, summary or "Created the plan.", "", None)
        store._attach(new_file(path, store.tables()))  # one write, never over a file
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False, merging: bool = False) -> PlanStore:
        """Open a plan file for editing, or read-only if asked or if it cannot be edited now.

        A migrated plan is saved at once (after its backup). For a merge (``merging``) the
        migration is written with the merge's one save, so a merge that is refused leaves
        the file as it was, and no daily backup is made: a merge only adds entries, so the
        file as it was stays readable in its history (and git keeps it too).
        """
        path = Path(path)
        if not path.exists():
            raise PlanError(f"{path}: no such plan file; create one with: coach-rollout init '{path}'")
        file, raw, not_locked = PlanFile.open(path, read_only=read_only)
        try:
            tables, plan, migrated_from = loading.load(path, raw, file.real)
        except BaseException:
            file.release()
            raise
        store = cls(plan, MemoryStorage(tables), read_only=read_only)
        # A migration adds entries as the plan is read: the file's own newest entry is older.
        store._attach(file, stored_head(raw) if migrated_from is not None else None)
        store._opening_notes(path, not_locked, migrated_from, merging)
        if migrated_from is not None and not store.read_only and not merging:
            store._flush()  # the entries recording the migration were made as it was read
        return store

    def _opening_notes(
        self, path: Path, not_locked: str | None, migrated_from: int | None, merging: bool = False
    ) -> None:
        assert self._file is not None
        skip = self.read_only or (merging and migrated_from is None)
        failed = None if skip else opening.back_up(self._file.real, migrated_from)
        if failed is not None and migrated_from is not None:
            self.close()  # an older format is never rewritten without its backup
            not_locked = f"could not be backed up before its migration ({failed})"
        elif failed is not None:
            self.warnings.append(f"{path}: today's backup could not be made ({failed}).")
        if not_locked is not None:
            self.warnings.append(f"{path} {not_locked}; opened read-only.")
        elif not self.read_only and self._file.links > 1:
            self.warnings.append(
                f"{path} has {self._file.links} names (hard links): a save writes a new file under this "
                "name only, and the other names keep the plan as it is now."
            )
        if files.readable_by_others(path):
            self.warnings.append(
                f"{path} can be read by other users; run: chmod 600 '{path}' (the next save makes it 0600)."
            )

    def close(self) -> None:
        """Release the lock; pending edits that could not be saved are lost."""
        if self._file is not None and self._file.lock is not None:
            self._file.release()
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

    def replay(self, entry: HistoryEntry, changes: Sequence[Change], undoes: int | None) -> HistoryEntry:
        """Record ``changes`` as ``entry`` did, keeping its action, words, author and time (a merge)."""
        if self.read_only:
            raise ChangeRefused("The plan is open read-only; nothing was changed.")
        edits, records = self._stage(changes)
        author = (entry.actor, entry.at)
        return self._record(entry.action, edits, records, entry.summary, entry.reason, undoes, author=author)

    def note(self, action: str, summary: str) -> HistoryEntry:
        """Record an entry that changes no record (a merge names both heads)."""
        if self.read_only:
            raise ChangeRefused("The plan is open read-only; nothing was changed.")
        return self._record(action, [], [], summary, "", None)

    @contextmanager
    def one_save(self) -> Iterator[None]:
        """Save every action inside the block in one durable write at its end.

        If the block raises, nothing is written; the store then holds unsaved edits and
        must be closed without saving (``close``).
        """
        try:
            with self._storage.batch():
                yield
        except SAVE_ERRORS as exc:
            self._save_failed(exc)
        else:
            self._saved()

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
        # conditions-locked: an undo or redo carries the reason of the entry it repeats.
        said = reason or (self._entry(undoes).reason if undoes is not None else "")
        refusal = locked_change_refusal(self._plan, edits, said, replaying=undoes is not None)
        if refusal:
            raise ChangeRefused(refusal)
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
        records: list[Record | None] | None,
        summary: str,
        reason: str,
        undoes: int | None,
        *,
        author: tuple[str, datetime] | None = None,
    ) -> HistoryEntry:
        """Write the edits and their history entry in one durable save.

        ``records`` are the edited records validated, None when the plan holds them already
        (its first entry). ``author`` keeps the actor and time of an entry replayed by a merge.
        """
        last = self._plan.history[-1] if self._plan.history else None
        actor, at = author or (self._plan.plan.display_name, None)
        docs = edit_docs(edits)  # once for the hash and the stored entry (thousands, for an import)
        entry = new_entry(last, actor, action, edits, (summary, reason), undoes, at, docs)
        plan = self._plan
        if records is not None:
            plan = whole_plan_checked(replace_records(plan, edits, records))  # before anything is written
        info = plan.plan.model_copy(update={"updated": entry.at})
        self._plan = plan.model_copy(update={"plan": info, "history": [*plan.history, entry]})
        try:
            with self._storage.batch():
                if records is not None:
                    write_edits(self._db, edits)
                self._db.records(HISTORY_TABLE).put(entry.id, history_doc(entry, docs))
                self._db.records("plan").patch("plan", {"updated": info.model_dump(mode="json")["updated"]})
        except SAVE_ERRORS as exc:
            self._save_failed(exc)
        else:
            self._saved()
        return entry

    def _flush(self) -> bool:
        try:
            self._storage.flush()
        except SAVE_ERRORS as exc:
            self._save_failed(exc)
            return False
        self._saved()
        return True
