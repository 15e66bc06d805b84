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
    docs: list[dict[str, Any]] | None = None,
) -> HistoryEntry:
    """The entry after ``last`` recording ``edits``; ``texts`` is (summary, reason).

    ``at`` is now unless given (a merge keeps the time of the entries it replays). ``docs``
    are the edits as stored (``edit_docs``), when the caller has them already.
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
        "edits": [],
        "undoes": undoes,
        "prev_hash": prev,
        "chain": CHAIN,
    }
    try:
        # The edits are Edit models already: validating thousands of them again (an
        # import) would cost more than the save.
        draft = HistoryEntry.model_validate({**content, "hash": ""})
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"])
        raise ChangeRefused(f"Not saved: the {field} of this change: {error['msg']}") from None
    body = draft.model_dump(mode="json")
    body["edits"] = edit_docs(edits) if docs is None else docs
    return draft.model_copy(update={"edits": list(edits), "hash": entry_hash(body, prev)})


def edit_docs(edits: list[Edit]) -> list[dict[str, Any]]:
    """Edits as stored: what ``model_dump(mode="json")`` gives each, at a fraction of its cost."""
    return [
        {"table": e.table, "key": e.key, "field": e.field, "before": e.before, "after": e.after}
        for e in edits
    ]


def history_doc(entry: HistoryEntry, docs: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The document stored for an entry (its id is the key); ``docs`` as for ``new_entry``."""
    doc = entry.model_dump(mode="json", exclude={"id", "edits"})
    doc["edits"] = edit_docs(entry.edits) if docs is None else docs
    return doc


def os_user() -> str:
    """The operating system's user name, or ``unknown``."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
