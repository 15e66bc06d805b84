"""Validated user text: trimmed, bounded, free of control characters."""

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


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """``text`` with every control character escaped (``\\x1b``), safe to print on a terminal."""
    if text.isprintable():  # the common case, checked in C
        return text
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
