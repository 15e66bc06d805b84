"""The Safeguards tab's columns and form fields: prohibitions, data access, k, consultations."""

from __future__ import annotations

from datetime import date

from schemas.enums import ConsultationBody
from schemas.records import Consultation
from schemas.rules.safeguards import MIN_K
from schemas.text import Line, Name, Prose
from tui.dialogs.form import FormField, validate_with
from tui.views.safeguards.rows import BODY_WORDS, CATEGORY_TITLES, OUTCOME_WORDS
from tui.widgets.columns import Column
from tui.widgets.marks import MARK_STYLES


def prohibition_columns() -> list[Column]:
    """Findings mark, prohibition, attestation."""
    return [
        Column("!", 1, styles=MARK_STYLES),
        Column("Prohibition", 20, flex=3),
        Column("Attested", 24, flex=2),
    ]


def access_columns() -> list[Column]:
    """Findings mark, role, then one column per data category."""
    return [
        Column("!", 1, styles=MARK_STYLES),
        Column("Role", 10, flex=2),
        *(Column(title, 14, flex=1) for title in CATEGORY_TITLES),
    ]


def consultation_columns() -> list[Column]:
    """Who, when, what they said, how the plan answered."""
    return [
        Column("Consulted", 13, flex=1),
        Column("When", 10),
        Column("Outcome", 8),
        Column("What they said", 10, flex=2),
        Column("How the plan answered", 10, flex=2),
    ]


def attest_fields(default_name: str, hint: str = "") -> list[FormField]:
    """Who attests: typed, or the plan's display name (never the OS account); ``hint`` says which."""
    return [
        FormField(
            "by", "Attested by", initial=default_name, required=True, validator=validate_with(Name), hint=hint
        )
    ]


def role_fields(initial: str, taken: set[str]) -> list[FormField]:
    """A role's name, unique in the grid."""

    def unique(value: str) -> str | None:
        if value.strip().casefold() in taken:
            return "The grid already has a role of that name."
        return validate_with(Name)(value)

    return [FormField("role", "Role", initial=initial, required=True, validator=unique)]


def k_problem(value: int | None) -> str | None:
    """Why a minimum group size cannot be used, or None."""
    if value is None:
        return None
    if value < MIN_K:
        return (
            f"k cannot be below {MIN_K}: smaller groups make people identifiable "
            "(the framework's floor; 5 is the default)."
        )
    if value > 1000:
        return "k can be at most 1000."
    return None


def k_fields(k: int) -> list[FormField]:
    """The minimum group size."""
    return [
        FormField(
            "k",
            f"Minimum group size k (at least {MIN_K}; default 5)",
            kind="int",
            initial=k,
            required=True,
            validator=k_problem,
        )
    ]


def consultation_fields(consultation: Consultation | None, today: date) -> list[FormField]:
    """Who was consulted, when, what they said and how the plan answered."""
    return [
        FormField(
            "body",
            "Who was consulted",
            kind="select",
            required=True,
            options=[(word, body) for body, word in BODY_WORDS.items()],
            initial=consultation.body if consultation else None,
        ),
        FormField(
            "body_name",
            "Its name (e.g. Central works council)",
            initial=consultation.body_name if consultation else "",
            required=True,
            validator=validate_with(Line),
            show_if=lambda v: v.get("body") is ConsultationBody.OTHER,
        ),
        FormField(
            "outcome",
            "Outcome (an objection stays a warning until the plan answers it)",
            kind="select",
            options=[(word, outcome) for outcome, word in OUTCOME_WORDS.items()],
            initial=consultation.outcome if consultation else None,
        ),
        FormField(
            "consulted_at",
            "When (YYYY-MM-DD)",
            kind="date",
            required=True,
            initial=consultation.consulted_at if consultation else today,
        ),
        FormField(
            "said",
            "What they said",
            kind="multiline",
            initial=consultation.said if consultation else "",
            validator=validate_with(Prose),
        ),
        FormField(
            "response",
            "How the plan answered",
            kind="multiline",
            initial=consultation.response if consultation else "",
            validator=validate_with(Prose),
        ),
    ]
