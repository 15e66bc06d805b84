"""What every rule shares: the finding it returns and the words it uses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.enums import (
    AccessLevel,
    DataCategory,
    DeliveryModel,
    PilotStatus,
    Severity,
    UseCaseStatus,
)
from schemas.plan import Plan
from schemas.records import Pilot

RULE_IDS: tuple[str, ...] = (
    "history-chain",
    "stage-gate",
    "matrix-control",
    "guardrail",
    "surveillance",
    "governance-complete",
    "raci",
    "delivery",
    "pilot-design",
    "conditions-locked",
    "training",
    "measurement",
    "small-groups",
    "decision",
    "roi",
    "dates",
)
"""Every rule id; scripts and tests rely on them, so they never change."""

PLAN_WIDE = 0
"""The stage number of findings about the plan as a whole (the history chain)."""


class Finding(BaseModel):
    """One thing a rule found: what, how much it matters, where, and what to do."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    """The rule id, one of ``RULE_IDS``."""
    severity: Severity
    """Blocking, warning or info."""
    stage: int = Field(ge=PLAN_WIDE, le=8)
    """The stage it belongs to; 0 for the plan as a whole."""
    entity: str = ""
    """What it points at: ``table/id``, a whole ``table``, or empty for the plan."""
    message: str
    """One sentence a planner understands without the framework at hand."""
    fix: str
    """What to do next."""

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        if value not in RULE_IDS:
            raise ValueError(f"unknown rule id {value!r}")
        return value


Rule = Callable[[Plan, date], list[Finding]]
"""A rule: a pure function of the plan and today's date."""


def at(table: str, record_id: str) -> str:
    """The entity string ``table/id``."""
    return f"{table}/{record_id}"


STATUS_WORDS: dict[UseCaseStatus, str] = {
    UseCaseStatus.PERMITTED: "permitted",
    UseCaseStatus.PERMITTED_WITH_CONTROLS: "permitted with controls",
    UseCaseStatus.HUMAN_REQUIRED: "human-required",
    UseCaseStatus.PROHIBITED: "prohibited",
}
"""Use-case statuses as a sentence says them."""

DELIVERY_WORDS: dict[DeliveryModel, str] = {
    DeliveryModel.AI_ONLY: "AI-only",
    DeliveryModel.HYBRID: "hybrid",
    DeliveryModel.HUMAN_LED: "human-led",
}
"""Delivery models as a sentence says them."""

CATEGORY_WORDS: dict[DataCategory, str] = {
    DataCategory.PRIVATE_CONTENT: "private coaching content",
    DataCategory.DERIVED_PROFILES: "derived profiles",
    DataCategory.USAGE_METADATA: "usage metadata",
    DataCategory.AGGREGATE_REPORTS: "aggregate reports",
}
"""Data categories as a sentence says them."""

ACCESS_WORDS: dict[AccessLevel, str] = {
    AccessLevel.NONE: "no access",
    AccessLevel.OWN: "their own only",
    AccessLevel.AGGREGATE: "aggregates",
    AccessLevel.INDIVIDUAL: "individual records",
}
"""Access levels as a sentence says them."""


def join_words(items: list[str], conjunction: str = "and") -> str:
    """'a', 'a and b', 'a, b and c' (or another conjunction)."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def short(text: str, limit: int = 60) -> str:
    """The first line of ``text``, cut to ``limit`` characters with an ellipsis."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def stage_name(plan: Plan, number: int, *, start: bool = False) -> str:
    """'stage 3 Establish Privacy and Governance' ('Stage 3 ...' to start a sentence)."""
    title = next((s.title for s in plan.stages if s.number == number), "")
    word = "Stage" if start else "stage"
    return f"{word} {number} {title}".rstrip()


def gap_severity(pilot: Pilot) -> Severity:
    """How much a missing pre-start item matters: blocking only while the pilot runs."""
    return Severity.BLOCKING if pilot.status is PilotStatus.RUNNING else Severity.WARNING


def design_severity(pilot: Pilot) -> Severity:
    """How much a design that breaks a limit matters: blocking until the pilot is over."""
    finished = pilot.status in (PilotStatus.COMPLETED, PilotStatus.STOPPED)
    return Severity.WARNING if finished else Severity.BLOCKING


def pilot_label(pilot: Pilot, *, start: bool = False) -> str:
    """'pilot "New-manager feedback"' for messages ('Pilot ...' to start a sentence)."""
    return f'{"Pilot" if start else "pilot"} "{pilot.name}"'
