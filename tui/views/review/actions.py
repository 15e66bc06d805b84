"""The open actions of stage reviews as the Overview lists them (light: loaded with the Overview)."""

from __future__ import annotations

from datetime import date

from schemas.plan import Plan
from schemas.review import action_rows
from tui.views.review.symbols import sym
from tui.widgets.columns import Column
from tui.widgets.marks import MARK_STYLES


def action_columns() -> list[Column]:
    """The Overview's actions: overdue mark, due date, state, owner, stage, what."""
    return [
        Column("!", 1, styles=MARK_STYLES),
        Column("Due", 10),
        Column("State", 7),
        Column("Owner", 12, flex=1),
        Column("Stage", 5),
        Column("Action", 20, flex=3),
    ]


def action_table(plan: Plan, today: date, plain: bool) -> tuple[list[tuple[str, ...]], str]:
    """The open actions as rows, soonest due first, and the table's title."""
    rows: list[tuple[str, ...]] = [(sym(row[1], plain), *row) for row in action_rows(plan, today)]
    overdue = sum(row[2] == "overdue" for row in rows)
    title = f"Actions from reviews: {len(rows)} open, {overdue} overdue (d: done, enter: its review)"
    return rows, title
