"""Three-way merge by replay (DESIGN section 9), the pure part: what each side changed, where they
conflict, and which of THEIRS' edits to replay onto OURS.

A side's changes are the field values it holds that differ from BASE's. Two sides conflict
only where both changed the same field of the same record to different values, where one
removed a record the other changed, or where both added a record under one id differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schemas.history import Change, Delete, Edit, Put, Set
from schemas.ledger import Doc, Tables, record_edits, shown
from schemas.text import visible

Where = tuple[str, str, str | None]
"""(table, record id, field); field None: the whole record."""

MOVING = {("plan", "plan", "updated")}
"""Fields every save changes: never a conflict, never replayed."""

NOT_REPLAYED = frozenset({"history.baseline", "schema.migrate", "plan.merge"})
"""Entries that record no user's change: each side has (or makes) its own."""

REMOVED = None
"""The value of a whole record a side removed."""


@dataclass(frozen=True)
class Conflict:
    """Both sides changed one place differently, or a replayed change was refused."""

    where: str
    """``table/record`` and the field, in words."""
    ours: str
    """OURS' value there, as shown."""
    theirs: str
    """THEIRS' value there, as shown."""
    refusal: str = ""
    """Why validation refused a replayed change (then ``ours`` and ``theirs`` are empty)."""

    def line(self) -> str:
        """The conflict in one line."""
        if self.refusal:
            return f"{self.where}: {self.refusal}"
        return f"{self.where}: ours {self.ours}, theirs {self.theirs}"


def side_changes(base: Tables, side: Tables) -> dict[Where, Any]:
    """Every field (or whole record) ``side`` holds differently from ``base``."""
    changed: dict[Where, Any] = {}
    for edit in record_edits(base, side):
        if edit.field is None and isinstance(edit.before, dict) and isinstance(edit.after, dict):
            for field in sorted(set(edit.before) | set(edit.after)):
                if edit.before.get(field) != edit.after.get(field):
                    changed[(edit.table, edit.key, field)] = edit.after.get(field)
        else:
            changed[(edit.table, edit.key, edit.field)] = edit.after
    return {where: value for where, value in changed.items() if where not in MOVING}


def conflicts(ours: dict[Where, Any], theirs: dict[Where, Any]) -> list[Conflict]:
    """Where the two sides' changes cannot both hold."""
    found: list[Conflict] = []
    ours_records = {(t, k) for t, k, _ in ours}
    for (table, key, field), value in theirs.items():
        where = visible(f"{table}/{key}") + (f", field {visible(field)}" if field else "")
        if (table, key, field) in ours and ours[(table, key, field)] != value:
            found.append(Conflict(where, _value(ours[(table, key, field)]), _value(value)))
        elif field is None and value is REMOVED and (table, key) in ours_records:
            found.append(Conflict(where, "changed it", _value(REMOVED)))
        elif field is not None and ours.get((table, key, None), "kept") is REMOVED:
            found.append(Conflict(where, _value(REMOVED), _value(value)))
    return found


def _value(value: Any) -> str:
    return "removed the record" if value is REMOVED else shown(value)


def replayed_changes(edits: list[Edit], ours: dict[Where, Any]) -> list[Change]:
    """THEIRS' recorded edits as changes to replay on OURS, field by field.

    A field OURS changed keeps OURS' value (the sides agree there, or THEIRS came back to
    BASE's); a record THEIRS replaced whole is replayed as the fields it changed, so OURS'
    changes to its other fields stay.
    """
    changes: list[Change] = []
    for edit in edits:
        if edit.field is None and isinstance(edit.before, dict) and isinstance(edit.after, dict):
            fields = sorted(f for f in edit.after if edit.before.get(f) != edit.after.get(f))
            changes += _sets(edit.table, edit.key, {f: edit.after[f] for f in fields}, ours)
        elif edit.field is not None:
            changes += _sets(edit.table, edit.key, {edit.field: edit.after}, ours)
        elif (edit.table, edit.key, None) not in ours:
            changes.append(_whole(edit.table, edit.key, edit.after))
    return changes


def _sets(table: str, key: str, values: Doc, ours: dict[Where, Any]) -> list[Change]:
    return [
        Set(table=table, key=key, field=field, value=value)
        for field, value in values.items()
        if (table, key, field) not in ours and (table, key, field) not in MOVING
    ]


def _whole(table: str, key: str, after: Any) -> Change:
    if after is None:
        return Delete(table=table, key=key)
    return Put(table=table, record={**after, "id": key})
