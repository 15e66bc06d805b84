"""Bounds on what a plan or export file may hold, checked as it is read.

A hand-edited or hostile file must be refused with one line, never crash a command later:
a value nested hundreds deep makes serialisation fail (orjson stops at 254 levels, pydantic
near there, the interpreter's recursion at about 1,000), and a huge file exhausts memory.
Records' texts are bounded by their models (at most 4,000 characters) and history entries'
words by theirs; what no model types, the values a history edit holds, is bounded by the
nesting depth here and by the file's size.
"""

from __future__ import annotations

from typing import Any

import orjson

MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest file read (the benchmarks' large plan, 20,000 observations, is about 14 MB)."""

MAX_RECORDS = 500_000
"""The most records one table (or one list of an export) may hold."""

MAX_DEPTH = 240
"""How deep a file may nest: below orjson's 254 with room for the levels an export adds."""

_ORJSON_DEPTH = 254
"""The deepest value ``orjson.dumps`` writes."""

_NAMED_LEVELS = 6
"""How far down a refusal names the place: far enough for ``history/h-1, field edits.0.before``."""


def too_large(size: int) -> str | None:
    """Why a file of ``size`` bytes is not read, or None."""
    if size <= MAX_FILE_BYTES:
        return None
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    return f"the file is {size // (1024 * 1024)} MB, larger than any plan (the limit is {megabytes} MB)"


def too_many(count: int) -> str | None:
    """Why a table of ``count`` records is refused, or None."""
    return f"holds {count:,} records, more than {MAX_RECORDS:,}" if count > MAX_RECORDS else None


def too_deep(value: Any, levels: int = _NAMED_LEVELS, *, export: bool = False) -> list[str | int] | None:
    """The path (at most ``levels`` long) to the part of ``value`` nested past ``MAX_DEPTH``, or None.

    An ``export`` holds the history as a list under ``plan``: one level more than a plan file,
    so that every plan this reads can be exported and read back.

    One ``orjson.dumps`` of the whole value, wrapped in as many lists as the margin, settles it
    (about 14 ms on the large plan, a walk in Python takes seven times that); only when it fails
    is the value searched, a few levels down, for the place to name.
    """
    start = -1 if export else 0
    if _fits(value, start):
        return None
    path: list[str | int] = []
    node = value
    while isinstance(node, (dict, list)) and len(path) < levels:
        items = node.items() if isinstance(node, dict) else enumerate(node)
        step = next(((key, item) for key, item in items if not _fits(item, start + len(path) + 1)), None)
        if step is None:
            break
        path.append(step[0])
        node = step[1]
    return path


def _fits(value: Any, depth: int) -> bool:
    """True if ``value``, found ``depth`` levels down, ends within ``MAX_DEPTH``."""
    wrapped = value
    for _ in range(_ORJSON_DEPTH - MAX_DEPTH + depth):
        wrapped = [wrapped]
    try:
        orjson.dumps(wrapped)
    except TypeError:
        return False
    return True
