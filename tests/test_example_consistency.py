"""The worked example agrees with itself, as a legal reviewer reading it top to bottom would check."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from schemas.enums import AccessLevel, Comparison, ConditionKind, DataCategory, StageStatus
from schemas.example import SCOPE, example_plan
from schemas.findings import evaluate
from schemas.rules.gates import unmet

NOW = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)
PLAN = example_plan(NOW)


def _access(category: DataCategory, level: AccessLevel) -> set[str]:
    return {r.role for r in PLAN.data_access if r.category is category and r.level is level}


def test_every_complete_stage_holds_and_the_plan_has_nothing_to_fix() -> None:
    complete = [s.number for s in PLAN.stages if s.status is StageStatus.COMPLETE]
    assert complete == [1, 2, 3, 4, 5, 6]
    assert all(unmet(PLAN, number, NOW.date()) == [] for number in complete)
    assert {(f.rule, f.severity.value) for f in evaluate(PLAN, NOW.date())} == {
        ("stage-gate", "info"),
        ("small-groups", "info"),
    }


def test_stage_statuses_follow_the_pilot_timeline() -> None:
    pilot = PLAN.current_pilot()
    assert pilot is not None and pilot.start and pilot.notice_date and pilot.end
    completed = {s.number: s.completed_at for s in PLAN.stages if s.completed_at}
    assert completed[5].date() <= pilot.notice_date < pilot.start  # designed, then notice, then launch
    assert all(t.held_on and pilot.notice_date < t.held_on < pilot.start for t in PLAN.training)
    assert max(t.held_on for t in PLAN.training if t.held_on) <= completed[6].date() < pilot.start
    assert (
        min(o.period for o in PLAN.observations) > pilot.start
        and PLAN.stage(7).status is StageStatus.IN_PROGRESS
    )
    assert [completed[n] for n in sorted(completed)] == sorted(completed.values())
    for evidence in PLAN.evidence:
        assert evidence.recorded_at < completed[evidence.stage]
    assert all(j.reviewed_at and j.reviewed_at < pilot.notice_date for j in PLAN.jurisdictions)
    assert all(c.consulted_at < pilot.notice_date for c in PLAN.consultations)


def test_times_are_plausible_and_distinct() -> None:
    moments = [e.recorded_at for e in PLAN.evidence] + [o.recorded_at for o in PLAN.outcomes]
    moments += [p.attested_at for p in PLAN.prohibitions if p.attested_at]
    moments += [s.completed_at for s in PLAN.stages if s.completed_at]
    assert len(set(moments)) == len(moments)
    assert len({(m.hour, m.minute) for m in moments}) == len(moments)
    assert all(8 <= m.hour < 18 and m < NOW for m in moments), "office hours, in the past"
    assert len({p.attested_by for p in PLAN.prohibitions}) == 3


def test_the_access_table_is_what_the_access_statement_and_the_notice_say() -> None:
    statement = next(t.statement for t in PLAN.governance if t.key.value == "access")
    notice = (PLAN.current_pilot() or PLAN.pilots[0]).notice_text
    assert _access(DataCategory.AGGREGATE_REPORTS, AccessLevel.AGGREGATE) == {"HR", "Executive sponsor"}
    assert _access(DataCategory.USAGE_METADATA, AccessLevel.AGGREGATE) == {"HR"}
    assert (
        "HR sees usage and reports, and the sponsor reports, only as totals over at least five" in statement
    )
    assert _access(DataCategory.PRIVATE_CONTENT, AccessLevel.OWN) == {"Participant (new manager)"}
    assert _access(DataCategory.USAGE_METADATA, AccessLevel.OWN) == {"Participant (new manager)"}
    assert "Each participant sees only their own sessions and usage" in statement
    assert {r.level for r in PLAN.data_access if r.category is DataCategory.DERIVED_PROFILES} == {
        AccessLevel.NONE
    }
    assert "no profile is derived" in statement
    leader = {r.level for r in PLAN.data_access if r.role == "Participant's manager or leader"}
    assert leader == {AccessLevel.NONE} and "Your own manager and other leaders see nothing" in " ".join(
        notice.split()
    )
    assert "HR and the pilot's sponsor see only totals over at least five people" in " ".join(notice.split())
    assert PLAN.policy.min_group_size == 5


def test_scope_matrix_and_pilot_agree() -> None:
    pilot = PLAN.current_pilot()
    assert pilot is not None
    counts = [int(n) for n in re.findall(r"with (\d+) new managers", SCOPE)]
    assert counts == [pilot.population_size]
    permitted = [u for u in PLAN.use_cases if u.status.value in ("permitted", "permitted_with_controls")]
    assert len(permitted) == 5 and "five uses permitted or permitted with controls" in SCOPE
    assert [u.name for u in PLAN.use_cases if u.status.value == "human_required"] == [
        "Performance management"
    ]
    assert "performance management only with a human deciding" in SCOPE
    assert (
        sum(u.status.value == "prohibited" for u in PLAN.use_cases) == 3 and "three uses prohibited" in SCOPE
    )
    assert (pilot.end - pilot.start).days == 56 and "eight-week pilot" in SCOPE
    assert [j.name for j in PLAN.jurisdictions] == ["Netherlands"] and "in the Netherlands" in SCOPE


def test_the_privacy_incident_stop_condition_is_one_or_more() -> None:
    stop = {c.metric: c for c in PLAN.conditions if c.kind is ConditionKind.STOP}
    incident = stop["privacy_incidents"]
    assert (incident.comparison, incident.threshold) == (Comparison.GE, 1)
    statement = next(t.statement for t in PLAN.governance if t.key.value == "incident_response")
    assert "One privacy incident is a stop condition" in statement


def test_the_works_council_agreed_and_its_conditions_are_in_the_plan() -> None:
    [council] = PLAN.consultations
    assert council.outcome is not None and council.outcome.value == "agreed"
    assert "no line manager or leader ever sees" in council.said and council.response


def test_every_outcome_but_the_incomplete_one_has_a_kind() -> None:
    assert [o.kind is None for o in PLAN.outcomes] == [not o.complete for o in PLAN.outcomes]
