"""The open plan below the screen: store, today, findings, undo and redo (no Textual).

The app builds one :class:`PlanSession` and hands it down to the main screen and every
view as an attribute. Views read ``session.plan`` and ``session.findings`` and apply
their :class:`~schemas.edits.PlanEdit` values here; each call returns what happened, so
edits are tested without running the app::

    session = PlanSession(PlanStore.memory(default_plan(now)), today)
    result = session.apply(edit)
    assert result.applied and session.plan.use_cases[0].status == "prohibited"
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from schemas.edits import PlanEdit
from schemas.findings import Finding, evaluate
from schemas.plan import HISTORY_TABLE, Plan
from schemas.review import ReviewDraft
from schemas.rules.history import stored_chain, stored_ledger
from store import ChangeRefused, PlanChangedOnDisk, PlanError, PlanStore
from tui.tabs import TAB_IDS
from tui.words import count

READ_ONLY_MESSAGE = "The plan is open read-only; nothing was changed."

NOTHING_TO_UNDO = "Nothing to undo in this session; coach-rollout history shows earlier changes."
"""Undo reaches this session's changes only; the ones before are in the plan's history."""
NOTHING_TO_REDO = "Nothing to redo."


@dataclass(frozen=True)
class Result:
    """What became of an edit, an undo or a redo."""

    applied: bool
    """True once the change is in the plan (saved, or held in memory after a failed save)."""
    message: str
    """The summary when applied, else why not (empty when there was nothing to change)."""
    refused: bool = False
    """True when the plan refused it (read-only, an invalid value): an error to report."""


UNCHANGED = Result(applied=False, message="")
"""An edit that changed nothing: not an error, nothing to report."""


class PlanSession:
    """One open plan as the app works on it."""

    def __init__(self, store: PlanStore, today: date) -> None:
        self.store = store
        """The open plan file (or memory)."""
        self.today = today
        """The date rules and forms take as today."""
        self.findings: list[Finding] = []
        """Every finding of the current plan, the history chain's first (see ``refresh``)."""
        self.chain: list[Finding] = []
        """What verifying the stored history found (``verify_chain``)."""
        self.review: ReviewDraft | None = None
        """The stage review meeting in progress: not in the plan until it is finished or kept."""
        self._stale: set[str] = set()

    @property
    def plan(self) -> Plan:
        """The current plan."""
        return self.store.plan

    @property
    def read_only(self) -> bool:
        """True when the plan cannot be changed in this session."""
        return self.store.read_only

    @property
    def save_error(self) -> str | None:
        """Why the latest edit is not on disk, or None."""
        return self.store.save_error

    # -- findings and views --------------------------------------------------------

    def refresh(self) -> list[Finding]:
        """Compute the findings once for every view, and mark every view stale."""
        # The stored history's chain is verified once (verify_chain): every entry this
        # session adds extends it, so re-hashing thousands of entries per edit buys nothing.
        self.findings = self.chain + evaluate(self.plan, self.today, stored_history={})
        self._stale = set(TAB_IDS)
        return self.findings

    def verify_chain(self) -> bool:
        """Check the stored history's hash chain; True if that found something."""
        tables = self.store.tables()
        # A file's ledger is replayed against its stored records (a history removed whole is
        # found too); a plan made in memory has no first entry holding the whole plan.
        if self.store.path is not None:
            self.chain = stored_ledger(self.plan, tables)
        else:
            self.chain = stored_chain(self.plan, tables.get(HISTORY_TABLE, {}))
        if self.chain:
            self.refresh()
        return bool(self.chain)

    def take_stale(self, tab_id: str) -> bool:
        """True (once) if the view of ``tab_id`` has not shown the latest plan."""
        stale = tab_id in self._stale
        self._stale.discard(tab_id)
        return stale

    # -- changing the plan -----------------------------------------------------------

    def apply(self, edit: PlanEdit) -> Result:
        """Apply ``edit`` as one recorded action; the findings follow."""
        if edit.empty:
            return UNCHANGED
        if self.read_only:
            return Result(False, READ_ONLY_MESSAGE, refused=True)
        try:
            entry = self.store.apply(edit.action, edit.changes, edit.summary, edit.reason)
        except ChangeRefused as exc:
            return Result(False, exc.message, refused=True)
        if entry is None:
            return UNCHANGED
        self.refresh()
        return Result(True, edit.summary)

    def undo(self) -> Result:
        """Undo the latest change of this session (recorded as a change itself)."""
        return self._step(undo=True)

    def redo(self) -> Result:
        """Redo the latest undone change (recorded as a change itself)."""
        return self._step(undo=False)

    def _step(self, *, undo: bool) -> Result:
        if self.read_only:
            return Result(False, READ_ONLY_MESSAGE, refused=True)
        if not (self.store.can_undo if undo else self.store.can_redo):
            return Result(False, NOTHING_TO_UNDO if undo else NOTHING_TO_REDO)
        try:
            entry = self.store.undo() if undo else self.store.redo()
        except ChangeRefused as exc:
            return Result(False, exc.message, refused=True)
        self.refresh()
        return Result(True, entry.summary if entry else ("Undone." if undo else "Redone."))

    def import_observations(self, path: Path) -> Result:
        """Import an observations CSV into the current pilot: all rows or none, one undoable action.

        The same import as ``coach-rollout import-observations``; a refusal names each line and
        field at fault, one per line.
        """
        from store.observations import ImportRefused, import_observations, read_observations

        if self.read_only:
            return Result(False, READ_ONLY_MESSAGE, refused=True)
        try:
            entry, _pilot = import_observations(self.store, read_observations(path), path)
        except ImportRefused as exc:
            lines = [exc.message, *(error.text(exc.name) for error in exc.errors)]
            return Result(False, "\n".join(lines), refused=True)
        except (PlanError, ChangeRefused) as exc:
            return Result(False, exc.message, refused=True)
        self.refresh()
        return Result(True, entry.summary)

    def retry_save(self) -> bool:
        """Try the failed save again; True once the plan is on disk."""
        return self.store.retry_save()

    @property
    def conflict(self) -> PlanChangedOnDisk | None:
        """Why the latest save was refused when another writer changed the file; None otherwise."""
        return self.store.conflict

    def reload(self) -> Result:
        """Take the file as it is now, dropping the edits not saved; say what was new in it."""
        try:
            new = self.store.reload()
        except PlanError as exc:
            return Result(False, exc.message, refused=True)
        self.refresh()
        name = self.store.path.name if self.store.path else "the plan"
        return Result(True, f"Reloaded {name}: {count(len(new), 'change')} by another writer.")

    def save_as(self, path: Path) -> Result:
        """Write the plan as held here, unsaved edits included, to a new file and go on there."""
        try:
            self.store.save_as(path)
        except PlanError as exc:
            return Result(False, exc.message, refused=True)
        return Result(True, f"Saved as {path}; the app now works on that file.")
