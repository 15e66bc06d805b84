"""The plan store: open a plan, apply named changes, history, undo and redo."""

from __future__ import annotations

import bisect
import getpass
from collections import ChainMap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb.table import Document

from schemas.history import GENESIS, Change, Edit, HistoryEntry, entry_hash
from schemas.plan import HISTORY_TABLE, SINGLETONS, Plan, id_order, plan_to_tables
from schemas.records import SCHEMA_VERSION, Record
from store import backups, files, loading, paths
from store.changes import forward, inverse, plan_edit
from store.errors import ChangeRefused, PlanError
from store.migrations import migrate
from store.storage import BatchStorage, DurableStorage, MemoryStorage, PlanDB, Tables, open_db


class PlanStore:
    """One open plan: the only way the app and commands change it."""

    def __init__(self, plan: Plan, storage: BatchStorage, *, read_only: bool = False) -> None:
        self._plan = plan
        self._storage = storage
        self._db: PlanDB = open_db(storage)
        self.read_only = read_only
        self.warnings: list[str] = []
        self.save_error: str | None = None
        self.path: Path | None = getattr(storage, "path", None)
        self._lock: FileLock | None = None
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
        files.make_private_folder(path.parent)
        lock = _acquire(path)
        if lock is None:
            raise PlanError(f"{path}: another instance is creating this plan")
        store = cls(plan, DurableStorage(plan_to_tables(plan), path))
        store._lock = lock
        if summary:
            store._record("plan.create", [], [], summary, "", None)
        else:
            store._storage.flush()
        return store

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False) -> PlanStore:
        """Open a plan file for editing, or read-only if asked or already open elsewhere."""
        path = Path(path)
        if not path.exists():
            raise PlanError(f"{path}: no such plan file; create one with: coach-rollout init '{path}'")
        lock = None if read_only else _acquire(path)
        if lock is not None:
            files.remove_stale_temps(path)
        try:
            tables, plan, migrated_from = _load(path, write_allowed=lock is not None)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store = cls(plan, DurableStorage(tables, path), read_only=lock is None)
        store._lock = lock
        store._opening_notes(path, read_only, migrated_from)
        return store

    def _opening_notes(self, path: Path, asked_read_only: bool, migrated_from: int | None) -> None:
        if self.read_only and not asked_read_only:
            self.warnings.append(f"{path} is open in another Coach Rollout; opened read-only.")
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
        self, action: str, changes: list[Change], summary: str, reason: str = ""
    ) -> HistoryEntry | None:
        """Apply ``changes`` as one action with one history entry and one write."""
        entry = self._apply(action, changes, summary, reason, None)
        if entry is not None:
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
        self, action: str, changes: list[Change], summary: str, reason: str, undoes: int | None
    ) -> HistoryEntry | None:
        if self.read_only:
            raise ChangeRefused("The plan is open read-only; nothing was changed.")
        edits, records = self._stage(changes)
        if not edits:
            return None
        return self._record(action, edits, records, summary, reason, undoes)

    def _stage(self, changes: list[Change]) -> tuple[list[Edit], list[Record | None]]:
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
        entry = self._new_entry(action, edits, summary, reason, undoes)
        try:
            with self._storage.batch():
                for edit, record in zip(edits, records, strict=True):
                    self._write_edit(edit)
                    self._plan = _replace(self._plan, edit, record)
                self._db.table(HISTORY_TABLE).insert(Document(_history_doc(entry), doc_id=entry.id))
                self._touch(entry)
        except OSError as exc:
            self._save_failed(exc)
        else:
            self.save_error = None
        return entry

    def _touch(self, entry: HistoryEntry) -> None:
        """Append the entry to the plan and stamp the plan's ``updated`` with its time."""
        info = self._plan.plan.model_copy(update={"updated": entry.at})
        self._db.table("plan").update({"updated": info.model_dump(mode="json")["updated"]}, doc_ids=["plan"])
        self._plan = self._plan.model_copy(update={"plan": info, "history": [*self._plan.history, entry]})

    def _flush(self) -> bool:
        try:
            self._storage.flush()
        except OSError as exc:
            self._save_failed(exc)
            return False
        self.save_error = None
        return True

    def _save_failed(self, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        self.save_error = (
            f"Could not save {self.path}: {reason}. The edit is kept in memory; "
            "it is saved with the next edit or retry, and quitting asks first."
        )

    def _write_edit(self, edit: Edit) -> None:
        table = self._db.table(edit.table)
        if edit.after is None:
            table.remove(doc_ids=[edit.key])
        elif edit.field is None or not table.contains(doc_id=edit.key):
            assert isinstance(edit.after, dict)
            table.upsert(Document(edit.after, doc_id=edit.key))
        else:
            table.update({edit.field: edit.after}, doc_ids=[edit.key])

    def _new_entry(
        self, action: str, edits: list[Edit], summary: str, reason: str, undoes: int | None
    ) -> HistoryEntry:
        last = self._plan.history[-1] if self._plan.history else None
        seq = (last.seq + 1) if last else 1
        prev = last.hash if last else GENESIS
        content = {
            "id": f"h-{seq:06d}",
            "seq": seq,
            "at": datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z"),
            "actor": self._plan.plan.display_name or _os_user(),
            "action": action,
            "summary": summary,
            "reason": reason,
            "edits": [e.model_dump(mode="json") for e in edits],
            "undoes": undoes,
            "prev_hash": prev,
        }
        draft = HistoryEntry.model_validate({**content, "hash": ""})
        return draft.model_copy(update={"hash": entry_hash(draft.model_dump(mode="json"), prev)})


def _acquire(path: Path) -> FileLock | None:
    """Hold the plan's lock file, or None if another process holds it."""
    lock = FileLock(paths.lock_path(path), mode=0o600, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return None
    return lock


def _load(path: Path, *, write_allowed: bool) -> tuple[Tables, Plan, int | None]:
    """Read, migrate (after a backup) and validate a plan file."""
    tables = loading.read_tables(path)
    version = loading.check_version(path, tables)
    migrated_from = None
    if version < SCHEMA_VERSION:
        if write_allowed:
            backups.make_backup(path, f"v{version}")
        tables = migrate(tables)
        migrated_from = version
    elif write_allowed:
        backups.daily_backup(path)
    newest = backups.newest_backup(path)
    hint = f"; the newest backup is {newest}" if newest else ""
    return tables, loading.validate(path, tables, hint), migrated_from


def _replace(plan: Plan, edit: Edit, record: Record | None) -> Plan:
    """The plan with one record added, replaced or removed."""
    if edit.table in SINGLETONS:
        return plan.model_copy(update={edit.table: record})
    rows = list(getattr(plan, edit.table))
    order = id_order(edit.key)
    at = bisect.bisect_left(rows, order, key=lambda row: id_order(row.id))
    present = at < len(rows) and rows[at].id == edit.key
    if record is None:
        del rows[at]
    elif present:
        rows[at] = record
    else:
        rows.insert(at, record)
    return plan.model_copy(update={edit.table: rows})


def _history_doc(entry: HistoryEntry) -> dict[str, Any]:
    return entry.model_dump(mode="json", exclude={"id"})


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
