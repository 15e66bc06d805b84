"""The worked example's timeline and stage tracker: constraints, evidence and outcome logs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from schemas.enums import Diagnosis, OutcomeKind, StageStatus
from schemas.records import Evidence, Outcome, Record, Stage

HR_LEAD = "Priya Raman, HR Director"
LEGAL_LEAD = "Tomas Berg, Head of Legal and Privacy"
SECURITY_LEAD = "Ines Duarte, Chief Information Security Officer"
IT_LEAD = "Karl Meyer, IT Identity Lead"
SPONSOR = "Elena Fischer, Chief Operating Officer"
"""The people of the example (made up)."""

_R = TypeVar("_R", bound=Record)

# Days before `now`: the plan is made at 120, the pilot runs from 30 days ago to 26 days ahead.
NOTICE_DAYS_AGO = 44
PILOT_STARTED_DAYS_AGO = 30
PILOT_ENDS_DAYS_AGO = -26


def ago(now: datetime, days: int) -> datetime:
    """The moment ``days`` days before ``now``."""
    return now - timedelta(days=days)


def day(now: datetime, days: int) -> date:
    """The date ``days`` days before ``now`` (negative: after)."""
    return (now - timedelta(days=days)).date()


def moment(now: datetime, days: int, clock: str) -> datetime:
    """``clock`` ("14:05") on the day ``days`` days before ``now`` (``days`` >= 1: always past)."""
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(day(now, days), time(hours, minutes), tzinfo=now.tzinfo or UTC)


def revise(record: _R, **changes: Any) -> _R:
    """A validated copy of ``record`` with ``changes`` (model_copy does not validate)."""
    return type(record).model_validate({**record.model_dump(), **changes})


# number -> (current constraint, smallest observable result)
_PLANNING = {
    1: (
        "Managers ask for help with hard conversations, but nobody has said which coaching "
        "tasks the organization allows.",
        "A use-case matrix signed by HR, Legal and privacy and the sponsor.",
    ),
    2: (
        "Team leads assume the tool will show them how their new managers are doing.",
        "The four prohibitions attested and a data-access table in which no leader sees a "
        "participant's coaching content.",
    ),
    3: (
        "The vendor contract is unsigned and retention is undefined.",
        "Nine governance statements, each with an owner and a recorded review.",
    ),
    4: (
        "Feedback conversations can turn into performance or wellbeing matters the AI must not handle.",
        "A delivery model for every use case that is not prohibited, with the escalation route named.",
    ),
    5: (
        "Only 40 new managers can be supported by the HR business partners during the pilot.",
        "A pilot design with legal review, notice, opt-out, support and declared success and "
        "stop conditions, and the notice sent.",
    ),
    6: (
        "New managers and their teams do not yet know what the coach will and will not do.",
        "Every participant and their team briefed on purpose, limits, privacy, escalation and "
        "what the coach must never be asked to do, before launch.",
    ),
    7: (
        "Four of the eight pilot weeks are measured so far.",
        "Weekly totals of every condition's metric and of opt-outs, privacy incidents, bias "
        "signals and administrative hours until the pilot ends.",
    ),
}

# number -> (days ago, time recorded, result, recorded by); the stage completes minutes later
_EVIDENCE: dict[int, tuple[int, str, str, str]] = {
    1: (
        100,
        "16:32",
        "Use-case matrix approved: four permitted or permitted with controls, one "
        "human-required, three prohibited, and difficult-feedback preparation added as "
        "permitted with controls.",
        HR_LEAD,
    ),
    2: (
        88,
        "11:08",
        "All four prohibitions attested by the HR Director, the Head of Legal and Privacy and "
        "the CISO; data-access table signed off: participants see only their own sessions, no "
        "leader, HR or sponsor sees coaching content, and no profile is derived.",
        LEGAL_LEAD,
    ),
    3: (
        66,
        "16:58",
        "Nine governance statements written, owned and reviewed; the vendor's subprocessor "
        "list is annexed to the signed contract.",
        LEGAL_LEAD,
    ),
    4: (
        58,
        "15:22",
        "Delivery model recorded for every use case that is not prohibited; the pilot workflow "
        "is hybrid, with escalation to an HR business partner within one working day.",
        HR_LEAD,
    ),
    5: (
        NOTICE_DAYS_AGO,
        "09:41",
        "Pilot designed for 40 volunteer new managers (3% of staff): Dutch counsel's review "
        "recorded, the works council agreed, three stop and three success conditions declared, "
        "and the notice sent to all 40 with the opt-out and the support contact.",
        HR_LEAD,
    ),
    6: (
        34,
        "14:12",
        "37 of 40 participants trained at the first session and the other 3 at a make-up "
        "session; 241 of 310 team members at the briefing and the slides sent to all 310; all "
        "five topics covered.",
        HR_LEAD,
    ),
}


def example_stages(stages: list[Stage], now: datetime) -> list[Stage]:
    """Stages 1-6 complete, stage 7 measuring while the pilot runs, stage 8 not started."""
    result = []
    for stage in stages:
        changes: dict[str, Any] = {}
        if stage.number in _PLANNING:
            changes["constraint"], changes["target_result"] = _PLANNING[stage.number]
        if stage.number in _EVIDENCE:
            changes["status"] = StageStatus.COMPLETE
            changes["completed_at"] = _recorded(now, stage.number) + timedelta(minutes=6)
        elif stage.number == 7:
            changes["status"] = StageStatus.IN_PROGRESS
            changes["due"] = day(now, PILOT_ENDS_DAYS_AGO)
        elif stage.number == 8:
            changes["due"] = day(now, PILOT_ENDS_DAYS_AGO - 14)
        result.append(revise(stage, **changes))
    return result


def _recorded(now: datetime, number: int) -> datetime:
    days, clock, _result, _who = _EVIDENCE[number]
    return moment(now, days, clock)


def example_evidence(now: datetime) -> list[Evidence]:
    """One evidence entry for each completed stage, recorded as it completed."""
    return [
        Evidence(
            id=f"ev-{number}",
            stage=number,
            result=result,
            recorded_at=_recorded(now, number),
            recorded_by=who,
        )
        for number, (_days, _clock, result, who) in _EVIDENCE.items()
    ]


# stage, days ago, time, what changed, kind, (diagnosis, restart) if incomplete, recorded by
_OUTCOMES: tuple[tuple[int, int, str, str, OutcomeKind | None, tuple[Diagnosis, str] | None, str], ...] = (
    (
        1,
        100,
        "16:05",
        "The matrix was agreed in one 90-minute session; new managers' difficult-feedback "
        "preparation was added as its own row.",
        OutcomeKind.CLEARER_DECISION,
        None,
        HR_LEAD,
    ),
    (
        3,
        80,
        "10:40",
        "Seven of nine statements reviewed. Subprocessors and retention could not be: the "
        "vendor had not named its subprocessors.",
        None,
        (
            Diagnosis.AUTHORITY,
            "Ask the vendor for its subprocessor list in writing under the draft contract, then "
            "review only those two topics.",
        ),
        LEGAL_LEAD,
    ),
    (
        3,
        66,
        "16:45",
        "The vendor's list arrived; subprocessors and retention were reviewed and the contract "
        "was signed with the list annexed.",
        OutcomeKind.COMPLETED_ACTION,
        None,
        LEGAL_LEAD,
    ),
    (
        5,
        NOTICE_DAYS_AGO,
        "09:30",
        "Notice went out two weeks before launch to the 40 volunteers, with the opt-out and the "
        "support mailbox.",
        OutcomeKind.COMPLETED_ACTION,
        None,
        HR_LEAD,
    ),
    (
        6,
        35,
        "13:00",
        "Three managers missed the first session; a make-up session trained all three before launch.",
        OutcomeKind.COMPLETED_ACTION,
        None,
        HR_LEAD,
    ),
    (
        7,
        PILOT_STARTED_DAYS_AGO - 7,
        "10:10",
        "One manager opted out in the first week; the opt-out took effect the same day and their "
        "sessions were deleted.",
        OutcomeKind.COMPLETED_ACTION,
        None,
        HR_LEAD,
    ),
    (
        7,
        PILOT_STARTED_DAYS_AGO - 21,
        "15:35",
        "Two conversations were escalated in week 3; both reached an HR business partner within "
        "one working day, with the manager's own summary and no transcript.",
        OutcomeKind.BETTER_HANDOFF,
        None,
        HR_LEAD,
    ),
)


def example_outcomes(now: datetime) -> list[Outcome]:
    """Outcome logs, each with its kind, and one incomplete result with its diagnosis and restart."""
    return [
        Outcome(
            id=f"out-{n}",
            stage=stage,
            what_changed=text,
            kind=kind,
            complete=incomplete is None,
            diagnosis=incomplete[0] if incomplete else None,
            restart=incomplete[1] if incomplete else "",
            recorded_at=moment(now, days, clock),
            recorded_by=who,
        )
        for n, (stage, days, clock, text, kind, incomplete, who) in enumerate(_OUTCOMES, start=1)
    ]
