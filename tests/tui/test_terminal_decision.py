"""The worked example's decision in the real program at 80x24: a privacy incident, expand refused, stop."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from clirun import cli
from terminal import Terminal

CTRL_S, TAB = "\x13", "\t"
STOP_ROW = "One privacy incident or more stops"


def _decision_form(term: Terminal, downs: int, choice: str) -> None:
    """Open the decision form and choose the kind: the list opens on enter, arrows move, enter picks."""
    term.send("d")
    term.wait_for("Decide on pilot")
    term.press("enter")
    term.wait_for("Modify: change one operating variable")  # the list of kinds is open
    term.press(*["down"] * downs, "enter")
    term.wait_until(lambda screen: choice in screen and "Modify: change one" not in screen, choice)


def _required_in_turn(term: Terminal, rationale: str, who: str) -> None:
    """Save: each required field refused in turn takes the cursor, and is typed there."""
    term.send(CTRL_S)
    term.wait_for("Required.")  # said at the field, and the cursor is there
    term.send(rationale)
    term.wait_for(rationale[:30])
    term.send(CTRL_S)
    term.wait_for("Required.")  # now the next field at fault
    term.send(who)
    term.wait_until(lambda screen: "Required." not in screen and who in screen, "who decided typed")


def test_the_worked_example_stops_on_a_privacy_incident_and_reads_it_back(tmp_path: Path) -> None:
    plan, folder = tmp_path / "plan.json", tmp_path / "observations"
    assert cli("init", plan, "--example").returncode == 0
    assert cli("example-observations", folder).returncode == 0
    assert cli("import-observations", plan, folder / "example-week-5.csv").returncode == 0

    term = Terminal(plan)
    term.wait_for("Next:")
    term.send("9")
    term.wait_for_line(STOP_ROW, "✓ Stop", " 0 ", "not met")
    term.send("q")
    assert term.wait_exit() == 0

    assert cli("import-observations", plan, folder / "example-incident.csv").returncode == 0
    term = Terminal(plan)
    term.wait_for_line("BLOCKING", 'Stop condition "One privacy')  # on the Overview too
    term.send("9")
    line = term.wait_for_line(STOP_ROW, "✗ Stop", " 1 ", "met")
    assert "not met" not in line
    term.wait_for("Expand: ✗ refused (2 below)")
    term.wait_for_line("Its stop condition", "blocks expand")

    _decision_form(term, 1, "Expand: the next scope")
    _required_in_turn(term, "Managers find it useful.", "Pilot board")
    term.send(CTRL_S)
    term.wait_for("Expanding is refused: its stop condition")
    term.press("escape")
    term.wait_for("Discard it?")
    term.send("y")
    term.wait_until(lambda screen: "Decide on pilot" not in screen, "the form closed")
    term.wait_for_line("None recorded yet", "Decision")

    _decision_form(term, 3, "Stop: close the pilot")
    _required_in_turn(term, "A privacy incident in week 5: the stop condition is met.", "Pilot board")
    term.press(TAB, TAB)  # past the date decided, to the sponsor's sign-off
    term.send("Elena Fischer")
    term.press(TAB)
    term.send(date.today().isoformat())
    term.send(CTRL_S)
    term.wait_for_line("Stop: A privacy incident", "✓ Decision", "signed Elena")
    term.wait_for('Pilot 1 "New-manager feedback preparation pilot": stopped')
    term.send("q")
    assert term.wait_exit() == 0

    term = Terminal(plan)
    term.wait_for("Next:")
    term.send("9")
    term.wait_for_line("Stop: A privacy incident", "✓ Decision", "signed Elena")
    term.press("\x1b[F")  # end: the last line
    term.send("k")  # the decision sits just above the ROI line
    term.wait_for("Signed off by Elena Fischer (Executive sponsor) on")
    term.wait_for("Rationale: A privacy incident in week 5: the stop condition is met.")
    term.send("q")
    assert term.wait_exit() == 0

    check = cli("check", plan, "--format", "json")
    assert check.returncode == 0, check.stdout
    findings = json.loads(check.stdout)
    assert not [
        f for f in findings if f["rule"] in ("decision", "measurement") and f["severity"] == "blocking"
    ]
    verify = cli("verify", plan)
    assert verify.returncode == 0 and "history verified" in verify.stdout
    history = cli("history", plan).stdout
    assert "decision.stop" in history and "pilots/pilot-1.status: running -> stopped" in history
