"""On a terminal that cannot show Unicode, every character the app draws is ASCII (Pilot, no driver guard)."""

from __future__ import annotations

from planbuild import crowded_example

from store import PlanStore
from tui.app import CoachApp

WALK: list[tuple[str, ...]] = [
    ("1",),
    ("tab",),
    ("2",),
    ("2", "e"),
    ("escape",),
    ("2", "w"),
    ("escape",),
    ("3",),
    ("3", "m"),
    ("escape",),
    ("3", "n", "tab", "enter"),  # the status list of a new use case, open
    ("escape", "escape", "y"),
    ("4",),
    ("4", "a"),
    ("escape",),
    ("4", "tab", "tab"),
    ("5",),
    ("5", "enter"),
    ("escape",),
    ("6",),
    ("6", "delete"),  # a question
    ("escape",),
    ("7",),
    ("7", "t"),  # a training session: its topics ticked in [x]
    ("escape",),
    ("8", "end", "k"),  # the scorecard: trends and the chart of a metric
    ("8", "o"),  # its observations
    ("8", "n"),
    ("escape",),
    ("9",),  # the decision board: its head lines cut through the app's ellipsis
    ("9", "d"),
    ("escape",),
    ("question_mark",),
    ("escape",),
    ("ctrl+p",),
    ("escape",),
    ("1", "d"),
    ("escape",),
    ("2", "c"),  # a notice
]
"""Every tab, a form of each, a select open, a question, the help, the palette and a notice."""


def screen(app: CoachApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def walk(size: tuple[int, int]) -> list[str]:
    """The screens of the walk; each must hold nothing but ASCII."""
    app = CoachApp(PlanStore.memory(crowded_example()), ascii_only=True)
    seen = []
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        for keys in WALK:
            await pilot.press(*keys)
            await pilot.pause(0.1)
            text = screen(app)
            outside = sorted({char for char in text if not char.isascii()})
            assert outside == [], f"after {keys} at {size}: {outside} on\n{text}"
            seen.append(text)
    return seen


async def test_every_screen_is_ascii_at_80x24_and_says_the_same_in_ascii_symbols() -> None:
    seen = "\n".join(await walk((80, 24)))
    assert "x BLOCKING S2" in seen  # the severity symbol, in its ASCII form
    assert "enter Go to" in seen and "enter Edit" in seen  # keys by name, not '⏎'
    assert "+--" in seen and "+==" in seen  # frames, and the focused one stands apart
    assert "[X] The intended result was reached" in seen  # the tick box
    assert "* Coach Rollout - " in seen and "v more below" in seen
    assert "Search for commands..." in seen
    assert "Not complete" in seen  # the notice


async def test_every_screen_is_ascii_at_60x20() -> None:
    seen = "\n".join(await walk((60, 20)))
    assert "..." in seen and "more below" in seen
