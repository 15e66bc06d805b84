"""Edits as values: built from the records' models, applied by a session without the app."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from schemas.defaults import default_plan
from schemas.edits import AskFirst, PlanEdit, changed, entity, new_record, new_records, record_id, removed
from schemas.enums import UseCaseStatus
from schemas.history import Delete, Set
from schemas.records import Consultation, UseCase
from store import PlanStore
from tui.session import READ_ONLY_MESSAGE, PlanSession
from tui.views.usecases import changes as use_cases

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def session() -> PlanSession:
    return PlanSession(PlanStore.memory(default_plan(NOW)), date(2025, 3, 3))


def test_changed_asks_only_for_what_changes_in_stored_form(session: PlanSession) -> None:
    topic = session.plan.governance[0]
    changes = changed(topic, statement=f"  {topic.statement}  ", reviewed_at=date(2025, 3, 1), reviewed_by="")
    assert changes == [Set(table="governance", key=topic.id, field="reviewed_at", value="2025-03-01")]


def test_changed_refuses_a_field_the_model_does_not_have(session: PlanSession) -> None:
    with pytest.raises(ValueError, match="no editable field 'colour'"):
        changed(session.plan.use_cases[0], colour="red")


def test_a_value_the_model_refuses_reaches_the_store_which_names_the_field(session: PlanSession) -> None:
    case = session.plan.use_cases[0]
    result = session.apply(PlanEdit("use_case.edit", changed(case, name=""), "Emptied a name."))
    assert result.refused and "field name" in result.message
    assert session.plan.use_cases[0].name == case.name and len(session.store.history()) == 0


def test_new_records_take_the_next_free_ids_of_their_table(session: PlanSession) -> None:
    puts = new_records(
        session.plan, UseCase, [{"name": "A", "status": "permitted"}, {"name": "B", "status": "permitted"}]
    )
    assert [record_id(p) for p in puts] == ["uc-9", "uc-10"]
    put = new_record(session.plan, Consultation, body="works_council", consulted_at=date(2025, 3, 1))
    assert put.table == "consultations"
    assert put.record | {"id": "cons-1", "body": "works_council", "consulted_at": "2025-03-01"} == put.record


def test_removed_and_entity_name_the_record_by_its_model(session: PlanSession) -> None:
    case = session.plan.use_cases[2]
    assert removed(case) == [Delete(table="use_cases", key=case.id)]
    assert entity(case) == f"use_cases/{case.id}"


def test_a_session_applies_undoes_and_redoes_with_one_entry_each(session: PlanSession) -> None:
    case = session.plan.use_cases[0]
    edit = PlanEdit("use_case.tighten", changed(case, status=UseCaseStatus.PROHIBITED), "Prohibited it.")
    result = session.apply(edit)
    assert result.applied and result.message == "Prohibited it."
    assert session.plan.use_cases[0].status is UseCaseStatus.PROHIBITED
    assert any(f.entity == entity(case) for f in session.findings)  # findings follow the change
    assert session.undo().applied and session.plan.use_cases[0].status is case.status
    assert session.redo().applied and session.plan.use_cases[0].status is UseCaseStatus.PROHIBITED
    assert [e.action for e in session.store.history()] == ["use_case.tighten", "undo", "redo"]
    assert session.apply(PlanEdit("noop", [], "Nothing.")) == session.apply(edit)  # nothing to change


def test_nothing_to_undo_is_said_not_refused(session: PlanSession) -> None:
    result = session.undo()
    assert not result.applied and not result.refused and result.message.startswith("Nothing to undo")


def test_a_read_only_session_refuses_every_edit(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    PlanStore.create(path, default_plan(NOW)).close()
    with PlanStore.open(path, read_only=True) as store:
        session = PlanSession(store, date(2025, 3, 3))
        case = session.plan.use_cases[0]
        result = session.apply(PlanEdit("use_case.edit", changed(case, name="Other"), "Renamed."))
        assert result.refused and result.message == READ_ONLY_MESSAGE
        assert session.undo().message == READ_ONLY_MESSAGE


def test_loosening_a_framework_limit_asks_first_and_says_so_in_the_history(session: PlanSession) -> None:
    limit = next(c for c in session.plan.use_cases if c.guardrail and c.status is UseCaseStatus.PROHIBITED)
    outcome = use_cases.step_status(limit, -1)
    assert isinstance(outcome, AskFirst) and "is a limit of the framework" in outcome.question
    assert session.apply(outcome.edit).applied
    assert session.store.history()[-1].action == "use_case.loosen_guardrail"
    assert "loosened after confirmation" in session.store.history()[-1].summary
