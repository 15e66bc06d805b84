"""Edits as values: what a user action asks of the plan, built from the records' own models.

A view never spells a table or a field name as a string. It builds a :class:`PlanEdit`
with the helpers here, which take the record (or its model) and keyword arguments
checked against the model's fields::

    edit = PlanEdit(
        "use_case.tighten",
        changed(case, status=UseCaseStatus.PROHIBITED),
        f'Use case "{case.name}": prohibited.',
    )

The app applies it in one place (``tui.session.PlanSession.apply``), which records one
history entry and reports a refusal the same way for every view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic_core import to_jsonable_python

from schemas.history import Change, Delete, Put, Set
from schemas.plan import TABLES, Plan, next_id
from schemas.records import (
    Condition,
    Consultation,
    DataAccessRule,
    Decision,
    Evidence,
    GovernanceTopic,
    Jurisdiction,
    Observation,
    Outcome,
    Pilot,
    Prohibition,
    RaciActivity,
    RaciRole,
    Record,
    Review,
    ReviewAction,
    RoiClaim,
    Stage,
    TrainingSession,
    UseCase,
)

R = TypeVar("R", bound=Record)

TABLE_OF: dict[type[Record], str] = {model: table for table, model in TABLES.items()}
"""Each record model -> the table that holds its records."""

ID_PREFIX: dict[type[Record], str] = {
    Jurisdiction: "jur",
    Stage: "stage",
    Evidence: "ev",
    Outcome: "out",
    UseCase: "uc",
    Prohibition: "pr",
    DataAccessRule: "da",
    GovernanceTopic: "gov",
    RaciRole: "role",
    RaciActivity: "act",
    Pilot: "pilot",
    Condition: "cond",
    TrainingSession: "tr",
    Observation: "obs",
    Decision: "dec",
    RoiClaim: "roi",
    Consultation: "cons",
    Review: "rev",
    ReviewAction: "ra",
}
"""The id prefix of new records of each model (``uc-9``); metrics are keyed by name instead."""


@dataclass(frozen=True)
class PlanEdit:
    """One user action: the changes it makes, what it did in words, and why."""

    action: str
    """The action's id in the history, e.g. ``use_case.edit``."""
    changes: tuple[Change, ...]
    """The record changes, applied in order as one durable write."""
    summary: str
    """What it does, as the history and the notification say it."""
    reason: str = ""
    """Why, where the action asks for a reason (a reopened stage)."""

    def __init__(self, action: str, changes: Iterable[Change], summary: str, reason: str = "") -> None:
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "changes", tuple(changes))
        object.__setattr__(self, "summary", summary)
        object.__setattr__(self, "reason", reason)

    @property
    def empty(self) -> bool:
        """True when the edit changes nothing (a form saved as it opened)."""
        return not self.changes


@dataclass(frozen=True)
class AskFirst:
    """An edit that needs a yes first: the question says what it would do."""

    question: str
    """The question, saying what the edit would do."""
    edit: PlanEdit
    """Applied on yes."""
    yes: str
    """The yes button."""
    no: str = "Keep"
    """The no button."""


def table_of(model: type[Record] | Record) -> str:
    """The table of a record or of a record model."""
    return TABLE_OF[model if isinstance(model, type) else type(model)]


def entity(record: Record) -> str:
    """What a finding on ``record`` points at: ``table/id``."""
    return f"{table_of(record)}/{record.id}"


def changed(record: Record, **values: Any) -> list[Change]:
    """One Set per field of ``record`` that ``values`` change, each value as stored JSON.

    Values are normalised through the record's model first (text trimmed, dates and
    enums as the file holds them), so a form saved unchanged asks for nothing. A value
    the model refuses is passed on as given: the store refuses it, naming the field.
    """
    model = type(record)
    unknown = sorted(set(values) - set(model.model_fields) | ({"id"} & set(values)))
    if unknown:
        raise ValueError(f"{model.__name__} has no editable field {unknown[0]!r}")
    current = record.model_dump(mode="json")
    try:
        wanted = model.model_validate({**record.model_dump(), **values}).model_dump(mode="json")
    except ValidationError:
        wanted = {**current, **{name: to_jsonable_python(value) for name, value in values.items()}}
    table = table_of(model)
    return [
        Set(table=table, key=record.id, field=name, value=wanted[name])
        for name in values
        if wanted[name] != current[name]
    ]


def new_records(plan: Plan, model: type[R], rows: Iterable[Mapping[str, Any]]) -> list[Put]:
    """Puts adding one ``model`` record per row, each with the next free id of its table."""
    table = table_of(model)
    taken = [row.id for row in getattr(plan, table)]
    puts: list[Put] = []
    for fields in rows:
        record_id = next_id(ID_PREFIX[model], taken)
        taken.append(record_id)
        puts.append(Put(table=table, record=_stored(model, {"id": record_id, **fields})))
    return puts


def new_record(plan: Plan, model: type[R], **fields: Any) -> Put:
    """A Put adding one ``model`` record with the next free id (``record_id`` reads it back)."""
    return new_records(plan, model, [fields])[0]


def record_id(change: Change) -> str:
    """The id of the record a change adds, sets or removes."""
    return str(change.record["id"]) if isinstance(change, Put) else change.key


def removed(records: Sequence[Record] | Record) -> list[Change]:
    """Deletes of ``records``."""
    rows = [records] if isinstance(records, Record) else records
    return [Delete(table=table_of(row), key=row.id) for row in rows]


def _stored(model: type[Record], fields: dict[str, Any]) -> dict[str, Any]:
    """The record as the file holds it; as given when the model refuses it (the store names why)."""
    try:
        return model.model_validate(fields).model_dump(mode="json")
    except ValidationError:
        return {name: to_jsonable_python(value) for name, value in fields.items()}
