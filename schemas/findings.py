"""Findings: every rule of the framework run over a plan, in the order a planner reads them."""

from __future__ import annotations

from datetime import date
from typing import Any

from schemas.enums import Severity
from schemas.plan import Plan, id_order
from schemas.rules import RULE_IDS, RULES
from schemas.rules.base import PLAN_WIDE, Finding
from schemas.rules.gates import SUBSTANCE
from schemas.rules.history import stored_chain, stored_ledger
from schemas.rules.stages import NO_LONGER_HOLDS, can_start, gate_items, holds_no_longer, stage_gate_refusal

__all__ = [
    "NO_LONGER_HOLDS",
    "RULE_IDS",
    "SUBSTANCE",
    "Finding",
    "blocking",
    "can_start",
    "gate_items",
    "holds_no_longer",
    "evaluate",
    "stage_gate_refusal",
    "stage_heading",
]

_SEVERITY_ORDER = {severity: rank for rank, severity in enumerate(Severity)}
_RULE_ORDER = {rule: rank for rank, rule in enumerate(RULE_IDS)}


def evaluate(
    plan: Plan,
    today: date,
    *,
    stored_history: dict[str, dict[str, Any]] | None = None,
    stored_tables: dict[str, dict[str, Any]] | None = None,
) -> list[Finding]:
    """All findings of ``plan`` on ``today``, by stage, then severity, then rule and entity.

    A caller holding the plan's tables as stored passes them as ``stored_tables``: the
    ledger is then verified on exactly what is on disk (chain, ids, and replay compared
    with the stored records). ``stored_history`` alone (``{id: doc}``) verifies the chain
    and compares replay with the validated plan.
    """
    found: list[Finding] = []
    for rule_id, rule in RULES.items():
        if rule_id == "history-chain" and stored_tables is not None:
            found += stored_ledger(plan, stored_tables)
        elif rule_id == "history-chain" and stored_history is not None:
            found += stored_chain(plan, stored_history)
        else:
            found += rule(plan, today)
    return sorted(found, key=_order)


def _order(finding: Finding) -> tuple[int, int, int, str, tuple[int, str]]:
    table, _, key = finding.entity.partition("/")
    return (
        finding.stage,
        _SEVERITY_ORDER[finding.severity],
        _RULE_ORDER[finding.rule],
        table,
        id_order(key),
    )


def blocking(findings: list[Finding]) -> list[Finding]:
    """The blocking findings among ``findings``."""
    return [f for f in findings if f.severity is Severity.BLOCKING]


def stage_heading(plan: Plan, number: int) -> str:
    """'Stage 3 Establish Privacy and Governance', or 'Whole plan' for plan-wide findings."""
    if number == PLAN_WIDE:
        return "Whole plan"
    return f"Stage {number} {plan.stage(number).title}"
