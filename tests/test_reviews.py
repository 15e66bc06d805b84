"""Stage reviews without the app: the draft, the edit that saves it, overdue actions, gate summaries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from planbuild import NOW, TODAY, days, example, fresh

from schemas.enums import ReviewOutcome
from schemas.findings import evaluate
from schemas.plan import plan_from_tables, plan_to_tables
from schemas.records import Attendee, Observation
from schemas.review import ReviewDraft, action_rows, open_actions, review_rows, summary_lines
from schemas.substance import stage_substance
from store import PlanStore
from tui.session import PlanSession
from tui.views.review import changes


def _draft() -> ReviewDraft:
    people = [Attendee(name="Ana Ruiz", role="HR"), Attendee(name="Ben Ode", role="Legal and privacy")]
    return ReviewDraft(held_on=TODAY, attendees=people)


def _session() -> PlanSession:
    return PlanSession(PlanStore.memory(example()), TODAY)


def test_a_finished_review_and_its_actions_are_one_edit_and_one_history_entry() -> None:
    session = _session()
    draft = _draft()
    for stage in (1, 2, 3, 4):
        draft.record(stage, ReviewOutcome.ACCEPTED, "")
    draft.record(5, ReviewOutcome.CHANGES_REQUESTED, "Notice wording")
    draft.add_action(5, "Agree the notice wording", "HR", "role-1", days(-1))
    draft.add_action(5, "Brief the sponsor", "Dana Sponsor", None, days(7))
    before = len(session.store.history())

    result = session.apply(changes.save(session.plan, draft, finished=True))

    assert result.applied
    entries = session.store.history()[before:]
    assert [e.action for e in entries] == ["review.finish"]
    assert entries[0].summary == (
        f"Recorded the stage review of {TODAY}: 4 accepted, 1 changes requested; 2 actions."
    )
    [review] = session.plan.reviews
    assert review.finished and [a.name for a in review.attendees] == ["Ana Ruiz", "Ben Ode"]
    assert [(v.stage, v.outcome, v.note) for v in review.verdicts][-1] == (
        5,
        ReviewOutcome.CHANGES_REQUESTED,
        "Notice wording",
    )
    actions = session.plan.review_actions
    assert [(a.id, a.review, a.owner, a.owner_role) for a in actions] == [
        ("ra-1", review.id, "HR", "role-1"),
        ("ra-2", review.id, "Dana Sponsor", None),
    ]
    assert session.undo().applied and not session.plan.reviews and not session.plan.review_actions


def test_an_overdue_action_is_a_dates_warning_naming_owner_and_stage_until_it_is_done() -> None:
    session = _session()
    draft = _draft()
    draft.record(5, ReviewOutcome.CHANGES_REQUESTED, "Notice wording")
    draft.add_action(5, "Agree the notice wording", "HR", "role-1", days(-1))
    draft.add_action(6, "Plan manager training", "HR", "role-1", days(3))
    session.apply(changes.save(session.plan, draft, finished=True))

    overdue = [f for f in session.findings if f.rule == "dates" and f.entity.startswith("review_actions/")]
    assert len(overdue) == 1
    assert overdue[0].stage == 5 and overdue[0].entity == "review_actions/ra-1"
    assert "owned by HR" in overdue[0].message and "stage 5 Design a Limited Pilot" in overdue[0].message
    assert [row[1] for row in action_rows(session.plan, TODAY)] == ["overdue", "open"]

    action = session.plan.review_actions[0]
    done = changes.mark_done(action, {"done_by": "Ana Ruiz", "done_at": TODAY})
    assert session.apply(done).applied
    assert session.store.history()[-1].action == "review_action.done"
    assert not [f for f in session.findings if f.entity == "review_actions/ra-1"]
    assert [a.id for a in open_actions(session.plan)] == ["ra-2"]
    assert session.plan.review_actions[0].done_by == "Ana Ruiz"


def test_an_unfinished_review_is_kept_as_such() -> None:
    session = _session()
    draft = _draft()
    draft.record(1, ReviewOutcome.ACCEPTED, "Signed matrix seen")
    session.apply(changes.save(session.plan, draft, finished=False))
    assert session.store.history()[-1].action == "review.keep"
    assert not session.plan.reviews[0].finished
    assert review_rows(session.plan) == [
        (str(TODAY), "unfinished", "Ana Ruiz (HR), Ben Ode (Legal and privacy)", "1 accepted")
    ]


def test_recording_a_stage_again_replaces_its_outcome() -> None:
    draft = _draft()
    draft.record(2, ReviewOutcome.CHANGES_REQUESTED, "Attest again")
    draft.record(2, ReviewOutcome.ACCEPTED, "")
    assert draft.as_review(True).verdicts == [draft.verdicts[2]] and draft.verdicts[2].outcome == "accepted"


def test_the_meeting_form_needs_an_attendee_and_takes_a_typed_role() -> None:
    plan = example()
    assert changes.start(plan, {"held_on": TODAY}) == "Name at least one attendee."
    values = {"held_on": TODAY, "name_1": "Ana", "role_1": "role-1", "name_2": "Kim", "role_2": "other:"}
    values["other_2"] = "Facilitator"
    draft = changes.start(plan, values)
    assert isinstance(draft, ReviewDraft)
    assert [(a.name, a.role) for a in draft.attendees] == [("Ana", "HR"), ("Kim", "Facilitator")]


def test_a_bad_action_is_refused_before_it_reaches_the_draft() -> None:
    plan, draft = example(), _draft()
    refusal = changes.add_action(plan, draft, 5, {"what": "x\x07", "owner": "role-1", "due": TODAY})
    assert refusal is not None and "cannot be recorded" in refusal and not draft.actions


def test_the_summary_says_every_stage_and_each_action() -> None:
    plan, draft = example(), _draft()
    draft.record(5, ReviewOutcome.CHANGES_REQUESTED, "Notice wording")
    action = draft.add_action(5, "Agree the notice wording", "HR", "role-1", days(-1))
    lines = summary_lines(plan, draft.as_review(True), [action], TODAY)
    assert lines[1] == "Attendees: Ana Ruiz (HR), Ben Ode (Legal and privacy)"
    assert "Stage 1 Define Permitted Use Cases: not reviewed." in lines
    assert "Stage 5 Design a Limited Pilot: changes requested. Notice wording" in lines
    assert f"  Action: Agree the notice wording (owner HR, due {days(-1)}, overdue)" in lines
    assert lines[-1] == "Outcomes: 1 changes requested; 1 action."


def test_a_plan_of_format_two_without_review_tables_loads() -> None:
    tables = plan_to_tables(fresh())
    del tables["reviews"], tables["review_actions"]
    plan = plan_from_tables(tables)
    assert plan.reviews == [] and plan.review_actions == []


def test_each_stage_summary_reads_what_its_gate_reads() -> None:
    plan = example()
    assert stage_substance(plan, 1, TODAY)[0].startswith(f"{len(plan.use_cases)} use cases:")
    assert any("attested by" in line for line in stage_substance(plan, 2, TODAY))
    assert (
        stage_substance(plan, 3, TODAY)[0]
        == "9 of 9 governance topics have a statement, an owner and a review."
    )
    assert "delivery chosen" in stage_substance(plan, 4, TODAY)[0]
    design = stage_substance(plan, 5, TODAY)
    assert "Population: 40 people" in design[1]
    assert any(line.startswith("Stop condition:") for line in design)
    assert [line.split(":")[0] for line in stage_substance(plan, 6, TODAY)] == ["Employees", "Managers"]
    assert any(": met (latest" in line for line in stage_substance(plan, 7, TODAY))
    assert stage_substance(plan, 8, TODAY)[0].startswith("No decision to expand, modify or stop")
    assert stage_substance(fresh(), 5, TODAY) == ["No pilot is designed yet."]


def test_no_stage_summary_shows_a_value_behind_fewer_than_k_people() -> None:
    plan = example()
    k = plan.policy.min_group_size
    metric = next(c.metric for c in plan.conditions if c.pilot == plan.pilots[0].id)
    tiny = Observation(
        id="obs-900", pilot=plan.pilots[0].id, metric=metric, period=TODAY, value=123.0, n=k - 1
    )
    plan = plan.model_copy(update={"observations": [*plan.observations, tiny]})
    measured = stage_substance(plan, 7, TODAY)
    assert not [line for line in measured if "123" in line]
    assert any(f"{TODAY}: suppressed (n < {k})" in line for line in measured)


@pytest.mark.parametrize(
    ("invited", "attended", "shown"), [(40, 40, "40 of 40"), (40, 38, None), (2, 2, None)]
)
def test_training_attendance_is_shown_only_when_no_small_group_can_be_told(
    invited: int, attended: int, shown: str | None
) -> None:
    plan = example()
    sessions = [s.model_copy(update={"invited": invited, "attended": attended}) for s in plan.training]
    lines = stage_substance(plan.model_copy(update={"training": sessions}), 6, TODAY + timedelta(days=365))
    if shown is None:
        assert all("suppressed (n < 5)" in line for line in lines), lines
    else:
        assert any(shown in line for line in lines), lines


def test_a_fresh_plan_has_no_review_findings() -> None:
    assert not [f for f in evaluate(fresh(), NOW.date()) if "review" in f.entity]
