"""Figure: memory of the app with the large plan open, against a minimal Textual app.

Each program runs in a real 80x24 pseudo-terminal until its first full frame is on screen;
its resident set (VmRSS in /proc, Linux) is read then. The floor is the minimal app after
importing the schemas and store and opening the same plan.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from common import TARGETS, Figure, private_copy
from fig_frame import FLOOR_APP, MINIMAL_APP
from keypress import Pty

ROUNDS = 3


def figures(large: Path) -> list[Figure | str]:
    """Resident memory after the first frame: the app, the minimal app and the floor."""
    if not Path("/proc/self/status").exists():
        return ["memory: skipped, this system has no /proc to read a process's resident memory from"]
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        mine: list[float] = []
        baseline: list[float] = []
        floor: list[float] = []
        for _ in range(ROUNDS):
            mine.append(resident([sys.executable, "-m", "tui", str(plan)], "Next:"))
            baseline.append(resident([sys.executable, "-c", MINIMAL_APP], "q Quit"))
            floor.append(resident([sys.executable, "-c", FLOOR_APP, str(plan)], "q Quit"))
    return [
        Figure(
            "memory of the app with the large plan open",
            mine,
            baseline,
            TARGETS["memory"],
            "minimal Textual app",
            difference=True,
            unit="MB",
            floor=floor,
        )
    ]


def resident(args: list[str], shown: str) -> float:
    """Bytes resident in the process of ``args`` once ``shown`` is on its screen."""
    program = Pty(args)
    try:
        program.wait_for(shown)
        program.settle()
        status = Path(f"/proc/{program.child.pid}/status").read_text()
    finally:
        program.close()
    kilobytes = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
    return float(kilobytes) * 1024
