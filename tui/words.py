"""How states read on screen: a symbol and a word, so colour is never the only sign."""

from __future__ import annotations

from datetime import datetime

from schemas.enums import Diagnosis, OutcomeKind, Severity, StageStatus
from schemas.plan import Plan
from schemas.records import Stage
from schemas.rules.stages import NO_LONGER_HOLDS
from store.entries import os_user

STAGE_STATUS: dict[StageStatus, tuple[str, str]] = {
    StageStatus.NOT_STARTED: ("[ ]", "not started"),
    StageStatus.IN_PROGRESS: ("[~]", "in progress"),
    StageStatus.COMPLETE: ("[x]", "complete"),
    StageStatus.REOPENED: ("[!]", "reopened"),
}
"""Each stage status as (symbol, word)."""

SEVERITY: dict[Severity, tuple[str, str]] = {
    Severity.BLOCKING: ("✗", "BLOCKING"),
    Severity.WARNING: ("!", "warning"),
    Severity.INFO: ("i", "info"),
}
"""Each finding severity as (symbol, word)."""

SEVERITY_ORDER = {Severity.BLOCKING: 0, Severity.WARNING: 1, Severity.INFO: 2}
"""Most serious first."""

DIAGNOSIS: dict[Diagnosis, str] = {
    Diagnosis.TASK_CLARITY: "task clarity",
    Diagnosis.CAPACITY: "capacity",
    Diagnosis.ENVIRONMENT: "environment",
    Diagnosis.TIMING: "timing",
    Diagnosis.AUTHORITY: "authority",
    Diagnosis.MISSING_RECOVERY_RULE: "missing recovery rule",
}
"""The six diagnoses of an incomplete result, as words."""


BROKEN_STAGE = ("[x!]", NO_LONGER_HOLDS)
"""A complete stage whose substance broke since (a blocking stage-gate finding says what)."""


OUTCOME_KINDS: dict[OutcomeKind, str] = {
    OutcomeKind.CLEARER_DECISION: "a clearer decision",
    OutcomeKind.COMPLETED_ACTION: "a completed action",
    OutcomeKind.SHORTER_RECOVERY: "a shorter recovery time",
    OutcomeKind.BETTER_HANDOFF: "a better handoff",
}
"""The framework's "what to measure" kinds of an outcome, as words."""


def status_label(status: StageStatus) -> str:
    """'[x] complete'."""
    symbol, word = STAGE_STATUS[status]
    return f"{symbol} {word}"


def stage_look(stage: Stage, broken: set[int]) -> tuple[str, str]:
    """(symbol, words) of a stage's status; ``broken`` holds the stages that no longer hold."""
    if stage.status is StageStatus.COMPLETE and stage.number in broken:
        return BROKEN_STAGE
    return STAGE_STATUS[stage.status]


def when(moment: datetime) -> str:
    """A timestamp as the planner reads it, in local time: '2025-03-02 14:05'."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def actor(plan: Plan) -> str:
    """Who records an entry: the plan's display name, else the OS user name."""
    return plan.plan.display_name or os_user()


def shorten(text: str, width: int) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 warning', '2 warnings': ``n`` and the noun that agrees with it."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
