"""The RACI editor (tab 6): every edit by keys, the row validation, removal with its consequences."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from pilot_helpers import form, notices, type_text
from textual.pilot import Pilot
from textual.widgets import Static

from schemas.defaults import default_plan
from schemas.records import RaciRole
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.confirm import ConfirmDialog
from tui.views.raci.grid import RaciGrid
from tui.views.raci.view import RaciView
from tui.widgets.status_lines import StatusLines

MakeApp = Callable[[PlanStore], CoachApp]
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def screen_text(app: CoachApp) -> list[str]:
    """The screen as a user reads it, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def grid_lines(app: CoachApp) -> list[str]:
    """The grid's lines on screen: two header lines, then one line per activity."""
    region = grid(app).region
    return screen_text(app)[region.y : region.bottom]


def grid(app: CoachApp) -> RaciGrid:
    return app.query_one(RaciGrid)


def on_screen(app: CoachApp, line: int) -> list[str]:
    """What grid line ``line`` shows right of the activity names, role column by role column.

    The last piece is what is left at the right edge, narrower than a column.
    """
    text = grid_lines(app)[line]
    start, width = grid(app).name_width, RaciGrid.CELL_WIDTH
    return [text[x : x + width].strip() for x in range(start, len(text), width)]


def role_titles(app: CoachApp) -> list[str]:
    """The role names in the grid header as read on screen, column by column."""
    tops, bottoms = on_screen(app, 0), on_screen(app, 1)
    return [f"{top} {bottom}".strip() for top, bottom in zip(tops, bottoms, strict=True)]


def cells(app: CoachApp, activity_id: str) -> dict[str, str]:
    """An activity's stored letters, role id -> letter."""
    row = next(a for a in app.store.plan.raci_activities if a.id == activity_id)
    return {key: str(value) for key, value in row.cells.items()}


def raci_messages(app: CoachApp, entity: str) -> list[str]:
    return [f.message for f in app.session.findings if f.rule == "raci" and f.entity == entity]


def check_line(app: CoachApp) -> str:
    return app.query_one("#raci-status", StatusLines).text.partition("\n")[2]


async def open_raci(pilot: Pilot[None]) -> None:
    await pilot.press("6")
    await pilot.pause()


async def test_letter_keys_set_the_cursor_cell_one_commit_each(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        before = len(app.store.history())
        # act-1 "Define the development purpose": HR A/R
        await pilot.press("l", "l")  # Security, empty
        await pilot.press("c")
        assert cells(app, "act-1")["role-3"] == "C"
        await pilot.press("i")
        assert cells(app, "act-1")["role-3"] == "I"
        await pilot.press("r")
        assert cells(app, "act-1")["role-3"] == "R"
        history = app.store.history()
        assert len(history) == before + 3
        assert [e.action for e in history[-3:]] == ["raci.cell"] * 3
        assert history[-1].summary == 'Set Security to R (responsible) on "Define the development purpose"'
        assert history[-1].edits[0].before == {"role-1": "A/R", "role-3": "I"}


async def test_arrows_and_vim_keys_move_the_cursor(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("down", "j", "right", "l", "l")  # act-3, IT
        assert grid(app).current_ids() == ("act-3", "role-4")
        await pilot.press("k", "h", "up", "left")  # act-1, HR
        assert grid(app).current_ids() == ("act-1", "role-2")
        await pilot.press("left", "left", "up")  # stops at the edges
        assert grid(app).current_ids() == ("act-1", "role-1")
        await pilot.press("j", "l", "l", "l", "a")
        assert cells(app, "act-2")["role-4"] == "A"


async def test_space_and_backspace_clear_and_a_repeat_records_nothing(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        before = len(app.store.history())
        await pilot.press("j", "slash")  # HR is already A/R of act-2: nothing to record
        assert len(app.store.history()) == before
        await pilot.press("space")
        assert "role-1" not in cells(app, "act-2")
        await pilot.press("l", "backspace")
        assert "role-2" not in cells(app, "act-2")
        await pilot.press("backspace")  # already empty
        history = app.store.history()
        assert len(history) == before + 2
        name = "Communicate with employees: notice, opt-out, support"
        assert history[-1].summary == f'Cleared the letter of Legal and privacy on "{name}"'


async def test_undo_reverts_one_cell(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("l", "l", "r")
        await pilot.press("ctrl+z")
        assert "role-3" not in cells(app, "act-1")
        assert app.store.history()[-1].action == "undo"
        assert "[·]" in "\n".join(screen_text(app))


async def test_two_accountable_roles_mark_the_row_and_say_why(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        assert "✓ Valid. Accountable (A): HR; responsible (R): HR." in check_line(app)  # A/R counts as both
        await pilot.press("l", "a")  # Legal becomes a second A of act-1
        message = (
            'Activity "Define the development purpose" has 2 accountable roles (A), '
            "HR and Legal and privacy; exactly one role may be accountable."
        )
        assert raci_messages(app, "raci_activities/act-1") == [message]
        assert grid(app).rows[0].problem == message
        # The same symbol and word as the Overview and `check` give this blocking finding.
        assert f"✗ BLOCKING: {message} Fix: Keep one A" in check_line(app)
        assert grid_lines(app)[2].startswith("✗ Define the development")
        assert grid_lines(app)[3].startswith("✓ Communicate")


async def test_no_responsible_and_no_accountable_are_both_said(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("j", "space", "l", "l", "l", "space")  # act-2 loses HR's A and IT's R
        assert cells(app, "act-2") == {"role-2": "C"}
        name = "Communicate with employees: notice, opt-out, support"
        assert raci_messages(app, "raci_activities/act-2") == [
            f'Activity "{name}" has no accountable role (A).',
            f'Activity "{name}" has no responsible role (R).',
        ]
        line = check_line(app)
        assert "no accountable role (A)" in line and "no responsible role (R)" in line


async def test_the_expand_decision_must_be_owned_by_the_sponsor(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press(*["j"] * 8)  # act-9, the decision to expand or stop
        assert "This is the decision to expand, modify or stop." in check_line(app)
        await pilot.press("end", "r", "home", "a")  # HR and the sponsor swap A and R
        assert (cells(app, "act-9")["role-1"], cells(app, "act-9")["role-6"]) == ("A", "R")
        assert raci_messages(app, "raci_activities/act-9") == [
            'The decision to expand or stop ("Decide to expand, modify or stop") is owned by HR, '
            "not by the executive sponsor."
        ]
        assert grid(app).rows[8].problem


async def test_new_activity_and_new_role_by_form(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("n")
        await type_text(pilot, "Approve the notice")
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = app.store.plan.raci_activities[-1]
        assert (added.id, added.name, added.cells, added.expand_decision) == (
            "act-10",
            "Approve the notice",
            {},
            False,
        )
        assert grid(app).current_ids()[0] == "act-10"
        assert raci_messages(app, "raci_activities/act-10") == [
            'Activity "Approve the notice" has no accountable role (A).',
            'Activity "Approve the notice" has no responsible role (R).',
        ]
        await pilot.press("N")
        await type_text(pilot, "Works council")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.plan.raci_roles[-1] == RaciRole(id="role-7", name="Works council", sponsor=False)
        assert grid(app).current_ids() == ("act-10", "role-7")
        await pilot.press("a")
        assert cells(app, "act-10") == {"role-7": "A"}
        assert [e.action for e in app.store.history()[-3:]] == [
            "raci.activity.new",
            "raci.role.new",
            "raci.cell",
        ]


async def test_an_empty_name_is_refused_in_the_form(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        before = len(app.store.history())
        await pilot.press("n", "ctrl+s")
        await pilot.pause()
        assert form(app).refusal == "Not saved: Activity: Required."
        assert str(form(app).query_one("#err-name", Static).render()) == "✗ Required."  # said at the field
        await pilot.press("escape")
        assert len(app.store.history()) == before
        assert len(app.store.plan.raci_activities) == 9


async def test_enter_renames_the_activity_and_shift_e_the_role(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("j", "enter")
        form(app).set_value("name", "Tell employees: notice, opt-out, support")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.plan.raci_activities[1].name == "Tell employees: notice, opt-out, support"
        assert app.store.history()[-1].summary == (
            'Renamed the RACI activity "Communicate with employees: notice, opt-out, support" '
            'to "Tell employees: notice, opt-out, support"'
        )
        await pilot.press("l", "E")
        dialog = form(app)
        dialog.set_value("name", "Privacy office")
        dialog.set_value("flag", True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.plan.raci_roles[1] == RaciRole(id="role-2", name="Privacy office", sponsor=True)
        assert app.store.history()[-1].action == "raci.role.edit"
        assert len(app.store.history()[-1].edits) == 2


async def test_removing_an_activity_says_it_holds_the_expand_decision(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press(*["j"] * 8, "delete")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert 'Remove the activity "Decide to expand, modify or stop"?' in dialog.message
        assert "The plan would have no decision to expand or stop" in dialog.message
        assert "Its 3 letters go with it." in dialog.message
        await pilot.press("n")
        assert len(app.store.plan.raci_activities) == 9
        await pilot.press("delete", "y")
        await pilot.pause()
        assert [a.id for a in app.store.plan.raci_activities][-1] == "act-8"
        assert app.store.history()[-1].action == "raci.activity.remove"
        assert any(f.entity == "raci_activities" and f.rule == "raci" for f in app.session.findings)
        message = "No RACI activity is marked as the decision to expand or stop."
        assert f"✗ BLOCKING (raci): {message}" in check_line(app)


async def test_removing_a_role_says_what_breaks_and_clears_it_everywhere_in_one_entry(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        before_plan = app.store.plan
        before = len(app.store.history())
        await pilot.press("l", "D")  # Legal and privacy
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert (
            '3 activities would have no accountable role (A): "Review lawful basis and notices", '
            '"Review contracts and prohibited uses" and "Explain model behavior'
        ) in dialog.message
        assert (
            '2 activities would have no responsible role (R): "Review lawful basis and notices" and '
            '"Review contracts and prohibited uses".'
        ) in dialog.message
        assert (
            '5 governance topics would have no owner: "Data collection", "Retention", "Model use" and 2 more.'
        ) in dialog.message
        assert "Its letters in 5 activities are cleared." in dialog.message
        await pilot.press("y")
        await pilot.pause()
        plan = app.store.plan
        assert [r.id for r in plan.raci_roles] == ["role-1", "role-3", "role-4", "role-5", "role-6"]
        assert all("role-2" not in a.cells for a in plan.raci_activities)
        assert [t.id for t in plan.governance if t.owner_role is None] == [
            "gov-1",
            "gov-2",
            "gov-3",
            "gov-5",
            "gov-7",
        ]
        assert len(app.store.history()) == before + 1
        assert app.store.history()[-1].summary == 'Removed the RACI role "Legal and privacy"'
        assert grid(app).current_ids() == ("act-1", "role-3")
        await pilot.press("ctrl+z")
        await pilot.pause()
        restored = app.store.plan
        assert restored.raci_roles == before_plan.raci_roles
        assert restored.raci_activities == before_plan.raci_activities
        assert restored.governance == before_plan.governance
        assert len(app.store.history()) == before + 2


async def test_removing_the_only_sponsor_says_so(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("end", "D")
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "No role would be the executive sponsor" in dialog.message
        decision = '1 activity would have no {} role ({}): "Decide to expand, modify or stop".'
        assert decision.format("accountable", "A") in dialog.message  # the sponsor's A/R is both
        assert decision.format("responsible", "R") in dialog.message


async def test_the_grid_scrolls_sideways_keeping_the_activity_names(make_app: MakeApp) -> None:
    plan = default_plan(NOW)
    extra = [RaciRole(id=f"role-{n}", name=f"Regional lead {n}") for n in range(7, 19)]
    store = PlanStore.memory(plan.model_copy(update={"raci_roles": [*plan.raci_roles, *extra]}))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        assert "Regional lead 18" not in "\n".join(screen_text(app))
        await pilot.press("end")
        assert grid(app).current_ids() == ("act-1", "role-18")
        assert grid(app).scroll_x > 0
        lines = grid_lines(app)
        assert lines[2].startswith("✓ Define the develop")
        assert lines[2].rstrip().endswith("[·]")
        assert "Regional" in lines[0] and "lead 18" in lines[1]
        assert all(len(line) == 80 for line in screen_text(app))
        await pilot.press("i")
        assert cells(app, "act-1")["role-18"] == "I"
        await pilot.press("home")
        assert grid(app).scroll_x == 0


async def test_a_finding_puts_the_cursor_on_its_activity(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await app.main.open_entity("raci_activities/act-5")
        await pilot.pause()
        assert isinstance(app.main.active_view, RaciView)
        assert grid(app).current_ids()[0] == "act-5"
        assert app.focused is grid(app)
        assert "HR: empty · Review the architecture" in app.query_one("#raci-status", StatusLines).text


async def test_a_click_selects_the_cell(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        name_width = grid(app).name_width
        await pilot.click(RaciGrid, offset=(name_width + 2 * RaciGrid.CELL_WIDTH + 4, 2 + 3))
        assert grid(app).current_ids() == ("act-4", "role-3")


async def test_read_only_plan_refuses_letters(make_app: MakeApp) -> None:
    store = PlanStore.memory(default_plan(NOW))
    store.read_only = True
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("l", "l", "r")
        await pilot.pause()
        assert "role-3" not in cells(app, "act-1")
        assert any("read-only" in text for text in notices(app))


def with_roles(*names: str) -> PlanStore:
    """A default plan with these roles added after the six it has."""
    plan = default_plan(NOW)
    extra = [RaciRole(id=f"role-{n}", name=name) for n, name in enumerate(names, start=7)]
    return PlanStore.memory(plan.model_copy(update={"raci_roles": [*plan.raci_roles, *extra]}))


FIRST_SIX = ["HR", "Legal and pri…", "Security", "IT", "Vendor", "⚑Execut… sponsor"]
"""The default plan's roles as their column headers read at 80 columns."""


async def test_a_seventh_role_at_80_columns_shows_whole_columns_only(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        assert role_titles(app) == FIRST_SIX  # six roles fit: no piece left at the edge
        await pilot.press("N")
        await type_text(pilot, "Works council")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("end")
        # The new role's column comes whole into view and HR's goes: what the header says.
        assert grid(app).current_ids() == ("act-1", "role-7")
        assert role_titles(app) == [*FIRST_SIX[1:], "Works council", ""]
        assert "Roles 2-7 of 7" in grid_lines(app)[1]
        assert on_screen(app, 2) == ["·", "·", "·", "·", "·", "[·]", ""]
        await pilot.press("c")
        assert cells(app, "act-1")["role-7"] == "C"
        assert on_screen(app, 2) == ["·", "·", "·", "·", "·", "[C]", ""]
        await pilot.press("end")  # already there: nothing moves, nothing goes blank
        assert role_titles(app) == [*FIRST_SIX[1:], "Works council", ""]
        assert "Roles 2-7 of 7" in grid_lines(app)[1]
        await pilot.press("home")
        assert role_titles(app) == [*FIRST_SIX, ""]
        assert "Roles 1-6 of 7" in grid_lines(app)[1]
        assert on_screen(app, 2) == ["[A/R]", "·", "·", "·", "·", "·", ""]
        await pilot.press("end")
        assert on_screen(app, 2) == ["·", "·", "·", "·", "·", "[C]", ""]
        assert all(len(line) == 80 for line in screen_text(app))


async def test_the_cursor_column_is_always_whole_and_the_header_says_which_roles_show(
    make_app: MakeApp,
) -> None:
    app = make_app(with_roles("Works council", "Data protection officer"))
    titles = [*FIRST_SIX, "Works council", "Data protect…"]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        for key in ["right"] * 7 + ["left"] * 7 + ["end", "home"]:
            await pilot.press(key)
            column = grid(app).column
            shown = role_titles(app)
            first = titles.index(shown[0])
            # Six whole columns, the roles the header names, nothing cut at the right edge.
            assert shown == [*titles[first : first + 6], ""], key
            assert f"Roles {first + 1}-{first + 6} of 8" in grid_lines(app)[1], key
            assert on_screen(app, 2)[column - first].startswith("["), key
        assert grid(app).current_ids() == ("act-1", "role-1")


@pytest.mark.parametrize("no_color", [False, True])
async def test_the_check_line_reads_whole_the_first_time_the_grid_opens(
    memory_store: PlanStore, make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, no_color: bool
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        lines = [line.strip() for line in screen_text(app)]
        assert "HR: A/R (accountable and doing the work) · Define the development purpose" in lines
        assert "✓ Valid. Accountable (A): HR; responsible (R): HR." in lines
        assert "✓" not in lines and "V" not in lines


async def test_slash_sets_a_r_which_counts_as_accountable_and_responsible(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_raci(pilot)
        await pilot.press("j", "j", "slash")  # act-3: HR was C, Legal holds A/R
        assert cells(app, "act-3") == {"role-1": "A/R", "role-2": "A/R"}
        assert app.store.history()[-1].summary == (
            'Set HR to A/R (accountable and doing the work) on "Review lawful basis and notices"'
        )
        assert "has 2 accountable roles (A), HR and Legal and privacy" in check_line(app)
        assert "[A/R]" in grid_lines(app)[4]
        await pilot.press("l", "r")  # Legal keeps doing the work, HR answers for it
        assert not raci_messages(app, "raci_activities/act-3")
        assert "✓ Valid. Accountable (A): HR; responsible (R): HR and Legal and privacy." in check_line(app)
