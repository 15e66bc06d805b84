"""What Textual itself draws, in ASCII for a terminal that cannot show Unicode (``tui.glyphs``).

Our own symbols follow ``tui.glyphs``; this module turns Textual's into ASCII too, each in one
place, so every widget of every view (and of views still to come) is covered without a rule
of its own:

- borders: Textual draws every border type from one table of characters; in ASCII mode its
  line and block characters become ``+ - = |`` (heavy and double lines, the focused frames,
  become ``=``), the same for ``round``, ``tall`` (inputs, selects, buttons) and ``outer``
  (notifications). Textual's CSS ``ascii`` type alone would need a rule per widget, several
  of them against ``!important`` rules of Textual's own.
- scrollbars: drawn in whole cells (the thumb reversed) instead of eighth blocks;
- the driver: a last guard replaces anything still outside ASCII with ASCII of the same
  width just before it is written (plan text in other scripts, a symbol nobody foresaw).

The border table is Textual's (``textual._border``, a private module, pinned by our
``textual<9``); if it moves, the last guard still keeps the screen ASCII and the ASCII screen
test (``tests/tui/test_ascii.py``) says so.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.driver import Driver
from textual.scrollbar import ScrollBar, ScrollBarRender

from tui.glyphs import line_char, to_ascii_cells

try:  # Textual's table of border characters (see the module docstring)
    from textual import _border
except ImportError:  # pragma: no cover - a Textual without it: the driver's guard remains
    _border = None  # type: ignore[assignment]

_UNICODE_BORDERS: dict[Any, Any] = dict(_border.BORDER_CHARS) if _border is not None else {}
"""Textual's own border characters, to go back to."""


class AsciiScrollBarRender(ScrollBarRender):
    """A scrollbar in whole cells: the thumb is reversed blanks, no eighth blocks."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


def draw_ascii(on: bool) -> None:
    """Draw Textual's borders and scrollbars in ASCII from now on (or as Textual does again)."""
    ScrollBar.renderer = AsciiScrollBarRender if on else ScrollBarRender
    if _border is None:
        return
    for name, rows in _UNICODE_BORDERS.items():
        _border.BORDER_CHARS[name] = _ascii_box(rows) if on else rows
    _border.get_box.cache_clear()


def _ascii_box(rows: Any) -> Any:
    """Three rows of three border characters, each made ASCII."""
    return tuple(tuple(line_char(char) or char for char in row) for row in rows)


def ascii_driver(base: type[Driver]) -> type[Driver]:
    """``base`` writing nothing outside ASCII: the last guard of an ASCII terminal."""

    class AsciiDriver(base):  # type: ignore[valid-type, misc]
        """Writes each frame with every character outside ASCII replaced, cell for cell."""

        def write(self, data: str) -> None:
            super().write(to_ascii_cells(data))

    return AsciiDriver
