"""How states read on screen: a symbol and a word, so colour is never the only sign."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from schemas.enums import Diagnosis, OutcomeKind, Severity, StageStatus
from schemas.plan import Plan
from schemas.records import Stage
from schemas.rules.stages import NO_LONGER_HOLDS
from tui import glyphs

STAGE_STATUS: dict[StageStatus, tuple[str, str]] = {
    StageStatus.NOT_STARTED: ("[ ]", "not started"),
    StageStatus.IN_PROGRESS: ("[~]", "in progress"),
    StageStatus.COMPLETE: ("[x]", "complete"),
    StageStatus.REOPENED: ("[!]", "reopened"),
}
"""Each stage status as (symbol, word)."""

SEVERITY: Mapping[Severity, tuple[str, str]] = glyphs.ByMode(
    {
        Severity.BLOCKING: (glyphs.BLOCKING, "BLOCKING"),
        Severity.WARNING: (glyphs.WARNING, "warning"),
        Severity.INFO: (glyphs.INFO, "info"),
    }
)
"""Each finding severity as (symbol, word): the one place every screen and `check` read them."""

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
    """The name a form offers for who records or attests: the plan's display name, else none.

    Never the OS account: an attestation is a person's word, so a name is typed unless the
    planner set the plan's display name (Overview, "Your name").
    """
    return plan.plan.display_name


def name_hint(plan: Plan, key: str) -> str:
    """The hint under a 'Recorded by' or 'Attested by' field: where its first value came from."""
    if plan.plan.display_name:
        return "Filled in with the plan's display name; type another if someone else does it."
    return f"Type the person's name. Set your own once on the Overview (key {key}) to have it filled in."


def shorten(text: str, width: int) -> str:
    """The first line of ``text``, cut to ``width`` characters with an ellipsis."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else cut(line, width)


def cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells: whole if it fits, else cut and ended with the ellipsis.

    Every text the app cuts is cut here (and by ``tui.widgets.columns.cell``, which pads), so
    a cut always shows, in the symbol of the terminal's mode.
    """
    if glyphs.cells(text) <= width:
        return text
    ellipsis = str(glyphs.ELLIPSIS)
    room = width - len(ellipsis)
    if room <= 0:
        return ellipsis[: max(0, width)]
    kept, used = [], 0
    for char in text:
        used += glyphs.cells(char)
        if used > room:
            break
        kept.append(char)
    return "".join(kept).rstrip() + ellipsis


def count(n: int, one: str, many: str | None = None) -> str:
    """'1 warning', '2 warnings': ``n`` and the noun that agrees with it."""
    return f"{n} {one if n == 1 else (many or one + 's')}"
