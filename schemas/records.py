"""One model per stored record: what each table of a plan holds."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.enums import (
    AccessLevel,
    ConsultationBody,
    ConsultationOutcome,
    DataCategory,
    DeliveryModel,
    Diagnosis,
    GovernanceKey,
    Level,
    OutcomeKind,
    ProhibitionKey,
    RaciLetter,
    ReviewOutcome,
    StageStatus,
    UseCaseStatus,
)
from schemas.pilot_records import (
    Condition as Condition,
    ConditionTerms as ConditionTerms,
    Decision as Decision,
    Metric as Metric,
    Observation as Observation,
    Pilot as Pilot,
    RoiClaim as RoiClaim,
    TrainingSession as TrainingSession,
)
from schemas.recordbase import Record as Record
from schemas.text import Line, Name, Prose, RecordId

SCHEMA_VERSION = 4
"""The version of the stored plan format this code writes."""


class PlanInfo(Record):
    """The plan itself: who it is for and what it covers."""

    organization: Line = ""
    """The organization rolling out AI coaching."""
    title: Name = "AI coaching rollout"
    """The plan's title."""
    scope: Prose = ""
    """What the rollout covers and what it does not."""
    schema_version: int = SCHEMA_VERSION
    """The stored format's version; see ``store.migrations``."""
    created: datetime
    """When the plan was created."""
    updated: datetime
    """When the plan last changed."""
    display_name: Line = ""
    """The name history entries carry; empty means the OS user name."""


class Policy(Record):
    """Thresholds the rules apply: aggregation minimum and pilot cap."""

    min_group_size: int = Field(default=5, ge=3, le=1000)
    """k: no aggregate figure over fewer people is shown (never below 3)."""
    pilot_cap: int = Field(default=50, ge=1, le=100000)
    """The largest pilot population allowed (also at most 10% of the org)."""


class Jurisdiction(Record):
    """A jurisdiction in scope and its legal review."""

    name: Name
    """Country, state or region."""
    reviewed_by: Line = ""
    """The qualified reviewer; empty until reviewed."""
    reviewed_at: date | None = None
    """When the legal review was recorded."""


class Stage(Record):
    """One of the eight framework stages."""

    number: int = Field(ge=1, le=8)
    """1 to 8, the framework's order."""
    title: Name
    """The stage's name."""
    purpose: Prose
    """What the framework asks of this stage."""
    status: StageStatus = StageStatus.NOT_STARTED
    """Where the stage stands."""
    constraint: Prose = ""
    """The current constraint, written before acting."""
    target_result: Prose = ""
    """The smallest observable result this stage should create."""
    due: date | None = None
    """Target date; overdue gives a warning."""
    completed_at: datetime | None = None
    """When the stage was last marked complete."""
    reopen_reason: Line = ""
    """Why the stage was last reopened."""


class Evidence(Record):
    """A piece of observable completion evidence for a stage."""

    stage: int = Field(ge=1, le=8)
    """The stage it proves."""
    result: Prose = Field(min_length=1)
    """The observable result."""
    recorded_at: datetime
    """When it was recorded."""
    recorded_by: Name
    """Who recorded it."""
    pilot: RecordId | None = None
    """For stages 5 to 8: the earlier pilot whose scope it proved, set when a next pilot starts
    those stages over; None while it counts for the current pilot."""


class Outcome(Record):
    """An outcome log entry: what changed, and if incomplete, why."""

    stage: int = Field(ge=1, le=8)
    """The stage it belongs to."""
    what_changed: Prose = Field(min_length=1)
    """What actually happened."""
    complete: bool = True
    """Whether the intended result was reached."""
    kind: OutcomeKind | None = None
    """What it shows: a clearer decision, a completed action, a shorter recovery time or a
    better handoff (None in records written before the kind was asked)."""
    diagnosis: Diagnosis | None = None
    """For an incomplete result: which condition failed."""
    restart: Line = ""
    """For an incomplete result: the smallest valid restart."""
    recorded_at: datetime
    """When it was recorded."""
    recorded_by: Name
    """Who recorded it."""

    @model_validator(mode="after")
    def _incomplete_needs_diagnosis(self) -> Outcome:
        if not self.complete and (self.diagnosis is None or not self.restart):
            raise ValueError("an incomplete result needs a diagnosis and the smallest valid restart")
        return self


class UseCase(Record):
    """A row of the use-case matrix, with its delivery model."""

    name: Name
    """The coaching task."""
    status: UseCaseStatus
    """Permitted, with controls, human-required or prohibited."""
    control: Line = ""
    """The required control (needed unless permitted)."""
    route_to: Line = ""
    """For prohibited use cases: where people are sent instead."""
    consequence: Level = Level.LOW
    """How much is at stake for the person."""
    complexity: Level = Level.LOW
    """How complex the situation usually is."""
    escalation: Level = Level.LOW
    """How often a human must take over."""
    delivery: DeliveryModel | None = None
    """The chosen delivery model; None until chosen."""
    delivery_rationale: Line = ""
    """Why, when the choice differs from the recommendation."""
    guardrail: bool = False
    """True for the framework's fixed limits (they may not be loosened)."""


class Prohibition(Record):
    """One of the four surveillance prohibitions and its attestation."""

    key: ProhibitionKey
    """Which prohibition."""
    text: Prose
    """The prohibition in words."""
    attested_by: Line = ""
    """Who attested it; empty until attested."""
    attested_at: datetime | None = None
    """When it was attested."""


class DataAccessRule(Record):
    """How much of one data category one role may read."""

    role: Name
    """The reader, e.g. Employee, Manager, HR."""
    category: DataCategory
    """The kind of data."""
    level: AccessLevel = AccessLevel.NONE
    """None, own only, aggregate or individual."""


class GovernanceTopic(Record):
    """One of the nine governance topics of Step 3."""

    key: GovernanceKey
    """Which topic."""
    title: Name
    """The topic's name."""
    statement: Prose = ""
    """What the organization commits to."""
    owner_role: RecordId | None = None
    """The RACI role that owns the topic."""
    reviewed_by: Line = ""
    """Who reviewed the statement."""
    reviewed_at: date | None = None
    """When it was reviewed."""
    next_review: date | None = None
    """When it is due for review again."""


class RaciRole(Record):
    """A column of the governance RACI."""

    name: Name
    """The role, e.g. HR or Executive sponsor."""
    sponsor: bool = False
    """True for the executive sponsor (owns expand-or-stop)."""


class RaciActivity(Record):
    """A row of the governance RACI: one letter per role."""

    name: Name
    """The activity."""
    cells: dict[RecordId, RaciLetter] = Field(default_factory=dict)
    """Role id to letter; absent means empty."""
    expand_decision: bool = False
    """True for the decision to expand or stop."""


class Consultation(Record):
    """A consultation with employees' representatives or another body."""

    body: ConsultationBody
    """Who was consulted: a known body, or ``other`` with its name in ``body_name``."""
    body_name: Line = ""
    """The body's own name (e.g. "Central works council"); required when ``body`` is other."""
    consulted_at: date
    """When."""
    outcome: ConsultationOutcome | None = None
    """Informed, consulted, agreed or objected (None in records written before it was asked)."""
    said: Prose = ""
    """What they said."""
    response: Prose = ""
    """How the plan answered; an objection stays a warning until it has one."""

    @model_validator(mode="after")
    def _other_is_named(self) -> Consultation:
        if self.body is ConsultationBody.OTHER and not self.body_name:
            raise ValueError("a body other than the listed ones needs its name")
        return self


class Attendee(BaseModel):
    """One person at a stage review meeting."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    """Their name, as typed at the meeting."""
    role: Name
    """The role they speak for: one of the RACI roles, or another typed."""


class StageVerdict(BaseModel):
    """What a review meeting decided about one stage."""

    model_config = ConfigDict(extra="forbid")

    stage: int = Field(ge=1, le=8)
    """The stage reviewed."""
    outcome: ReviewOutcome
    """Accepted, or changes requested."""
    note: Line = ""
    """What the meeting said about it."""


class Review(Record):
    """A stage review meeting: who came, and what it decided stage by stage."""

    held_on: date
    """The day of the meeting."""
    attendees: list[Attendee] = Field(min_length=1)
    """Everyone at the meeting (at least one)."""
    verdicts: list[StageVerdict] = Field(default_factory=list)
    """The outcome of each stage reviewed, in stage order."""
    finished: bool = False
    """True when the meeting finished the review; False when it was kept unfinished."""

    @model_validator(mode="after")
    def _one_verdict_per_stage(self) -> Review:
        stages = [v.stage for v in self.verdicts]
        if len(stages) != len(set(stages)):
            raise ValueError("a review records one outcome per stage")
        return self


class ReviewAction(Record):
    """An action a review meeting agreed: what, who owns it, by when, and when it was done."""

    review: RecordId
    """The review that agreed it."""
    stage: int = Field(ge=1, le=8)
    """The stage it belongs to."""
    what: Name
    """What is to be done."""
    owner: Name
    """Who owns it: a RACI role's name, or a person's name as typed."""
    owner_role: RecordId | None = None
    """The RACI role, when the owner is one."""
    due: date
    """When it is due; past due and not done, it is a ``dates`` warning."""
    done_by: Line = ""
    """Who marked it done (typed); empty while it is open."""
    done_at: date | None = None
    """When it was done; None while it is open (marking it done sets both)."""
