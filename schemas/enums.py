"""Closed sets of the domain: every choice a plan can hold."""

from __future__ import annotations

from enum import StrEnum


class StageStatus(StrEnum):
    """Where a framework stage stands."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    REOPENED = "reopened"


class OutcomeKind(StrEnum):
    """What an outcome shows, from the framework's "what to measure" list."""

    CLEARER_DECISION = "clearer_decision"
    COMPLETED_ACTION = "completed_action"
    SHORTER_RECOVERY = "shorter_recovery_time"
    BETTER_HANDOFF = "better_handoff"


class Diagnosis(StrEnum):
    """Why a result was incomplete (the framework's six causes)."""

    TASK_CLARITY = "task_clarity"
    CAPACITY = "capacity"
    ENVIRONMENT = "environment"
    TIMING = "timing"
    AUTHORITY = "authority"
    MISSING_RECOVERY_RULE = "missing_recovery_rule"


class UseCaseStatus(StrEnum):
    """The matrix status of a coaching use case, loosest first."""

    PERMITTED = "permitted"
    PERMITTED_WITH_CONTROLS = "permitted_with_controls"
    HUMAN_REQUIRED = "human_required"
    PROHIBITED = "prohibited"

    @property
    def strictness(self) -> int:
        """0 for permitted up to 3 for prohibited."""
        return list(UseCaseStatus).index(self)


class Level(StrEnum):
    """A delivery factor's rating."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class DeliveryModel(StrEnum):
    """Who delivers the coaching (Step 4)."""

    AI_ONLY = "ai_only"
    HYBRID = "hybrid"
    HUMAN_LED = "human_led"


class ProhibitionKey(StrEnum):
    """The four surveillance prohibitions of Step 2."""

    SECRET_MONITORING = "secret_monitoring"
    MENTAL_HEALTH_INFERENCE = "mental_health_inference"
    AUTOMATED_DISCIPLINE = "automated_discipline"
    PERFORMANCE_SCORING = "performance_scoring"


class DataCategory(StrEnum):
    """Kinds of coaching data a role may read."""

    PRIVATE_CONTENT = "private_content"
    DERIVED_PROFILES = "derived_profiles"
    USAGE_METADATA = "usage_metadata"
    AGGREGATE_REPORTS = "aggregate_reports"


class AccessLevel(StrEnum):
    """How much of a data category a role may read, narrowest first."""

    NONE = "none"
    OWN = "own"
    AGGREGATE = "aggregate"
    INDIVIDUAL = "individual"


class GovernanceKey(StrEnum):
    """The nine governance topics of Step 3."""

    DATA_COLLECTION = "data_collection"
    RETENTION = "retention"
    MODEL_USE = "model_use"
    ACCESS = "access"
    DELETION = "deletion"
    EXPORT = "export"
    SUBPROCESSORS = "subprocessors"
    SECURITY = "security"
    INCIDENT_RESPONSE = "incident_response"


class RaciLetter(StrEnum):
    """Responsible, Accountable, Consulted, Informed, or A/R: accountable and doing the work."""

    R = "R"
    A = "A"
    AR = "A/R"
    C = "C"
    I = "I"  # noqa: E741 - the RACI letter itself

    @property
    def accountable(self) -> bool:
        """True for A and A/R: the role that answers for the activity."""
        return self in (RaciLetter.A, RaciLetter.AR)

    @property
    def responsible(self) -> bool:
        """True for R and A/R: a role that does the work."""
        return self in (RaciLetter.R, RaciLetter.AR)


class PilotStatus(StrEnum):
    """The life of a pilot."""

    DESIGN = "design"
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"


class ConditionKind(StrEnum):
    """Whether a condition marks success or calls a stop."""

    SUCCESS = "success"
    STOP = "stop"


class Comparison(StrEnum):
    """How an observed value is compared with a threshold."""

    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="


class Audience(StrEnum):
    """Who a training session is for (Step 6)."""

    EMPLOYEES = "employees"
    MANAGERS = "managers"


class TrainingTopic(StrEnum):
    """What training must cover (Step 6)."""

    PURPOSE = "purpose"
    LIMITS = "limits"
    PRIVACY = "privacy"
    ESCALATION = "escalation"
    NEVER_ASK = "never_ask"


class MetricKind(StrEnum):
    """What a metric measures (Step 7)."""

    ENGAGEMENT = "engagement"
    OUTCOME = "outcome"
    HARM = "harm"
    COST = "cost"


class HarmFamily(StrEnum):
    """The four things Failure Mode 3 says engagement data must not ignore."""

    OPT_OUTS = "opt_outs"
    PRIVACY_INCIDENTS = "privacy_incidents"
    BIAS_SIGNALS = "bias_signals"
    ADMINISTRATIVE_BURDEN = "administrative_burden"

    @property
    def words(self) -> str:
        """The family in words: 'privacy incidents'."""
        return self.value.replace("_", " ").replace("opt outs", "opt-outs")


class Direction(StrEnum):
    """Which way a metric improves."""

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


class DecisionKind(StrEnum):
    """The Step 8 decision."""

    EXPAND = "expand"
    MODIFY = "modify"
    STOP = "stop"


class OperatingVariable(StrEnum):
    """The one operating variable a modify decision changes ("change one operating variable at a time")."""

    POPULATION = "population"
    WORKFLOW = "workflow"
    NOTICE = "notice"
    SUPPORT = "support"
    TRAINING = "training"
    CONDITION = "condition"
    DELIVERY_MODEL = "delivery_model"
    OTHER = "other"

    @property
    def words(self) -> str:
        """The variable in words: 'the population', 'a condition', 'another variable'."""
        return _VARIABLE_WORDS[self]


_VARIABLE_WORDS = {
    OperatingVariable.POPULATION: "the population",
    OperatingVariable.WORKFLOW: "the workflow",
    OperatingVariable.NOTICE: "the notice",
    OperatingVariable.SUPPORT: "the support (opt-out, support contact and escalation route)",
    OperatingVariable.TRAINING: "the training",
    OperatingVariable.CONDITION: "a condition",
    OperatingVariable.DELIVERY_MODEL: "the delivery model",
    OperatingVariable.OTHER: "a variable the planner names",
}


class ConsultationBody(StrEnum):
    """Who was consulted: a body the framework's readers meet often, or one the planner names."""

    WORKS_COUNCIL = "works_council"
    EMPLOYEE_REPRESENTATIVES = "employee_representatives"
    PARTICIPANT_PANEL = "participant_panel"
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    OTHER = "other"


class ConsultationOutcome(StrEnum):
    """Where a consultation ended (in some jurisdictions a works council must agree)."""

    INFORMED = "informed"
    CONSULTED = "consulted"
    AGREED = "agreed"
    OBJECTED = "objected"


class ReviewOutcome(StrEnum):
    """What a stage review meeting decided about one stage."""

    ACCEPTED = "accepted"
    CHANGES_REQUESTED = "changes_requested"


class Severity(StrEnum):
    """How much a finding matters."""

    BLOCKING = "blocking"
    WARNING = "warning"
    INFO = "info"
