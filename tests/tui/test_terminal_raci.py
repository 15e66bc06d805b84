"""The RACI grid edited by keys in the real program at 80x24, read back from the screen after a restart."""

from __future__ import annotations

from pathlib import Path

from clirun import cli
from terminal import Terminal

from store import PlanStore

ROLES = 6
"""Roles of a new plan: HR, Legal and privacy, Security, IT, Vendor, Executive sponsor."""


def row(screen: str, name: str) -> tuple[str, list[str]]:
    """(validation mark, the letters by role) of the grid line of activity ``name``."""
    line = next(line for line in screen.splitlines() if line[2:].startswith(name))
    letters = [cell.strip("[]") for cell in line.split()[-ROLES:]]
    return line[0], letters


def test_letters_set_by_keys_are_there_after_a_restart(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert cli("init", plan).returncode == 0
    term = Terminal(plan)
    term.wait_for("Next:")
    term.send("6")
    term.wait_for("HR: A (accountable) · Define the development purpose")
    term.send("jlr")  # Communicate with employees: Legal and privacy C -> R
    term.wait_for("Legal and privacy: R (responsible)")
    term.send("j")
    term.press("right")
    term.send("c")  # Review lawful basis: Security I -> C
    term.wait_for("Security: C (consulted)")
    term.send("kkhh")
    term.press("space")  # Define the development purpose: HR's A cleared
    screen = term.wait_for("has no accountable role (A)")
    assert row(screen, "Define the development")[0] == "!"
    term.send("q")
    assert term.wait_exit() == 0

    again = Terminal(plan)
    again.wait_for("Next:")
    again.send("6")
    # The line under the grid comes last in a frame: once it shows, the rows above are drawn.
    screen = again.wait_for("HR: empty · Define the development purpose")
    assert row(screen, "Define the development") == ("!", ["·", "C", "·", "·", "I", "R"])
    assert "[·]" in next(
        line for line in screen.splitlines() if "Define the development" in line
    )  # the cursor
    assert row(screen, "Communicate with emplo") == ("✓", ["A", "R", "·", "R", "·", "·"])
    assert row(screen, "Review lawful basis") == ("✓", ["A", "R", "C", "·", "·", "·"])
    again.send("q")
    assert again.wait_exit() == 0

    store = PlanStore.open(plan, read_only=True)
    assert [e.action for e in store.history()][-3:] == ["raci.cell"] * 3
    store.close()
