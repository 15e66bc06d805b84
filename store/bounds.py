"""Bounds on what a plan or export file may hold, checked as it is read.

A hand-edited or hostile file must be refused with one line, never crash a command later:
a value nested hundreds deep makes serialisation (and Python's own recursion) fail, a
number past 64 bits cannot be written back, and a huge file or text exhausts memory.
Typed records are bounded by their models; what this module walks is what no model types:
the values a history edit holds, and anything the file holds that orjson cannot write again.
"""

from __future__ import annotations

from typing import Any

import orjson

MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest file read (the benchmarks' large plan, 20,000 observations, is under 7 MB)."""

MAX_RECORDS = 500_000
"""The most records one table (or one list of an export) may hold."""

MAX_DEPTH = 32
"""How deep a value inside a history edit may nest (a whole record is a few levels)."""

MAX_TEXT = 100_000
"""The longest text inside a history edit, in characters (record texts stop at 4,000)."""

MAX_ITEMS = 1_000_000
"""The most items (list entries and fields) one history edit's values may hold in all."""


def too_large(size: int) -> str | None:
    """Why a file of ``size`` bytes is not read, or None."""
    if size <= MAX_FILE_BYTES:
        return None
    megabytes = MAX_FILE_BYTES // (1024 * 1024)
    return f"the file is {size // (1024 * 1024)} MB, larger than any plan (the limit is {megabytes} MB)"


def too_many(count: int) -> str | None:
    """Why a table of ``count`` records is refused, or None."""
    return f"holds {count:,} records, more than {MAX_RECORDS:,}" if count > MAX_RECORDS else None


def edit_problem(edits: Any) -> str | None:
    """Where and why the ``edits`` of one history entry are refused, or None.

    The answer names the field inside the entry, e.g. ``edits.0.before: nested more than 32 deep``.
    """
    if not isinstance(edits, list):
        return None  # the entry's model names a wrong type
    budget = [MAX_ITEMS]
    for index, edit in enumerate(edits):
        if not isinstance(edit, dict):
            continue
        for side in ("before", "after"):
            value = edit.get(side)
            if isinstance(value, (dict, list, str, int)):
                problem = value_problem(value, budget)
                if problem is not None:
                    return f"edits.{index}.{side}: {problem}"
    return None


def value_problem(value: Any, budget: list[int] | None = None) -> str | None:
    """Why one stored value is out of bounds (depth, text, numbers, size), or None.

    Walks with an explicit stack: the point is to refuse what recursion would choke on.
    """
    left = budget if budget is not None else [MAX_ITEMS]
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, str):
            if len(node) > MAX_TEXT:
                return f"a text longer than {MAX_TEXT:,} characters"
        elif isinstance(node, int):
            if not -(2**63) <= node < 2**64:
                return "a number too large to store"
        elif isinstance(node, (dict, list)):
            if depth >= MAX_DEPTH:
                return f"nested more than {MAX_DEPTH} levels deep"
            left[0] -= len(node)
            if left[0] < 0:
                return f"more than {MAX_ITEMS:,} values"
            items = node.values() if isinstance(node, dict) else node
            stack.extend((item, depth + 1) for item in items)
    return None


def unwritable(value: Any) -> list[str | int] | None:
    """The path to the first part of ``value`` orjson could not write back, or None.

    One ``dumps`` of the whole file (a few milliseconds on the large plan) rules out what
    the models let through but a save cannot hold, such as an integer past 64 bits; only
    when it fails is the value searched, a few levels down, for the part to name.
    """
    if _writable(value):
        return None
    path: list[str | int] = []
    node = value
    while isinstance(node, (dict, list)) and len(path) < _NAMED_LEVELS:
        items = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
        step = next(((key, item) for key, item in items if not _writable(item)), None)
        if step is None:
            break
        path.append(step[0])
        node = step[1]
    return path


_NAMED_LEVELS = 4
"""How deep a path to an unwritable value goes: far enough to name the record and field."""


def _writable(value: Any) -> bool:
    try:
        orjson.dumps(value)
    except TypeError:
        return False
    return True
