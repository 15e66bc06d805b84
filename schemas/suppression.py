"""Small groups: which figures are hidden so no value behind fewer than k people is shown.

Primary suppression hides every value over fewer than k people. Complementary
suppression hides more, so a hidden value cannot be worked out by subtraction: from
the total (everyone minus the groups shown), or from a neighbouring cut (a larger
group minus smaller groups shown: Operations minus Rotterdam hub gives Venlo depot).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from schemas.records import Observation

NEIGHBOUR_CHECK_CELLS = 64
"""Past this many groups in one row whose groups overlap, all of them are hidden.

Checking every group against every set of the others grows with the square of
the groups; a row this wide is never a real breakdown of a pilot's population.
"""
NEIGHBOUR_CHECK_PEOPLE = 10_000_000
"""Past this many people in one cell of a row whose groups overlap, all groups are hidden.

The check counts people as bits of one integer: a hand-edited n of 2**60 would
need more memory than any machine has.
"""


@dataclass(frozen=True)
class Suppression:
    """Which cells of one table row are hidden, and why."""

    primary: frozenset[str]
    """Cells over fewer than k people."""
    complementary: frozenset[str]
    """Cells hidden so the primary ones cannot be worked out by subtraction."""
    total_hidden: bool
    """True when the row's total must be hidden as well (it covers fewer than k)."""

    @property
    def hidden(self) -> frozenset[str]:
        """Every hidden cell."""
        return self.primary | self.complementary


def suppress(counts: Mapping[str, int], k: int, total: int | None = None) -> Suppression:
    """Hide cells of one row (label -> people) so no group under k can be recovered.

    ``total`` is the number of people the row's total covers (the cells' sum when
    there is no total). Primary suppression hides every cell under k people. When
    the cells add up to no more than the total they partition it: the only
    subtraction is the total minus the cells shown (people in no cell form a
    remainder never shown), and while it leaves 1 to k-1 people the smallest shown
    cell is hidden too. When they add up to more, or there is no total, the groups
    overlap (two cuts, or one group inside another): a cell from which smaller
    shown cells can be taken to leave 1 to k-1 people is hidden, and then the
    smallest cells until the total minus any set of shown cells is safe as well.
    """
    people = sum(counts.values())
    whole = people if total is None else total
    primary = frozenset([label for label, n in counts.items() if n < k])
    if whole < k:
        return Suppression(primary, frozenset(counts) - primary, True)
    shown = sorted([(n, label) for label, n in counts.items() if n >= k])
    if total is not None and people <= total:
        left = whole - sum([n for n, _ in shown])
        while shown and 0 < left < k:
            left += shown.pop(0)[0]
    elif len(counts) > NEIGHBOUR_CHECK_CELLS or max([whole, *counts.values()]) > NEIGHBOUR_CHECK_PEOPLE:
        shown = []
    else:
        shown = _without_neighbour_differences(shown, k)
        while shown and _isolates(whole, _subset_sums([n for n, _ in shown], whole), k):
            shown.pop(0)  # the smallest cell hides the fewest people
    kept = {label for _, label in shown}
    return Suppression(primary, frozenset(counts) - primary - kept, False)


def _without_neighbour_differences(shown: list[tuple[int, str]], k: int) -> list[tuple[int, str]]:
    """The cells (k people or more, smallest first) less each that smaller kept ones leave 1 to k-1 of.

    Hiding a cell never exposes another: only smaller cells can be taken from one
    and leave anyone, and a hidden cell can no longer be taken.
    """
    kept: list[tuple[int, str]] = []
    sums = 1  # every sum of a set of the kept cells, as the set bits of one integer
    mask = (1 << (shown[-1][0] + 1)) - 1 if shown else 1
    window = (1 << (k - 1)) - 1
    for cell in shown:
        n = cell[0]
        if not (sums >> (n - k + 1)) & window:  # no set of them sums to n-k+1 .. n-1
            kept.append(cell)
            sums = (sums | sums << n) & mask
    return kept


def _subset_sums(counts: list[int], limit: int) -> int:
    """Every sum up to ``limit`` of a set of ``counts``, as the set bits of one integer."""
    mask = (1 << (limit + 1)) - 1
    sums = 1
    for n in counts:
        sums = (sums | sums << n) & mask
    return sums


def _isolates(whole: int, sums: int, k: int) -> bool:
    """True if ``whole`` (k or more) minus some subset sum leaves between 1 and k-1 people."""
    return bool((sums >> (whole - k + 1)) & ((1 << (k - 1)) - 1))


@dataclass(frozen=True)
class HiddenObservations:
    """Observation ids to hide everywhere, by reason."""

    primary: frozenset[str]
    """Values over fewer than k people."""
    complementary: frozenset[str]
    """Values hidden so the others cannot be recovered by subtraction."""

    @property
    def all(self) -> frozenset[str]:
        """Every hidden observation id."""
        return self.primary | self.complementary


Fingerprint = tuple[int, tuple[tuple[str, str, str, date, str, int], ...]]
"""k and, per observation, everything suppression reads: id, pilot, metric, period, group, n."""

_last: tuple[Fingerprint, HiddenObservations] | None = None
"""The latest answer and what it was computed from (see ``hidden_observations``)."""


def hidden_observations(observations: Iterable[Observation], k: int) -> HiddenObservations:
    """Suppress each row: one pilot's metric for one period, its groups and its total.

    Every group value is a cell of its own (two records for one group are two
    figures shown); the latest whole-population value is the row's total, and an
    earlier one for the same period is one more cell that could be subtracted.

    The latest answer is kept with everything it was computed from: an edit of
    anything but the observations or k (most edits) finds the same fingerprint and
    costs its comparison, about a tenth of the work on 20,000 observations. A value
    alone never changes which cells are hidden, so it is not part of the fingerprint.
    """
    global _last
    observations = list(observations)
    fingerprint: Fingerprint = (
        k,
        tuple([(o.id, o.pilot, o.metric, o.period, o.group, o.n) for o in observations]),
    )
    if _last is not None and _last[0] == fingerprint:
        return _last[1]
    hidden = _hidden(observations, k)
    _last = (fingerprint, hidden)
    return hidden


def _hidden(observations: list[Observation], k: int) -> HiddenObservations:
    rows: dict[tuple[str, str, date], list[Observation]] = defaultdict(list)
    for obs in observations:
        rows[(obs.pilot, obs.metric, obs.period)].append(obs)
    primary: set[str] = set()
    complementary: set[str] = set()
    for row in rows.values():
        total, cells = _total_and_cells(row)
        if _safe_row(row, cells, total, k):
            continue
        result = suppress(cells, k, None if total is None else total.n)
        primary.update([obs.id for obs in row if obs.n < k])
        complementary.update(result.complementary)
    return HiddenObservations(frozenset(primary), frozenset(complementary - primary))


def _total_and_cells(row: list[Observation]) -> tuple[Observation | None, dict[str, int]]:
    """The row's latest whole-population value, and every other value's people by id."""
    total = None
    cells = {}
    for obs in row:
        if obs.group:
            cells[obs.id] = obs.n
        else:
            if total is not None:
                cells[total.id] = total.n
            total = obs
    return total, cells


def _safe_row(row: list[Observation], cells: dict[str, int], total: Observation | None, k: int) -> bool:
    """True for the usual row: every value over k people, groups within the total, no small remainder.

    Without a total the groups are taken to partition everyone, unless one group is
    there twice: two figures of one group can be subtracted from each other.
    """
    if min(cells.values(), default=k) < k:
        return False
    if total is None:
        return len({obs.group for obs in row}) == len(row)
    people = sum(cells.values())
    return total.n >= k and people <= total.n and not 0 < total.n - people < k
