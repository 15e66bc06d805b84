"""Figure: key press to screen update in the RACI grid of the large plan (50 roles by 200 activities).

Both the app and a minimal Textual app run in real pseudo-terminals at 80x24, their output
read by a terminal emulator (pyte); a sample is the time from writing a key to the pty
until the bytes that show what the key changed have come out of it. The two apps are
pressed in turn, so a slow moment of the machine hits both alike.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
from common import Figure, private_copy

ROOT = Path(__file__).resolve().parents[2]
MOVES = 40
"""Cursor moves measured in each direction pair (down then up; right then left)."""
LETTERS = 20
"""Letters set (each one edit saved durably)."""
START_ROW = 100
"""The vertical moves start at this activity."""
SPONSOR = 6
"""The large plan's executive sponsor is Role 6 (the status line says so after the name)."""
DEADLINE = 120.0
"""Seconds before a wait is a failure (the large plan opens slowly on a slow machine)."""

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static


class Minimal(App[None]):
    BINDINGS = [(key, "press") for key in "jklhrc"] + [("q", "quit")]

    def compose(self):
        yield Static("ready", id="out")

    def action_press(self) -> None:
        self.presses = getattr(self, "presses", 0) + 1
        self.query_one("#out", Static).update(f"pressed {self.presses}:")


Minimal().run()
"""
"""The baseline: an app whose key press updates one line."""


class Pty:
    """A program in an 80x24 pseudo-terminal, its output fed to a terminal emulator."""

    def __init__(self, args: list[str]) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("NO_COLOR", None)
        self.child = pexpect.spawn(args[0], args[1:], dimensions=(24, 80), env=env, cwd=str(ROOT))
        self.child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default
        self.presses = 0
        """Keys pressed so far (the minimal app counts them on screen)."""

    def shows(self, text: str) -> bool:
        """True if ``text`` is on the screen now."""
        return any(text in line for line in self.screen.display)

    def wait_for(self, text: str) -> None:
        """Read output until ``text`` is on the screen."""
        end = time.monotonic() + DEADLINE
        while not self.shows(text):
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never appeared:\n" + "\n".join(self.screen.display))
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.5))
            except pexpect.TIMEOUT:
                continue

    def press(self, key: str, expect: str) -> float:
        """Seconds from writing ``key`` until the bytes that show ``expect`` have arrived.

        The output is searched as bytes and fed to the emulator afterwards: pyte parses in
        Python, and would bill a large repaint its own cost rather than the app's.
        """
        wanted = expect.encode()
        arrived = b""
        end = time.monotonic() + DEADLINE
        began = time.perf_counter()
        self.child.send(key)
        while wanted not in arrived:
            if time.monotonic() > end:
                raise AssertionError(f"{expect!r} never arrived after {key!r}")
            try:
                arrived += self.child.read_nonblocking(65536, timeout=0.5)
            except pexpect.TIMEOUT:
                continue
        took = time.perf_counter() - began
        self.stream.feed(arrived)
        return took

    def settle(self) -> None:
        """Read whatever is still coming (the rest of a frame, a timer's refresh)."""
        while True:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))
            except pexpect.TIMEOUT:
                return

    def close(self) -> None:
        """Quit (q) and make sure the process is gone."""
        self.child.send("q")
        self.child.expect(pexpect.EOF, timeout=DEADLINE)
        self.child.close(force=True)


def figures(large: Path) -> list[Figure | str]:
    """Cursor moves and letters in the grid, each against the same key in the minimal app."""
    with tempfile.TemporaryDirectory() as folder:
        plan = private_copy(large, Path(folder))
        app = Pty([sys.executable, "-m", "tui", str(plan)])
        base = Pty([sys.executable, "-c", MINIMAL_APP])
        try:
            app.wait_for("Next:")
            app.child.send("6")
            app.wait_for("Activities 1-")
            base.wait_for("ready")
            across = _interleave(app, base, _sideways, MOVES)
            app.child.send("j" * (START_ROW - 1))
            app.wait_for(f"· Activity {START_ROW}")
            down = _interleave(app, base, _vertical, MOVES)
            letters = _interleave(app, base, _letter, LETTERS)
        finally:
            app.close()
            base.close()
    name = "key press to screen, RACI grid 50 roles x 200 activities, real pty"
    same = "minimal Textual app, same key"
    return [
        Figure(f"{name}: move down and up (j/k)", down[0], down[1], 2.0, same),
        Figure(f"{name}: move across the roles, scrolling (l/h)", across[0], across[1], 2.0, same),
        Figure(f"{name}: set a letter, saved durably (r/c)", letters[0], letters[1], None, same),
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


def _interleave(
    app: Pty, base: Pty, keys: Callable[[int], tuple[str, str]], count: int
) -> tuple[list[float], list[float]]:
    """Press each key in the app, then the same key in the minimal app; the two lists of seconds."""
    mine: list[float] = []
    baseline: list[float] = []
    for n in range(count):
        key, expect = keys(n)
        app.settle()
        mine.append(app.press(key, expect))
        base.settle()
        base.presses += 1
        baseline.append(base.press(key, f"pressed {base.presses}:"))
    return mine, baseline
