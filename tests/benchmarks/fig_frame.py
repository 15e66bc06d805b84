"""Figures: the first full frame of the large plan and of the worked example in a real
pseudo-terminal, against a minimal app, each with its floor.

Each sample is the time from spawning the program in an 80x24 pty until a terminal emulator
(pyte) shows its whole first screen: for the app the next action and the footer, for the
minimal Textual app (a Static and a Footer) its text and its footer. The two are started in
turn, so a slow moment of the machine hits both alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pexpect
import pyte
from common import TARGETS, Figure, private_copy

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 11
DEADLINE = 120.0
"""Seconds before a wait is a failure (the large plan opens slowly on a slow machine)."""

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Static


class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self):
        yield Static("ready")
        yield Footer()


Minimal().run()
"""
"""The baseline: a Static and a Footer."""

FLOOR_APP = (
    """
import gc, sys
gc.disable()  # as the app does while it loads
import tui  # as the app starts: pydantic's plugins off
from store import PlanStore

store = PlanStore.open(sys.argv[1], read_only=True)
"""
    + MINIMAL_APP
)
"""The floor: the minimal app, after importing the schemas and store and opening the plan.

Any app over this plan with these libraries pays this before its first frame; what the
app adds above it is its own (findings, views, widgets)."""


BREAKDOWN = """
import gc, json, sys, time
began = time.perf_counter()
gc.disable()  # as run_app does
from store import PlanStore
imported_store = time.perf_counter()
store = PlanStore.open(sys.argv[1], read_only=True)
opened = time.perf_counter()
from tui.app import CoachApp
imported_app = time.perf_counter()
marks = {}


class Timed(CoachApp):
    def on_mount(self) -> None:
        marks["mounted"] = time.perf_counter()
        super().on_mount()

    def _after_first_frame(self) -> None:
        marks["painted"] = time.perf_counter()
        self.exit()


Timed(store).run(headless=True, size=(80, 24))
spans = [imported_store - began, opened - imported_store, imported_app - opened]
spans += [marks["mounted"] - imported_app, marks["painted"] - marks["mounted"]]
print(json.dumps(spans))
"""
"""Where the app's start-up goes, measured inside its own process (headless, so no terminal I/O)."""


def first_frame(args: list[str], expect: tuple[str, ...]) -> float:
    """Seconds from spawning ``args`` in a pty until every text of ``expect`` is on screen."""
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    began = time.perf_counter()
    child = pexpect.spawn(args[0], args[1:], dimensions=(24, 80), env=env, cwd=str(ROOT))
    try:
        while not all(any(text in line for line in screen.display) for text in expect):
            if time.perf_counter() - began > DEADLINE:
                raise AssertionError(f"{expect!r} never appeared:\n" + "\n".join(screen.display))
            try:
                stream.feed(child.read_nonblocking(65536, timeout=0.5))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                raise AssertionError(
                    "the program exited before its first frame:\n" + "\n".join(screen.display)
                ) from None
        elapsed = time.perf_counter() - began
        child.send("q")
        child.expect(pexpect.EOF, timeout=DEADLINE)
    finally:
        child.close(force=True)
    return elapsed


def figures(large: Path) -> list[Figure | str]:
    """The app's first frame on the large plan and on the worked example, against the minimal app's."""
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        example = Path(folder) / "example.json"
        subprocess.run(
            [sys.executable, "-m", "tui", "init", str(example), "--example"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        return [
            _figure("first full frame, large plan, real pty 80x24", plan, TARGETS["frame-large"]),
            breakdown(plan),
            _figure("first full frame, worked example, real pty 80x24", example, TARGETS["frame-ordinary"]),
        ]


def _figure(name: str, plan: Path, target: float) -> Figure:
    """The app's first frame on ``plan`` against the minimal app and the floor, interleaved."""
    app = [sys.executable, "-m", "tui", str(plan)]
    base = [sys.executable, "-c", MINIMAL_APP]
    floor_app = [sys.executable, "-c", FLOOR_APP, str(plan)]
    first_frame(app, ("Next:", "? Help"))  # the first open of the day makes a backup: not timed
    mine: list[float] = []
    baseline: list[float] = []
    floor: list[float] = []
    for _ in range(ROUNDS):
        mine.append(first_frame(app, ("Next:", "? Help")))
        baseline.append(first_frame(base, ("ready", "q Quit")))
        floor.append(first_frame(floor_app, ("ready", "q Quit")))
    return Figure(name, mine, baseline, target, "minimal Textual app (Static + Footer)", floor=floor)


def breakdown(plan: Path) -> str:
    """One line: importing the store, opening the plan, importing the app, starting, first view and paint."""
    out = subprocess.run(
        [sys.executable, "-c", BREAKDOWN, str(plan)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    if out.returncode != 0:
        return f"frame breakdown failed: {out.stderr.strip()[-300:]}"
    names = (
        "import schemas+store",
        "open and validate",
        "import Textual+app",
        "start Textual",
        "findings, first view and paint",
    )
    spans = json.loads(out.stdout)
    return "frame breakdown: " + ", ".join(
        f"{n} {t * 1000:.0f} ms" for n, t in zip(names, spans, strict=True)
    )
