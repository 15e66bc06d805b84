"""The Safeguards tab's words, rows and forms: prohibitions, data access, k, consultations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schemas.enums import AccessLevel, ConsultationBody, DataCategory
from schemas.plan import Plan
from schemas.records import Consultation, DataAccessRule, Prohibition
from schemas.rules.base import CATEGORY_WORDS, Finding
from schemas.rules.safeguards import MIN_K, PROHIBITION_WORDS
from schemas.text import Name, Prose
from tui.dialogs.form import FormField, validate_with
from tui.widgets.columns import Column
from tui.widgets.marks import MARK_STYLES, mark
from tui.words import shorten, when

LEVEL_SHORT: dict[AccessLevel, str] = {
    AccessLevel.NONE: "none",
    AccessLevel.OWN: "own only",
    AccessLevel.AGGREGATE: "aggregate",
    AccessLevel.INDIVIDUAL: "individual",
}
"""Access levels as a grid cell says them."""

READS: dict[AccessLevel, str] = {
    AccessLevel.NONE: "nothing of",
    AccessLevel.OWN: "their own",
    AccessLevel.AGGREGATE: "aggregates of",
    AccessLevel.INDIVIDUAL: "individual records of",
}
"""What a role reads at each level, as the detail panel says it."""

BODY_WORDS: dict[ConsultationBody, str] = {
    ConsultationBody.WORKS_COUNCIL: "Works council",
    ConsultationBody.EMPLOYEE_REPRESENTATIVES: "Employee representatives",
    ConsultationBody.PARTICIPANT_PANEL: "Participant panel",
}
"""Who was consulted, as a list says it."""

CATEGORY_TITLES = ("Private content", "Derived profiles", "Usage metadata", "Aggregate reports")
"""The grid's column titles, in ``DataCategory`` order."""


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
        Column("What they said", 12, flex=2),
        Column("How the plan answered", 12, flex=2),
    ]


def attestation(prohibition: Prohibition) -> str:
    """'✓ Ana Ruiz, 2025-03-02 14:05' or '✗ not attested'."""
    if prohibition.attested_by and prohibition.attested_at is not None:
        return f"✓ {prohibition.attested_by}, {when(prohibition.attested_at)}"
    return "✗ not attested"


def prohibition_row(prohibition: Prohibition, findings: list[Finding]) -> tuple[str, ...]:
    """One line of the prohibitions list."""
    words = PROHIBITION_WORDS[prohibition.key]
    return (mark(findings), "No " + words, attestation(prohibition))


@dataclass(frozen=True)
class AccessRow:
    """One role of the data-access grid: its rule for each category (None if absent)."""

    role: str
    """The role's name."""
    rules: tuple[DataAccessRule | None, ...]
    """One rule per ``DataCategory``, in order."""


def access_rows(plan: Plan) -> list[AccessRow]:
    """The grid's roles in the order they first appear, each with its four rules."""
    roles: dict[str, dict[DataCategory, DataAccessRule]] = {}
    for rule in plan.data_access:
        roles.setdefault(rule.role, {})[rule.category] = rule
    return [AccessRow(role, tuple(cells.get(c) for c in DataCategory)) for role, cells in roles.items()]


def access_cells(row: AccessRow, found: dict[str, list[Finding]]) -> tuple[str, ...]:
    """One line of the grid: the role's mark and name, each level with its finding's symbol."""
    texts = []
    for rule in row.rules:
        level = rule.level if rule else AccessLevel.NONE
        symbol = mark(found.get(rule.id, [])) if rule else ""
        texts.append(f"{symbol} {LEVEL_SHORT[level]}" if symbol else LEVEL_SHORT[level])
    everything = [f for rule in row.rules if rule for f in found.get(rule.id, [])]
    return (mark(everything), row.role, *texts)


def cell_text(row: AccessRow, index: int) -> str:
    """'HR reads aggregates of usage metadata.' for the detail panel."""
    rule = row.rules[index]
    level = rule.level if rule else AccessLevel.NONE
    return f"{row.role} reads {READS[level]} {CATEGORY_WORDS[list(DataCategory)[index]]}."


def consultation_row(consultation: Consultation) -> tuple[str, ...]:
    """One line of the consultations list."""
    return (
        BODY_WORDS[consultation.body],
        consultation.consulted_at.isoformat(),
        shorten(consultation.said, 200) or "-",
        shorten(consultation.response, 200) or "-",
    )


def attest_fields(default_name: str) -> list[FormField]:
    """Who attests (the plan's display name or the OS user by default)."""
    return [
        FormField("by", "Attested by", initial=default_name, required=True, validator=validate_with(Name))
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


def prohibition_detail(prohibition: Prohibition) -> list[str]:
    """The prohibition in full and who attested it when."""
    if prohibition.attested_by and prohibition.attested_at is not None:
        attested = f"Attested by {prohibition.attested_by} on {when(prohibition.attested_at)}."
    else:
        attested = "Not attested: press a to record who attests it."
    return [prohibition.text, attested]


def consultation_detail(consultation: Consultation) -> list[str]:
    """Who, when, what they said and how the plan answered."""
    return [
        f"{BODY_WORDS[consultation.body]}, {consultation.consulted_at.isoformat()}",
        f"Said: {consultation.said or '-'}",
        f"Answer: {consultation.response or '-'}",
    ]


def withdraw_question(prohibition: Prohibition) -> str:
    """Ask before withdrawing an attestation."""
    words = PROHIBITION_WORDS[prohibition.key]
    return (
        f"Withdraw {prohibition.attested_by}'s attestation of the prohibition of {words}? "
        "It must be attested again before a pilot starts."
    )


def delete_question(consultation: Consultation) -> str:
    """Ask before deleting a consultation record."""
    when_ = consultation.consulted_at.isoformat()
    return f"Delete the consultation with {BODY_WORDS[consultation.body]} of {when_}?"
