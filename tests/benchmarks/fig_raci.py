"""Figure: key press to screen update in the RACI grid of the large plan (50 roles by 200 activities).

The app and a minimal Textual app run in real pseudo-terminals (see ``keypress``); a sample
is the time from writing a key until the bytes that show what it changed have come out.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import TARGETS, Figure, private_copy, raw_durable_writes
from keypress import Pty, interleave, minimal_app

MOVES = 40
"""Cursor moves measured in each direction pair (down then up; right then left)."""
LETTERS = 20
"""Letters set (each one edit saved durably)."""
START_ROW = 100
"""The vertical moves start at this activity."""
SPONSOR = 6
"""The large plan's executive sponsor is Role 6 (the status line says so after the name)."""


def figures(large: Path) -> list[Figure | str]:
    """Cursor moves and letters in the grid, each against the same key in the minimal app."""
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        app = Pty([sys.executable, "-m", "tui", str(plan)])
        base = Pty([sys.executable, "-c", minimal_app("jklhrc")])
        try:
            app.wait_for("Next:")
            app.child.send("6")
            app.wait_for("Roles 1-")
            base.wait_for("ready")
            across = interleave(app, base, _sideways, MOVES)
            app.child.send("j" * (START_ROW - 1))
            app.wait_for(f"· Activity {START_ROW}")
            down = interleave(app, base, _vertical, MOVES)
            letters = interleave(app, base, _letter, LETTERS)
        finally:
            app.close()
            base.close()
        raw = raw_durable_writes(plan, LETTERS)
    name = "key press to screen, RACI grid 50 roles x 200 activities, real pty"
    same = "minimal Textual app, same key"
    return [
        Figure(f"{name}: move down and up (j/k)", down[0], down[1], TARGETS["cursor"], same),
        Figure(f"{name}: move across the roles (l/h)", across[0], across[1], TARGETS["cursor"], same),
        Figure(
            f"{name}: set a letter by one key (r/c), saved durably, to the screen",
            letters[0],
            raw,
            TARGETS["edit-by-key"],
            "raw durable write of the plan's bytes",
        ),
    ]


def _vertical(n: int) -> tuple[str, str]:
    """The n-th move: down from activity 100 (the grid scrolls past a screenful), then back up.

    Three-digit numbers, so the awaited "· Activity 101" is never the start of another one.
    """
    half = MOVES // 2
    row = START_ROW + n + 1 if n < half else START_ROW + MOVES - n - 1
    return ("j" if n < half else "k"), f"· Activity {row}"


def _sideways(n: int) -> tuple[str, str]:
    """The n-th move: right across the first roles, then back (the status line names the role)."""
    half = MOVES // 2
    column = n + 2 if n < half else MOVES - n
    sponsor = column == SPONSOR
    return ("l" if n < half else "h"), f"Role {column}" + (" ⚑ executive sponsor:" if sponsor else ":")


def _letter(n: int) -> tuple[str, str]:
    """The n-th letter: R and C in turn on the cell under the cursor."""
    return ("r", ": R (responsible)") if n % 2 == 0 else ("c", ": C (consulted)")
