"""Use cases and Safeguards edited by keys in the real program at 80x24, read back after a restart."""

from __future__ import annotations

from pathlib import Path

from clirun import cli
from terminal import Terminal

CTRL_S, CTRL_Q, TAB = "\x13", "\x11", "\t"


def test_status_control_and_attestation_survive_a_restart(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert cli("init", plan).returncode == 0
    term = Terminal(plan)
    term.wait_for("Next:")
    term.send("3")
    term.wait_for("8 use cases; 0 blocking")
    term.send("jjj")
    term.wait_for("Career planning: ◐ with controls")
    term.send("]")
    term.wait_for("Career planning: ● human-required")
    term.press("enter")
    term.wait_for('Edit use case "Career planning"')
    term.send(TAB + TAB + "Reviewed by a career coach")  # focus selects the old control: typing replaces it
    term.wait_for("Reviewed by a career coach")
    term.send(CTRL_S)
    term.wait_for("Control: Reviewed by a career coach")
    term.send("4")
    term.wait_for("Prohibitions: a attest")
    term.send("a")
    term.wait_for("Attest: no secret monitoring")
    term.send("Dana Privacy")
    term.send(CTRL_S)
    term.wait_for("✓ Dana Privacy")
    term.send("q")
    assert term.wait_exit() == 0

    again = Terminal(plan)
    again.wait_for("Next:")
    again.send("3")
    again.wait_for_line("Career planning", "● human-required")
    again.send("jjj")
    again.wait_for("Control: Reviewed by a career coach")
    again.send("4")
    again.wait_for_line("No secret monitoring", "✓ Dana Privacy")
    again.wait_for_line("No mental-health inference", "✗ not attested")
    again.send(CTRL_Q)
    assert again.wait_exit() == 0
