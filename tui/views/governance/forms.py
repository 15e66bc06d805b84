"""The Governance tab's form: statement, owner, review and next review of a topic."""

from __future__ import annotations

from datetime import date

from schemas.plan import Plan
from schemas.records import GovernanceTopic
from schemas.text import Line, Prose
from tui.dialogs.form import FormDialog, FormField, Values, validate_with


def topic_form(plan: Plan, topic: GovernanceTopic, today: date) -> FormDialog:
    """The form of one topic, prefilled."""
    fields = topic_fields(plan, topic, today)
    return FormDialog(f"Governance topic: {topic.title}", fields, check=check_review)


def topic_fields(plan: Plan, topic: GovernanceTopic, today: date) -> list[FormField]:
    """The form fields of one topic, prefilled."""
    roles = [(role.name, role.id) for role in plan.raci_roles]
    owner = topic.owner_role if topic.owner_role in {r.id for r in plan.raci_roles} else None

    def not_future(value: date | None) -> str | None:
        return "A review cannot be recorded in the future." if value and value > today else None

    return [
        FormField(
            "statement",
            "Statement: what the organization commits to",
            kind="multiline",
            initial=topic.statement,
            validator=validate_with(Prose),
        ),
        FormField("owner_role", "Owner (a RACI role)", kind="select", initial=owner, options=roles),
        FormField("reviewed_by", "Reviewed by", initial=topic.reviewed_by, validator=validate_with(Line)),
        FormField(
            "reviewed_at",
            "Reviewed on (YYYY-MM-DD)",
            kind="date",
            initial=topic.reviewed_at,
            validator=not_future,
        ),
        FormField("next_review", "Next review due (YYYY-MM-DD)", kind="date", initial=topic.next_review),
    ]


def check_review(values: Values) -> str | None:
    """A review names who and when; the next review comes after it."""
    by, on_day, due = values["reviewed_by"].strip(), values["reviewed_at"], values["next_review"]
    if by and on_day is None:
        return "Give the date of the review as well as who reviewed it."
    if on_day is not None and not by:
        return "Say who reviewed it as well as when."
    if on_day is not None and due is not None and due <= on_day:
        return "The next review must come after the review."
    return None
