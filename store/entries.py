"""Build history entries: one per action, each chained to the one before."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from schemas.history import CHAIN, GENESIS, Edit, HistoryEntry, entry_hash, entry_id
from store.errors import ChangeRefused


def new_entry(
    last: HistoryEntry | None,
    actor: str,
    action: str,
    edits: list[Edit],
    texts: tuple[str, str],
    undoes: int | None,
    at: datetime | None = None,
) -> HistoryEntry:
    """The entry after ``last`` recording ``edits``; ``texts`` is (summary, reason).

    ``at`` is now unless given (a merge keeps the time of the entries it replays).
    """
    seq = (last.seq + 1) if last else 1
    prev = last.hash if last else GENESIS
    summary, reason = texts
    content = {
        "id": entry_id(seq),
        "seq": seq,
        "at": (at or datetime.now(UTC)).isoformat(timespec="microseconds").replace("+00:00", "Z"),
        "actor": actor or os_user(),
        "action": action,
        "summary": summary,
        "reason": reason,
        "edits": [e.model_dump(mode="json") for e in edits],
        "undoes": undoes,
        "prev_hash": prev,
        "chain": CHAIN,
    }
    try:
        draft = HistoryEntry.model_validate({**content, "hash": ""})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise ChangeRefused(f"Not saved: the {field} of this change: {error['msg']}") from None
    return draft.model_copy(update={"hash": entry_hash(draft.model_dump(mode="json"), prev)})


def history_doc(entry: HistoryEntry) -> dict[str, Any]:
    """The document stored for an entry (its id is the key)."""
    return entry.model_dump(mode="json", exclude={"id"})


def os_user() -> str:
    """The operating system's user name, or ``unknown``."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
