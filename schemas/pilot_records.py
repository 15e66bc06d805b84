"""The records of steps 5 to 8: the pilot, its conditions and training, the metrics and
observations of its scorecard, the decision on it and the ROI claims (re-exported by
``schemas.records``, where every record is found)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.enums import (
    Audience,
    Comparison,
    ConditionKind,
    DecisionKind,
    Direction,
    HarmFamily,
    MetricKind,
    OperatingVariable,
    PilotStatus,
    TrainingTopic,
)
from schemas.framework import HARM_FAMILIES
from schemas.recordbase import Record
from schemas.text import Key, Line, Name, Prose, RecordId


class Pilot(Record):
    """A limited pilot of one workflow (Step 5)."""

    name: Name
    """The pilot's name."""
    use_case: RecordId | None = None
    """The one workflow piloted."""
    population_size: int = Field(default=0, ge=0)
    """How many people take part."""
    population: Line = ""
    """Who they are."""
    organization_size: int = Field(default=0, ge=0)
    """Headcount of the organization (for the 10% cap)."""
    voluntary: bool = True
    """Participation is voluntary."""
    notice_text: Prose = ""
    """The notice participants receive."""
    notice_date: date | None = None
    """When notice is given."""
    opt_out: Line = ""
    """How to opt out."""
    support_contact: Line = ""
    """Where participants get help."""
    escalation_route: Line = ""
    """Where a participant is sent for a high-consequence situation: a human, named."""
    start: date | None = None
    """First day."""
    end: date | None = None
    """Last day; overdue gives a warning."""
    status: PilotStatus = PilotStatus.DESIGN
    """Design, running, completed or stopped."""
    extends: RecordId | None = None
    """The earlier pilot this one expands (the next scope)."""
    started_by: Line = ""
    """Who started it (typed); empty until it starts."""
    started_at: date | None = None
    """When it was started; None until it starts."""
    ended_by: Line = ""
    """Who completed or stopped it (typed); empty while it is in design or running."""
    ended_at: date | None = None
    """When it was completed or stopped."""
    end_reason: Line = ""
    """Why it was completed or stopped, as said when it ended."""


class ConditionTerms(BaseModel):
    """What a condition says: kept as it was declared when a locked condition is amended."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    metric: Key
    """The metric it read."""
    comparison: Comparison
    """How the value was compared."""
    threshold: float
    """The value compared against."""
    wording: Line = ""
    """The condition in words."""


class Condition(Record):
    """A success or stop condition, declared before the pilot."""

    pilot: RecordId
    """The pilot it belongs to."""
    kind: ConditionKind
    """Success or stop."""
    metric: Key
    """The metric it reads."""
    comparison: Comparison
    """How the value is compared."""
    threshold: float
    """The value compared against."""
    wording: Line = ""
    """The condition in words."""
    locked: bool = False
    """Set when the pilot starts; change then needs an amendment."""
    amendment: Line = ""
    """The reason for the last amendment after locking."""
    original: ConditionTerms | None = None
    """The terms as declared when the pilot started, kept at the first amendment; None until amended."""

    def terms(self) -> ConditionTerms:
        """What the condition says now."""
        return ConditionTerms(
            metric=self.metric, comparison=self.comparison, threshold=self.threshold, wording=self.wording
        )


class TrainingSession(Record):
    """A training session (Step 6)."""

    pilot: RecordId | None = None
    """The pilot it prepares."""
    audience: Audience
    """Employees or managers."""
    topics: list[TrainingTopic] = Field(default_factory=list)
    """What it covered."""
    invited: int = Field(default=0, ge=0)
    """How many were invited."""
    attended: int = Field(default=0, ge=0)
    """How many attended."""
    held_on: date | None = None
    """When it took place."""

    @model_validator(mode="after")
    def _attended_within_invited(self) -> TrainingSession:
        if self.attended > self.invited:
            raise ValueError("attended cannot exceed invited")
        return self


class Metric(Record):
    """A scorecard metric; its id is its key."""

    name: Name
    """What it is called on screen."""
    kind: MetricKind
    """Engagement, outcome, harm or cost."""
    unit: Line = ""
    """Unit of the value, e.g. % or hours."""
    direction: Direction = Direction.HIGHER_IS_BETTER
    """Which way is better."""
    harm_family: HarmFamily | None = None
    """The Failure Mode 3 family it measures (opt-outs, privacy incidents, bias signals,
    administrative burden), whatever its kind; None for the others."""

    @model_validator(mode="before")
    @classmethod
    def _family_of_a_default_metric(cls, data: Any) -> Any:
        # Plans written before metrics named their family hold the default metrics
        # without the field: they measure what their key says.
        if isinstance(data, dict) and "harm_family" not in data:
            return {**data, "harm_family": HARM_FAMILIES.get(str(data.get("id")))}
        return data


class Observation(Record):
    """One measured value of a metric, for one period and group."""

    pilot: RecordId
    """The pilot measured."""
    metric: Key
    """The metric's key."""
    period: date
    """The period the value is for."""
    value: float
    """The measured value."""
    group: Line = ""
    """Group label; empty for the whole population."""
    n: int = Field(ge=0)
    """How many people are behind the value."""


class Decision(Record):
    """The Step 8 decision for a pilot."""

    pilot: RecordId
    """The pilot decided on."""
    kind: DecisionKind
    """Expand, modify or stop."""
    rationale: Prose = ""
    """Why."""
    evidence: Prose = ""
    """Further evidence cited, in words (stage evidence, a report)."""
    cited_conditions: list[RecordId] = Field(default_factory=list)
    """The pilot's conditions the decision cites, by id."""
    cited_observations: list[RecordId] = Field(default_factory=list)
    """The observations the decision cites, by id."""
    variable_kind: OperatingVariable | None = None
    """For modify: the one operating variable it changes (None in records written before it was asked)."""
    variable: Line = ""
    """For modify: the change in words; the variable's name when the planner names one."""
    decided_by: Line = ""
    """Who decided."""
    decided_at: date | None = None
    """When."""
    sponsor_signoff_by: Line = ""
    """The executive sponsor who signed off."""
    sponsor_signoff_at: date | None = None
    """When the sponsor signed off."""
    next_pilot: RecordId | None = None
    """The pilot the decision opened: an expansion's next scope, or a modify's changed copy."""


class RoiClaim(Record):
    """A return-on-investment claim and what backs it."""

    claim: Prose = Field(min_length=1)
    """The claim."""
    counterfactual: Prose = ""
    """What would have happened without coaching."""
    measurement_design: Prose = ""
    """How the difference is measured."""
