"""Changes to a plan and the hash-chained history that records them."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Annotated, Any, Literal

import orjson
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from schemas.text import Key, Line, Recorded, RecordId

GENESIS = "0" * 64
"""The ``prev_hash`` of the first history entry."""

Action = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_.-]{0,63}$")]
"""An action's name: lower case letters, digits, dots, dashes and underscores."""


class Put(BaseModel):
    """Add a record, or replace it whole."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    op: Literal["put"] = "put"
    table: str
    """The table, e.g. ``use_cases``."""
    record: dict[str, Any]
    """The record, with its ``id``."""


class Set(BaseModel):
    """Change one field of a record."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    op: Literal["set"] = "set"
    table: str
    """The table."""
    key: str
    """The record's id."""
    field: str
    """The field changed."""
    value: Any
    """The new value (validated by the record's model)."""


class Delete(BaseModel):
    """Remove a record."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    op: Literal["delete"] = "delete"
    table: str
    """The table."""
    key: str
    """The record's id."""


Change = Put | Set | Delete
"""What a caller asks the store to do."""


class Edit(BaseModel):
    """What a change did to one record: the before and after a history holds."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    table: Key
    """The table."""
    key: RecordId
    """The record's id."""
    field: Key | None = None
    """The field; None when the whole record was added or removed."""
    before: Any = None
    """The value before (None for an added record), in its stored JSON form."""
    after: Any = None
    """The value after (None for a removed record), in its stored JSON form.

    ``Any`` rather than pydantic's ``JsonValue``: both come from JSON (the file, or
    ``model_dump(mode="json")`` in the store), and checking every value of thousands of
    entries again at each start would double what validating the history costs."""


class HistoryEntry(BaseModel):
    """One user action, as recorded; each carries the hash of the one before."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: RecordId
    """``h-<seq>``, the record's key in the history table."""
    seq: int = Field(ge=1, strict=True)
    """1, 2, 3... in order."""
    at: datetime
    """When the action was saved."""
    actor: Recorded
    """Who (the OS user name unless a display name is set)."""
    action: Action
    """The action's name, e.g. ``stage.complete`` or ``undo``."""
    summary: Recorded
    """What changed, in words."""
    reason: Line = ""
    """Why, where the action asks for a reason."""
    edits: list[Edit]
    """The record-level changes."""
    undoes: int | None = None
    """For undo and redo: the seq of the entry reverted or repeated."""
    prev_hash: str
    """The ``hash`` of the entry before (``GENESIS`` for the first)."""
    hash: str
    """sha256 over ``prev_hash`` and this entry's content."""
    chain: Literal[2] | None = None
    """2 when the hash covers the entry's id too (every entry written from format 4 on).

    None for older entries, which were hashed without their id; their id must still
    equal their ``seq``, which their hash covers. Stored chains keep verifying as they are."""


CHAIN = 2
"""The ``chain`` of entries written now: their hash covers their id."""


def entry_id(seq: int) -> str:
    """The id an entry must have: ``h-000001`` for seq 1."""
    return f"h-{seq:06d}"


def entry_hash(content: dict[str, Any], prev_hash: str) -> str:
    """Hash an entry's JSON content (less ``hash``) chained to ``prev_hash``.

    The id is hashed when the entry says ``chain: 2``; an entry without ``chain`` (or with
    null, as a model of an older entry dumps it) is hashed as it always was, without its id.
    The canonical form is orjson's compact output with sorted keys: UTF-8, no spaces.
    """
    body = {k: v for k, v in content.items() if k not in ("id", "hash")}
    if body.get("chain") is None:
        body.pop("chain", None)
    else:
        body["id"] = content.get("id")
    body["prev_hash"] = prev_hash
    try:
        canonical = orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # e.g. an integer beyond 64 bits, which no saved entry holds
        return ""
    return hashlib.sha256(canonical).hexdigest()


def first_broken(entries: list[dict[str, Any]]) -> int | None:
    """The seq of the first stored entry whose id or chain does not verify, or None."""
    prev = GENESIS
    for entry in sorted(entries, key=seq_of):
        if entry.get("id") != entry_id(seq_of(entry)):
            return seq_of(entry)
        if entry.get("prev_hash") != prev or entry_hash(entry, prev) != entry.get("hash"):
            return seq_of(entry)
        prev = str(entry["hash"])
    return None


def seq_of(entry: dict[str, Any]) -> int:
    """An entry's seq; 0 for one hand-edited into something that is not a number."""
    seq = entry.get("seq", 0)
    return seq if isinstance(seq, int) else 0
