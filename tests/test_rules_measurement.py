"""measurement and small-groups: met stop conditions, harm data, groups under k."""

from __future__ import annotations

from planbuild import add, days, edit, example, found, one

from schemas.enums import DecisionKind, HarmFamily, MetricKind, PilotStatus, Severity
from schemas.plan import Plan
from schemas.records import Metric
from schemas.rules.measurement import missing_measurements


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
        f'preparation pilot" is met: the latest value ({days(-1)}, observation obs-90) is 1.'
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


def _without(plan: Plan, *metrics: str) -> Plan:
    return plan.model_copy(update={"observations": [o for o in plan.observations if o.metric not in metrics]})


def test_one_harm_metric_does_not_silence_failure_mode_three() -> None:
    plan = _without(example(), "opt_outs", "bias_signals", "admin_hours")  # privacy incidents still measured
    finding = one(plan, "measurement", Severity.WARNING, "pilots/pilot-1")
    assert finding.message == (
        'Pilot "New-manager feedback preparation pilot" measures engagement (completion and user-reported '
        "usefulness) but not opt-outs, bias signals or administrative burden: measuring engagement alone "
        "is Failure Mode 3."
    )
    assert finding.fix.startswith("Record observations of Opt-outs, Bias signals and Administrative hours")


def test_administrative_hours_count_as_administrative_burden() -> None:
    assert [f for f in found(example(), "measurement") if f.entity == "pilots/pilot-1"] == []
    finding = one(_without(example(), "admin_hours"), "measurement", Severity.WARNING, "pilots/pilot-1")
    assert "but not administrative burden:" in finding.message


def test_a_custom_metric_naming_a_family_counts() -> None:
    plan = add(
        _without(example(), "bias_signals"),
        "metrics",
        id="fairness_reviews",
        name="Fairness reviews with a finding",
        kind=MetricKind.HARM,
        harm_family=HarmFamily.BIAS_SIGNALS,
    )
    assert one(plan, "measurement", Severity.WARNING, "pilots/pilot-1")
    plan = add(
        plan,
        "observations",
        id="obs-90",
        pilot="pilot-1",
        metric="fairness_reviews",
        period=days(-1),
        value=0,
        n=38,
    )
    assert [f for f in found(plan, "measurement") if f.entity == "pilots/pilot-1"] == []


def test_a_family_no_metric_measures_says_to_add_one() -> None:
    plan = _without(example(), "bias_signals")
    plan = plan.model_copy(update={"metrics": [m for m in plan.metrics if m.id != "bias_signals"]})
    finding = one(plan, "measurement", Severity.WARNING, "pilots/pilot-1")
    assert "bias signals (add a metric that measures them)" in finding.fix


def test_failure_mode_three_blocks_a_decision_but_not_a_stop() -> None:
    plan = _without(example(), "bias_signals")
    completed = edit(plan, "pilots", "pilot-1", status=PilotStatus.COMPLETED)
    finding = one(completed, "measurement", Severity.BLOCKING, "pilots/pilot-1")
    assert finding.message.endswith("Failure Mode 3; a decision on it needs them.")
    expand = add(plan, "decisions", id="dec-1", pilot="pilot-1", kind=DecisionKind.EXPAND)
    assert one(expand, "measurement", Severity.BLOCKING, "pilots/pilot-1")
    stop = add(plan, "decisions", id="dec-1", pilot="pilot-1", kind=DecisionKind.STOP)
    stopped = edit(stop, "pilots", "pilot-1", status=PilotStatus.STOPPED)
    assert one(stopped, "measurement", Severity.WARNING, "pilots/pilot-1")


def test_plans_saved_before_metrics_named_their_family_keep_the_defaults() -> None:
    stored = {"id": "admin_hours", "name": "Administrative hours", "kind": "cost"}
    assert Metric.model_validate(stored).harm_family is HarmFamily.ADMINISTRATIVE_BURDEN
    assert Metric.model_validate({**stored, "harm_family": None}).harm_family is None
    assert Metric.model_validate({**stored, "id": "coach_hours"}).harm_family is None


def test_missing_measurements_names_what_stage_seven_lacks() -> None:
    assert missing_measurements(example(), "pilot-1") == []
    plan = _without(example(), "bias_signals", "adverse_effects")
    assert missing_measurements(plan, "pilot-1") == [
        "Adverse effects (a condition reads it)",
        "bias signals (a harm family of Failure Mode 3)",
    ]
