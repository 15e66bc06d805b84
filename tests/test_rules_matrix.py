"""matrix-control, guardrail and delivery: the use-case matrix and its delivery models."""

from __future__ import annotations

import pytest
from planbuild import add, complete_stages, edit, found, fresh, one, remove

from schemas.enums import DeliveryModel, Level, Severity, UseCaseStatus


def test_controlled_status_without_a_control_is_blocking() -> None:
    plan = edit(fresh(), "use_cases", "uc-2", control="")
    finding = one(plan, "matrix-control", Severity.BLOCKING, "use_cases/uc-2")
    assert finding.stage == 1 and '"Leadership reflection"' in finding.message


def test_permitted_use_case_needs_no_control() -> None:
    plan = edit(fresh(), "use_cases", "uc-1", control="")
    assert found(plan, "matrix-control") == []


def test_prohibited_use_case_without_a_route_is_blocking() -> None:
    plan = edit(fresh(), "use_cases", "uc-7", route_to="")
    finding = one(plan, "matrix-control", Severity.BLOCKING, "use_cases/uc-7")
    assert "where people are sent instead" in finding.message


def test_default_matrix_names_every_control_and_route() -> None:
    assert found(fresh(), "matrix-control") == []


@pytest.mark.parametrize(
    ("key", "status"),
    [
        ("uc-6", UseCaseStatus.PERMITTED_WITH_CONTROLS),
        ("uc-7", UseCaseStatus.HUMAN_REQUIRED),
        ("uc-8", UseCaseStatus.PERMITTED),
        ("uc-5", UseCaseStatus.PERMITTED_WITH_CONTROLS),
    ],
)
def test_loosening_a_guardrail_is_blocking(key: str, status: UseCaseStatus) -> None:
    plan = edit(fresh(), "use_cases", key, status=status, route_to="")
    finding = one(plan, "guardrail", Severity.BLOCKING, f"use_cases/{key}")
    assert "cannot be loosened" in finding.message


def test_guardrails_at_their_status_or_stricter_pass() -> None:
    assert found(fresh(), "guardrail") == []
    stricter = edit(fresh(), "use_cases", "uc-5", status=UseCaseStatus.PROHIBITED, route_to="HR")
    assert found(stricter, "guardrail") == []


def test_guardrail_found_by_name_even_when_unflagged() -> None:
    plan = edit(fresh(), "use_cases", "uc-6", guardrail=False, status=UseCaseStatus.PERMITTED)
    one(plan, "guardrail", Severity.BLOCKING, "use_cases/uc-6")
    added = add(
        fresh(), "use_cases", id="uc-9", name="Mental health support chat", status=UseCaseStatus.PERMITTED
    )
    one(added, "guardrail", Severity.BLOCKING, "use_cases/uc-9")


def test_flagged_guardrail_under_a_new_name_stays_human_required() -> None:
    plan = edit(fresh(), "use_cases", "uc-5", name="Reviews", status=UseCaseStatus.PERMITTED)
    one(plan, "guardrail", Severity.BLOCKING, "use_cases/uc-5")


def test_removing_a_guardrail_from_the_matrix_is_blocking() -> None:
    plan = remove(fresh(), "use_cases", "uc-7")
    finding = one(plan, "guardrail", Severity.BLOCKING, "use_cases")
    assert '"Employee discipline"' in finding.message


def test_human_required_delivered_ai_only_is_blocking() -> None:
    plan = edit(fresh(), "use_cases", "uc-5", delivery=DeliveryModel.AI_ONLY, delivery_rationale="Cheaper")
    finding = one(plan, "delivery", Severity.BLOCKING, "use_cases/uc-5")
    assert finding.stage == 4 and "never AI-only" in finding.message


def test_prohibited_use_case_delivered_by_ai_is_blocking() -> None:
    plan = edit(fresh(), "use_cases", "uc-6", delivery=DeliveryModel.HYBRID, delivery_rationale="x")
    one(plan, "delivery", Severity.BLOCKING, "use_cases/uc-6")


def test_looser_choice_than_recommended_needs_a_rationale() -> None:
    plan = edit(fresh(), "use_cases", "uc-2", delivery=DeliveryModel.AI_ONLY)
    finding = one(plan, "delivery", Severity.BLOCKING, "use_cases/uc-2")
    assert "Recommended: Hybrid, because" in finding.message
    explained = edit(plan, "use_cases", "uc-2", delivery_rationale="Reflection prompts only, no advice.")
    assert found(explained, "delivery") == []


def test_stricter_choice_than_recommended_without_rationale_is_a_warning() -> None:
    plan = edit(fresh(), "use_cases", "uc-1", delivery=DeliveryModel.HUMAN_LED)
    one(plan, "delivery", Severity.WARNING, "use_cases/uc-1")


def test_delivery_following_the_recommendation_passes() -> None:
    assert found(fresh(), "delivery") == []
    plan = edit(fresh(), "use_cases", "uc-1", consequence=Level.HIGH, delivery=DeliveryModel.HUMAN_LED)
    assert found(plan, "delivery") == []


def test_missing_delivery_once_stage_four_is_complete_is_a_warning() -> None:
    plan = edit(fresh(), "use_cases", "uc-3", delivery=None)
    assert found(plan, "delivery") == []
    done = complete_stages(plan, 1, 2, 3, 4)
    finding = one(done, "delivery", Severity.WARNING, "use_cases/uc-3")
    assert "Recommended:" in finding.fix
