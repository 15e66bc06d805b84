"""Every symbol the app draws, each with an ASCII form for terminals that cannot show Unicode (no Textual).

The Linux console (``TERM=linux``) and a terminal run under a non-UTF-8 locale (``LANG=C``)
show ``✓ ◐ ⚑`` as garbage. :func:`needs_ascii` decides from the environment, the app calls
:func:`use_ascii` once at start, and every symbol drawn afterwards comes out as ASCII::

    f"{glyphs.BLOCKING} BLOCKING"      # '✗ BLOCKING', or 'x BLOCKING' on the console
    glyphs.plain(help_text)            # free text with symbols in it, made ASCII when needed

A :class:`Glyph` reads the mode each time it is turned into text, so a view never keeps a
symbol of the wrong mode. :func:`to_ascii_cells` is the last guard at the terminal: it
replaces any character still outside ASCII (plan text in other scripts, a symbol of Textual's
nobody foresaw) with ASCII of the same width, so the layout stays intact.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

K = TypeVar("K")

ASCII_TERMS = frozenset({"linux", "vt100", "vt102", "vt220", "ansi", "cons25"})
"""Terminals whose fonts have no Unicode symbols: the Linux and BSD consoles and the old VTs."""

COERCED_LOCALES = frozenset({"C.UTF-8", "C.utf8", "UTF-8"})
"""What Python itself puts in LC_CTYPE when it starts under the C locale (PEP 538)."""


class _Mode:
    """Whether the symbols drawn now are ASCII (set once when the app starts)."""

    ascii = False


def needs_ascii(env: Mapping[str, str], *, legacy_locale: bool = False) -> bool:
    """True when the terminal cannot be trusted with Unicode: a console, or a locale that is not UTF-8.

    The charset comes from the first of LC_ALL, LC_CTYPE and LANG that is set (POSIX order;
    none set means the C locale). ``legacy_locale`` is ``sys.flags.utf8_mode``: Python started
    under the C locale and may have set LC_CTYPE to C.UTF-8 itself, which says nothing about the
    terminal, so such a value is skipped.
    """
    term = env.get("TERM", "")
    if term in ASCII_TERMS or term.startswith("linux-"):
        return True
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = env.get(name, "")
        if name == "LC_CTYPE" and legacy_locale and value in COERCED_LOCALES:
            continue
        if value:
            return not _is_utf8(value)
    return True


def this_terminal_needs_ascii() -> bool:
    """:func:`needs_ascii` for the terminal this process runs in."""
    return needs_ascii(os.environ, legacy_locale=bool(sys.flags.utf8_mode))


def _is_utf8(locale_name: str) -> bool:
    """'en_US.UTF-8', 'C.utf8', 'de_DE.UTF-8@euro': the charset part names UTF-8."""
    charset = locale_name.partition(".")[2].partition("@")[0] or locale_name
    return charset.replace("-", "").lower() == "utf8"


def use_ascii(on: bool) -> None:
    """Draw every symbol as ASCII from now on (or as Unicode again)."""
    _Mode.ascii = on


def is_ascii() -> bool:
    """True while symbols are drawn as ASCII."""
    return _Mode.ascii


@dataclass(frozen=True)
class Glyph:
    """A symbol and its ASCII form; ``str()`` or an f-string gives the one of the current mode."""

    unicode: str
    """As drawn on a Unicode terminal."""
    ascii: str
    """As drawn on the console or under a non-UTF-8 locale."""

    def __str__(self) -> str:
        return self.ascii if _Mode.ascii else self.unicode


BLOCKING = Glyph("✗", "x")
"""A blocking finding; something missing or not attested."""
WARNING = Glyph("!", "!")
"""A warning."""
INFO = Glyph("i", "i")
"""An information."""
OK = Glyph("✓", "+")
"""Valid, complete, attested; also the 'permitted' status."""
WITH_CONTROLS = Glyph("◐", "~")
"""The 'permitted with controls' status."""
HUMAN = Glyph("●", "H")
"""The 'human-required' status."""
PROHIBITED = Glyph("✕", "X")
"""The 'prohibited' status."""
SPONSOR = Glyph("⚑", "*")
"""The executive sponsor and the decision it owns."""
ELLIPSIS = Glyph("…", "...")
"""The end of a cut text: there is more."""
DOT = Glyph("·", ".")
"""An empty RACI cell; a separator inside a line."""
BULLET = Glyph("•", "-")
"""A list item."""
DASH = Glyph("—", "-")
"""A dash between words."""
MARK = Glyph("◆", "*")
"""The app's mark in the title."""
ALERT = Glyph("⚠", "!")
"""A problem that needs attention now (a save that failed)."""
MORE_BELOW = Glyph("↓", "v")
"""More rows below those shown."""
MORE_ABOVE = Glyph("↑", "^")
"""More rows above those shown."""

GLYPHS: tuple[Glyph, ...] = (
    BLOCKING,
    OK,
    WITH_CONTROLS,
    HUMAN,
    PROHIBITED,
    SPONSOR,
    ELLIPSIS,
    DOT,
    BULLET,
    DASH,
    MARK,
    ALERT,
    MORE_BELOW,
    MORE_ABOVE,
)
"""Every symbol above that is not ASCII already."""

_TEXT_FORMS: dict[str, str] = {
    **{g.unicode: g.ascii for g in GLYPHS},
    "⏎": "enter",
    "→": "->",
    "←": "<-",
    "–": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "≥": ">=",
    "≤": "<=",
    "×": "x",
}
"""ASCII for symbols in free text (help, messages), where the text is laid out afterwards."""


class ByMode(Mapping[K, tuple[str, str]]):
    """A key's (symbol, word), the symbol in the current mode: ``SEVERITY[s]`` reads like a dict."""

    def __init__(self, entries: Mapping[K, tuple[Glyph, str]]) -> None:
        self._entries = dict(entries)

    def __getitem__(self, key: K) -> tuple[str, str]:
        glyph, word = self._entries[key]
        return str(glyph), word

    def __iter__(self) -> Iterator[K]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


def plain(text: str) -> str:
    """``text`` as it may be drawn now: unchanged on a Unicode terminal, else ASCII (laid out after)."""
    if not _Mode.ascii or text.isascii():
        return text
    return "".join(_TEXT_FORMS.get(char) or _letters(char) for char in text)


def _letters(char: str) -> str:
    """'é' -> 'e'; a character with no ASCII letters in it -> '?'."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
    return bare or "?"


@lru_cache(maxsize=4096)
def ascii_cell(char: str) -> str:
    """ASCII as wide as ``char`` on screen: the terminal's last guard, after the layout is done."""
    if char.isascii():
        return char
    wide = unicodedata.east_asian_width(char) in ("W", "F")
    if unicodedata.combining(char):
        return ""
    form = _TEXT_FORMS.get(char, "")
    one = form if len(form) == 1 else line_char(char) or (_letters(char)[:1] if not form else "~")
    return one * 2 if wide else one


@lru_cache(maxsize=512)
def line_char(char: str) -> str:
    """A line or block character as ASCII ('' for any other character).

    Corners and crossings '+', lines '-' and '|' ('=' for heavy and double lines), blocks
    '-' or '|' by the edge they sit on (the half blocks of Textual's 'tall' borders), a full
    block '#'. Spaces and ASCII stay as they are.
    """
    if char.isascii():
        return char
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        across = any(word in name for word in ("HORIZONTAL", "LEFT", "RIGHT"))
        down = any(word in name for word in ("VERTICAL", "UP", "DOWN"))
        if across and down:
            return "+"
        if across:
            return "=" if "HEAVY" in name or "DOUBLE" in name else "-"
        return "|"
    if "BLOCK" in name or "SHADE" in name:
        if name.startswith(("UPPER", "LOWER")):
            return "-"
        return "|" if name.startswith(("LEFT", "RIGHT")) else "#"
    return ""


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide characters two, combining marks none)."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(char) for char in text)


@lru_cache(maxsize=4096)
def _char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def to_ascii_cells(data: str) -> str:
    """Terminal output with every character outside ASCII replaced by ASCII of the same width."""
    if data.isascii():
        return data
    return "".join(ascii_cell(char) for char in data)
