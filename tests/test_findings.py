"""All rules together: the default plan, the worked example, and the order findings come in."""

from __future__ import annotations

import pytest
from planbuild import TODAY, edit, example, fresh
from pydantic import ValidationError

from schemas.enums import AccessLevel, RaciLetter, Severity, StageStatus, UseCaseStatus
from schemas.findings import RULE_IDS, Finding, blocking, evaluate, stage_heading

DESIGN_RULE_IDS = (
    "stage-gate",
    "matrix-control",
    "guardrail",
    "surveillance",
    "governance-complete",
    "raci",
    "delivery",
    "pilot-design",
    "conditions-locked",
    "training",
    "measurement",
    "small-groups",
    "decision",
    "roi",
    "dates",
    "history-chain",
)


def test_rule_ids_are_exactly_the_designs() -> None:
    assert sorted(RULE_IDS) == sorted(DESIGN_RULE_IDS)


def test_fresh_default_plan_has_no_blocking_finding() -> None:
    findings = evaluate(fresh(), TODAY)
    assert blocking(findings) == []
    assert [(f.rule, f.severity, f.entity) for f in findings] == [
        ("stage-gate", Severity.INFO, "stages/stage-1")
    ]


def test_example_plan_shows_its_planner_what_comes_next() -> None:
    findings = evaluate(example(), TODAY)
    assert [(f.rule, f.severity, f.stage, f.entity) for f in findings] == [
        ("stage-gate", Severity.INFO, 7, "stages/stage-7"),
        ("small-groups", Severity.INFO, 7, "pilots/pilot-1"),
    ]
    assert (
        findings[0].message
        == "Stage 7 Measure Outcomes and Harms is under way and has no completion evidence yet."
    )
    assert "Weekly totals of every condition's metric" in findings[0].fix
    assert findings[1].message.startswith("2 figures cover fewer than 5 people")


def test_findings_come_by_stage_then_severity() -> None:
    plan = edit(fresh(), "use_cases", "uc-6", status=UseCaseStatus.PERMITTED)  # stage 1 blocking
    plan = edit(plan, "stages", "stage-1", due=TODAY.replace(year=2025))  # stage 1 warning
    plan = edit(
        plan,
        "raci_activities",
        "act-1",
        cells={"role-1": RaciLetter.A, "role-2": RaciLetter.A, "role-6": RaciLetter.R},
    )  # stage 3 blocking
    key = next(
        r.id for r in plan.data_access if r.role == "Manager" and r.category.value == "private_content"
    )
    plan = edit(plan, "data_access", key, level=AccessLevel.AGGREGATE)  # stage 2 blocking
    order = [(f.stage, f.severity, f.rule) for f in evaluate(plan, TODAY)]
    assert order == [
        (1, Severity.BLOCKING, "guardrail"),
        (1, Severity.WARNING, "dates"),
        (1, Severity.INFO, "stage-gate"),
        (2, Severity.BLOCKING, "surveillance"),
        (3, Severity.BLOCKING, "raci"),
    ]


def test_evaluate_leaves_the_plan_as_it_was() -> None:
    plan = edit(example(), "stages", "stage-6", status=StageStatus.IN_PROGRESS)
    before = plan.model_dump()
    evaluate(plan, TODAY)
    assert plan.model_dump() == before


def test_finding_refuses_an_unknown_rule_id() -> None:
    with pytest.raises(ValidationError):
        Finding(rule="made-up", severity=Severity.INFO, stage=1, message="m", fix="f")


def test_stage_heading_names_the_stage_or_the_whole_plan() -> None:
    assert stage_heading(fresh(), 3) == "Stage 3 Establish Privacy and Governance"
    assert stage_heading(fresh(), 0) == "Whole plan"
