"""surveillance: prohibitions attested in time, private content for the employee alone."""

from __future__ import annotations

from planbuild import complete_stages, edit, example, found, fresh, one, remove

from schemas.enums import AccessLevel, DataCategory, PilotStatus, Severity
from schemas.plan import Plan
from schemas.records import Policy


def _rule(plan: Plan, role: str, category: DataCategory) -> str:
    return next(r.id for r in plan.data_access if r.role == role and r.category is category)


def test_unattested_prohibition_while_a_pilot_runs_is_blocking() -> None:
    plan = edit(example(), "prohibitions", "pr-1", attested_by="", attested_at=None)
    finding = one(plan, "surveillance", Severity.BLOCKING, "prohibitions/pr-1")
    assert finding.stage == 2 and "secret monitoring" in finding.message and "is running" in finding.message


def test_unattested_prohibition_before_any_pilot_is_not_a_finding() -> None:
    assert found(fresh(), "surveillance") == []


def test_unattested_prohibition_with_a_pilot_in_design_is_a_warning() -> None:
    plan = edit(example(), "pilots", "pilot-1", status=PilotStatus.DESIGN)
    plan = edit(plan, "prohibitions", "pr-2", attested_by="")
    one(plan, "surveillance", Severity.WARNING, "prohibitions/pr-2")


def test_stage_two_complete_with_an_unattested_prohibition_is_a_warning() -> None:
    plan = complete_stages(fresh(), 1, 2)
    finding = one(plan, "surveillance", Severity.WARNING, "prohibitions/pr-4")
    assert "stage 2 is marked complete" in finding.message


def test_removed_prohibition_is_blocking() -> None:
    plan = remove(fresh(), "prohibitions", "pr-3")
    finding = one(plan, "surveillance", Severity.BLOCKING, "prohibitions")
    assert "automated discipline" in finding.message


def test_manager_reading_private_content_is_blocking() -> None:
    plan = fresh()
    key = _rule(plan, "Manager", DataCategory.PRIVATE_CONTENT)
    plan = edit(plan, "data_access", key, level=AccessLevel.AGGREGATE)
    finding = one(plan, "surveillance", Severity.BLOCKING, f"data_access/{key}")
    assert "Failure Mode 2" in finding.message and finding.fix == (
        "Set Manager's access to private coaching content to their own only, or to no access."
    )


def test_hr_reading_derived_profiles_is_blocking() -> None:
    plan = fresh()
    key = _rule(plan, "HR", DataCategory.DERIVED_PROFILES)
    one(
        edit(plan, "data_access", key, level=AccessLevel.INDIVIDUAL),
        "surveillance",
        Severity.BLOCKING,
        f"data_access/{key}",
    )


def test_employee_reads_own_content_only() -> None:
    plan = fresh()
    key = _rule(plan, "Employee", DataCategory.PRIVATE_CONTENT)
    assert found(plan, "surveillance") == []
    one(
        edit(plan, "data_access", key, level=AccessLevel.INDIVIDUAL),
        "surveillance",
        Severity.BLOCKING,
        f"data_access/{key}",
    )


def test_individual_usage_metadata_for_a_manager_is_a_warning() -> None:
    plan = fresh()
    key = _rule(plan, "Manager", DataCategory.USAGE_METADATA)
    one(
        edit(plan, "data_access", key, level=AccessLevel.INDIVIDUAL),
        "surveillance",
        Severity.WARNING,
        f"data_access/{key}",
    )


def test_aggregate_access_with_k_below_the_floor_is_blocking() -> None:
    # The model refuses k < 3; a plan built around validation must still be caught.
    plan = fresh()
    plan = plan.model_copy(
        update={"policy": Policy.model_construct(id="policy", min_group_size=2, pilot_cap=50)}
    )
    finding = one(plan, "surveillance", Severity.BLOCKING, "policy/policy")
    assert "below the floor of 3" in finding.message
    assert found(edit(fresh(), "policy", "policy", min_group_size=3), "surveillance") == []


def test_attested_example_passes() -> None:
    assert found(example(), "surveillance") == []
