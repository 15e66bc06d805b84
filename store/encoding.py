"""The plan's file bytes: deterministic, and re-encoded only where a record changed."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

import orjson

Tables = dict[str, dict[str, Any]]
OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
_NESTED = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2


def encode(tables: Tables) -> bytes:
    """Deterministic bytes of a plan: sorted keys, two-space indent, final newline."""
    return orjson.dumps(tables, option=OPTIONS)


@dataclass
class _Kept:
    """What is kept of one table: its ids in file order and each record's bytes.

    A table encoded whole keeps only ``joined`` until one of its records changes:
    a command that saves once and exits never pays for cutting it into pieces.
    """

    order: list[str]
    pieces: list[bytes]
    stale: set[str] = field(default_factory=set)
    joined: bytes | None = None


class Encoder:
    """Produces exactly ``encode(tables)``, keeping each record's bytes between saves.

    Re-encoding a whole large plan costs more than writing it durably; one edit
    changes one record and appends one history entry, so only those are encoded again.
    The storage reports every change through ``forget``; anything it cannot name
    precisely makes the whole table count as changed.
    """

    def __init__(self) -> None:
        self._kept: dict[str, _Kept] = {}

    def forget(self, table: str, key: str | None = None, *, present: bool = True) -> None:
        """Note that record ``key`` (None: any record) of ``table`` changed.

        ``present`` says whether the record is in the table now (False once removed).
        """
        kept = self._kept.get(table)
        if kept is None:
            return
        if key is None or not key.isascii():
            del self._kept[table]
            return
        if kept.joined is not None and len(kept.pieces) != len(kept.order):
            pieces = _split(kept.joined, len(kept.order))
            if pieces is None:
                del self._kept[table]
                return
            kept.pieces = pieces
        kept.joined = None
        at = bisect.bisect_left(kept.order, key)
        listed = at < len(kept.order) and kept.order[at] == key
        if present and not listed:
            kept.order.insert(at, key)
            kept.pieces.insert(at, b"")
        elif listed and not present:
            del kept.order[at]
            del kept.pieces[at]
        if present:
            kept.stale.add(key)
        else:
            kept.stale.discard(key)

    def clear(self) -> None:
        """Forget everything (the tables were replaced whole)."""
        self._kept.clear()

    def encode(self, tables: Tables) -> bytes:
        """The bytes ``encode(tables)`` would give."""
        if not tables:
            return encode(tables)
        # One join at the end: every intermediate copy of a 7 MB plan costs as much as
        # encoding a table again (fresh pages, then memcpy).
        parts = [b"{\n"]
        for name in sorted(tables):
            parts += [b"  ", orjson.dumps(name), b": ", *self._table(name, tables[name]), b",\n"]
        parts[-1] = b"\n}\n"
        return b"".join(parts)

    def _table(self, name: str, docs: Any) -> tuple[bytes, ...]:
        kept = self._kept.get(name)
        if kept is None:
            if not _simple(docs):
                return (_nested(docs, "  "),)
            whole = _nested(docs, "  ")
            if not docs:
                return (whole,)
            kept = self._kept[name] = _Kept(sorted(docs), [], joined=whole[2:-4])
        if not kept.order:
            return (b"{}",)
        if kept.joined is None:
            for key in kept.stale:
                kept.pieces[bisect.bisect_left(kept.order, key)] = _piece(key, docs[key])
            kept.stale.clear()
            kept.joined = b",\n".join(kept.pieces)
        return b"{\n", kept.joined, b"\n  }"


def _simple(docs: Any) -> bool:
    """True for a table kept record by record: ASCII ids (sorted as orjson sorts them)."""
    try:
        return isinstance(docs, dict) and all(map(str.isascii, docs))
    except TypeError:  # a key that is not text
        return False


def _split(joined: bytes, records: int) -> list[bytes] | None:
    """Cut one encoded table into its ``records`` pieces, or None if it does not cut so.

    One orjson call for a table beats thousands. Records sit at exactly four spaces
    of indent and strings hold no raw line breaks, so a record starts wherever a
    line at that indent starts with a quote.
    """
    pieces = joined.split(b',\n    "')
    if len(pieces) != records:
        return None
    return [pieces[0], *(b'    "' + piece for piece in pieces[1:])]


def _piece(key: str, doc: Any) -> bytes:
    """One record as it appears inside its table."""
    return b"    " + orjson.dumps(key) + b": " + _nested(doc, "    ")


def _nested(value: Any, indent: str) -> bytes:
    """``value`` as it appears inside the file, ``indent`` deep."""
    return orjson.dumps(value, option=_NESTED).replace(b"\n", b"\n" + indent.encode())
