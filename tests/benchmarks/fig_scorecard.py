"""Figure: key press to screen update in the Scorecard's largest table on the large plan.

One metric's observations (1,818 of the large plan's 20,000, newest first) in a real 80x24
pseudo-terminal beside a minimal Textual app (see ``keypress``); the metric list itself is
walked with the other tabs' tables in ``fig_tabs``. A sample ends when the bytes that show
the newly selected observation's position have come out of the pty.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import TARGETS, Figure, private_copy
from keypress import Pty, interleave, minimal_app

MOVES = 40
"""Cursor moves measured in the observations: down past a screenful, then back up."""
LISTED = 1818
"""Observations of the first metric in the large plan (20,000 over eleven metrics)."""


def figures(large: Path) -> list[Figure | str]:
    """Cursor moves in one metric's observations, against the same key in the minimal app."""
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        app = Pty([sys.executable, "-m", "tui", str(plan)])
        base = Pty([sys.executable, "-c", minimal_app("jk")])
        try:
            app.wait_for("Next:")
            app.child.send("8")
            app.wait_for("20,000 observations")
            app.child.send("o")
            app.wait_for(f"Observation 1 of {LISTED:,}")
            base.wait_for("ready")
            moves = interleave(app, base, _move, MOVES)
        finally:
            app.close()
            base.close()
    name = f"key press to screen, Scorecard, one metric's {LISTED:,} of 20,000 observations, real pty"
    return [
        Figure(
            f"{name}: move the cursor", moves[0], moves[1], TARGETS["cursor"], "minimal Textual app, same key"
        )
    ]


def _move(n: int) -> tuple[str, str]:
    """Down the observations (the list scrolls past a screenful), then back up."""
    half = MOVES // 2
    row = n + 2 if n < half else MOVES - n
    return ("j" if n < half else "k"), f"Observation {row:,} of {LISTED:,}"
