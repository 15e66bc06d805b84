"""pilot-design, conditions-locked and training: a bounded, informed pilot, trained and locked."""

from __future__ import annotations

import pytest
from planbuild import add, days, edit, example, found, one, remove

from schemas.enums import (
    Audience,
    ConditionKind,
    PilotStatus,
    Severity,
    StageStatus,
    TrainingTopic,
    UseCaseStatus,
)
from schemas.history import Delete, Set
from schemas.plan import Plan
from store import PlanStore

PILOT = "pilots/pilot-1"


def test_running_example_pilot_is_well_designed() -> None:
    assert found(example(), "pilot-design") == []


def test_population_over_the_cap_is_blocking_even_in_design() -> None:
    plan = edit(example(), "pilots", "pilot-1", population_size=51, status=PilotStatus.DESIGN)
    finding = one(plan, "pilot-design", Severity.BLOCKING, PILOT)
    assert finding.stage == 5 and "pilot cap of 50" in finding.message and "Failure Mode 1" in finding.message
    assert found(edit(plan, "pilots", "pilot-1", population_size=50), "pilot-design") == []


def test_population_over_ten_percent_of_the_organization_is_blocking() -> None:
    plan = edit(example(), "pilots", "pilot-1", organization_size=300)
    finding = one(plan, "pilot-design", Severity.BLOCKING, PILOT)
    assert "10% of the organization's 300" in finding.message and "at most 30" in finding.fix


def test_prohibited_or_human_required_workflow_is_blocking() -> None:
    plan = edit(example(), "pilots", "pilot-1", use_case="uc-5")
    finding = one(plan, "pilot-design", Severity.BLOCKING, PILOT)
    assert '"Performance management", which is human-required' in finding.message
    one(
        edit(example(), "use_cases", "uc-9", status=UseCaseStatus.PROHIBITED, route_to="HR"),
        "pilot-design",
        Severity.BLOCKING,
        PILOT,
    )


def test_involuntary_pilot_is_blocking() -> None:
    one(edit(example(), "pilots", "pilot-1", voluntary=False), "pilot-design", Severity.BLOCKING, PILOT)


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"notice_text": ""}, "no notice text"),
        ({"notice_date": None}, "no notice date"),
        ({"opt_out": ""}, "no opt-out"),
        ({"support_contact": ""}, "no support contact"),
        ({"escalation_route": ""}, "no human escalation route"),
        ({"notice_date": days(-1), "start": days(-2)}, "after it starts"),
    ],
)
def test_missing_consent_item_blocks_a_running_pilot_and_warns_in_design(
    changes: dict[str, object], words: str
) -> None:
    running = edit(example(), "pilots", "pilot-1", **changes)
    assert words in one(running, "pilot-design", Severity.BLOCKING, PILOT).message
    design = edit(running, "pilots", "pilot-1", status=PilotStatus.DESIGN)
    one(design, "pilot-design", Severity.WARNING, PILOT)


def test_no_stop_condition_blocks_a_running_pilot() -> None:
    plan = example()
    for condition in plan.conditions:
        if condition.kind is ConditionKind.STOP:
            plan = remove(plan, "conditions", condition.id)
    assert "no stop condition" in one(plan, "pilot-design", Severity.BLOCKING, PILOT).message


def test_jurisdiction_without_legal_review_is_blocking_while_running() -> None:
    plan = edit(example(), "jurisdictions", "jur-1", reviewed_by="")
    finding = one(plan, "pilot-design", Severity.BLOCKING, "jurisdictions/jur-1")
    assert '"Netherlands" has no recorded legal review' in finding.message
    one(remove(example(), "jurisdictions", "jur-1"), "pilot-design", Severity.WARNING, "jurisdictions")


def test_unlocked_condition_of_a_running_pilot_is_blocking() -> None:
    plan = edit(example(), "conditions", "cond-1", locked=False)
    finding = one(plan, "conditions-locked", Severity.BLOCKING, "conditions/cond-1")
    assert finding.stage == 5 and "not locked" in finding.message
    design = edit(plan, "pilots", "pilot-1", status=PilotStatus.DESIGN)
    assert found(design, "conditions-locked") == []


def _paused(store: PlanStore) -> None:
    """The example's pilot back in design: the store refuses a locked condition's change while it runs,
    so an unexplained change (as a hand edit or a merge could make) is made in design, then it runs."""
    pause = Set(table="pilots", key="pilot-1", field="status", value="design")
    store.apply("pilot.pause", [pause], "Paused.")


def _running(store: PlanStore) -> None:
    store.apply("pilot.resume", [Set(table="pilots", key="pilot-1", field="status", value="running")], "On.")


def _changed(reason: str = "", amend: bool = False) -> Plan:
    store = PlanStore.memory(example())
    _paused(store)
    store.apply(
        "condition.edit",
        [Set(table="conditions", key="cond-1", field="threshold", value=2)],
        "Raised the privacy incident threshold.",
        reason,
    )
    if amend:
        store.apply(
            "condition.amend",
            [
                Set(
                    table="conditions",
                    key="cond-1",
                    field="amendment",
                    value="Two incidents were false alarms by design.",
                )
            ],
            "Amended.",
        )
    _running(store)
    return store.plan


def test_locked_condition_changed_without_a_reason_is_blocking() -> None:
    finding = one(_changed(), "conditions-locked", Severity.BLOCKING, "conditions/cond-1")
    assert "without a recorded reason" in finding.message and "history entry 2" in finding.message


def test_locked_condition_changed_with_a_reason_or_amendment_passes() -> None:
    assert found(_changed(reason="Agreed with the works council."), "conditions-locked") == []
    assert found(_changed(amend=True), "conditions-locked") == []


def test_deleting_a_locked_condition_without_a_reason_is_blocking() -> None:
    store = PlanStore.memory(example())
    _paused(store)
    store.apply("condition.delete", [Delete(table="conditions", key="cond-3")], "Removed a stop condition.")
    _running(store)
    finding = one(store.plan, "conditions-locked", Severity.BLOCKING, "conditions/cond-3")
    assert "since removed" in finding.message


def test_trained_example_passes() -> None:
    assert found(example(), "training") == []


def test_missing_topics_for_managers_block_a_running_pilot() -> None:
    plan = example()
    for session in plan.training:
        if session.audience is Audience.MANAGERS:
            plan = edit(plan, "training", session.id, topics=[TrainingTopic.PURPOSE, TrainingTopic.LIMITS])
    finding = one(plan, "training", Severity.BLOCKING, PILOT)
    assert finding.stage == 6
    assert "managers have not been trained on privacy, escalation and what the system" in finding.message


def test_training_not_yet_held_warns_a_pilot_in_design() -> None:
    plan = edit(example(), "pilots", "pilot-1", status=PilotStatus.DESIGN)
    plan = edit(plan, "training", "tr-3", held_on=days(10))
    finding = one(plan, "training", Severity.WARNING, PILOT)
    assert finding.message.startswith("The employees of pilot") and "at all" in finding.message


def test_general_training_without_a_pilot_counts() -> None:
    plan = edit(example(), "training", "tr-3", pilot=None)
    assert found(plan, "training") == []
    no_show = add(
        remove(plan, "training", "tr-3"),
        "training",
        id="tr-9",
        audience=Audience.EMPLOYEES,
        topics=list(TrainingTopic),
        invited=10,
        attended=0,
        held_on=days(-3),
    )
    one(no_show, "training", Severity.BLOCKING, PILOT)


def test_pilot_running_before_stages_one_to_four_are_complete_is_blocking() -> None:
    plan = edit(example(), "stages", "stage-4", status=StageStatus.IN_PROGRESS)
    finding = one(plan, "pilot-design", Severity.BLOCKING, PILOT)
    assert "is running although stage 4 Choose the Delivery Model is not complete" in finding.message
    design = edit(plan, "pilots", "pilot-1", status=PilotStatus.DESIGN)
    assert found(design, "pilot-design") == []
