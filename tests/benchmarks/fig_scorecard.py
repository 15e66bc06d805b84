"""Figure: key press to screen update on the Scorecard of the large plan (20,000 observations).

The app and a minimal Textual app run in real 80x24 pseudo-terminals (see ``keypress``); a
sample is the time from writing a key until the bytes that show what it changed have come
out. Two lists are measured: the metrics (the panel below redraws the metric's chart on
each move) and the largest, one metric's observations (1,818 of them, newest first).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import Figure, private_copy
from keypress import Pty, interleave, minimal_app

MOVES = 40
"""Cursor moves measured in the observations: down, then back up."""
METRIC_MOVES = 20
"""Cursor moves measured in the metric list: down its eleven rows and back, twice."""
LISTED = 1818
"""Observations of the first metric in the large plan (20,000 over eleven metrics)."""
METRICS = (
    "Voluntary participation (",
    "Completion (",
    "User-reported usefulness (",
    "Observable follow-through (",
    "Human escalations (",
    "Privacy incidents (",
)
"""The first metrics in list order, as the panel starts its first line."""


def figures(large: Path) -> list[Figure | str]:
    """Cursor moves in the metric list and in the largest observation list, against the minimal app."""
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        app = Pty([sys.executable, "-m", "tui", str(plan)])
        base = Pty([sys.executable, "-c", minimal_app("jk")])
        try:
            app.wait_for("Next:")
            app.child.send("8")
            app.wait_for("20,000 observations")
            base.wait_for("ready")
            metrics = interleave(app, base, _metric_move, METRIC_MOVES)
            app.child.send("o")
            app.wait_for(f"Observation 1 of {LISTED:,}")
            observations = interleave(app, base, _observation_move, MOVES)
        finally:
            app.close()
            base.close()
    name = "key press to screen, Scorecard of 20,000 observations, real pty"
    same = "minimal Textual app, same key"
    return [
        Figure(f"{name}: move in the metric list, chart redrawn (j/k)", metrics[0], metrics[1], 1.5, same),
        Figure(
            f"{name}: move in one metric's {LISTED:,} observations (j/k)",
            observations[0],
            observations[1],
            1.5,
            same,
        ),
    ]


def _metric_move(n: int) -> tuple[str, str]:
    """Down the first metrics and back up, again and again."""
    span = len(METRICS) - 1
    step = n % (2 * span)
    down = step < span
    row = step + 1 if down else 2 * span - step - 1
    return ("j" if down else "k"), METRICS[row]


def _observation_move(n: int) -> tuple[str, str]:
    """Down the observations (the list scrolls past a screenful), then back up."""
    half = MOVES // 2
    row = n + 2 if n < half else MOVES - n
    return ("j" if n < half else "k"), f"Observation {row:,} of {LISTED:,}"
