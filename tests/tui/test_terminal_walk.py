"""Every tab walked in the real program at 80x24 and at 60x20: what was cut is whole or ends in '…',
and each tab's keys that move its work forward are on screen (pexpect + pyte)."""

from __future__ import annotations

from pathlib import Path

import pytest
from planbuild import crowded_example
from terminal import Terminal

from store import PlanStore
from tui.tabs import TABS

FORWARD_KEYS = {
    "1": ["⏎ Go to"],
    "2": ["s Start", "e Evidence", "c Complete", "o Reopen"],
    "3": ["⏎ Edit", "m Delivery"],
    "4": ["a Attest"],
    "5": ["⏎ Edit topic"],
    "6": ["r Set R", "a Set A", "c Set C", "i Set I"],
    "7": ["e Design", "c Condition", "t Training", "s Start"],
}
"""Per tab digit, the keys in its key bar that move its work forward."""


def key_bar(term: Terminal, *items: str) -> str:
    """Wait until the key bar (the last line) holds every one of ``items``; that line."""
    screen = term.wait_until(
        lambda screen: all(item in screen.splitlines()[-1] for item in items), f"the key bar with {items}"
    )
    return screen.splitlines()[-1]


def joined(screen: str) -> str:
    """The screen's text with its lines joined, so a text wrapped over two lines reads whole."""
    return " ".join(line.strip(" │┃") for line in screen.splitlines())


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_every_tab_shows_whole_or_marked_texts_and_its_forward_keys(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    path = tmp_path / "plan.json"
    PlanStore.create(path, crowded_example(), summary="The example, crowded.").close()
    term = Terminal(path, size=size)
    term.wait_for("Next:")

    # Overview: the long finding is cut with '…' in the list and whole in the detail below it.
    row = term.wait_for_line("✗ BLOCKING S2", "Stage 2")  # stage 2 no longer holds: manager access
    assert row.rstrip(" │┃").endswith("…")  # was cut mid-word: '...private coaching content (individua'
    term.send("j")  # the surveillance finding itself
    term.wait_until(
        lambda s: "coaching content or profiles, only their own (Failure Mode 2)" in joined(s),
        "the whole finding",
    )
    key_bar(term, *FORWARD_KEYS["1"])
    if size == (60, 20):
        tabs = term.text().splitlines()[1]
        assert "1 Overview" in tabs and "…" in tabs  # the active title whole, the others cut with '…'
        assert all(f" {tab.key} {tab.title[:2]}" in tabs for tab in TABS)  # every tab, digit and title
        term.wait_for("more below")  # the findings list says more rows are below

    term.send("2")
    key_bar(term, *FORWARD_KEYS["2"])  # c Complete and o Reopen were behind '…'
    term.wait_until(lambda s: "Stage 1: Define" in s, "stage 1 in full")

    term.send("3")
    key_bar(term, *FORWARD_KEYS["3"])
    screen = term.wait_for("9 use cases")
    header = next(line for line in screen.splitlines() if "Required" in line)
    assert "Route" in header and "Delivery" in header  # the route column was only '…'
    if size == (60, 20):
        term.wait_for("of 9  ↓")  # rows below the ones shown, counted

    term.send("4")
    key_bar(term, *FORWARD_KEYS["4"])
    screen = term.wait_for("Data access")
    assert "Aggregate" in next(line for line in screen.splitlines() if "Role" in line)
    if size == (60, 20):
        term.wait_for("↓ more below")  # the consultations, below
        term.send("\t\t")
        term.wait_for("Works council, 2026-")  # reached: its detail shows

    term.send("5")
    key_bar(term, *FORWARD_KEYS["5"])

    term.send("6")
    key_bar(term, *FORWARD_KEYS["6"])
    screen = term.wait_for("of 10")
    assert "of 1 " not in screen.splitlines()[2]  # was 'Activities 1-10 of 1'
    term.wait_until(lambda s: "change the others to R, C or I." in joined(s), "the whole RACI message")
    term.press("pagedown", "k")  # the last activity, then the decision to expand, modify or stop
    term.press("end", "h")  # the last role, then the executive sponsor
    term.wait_until(
        lambda s: (
            "executive sponsor: A/R (accountable and doing the work) · Decide to expand, modify or stop"
            in joined(s)
        ),
        "the cell line whole (it was cut at 'modify or sto')",
    )

    term.send("7")
    key_bar(term, *FORWARD_KEYS["7"])
    term.wait_for("Cap 50")  # the head's second line, cut with '…' where it does not fit
    if size == (60, 20):
        term.wait_for("more below")  # the conditions and training, below the design
        term.press("pagedown", "pagedown")  # to the foot of the page, then the next page
    term.wait_until(lambda s: "Stop" in s and "locked" in s, "a locked stop condition")
    term.send("q")
    assert term.wait_exit() == 0
