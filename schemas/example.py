"""The seed's worked example: a voluntary pilot of difficult-feedback preparation."""

from __future__ import annotations

from datetime import datetime

from schemas.defaults import default_data_access, default_plan, in_stored_order
from schemas.delivery import recommend_delivery
from schemas.enums import (
    Audience,
    Comparison,
    ConditionKind,
    ConsultationBody,
    ConsultationOutcome,
    Direction,
    GovernanceKey,
    Level,
    MetricKind,
    PilotStatus,
    ProhibitionKey,
    TrainingTopic,
    UseCaseStatus,
)
from schemas.example_data import DATA_ACCESS, GOVERNANCE_STATEMENTS, NOTICE, OBSERVATIONS
from schemas.example_stages import (
    HR_LEAD,
    LEGAL_LEAD,
    NOTICE_DAYS_AGO,
    PILOT_ENDS_DAYS_AGO,
    PILOT_STARTED_DAYS_AGO,
    SECURITY_LEAD,
    ago,
    day,
    example_evidence,
    example_outcomes,
    example_stages,
    moment,
    revise,
)
from schemas.plan import Plan
from schemas.records import (
    Condition,
    Consultation,
    GovernanceTopic,
    Jurisdiction,
    Metric,
    Observation,
    Pilot,
    Prohibition,
    TrainingSession,
    UseCase,
)

ORGANIZATION = "Northwind Logistics"
ORGANIZATION_SIZE = 1200
PILOT_ID = "pilot-1"
USE_CASE_ID = "uc-9"

SCOPE = (
    "Coaching support for Northwind Logistics staff under this plan's use-case matrix: five "
    "uses permitted or permitted with controls, performance management only with a human "
    "deciding, three uses prohibited. The first step is a voluntary eight-week pilot of "
    "preparation for difficult feedback conversations with 40 new managers in the "
    "Netherlands; every other use waits for an expand decision signed by the sponsor. Never "
    "in scope: ratings or discipline decided by AI, mental-health support, health or "
    "protected-trait inference, and any access by leaders to what a participant discussed "
    "with the coach."
)

# Who attested each prohibition, and when on the day stage 2 completed.
_ATTESTED: dict[ProhibitionKey, tuple[str, str]] = {
    ProhibitionKey.SECRET_MONITORING: (SECURITY_LEAD, "10:05"),
    ProhibitionKey.MENTAL_HEALTH_INFERENCE: (LEGAL_LEAD, "10:12"),
    ProhibitionKey.AUTOMATED_DISCIPLINE: (HR_LEAD, "10:20"),
    ProhibitionKey.PERFORMANCE_SCORING: (HR_LEAD, "10:26"),
}
_ATTESTED_DAYS_AGO = 88

# The two topics reviewed once the vendor named its subprocessors (outcome out-3); the rest
# were reviewed before the first attempt was logged (out-2, 80 days ago).
_REVIEWED_LATE = (GovernanceKey.RETENTION, GovernanceKey.SUBPROCESSORS)

# metric, comparison, threshold, wording; declared before launch and locked at start
_STOP = (
    ("privacy_incidents", Comparison.GE, 1, "One privacy incident or more stops the pilot."),
    ("adverse_effects", Comparison.GE, 1, "One reported adverse effect or more stops the pilot."),
    ("opt_outs", Comparison.GT, 20, "More than 20% of participants opting out stops the pilot."),
)
_SUCCESS = (
    ("usefulness", Comparison.GE, 70, "At least 70% rate the preparation useful."),
    ("completion", Comparison.GE, 60, "At least 60% complete a preparation before a talk."),
    ("better_preparation", Comparison.GE, 60, "At least 60% report being better prepared."),
)


def example_plan(now: datetime) -> Plan:
    """The worked example as a full plan: stages 1-6 done, the pilot running and measured."""
    base = default_plan(
        ago(now, 120), organization=ORGANIZATION, title="New-manager conversation preparation"
    )
    data = base.model_dump()
    data.update(
        plan={**data["plan"], "scope": SCOPE, "updated": now},
        jurisdictions=[_jurisdiction(now)],
        stages=example_stages(base.stages, now),
        evidence=example_evidence(now),
        outcomes=example_outcomes(now),
        use_cases=[*base.use_cases, _pilot_use_case()],
        prohibitions=[_attested(p, now) for p in base.prohibitions],
        data_access=default_data_access(DATA_ACCESS),
        governance=[_reviewed(topic, now) for topic in base.governance],
        pilots=[_pilot(now)],
        conditions=_conditions(),
        training=_training(now),
        metrics=in_stored_order([*base.metrics, _better_preparation()]),
        observations=_observations(now),
        consultations=[_consultation(now)],
    )
    return Plan.model_validate(data)


def _jurisdiction(now: datetime) -> Jurisdiction:
    """The one jurisdiction in scope, legally reviewed."""
    return Jurisdiction(
        id="jur-1",
        name="Netherlands",
        reviewed_by="Joost van Dam, external employment counsel",
        reviewed_at=day(now, NOTICE_DAYS_AGO + 4),
    )


def _pilot_use_case() -> UseCase:
    """The piloted workflow, added to the matrix with its controls."""
    factors = (Level.MEDIUM, Level.MEDIUM, Level.LOW)
    delivery, _reason = recommend_delivery(*factors)
    return UseCase(
        id=USE_CASE_ID,
        name="Difficult-feedback conversation preparation",
        status=UseCaseStatus.PERMITTED_WITH_CONTROLS,
        control="Cannot score employees, send private transcripts to leaders or recommend discipline",
        consequence=factors[0],
        complexity=factors[1],
        escalation=factors[2],
        delivery=delivery,
    )


def _attested(prohibition: Prohibition, now: datetime) -> Prohibition:
    """A prohibition attested by the lead who answers for it, the morning stage 2 completed."""
    who, clock = _ATTESTED[prohibition.key]
    return revise(prohibition, attested_by=who, attested_at=moment(now, _ATTESTED_DAYS_AGO, clock))


def _reviewed(topic: GovernanceTopic, now: datetime) -> GovernanceTopic:
    """A topic with its statement written and reviewed during stage 3."""
    statement, reviewer = GOVERNANCE_STATEMENTS[topic.key]
    return revise(
        topic,
        statement=statement,
        reviewed_by=reviewer,
        reviewed_at=day(now, 66 if topic.key in _REVIEWED_LATE else 82),
        next_review=day(now, -120),
    )


def _pilot(now: datetime) -> Pilot:
    """The running pilot: 40 volunteer new managers, notice given two weeks ahead."""
    return Pilot(
        id=PILOT_ID,
        name="New-manager feedback preparation pilot",
        use_case=USE_CASE_ID,
        population_size=40,
        population="Volunteer new managers in their first year, from operations, office functions "
        "and customer service",
        organization_size=ORGANIZATION_SIZE,
        voluntary=True,
        notice_text=NOTICE,
        notice_date=day(now, NOTICE_DAYS_AGO),
        opt_out="Press Leave pilot in the coaching app or write to the pilot mailbox; "
        "no reason needed, no consequence",
        support_contact="coaching-pilot@northwind.example or your HR business partner",
        escalation_route="Your HR business partner, the same working day; the on-call HR lead "
        "(ext. 4400) when it cannot wait",
        start=day(now, PILOT_STARTED_DAYS_AGO),
        end=day(now, PILOT_ENDS_DAYS_AGO),
        status=PilotStatus.RUNNING,
        started_by=HR_LEAD,
        started_at=day(now, PILOT_STARTED_DAYS_AGO),
    )


def _conditions() -> list[Condition]:
    """Stop conditions first, then success conditions, all locked since launch."""
    rows = [(ConditionKind.STOP, *row) for row in _STOP]
    rows += [(ConditionKind.SUCCESS, *row) for row in _SUCCESS]
    return [
        Condition(
            id=f"cond-{n}",
            pilot=PILOT_ID,
            kind=kind,
            metric=metric,
            comparison=comparison,
            threshold=threshold,
            wording=wording,
            locked=True,
        )
        for n, (kind, metric, comparison, threshold, wording) in enumerate(rows, start=1)
    ]


def _training(now: datetime) -> list[TrainingSession]:
    """Managers and their teams trained on all five topics before launch."""
    topics = list(TrainingTopic)
    sessions = (
        (Audience.MANAGERS, 40, 37, 40),
        (Audience.MANAGERS, 3, 3, 35),
        (Audience.EMPLOYEES, 310, 241, 38),
    )
    return [
        TrainingSession(
            id=f"tr-{n}",
            pilot=PILOT_ID,
            audience=audience,
            topics=topics,
            invited=invited,
            attended=attended,
            held_on=day(now, days_ago),
        )
        for n, (audience, invited, attended, days_ago) in enumerate(sessions, start=1)
    ]


def _better_preparation() -> Metric:
    """The seed's extra measure: whether managers report better preparation."""
    return Metric(
        id="better_preparation",
        name="Managers reporting better preparation",
        kind=MetricKind.OUTCOME,
        unit="%",
        direction=Direction.HIGHER_IS_BETTER,
    )


def _observations(now: datetime) -> list[Observation]:
    """Weekly observations since launch, with two group cuts that hold a small group."""
    return [
        Observation(
            id=f"obs-{n}",
            pilot=PILOT_ID,
            metric=metric,
            period=day(now, PILOT_STARTED_DAYS_AGO - 7 * week),
            value=value,
            group=group,
            n=size,
        )
        for n, (metric, week, value, group, size) in enumerate(OBSERVATIONS, start=1)
    ]


def _consultation(now: datetime) -> Consultation:
    """The works council's consultation before notice went out: it agreed, on two conditions."""
    return Consultation(
        id="cons-1",
        body=ConsultationBody.WORKS_COUNCIL,
        consulted_at=day(now, 52),
        outcome=ConsultationOutcome.AGREED,
        said="The works council agrees to a voluntary pilot if no line manager or leader ever "
        "sees what a new manager discussed, and if the pilot ends unless it is renewed.",
        response="Both promises are in the notice and the data-access table; the pilot has a "
        "fixed end date and renewal needs an expand decision signed by the sponsor.",
    )
