"""Every place a refusal or finding names is a real tab of DESIGN section 6, with its real key."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from schemas.rules.places import ALL, Place
from tui.tabs import TABS

DESIGN_TABS = {
    1: "Overview",
    2: "Stages",
    3: "Use cases",
    4: "Safeguards",
    5: "Governance",
    6: "RACI",
    7: "Pilot",
    8: "Scorecard",
    9: "Decision",
}
"""The tabs of DESIGN section 6, by digit."""


@pytest.mark.parametrize("place", ALL, ids=[p.words() for p in ALL])
def test_a_place_names_a_tab_of_the_design_and_its_key(place: Place) -> None:
    assert DESIGN_TABS[place.tab] == place.title
    built = next((t for t in TABS if t.key == str(place.tab)), None)
    if built is None:  # tabs 7-9 are being built: the place names the tab alone
        assert (place.key, place.binding) == ("", "")
        return
    assert built.title == place.title
    if place.binding:
        bindings = Binding.make_bindings(built.load().BINDINGS)
        [binding] = [b for b in bindings if b.id == place.binding]
        assert place.key in binding.key.split(",")
