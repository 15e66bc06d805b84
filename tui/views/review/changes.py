"""What review mode records: the draft a meeting builds, then one edit that saves it (pure, no Textual)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from schemas.edits import PlanEdit, changed, new_record, new_records, record_id
from schemas.enums import ReviewOutcome
from schemas.plan import Plan
from schemas.records import Attendee, Review, ReviewAction
from schemas.review import ReviewDraft, outcome_words

Values = dict[str, Any]

MAX_ATTENDEES = 8
"""Attendee lines the meeting form offers (one opens once the one before has a name)."""

OTHER = "other:"
"""The choice that lets a role, or an owner's name, be typed (never a record id: ids have no colon)."""


def _role(plan: Plan, choice: str | None, typed: object) -> tuple[str, str | None]:
    """(the role's or owner's name, the RACI role id or None) from a select and its typed line."""
    role = next((r for r in plan.raci_roles if r.id == choice), None)
    if role is not None:
        return role.name, role.id
    return str(typed or "").strip(), None


def attendees(plan: Plan, values: Values) -> list[Attendee]:
    """The attendees the meeting form names, in order, up to the first empty name."""
    found = []
    for number in range(1, MAX_ATTENDEES + 1):
        name = str(values.get(f"name_{number}") or "").strip()
        if not name:
            break
        role, _ = _role(plan, values.get(f"role_{number}"), values.get(f"other_{number}"))
        found.append(Attendee(name=name, role=role))
    return found


def start(plan: Plan, values: Values) -> ReviewDraft | str:
    """A new draft from the meeting form, or why the meeting cannot start."""
    try:
        people = attendees(plan, values)
    except ValidationError as exc:
        return f"An attendee cannot be recorded: {exc.errors()[0]['msg']}."
    if not people:
        return "Name at least one attendee."
    return ReviewDraft(held_on=values["held_on"], attendees=people)


def record(draft: ReviewDraft, stage: int, outcome: ReviewOutcome, values: Values) -> None:
    """Record ``outcome`` and the note for ``stage`` in the draft (replacing an earlier one)."""
    draft.record(stage, outcome, str(values.get("note") or ""))


def add_action(plan: Plan, draft: ReviewDraft, stage: int, values: Values) -> str | None:
    """Add the action the form describes to the draft; None, or why it was refused."""
    owner, role = _role(plan, values.get("owner"), values.get("owner_name"))
    try:
        draft.add_action(stage, str(values["what"]), owner, role, values["due"])
    except ValidationError as exc:
        return f"The action cannot be recorded: {exc.errors()[0]['msg']}."
    return None


def save(plan: Plan, draft: ReviewDraft, *, finished: bool) -> PlanEdit:
    """The review and its actions as one edit: one history entry, one undo."""
    review = draft.as_review(finished)
    put = new_record(plan, Review, **_fields(review))
    review_id = record_id(put)
    rows = [{**_fields(a), "review": review_id} for a in draft.actions]
    puts = [put, *new_records(plan, ReviewAction, rows)]
    state = "Recorded the stage review" if finished else "Kept the unfinished stage review"
    summary = (
        f"{state} of {review.held_on}: {outcome_words(review.verdicts)}; "
        f"{len(draft.actions)} action{'' if len(draft.actions) == 1 else 's'}."
    )
    return PlanEdit("review.finish" if finished else "review.keep", puts, summary)


def _fields(record: Review | ReviewAction) -> dict[str, Any]:
    """A record's fields without its (provisional) id."""
    return record.model_dump(exclude={"id"})


def mark_done(action: ReviewAction, values: Values) -> PlanEdit:
    """Mark ``action`` done: who (typed) and when."""
    changes = changed(action, done_by=values["done_by"], done_at=values["done_at"])
    return PlanEdit("review_action.done", changes, f'Action "{action.what}" done by {values["done_by"]}.')
