"""Consultations name any body and their outcome; an objection stays a warning until answered.
Data access "own only" for any role; outcome kinds from the framework's what-to-measure list."""

from __future__ import annotations

import pytest
from planbuild import NOW, add, edit, example, found, fresh, one
from pydantic import ValidationError

from schemas.enums import (
    AccessLevel,
    ConsultationBody,
    ConsultationOutcome,
    DataCategory,
    OutcomeKind,
    Severity,
)
from schemas.records import Consultation, Outcome


def _consulted(**fields: object) -> Consultation:
    return Consultation.model_validate({"id": "cons-9", "consulted_at": NOW.date(), **fields})


def test_a_body_the_planner_names_needs_its_name() -> None:
    union = _consulted(body="other", body_name="Transport workers' union", outcome="consulted")
    assert (union.body, union.body_name, union.outcome) == (
        ConsultationBody.OTHER,
        "Transport workers' union",
        ConsultationOutcome.CONSULTED,
    )
    with pytest.raises(ValidationError, match="needs its name"):
        _consulted(body="other")
    dpo = _consulted(body="data_protection_officer")
    assert dpo.outcome is None and dpo.body_name == ""
    with pytest.raises(ValidationError):
        _consulted(body="works_council", outcome="vetoed")


def test_an_objection_is_a_warning_naming_the_body_until_the_plan_answers() -> None:
    plan = add(
        fresh(),
        "consultations",
        id="cons-1",
        body="other",
        body_name="Transport workers' union",
        consulted_at=NOW.date(),
        outcome="objected",
        said="Drivers' supervisors must not take part.",
    )
    finding = one(plan, "pilot-design", Severity.WARNING, "consultations/cons-1")
    assert finding.stage == 5 and finding.message.startswith("Transport workers' union objected on ")
    answered = edit(
        plan, "consultations", "cons-1", response="Supervisors of drivers are left out of the pilot."
    )
    assert found(answered, "pilot-design") == []


def test_a_known_body_is_named_in_words() -> None:
    plan = edit(example(), "consultations", "cons-1", outcome="objected", response="")
    finding = one(plan, "pilot-design", Severity.WARNING, "consultations/cons-1")
    assert finding.message.startswith("The works council objected on ")


def test_agreement_or_an_older_record_without_outcome_is_no_finding() -> None:
    assert found(example(), "pilot-design") == []
    assert found(edit(example(), "consultations", "cons-1", outcome=None), "pilot-design") == []


@pytest.mark.parametrize("role", ["Manager", "HR", "Executive sponsor"])
def test_any_role_may_read_its_own_coaching_data(role: str) -> None:
    plan = fresh()
    for rule in plan.data_access:
        if rule.role == role:
            plan = edit(plan, "data_access", rule.id, level=AccessLevel.OWN)
    assert found(plan, "surveillance") == []


@pytest.mark.parametrize("level", [AccessLevel.AGGREGATE, AccessLevel.INDIVIDUAL])
def test_reading_others_private_content_or_profiles_stays_blocking(level: AccessLevel) -> None:
    plan = fresh()
    for category in (DataCategory.PRIVATE_CONTENT, DataCategory.DERIVED_PROFILES):
        key = next(r.id for r in plan.data_access if r.role == "Manager" and r.category is category)
        finding = one(
            edit(plan, "data_access", key, level=level),
            "surveillance",
            Severity.BLOCKING,
            f"data_access/{key}",
        )
        assert "Failure Mode 2" in finding.message


def test_access_left_undefined_for_a_role_is_a_pilot_design_gap() -> None:
    plan = example()
    key = next(r.id for r in plan.data_access if r.role == "HR" and r.category is DataCategory.USAGE_METADATA)
    plan = plan.model_copy(update={"data_access": [r for r in plan.data_access if r.id != key]})
    finding = one(plan, "pilot-design", Severity.BLOCKING, "data_access")
    assert finding.message.startswith("HR's access to usage metadata is not defined")


def test_an_outcome_may_carry_its_kind_and_older_ones_have_none() -> None:
    fields = {
        "id": "out-9",
        "stage": 1,
        "what_changed": "Matrix agreed.",
        "recorded_at": NOW,
        "recorded_by": "Dana",
    }
    assert Outcome.model_validate(fields).kind is None
    assert (
        Outcome.model_validate({**fields, "kind": "shorter_recovery_time"}).kind
        is OutcomeKind.SHORTER_RECOVERY
    )
    with pytest.raises(ValidationError):
        Outcome.model_validate({**fields, "kind": "felt_impressive"})
