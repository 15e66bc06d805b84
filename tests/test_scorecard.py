"""The scorecard: conditions judged on the latest data, and small groups kept hidden."""

from __future__ import annotations

import pytest
from planbuild import add, days, example, remove

from schemas.enums import Comparison, ConditionKind
from schemas.plan import Plan
from schemas.records import Condition
from schemas.scorecard import (
    ConditionStatus,
    Shown,
    evaluate_conditions,
    hidden_observations,
    observations_shown,
    removal_refusal,
    scorecard,
    suppress,
)

K = 5


def _condition(metric: str, comparison: Comparison, threshold: float) -> Condition:
    return Condition(
        id="cond-9",
        pilot="pilot-1",
        kind=ConditionKind.SUCCESS,
        metric=metric,
        comparison=comparison,
        threshold=threshold,
    )


def _judge(condition: Condition) -> tuple[ConditionStatus, float | None]:
    plan = example()
    plan = plan.model_copy(update={"conditions": [condition]})
    (result,) = evaluate_conditions(plan)
    return result.status, result.observation.value if result.observation else None


def test_condition_judged_on_the_latest_whole_population_value() -> None:
    # usefulness: 68, 72, 75, then 79.5 overall in week 4 (66.7 for the small Venlo group).
    assert _judge(_condition("usefulness", Comparison.GE, 79.5)) == (ConditionStatus.MET, 79.5)
    assert _judge(_condition("usefulness", Comparison.GT, 79.5)) == (ConditionStatus.NOT_MET, 79.5)
    assert _judge(_condition("usefulness", Comparison.LT, 70)) == (ConditionStatus.NOT_MET, 79.5)


def test_condition_without_observations_has_no_data() -> None:
    assert _judge(_condition("follow_through", Comparison.GE, 50)) == (ConditionStatus.NO_DATA, None)


def test_example_conditions_status() -> None:
    plan = add(
        example(),
        "observations",
        id="obs-90",
        pilot="pilot-1",
        metric="opt_outs",
        period=days(0),
        value=25,
        n=40,
    )
    status = {r.condition.id: r.status for r in evaluate_conditions(plan)}
    assert status == {
        "cond-1": ConditionStatus.NOT_MET,  # privacy incidents 0
        "cond-2": ConditionStatus.NOT_MET,  # adverse effects 0
        "cond-3": ConditionStatus.MET,  # opt-outs now 25% > 20%
        "cond-4": ConditionStatus.MET,  # usefulness 79.5 >= 70
        "cond-5": ConditionStatus.MET,  # completion 71.1 >= 60
        "cond-6": ConditionStatus.MET,  # better preparation 71 >= 60
    }


def _attack(
    cells: dict[str, tuple[float, int]], total: tuple[float, int], hidden: frozenset[str]
) -> tuple[float, int]:
    """Subtract every shown group from the total: the mean and head count of what is left."""
    shown_sum = sum(value * n for label, (value, n) in cells.items() if label not in hidden)
    shown_n = sum(n for label, (_, n) in cells.items() if label not in hidden)
    people = total[1] - shown_n
    return (total[0] * total[1] - shown_sum) / people, people


def _total(cells: dict[str, tuple[float, int]]) -> tuple[float, int]:
    n = sum(size for _, size in cells.values())
    return sum(value * size for value, size in cells.values()) / n, n


@pytest.mark.parametrize(
    "cells",
    [
        {"Venlo": (20.0, 1), "Rotterdam": (70.0, 21), "Head office": (80.0, 15)},  # a group of 1
        {"Venlo": (10.0, 2), "Rotterdam": (70.0, 21), "Head office": (80.0, 15)},  # a group of 2
        {"Venlo": (40.0, K - 1), "Rotterdam": (70.0, 21), "Head office": (80.0, 15)},  # k-1 people
        {"Venlo": (10.0, 1), "Tilburg": (90.0, 2), "Rotterdam": (70.0, 21)},  # two small groups
    ],
)
def test_subtraction_from_the_total_recovers_no_small_group(cells: dict[str, tuple[float, int]]) -> None:
    total = _total(cells)
    result = suppress({label: n for label, (_, n) in cells.items()}, K)
    assert {label for label, (_, n) in cells.items() if n < K} == result.primary
    assert result.complementary and not result.total_hidden
    value, people = _attack(cells, total, result.hidden)
    assert people >= K
    assert all(value != pytest.approx(cells[label][0]) for label in result.primary)


def test_primary_suppression_alone_would_give_the_group_away() -> None:
    cells = {"Venlo": (20.0, 1), "Rotterdam": (70.0, 21), "Head office": (80.0, 15)}
    value, people = _attack(cells, _total(cells), frozenset({"Venlo"}))
    assert value == pytest.approx(20.0) and people == 1  # the attack the complement prevents


def test_complement_is_the_next_smallest_group() -> None:
    result = suppress({"A": 1, "B": 30, "C": 12, "D": 50}, K)
    assert result.primary == {"A"} and result.complementary == {"C"}


def test_two_small_groups_together_under_k_take_a_third_with_them() -> None:
    result = suppress({"A": 1, "B": 2, "C": 30, "D": 40}, K)
    assert result.primary == {"A", "B"} and result.complementary == {"C"}


def test_total_under_k_hides_everything() -> None:
    result = suppress({"A": 2, "B": 2}, K)
    assert result.hidden == {"A", "B"} and result.total_hidden


def test_a_small_remainder_outside_every_group_is_protected() -> None:
    # 3 people are in the total but in no group: showing both groups would give them away.
    result = suppress({"A": 20, "B": 30}, K, total=53)
    assert result.hidden == {"A"} and not result.primary
    assert suppress({"A": 20, "B": 30}, K, total=50).hidden == frozenset()


def test_groups_all_at_or_over_k_are_shown() -> None:
    assert suppress({"A": K, "B": 30}, K).hidden == frozenset()


def test_example_observations_hide_the_small_group_and_its_neighbour() -> None:
    plan = example()
    hidden = hidden_observations(plan.observations, plan.policy.min_group_size)
    by_id = {o.id: o for o in plan.observations}
    assert {by_id[i].group for i in hidden.primary} == {"Venlo depot", "Customer service"}
    assert {by_id[i].group for i in hidden.complementary} == {"Head office", "Office functions"}


def _values(plan: Plan) -> list[tuple[str, Shown]]:
    """Every figure the scorecard functions give for the example's pilot: (where, figure)."""
    rows = scorecard(plan, "pilot-1")
    figures = [(f"{r.metric.id} latest", r.latest) for r in rows if r.latest]
    figures += [(f"{r.metric.id} trend", point) for r in rows for point in r.trend]
    figures += [(f"{c.condition.id}", c.latest) for r in rows for c in r.conditions if c.latest]
    for metric in plan.metrics:
        figures += [(f"{metric.id} list", s) for s in observations_shown(plan, "pilot-1", metric.id)]
    return figures


def test_no_value_behind_fewer_than_k_people_leaves_the_scorecard() -> None:
    plan = example()
    by_id = {o.id: o for o in plan.observations}
    figures = _values(plan)
    assert len(figures) > len(plan.observations)
    for where, figure in figures:
        obs = by_id[figure.id]
        if obs.n < K:
            assert figure.value is None and figure.n is None, where
            assert figure.text == "suppressed (n < 5)" and f"{obs.value:g}" not in figure.text
        elif figure.value is not None:
            assert figure.value == obs.value and figure.n == obs.n


def test_no_small_group_can_be_worked_out_from_what_the_scorecard_shows() -> None:
    plan = example()
    for metric in ("usefulness", "completion"):  # week 4 is cut by site and by function
        listed = observations_shown(plan, "pilot-1", metric)
        week4 = [s for s in listed if s.period == listed[0].period and s.value is not None]
        (total,) = [s for s in week4 if not s.group]
        assert total.n is not None and len(week4) >= 2
        left = total.n - sum(s.n or 0 for s in week4 if s.group)  # everyone minus the groups shown
        assert left >= K, metric  # without the complement: 3 (Venlo depot), 4 (Customer service)
    assert {s.group: s.text for s in observations_shown(plan, "pilot-1", "usefulness") if s.group} == {
        "Rotterdam hub": "76.2%",
        "Head office": "suppressed (n < 5)",  # 86.7 over 15 people, but 39 - 21 - 15 = 3 people
        "Venlo depot": "suppressed (n < 5)",
    }


def test_each_metric_row_has_its_latest_value_count_conditions_and_trend() -> None:
    plan = add(
        example(),
        "conditions",
        **{"id": "cond-9", "pilot": "pilot-1", "kind": ConditionKind.SUCCESS, "metric": "follow_through"},
        comparison=Comparison.GE,
        threshold=50,
    )
    rows = {r.metric.id: r for r in scorecard(plan, "pilot-1")}
    assert list(rows)[:3] == ["voluntary_participation", "completion", "usefulness"]
    assert list(rows)[-1] == "better_preparation"  # the plan's own metric after the framework's
    usefulness = rows["usefulness"]
    assert usefulness.observations == 7 and usefulness.latest is not None
    assert usefulness.latest.text == "79.5%" and usefulness.latest.period == days(-2)
    assert [p.value for p in usefulness.trend] == [68.0, 72.0, 75.0, 79.5]
    assert [(c.condition.id, c.status.words) for c in usefulness.conditions] == [("cond-4", "met")]
    assert [c.status.words for c in rows["privacy_incidents"].conditions] == ["not met"]
    assert [c.status.words for c in rows["follow_through"].conditions] == ["not measured"]
    assert rows["follow_through"].latest is None and rows["follow_through"].trend == ()
    assert rows["admin_hours"].latest is not None and rows["admin_hours"].latest.text == "4 hours"
    assert rows["human_escalations"].latest is not None and rows["human_escalations"].latest.text == "1"


def test_a_trend_point_behind_fewer_than_k_people_is_a_labelled_gap() -> None:
    small = {"id": "obs-90", "pilot": "pilot-1", "metric": "usefulness", "period": days(0)}
    plan = add(example(), "observations", **small, value=50, n=3)
    (row,) = [r for r in scorecard(plan, "pilot-1") if r.metric.id == "usefulness"]
    assert [p.value for p in row.trend] == [68.0, 72.0, 75.0, 79.5, None]
    assert row.trend[-1].text == "suppressed (n < 5)" and row.latest == row.trend[-1]
    (check,) = row.conditions
    assert check.status is ConditionStatus.NOT_MET and check.latest is not None and check.latest.suppressed


def test_a_metric_is_removed_only_when_nothing_needs_it() -> None:
    plan = example()
    assert removal_refusal(plan, "bias_signals") == "it is one of the framework's eleven metrics"
    assert removal_refusal(plan, "better_preparation") == "cond-6 reads it"
    plan = remove(plan, "conditions", "cond-6")
    assert (
        removal_refusal(plan, "better_preparation") == "2 observations of it would be left without a metric"
    )
    plan = plan.model_copy(
        update={"observations": [o for o in plan.observations if o.metric != "better_preparation"]}
    )
    assert removal_refusal(plan, "better_preparation") == ""
