"""The modal forms as a user at 80x24 meets them: why a save is refused, when fields are flagged, escape."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pilot_helpers import form, type_text
from textual.pilot import Pilot

from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog, FormField

MakeApp = Callable[[PlanStore], CoachApp]
SIZE = (80, 24)


def screen_text(app: CoachApp) -> str:
    """The screen as a user reads it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_topic_with_reversed_review(pilot: Pilot[None]) -> None:
    """Governance, first topic: a reviewer, a review date, and a next review before it."""
    await pilot.press("5", "enter", "tab", "tab")  # from the statement, past the owner
    await type_text(pilot, "A. Counsel")
    await pilot.press("tab")
    await type_text(pilot, "2025-02-01")
    await pilot.press("tab")
    await type_text(pilot, "2025-01-15")


async def test_a_refused_save_says_why_on_screen(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_topic_with_reversed_review(pilot)
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")  # back up to the statement
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Said once, under the fields, not again above the buttons.
        assert "✗ The next review must come after the review." in screen_text(app)
        assert screen_text(app).count("The next review must come after the review.") == 1
        dialog = form(app)
        assert dialog.raw_values()["reviewed_by"] == "A. Counsel"
        assert dialog.raw_values()["next_review"] == "2025-01-15"
        assert memory_store.plan.governance[0].reviewed_at is None and memory_store.history() == []


async def test_a_refused_save_focuses_the_first_field_at_fault(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "tab", "tab", "tab", "tab")  # next review, the last field
        await type_text(pilot, "2025-13-01")
        assert form(app).errors["next_review"].startswith("Write a date as YYYY-MM-DD")  # flagged as typed
        await pilot.press("shift+tab", "shift+tab", "shift+tab", "shift+tab")
        await pilot.pause()
        assert app.focused is form(app).widget_for("statement")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is form(app).widget_for("next_review")
        text = screen_text(app)
        assert "✗ Write a date as YYYY-MM-DD, e.g. 2025-03-31." in text
        assert text.count("Write a date") == 1 and "Not saved" not in text  # once, at the field
        assert memory_store.history() == []


async def test_the_focused_field_is_scrolled_clear_of_the_buttons(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5", "enter", "tab", "tab", "tab", "tab")  # Tab x4: next review due
        await pilot.pause()
        dialog = form(app)
        assert app.focused is dialog.widget_for("next_review")
        field, footer = app.focused.region, dialog.query_one("#form-footer").region
        title = dialog.query_one("#form-title").region
        assert title.bottom <= field.y and field.bottom <= footer.y  # was under the buttons
        assert "Next review due (YYYY-MM-DD)" in screen_text(app)


async def test_a_refusal_from_the_plan_shows_under_a_long_form(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        fields = [FormField(f"line{i}", f"Line {i}", initial=f"text {i}") for i in range(8)]
        app.push_screen(FormDialog("A long form", fields, submit=lambda values: "The plan refused it."))
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "✗ The plan refused it." in text and "A long form" in text and "Save (ctrl+s)" in text
        assert form(app).raw_values()["line0"] == "text 0"


OPEN_EMPTY_FORMS = {
    "evidence": ("2", "e"),
    "what changed": ("2", "w"),
    "new use case": ("3", "n"),
    "new activity": ("6", "n"),
    "new role": ("6", "N"),
}


@pytest.mark.parametrize("keys", OPEN_EMPTY_FORMS.values(), ids=OPEN_EMPTY_FORMS.keys())
async def test_a_new_form_flags_nothing_before_it_is_touched(
    memory_store: PlanStore, make_app: MakeApp, keys: tuple[str, ...]
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert form(app).errors == {}
        assert "✗" not in screen_text(app).split("╭", 1)[1]  # nothing flagged inside the form
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Required." in form(app).errors.values()
        assert "✗ Required." in screen_text(app) and "Not saved" not in screen_text(app)


async def test_the_reopen_reason_waits_for_an_edit_or_a_save(
    named_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(named_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "s", "e")
        await type_text(pilot, "Signed matrix")
        await pilot.press("ctrl+s", "c", "o")
        await pilot.pause()
        assert form(app).errors == {} and "Required." not in screen_text(app)
        await type_text(pilot, "x")
        await pilot.press("backspace")
        assert form(app).errors == {"reason": "Required."}  # edited, then emptied: flagged
        assert "✗ Required." in screen_text(app)


async def test_escape_on_an_untouched_form_closes_at_once(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e", "escape")
        await pilot.pause()
        assert app.screen is app.main
        await pilot.press("e")
        await type_text(pilot, "x")
        await pilot.press("backspace", "escape")  # typed, then back to what it opened with
        await pilot.pause()
        assert app.screen is app.main and memory_store.history() == []


async def test_escape_on_a_filled_form_asks_before_discarding(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "e")
        await type_text(pilot, "Half written")
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Discard it?" in screen_text(app) and "Keep editing (n)" in screen_text(app)
        await pilot.press("n")
        assert form(app).raw_values()["result"] == "Half written"
        await pilot.press("escape", "escape")  # escape in the question keeps the form too
        assert form(app).raw_values()["result"] == "Half written"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is app.main
        assert memory_store.plan.evidence == [] and memory_store.history() == []


async def test_what_was_typed_is_saved_after_a_refusal_is_fixed(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_topic_with_reversed_review(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press(*["backspace"] * 10)
        assert "Not saved" not in screen_text(app)  # an edit clears the refusal
        await type_text(pilot, "2026-02-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main
        topic = memory_store.plan.governance[0]
        assert (topic.reviewed_by, str(topic.reviewed_at), str(topic.next_review)) == (
            "A. Counsel",
            "2025-02-01",
            "2026-02-01",
        )


async def test_a_tick_list_ticks_any_number_by_key_and_shows_each_tick_as_x(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    fields = [
        FormField(
            "cites", "Evidence", kind="ticks", options=[("One", 1), ("Two", 2), ("Three", 3)], required=True
        ),
    ]
    results: list[object] = []
    app = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(FormDialog("Pick", fields), results.append)
        await pilot.pause()
        await pilot.press("ctrl+s")
        assert form(app).errors["cites"] == "Required."  # nothing ticked counts as empty
        await pilot.press("space", "j", "j", "enter")  # space or enter ticks; j moves
        assert (
            "[x] One" in screen_text(app)
            and "[ ] Two" in screen_text(app)
            and "[x] Three" in screen_text(app)
        )
        assert form(app).is_changed() and form(app).values()["cites"] == [1, 3]
        await pilot.press("k", "k", "space")  # and unticks
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert results == [{"cites": [3]}]
