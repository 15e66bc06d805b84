"""Review mode in the real program at 80x24 on the worked example, read back after a restart."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from clirun import cli
from terminal import Terminal

from store import PlanStore

CTRL_P, CTRL_S, CTRL_Q, TAB = "\x10", "\x13", "\x11", "\t"


def _attendee(term: Terminal, name: str, role: str, closes_on: str) -> None:
    """Type a name, tab to the role, open the list, find the role by typing, choose it."""
    term.send(name)
    term.wait_for(name)
    term.press(TAB, "enter")
    term.wait_for(closes_on)  # the list of roles is open
    term.send(role)
    term.press("enter")
    term.wait_until(lambda screen: closes_on not in screen, "the list of roles closed")


def _accept(term: Terminal, number: int) -> None:
    term.wait_for(f"STAGE {number} OF 8")
    term.send("a")
    term.wait_for("Note (optional)")
    term.press("enter")
    term.wait_for_line("decided", f"{number}✓")


def test_a_meeting_reviews_five_stages_and_the_overview_shows_its_overdue_action(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert cli("init", plan, "--example").returncode == 0
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    term = Terminal(plan)
    term.wait_for("Next:")
    term.send(CTRL_P)
    term.send("Review mode")
    term.wait_for("Review mode: walk the stages")
    term.press("enter")
    term.wait_for("Stage review meeting")
    _attendee(term, "Ana Ruiz", "HR", "Vendor")
    term.press(TAB)
    _attendee(term, "Ben Ode", "Legal", "Vendor")
    term.send(CTRL_S)
    for number in range(1, 5):
        _accept(term, number)
        term.send("l")
    term.wait_for("STAGE 5 OF 8 · DESIGN A LIMITED PILOT")
    term.send("c")
    term.wait_for("What must change")
    term.send("Notice needs the works council's wording")
    term.press("enter")
    term.wait_for("Changes requested: Notice needs the works council's wording")
    term.send("n")
    term.wait_for("Action on stage 5")
    term.send("Agree the notice with the works council")
    term.press(TAB, "enter")
    term.wait_for("Executive sponsor")
    term.send("HR")
    term.press("enter")
    term.wait_until(lambda screen: "Executive sponsor" not in screen, "the list of owners closed")
    term.press(TAB)
    term.send(yesterday)
    term.wait_for(yesterday)
    term.send(CTRL_S)
    term.wait_for_line("decided", "1✓ 2✓ 3✓ 4✓ 5✎", "1 action")
    term.send("f")
    term.wait_for("Outcomes: 4 accepted, 1 changes requested; 1 action.")
    term.send("y")
    term.wait_for_line("! " + yesterday, "overdue", "HR", "S5", "Agree the notice")
    term.wait_for_line("! warning  S5", 'The action "Agree the notice', "…")
    term.send("q")
    assert term.wait_exit() == 0

    again = Terminal(plan)
    again.wait_for_line("! " + yesterday, "overdue", "HR")
    again.send("v")
    again.wait_for_line("Attendees:", "Ana Ruiz (HR), Ben Ode (Legal and privacy)")
    again.wait_for_line("Outcomes:", "4 accepted, 1 changes requested")
    again.press("enter")
    again.wait_for("Read-only: the review as it was recorded")
    again.wait_for_line("Stage 4 Choose the Delivery Model", "accepted")
    again.wait_for_line("Stage 5 Design a Limited Pilot", "changes requested")
    again.wait_for_line("Action: Agree the notice with the works council", "owner HR")
    again.send(CTRL_Q)
    assert again.wait_exit() == 0


def test_the_review_command_opens_straight_into_the_meeting_without_colour(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert cli("init", plan, "--example").returncode == 0
    term = Terminal(plan, command="review", env={"NO_COLOR": "1"})
    term.wait_for("Stage review meeting")
    _attendee(term, "Ana Ruiz", "Another", "Vendor")
    term.wait_for("the role, in words")
    term.press(TAB)
    term.send("Facilitator")
    term.wait_for("Facilitator")
    term.send(CTRL_S)
    term.wait_for("STAGE 1 OF 8 - DEFINE PERMITTED USE CASES")  # ASCII where colour is off
    term.send("a")
    term.wait_for("Note (optional)")
    term.press("enter")
    term.wait_for_line("decided", "1+")
    term.press("escape")
    term.wait_for("Leave the review without finishing?")
    term.send("d")
    term.wait_for("Next:")
    term.send("q")
    assert term.wait_exit() == 0
    with PlanStore.open(plan, read_only=True) as store:  # discarded: nothing was recorded
        assert store.plan.reviews == [] and not [e for e in store.history() if e.action.startswith("review")]
