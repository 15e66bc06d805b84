"""The worked example's stage tracker: constraints, evidence and outcome logs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from schemas.enums import Diagnosis, StageStatus
from schemas.records import Evidence, Outcome, Record, Stage

HR_LEAD = "Priya Raman, HR Director"
LEGAL_LEAD = "Tomas Berg, Head of Legal and Privacy"
SECURITY_LEAD = "Ines Duarte, Chief Information Security Officer"
IT_LEAD = "Karl Meyer, IT Identity Lead"
SPONSOR = "Elena Fischer, Chief Operating Officer"
"""The people of the example (made up)."""

_R = TypeVar("_R", bound=Record)

# days before `now` each stage was completed; stage 5 is still in progress
COMPLETED_DAYS_AGO = {1: 100, 2: 88, 3: 66, 4: 58}
PILOT_STARTED_DAYS_AGO = 30


def ago(now: datetime, days: int) -> datetime:
    """The moment ``days`` days before ``now``."""
    return now - timedelta(days=days)


def day(now: datetime, days: int) -> date:
    """The date ``days`` days before ``now`` (negative: after)."""
    return (now - timedelta(days=days)).date()


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
        "The four prohibitions attested and a data-access table with no manager access to private content.",
    ),
    3: (
        "The vendor contract is unsigned and retention is undefined.",
        "Nine governance statements, each with an owner and a recorded review.",
    ),
    4: (
        "Feedback conversations can turn into performance or wellbeing matters the AI must not handle.",
        "A delivery model for every permitted use case, with the escalation route named.",
    ),
    5: (
        "Only 40 new managers can be supported by the HR business partners during the pilot.",
        "A running pilot with notice given, opt-out working and stop conditions locked.",
    ),
}

_EVIDENCE = {
    1: (
        "Use-case matrix approved: four permitted or permitted with controls, one "
        "human-required, three prohibited, and difficult-feedback preparation added as "
        "permitted with controls.",
        HR_LEAD,
    ),
    2: (
        "All four prohibitions attested; data-access table signed off: no manager, HR or "
        "sponsor access to private coaching content or derived profiles.",
        LEGAL_LEAD,
    ),
    3: (
        "Nine governance statements written, owned and reviewed; the vendor's subprocessor "
        "list is annexed to the signed contract.",
        LEGAL_LEAD,
    ),
    4: (
        "Delivery model recorded for every permitted use case; the pilot workflow is hybrid, "
        "with escalation to an HR business partner within one working day.",
        HR_LEAD,
    ),
}


def example_stages(stages: list[Stage], now: datetime) -> list[Stage]:
    """Stages 1-4 complete, stage 5 in progress, 6-8 not started."""
    result = []
    for stage in stages:
        changes: dict[str, Any] = {}
        if stage.number in _PLANNING:
            changes["constraint"], changes["target_result"] = _PLANNING[stage.number]
        if stage.number in COMPLETED_DAYS_AGO:
            changes["status"] = StageStatus.COMPLETE
            changes["completed_at"] = ago(now, COMPLETED_DAYS_AGO[stage.number])
        elif stage.number == 5:
            changes["status"] = StageStatus.IN_PROGRESS
            changes["due"] = day(now, -30)
        result.append(revise(stage, **changes))
    return result


def example_evidence(now: datetime) -> list[Evidence]:
    """One evidence entry for each completed stage, recorded as it completed."""
    return [
        Evidence(
            id=f"ev-{number}",
            stage=number,
            result=result,
            recorded_at=ago(now, COMPLETED_DAYS_AGO[number]),
            recorded_by=who,
        )
        for number, (result, who) in _EVIDENCE.items()
    ]


def example_outcomes(now: datetime) -> list[Outcome]:
    """Outcome logs, including one incomplete result with its diagnosis and restart."""
    return [
        Outcome(
            id="out-1",
            stage=1,
            what_changed="The matrix was agreed in one 90-minute session; new managers' "
            "difficult-feedback preparation was added as its own row.",
            recorded_at=ago(now, 100),
            recorded_by=HR_LEAD,
        ),
        Outcome(
            id="out-2",
            stage=3,
            what_changed="Seven of nine statements reviewed. Subprocessors and retention "
            "could not be: the vendor had not named its subprocessors.",
            complete=False,
            diagnosis=Diagnosis.AUTHORITY,
            restart="Ask the vendor for its subprocessor list in writing under the draft "
            "contract, then review only those two topics.",
            recorded_at=ago(now, 80),
            recorded_by=LEGAL_LEAD,
        ),
        Outcome(
            id="out-3",
            stage=3,
            what_changed="The vendor's list arrived; subprocessors and retention were reviewed "
            "and the contract was signed with the list annexed.",
            recorded_at=ago(now, 66),
            recorded_by=LEGAL_LEAD,
        ),
        Outcome(
            id="out-4",
            stage=5,
            what_changed="Notice went out two weeks before launch; the pilot opened to 40 "
            "volunteers and one manager opted out in the first week.",
            recorded_at=ago(now, PILOT_STARTED_DAYS_AGO - 7),
            recorded_by=HR_LEAD,
        ),
    ]
