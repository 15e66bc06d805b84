"""The plan as a whole: its tables, and conversion from stored tables."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.history import HistoryEntry
from schemas.records import (
    Condition,
    Consultation,
    DataAccessRule,
    Decision,
    Evidence,
    GovernanceTopic,
    Jurisdiction,
    Metric,
    Observation,
    Outcome,
    Pilot,
    PlanInfo,
    Policy,
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

TABLES: dict[str, type[Record]] = {
    "plan": PlanInfo,
    "policy": Policy,
    "jurisdictions": Jurisdiction,
    "stages": Stage,
    "evidence": Evidence,
    "outcomes": Outcome,
    "use_cases": UseCase,
    "prohibitions": Prohibition,
    "data_access": DataAccessRule,
    "governance": GovernanceTopic,
    "raci_roles": RaciRole,
    "raci_activities": RaciActivity,
    "pilots": Pilot,
    "conditions": Condition,
    "training": TrainingSession,
    "metrics": Metric,
    "observations": Observation,
    "decisions": Decision,
    "roi_claims": RoiClaim,
    "consultations": Consultation,
    "reviews": Review,
    "review_actions": ReviewAction,
}
"""Every editable table and the model of its records."""

SINGLETONS = {"plan": "plan", "policy": "policy"}
"""Tables that hold exactly one record, and that record's id."""

HISTORY_TABLE = "history"
"""The append-only table of history entries (not editable by changes)."""


def id_order(record_id: str) -> tuple[int, str]:
    """Sort key that puts ``uc-2`` before ``uc-10``: shorter ids first, then by text."""
    return (len(record_id), record_id)


def next_id(prefix: str, existing: list[str] | set[str]) -> str:
    """The next free id ``prefix-N`` after the highest one in ``existing``."""
    highest = 0
    for record_id in existing:
        if record_id.startswith(prefix + "-"):
            tail = record_id[len(prefix) + 1 :]
            if tail.isdigit():
                highest = max(highest, int(tail))
    return f"{prefix}-{highest + 1}"


class Plan(BaseModel):
    """A whole plan, validated: what rules and views read."""

    model_config = ConfigDict(extra="forbid")

    plan: PlanInfo
    """Who and what the plan is for."""
    policy: Policy
    """Aggregation minimum and pilot cap."""
    jurisdictions: list[Jurisdiction] = Field(default_factory=list)
    """Jurisdictions in scope."""
    stages: list[Stage]
    """The eight stages, in order."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Completion evidence of all stages."""
    outcomes: list[Outcome] = Field(default_factory=list)
    """Outcome logs of all stages."""
    use_cases: list[UseCase] = Field(default_factory=list)
    """The use-case matrix."""
    prohibitions: list[Prohibition] = Field(default_factory=list)
    """The four surveillance prohibitions."""
    data_access: list[DataAccessRule] = Field(default_factory=list)
    """Role by data category access."""
    governance: list[GovernanceTopic] = Field(default_factory=list)
    """The nine governance topics."""
    raci_roles: list[RaciRole] = Field(default_factory=list)
    """RACI columns."""
    raci_activities: list[RaciActivity] = Field(default_factory=list)
    """RACI rows."""
    pilots: list[Pilot] = Field(default_factory=list)
    """Pilots, earliest first."""
    conditions: list[Condition] = Field(default_factory=list)
    """Success and stop conditions of all pilots."""
    training: list[TrainingSession] = Field(default_factory=list)
    """Training sessions."""
    metrics: list[Metric] = Field(default_factory=list)
    """Scorecard metrics."""
    observations: list[Observation] = Field(default_factory=list)
    """Observed values."""
    decisions: list[Decision] = Field(default_factory=list)
    """Step 8 decisions."""
    roi_claims: list[RoiClaim] = Field(default_factory=list)
    """ROI claims."""
    consultations: list[Consultation] = Field(default_factory=list)
    """Consultations."""
    reviews: list[Review] = Field(default_factory=list)
    """Stage review meetings, finished or kept unfinished (format 3; none in format 2)."""
    review_actions: list[ReviewAction] = Field(default_factory=list)
    """Actions the review meetings agreed (format 3; none in format 2)."""
    history: list[HistoryEntry] = Field(default_factory=list)
    """The change history, oldest first."""

    @model_validator(mode="after")
    def _eight_stages(self) -> Plan:
        if sorted(s.number for s in self.stages) != list(range(1, 9)):
            raise ValueError("a plan has exactly the eight stages, numbered 1 to 8")
        return self

    def stage(self, number: int) -> Stage:
        """The stage with this number (1-8)."""
        return next(s for s in self.stages if s.number == number)

    def current_pilot(self) -> Pilot | None:
        """The latest pilot, or None."""
        return self.pilots[-1] if self.pilots else None

    def current_evidence(self) -> list[Evidence]:
        """The completion evidence that counts now: what an earlier pilot's scope proved is its history."""
        return [e for e in self.evidence if e.pilot is None]


def plan_from_tables(tables: dict[str, dict[str, dict[str, Any]]]) -> Plan:
    """Validate stored tables (``{table: {id: doc}}``) into a Plan."""
    data: dict[str, Any] = {}
    for name in [*TABLES, HISTORY_TABLE]:
        docs = tables.get(name, {})
        # Two C-level sorts give id_order without a Python call per record.
        rows = [dict(docs[key], id=key) for key in sorted(sorted(docs), key=len)]  # dict(): a C call
        data[name] = rows[0] if name in SINGLETONS and rows else rows
    data["stages"] = sorted(data["stages"], key=lambda s: s.get("number", 0))
    data["history"] = sorted(data["history"], key=lambda h: h.get("seq", 0))
    return Plan.model_validate(data)


def plan_to_tables(plan: Plan, *, history: bool = True) -> dict[str, dict[str, dict[str, Any]]]:
    """Turn a Plan into stored tables; the inverse of ``plan_from_tables``."""
    dumped = plan.model_dump(mode="json", exclude=None if history else {HISTORY_TABLE})
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    for name in [*TABLES, *([HISTORY_TABLE] if history else [])]:
        value = dumped[name]
        rows = [value] if isinstance(value, dict) else value
        tables[name] = {row["id"]: {k: v for k, v in row.items() if k != "id"} for row in rows}
    return tables
