"""CSV: use cases, RACI, observations and findings, one table each, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from schemas.findings import evaluate
from schemas.rules.base import DELIVERY_WORDS, STATUS_WORDS
from store.reports.scorecard import shown
from store.reports.source import Source
from store.reports.words import day, number, word, yes_no

Row = tuple[str | int | float, ...]

_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet may read as the start of a formula."""


def neutralise(cell: str | int | float) -> str:
    """A text cell a spreadsheet shows as text: a formula-like start gets a single quote before it.

    Numbers stay numbers: a negative value is not a formula.
    """
    if isinstance(cell, int | float):
        return number(cell)
    return "'" + cell if cell.startswith(_RISKY_START) else cell


def to_bytes(header: tuple[str, ...], rows: list[Row]) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheets read accents; every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(cell) for cell in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def use_cases(source: Source) -> bytes:
    """The use-case matrix."""
    plan = source.plan
    header = (
        "id",
        "use_case",
        "status",
        "required_control",
        "route_to",
        "consequence",
        "complexity",
        "escalation",
        "delivery",
        "delivery_rationale",
        "framework_limit",
    )
    rows: list[Row] = [
        (
            uc.id,
            uc.name,
            STATUS_WORDS[uc.status],
            uc.control,
            uc.route_to,
            uc.consequence.value,
            uc.complexity.value,
            uc.escalation.value,
            DELIVERY_WORDS[uc.delivery] if uc.delivery else "",
            uc.delivery_rationale,
            yes_no(uc.guardrail),
        )
        for uc in plan.use_cases
    ]
    return to_bytes(header, rows)


def raci(source: Source) -> bytes:
    """Activities by roles, one letter per cell."""
    plan = source.plan
    roles = plan.raci_roles
    header = ("activity", *(r.name for r in roles))
    rows: list[Row] = [
        (act.name, *(str(act.cells[r.id]) if r.id in act.cells else "" for r in roles))
        for act in plan.raci_activities
    ]
    return to_bytes(header, rows)


def observations(source: Source) -> bytes:
    """Every observation, suppressed as on screen: a report, not the backup."""
    plan = source.plan
    view = shown(plan)
    header = ("pilot", "metric", "period", "group", "n", "value", "suppressed")
    rows: list[Row] = []
    for obs in plan.observations:
        visible = view.visible(obs)
        rows.append(
            (
                obs.pilot,
                obs.metric,
                day(obs.period),
                obs.group,
                obs.n if visible else "",
                obs.value if visible else "",
                "" if visible else view.value(obs),
            )
        )
    return to_bytes(header, rows)


def findings(source: Source) -> bytes:
    """Every finding, as ``check`` gives it today."""
    found = evaluate(source.plan, source.today, stored_history=source.stored_history)
    header = ("rule", "severity", "stage", "entity", "message", "fix")
    rows: list[Row] = [(f.rule, word(f.severity), f.stage, f.entity, f.message, f.fix) for f in found]
    return to_bytes(header, rows)


TABLES: dict[str, Callable[[Source], bytes]] = {
    "use_cases": use_cases,
    "raci": raci,
    "observations": observations,
    "findings": findings,
}
"""The CSV tables by name: each is written as NAME.csv."""
