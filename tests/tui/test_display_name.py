"""'Recorded by' and 'Attested by' are a person's name: typed, or the plan's display name (Pilot, 80x24)."""

from __future__ import annotations

from conftest import NOW
from pilot_helpers import form, type_text

from schemas.defaults import default_plan
from store import PlanStore
from store.entries import os_user
from tui.app import CoachApp
from tui.palette import palette_commands

SIZE = (80, 24)


def hint(app: CoachApp, name: str) -> str:
    return str(form(app).query_one(f"#box-{name} .form-hint").render())


async def test_without_a_display_name_recorded_by_starts_empty_and_is_required() -> None:
    store = PlanStore.memory(default_plan(NOW))
    app = CoachApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "e")
        await pilot.pause()
        assert form(app).raw_values()["recorded_by"] == ""  # was the OS account, e.g. 'root'
        assert os_user() not in form(app).raw_values().values()
        assert "Type the person's name" in hint(app, "recorded_by") and "(key n)" in hint(app, "recorded_by")
        await type_text(pilot, "Signed matrix")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form(app).errors == {"recorded_by": "Required."}
        assert app.focused is form(app).widget_for("recorded_by")
        assert store.plan.evidence == []
        await pilot.press("escape", "y", "4", "a")
        await pilot.pause()
        assert form(app).raw_values()["by"] == ""  # an attestation by the OS account never starts filled


async def test_the_display_name_set_on_the_overview_fills_in_who_attests() -> None:
    store = PlanStore.memory(default_plan(NOW))
    app = CoachApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert form(app).form_title == "Your name"
        assert "the history records the computer's account name" in hint(app, "display_name")
        await type_text(pilot, "Dana Ruiz")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.plan.plan.display_name == "Dana Ruiz"
        assert store.history()[-1].action == "plan.display_name"
        await pilot.press("4", "a")
        await pilot.pause()
        assert form(app).raw_values()["by"] == "Dana Ruiz"
        assert hint(app, "by").startswith("Filled in with the plan's display name")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.plan.prohibitions[0].attested_by == "Dana Ruiz"
        assert store.history()[-1].actor == "Dana Ruiz"  # the history names the planner too
        titles = {command.title for command in palette_commands(app, app.main)}
        assert "Overview: Your name" in titles


async def test_the_hint_names_the_key_as_remapped() -> None:
    app = CoachApp(PlanStore.memory(default_plan(NOW)), keymap={"overview.display_name": "N"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        assert "(key N)" in hint(app, "by")
