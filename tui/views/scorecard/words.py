"""How the Scorecard draws a trend and words a metric (no Textual).

A trend never shows a hidden value: a suppressed point is drawn as ``?`` whatever its
value, and the scale is taken from the values that may be shown, so the height of the
bars cannot give a hidden one away either.
"""

from __future__ import annotations

from collections.abc import Sequence

from schemas.enums import Direction, MetricKind
from schemas.records import Metric
from schemas.scorecard import Shown, number
from tui import glyphs

BLOCKS = ("▁", "▂", "▃", "▄", "▅", "▆", "▇", "█")
"""Eighths of a cell, lowest first."""
ASCII_BLOCKS = ("_", ".", ",", "-", "=", "+", "*", "#")
"""The same heights on a terminal without Unicode."""
HIDDEN_POINT = "?"
"""A suppressed point of a trend."""
THRESHOLD = glyphs.Glyph("┄", "-")
"""A condition's threshold across the chart."""
UP, DOWN = glyphs.Glyph("↑", "^"), glyphs.Glyph("↓", "v")
"""Higher is better, lower is better."""

KIND_SHORT = {
    MetricKind.ENGAGEMENT: "engage",
    MetricKind.OUTCOME: "outcome",
    MetricKind.HARM: "harm",
    MetricKind.COST: "cost",
}
"""A metric's kind in the list's narrow column."""


def blocks() -> tuple[str, ...]:
    """The eighth blocks in the current mode."""
    return ASCII_BLOCKS if glyphs.is_ascii() else BLOCKS


def direction_mark(metric: Metric) -> str:
    """↑ when higher is better, ↓ when lower is."""
    return str(UP if metric.direction is Direction.HIGHER_IS_BETTER else DOWN)


def kind_cell(metric: Metric) -> str:
    """'harm ↓': the kind and which way is better."""
    return f"{KIND_SHORT[metric.kind]} {direction_mark(metric)}"


def metric_words(metric: Metric) -> str:
    """'Opt-outs (opt_outs): harm, in %, lower is better; harm family: opt-outs.'"""
    unit = "counted" if metric.unit in ("", "count") else f"in {metric.unit}"
    better = metric.direction.value.replace("_", " ")
    family = f"; harm family: {metric.harm_family.words}" if metric.harm_family else ""
    return f"{metric.name} ({metric.id}): {metric.kind.value}, {unit}, {better}{family}."


def _scale(values: Sequence[float]) -> tuple[float, float]:
    """The lowest and highest value, never the same (a flat line sits at the bottom)."""
    low, high = min(values), max(values)
    return (low, high) if high > low else (low, low + 1)


def sparkline(points: Sequence[Shown], width: int) -> str:
    """The last ``width`` points as one line of eighth blocks; '?' where a value is hidden."""
    points = points[-width:] if width > 0 else []
    shown = [p.value for p in points if p.value is not None]
    if not shown:
        return HIDDEN_POINT * len(points)
    low, high = _scale(shown)
    marks = blocks()
    return "".join(
        HIDDEN_POINT if p.value is None else marks[round((p.value - low) / (high - low) * 7)] for p in points
    )


def chart(
    points: Sequence[Shown], thresholds: Sequence[tuple[str, float]], width: int, height: int = 3
) -> list[str]:
    """The last points as bars ``height`` lines tall, each threshold drawn across its line.

    Each line starts with a label 10 cells wide: the top and bottom of the scale, or the
    threshold drawn on it ('trend' between). Hidden points are '?' on the bottom line; one
    column per period, the latest at the right.
    """
    label_width = 10
    points = list(points[-max(1, width - label_width - 1) :])
    values = [p.value for p in points if p.value is not None] + [t for _, t in thresholds]
    if not points:
        return []
    low, high = _scale(values) if values else (0.0, 1.0)
    rows = height * 8
    levels = [None if p.value is None else round((p.value - low) / (high - low) * (rows - 1)) for p in points]
    marks, full = blocks(), blocks()[-1]
    lines = []
    for line in range(height - 1, -1, -1):
        drawn = [t for t in thresholds if _line_of(t[1], low, high, height) == line]
        label = (
            drawn[0][0]
            if drawn
            else _num(high)
            if line == height - 1
            else _num(low)
            if line == 0
            else "trend"
        )
        cells = []
        for level in levels:
            if level is None:
                cells.append(HIDDEN_POINT if line == 0 else " ")
            elif level >= (line + 1) * 8:
                cells.append(full)
            elif level >= line * 8:
                cells.append(marks[level - line * 8])
            else:
                cells.append(str(THRESHOLD) if drawn else " ")
        lines.append(f"{label[:label_width]:>{label_width}} {''.join(cells)}")
    return lines


def _line_of(value: float, low: float, high: float, height: int) -> int:
    """The chart line a value falls on, 0 at the bottom."""
    return min(height - 1, max(0, int((value - low) / (high - low) * height)))


def _num(value: float) -> str:
    """A scale label: '79.5', '0'."""
    return number(value)
