"""When the app draws ASCII, and what it draws then (tui.glyphs, no Textual)."""

from __future__ import annotations

import pytest

from schemas.enums import Severity
from tui import glyphs
from tui.words import SEVERITY, cut, shorten


@pytest.mark.parametrize(
    ("env", "legacy", "ascii_only"),
    [
        ({"TERM": "xterm-256color", "LANG": "en_US.UTF-8"}, False, False),
        ({"TERM": "tmux-256color", "LANG": "C.UTF-8"}, False, False),
        ({"TERM": "screen", "LC_ALL": "de_DE.utf8@euro"}, False, False),
        ({"TERM": "linux", "LANG": "en_US.UTF-8"}, False, True),  # the console's font, whatever the locale
        ({"TERM": "linux-16color", "LANG": "C.UTF-8"}, False, True),
        ({"TERM": "xterm", "LANG": "C"}, False, True),
        ({"TERM": "xterm", "LANG": "POSIX"}, False, True),
        ({"TERM": "xterm", "LANG": "en_US.ISO-8859-1"}, False, True),
        ({"TERM": "xterm"}, False, True),  # no locale at all is the C locale
        ({"TERM": "xterm", "LANG": "en_US.UTF-8", "LC_ALL": "C"}, False, True),  # LC_ALL wins
        ({"TERM": "xterm", "LANG": "C", "LC_CTYPE": "en_GB.UTF-8"}, False, False),  # then LC_CTYPE
        ({"TERM": "xterm", "LC_CTYPE": "C", "LANG": "en_US.UTF-8"}, False, True),
        # Started under LANG=C, Python set LC_CTYPE=C.UTF-8 itself (PEP 538): the user's LANG decides.
        ({"TERM": "xterm", "LANG": "C", "LC_CTYPE": "C.UTF-8"}, True, True),
        ({"TERM": "xterm", "LANG": "en_US.UTF-8", "LC_CTYPE": "C.UTF-8"}, True, False),
        ({"TERM": "xterm", "LANG": "C", "LC_CTYPE": "C.UTF-8"}, False, False),  # set by the user
    ],
)
def test_ascii_on_the_console_and_under_a_locale_that_is_not_utf8(
    env: dict[str, str], legacy: bool, ascii_only: bool
) -> None:
    assert glyphs.needs_ascii(env, legacy_locale=legacy) is ascii_only


def test_every_symbol_has_a_plain_ascii_form() -> None:
    for glyph in glyphs.GLYPHS:
        assert not glyph.unicode.isascii() and glyph.ascii.isascii() and glyph.ascii.strip()


def test_symbols_follow_the_mode_when_drawn() -> None:
    assert f"{glyphs.BLOCKING} {SEVERITY[Severity.BLOCKING][1]}" == "✗ BLOCKING"
    glyphs.use_ascii(True)
    assert f"{glyphs.BLOCKING} {SEVERITY[Severity.BLOCKING][1]}" == "x BLOCKING"
    assert SEVERITY[Severity.BLOCKING] == ("x", "BLOCKING")
    assert glyphs.plain("✓ done — see ⏎ and “quotes”, café") == '+ done - see enter and "quotes", cafe'


def test_a_cut_text_ends_in_the_ellipsis_of_the_mode() -> None:
    assert cut("Define Permitted Use Cases", 30) == "Define Permitted Use Cases"
    assert cut("Define Permitted Use Cases", 12) == "Define Perm…"
    assert shorten("Decide to expand, modify or stop\nsecond line", 20) == "Decide to expand, m…"
    assert cut("Stage 1: Define Permitted Use Cases", 2) == "S…"
    glyphs.use_ascii(True)
    assert cut("Define Permitted Use Cases", 12) == "Define Pe..."
    assert cut("Define", 2) == ".."


def test_the_last_guard_keeps_every_cell_and_leaves_only_ascii() -> None:
    drawn = "╭─╮│┏━┓┃▊▔▁ …⏎🔎é✓·"
    safe = glyphs.to_ascii_cells(drawn)
    assert safe.isascii()
    assert len(safe) == glyphs.cells(drawn)  # the emoji takes two cells, so two characters
    assert safe.startswith("+-+|+=+|")  # a heavy (focused) frame stays apart from a light one
    assert glyphs.to_ascii_cells("\x1b[1;1Hplain") == "\x1b[1;1Hplain"
