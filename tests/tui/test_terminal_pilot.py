"""The worked example's pilot designed by keys alone in the real program at 80x24: the start refused
with its findings, fixed, started, a condition amended with a reason, read back after a restart."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from clirun import cli
from pilot_plans import unpiloted
from terminal import Terminal

from schemas.enums import UseCaseStatus
from store import PlanStore

CTRL_S, CTRL_U, TAB = "\x13", "\x15", "\t"
TODAY = date.today()
NAME = "New-manager feedback preparation pilot"
REASON = "Two test reports by the vendor in week 1"
METRICS = [m.id for m in unpiloted().metrics]
"""The scorecard's metrics in the order the condition form lists them."""


def _choose(term: Terminal, downs: int, shown: str) -> None:
    """A select: enter opens its list, arrows move, enter picks; wait until ``shown`` is chosen."""
    term.press("enter")
    term.wait_until(lambda screen: screen.count("(choose)") <= 1 or shown in screen, "the list open")
    term.press(*["down"] * downs, "enter")
    term.wait_for(shown)


def _type(term: Terminal, text: str) -> None:
    term.send(text)
    term.wait_for(text[-20:])


def _design(term: Terminal, cases: list[str]) -> None:
    """e: the worked example's pilot, field by field (tab moves on)."""
    term.send("e")
    term.wait_for("New pilot")
    term.send(CTRL_U)
    _type(term, NAME)
    term.press(TAB)
    _choose(term, cases.index("Difficult-feedback conversation preparation") + 1, "Difficult-feedback")
    for text in ("40", "Volunteer new managers in their first year", "1200"):
        term.press(TAB)
        _type(term, text)
    term.press(TAB, TAB)  # past "voluntary", ticked already
    _type(term, "Purpose, limits, what is kept, who sees what, how to leave.")
    fields = (
        TODAY.isoformat(),
        "Leave pilot in the app, no reason needed",
        "coaching-pilot@northwind.example",
        "Your HR business partner, the same day",
        TODAY.isoformat(),
        (TODAY + timedelta(days=56)).isoformat(),
    )
    for text in fields:
        term.press(TAB)
        _type(term, text)
    term.send(CTRL_S)
    term.wait_for(f'Pilot 1 "{NAME}": design')


def _condition(term: Terminal, success: bool, metric: str, threshold: str, left: int) -> None:
    """c: a stop (or success) condition on a scorecard metric."""
    term.send("c")
    term.wait_for("New condition of pilot")
    if success:
        _choose(term, 1, "Success")
    term.press(TAB)
    term.press("enter")
    term.wait_for(f"({METRICS[0]})")  # the list of the scorecard's metrics is open
    term.press(*["down"] * (METRICS.index(metric) + 1), "enter")
    term.wait_for(f"({metric})")
    term.press(TAB, TAB)
    _type(term, threshold)
    term.send(CTRL_S)
    term.wait_for(f"Start: ✗ refused ({left} below)")  # one reason fewer


def _training(term: Terminal, downs: int, audience: str, then: str) -> None:
    """t: a session for ``audience`` on the five topics, 40 invited, 38 attended, today."""
    term.send("t")
    term.wait_for("New training session")
    _choose(term, downs, audience)
    term.press(TAB)
    for _topic in range(5):
        term.press("space", "down")
    term.wait_until(lambda screen: screen.count("[x]") == 5, "the five topics ticked")
    term.press(TAB)
    _type(term, "40")
    term.press(TAB)
    _type(term, "38")
    term.send(CTRL_S)
    term.wait_for_line(f"{audience}: 5 of 5 topics", "1 held", "trained")
    term.wait_for(then)


def test_the_worked_examples_pilot_designed_refused_fixed_started_amended_and_read_back(
    tmp_path: Path,
) -> None:
    plan_file = tmp_path / "plan.json"
    plan = unpiloted()
    PlanStore.create(plan_file, plan).close()
    cases = [c.name for c in plan.use_cases if c.status.value in ("permitted", "permitted_with_controls")]
    assert UseCaseStatus.PERMITTED.value == "permitted"

    term = Terminal(plan_file)
    term.wait_for("Next:")
    term.send("7")
    term.wait_for("No pilot yet: e designs one")
    _design(term, cases)
    term.wait_for("Start: ✗ refused (5 below)")  # already listed while it is designed
    _condition(term, False, "privacy_incidents", "1", 4)
    _condition(term, True, "usefulness", "70", 3)

    term.send("s")  # refused: each finding listed first, with where it is fixed
    term.wait_for("Start: ✗ refused (3 below)")
    term.wait_for_line('Jurisdiction "Netherlands"', "Blocks", "tab 7, key ent")
    term.wait_for_line("Its employees have not been trained", "Blocks", "tab 7, key t")
    term.wait_for_line("Its managers have not been trained", "Blocks", "tab 7, key t")

    term.press("enter")  # on the first reason: its jurisdiction's form
    term.wait_for("Jurisdiction: Netherlands")
    term.press(TAB)
    _type(term, "Joost van Dam, counsel")
    term.press(TAB)
    _type(term, TODAY.isoformat())
    term.send(CTRL_S)
    term.wait_for_line("Netherlands", "Legal", "reviewed")
    _training(term, 1, "Employees", "Start: ✗ refused (1 below)")
    _training(term, 2, "Managers", "Start: ✓ ready (s)")

    term.send("s")
    term.wait_for("Starting locks its 2 conditions")
    _type(term, "Priya Raman")
    term.send(CTRL_S)
    term.wait_for(f"Started {TODAY.isoformat()} by Priya Raman")

    term.press("home", *["down"] * 8)  # seven lines of design, the jurisdiction, then the stop condition
    term.wait_for("Locked since the pilot started")
    term.send("a")
    term.wait_for("Amend the stop condition")
    term.press(TAB, TAB)
    term.send(CTRL_U)
    _type(term, "2")
    term.press(TAB, TAB)  # past the wording, to the reason
    _type(term, REASON)
    term.send(CTRL_S)
    term.wait_for_line("Privacy incidents >= 2", "was >= 1", "amended")
    term.send("q")
    assert term.wait_exit() == 0

    term = Terminal(plan_file)
    term.wait_for("Next:")
    term.send("7")
    term.wait_for(f'Pilot 1 "{NAME}": running')
    term.wait_for(f"Started {TODAY.isoformat()} by Priya Raman · Cap 50")
    term.wait_for_line("Privacy incidents >= 2", "was >= 1", "amended")
    term.wait_for_line("User-reported usefulness >= 70", "Success", ">= 70", "locked")
    term.wait_for_line("Employees: 5 of 5 topics", "trained")
    term.press("home", *["down"] * 8)
    term.wait_for(f"Amended because: {REASON}")
    term.wait_for("Original: privacy_incidents >= 1")
    term.send("q")
    assert term.wait_exit() == 0

    check = cli("check", plan_file, "--format", "json")
    findings = json.loads(check.stdout)
    assert not [f for f in findings if f["rule"] in ("conditions-locked", "pilot-design", "training")], (
        findings
    )
    verify = cli("verify", plan_file)
    assert verify.returncode == 0 and "history verified" in verify.stdout
    history = cli("history", plan_file).stdout
    assert "pilot.start" in history and "condition.amend" in history and REASON in history
