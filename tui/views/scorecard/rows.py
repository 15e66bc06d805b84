"""What the Scorecard shows for one plan, computed once per change (no Textual).

The metric list (one row per metric of the current pilot), each metric's observations
(built the first time they are asked for), and the text of the panel under the list.
Every figure comes from ``schemas.scorecard.shown``: a value behind fewer than k people,
or one that subtraction would give away, is ``suppressed (n < k)``, never the value.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.enums import ConditionKind
from schemas.plan import Plan
from schemas.records import Metric, Pilot
from schemas.scorecard import (
    ConditionCheck,
    ConditionStatus,
    MetricRow,
    Shown,
    hidden_observations,
    observations_shown,
    scorecard,
)
from tui import glyphs
from tui.views.scorecard.words import chart, kind_cell, metric_words, sparkline
from tui.words import count

GOOD, BAD, UNKNOWN = glyphs.OK, glyphs.BLOCKING, glyphs.Glyph("?", "?")
"""Row marks (a word in the Conditions column too): holds, blocks or fails, never measured."""
TREND_WIDTH = 9
"""Periods the list's trend column shows."""
CHART_WIDTH = 44
"""Cells of the detail's chart, its labels included."""


@dataclass(frozen=True)
class Keys:
    """How the panel writes the tab's keys (the user's remapping included)."""

    new: str = "n"
    """Record an observation."""
    load: str = "i"
    """Import a file."""
    listing: str = "o"
    """List a metric's observations, and back."""
    delete: str = "delete"
    """Delete the selected observation."""


DEFAULT_KEYS = Keys()
"""The keys as shipped."""


@dataclass(frozen=True)
class ObservationRow:
    """One observation as the list shows it: never a hidden value or its n."""

    shown: Shown
    """The observation as it may be shown."""

    def cells(self) -> tuple[str, ...]:
        """Period, group, value, n, id."""
        n = "-" if self.shown.n is None else str(self.shown.n)
        group = self.shown.group or "everyone"
        return (self.shown.period.isoformat(), group, self.shown.text, n, self.shown.id)


def check_mark(check: ConditionCheck) -> str:
    """✗ a stop met or a success not met, ? never measured, ✓ otherwise."""
    if check.status is ConditionStatus.NO_DATA:
        return str(UNKNOWN)
    bad = ConditionStatus.MET if check.condition.kind is ConditionKind.STOP else ConditionStatus.NOT_MET
    return str(BAD if check.status is bad else GOOD)


def row_mark(row: MetricRow) -> str:
    """The worst of its conditions' marks; empty when no condition reads it."""
    marks = [check_mark(c) for c in row.conditions]
    for glyph in (BAD, UNKNOWN, GOOD):
        if str(glyph) in marks:
            return str(glyph)
    return ""


def conditions_cell(row: MetricRow) -> str:
    """'stop met', 'success not met; stop not measured', or '-' when no condition reads it."""
    return "; ".join(f"{c.condition.kind.value} {c.status.words}" for c in row.conditions) or "-"


def metric_cells(row: MetricRow) -> tuple[str, ...]:
    """Mark, metric, kind, latest, conditions, observations, trend."""
    latest = row.latest.text if row.latest else "-"
    return (
        row_mark(row),
        row.metric.name,
        kind_cell(row.metric),
        latest,
        conditions_cell(row),
        str(row.observations),
        sparkline(row.trend, TREND_WIDTH),
    )


class Card:
    """The Scorecard's content for one plan: the current pilot's metric rows and observations."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.k = plan.policy.min_group_size
        """The minimum group size: values behind fewer people are hidden."""
        self.pilot: Pilot | None = plan.current_pilot()
        """The pilot measured: the current one."""
        self.hidden = hidden_observations(plan.observations, self.k)
        """Every observation hidden, computed once for the plan."""
        self.rows: list[MetricRow] = scorecard(plan, self.pilot.id if self.pilot else "", self.hidden)
        """One row per metric."""
        self.cells = [metric_cells(row) for row in self.rows]
        """The rows as the list shows them."""
        self._observations: dict[str, list[ObservationRow]] = {}

    def head(self) -> str:
        """'k = 5 · 28 observations · pilot "…": running' (the pilot's name is cut first)."""
        if self.pilot is None:
            return "No pilot yet: design one on tab 7 Pilot; its observations are measured here."
        measured = sum(row.observations for row in self.rows)
        dot = f" {glyphs.DOT} "
        observations = f"{measured:,} observation{'' if measured == 1 else 's'}"
        return f'k = {self.k}{dot}{observations}{dot}pilot "{self.pilot.name}": {self.pilot.status.value}'

    def observations(self, metric: str) -> list[ObservationRow]:
        """The current pilot's observations of ``metric``, newest first (built once)."""
        if metric not in self._observations:
            pilot = self.pilot.id if self.pilot else ""
            found = observations_shown(self.plan, pilot, metric, self.hidden) if pilot else []
            self._observations[metric] = [ObservationRow(s) for s in found]
        return self._observations[metric]

    def metric_detail(self, row: MetricRow, keys: Keys = DEFAULT_KEYS) -> str:
        """The metric in full: kind, unit, direction, latest value, each condition, the chart."""
        lines = [metric_words(row.metric), self._latest(row, keys)]
        lines += [self._condition(check) for check in row.conditions]
        if row.trend:
            lines += chart(row.trend, _thresholds(row), CHART_WIDTH)
        return "\n".join(lines)

    def _latest(self, row: MetricRow, keys: Keys) -> str:
        """'Latest: 1 (2026-12-02, n = 38); 6 observations.' or 'Never measured.'"""
        obs = count(row.observations, "observation")
        if row.latest is None:
            ways = f"{keys.new} records one, {keys.load} imports a file"
            return f"Never measured (whole population); {obs}. {ways}."
        latest = row.latest
        n = "" if latest.n is None else f", n = {latest.n}"
        hidden = (
            f"; ? in the trend: suppressed (n < {self.k})" if any(p.suppressed for p in row.trend) else ""
        )
        return (
            f"Latest: {latest.text} ({latest.period.isoformat()}{n}, {latest.id}); {obs} "
            f"({keys.listing} lists them){hidden}."
        )

    def _condition(self, check: ConditionCheck) -> str:
        """'✗ Stop: "One privacy incident or more stops the pilot." (> 0): met on 1.'"""
        condition = check.condition
        value = f" on {check.latest.text}" if check.latest else ""
        return (
            f"{check_mark(check)} {condition.kind.value.capitalize()}: {check.text} "
            f"({condition.comparison.value} {condition.threshold:g}): {check.status.words}{value}."
        )

    def observation_detail(self, metric: Metric, index: int, keys: Keys = DEFAULT_KEYS) -> str:
        """The observation at ``index`` in full, and where it is in the list."""
        rows = self.observations(metric.id)
        if not rows:
            return (
                f"No observations of {metric.name} yet: {keys.new} records one, {keys.load} imports a file. "
                f"{keys.listing} goes back."
            )
        shown = rows[index].shown
        who = f"group {shown.group}" if shown.group else "the whole population"
        n = "" if shown.n is None else f", n = {shown.n}"
        return (
            f"Observation {index + 1:,} of {len(rows):,}: {metric.name}, {shown.period.isoformat()}, "
            f"{who}: {shown.text}{n} ({shown.id}).\n"
            f"{keys.delete} removes it (asks first); {keys.listing} goes back to the metrics."
        )


def _thresholds(row: MetricRow) -> list[tuple[str, float]]:
    """('stop >0', 0.0) for each condition, to draw across the chart."""
    return [
        (
            f"{c.condition.kind.value} {c.condition.comparison.value}{c.condition.threshold:g}",
            c.condition.threshold,
        )
        for c in row.conditions
    ]
