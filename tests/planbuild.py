"""Small builders for rule tests: the default and example plans, changed one record at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from schemas.defaults import default_plan
from schemas.enums import AccessLevel, DataCategory, Severity, StageStatus
from schemas.example import example_plan
from schemas.findings import Finding, evaluate
from schemas.plan import SINGLETONS, TABLES, Plan

NOW = datetime.now(UTC).replace(second=0, microsecond=0)
"""The real clock: plans made here also go through `coach-rollout check`, which reads today's date."""
TODAY = NOW.date()


def fresh() -> Plan:
    """A new plan with the framework's defaults."""
    return default_plan(NOW)


def example() -> Plan:
    """The worked example: stages 1-4 complete, the pilot running."""
    return example_plan(NOW)


def days(n: int) -> date:
    """The date ``n`` days after TODAY (negative: before)."""
    return TODAY + timedelta(days=n)


def edit(plan: Plan, table: str, key: str, **changes: Any) -> Plan:
    """The plan with one record's fields changed, validated as the store would."""
    if table in SINGLETONS:
        record = getattr(plan, table)
        return plan.model_copy(
            update={table: type(record).model_validate({**record.model_dump(), **changes})}
        )
    rows = list(getattr(plan, table))
    at = next(i for i, row in enumerate(rows) if row.id == key)
    rows[at] = type(rows[at]).model_validate({**rows[at].model_dump(), **changes})
    return plan.model_copy(update={table: rows})


def add(plan: Plan, table: str, **fields: Any) -> Plan:
    """The plan with one record added (validated)."""
    record = TABLES[table].model_validate(fields)
    return plan.model_copy(update={table: [*getattr(plan, table), record]})


def remove(plan: Plan, table: str, key: str) -> Plan:
    """The plan without one record."""
    return plan.model_copy(update={table: [row for row in getattr(plan, table) if row.id != key]})


def complete_stages(plan: Plan, *numbers: int) -> Plan:
    """Stages marked complete, each with one evidence entry."""
    for number in numbers:
        plan = edit(plan, "stages", f"stage-{number}", status=StageStatus.COMPLETE, completed_at=NOW)
        plan = add(
            plan,
            "evidence",
            id=f"ev-t{number}",
            stage=number,
            result="Seen.",
            recorded_at=NOW,
            recorded_by="Tester",
        )
    return plan


def attested(plan: Plan) -> Plan:
    """The plan with all four prohibitions attested, as stage 2 needs."""
    for prohibition in plan.prohibitions:
        plan = edit(plan, "prohibitions", prohibition.id, attested_by="Dana Reyes, Legal", attested_at=NOW)
    return plan


def found(plan: Plan, rule: str, today: date = TODAY) -> list[Finding]:
    """The findings of one rule."""
    return [f for f in evaluate(plan, today) if f.rule == rule]


def one(plan: Plan, rule: str, severity: Severity, entity: str, today: date = TODAY) -> Finding:
    """The single finding of ``rule`` with ``severity`` on ``entity`` (asserted)."""
    hits = [f for f in found(plan, rule, today) if f.entity == entity and f.severity is severity]
    assert len(hits) == 1, f"expected one {severity} {rule} on {entity}, got {found(plan, rule, today)}"
    return hits[0]


def blocking(plan: Plan, rule: str | None = None, today: date = TODAY) -> list[Finding]:
    """The blocking findings (of one rule, if named)."""
    return [
        f
        for f in evaluate(plan, today)
        if f.severity is Severity.BLOCKING and (rule is None or f.rule == rule)
    ]


def manager_reads_private_content(plan: Plan) -> Plan:
    """A manager given individual access to private coaching content: a long blocking finding."""
    rule = next(
        r
        for r in plan.data_access
        if r.role in ("Manager", "Participant's manager or leader")
        and r.category is DataCategory.PRIVATE_CONTENT
    )
    return edit(plan, "data_access", rule.id, level=AccessLevel.INDIVIDUAL)


def crowded_example() -> Plan:
    """The example as a new user met it: a seventh role, a tenth activity, two A on the first one
    (a long RACI message), and a long blocking surveillance finding."""
    plan = add(example(), "raci_roles", id="role-7", name="Works council")
    plan = add(plan, "raci_activities", id="act-x", name="Run the quarterly review", cells={"role-1": "A"})
    first = plan.raci_activities[0]
    plan = edit(plan, "raci_activities", first.id, cells={**first.cells, "role-4": "A"})
    return manager_reads_private_content(plan)


def observed(plan: Plan, metric: str, value: float, n: int = 38, period: date | None = None) -> Plan:
    """The plan with one more whole-population observation of the example's pilot (today unless dated)."""
    fields = {"pilot": "pilot-1", "metric": metric, "value": value, "n": n, "period": period or TODAY}
    return add(plan, "observations", id=f"obs-t{len(plan.observations) + 1}", **fields)
