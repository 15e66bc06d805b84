"""On the Linux console (TERM=linux) under LANG=C the real program draws only ASCII (pexpect + pyte)."""

from __future__ import annotations

from pathlib import Path

from planbuild import crowded_example
from terminal import Terminal

from store import PlanStore

CONSOLE = {"TERM": "linux", "LANG": "C"}
"""The Linux console in the C locale (the driver drops any LC_ALL and LC_CTYPE of the machine)."""


def ascii_only(term: Terminal, text: str) -> str:
    """Wait for ``text``; then every character on the screen must be ASCII."""
    screen = term.wait_for(text)
    outside = sorted({char for char in screen if not char.isascii()})
    assert outside == [], f"{outside} on the screen after {text!r}:\n{screen}"
    return screen


def test_every_tab_a_form_the_help_and_the_palette_are_ascii_on_the_console(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    PlanStore.create(path, crowded_example(), summary="The example, crowded.").close()
    term = Terminal(path, env=CONSOLE)
    screen = ascii_only(term, "enter Go to")  # keys by name: '⏎' was garbage on the console
    assert "* Coach Rollout - plan.json" in screen and "x BLOCKING S2" in screen
    for digit, text in [("2", "e Evidence"), ("3", "m Delivery"), ("4", "a Attest"), ("5", "Edit topic")]:
        term.send(digit)
        ascii_only(term, text)
    term.send("6")
    screen = ascii_only(term, "r Set R")
    assert "*Exec..." in screen  # the sponsor's flag and the cut, both in ASCII
    term.send("2e")
    screen = ascii_only(term, "Evidence for stage 1")
    assert "+--" in screen  # the form's frame
    term.press("escape")
    term.wait_until(lambda screen: "Evidence for stage 1" not in screen, "the form closed")
    term.send("?")
    ascii_only(term, "Help: Stages")
    term.press("escape")
    term.wait_until(lambda screen: "Help: Stages" not in screen, "the help closed")
    term.send("\x10")  # ctrl+p
    ascii_only(term, "Search for commands...")
    term.press("escape")
    term.wait_until(lambda screen: "Search for commands" not in screen, "the palette closed")
    term.send("q")
    assert term.wait_exit() == 0
