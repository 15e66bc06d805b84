"""Merge two versions of one plan by replaying THEIRS' entries onto OURS (DESIGN section 9).

OURS is opened through the store (locked) and written once, atomically, with THEIRS' entries
replayed as recorded changes (each validated again and chained anew, keeping its author and
time) and a merge entry naming both heads. On any conflict nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from schemas.history import HistoryEntry, seq_of
from schemas.ledger import Doc, entries_of, ledger_break
from schemas.merging import NOT_REPLAYED, Conflict, Where, conflicts, replayed_changes, side_changes
from schemas.text import visible
from store import loading, paths
from store.errors import ChangeRefused, PlanError, PlanInvalid
from store.planstore import PlanStore


@dataclass
class Merged:
    """What a merge did: the entries replayed and the merge entry, or the conflicts that stopped it."""

    conflicts: list[Conflict] = field(default_factory=list)
    """Why nothing was written; empty when the merge was saved."""
    replayed: int = 0
    """How many of THEIRS' entries were replayed onto OURS."""
    entry: HistoryEntry | None = None
    """The merge entry (None when there was nothing to merge)."""


class _Refused(Exception):
    """A replayed change was refused: leave the one save unwritten."""

    def __init__(self, conflict: Conflict) -> None:
        super().__init__(conflict.line())
        self.conflict = conflict


def merge(base: Path, ours: Path, theirs: Path) -> tuple[Merged, PlanStore]:
    """Merge THEIRS into OURS; the result and OURS' store (closed: read it, never change it)."""
    lock_was_there = paths.lock_path(ours).exists()
    store = PlanStore.open(ours, merging=True)
    try:
        if store.read_only:
            raise PlanError(f"{ours}: cannot be merged into: {' '.join(store.warnings)}")
        return _merge(store, base, ours, theirs), store
    finally:
        store.close()
        if not lock_was_there:
            # git merges temporary copies in the work tree: leave no lock file beside them.
            paths.lock_path(ours).unlink(missing_ok=True)


def _merge(store: PlanStore, base: Path, ours: Path, theirs: Path) -> Merged:
    base_tables = loading.load(base)[0]
    theirs_tables = loading.load(theirs)[0]
    for path, tables in ((ours, store.tables()), (theirs, theirs_tables)):
        found = ledger_break(tables)
        if found is not None:  # a merge never builds on a file changed by hand
            raise PlanInvalid(f"{path}: {found.entity}: {found.message}")
    ours_entries = entries_of(store.tables()["history"])
    theirs_entries = entries_of(theirs_tables["history"])
    common = _common(ours_entries, theirs_entries)
    if common == 0:
        raise PlanInvalid(f"{theirs}: shares no history with {ours}: they are not two versions of one plan")
    ours_changes = side_changes(base_tables, store.tables())
    clashes = conflicts(ours_changes, side_changes(base_tables, theirs_tables))
    if clashes:
        return Merged(conflicts=clashes)
    added = [HistoryEntry.model_validate(e) for e in theirs_entries[common:]]
    added = [e for e in added if e.action not in NOT_REPLAYED]
    if not added:
        return Merged()
    try:
        with store.one_save():
            _replay(store, added, ours_changes, common)
            entry = store.note(
                "plan.merge", _summary(len(added), ours_entries[-1], theirs_entries[-1], common)
            )
    except _Refused as refused:
        return Merged(conflicts=[refused.conflict])
    if store.save_error is not None:
        raise PlanError(store.save_error)
    return Merged(replayed=len(added), entry=entry)


def _common(ours: list[Doc], theirs: list[Doc]) -> int:
    """How many entries the two histories share from the start."""
    count = 0
    for mine, other in zip(ours, theirs, strict=False):
        if mine.get("hash") != other.get("hash"):
            break
        count += 1
    return count


def _replay(store: PlanStore, added: list[HistoryEntry], ours: dict[Where, object], common: int) -> None:
    """Replay each of THEIRS' entries; raise _Refused naming the first change validation refuses."""
    moved: dict[int, int] = {}
    for entry in added:
        undoes = entry.undoes if entry.undoes is None or entry.undoes <= common else moved.get(entry.undoes)
        try:
            again = store.replay(entry, replayed_changes(entry.edits, ours), undoes)
        except ChangeRefused as exc:
            where = f'their history entry {entry.seq} ({entry.at.date()}, "{visible(entry.summary)}")'
            raise _Refused(Conflict(where, "", "", refusal=visible(exc.message))) from None
        moved[entry.seq] = again.seq


def _summary(count: int, ours: Doc, theirs: Doc, common: int) -> str:
    def head(entry: Doc) -> str:
        return f"entry {seq_of(entry)}, {str(entry.get('hash', ''))[:12]}"

    return (
        f"Merged {count} entries of the other branch (its head: {head(theirs)}) into this plan "
        f"(head: {head(ours)}); common history up to entry {common}."
    )
