"""Does today's history extend an earlier copy's, entry for entry?

A verified chain cannot show that its newest entries were cut off or rewritten: the
chain of what is left still verifies. Only an earlier copy can: each of its entries must
be in today's history, at the same place, with the same hash (which covers the content).
"""

from __future__ import annotations

from schemas.history import entry_id, seq_of
from schemas.ledger import Break, Doc
from schemas.text import visible


def extension_break(earlier: list[Doc], today: list[Doc]) -> Break | None:
    """The first of ``earlier``'s entries that ``today`` lacks or holds otherwise; None if it extends it.

    Both lists are verified chains in seq order.
    """
    by_seq = {seq_of(entry): entry for entry in today}
    for entry in earlier:
        seq = seq_of(entry)
        now = by_seq.get(seq)
        if now is None:
            return _missing(earlier, entry, today)
        if now.get("hash") != entry.get("hash"):
            return Break(
                f"history/{entry_id(seq)}",
                f"History entry {seq} differs from the earlier copy's: it was {_about(entry)} and is now "
                f"{_about(now)}: the history was rewritten from there.",
                seq,
            )
    return None


def _missing(earlier: list[Doc], first: Doc, today: list[Doc]) -> Break:
    seq, last = seq_of(first), seq_of(earlier[-1])
    which = f"entry {seq}" if seq == last else f"entries {seq} to {last}"
    ends = f"ends at entry {seq_of(today[-1])}" if today else "is empty"
    return Break(
        f"history/{entry_id(seq)}",
        f"The history {ends}, but the earlier copy has {which} (from {_about(first)}): they were removed.",
        seq,
    )


def _about(entry: Doc) -> str:
    """An entry in words: its date and summary."""
    return f'{str(entry.get("at", "?"))[:10]}, "{visible(str(entry.get("summary", "?")))}"'
