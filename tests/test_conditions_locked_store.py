"""conditions-locked in the store: a started pilot's condition changes only as an amendment with a reason."""

from __future__ import annotations

import pytest
from planbuild import TODAY, example

from schemas.edits import changed, removed
from schemas.enums import PilotStatus
from schemas.findings import evaluate
from schemas.history import Set
from schemas.plan import plan_from_tables, plan_to_tables
from store import ChangeRefused, PlanStore
from tui.views.pilot import changes


def _store() -> PlanStore:
    return PlanStore.memory(example())


def test_a_change_to_a_locked_condition_of_a_running_pilot_is_refused_naming_it() -> None:
    store = _store()
    condition = store.plan.conditions[0]
    for reason in ("", "A reason, but no amendment recorded"):
        with pytest.raises(ChangeRefused) as refused:
            store.apply("condition.edit", changed(condition, threshold=2), "Raised it.", reason)
        message = refused.value.message
        assert (
            'The stop condition "One privacy incident or more stops the pilot." (conditions/cond-1)'
            in message
        )
        assert "changes only as an amendment with a reason" in message
    assert store.plan.conditions[0].threshold == 1 and store.history() == []


def test_a_locked_condition_is_not_removed_even_with_a_reason() -> None:
    store = _store()
    condition = store.plan.conditions[2]
    with pytest.raises(ChangeRefused, match=r"\(conditions/cond-3\).*cannot be removed"):
        store.apply("condition.delete", removed(condition), "Removed.", "No longer needed")
    assert [c.id for c in store.plan.conditions][2] == "cond-3"


def test_an_amendment_without_its_reason_is_refused_and_with_it_saved() -> None:
    store = _store()
    condition = store.plan.conditions[0]
    amendment = changed(condition, threshold=2, amendment="False alarms by design")
    with pytest.raises(ChangeRefused):
        store.apply("condition.amend", amendment, "Amended.")
    edit = changes.amend(
        store.plan,
        condition,
        {
            "metric": "privacy_incidents",
            "comparison": condition.comparison,
            "threshold": "2",
            "reason": "Tests",
        },
    )
    store.apply(edit.action, edit.changes, edit.summary, edit.reason)
    amended = store.plan.conditions[0]
    assert amended.threshold == 2 and amended.amendment == "Tests"
    assert amended.original is not None and amended.original.threshold == 1
    assert store.history()[-1].reason == "Tests"
    store.undo()  # an undo carries the amendment's reason
    assert store.plan.conditions[0].threshold == 1


def test_conditions_of_a_pilot_in_design_change_freely_and_a_start_undone_unlocks_them() -> None:
    plan = example()
    pilot = plan.pilots[0].model_copy(update={"status": PilotStatus.DESIGN})
    conditions = [c.model_copy(update={"locked": False}) for c in plan.conditions]
    store = PlanStore.memory(plan.model_copy(update={"pilots": [pilot], "conditions": conditions}))
    store.apply("condition.edit", changed(store.plan.conditions[0], threshold=2), "Raised it.")
    edit = changes.start(store.plan, store.plan.pilots[0], {"who": "Priya", "on": pilot.start})
    store.apply(edit.action, edit.changes, edit.summary, edit.reason)
    assert all(c.locked for c in store.plan.conditions)
    with pytest.raises(ChangeRefused):
        store.apply(
            "condition.edit", [Set(table="conditions", key="cond-1", field="threshold", value=3)], "x"
        )
    store.undo()  # the start undone: in design again, unlocked
    assert store.plan.pilots[0].status is PilotStatus.DESIGN
    assert not any(c.locked for c in store.plan.conditions)


def test_a_plan_written_before_these_fields_opens_with_their_defaults() -> None:
    tables = plan_to_tables(example())
    for name in ("escalation_route", "started_by", "started_at", "ended_by", "ended_at", "end_reason"):
        del tables["pilots"]["pilot-1"][name]
    for doc in tables["conditions"].values():
        del doc["original"]
    plan = plan_from_tables(tables)
    pilot = plan.pilots[0]
    assert (pilot.escalation_route, pilot.started_by, pilot.started_at, pilot.ended_at) == (
        "",
        "",
        None,
        None,
    )
    assert all(c.original is None for c in plan.conditions)
    assert any("no human escalation route" in m for m in (f.message for f in evaluate(plan, TODAY)))
