"""Every symbol review mode and its actions draw, with its ASCII stand-in, in one place.

Words always say the same as the symbol, so a terminal that cannot draw it loses nothing.
"""

from __future__ import annotations

from typing import Any

from schemas.enums import ReviewOutcome
from tui import glyphs

SYMBOLS: dict[str, tuple[str, str]] = {
    ReviewOutcome.ACCEPTED: ("✓", "+"),
    ReviewOutcome.CHANGES_REQUESTED: ("✎", "*"),
    "not_reviewed": ("·", "-"),
    "overdue": ("!", "!"),
    "open": (" ", " "),
    "bullet": ("•", "-"),
    "dot": ("·", "-"),
    "draft": ("◆", "#"),
}
"""Name -> (symbol, ASCII stand-in)."""


def plain(app: Any) -> bool:
    """True where symbols are drawn in ASCII: the app's one switch (``tui.glyphs``), or NO_COLOR."""
    return glyphs.is_ascii() or bool(getattr(app, "no_color", False))


def sym(name: str, ascii_only: bool) -> str:
    """The symbol called ``name``, in ASCII when asked."""
    fancy, simple = SYMBOLS[name]
    return simple if ascii_only else fancy
