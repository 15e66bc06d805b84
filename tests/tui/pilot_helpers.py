"""Small helpers the Pilot tests share."""

from __future__ import annotations

from textual.pilot import Pilot

from tui.app import CoachApp
from tui.dialogs.form import FormDialog


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, as a user would."""
    await pilot.press(*["space" if ch == " " else ch for ch in text])


def form(app: CoachApp) -> FormDialog:
    """The form on top of the screen stack (fails the test if there is none)."""
    screen = app.screen
    assert isinstance(screen, FormDialog), f"expected a form, found {screen!r}"
    return screen


def notices(app: CoachApp) -> list[str]:
    """The text of every notification shown so far."""
    return [str(n.message) for n in app._notifications]
