"""The framework's default plan and the worked example, checked against the seed."""

from __future__ import annotations

import json
import operator
from datetime import UTC, datetime

import pytest

from schemas.defaults import default_plan
from schemas.delivery import recommend_delivery
from schemas.enums import (
    AccessLevel,
    Audience,
    ConditionKind,
    DataCategory,
    DeliveryModel,
    GovernanceKey,
    Level,
    MetricKind,
    PilotStatus,
    ProhibitionKey,
    RaciLetter,
    StageStatus,
    TrainingTopic,
    UseCaseStatus,
)
from schemas.example import example_plan
from schemas.plan import Plan, plan_from_tables, plan_to_tables

NOW = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)

SEED_MATRIX = {
    "Meeting preparation": (
        UseCaseStatus.PERMITTED,
        "User-controlled context and no confidential recording",
    ),
    "Leadership reflection": (
        UseCaseStatus.PERMITTED_WITH_CONTROLS,
        "Private workspace, deletion, and human escalation",
    ),
    "Goal setting and accountability": (
        UseCaseStatus.PERMITTED_WITH_CONTROLS,
        "No hidden manager scoring",
    ),
    "Career planning": (
        UseCaseStatus.PERMITTED_WITH_CONTROLS,
        "Clear separation from employment decisions",
    ),
    "Performance management": (
        UseCaseStatus.HUMAN_REQUIRED,
        "AI may prepare materials but not decide ratings or discipline",
    ),
    "Mental-health support": (
        UseCaseStatus.PROHIBITED,
        "Route to qualified clinical or employee-assistance services",
    ),
    "Employee discipline": (UseCaseStatus.PROHIBITED, "No automated recommendation or decision"),
    "Protected-trait or health inference": (
        UseCaseStatus.PROHIBITED,
        "No profiling or derived sensitive status",
    ),
}

DESIGN_METRIC_KEYS = [
    "voluntary_participation",
    "completion",
    "usefulness",
    "follow_through",
    "human_escalations",
    "privacy_incidents",
    "opt_outs",
    "adverse_effects",
    "bias_signals",
    "admin_hours",
    "cost_per_active_participant",
]

_COMPARE = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@pytest.fixture(name="plan")
def fixture_plan() -> Plan:
    """The default plan for a made-up organization."""
    return default_plan(NOW, organization="Acme")


def test_default_plan_uses_the_given_time_and_validates(plan: Plan) -> None:
    assert plan.plan.created == NOW and plan.plan.updated == NOW
    assert plan.plan.organization == "Acme" and plan.plan.title == "AI coaching rollout"
    assert (plan.policy.min_group_size, plan.policy.pilot_cap) == (5, 50)
    assert Plan.model_validate(plan.model_dump()) == plan
    assert default_plan(NOW, organization="Acme") == plan


def test_eight_stages_follow_the_seed_steps(plan: Plan) -> None:
    assert [s.id for s in plan.stages] == [f"stage-{n}" for n in range(1, 9)]
    assert [s.number for s in plan.stages] == list(range(1, 9))
    assert plan.stage(1).title == "Define Permitted Use Cases"
    assert plan.stage(2).title == "Separate Coaching From Surveillance"
    assert plan.stage(8).title == "Expand, Modify, or Stop"
    assert plan.stage(5).purpose.startswith("Pilot one workflow with a limited population")
    assert all("smallest observable result" in s.purpose for s in plan.stages)
    assert {s.status for s in plan.stages} == {StageStatus.NOT_STARTED}


def test_use_case_matrix_matches_the_seed(plan: Plan) -> None:
    assert [u.id for u in plan.use_cases] == [f"uc-{n}" for n in range(1, 9)]
    assert {u.name: (u.status, u.control) for u in plan.use_cases} == SEED_MATRIX
    prohibited = [u for u in plan.use_cases if u.status is UseCaseStatus.PROHIBITED]
    assert len(prohibited) == 3 and all(u.route_to for u in prohibited)
    by_name = {u.name: u for u in plan.use_cases}
    assert by_name["Mental-health support"].route_to == "Qualified clinical or employee-assistance services"
    guarded = {u.name for u in plan.use_cases if u.guardrail}
    assert guarded == {
        "Performance management",
        "Mental-health support",
        "Employee discipline",
        "Protected-trait or health inference",
    }


def test_default_delivery_follows_the_recommendation(plan: Plan) -> None:
    for use_case in plan.use_cases:
        if use_case.status is UseCaseStatus.PROHIBITED:
            assert use_case.delivery is None
            continue
        expected, _ = recommend_delivery(use_case.consequence, use_case.complexity, use_case.escalation)
        assert use_case.delivery == expected, use_case.name
        assert use_case.delivery_rationale == ""
    human_required = [u for u in plan.use_cases if u.status is UseCaseStatus.HUMAN_REQUIRED]
    assert human_required and all(u.delivery is not DeliveryModel.AI_ONLY for u in human_required)


def test_four_prohibitions_are_not_yet_attested(plan: Plan) -> None:
    assert [p.id for p in plan.prohibitions] == ["pr-1", "pr-2", "pr-3", "pr-4"]
    assert {p.key for p in plan.prohibitions} == set(ProhibitionKey)
    assert all(p.attested_by == "" and p.attested_at is None for p in plan.prohibitions)
    texts = " ".join(p.text.lower() for p in plan.prohibitions)
    for words in ("secret monitoring", "mental-health", "discipline", "performance scor"):
        assert words in texts


def test_only_the_employee_reads_private_coaching_data(plan: Plan) -> None:
    assert len(plan.data_access) == 16
    assert len({(r.role, r.category) for r in plan.data_access}) == 16
    levels = {(r.role, r.category): r.level for r in plan.data_access}
    for category in DataCategory:
        expected = AccessLevel.AGGREGATE if category is DataCategory.AGGREGATE_REPORTS else "own"
        assert levels["Employee", category] == expected
    for role in ("Manager", "HR", "Executive sponsor"):
        assert levels[role, DataCategory.PRIVATE_CONTENT] is AccessLevel.NONE
        assert levels[role, DataCategory.DERIVED_PROFILES] is AccessLevel.NONE
    assert AccessLevel.INDIVIDUAL not in levels.values()


def test_nine_governance_topics_are_owned_but_not_written(plan: Plan) -> None:
    assert [g.id for g in plan.governance] == [f"gov-{n}" for n in range(1, 10)]
    assert [g.key for g in plan.governance] == list(GovernanceKey)
    role_names = {r.id: r.name for r in plan.raci_roles}
    owners = {g.key: role_names[g.owner_role or ""] for g in plan.governance}
    assert owners[GovernanceKey.SECURITY] == "Security"
    assert owners[GovernanceKey.INCIDENT_RESPONSE] == "Security"
    assert owners[GovernanceKey.RETENTION] == "Legal and privacy"
    assert owners[GovernanceKey.ACCESS] == "IT"
    assert all(g.statement == "" and g.reviewed_at is None for g in plan.governance)


def test_raci_has_one_accountable_and_a_responsible_per_activity(plan: Plan) -> None:
    names = [r.name for r in plan.raci_roles]
    assert names == ["HR", "Legal and privacy", "Security", "IT", "Vendor", "Executive sponsor"]
    assert [r.name for r in plan.raci_roles if r.sponsor] == ["Executive sponsor"]
    role_ids = {r.id for r in plan.raci_roles}
    for activity in plan.raci_activities:
        letters = list(activity.cells.values())
        assert set(activity.cells) <= role_ids
        assert sum(letter.accountable for letter in letters) == 1, activity.name
        assert any(letter.responsible for letter in letters), activity.name


def test_seed_ownership_shows_in_the_raci(plan: Plan) -> None:
    role = {r.name: r.id for r in plan.raci_roles}
    expand = [a for a in plan.raci_activities if a.expand_decision]
    assert len(expand) == 1 and expand[0].cells[role["Executive sponsor"]] is RaciLetter.AR
    by_name = {a.name: a.cells for a in plan.raci_activities}
    assert by_name["Define the development purpose"][role["HR"]] is RaciLetter.AR
    explain = next(cells for name, cells in by_name.items() if name.startswith("Explain model"))
    assert explain[role["Vendor"]] is RaciLetter.R and explain[role["Legal and privacy"]] is RaciLetter.A
    assert by_name["Review the architecture"][role["Security"]] is RaciLetter.AR
    integration = by_name["Manage approved integration and identity controls"]
    assert integration[role["IT"]] is RaciLetter.AR


def test_eleven_scorecard_metrics_with_design_keys(plan: Plan) -> None:
    assert sorted(m.id for m in plan.metrics) == sorted(DESIGN_METRIC_KEYS)
    kinds = {m.id: m.kind for m in plan.metrics}
    assert kinds["privacy_incidents"] is MetricKind.HARM
    assert kinds["completion"] is MetricKind.ENGAGEMENT
    assert kinds["cost_per_active_participant"] is MetricKind.COST
    assert not (plan.pilots or plan.observations or plan.history or plan.conditions)


def test_recommendation_is_human_led_when_any_factor_is_high() -> None:
    model, reason = recommend_delivery(Level.LOW, Level.LOW, Level.HIGH)
    assert model is DeliveryModel.HUMAN_LED
    assert "escalation need is high" in reason
    model, reason = recommend_delivery(Level.HIGH, Level.MEDIUM, Level.HIGH)
    assert model is DeliveryModel.HUMAN_LED
    assert "consequence and escalation need are high" in reason


def test_recommendation_is_ai_only_when_all_factors_are_low() -> None:
    model, reason = recommend_delivery(Level.LOW, Level.LOW, Level.LOW)
    assert model is DeliveryModel.AI_ONLY
    assert "all low" in reason


def test_recommendation_is_hybrid_otherwise() -> None:
    model, reason = recommend_delivery(Level.MEDIUM, Level.LOW, Level.MEDIUM)
    assert model is DeliveryModel.HYBRID
    assert "consequence and escalation need are medium" in reason
    assert recommend_delivery("low", "medium", "low")[0] is DeliveryModel.HYBRID  # type: ignore[arg-type]


def test_example_pilot_is_the_seeds_worked_example() -> None:
    example = example_plan(NOW)
    assert Plan.model_validate(example.model_dump()) == example
    pilot = example.current_pilot()
    assert pilot is not None and pilot.status is PilotStatus.RUNNING
    assert (pilot.population_size, pilot.organization_size, pilot.voluntary) == (40, 1200, True)
    assert pilot.notice_text and pilot.opt_out and pilot.support_contact
    assert pilot.notice_date and pilot.start and pilot.end
    assert pilot.notice_date < pilot.start <= NOW.date() < pilot.end
    workflow = next(u for u in example.use_cases if u.id == pilot.use_case)
    assert workflow.status is UseCaseStatus.PERMITTED_WITH_CONTROLS
    assert "score employees" in workflow.control and "discipline" in workflow.control


def test_example_records_stages_and_safeguards() -> None:
    example = example_plan(NOW)
    statuses = [s.status for s in example.stages]
    assert statuses[:6] == [StageStatus.COMPLETE] * 6
    assert statuses[6:] == [StageStatus.IN_PROGRESS, StageStatus.NOT_STARTED]
    assert {e.stage for e in example.evidence} == {1, 2, 3, 4, 5, 6}
    incomplete = [o for o in example.outcomes if not o.complete]
    assert incomplete and all(o.diagnosis and o.restart for o in incomplete)
    assert all(p.attested_by and p.attested_at for p in example.prohibitions)
    assert all(g.statement and g.owner_role and g.reviewed_at for g in example.governance)
    assert all(j.reviewed_by and j.reviewed_at for j in example.jurisdictions)
    assert example.jurisdictions
    assert [(c.body.value, c.outcome) for c in example.consultations] == [("works_council", "agreed")]


def test_example_conditions_training_and_observations() -> None:
    example = example_plan(NOW)
    assert all(c.locked for c in example.conditions)
    stop = [c for c in example.conditions if c.kind is ConditionKind.STOP]
    assert {c.metric for c in stop} == {"privacy_incidents", "adverse_effects", "opt_outs"}
    for condition in stop:
        latest = max(
            (o for o in example.observations if o.metric == condition.metric and not o.group),
            key=lambda o: o.period,
        )
        assert not _COMPARE[condition.comparison](latest.value, condition.threshold)
    for audience in Audience:
        covered = {t for s in example.training if s.audience is audience for t in s.topics}
        assert covered == set(TrainingTopic)
    assert {o.value for o in example.observations if o.metric == "privacy_incidents"} == {0}
    assert any(o.group and o.n < example.policy.min_group_size for o in example.observations)
    measured = {o.metric for o in example.observations}
    assert {"usefulness", "completion", "human_escalations", "better_preparation"} <= measured
    assert measured <= {m.id for m in example.metrics}


@pytest.mark.parametrize("build", [default_plan, example_plan], ids=["default", "example"])
def test_plans_round_trip_through_stored_tables(build: object) -> None:
    plan = build(NOW)  # type: ignore[operator]
    tables = json.loads(json.dumps(plan_to_tables(plan)))
    assert plan_from_tables(tables) == plan
