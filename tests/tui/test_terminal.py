"""The real coach-rollout in a pseudo-terminal at 80x24, read as a user sees it."""

from __future__ import annotations

from pathlib import Path

from terminal import Terminal


def test_complete_stage_one_quit_and_find_it_complete_again(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    term = Terminal(plan)
    term.wait_for("Next: Start stage 1")
    term.send("2")
    term.wait_for("Stage 1: Define Permitted Use Cases")
    term.send("e")
    term.wait_for("Evidence for stage 1")
    term.send("Signed use-case matrix")
    term.wait_for("Signed use-case matrix")
    term.send("\x13")  # ctrl+s
    term.wait_for("Evidence: 1")
    term.send("c")
    term.wait_for("[x] 1 Define")
    term.send("q")
    assert term.wait_exit() == 0

    again = Terminal(plan)
    again.wait_for_line(" 1  Define Permitted Use Cases", "[x] complete")
    again.wait_for_line(" 2  Separate Coaching", "[ ] not started")
    again.send("\x11")  # ctrl+q
    assert again.wait_exit() == 0


def test_no_mouse_and_no_color_still_show_state_in_words(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    term = Terminal(plan, "--no-mouse", env={"NO_COLOR": "1"})
    term.wait_for("Next: Start stage 1")
    term.wait_for_line(" 1  Define Permitted Use Cases", "[ ] not started")
    term.wait_for("i info")
    term.send("q")
    assert term.wait_exit() == 0


def test_read_only_says_so_and_refuses_an_edit(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    first = Terminal(plan)
    first.wait_for("Next:")
    second = Terminal(plan)
    second.wait_for("READ-ONLY")
    second.send("2s")
    second.wait_for("read-only")
    second.send("q")
    assert second.wait_exit() == 0
    first.send("q")
    assert first.wait_exit() == 0
