"""Figure: `coach-rollout check` on the large plan, against a minimal Textual app's start-up."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from common import TARGETS, Figure

ROUNDS = 7
ROOT = Path(__file__).resolve().parents[2]

CHECK = "from tui.cli.main import entry; entry()"

MINIMAL_APP = """
from textual.app import App


class Minimal(App[None]):
    def on_mount(self) -> None:
        self.call_after_refresh(self.exit)  # leave once the first frame is painted


Minimal().run(headless=True)
"""
"""The baseline: a process that starts Textual, paints one frame and exits."""

FLOOR = """
import gc, sys
gc.disable()
import orjson
from schemas.plan import plan_from_tables
plan_from_tables(orjson.loads(open(sys.argv[1], "rb").read()))
"""
"""The floor: what any check must pay, the models' import, the file's parse and its validation."""

BREAKDOWN = """
import gc, json, sys, time
began = time.perf_counter()
from datetime import date
from schemas.findings import evaluate
from store import PlanStore
from tui.cli import check
imported = time.perf_counter()
store = PlanStore.open(sys.argv[1], read_only=True)
plan, tables = store.plan, store.tables()
opened = time.perf_counter()
gc.freeze()
findings = evaluate(plan, date.today(), stored_tables=tables)
evaluated = time.perf_counter()
check.as_text(plan, findings, sys.argv[1])
printed = time.perf_counter()
spans = [imported - began, opened - imported, evaluated - opened, printed - evaluated]
print(json.dumps([*spans, len(findings)]))
"""
"""Where the time of one check goes, measured inside its own process."""


def figures(large: Path) -> list[Figure | str]:
    """The check's wall time against the minimal app's, interleaved round by round."""
    check_args = [sys.executable, "-c", CHECK, "check", str(large)]
    app_args = [sys.executable, "-c", MINIMAL_APP]
    floor_args = [sys.executable, "-c", FLOOR, str(large)]
    mine: list[float] = []
    base: list[float] = []
    floor: list[float] = []
    for _ in range(ROUNDS):
        # Interleaved, so a slow moment of the machine hits all alike.
        mine.append(_wall(check_args, expected=(0, 1)))
        base.append(_wall(app_args, expected=(0,)))
        floor.append(_wall(floor_args, expected=(0,)))
    return [
        Figure(
            "check on the large plan, whole process",
            mine,
            base,
            TARGETS["check"],
            "minimal Textual app start-up",
            floor=floor,
        ),
        _breakdown(large),
    ]


def _wall(args: list[str], expected: tuple[int, ...]) -> float:
    """Seconds from starting the process to its exit."""
    began = time.perf_counter()
    result = subprocess.run(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
    elapsed = time.perf_counter() - began
    if result.returncode not in expected:
        raise RuntimeError(f"{args[2][:40]!r} exited {result.returncode}: {result.stderr.decode()[-500:]}")
    return elapsed


def _breakdown(large: Path) -> str:
    """One line: imports, opening and validating, the rules, and the text, in milliseconds."""
    out = subprocess.run(
        [sys.executable, "-c", BREAKDOWN, str(large)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    if out.returncode != 0:
        return f"check breakdown failed: {out.stderr.strip()[-300:]}"
    imports, opening, rules, text, count = json.loads(out.stdout)
    return (
        f"check breakdown: imports {imports * 1000:.0f} ms, open and validate {opening * 1000:.0f} ms, "
        f"all rules {rules * 1000:.0f} ms, text {text * 1000:.0f} ms ({count} findings)"
    )
