"""Small groups: no figure behind fewer than k people can be read or worked out by subtraction."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from planbuild import days

from schemas.records import Observation
from schemas.suppression import hidden_observations, suppress

K = 5
ROWS = 1500
"""Rows drawn per property test, from a fixed seed so a failure repeats."""


def _subset_sums(counts: list[int]) -> set[int]:
    """Every sum of a set of ``counts``, by brute force (the attacker's view)."""
    return {sum(chosen) for size in range(len(counts) + 1) for chosen in combinations(counts, size)}


def _singles_out(whole: int, others: list[int]) -> bool:
    """True if ``whole`` minus some of ``others`` leaves between 1 and K-1 people."""
    return any(0 < whole - taken < K for taken in _subset_sums(others))


def _rows(seed: int) -> list[dict[str, int]]:
    """Rows of 1 to 7 groups, mostly small (where suppression has work to do)."""
    draw = random.Random(seed)
    sizes = [*range(0, 12), 15, 20, 21, 24, 30, 38, 60]
    return [{f"g{i}": draw.choice(sizes) for i in range(draw.randint(1, 7))} for _ in range(ROWS)]


@pytest.mark.parametrize("remainder", [0, 1, 3, 4, 5, 12])
def test_a_partition_of_the_total_gives_no_one_away(remainder: int) -> None:
    for labels in _rows(remainder):
        total = sum(labels.values()) + remainder
        result = suppress(labels, K, total)
        shown = [n for label, n in labels.items() if label not in result.hidden]
        assert all(n >= K for n in shown), labels
        assert result.total_hidden == (total < K)
        if not result.total_hidden:
            assert not _singles_out(total, shown), labels


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_overlapping_groups_give_no_one_away_by_any_difference(seed: int) -> None:
    draw = random.Random(seed)
    for labels in _rows(seed):
        people = sum(labels.values())
        total = draw.randint(0, people - 1) if people and draw.random() < 0.7 else None
        result = suppress(labels, K, total)
        shown = [n for label, n in labels.items() if label not in result.hidden]
        assert all(n >= K for n in shown), labels
        for at, n in enumerate(shown):
            assert not _singles_out(n, shown[:at] + shown[at + 1 :]), (labels, total)
        if total is not None and not result.total_hidden:
            assert not _singles_out(total, shown), (labels, total)


def _row(*cells: tuple[str, int], total: int | None = 39) -> list[Observation]:
    rows = [("", total)] if total is not None else []
    return [
        Observation(
            id=f"obs-{n}", pilot="pilot-1", metric="usefulness", period=days(-2), value=70, group=g, n=size
        )
        for n, (g, size) in enumerate([*rows, *cells], start=1)
    ]


def _groups(rows: list[Observation], ids: frozenset[str]) -> set[str]:
    return {o.group for o in rows if o.id in ids}


def test_a_neighbouring_cut_cannot_give_a_small_group_away() -> None:
    # Operations (24) holds Rotterdam hub (21) and Venlo depot (3): Operations minus Rotterdam is Venlo.
    rows = _row(("Operations", 24), ("Rotterdam hub", 21), ("Venlo depot", 3), ("Head office", 15))
    hidden = hidden_observations(rows, K)
    assert _groups(rows, hidden.primary) == {"Venlo depot"}
    assert _groups(rows, hidden.complementary) == {"Operations", "Head office"}
    assert {o.group for o in rows if o.id not in hidden.all} == {"", "Rotterdam hub"}


def test_groups_that_differ_by_fewer_than_k_are_not_both_shown_when_they_overlap() -> None:
    # No group is small, but they add up to more than everyone: Operations minus Rotterdam hub, or
    # everyone minus Rotterdam hub and Office functions, would single out 3 people.
    rows = _row(("Operations", 24), ("Rotterdam hub", 21), ("Office functions", 15))
    hidden = hidden_observations(rows, K)
    assert not hidden.primary and _groups(rows, hidden.complementary) == {"Operations", "Office functions"}


def test_two_records_of_one_group_and_period_are_two_figures() -> None:
    # A corrected count (38, then 40) would single out the 2 people added between them.
    rows = _row(("Sales", 38), ("Sales", 40), total=None)
    assert _groups(rows, hidden_observations(rows, K).complementary) == {"Sales"}


def test_an_overlapping_row_with_an_absurd_count_hides_its_groups_without_counting() -> None:
    rows = _row(("A", 2**62), ("B", 2**62 - 3), ("C", 2), total=2**62)
    hidden = hidden_observations(rows, K)
    assert _groups(rows, hidden.all) == {"A", "B", "C"}


def test_the_usual_row_hides_nothing() -> None:
    rows = _row(("Rotterdam hub", 21), ("Head office", 18))
    assert hidden_observations(rows, K).all == frozenset()


def test_the_kept_answer_never_outlives_a_change_of_the_people_behind_a_figure() -> None:
    # Asked again for the same figures (an edit elsewhere in the plan), the answer is the same;
    # a group that shrinks below k, even changed in place, a new group or a new k is seen at once.
    rows = _row(("Sales", 20), ("Support", 19))
    assert not hidden_observations(rows, K).all
    assert not hidden_observations(rows, K).all
    rows[2].n = 3  # Support: 3 people, changed in place
    assert _groups(rows, hidden_observations(rows, K).primary) == {"Support"}
    rows[2].n = 19
    assert not hidden_observations(rows, K).all
    assert _groups(rows, hidden_observations(rows, 20).primary) == {"Support"}
    extra = _row(("Sales", 20), ("Support", 19), ("Legal", 2))
    assert _groups(extra, hidden_observations(extra, K).primary) == {"Legal"}
