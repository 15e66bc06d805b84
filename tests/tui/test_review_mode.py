"""Review mode by keys at 80x24: start, outcomes, actions, jump and return, finish, leave."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pilot_helpers import form, notices, type_text
from textual.pilot import Pilot

from schemas.enums import ReviewOutcome
from schemas.example import example_plan
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.help import HelpDialog
from tui.palette import palette_commands
from tui.screens.review import ReviewScreen
from tui.views.pilot.view import PilotView
from tui.views.review.dialogs import FinishDialog, LeaveDialog, ReadDialog
from tui.views.review.listing import ReviewsDialog
from tui.views.stages.view import StagesView
from tui.widgets.linetable import LineTable

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TODAY = date(2026, 12, 1)
SIZE = (80, 24)


@pytest.fixture
def store() -> PlanStore:
    """The worked example: stages 1-4 complete, the pilot running, one finding on stage 5."""
    return PlanStore.memory(example_plan(NOW))


def _app(store: PlanStore) -> CoachApp:
    return CoachApp(store, today=TODAY)


async def _start(pilot: Pilot[None], app: CoachApp) -> None:
    """R, then one attendee (Ana Ruiz, HR) and the default date."""
    await pilot.press("R")
    await type_text(pilot, "Ana Ruiz")
    form(app).set_value("role_1", "role-1")
    await pilot.press("ctrl+s")
    await pilot.pause()


def _review(app: CoachApp) -> ReviewScreen:
    screen = app.screen
    assert isinstance(screen, ReviewScreen), f"expected review mode, found {screen!r}"
    return screen


def _text(app: CoachApp, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def _outcome(pilot: Pilot[None], key: str, note: str = "") -> None:
    await pilot.press(key)
    await type_text(pilot, note)
    await pilot.press("enter")
    await pilot.pause()


async def _action(pilot: Pilot[None], app: CoachApp, what: str, due: date) -> None:
    await pilot.press("n")
    await type_text(pilot, what)
    form(app).set_value("owner", "role-1")  # HR
    form(app).set_value("due", due.isoformat())
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_start_asks_the_meeting_once_and_needs_an_attendee(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        meeting = form(app)
        assert meeting.values()["held_on"] == TODAY
        roles = dict(next(f for f in meeting.fields if f.name == "role_1").options)
        assert [r.name for r in store.plan.raci_roles] == list(roles)[:-1]  # the RACI roles, then "another"
        await pilot.press("ctrl+s")
        assert form(app) is meeting and "Attendee 1: name" in meeting.refusal
        await type_text(pilot, "Ana Ruiz")
        meeting.set_value("role_1", "role-1")
        await type_text(pilot, "")
        await pilot.press("tab", "tab")  # to attendee 2, who opened once attendee 1 had a name
        await type_text(pilot, "Kim Lee")
        meeting.set_value("role_2", "other:")
        meeting.set_value("other_2", "Facilitator")
        await pilot.press("ctrl+s")
        await pilot.pause()
        review = _review(app)
        assert "STAGE 1 OF 8" in _text(app, "#review-heading")
        assert "2 attending" in _text(app, "#review-meeting")
        assert review.draft.attendees[1].role == "Facilitator"
        assert store.plan.reviews == [] and len(store.history()) == 0  # nothing recorded yet


async def test_outcomes_replace_each_other_and_changes_need_a_note(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await _outcome(pilot, "a")
        await pilot.press("l")
        await pilot.press("c", "enter")  # no note: refused, the form stays
        assert "Required" in form(app).refusal
        await type_text(pilot, "Attest again")
        await pilot.press("enter")
        await pilot.pause()
        draft = _review(app).draft
        assert {n: v.outcome for n, v in draft.verdicts.items()} == {
            1: ReviewOutcome.ACCEPTED,
            2: ReviewOutcome.CHANGES_REQUESTED,
        }
        await _outcome(pilot, "a", "Seen again")
        assert draft.verdicts[2].outcome is ReviewOutcome.ACCEPTED and draft.verdicts[2].note == "Seen again"
        assert "Accepted: Seen again" in str(app.screen.query_one("#review-text").render())
        assert "decided 1✓ 2✓" in _text(app, "#review-meeting")
        assert len(store.history()) == 0


async def test_an_action_is_added_on_its_stage_and_shown_with_owner_and_due(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await pilot.press("l", "l", "l", "l")
        await _action(pilot, app, "Agree the notice wording", TODAY - timedelta(days=1))
        [action] = _review(app).draft.actions
        assert (action.stage, action.owner, action.owner_role) == (5, "HR", "role-1")
        text = str(app.screen.query_one("#review-text").render())
        assert (
            f"Action: Agree the notice wording (owner HR, due {TODAY - timedelta(days=1)}, overdue)" in text
        )
        assert "1 action" in _text(app, "#review-meeting")


async def test_jump_to_a_fix_and_come_back_to_the_same_place(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await _outcome(pilot, "a")
        await pilot.press(*"llllll")
        page_findings = app.screen.query_one("#review-findings", LineTable)
        assert "no completion" in page_findings.rows[0][2]  # the example's finding on stage 7
        await pilot.press("g")
        await pilot.pause()
        main = app.main
        assert app.screen is main and main.active_tab == "stages"
        assert main.query_one(StagesView).stage.number == 7
        assert any("R returns to it" in n for n in notices(app))
        await pilot.press("R")
        await pilot.pause()
        review = _review(app)
        assert "STAGE 7 OF 8" in _text(app, "#review-heading")
        assert review.draft.verdicts[1].outcome is ReviewOutcome.ACCEPTED  # the draft survived the jump
        assert len(store.history()) == 0


async def test_a_finding_on_the_pilot_goes_to_tab_7_with_the_pilot_selected(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await pilot.press(*"llllll", "j")  # stage 7: the small-groups note points at the pilot
        await pilot.press("g")
        await pilot.pause()
        assert app.main.active_tab == "pilot"  # tab 7 edits the pilots table
        row = app.main.query_one(PilotView).row
        assert row is not None and row.entity == "pilots/pilot-1" and row.section == "Design"
        assert any("R returns to it" in n for n in notices(app))


async def test_finish_shows_the_summary_and_saves_one_review_in_one_entry(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        for _ in range(4):
            await _outcome(pilot, "a")
            await pilot.press("l")
        await _outcome(pilot, "c", "Notice wording")
        await _action(pilot, app, "Agree the notice wording", TODAY - timedelta(days=1))
        await pilot.press("f")
        assert isinstance(app.screen, FinishDialog)
        assert "Outcomes: 4 accepted, 1 changes requested; 1 action." in app.screen.text
        await pilot.press("escape")  # back to the review: nothing saved
        assert _review(app) and len(store.history()) == 0
        await pilot.press("f", "y")
        await pilot.pause()
        assert app.screen is app.main and app.session.review is None
        [entry] = store.history()
        assert entry.action == "review.finish"
        [review] = store.plan.reviews
        assert review.finished and [v.stage for v in review.verdicts] == [1, 2, 3, 4, 5]
        [action] = store.plan.review_actions
        assert action.review == review.id
        warning = next(f for f in app.session.findings if f.entity == f"review_actions/{action.id}")
        assert warning.rule == "dates" and "owned by HR" in warning.message
        actions = app.main.query_one("#review-actions", LineTable)
        assert actions.display and actions.rows[0][:3] == ("!", str(TODAY - timedelta(days=1)), "overdue")
        assert "1 overdue" in str(actions.border_title)


async def test_finish_needs_an_outcome(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await pilot.press("f")
        assert _review(app) and any("at least one stage's outcome" in n for n in notices(app))


async def test_leave_without_finishing_discard_records_nothing(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await _outcome(pilot, "a")
        await pilot.press("escape")
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")  # stay
        assert _review(app).draft.verdicts
        await pilot.press("escape", "d")
        await pilot.pause()
        assert app.screen is app.main and app.session.review is None
        assert store.plan.reviews == [] and len(store.history()) == 0


async def test_leave_without_finishing_keep_saves_an_unfinished_review(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await _outcome(pilot, "c", "Matrix unsigned")
        await pilot.press("escape", "k")
        await pilot.pause()
        [entry] = store.history()
        assert entry.action == "review.keep" and "unfinished" in entry.summary
        [review] = store.plan.reviews
        assert not review.finished and review.verdicts[0].note == "Matrix unsigned"
        await pilot.press("v")
        listing = app.screen
        assert isinstance(listing, ReviewsDialog)
        assert listing.table.rows[0][1:] == ("unfinished", "Ana Ruiz (HR)", "1 changes requested")
        await pilot.press("enter")
        assert isinstance(app.screen, ReadDialog)
        assert "Stage 1 Define Permitted Use Cases: changes requested. Matrix unsigned" in app.screen.text


async def test_an_action_is_marked_done_by_a_typed_name_and_leaves_the_overview(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await _outcome(pilot, "c", "Matrix unsigned")
        await _action(pilot, app, "Have the matrix signed", TODAY - timedelta(days=2))
        await pilot.press("f", "y")
        await pilot.pause()
        await pilot.press("d")
        done = form(app)
        assert done.values()["done_by"] == ""  # the plan has no display name: never the OS account
        assert done.values()["done_at"] == TODAY
        await type_text(pilot, "Ana Ruiz")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [action] = store.plan.review_actions
        assert (action.done_by, action.done_at) == ("Ana Ruiz", TODAY)
        assert store.history()[-1].action == "review_action.done"
        assert not app.main.query_one("#review-actions", LineTable).display
        assert not [f for f in app.session.findings if f.entity.startswith("review_actions/")]


async def test_read_only_refuses_a_review(store: PlanStore) -> None:
    store.read_only = True
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        assert app.screen is app.main and any("read-only" in n for n in notices(app))


async def test_quit_during_a_review_asks_first(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await pilot.press("ctrl+q")
        assert app.return_code is None and "review meeting is in progress" in str(app.screen.message)


async def test_help_and_palette_name_the_review_keys_with_their_ids(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        titles = {c.title for c in palette_commands(app, app.main)}
        assert "Review mode: walk the stages in a meeting (or return to the one in progress)" in titles
        await _start(pilot, app)
        titles = {c.title: c.help for c in palette_commands(app, app.main)}
        assert titles["Review: Accept this stage (with a note)"] == "key a in review mode"
        assert titles["Review: Next stage"] == "key →/l in review mode"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        rows = dict(app.screen.keys)
        assert rows["f"].endswith("[review.finish]") and rows["esc"].endswith("[review.leave]")
        await pilot.press("escape")
        bar = _text(app, "#review-keys")
        assert bar.startswith("a Accept  c Changes  n Action  g Fix  f Finish") and len(bar) <= SIZE[0]
        assert bar.endswith("esc Leave  ? Help  ^p palette")


async def test_the_palette_steps_out_of_the_review_and_r_comes_back(store: PlanStore) -> None:
    app = _app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _start(pilot, app)
        await pilot.press("l")
        go_raci = next(c for c in palette_commands(app, app.main) if c.title == "Go to RACI")
        go_raci.run()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.main and app.main.active_tab == "raci"
        await pilot.press("R")
        await pilot.pause()
        assert "STAGE 2 OF 8" in _text(app, "#review-heading")
