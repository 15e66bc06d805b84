"""The worked example's scorecard in the real program at 80x24 without colour: two imports from the tab."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import cli
from terminal import Terminal

CTRL_S = "\x13"


def _import(term: Terminal, path: Path) -> None:
    """i on the Scorecard: type the file's path and import it."""
    term.send("i")
    term.wait_for("Import observations")
    term.send(str(path))
    term.send(CTRL_S)
    term.wait_until(lambda screen: "CSV file (metric" not in screen, "the import dialog closed")


def test_imports_from_the_tab_meet_the_stop_condition_shown_met_with_its_banner(tmp_path: Path) -> None:
    plan, folder = tmp_path / "plan.json", tmp_path / "observations"
    assert cli("init", plan, "--example").returncode == 0
    assert cli("example-observations", folder).returncode == 0

    term = Terminal(plan, env={"NO_COLOR": "1"})
    term.wait_for("Next:")
    term.send("8")
    term.wait_for_line("Privacy incidents", "harm", "stop not met")
    _import(term, folder / "example-week-5.csv")
    term.wait_for("Imported 13 observations")  # the notice (wrapped in its corner)
    term.wait_for_line("User-reported use", "81%", "success met")
    assert "STOP CONDITION MET" not in term.text()

    _import(term, folder / "example-incident.csv")
    term.wait_for_line("STOP CONDITION MET (blocking)", '"One privacy incident or more stops the')
    term.wait_for_line('pilot." by obs-', "1), pilot 1: stop or modify it (tab 9).")  # the observation
    line = term.wait_for_line("Privacy incidents", "✗", " 1 ", "stop met")
    assert "not met" not in line
    term.send("1")
    term.wait_for_line("STOP CONDITION MET", "(blocking)")  # on the Overview too
    term.send("q")
    assert term.wait_exit() == 0

    check = cli("check", plan)
    assert check.returncode == 1, check.stdout
    assert "BLOCKING  measurement  conditions/cond-1" in check.stdout
    findings = json.loads(cli("check", plan, "--format", "json").stdout)
    [stop] = [f for f in findings if f["rule"] == "measurement" and f["severity"] == "blocking"]
    assert 'Stop condition "One privacy incident or more stops the pilot."' in stop["message"]
    history = cli("history", plan).stdout
    assert "Imported 13 observations from example-week-5.csv" in history
    assert "Imported 3 observations from example-incident.csv" in history
