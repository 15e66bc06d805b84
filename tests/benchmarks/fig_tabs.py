"""Figures: key press to screen update (cursor moves) in the largest table of every other tab.

The use-case matrix and the RACI grid have figures of their own (``fig_matrix``,
``fig_raci``); this one walks the rest of the tabs on the large plan, in one real 80x24
pseudo-terminal beside a minimal Textual app (see ``keypress``). On each tab the cursor goes
down its rows and back up; a sample ends when the bytes that show the newly selected row's
own text (its detail, or its position) have come out of the pty.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from common import TARGETS, Figure, private_copy
from keypress import Pty, interleave, minimal_app

ROUNDS = 3
"""Times each tab's rows are walked down and back up."""

PROHIBITIONS = (
    "secret monitoring is not attested",
    "mental-health inference is not attested",
    "automated discipline is not attested",
    "private coaching content for",
)
"""The Overview's first four findings on the large plan: its four prohibitions unattested."""

TOPICS = (
    "Data collection",
    "Retention",
    "Model use",
    "Access",
    "Deletion",
    "Export",
    "Subprocessors",
    "Security",
    "Incident response",
)
"""The nine governance topics, in the Governance tab's order."""

PILOT = (
    "Workflow: Meeting",
    "Population: 50",
    "Voluntary; no notice",
    "Opt-out: -",
    "Support: -",
    "Escalation: -",
    "Dates: 2025-02-03",
    "No jurisdiction declared",
    "No stop condition",
    "No success condition",
    "Employees: 0 of 5",
    "Managers: 0 of 5",
)
"""The Pilot tab's rows on the large plan (its running pilot, no condition nor training yet):
the detail is the whole design for every design row, so a move shows in the row itself."""

METRICS = (
    "Voluntary participation (",
    "Completion (",
    "User-reported usefulness (",
    "Observable follow-through (",
    "Human escalations (",
    "Privacy incidents (",
    "Opt-outs (",
    "Adverse effects (",
    "Bias signals (",
    "Administrative hours (",
    "Cost per active participant (",
)
"""The Scorecard's eleven metrics in list order, as its panel starts (the chart redrawn below)."""


@dataclass(frozen=True)
class Walk:
    """One tab's table: how to reach it, its rows, and what the screen shows for row n."""

    name: str
    """The tab and table, as the figure's name says it."""
    digit: str
    """The key that opens the tab."""
    ready: str
    """Text on screen once the tab is open."""
    rows: int | Callable[[Pty], int]
    """How many rows the walk covers (or how to read that from the screen)."""
    shows: Callable[[int, int], str]
    """The text that appears once row n (of rows) is selected."""


def _position(pty: Pty) -> int:
    """The row count a detail pane states as ``(1 of N)``."""
    for line in pty.screen.display:
        found = re.search(r"\(1 of (\d+)\)", line)
        if found:
            return int(found.group(1))
    raise AssertionError("no '(1 of N)' on screen:\n" + "\n".join(pty.screen.display))


WALKS = (
    Walk("Overview, findings (619)", "1", "Findings:", len(PROHIBITIONS), lambda n, _: PROHIBITIONS[n]),
    Walk("Stages, the tracker (8)", "2", "Stage 1: ", 8, lambda n, _: f"Stage {n + 1}: "),
    Walk(
        "Safeguards, prohibitions (4)",
        "4",
        "Prohibitions:",
        4,
        lambda n, _: ("No secret", "No mental-health", "No automated", "No use of private")[n],
    ),
    Walk("Governance, topics (9)", "5", "topics complete", len(TOPICS), lambda n, _: f"{TOPICS[n]}: "),
    Walk(
        "Pilot, design, conditions and training (12)",
        "7",
        "conditions locked",
        len(PILOT),
        lambda n, _: PILOT[n],
    ),
    Walk(
        "Scorecard, metrics of 20,000 observations (11)",
        "8",
        "20,000 observations",
        11,
        lambda n, _: METRICS[n],
    ),
    Walk("Decision, evidence rows", "9", "Expand:", _position, lambda n, count: f"({n + 1} of {count})"),
)


def figures(large: Path) -> list[Figure | str]:
    """Cursor moves on each tab, each against the same key in the minimal app."""
    results: list[Figure | str] = []
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        app = Pty([sys.executable, "-m", "tui", str(plan)])
        base = Pty([sys.executable, "-c", minimal_app("jk")])
        try:
            app.wait_for("Next:")
            base.wait_for("ready")
            for walk in WALKS:
                app.child.send(walk.digit)
                app.wait_for(walk.ready)
                app.settle()
                count = walk.rows if isinstance(walk.rows, int) else walk.rows(app)
                mine: list[float] = []
                baseline: list[float] = []
                for _ in range(ROUNDS):
                    moves = interleave(app, base, _there_and_back(walk, count), 2 * (count - 1))
                    mine += moves[0]
                    baseline += moves[1]
                results.append(
                    Figure(
                        f"key press to screen, {walk.name}, real pty: move the cursor",
                        mine,
                        baseline,
                        TARGETS["cursor"],
                        "minimal Textual app, same key",
                    )
                )
        finally:
            app.close()
            base.close()
    return results


def _there_and_back(walk: Walk, count: int) -> Callable[[int], tuple[str, str]]:
    """The n-th move: down from the first row to the last, then back up to the first."""

    def move(n: int) -> tuple[str, str]:
        if n < count - 1:
            return "j", walk.shows(n + 1, count)
        return "k", walk.shows(2 * (count - 1) - n - 1, count)

    return move
