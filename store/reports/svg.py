"""Trend charts for the HTML report: inline SVG geometry computed from shown values only."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from store.reports.document import Point, Trend
from store.reports.words import number

WIDTH, HEIGHT = 560, 180
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40


@dataclass(frozen=True)
class Mark:
    """A point on the chart, with the words a reader sees on hover and in print."""

    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Chart:
    """What the template draws: lines between shown values, gaps where values are suppressed."""

    title: str
    summary: str
    """The chart in one sentence, for screen readers."""
    lines: tuple[str, ...]
    """SVG ``points`` of each run of consecutive shown values."""
    dots: tuple[Mark, ...]
    gaps: tuple[Mark, ...]
    """Suppressed periods: a dashed line and a label instead of a value."""
    thresholds: tuple[Mark, ...]
    y_ticks: tuple[Mark, ...]
    x_ticks: tuple[Mark, ...]
    width: int = WIDTH
    height: int = HEIGHT
    bottom: float = HEIGHT - BOTTOM
    left: float = LEFT
    right: float = WIDTH - RIGHT


def chart(trend: Trend) -> Chart:
    """Lay out ``trend``: x by date, y over the shown values and the thresholds."""
    xs = _x_positions([p.period for p in trend.points])
    values = [p.value for p in trend.points if p.value is not None]
    y = _y_scale(values + [t for _, t in trend.thresholds])
    runs: list[list[str]] = [[]]
    dots, gaps = [], []
    for x, point in zip(xs, trend.points, strict=True):
        if point.value is None:
            gaps.append(Mark(x, HEIGHT - BOTTOM, f"{point.period}: {point.shown}"))
            runs.append([])
            continue
        runs[-1].append(f"{x:.1f},{y(point.value):.1f}")
        dots.append(Mark(x, y(point.value), f"{point.period}: {point.shown}"))
    low, high = _bounds(values + [t for _, t in trend.thresholds])
    return Chart(
        title=trend.title + (f" ({trend.unit})" if trend.unit else ""),
        summary=f"{trend.title}: {len(dots)} values shown, {len(gaps)} suppressed.",
        lines=tuple(" ".join(run) for run in runs if len(run) > 1),
        dots=tuple(dots),
        gaps=tuple(gaps),
        thresholds=tuple(Mark(LEFT, y(value), label) for label, value in trend.thresholds),
        y_ticks=(Mark(LEFT - 6, y(high), number(high)), Mark(LEFT - 6, y(low), number(low))),
        x_ticks=tuple({x: Mark(x, HEIGHT - BOTTOM + 16, p.period) for x, p in _ends(xs, trend)}.values()),
    )


def _ends(xs: list[float], trend: Trend) -> list[tuple[float, Point]]:
    """The first and last period, where the x axis is labelled."""
    return [(xs[0], trend.points[0]), (xs[-1], trend.points[-1])]


def _x_positions(periods: list[str]) -> list[float]:
    """Spread periods by date across the plot; one period sits in the middle."""
    days = [date.fromisoformat(p).toordinal() for p in periods]
    span = max(days) - min(days)
    inner = WIDTH - LEFT - RIGHT
    if span == 0:
        return [LEFT + inner / 2 for _ in days]
    return [LEFT + inner * (d - min(days)) / span for d in days]


def _bounds(values: list[float]) -> tuple[float, float]:
    """The lowest and highest value drawn; a flat or empty series gets room around it."""
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if low == high:
        return low - 1, high + 1
    return low, high


def _y_scale(values: list[float]) -> Callable[[float], float]:
    low, high = _bounds(values)
    inner = HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return TOP + inner * (high - value) / (high - low)

    return y
