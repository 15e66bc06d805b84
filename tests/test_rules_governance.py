"""governance-complete and raci: Step 3's topics, and who owns each activity."""

from __future__ import annotations

from planbuild import complete_stages, edit, example, found, fresh, one, remove

from schemas.enums import RaciLetter, Severity, StageStatus


def test_topics_not_listed_before_stage_three_starts() -> None:
    assert found(fresh(), "governance-complete") == []


def test_incomplete_topics_are_information_while_stage_three_is_under_way() -> None:
    plan = complete_stages(fresh(), 1, 2)
    plan = edit(plan, "stages", "stage-3", status=StageStatus.IN_PROGRESS)
    finding = one(plan, "governance-complete", Severity.INFO, "governance/gov-2")
    assert finding.message == (
        'Governance topic "Retention" has no statement or review yet; '
        "stage 3 cannot be completed until it has them."
    )
    assert len(found(plan, "governance-complete")) == 9


def test_stage_three_complete_with_a_topic_lacking_review_is_blocking() -> None:
    plan = edit(example(), "governance", "gov-4", reviewed_by="", reviewed_at=None)
    finding = one(plan, "governance-complete", Severity.BLOCKING, "governance/gov-4")
    assert finding.stage == 3 and "review" in finding.message and "marked complete" in finding.message


def test_owner_must_be_an_existing_role() -> None:
    plan = edit(example(), "governance", "gov-1", owner_role="role-99")
    finding = one(plan, "governance-complete", Severity.BLOCKING, "governance/gov-1")
    assert "owner" in finding.message


def test_missing_topic_is_reported_on_the_table() -> None:
    plan = remove(example(), "governance", "gov-9")
    finding = one(plan, "governance-complete", Severity.BLOCKING, "governance")
    assert "incident response" in finding.message


def test_complete_governance_passes() -> None:
    assert found(example(), "governance-complete") == []


def test_two_accountable_roles_on_one_activity_is_blocking() -> None:
    plan = fresh()
    activity = plan.raci_activities[0]
    plan = edit(plan, "raci_activities", activity.id, cells={**activity.cells, "role-2": RaciLetter.A})
    finding = one(plan, "raci", Severity.BLOCKING, f"raci_activities/{activity.id}")
    assert finding.stage == 3 and "2 accountable roles (A), HR and Legal and privacy" in finding.message


def test_activity_without_accountable_or_responsible_is_blocking() -> None:
    plan = fresh()
    plan = edit(plan, "raci_activities", "act-2", cells={"role-1": RaciLetter.C})
    hits = [f for f in found(plan, "raci") if f.entity == "raci_activities/act-2"]
    assert [f.severity for f in hits] == [Severity.BLOCKING, Severity.BLOCKING]
    assert "no accountable role" in hits[0].message and "no responsible role" in hits[1].message


def test_default_raci_passes() -> None:
    assert found(fresh(), "raci") == []


def test_expand_decision_owned_by_someone_else_is_blocking() -> None:
    plan = fresh()
    decision = next(a for a in plan.raci_activities if a.expand_decision)
    cells = {**decision.cells, "role-6": RaciLetter.C, "role-1": RaciLetter.A, "role-2": RaciLetter.R}
    plan = edit(plan, "raci_activities", decision.id, cells=cells)
    finding = one(plan, "raci", Severity.BLOCKING, f"raci_activities/{decision.id}")
    assert "owned by HR, not by the executive sponsor" in finding.message


def test_no_expand_activity_or_no_sponsor_is_blocking() -> None:
    plan = fresh()
    decision = next(a for a in plan.raci_activities if a.expand_decision)
    one(
        edit(plan, "raci_activities", decision.id, expand_decision=False),
        "raci",
        Severity.BLOCKING,
        "raci_activities",
    )
    one(edit(plan, "raci_roles", "role-6", sponsor=False), "raci", Severity.BLOCKING, "raci_roles")


def test_letters_for_a_removed_role_are_a_warning() -> None:
    plan = remove(fresh(), "raci_roles", "role-5")
    finding = one(plan, "raci", Severity.WARNING, "raci_activities/act-4")
    assert "role-5" in finding.message
