"""Figure: key press to screen update in the use-case matrix of the large plan (500 use cases).

The app and a minimal Textual app run in real 80x24 pseudo-terminals (``keypress.Pty``), their
output read by a terminal emulator (pyte); a sample is the time from writing a key to the pty
until the screen shows what that key changed. The two are pressed in turn, so a slow moment
of the machine hits both alike.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import TARGETS, Figure, private_copy, raw_durable_writes
from keypress import Pty, interleave, minimal_app

MOVES = 40
"""Cursor moves measured: down through the generated use cases, then back up."""
STATUSES = 12
"""Status changes measured (each one edit saved durably)."""
FIRST = 8
"""The matrix row the measured moves start from: the first generated use case, uc-9."""


def figures(large: Path) -> list[Figure | str]:
    """Cursor moves and status changes in the matrix, each against the same key in the minimal app."""
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        app = Pty([sys.executable, "-m", "tui", str(plan)])
        base = Pty(
            [sys.executable, "-c", minimal_app(["j", "k", "right_square_bracket", "left_square_bracket"])]
        )
        try:
            app.wait_for("Next:")
            app.child.send("3")
            app.wait_for("500 use cases")
            app.child.send("j" * FIRST)
            app.wait_for(f"{_name(FIRST)}:")
            base.wait_for("ready")
            moves = interleave(app, base, _move, MOVES)
            statuses = interleave(app, base, _status, STATUSES)
        finally:
            app.close()
            base.close()
        raw = raw_durable_writes(plan, STATUSES)
    name = "key press to screen, use-case matrix of 500 use cases, real pty"
    same = "minimal Textual app, same key"
    return [
        Figure(f"{name}: move the cursor", moves[0], moves[1], TARGETS["cursor"], same),
        Figure(
            f"{name}: change a status by one key, saved durably, to the screen",
            statuses[0],
            raw,
            TARGETS["edit-by-key"],
            "raw durable write of the plan's bytes",
        ),
    ]


def _name(row: int) -> str:
    """The name of the use case on matrix row ``row`` of the large plan (rows 0-7 are the defaults)."""
    return f"Coaching task {row + 1}"


def _move(n: int) -> tuple[str, str]:
    """Down from the first generated use case for half the moves, then back up."""
    half = MOVES // 2
    row = FIRST + n + 1 if n < half else FIRST + MOVES - n - 1
    return ("j" if n < half else "k"), f"{_name(row)}: "


def _status(n: int) -> tuple[str, str]:
    """Tighten the selected use case, then loosen it again (never a framework limit: no question)."""
    if n % 2 == 0:
        return "]", f"{_name(FIRST)}: ● human-required"
    return "[", f"{_name(FIRST)}: ◐ with controls"
