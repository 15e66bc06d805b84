"""measurement and small-groups: met stop conditions, harm data, groups under k."""

from __future__ import annotations

from planbuild import add, days, edit, example, found, one

from schemas.enums import DecisionKind, PilotStatus, Severity
from schemas.plan import Plan


def _incident(plan: Plan, value: float = 1, n: int = 38, group: str = "", key: str = "obs-90") -> Plan:
    return add(
        plan,
        "observations",
        id=key,
        pilot="pilot-1",
        metric="privacy_incidents",
        period=days(-1),
        value=value,
        group=group,
        n=n,
    )


def test_met_stop_condition_is_blocking() -> None:
    finding = one(_incident(example()), "measurement", Severity.BLOCKING, "conditions/cond-1")
    assert finding.stage == 7
    assert finding.message == (
        'Stop condition "One privacy incident or more stops the pilot." of pilot "New-manager feedback '
        f'preparation pilot" is met: the latest value ({days(-1)}) is 1.'
    )


def test_stop_condition_not_met_on_the_latest_period_passes() -> None:
    assert found(example(), "measurement") == []
    assert found(_incident(example(), value=0), "measurement") == []


def test_met_stop_condition_over_a_small_group_hides_the_value() -> None:
    finding = one(_incident(example(), n=3), "measurement", Severity.BLOCKING, "conditions/cond-1")
    assert "hidden because fewer than 5 people" in finding.message and "is 1" not in finding.message


def test_group_values_do_not_trigger_a_whole_population_condition() -> None:
    assert found(_incident(example(), group="Venlo depot", n=6), "measurement") == []


def test_met_stop_condition_answered_by_stopping_or_modifying_passes() -> None:
    plan = _incident(example())
    assert found(edit(plan, "pilots", "pilot-1", status=PilotStatus.STOPPED), "measurement") == []
    modified = add(
        plan,
        "decisions",
        id="dec-1",
        pilot="pilot-1",
        kind=DecisionKind.MODIFY,
        variable="Session length",
        decided_at=days(0),
        decided_by="Sponsor",
    )
    assert found(modified, "measurement") == []


def test_engagement_without_harm_data_is_failure_mode_three() -> None:
    plan = example()
    harm = {"privacy_incidents", "adverse_effects", "opt_outs", "bias_signals"}
    plan = plan.model_copy(update={"observations": [o for o in plan.observations if o.metric not in harm]})
    finding = one(plan, "measurement", Severity.WARNING, "pilots/pilot-1")
    assert "Failure Mode 3" in finding.message and "privacy incidents" in finding.message


def test_condition_on_an_unknown_metric_is_a_warning() -> None:
    plan = edit(example(), "conditions", "cond-2", metric="wellbeing_score")
    finding = one(plan, "measurement", Severity.WARNING, "conditions/cond-2")
    assert '"wellbeing_score"' in finding.message


def test_small_groups_are_reported_with_their_complements() -> None:
    finding = one(example(), "small-groups", Severity.INFO, "pilots/pilot-1")
    assert finding.stage == 7
    assert finding.message.startswith("2 figures cover fewer than 5 people")
    assert "2 more are hidden so they cannot be worked out by subtraction" in finding.message


def test_no_small_groups_no_finding() -> None:
    plan = example()
    plan = plan.model_copy(
        update={"observations": [o for o in plan.observations if o.n >= 5 and not o.group]}
    )
    assert found(plan, "small-groups") == []


def test_pilot_smaller_than_k_is_a_warning() -> None:
    plan = edit(example(), "pilots", "pilot-1", population_size=4)
    finding = one(plan, "small-groups", Severity.WARNING, "pilots/pilot-1")
    assert "none of its figures can be shown" in finding.message
