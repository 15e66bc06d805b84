"""The RACI grid edited by keys in the real program at 80x24, read back from the screen after a restart."""

from __future__ import annotations

from pathlib import Path

from clirun import cli
from terminal import Terminal

from store import PlanStore

ROLES = 6
"""Roles of a new plan: HR, Legal and privacy, Security, IT, Vendor, Executive sponsor."""


def row(screen: str, name: str) -> tuple[str, list[str]] | None:
    """(validation mark, the letters by role) of the grid line of activity ``name``, if drawn."""
    line = next((line for line in screen.splitlines() if line[2:].startswith(name)), None)
    if line is None:
        return None
    letters = [cell.strip("[]") for cell in line.split()[-ROLES:]]
    return line[0], letters


def wait_for_row(term: Terminal, name: str, mark: str, letters: list[str]) -> None:
    """Wait until the grid line of activity ``name`` shows ``mark`` and ``letters``."""
    term.wait_until(lambda screen: row(screen, name) == (mark, letters), f"row {name!r} as {mark} {letters}")


def test_letters_set_by_keys_are_there_after_a_restart(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert cli("init", plan).returncode == 0
    term = Terminal(plan)
    term.wait_for("Next:")
    term.send("6")
    term.wait_for("HR: A/R (accountable and doing the work) · Define the development purpose")
    term.send("jlr")  # Communicate with employees: Legal and privacy C -> R
    term.wait_for("Legal and privacy: R (responsible)")
    term.send("j")
    term.press("right")
    term.send("c")  # Review lawful basis: Security empty -> C
    term.wait_for("Security: C (consulted)")
    term.send("kkhh")
    term.press("space")  # Define the development purpose: HR's A/R cleared
    term.wait_for("has no accountable role")
    term.wait_until(
        lambda screen: (row(screen, "Define the development") or "?")[0] == "✗",
        "the blocking mark on the cleared row, as the Overview shows it",
    )
    term.send("q")
    assert term.wait_exit() == 0

    again = Terminal(plan)
    again.wait_for("Next:")
    again.send("6")
    again.wait_for("HR: empty · Define the development purpose")
    wait_for_row(again, "Define the development", "✗", ["·", "·", "·", "·", "·", "·"])
    again.wait_for_line("Define the development", "[·]")  # the cursor
    wait_for_row(again, "Communicate with emplo", "✓", ["A/R", "R", "·", "·", "·", "·"])
    wait_for_row(again, "Review lawful basis", "✓", ["C", "A/R", "C", "·", "·", "·"])
    again.send("q")
    assert again.wait_exit() == 0

    store = PlanStore.open(plan, read_only=True)
    assert [e.action for e in store.history()][-3:] == ["raci.cell"] * 3
    store.close()
