"""conditions-locked: once a pilot runs, its conditions change only by recorded amendment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from schemas.enums import PilotStatus
from schemas.history import Edit, HistoryEntry
from schemas.plan import Plan
from schemas.records import Condition, Pilot
from schemas.rules.base import Finding, at, gap_severity, pilot_label
from schemas.scorecard import describe_condition

RULE = "conditions-locked"

SUBSTANCE = ("pilot", "kind", "metric", "comparison", "threshold", "wording", "locked")
"""The fields a locked condition may not change without a reason."""

_STARTED = (PilotStatus.RUNNING, PilotStatus.COMPLETED, PilotStatus.STOPPED)


def conditions_locked(plan: Plan, today: date) -> list[Finding]:
    """Conditions of a started pilot are locked, and no locked one changed without a reason."""
    pilots = {p.id: p for p in plan.pilots}
    current = {c.id: c for c in plan.conditions}
    found = []
    for condition in plan.conditions:
        pilot = pilots.get(condition.pilot)
        if pilot is not None and pilot.status in _STARTED and not condition.locked:
            found.append(_unlocked(condition, pilot))
    for key, (entry, pilot_id) in unexplained_changes(plan).items():
        pilot = pilots.get(pilot_id)
        if pilot is not None and not _amended_since(plan.history, key, entry.seq):
            found.append(_unexplained(key, entry, current.get(key), pilot))
    return found


def unexplained_changes(plan: Plan) -> dict[str, tuple[HistoryEntry, str]]:
    """Condition id -> the first entry that changed it while locked without a reason, and its pilot."""
    reasons = {entry.seq: entry.reason for entry in plan.history}
    locked = {c.id: c.locked for c in plan.conditions} | _initially_locked(plan.history)
    pilot_of = {c.id: c.pilot for c in plan.conditions}
    first: dict[str, tuple[HistoryEntry, str]] = {}
    for entry in plan.history:
        reason = entry.reason or (reasons.get(entry.undoes, "") if entry.undoes else "")
        for edit in entry.edits:
            if edit.table != "conditions":
                continue
            if isinstance(edit.before, dict):
                pilot_of.setdefault(edit.key, str(edit.before.get("pilot", "")))
            was_locked = locked.get(edit.key, False)
            if was_locked and not reason and _substantive(edit) and edit.key not in first:
                first[edit.key] = (entry, pilot_of.get(edit.key, ""))
            locked[edit.key] = _locked_after(edit, was_locked)
    return first


def _initially_locked(history: list[HistoryEntry]) -> dict[str, bool]:
    """Whether each condition was locked before its first recorded lock change or rewrite."""
    initial: dict[str, bool] = {}
    for entry in history:
        for edit in entry.edits:
            if edit.table != "conditions" or edit.key in initial:
                continue
            if edit.field == "locked":
                initial[edit.key] = bool(edit.before)
            elif edit.field is None:
                initial[edit.key] = isinstance(edit.before, dict) and bool(edit.before.get("locked"))
    return initial


def _substantive(edit: Edit) -> bool:
    """True if the edit changes what a condition says, or removes it."""
    if edit.field is not None:
        return edit.field in SUBSTANCE
    before = edit.before if isinstance(edit.before, dict) else {}
    after = edit.after if isinstance(edit.after, dict) else {}
    return bool(before) and any(before.get(name) != after.get(name) for name in SUBSTANCE)


def locked_change_refusal(plan: Plan, edits: Sequence[Edit], reason: str, *, replaying: bool = False) -> str:
    """Why ``edits`` may not be saved: they change or remove a locked condition of a started pilot
    other than as an amendment with a reason (an undo or redo carries the reason of what it repeats);
    '' when they may."""
    conditions = {c.id: c for c in plan.conditions}
    status = _status_after(plan, edits)
    amended = {e.key for e in edits if e.table == "conditions" and _sets_amendment(e)}
    for edit in edits:
        condition = conditions.get(edit.key) if edit.table == "conditions" else None
        if condition is None or not condition.locked or not _substantive(edit):
            continue
        if status.get(condition.pilot) not in _STARTED:
            continue  # the start itself undone: the pilot is in design again
        removal = edit.field is None and edit.after is None
        if reason and (replaying or (edit.key in amended and not removal)):
            continue
        pilot = next(p for p in plan.pilots if p.id == condition.pilot)
        where = at("conditions", condition.id)
        what = f'The {condition.kind.value} condition "{describe_condition(condition)}" ({where})'
        verb = (
            "cannot be removed"
            if removal
            else "changes only as an amendment with a reason (tab 7 Pilot, key a)"
        )
        return f"Not saved: {what} of {pilot_label(pilot)} is locked since the pilot started: it {verb}."
    return ""


def _status_after(plan: Plan, edits: Sequence[Edit]) -> dict[str, PilotStatus | None]:
    """Each pilot's status once ``edits`` are made (None for a pilot they remove)."""
    status: dict[str, PilotStatus | None] = {p.id: p.status for p in plan.pilots}
    for edit in edits:
        if edit.table != "pilots":
            continue
        if edit.field == "status":
            status[edit.key] = PilotStatus(edit.after)
        elif edit.field is None:
            after = edit.after if isinstance(edit.after, dict) else None
            status[edit.key] = PilotStatus(after.get("status", "design")) if after else None
    return status


def _locked_after(edit: Edit, was_locked: bool) -> bool:
    if edit.field == "locked":
        return bool(edit.after)
    if edit.field is None:
        return isinstance(edit.after, dict) and bool(edit.after.get("locked"))
    return was_locked


def _amended_since(history: list[HistoryEntry], key: str, seq: int) -> bool:
    """True if an amendment reason was recorded on the condition at or after ``seq``."""
    for entry in history:
        if entry.seq < seq:
            continue
        for edit in entry.edits:
            if edit.table == "conditions" and edit.key == key and _sets_amendment(edit):
                return True
    return False


def _sets_amendment(edit: Edit) -> bool:
    if edit.field == "amendment":
        return bool(edit.after)
    return edit.field is None and isinstance(edit.after, dict) and bool(edit.after.get("amendment"))


def _unlocked(condition: Condition, pilot: Pilot) -> Finding:
    state = "is running" if pilot.status is PilotStatus.RUNNING else "has started"
    return Finding(
        rule=RULE,
        severity=gap_severity(pilot),
        stage=5,
        entity=at("conditions", condition.id),
        message=f'The {condition.kind.value} condition "{describe_condition(condition)}" is not locked, '
        f"although {pilot_label(pilot)} {state}.",
        fix="Lock the pilot's conditions; from then on change them only by an amendment with a reason.",
    )


def _unexplained(key: str, entry: HistoryEntry, condition: Condition | None, pilot: Pilot) -> Finding:
    what = f'"{describe_condition(condition)}"' if condition else f"{key} (since removed)"
    return Finding(
        rule=RULE,
        severity=gap_severity(pilot),
        stage=5,
        entity=at("conditions", key),
        message=f"The locked condition {what} of {pilot_label(pilot)} was changed on "
        f"{entry.at.date().isoformat()} (history entry {entry.seq}) without a recorded reason.",
        fix="Record the amendment: write why the condition changed in its amendment field, "
        "or change it back.",
    )
