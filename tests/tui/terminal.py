"""Drive the real coach-rollout in a pseudo-terminal (pexpect) and read its screen (pyte)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 60.0
"""Seconds before a wait is a failure (never a timing assertion: a slow machine only waits longer)."""

KEYS = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "space": " ",
    "backspace": "\x7f",
    "enter": "\r",
    "delete": "\x1b[3~",
    "escape": "\x1b",
    "tab": "\t",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
}
"""Escape sequences of named keys, sent in one write so an escape is not read alone."""


UNICODE_TERMINAL = {"TERM": "xterm-256color", "LANG": "C.UTF-8"}
"""What a test's terminal is unless it says otherwise: Unicode, whatever the machine running the tests has."""


class Terminal:
    """The app running in a pty of ``size`` (columns, rows), its output fed to a pyte screen.

    The screen decodes the app's bytes as UTF-8 and shows a byte it cannot decode as U+FFFD,
    so a test that looks for characters outside ASCII sees those too.
    """

    def __init__(
        self,
        plan: Path,
        *args: str,
        env: dict[str, str] | None = None,
        size: tuple[int, int] = (80, 24),
        command: str = "",
    ) -> None:
        """Run ``coach-rollout [COMMAND] PLAN ARGS`` (the app itself when no command is named)."""
        columns, rows = size
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        environment = {**os.environ, **UNICODE_TERMINAL}
        for name in ("NO_COLOR", "LC_ALL", "LC_CTYPE"):  # colour and locale only as a test asks
            environment.pop(name, None)
        environment.update(env or {})
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "tui", *([command] if command else []), str(plan), *args],
            dimensions=(rows, columns),
            env=environment,
            cwd=str(ROOT),
        )

    def text(self) -> str:
        """The screen as lines of text."""
        return "\n".join(self.screen.display)

    def pump(self) -> bool:
        """Read what the app wrote so far; False once it has exited."""
        try:
            self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            return False
        return True

    def wait_until(self, holds: Callable[[str], object], what: str) -> str:
        """Wait until ``holds(screen)`` is true; the screen then.

        A frame reaches the pty in pieces, so a test waits for the very thing it checks
        rather than for a nearby text and then reading a half-drawn screen.
        """
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            alive = self.pump()
            screen = self.text()
            if holds(screen):
                return screen
            assert alive, f"the app exited before showing {what}:\n{screen}"
        raise AssertionError(f"{what} never appeared on the screen:\n{self.text()}")

    def wait_for(self, text: str) -> str:
        """Wait until ``text`` is on the screen; the screen then."""
        return self.wait_until(lambda screen: text in screen, repr(text))

    def wait_for_line(self, anchor: str, *texts: str) -> str:
        """Wait until the first line holding ``anchor`` also holds every one of ``texts``; that line."""

        def line(screen: str) -> str | None:
            found = next((row for row in screen.splitlines() if anchor in row), None)
            return found if found is not None and all(text in found for text in texts) else None

        screen = self.wait_until(line, f"a line with {anchor!r} holding {texts!r}")
        return line(screen) or ""

    def send(self, keys: str) -> None:
        """Type keys (control characters as themselves, e.g. '\\x13' for ctrl+s)."""
        for key in keys:
            self.child.send(key)
            self.pump()

    def press(self, *keys: str) -> None:
        """Press named keys (``up``, ``down``, ``left``, ``right``, ``space``...), each sent whole."""
        for key in keys:
            self.child.send(KEYS.get(key, key))
            self.pump()

    def wait_exit(self) -> int:
        """Wait until the app exits; its exit status."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end and self.pump():
            pass
        self.child.close()
        assert self.child.exitstatus is not None, f"the app did not exit:\n{self.text()}"
        return int(self.child.exitstatus)
