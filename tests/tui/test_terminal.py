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
    term.send("\tDana Ruiz")  # Recorded by: a person's name, typed (no display name is set)
    term.wait_for("Dana Ruiz")
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


def test_remapped_app_keys_show_everywhere_and_the_old_key_no_longer_quits(tmp_path: Path) -> None:
    keys = tmp_path / "keys.json"
    keys.write_text('{"app.quit": "x", "app.undo": "ctrl+u"}')
    term = Terminal(tmp_path / "plan.json", env={"COACH_ROLLOUT_KEYS": str(keys)})
    term.wait_for("Next: Start stage 1")
    term.wait_for_line("? Help", "x Quit")  # the key bar
    term.send("?")
    term.wait_for_line("Quit  [app.quit]", "x")

    def at_the_end(screen: str) -> bool:
        """The help scrolls: the app's keys are at its end (end again until they show)."""
        if "[app.undo]" not in screen:
            term.press("end")
        return any("[app.undo]" in line and "ctrl+u" in line for line in screen.splitlines())

    term.wait_until(at_the_end, "ctrl+u as the undo key in the help")
    term.press("escape")
    term.wait_until(lambda screen: "[app.quit]" not in screen, "the help closed")
    term.send("\x10")  # ctrl+p: the palette names the remapped keys too
    term.send("Quit")
    term.wait_for("key x")
    term.press("escape")
    term.wait_until(lambda screen: "key x" not in screen, "the palette closed")
    term.send("q2")  # q is no longer the quit key: the app is still there to switch tab
    term.wait_for("Stage 1: Define Permitted Use Cases")
    term.send("x")
    assert term.wait_exit() == 0
