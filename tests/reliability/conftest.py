"""The reliability suite prints its figures at the end of the run (and with ``-s`` as it goes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from relkit import FIGURES

SECONDS: dict[str, float] = {}
"""Time spent in each module of the suite (set-up, test and tear-down)."""


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Add each test's time to its module's."""
    module = Path(report.nodeid.split("::")[0]).stem
    SECONDS[module] = SECONDS.get(module, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the suite's figures: kills, fuzz cases, concurrency cases, files checked, time."""
    if not FIGURES:
        return
    terminalreporter.section("reliability figures")
    for name in sorted(FIGURES):
        terminalreporter.write_line(f"{name}: {FIGURES[name]}")
    for module, seconds in sorted(SECONDS.items()):
        terminalreporter.write_line(f"time: {module}: {seconds:.1f} s")
    terminalreporter.write_line(f"time: in all: {sum(SECONDS.values()):.1f} s")
