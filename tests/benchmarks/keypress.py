"""Key presses timed in real pseudo-terminals: the program under test and a minimal Textual app.

Both run at 80x24, their output read by a terminal emulator (pyte); a sample is the time
from writing a key to the pty until the bytes that show what the key changed have come out
of it. The two are pressed in turn, so a slow moment of the machine hits both alike.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pexpect
import pyte

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 120.0
"""Seconds before a wait is a failure (the large plan opens slowly on a slow machine)."""

Key = Callable[[int], tuple[str, str]]
"""The n-th key to press and the text the screen shows once it is handled."""

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static


class Minimal(App[None]):
    BINDINGS = [(key, "press") for key in KEYS] + [("q", "quit")]

    def compose(self):
        yield Static("ready", id="out")

    def action_press(self) -> None:
        self.presses = getattr(self, "presses", 0) + 1
        self.query_one("#out", Static).update(f"pressed {self.presses}:")


Minimal().run()
"""


def minimal_app(keys: Iterable[str]) -> str:
    """The baseline's source: an app whose press of any of ``keys`` updates one line."""
    return f"KEYS = {list(keys)!r}\n" + MINIMAL_APP


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


def interleave(app: Pty, base: Pty, keys: Key, count: int) -> tuple[list[float], list[float]]:
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
