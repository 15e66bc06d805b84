"""pilot-design, around the pilot: legal review, defined data access, and what consulted bodies said."""

from __future__ import annotations

from schemas.enums import ConsultationBody, ConsultationOutcome, PilotStatus, Severity
from schemas.plan import Plan
from schemas.records import Consultation
from schemas.rules.base import CATEGORY_WORDS, Finding, at, join_words
from schemas.rules.safeguards import access_gaps

RULE = "pilot-design"

STAGE = 5
"""Where these findings belong: the pilot's design."""

BODY_WORDS: dict[ConsultationBody, str] = {
    ConsultationBody.WORKS_COUNCIL: "the works council",
    ConsultationBody.EMPLOYEE_REPRESENTATIVES: "the employee representatives",
    ConsultationBody.PARTICIPANT_PANEL: "the participant panel",
    ConsultationBody.DATA_PROTECTION_OFFICER: "the data protection officer",
    ConsultationBody.OTHER: "a body the plan names",
}
"""The known bodies as a sentence names them."""


def body_label(consultation: Consultation) -> str:
    """'the works council', or the body's own name when the plan gives one."""
    return consultation.body_name or BODY_WORDS[consultation.body]


def pilot_context(plan: Plan) -> list[Finding]:
    """Jurisdictions reviewed and access defined once a pilot exists; objections answered always."""
    found = _objections(plan)
    if not plan.pilots:
        return found
    running = any(p.status is PilotStatus.RUNNING for p in plan.pilots)
    severity = Severity.BLOCKING if running else Severity.WARNING
    return _jurisdictions(plan, severity) + undefined_access(plan, severity) + found


def _jurisdictions(plan: Plan, severity: Severity) -> list[Finding]:
    """Every jurisdiction in scope has a recorded legal review."""
    if not plan.jurisdictions:
        return [
            _finding(
                Severity.WARNING,
                "jurisdictions",
                "No jurisdiction is declared in scope, so no legal review is recorded for the pilot.",
                "Add each jurisdiction the pilot covers and record its legal review.",
            )
        ]
    return [
        _finding(
            severity,
            at("jurisdictions", j.id),
            f'Jurisdiction "{j.name}" has no recorded legal review; employment, privacy '
            "and AI laws vary by jurisdiction.",
            "Record who reviewed the pilot for this jurisdiction, and when.",
        )
        for j in plan.jurisdictions
        if not j.reviewed_by or j.reviewed_at is None
    ]


def undefined_access(plan: Plan, severity: Severity) -> list[Finding]:
    """Access to every data category is defined for every role before the pilot starts."""
    if not plan.data_access:
        return [
            _finding(
                severity,
                "data_access",
                "No data access is defined, so participants cannot be told who sees what.",
                "Define each role's access to every data category before the pilot starts.",
            )
        ]
    return [
        _finding(
            severity,
            "data_access",
            f"{role}'s access to {join_words([CATEGORY_WORDS[c] for c in missing])} is not defined; "
            "access must be defined and communicated before launch.",
            f"Set {role}'s access to each of these categories, even if it is no access.",
        )
        for role, missing in access_gaps(plan).items()
    ]


def _objections(plan: Plan) -> list[Finding]:
    """A body that objected, until the plan records how it answers."""
    return [
        _finding(
            Severity.WARNING,
            at("consultations", c.id),
            f"{_start(body_label(c))} objected on {c.consulted_at.isoformat()} and the plan has not "
            "answered the objection.",
            "Record how the plan answers the objection (in some jurisdictions the body must agree).",
        )
        for c in plan.consultations
        if c.outcome is ConsultationOutcome.OBJECTED and not c.response
    ]


def _start(words: str) -> str:
    return words[:1].upper() + words[1:]


def _finding(severity: Severity, entity: str, message: str, fix: str) -> Finding:
    return Finding(rule=RULE, severity=severity, stage=STAGE, entity=entity, message=message, fix=fix)
