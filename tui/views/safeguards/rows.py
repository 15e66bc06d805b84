"""The Safeguards tab's words and rows: prohibitions, data access, consultations (pure, no Textual)."""

from __future__ import annotations

from dataclasses import dataclass

from schemas.enums import AccessLevel, ConsultationBody, ConsultationOutcome, DataCategory
from schemas.plan import Plan
from schemas.records import Consultation, DataAccessRule, Prohibition
from schemas.rules.base import CATEGORY_WORDS, Finding
from schemas.rules.safeguards import PROHIBITION_WORDS
from tui import glyphs
from tui.widgets.marks import mark
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
    ConsultationBody.DATA_PROTECTION_OFFICER: "Data protection officer",
    ConsultationBody.OTHER: "Another body (name it)",
}
"""Who was consulted, as a list says it."""

OUTCOME_WORDS: dict[ConsultationOutcome, str] = {
    ConsultationOutcome.INFORMED: "informed",
    ConsultationOutcome.CONSULTED: "consulted",
    ConsultationOutcome.AGREED: "agreed",
    ConsultationOutcome.OBJECTED: "objected",
}
"""Where a consultation ended, as a list says it."""


def body_name(consultation: Consultation) -> str:
    """'Works council', or the body's own name when the plan gives one."""
    return consultation.body_name or BODY_WORDS[consultation.body]


def outcome_word(consultation: Consultation) -> str:
    """'objected' (with '!' until the plan answers it), or '-' when not recorded."""
    if consultation.outcome is None:
        return "-"
    word = OUTCOME_WORDS[consultation.outcome]
    unanswered = consultation.outcome is ConsultationOutcome.OBJECTED and not consultation.response
    return f"! {word}" if unanswered else word


CATEGORY_TITLES = ("Private content", "Derived profiles", "Usage metadata", "Aggregate reports")
"""The grid's column titles, in ``DataCategory`` order."""


def attestation(prohibition: Prohibition) -> str:
    """'✓ Ana Ruiz, 2025-03-02 14:05' or '✗ not attested'."""
    if prohibition.attested_by and prohibition.attested_at is not None:
        return f"{glyphs.OK} {prohibition.attested_by}, {when(prohibition.attested_at)}"
    return f"{glyphs.BLOCKING} not attested"


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
        body_name(consultation),
        consultation.consulted_at.isoformat(),
        outcome_word(consultation),
        shorten(consultation.said, 200) or "-",
        shorten(consultation.response, 200) or "-",
    )


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
        f"{body_name(consultation)}, {consultation.consulted_at.isoformat()}: {outcome_word(consultation)}",
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
    return f"Delete the consultation with {body_name(consultation)} of {when_}?"
