"""Validated user text: trimmed, bounded, free of control characters; and text made safe to print."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, StringConstraints

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _one_line(value: str) -> str:
    """Refuse control characters, line breaks included."""
    if value.isprintable():  # the common case, checked in C
        return value
    if _CONTROL_ONE_LINE.search(value):
        raise ValueError("must be one line without control characters")
    return value


def _multi_line(value: str) -> str:
    """Refuse control characters other than line breaks and tabs."""
    if value.isprintable():  # the common case, checked in C
        return value
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=120),
    AfterValidator(_one_line),
]
"""A required one-line name (1-120 characters)."""

Line = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=300),
    AfterValidator(_one_line),
]
"""An optional one-line text (empty allowed, at most 300 characters)."""

Recorded = Annotated[
    str,
    StringConstraints(max_length=1000),
    AfterValidator(_one_line),
]
"""One line kept exactly as given (a history entry's hash covers it), at most 1,000 characters."""

Prose = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=4000),
    AfterValidator(_multi_line),
]
"""Multi-line text (empty allowed, at most 4,000 characters)."""

Key = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,47}$"),
]
"""A stable machine key: lower case letters, digits and underscores."""

RecordId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,63}$"),
]
"""A stable record id such as ``uc-3`` or ``stage-1``."""


_MARKS = r"\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSEEN = re.compile(rf"[\x00-\x1f{_MARKS}]")
"""Characters a terminal acts on instead of showing: C0 and C1 controls (escape sequences
start with them), line and paragraph separators, and the bidirectional overrides that
reorder what a reader sees."""
_UNSEEN_BUT_LINES = re.compile(rf"[\x00-\x08\x0b-\x1f{_MARKS}]")
"""The same, less line breaks and tabs (multi-line text)."""


def visible(text: str, *, lines: bool = False) -> str:
    """``text`` with every control character written out (``\\x1b``), safe to print.

    With ``lines``, line breaks and tabs are kept as they are (multi-line text).
    """
    if text.isprintable():  # the common case, checked in C
        return text
    pattern = _UNSEEN_BUT_LINES if lines else _UNSEEN
    return pattern.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
