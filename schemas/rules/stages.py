"""stage-gate: stages complete in order, each on observable evidence and its own substance."""

from __future__ import annotations

from collections import Counter
from datetime import date

from schemas.enums import Severity, StageStatus
from schemas.framework import EVIDENCE_HINT
from schemas.plan import Plan
from schemas.records import Stage
from schemas.rules import places
from schemas.rules.base import Finding, at, stage_name
from schemas.rules.gates import unmet
from schemas.rules.places import Unmet

RULE = "stage-gate"

NO_LONGER_HOLDS = "complete, no longer holds"
"""How a complete stage whose substance broke since is shown, wherever stages are listed."""

_STATUS_WORDS = {
    StageStatus.IN_PROGRESS: "in progress",
    StageStatus.COMPLETE: "complete",
    StageStatus.REOPENED: "reopened",
}


def can_start(plan: Plan, number: int) -> bool:
    """True when every stage before ``number`` is complete."""
    return _earlier_incomplete(plan, number) is None


def stage_gate_refusal(plan: Plan, number: int, today: date | None = None) -> str | None:
    """Why stage ``number`` cannot be marked complete now, or None if it can.

    ``today`` dates the training that counts; without it, the day the plan last changed.
    """
    stage = plan.stage(number)
    name = stage_name(plan, number, start=True)
    if stage.status is StageStatus.COMPLETE:
        return f"{name} is already complete."
    earlier = _earlier_incomplete(plan, number)
    if earlier is not None:
        return f"{stage_name(plan, earlier.number, start=True)} is not complete yet; complete it first."
    items = gate_items(plan, number, today or plan.plan.updated.date())
    if not items:
        return None
    reasons = " ".join(f"{item.what.removesuffix('.')} ({item.place.words()})." for item in items)
    return f"{name} cannot be completed yet. {reasons}"


def gate_items(plan: Plan, number: int, today: date) -> list[Unmet]:
    """Everything completing stage ``number`` needs and lacks: its evidence, then its substance."""
    items = []
    if not any(e.stage == number for e in plan.current_evidence()):
        items.append(
            Unmet(
                "It has no completion evidence yet: record the observable result first.",
                EVIDENCE_HINT,
                places.EVIDENCE,
            )
        )
    return items + unmet(plan, number, today)


def stage_gate(plan: Plan, today: date) -> list[Finding]:
    """Evidence behind every complete stage, its substance still holding, stages in order."""
    evidence = Counter(e.stage for e in plan.current_evidence())
    found: list[Finding] = []
    for stage in plan.stages:
        found.extend(_stage_findings(plan, stage, evidence[stage.number]))
        if stage.status is StageStatus.COMPLETE:
            found.extend(_no_longer_holds(plan, stage, today))
    nxt = next((s for s in plan.stages if s.status is not StageStatus.COMPLETE), None)
    if nxt is not None:
        found.append(_next(plan, nxt, evidence[nxt.number], today))
    return found


def _no_longer_holds(plan: Plan, stage: Stage, today: date) -> list[Finding]:
    """A complete stage whose own substance has broken since, one finding per item."""
    name = stage_name(plan, stage.number, start=True)
    return [
        _finding(
            Severity.BLOCKING,
            stage,
            f"{name}: {NO_LONGER_HOLDS}. {item.what}",
            f"{item.fix.removesuffix('.')} ({item.place.words()}), or reopen the stage with a reason "
            f"({places.REOPEN.words()}).",
        )
        for item in unmet(plan, stage.number, today)
    ]


def holds_no_longer(findings: list[Finding]) -> set[int]:
    """The stages shown as "complete, no longer holds" among ``findings``."""
    return {f.stage for f in findings if f.rule == RULE and NO_LONGER_HOLDS in f.message}


def _stage_findings(plan: Plan, stage: Stage, evidence: int) -> list[Finding]:
    name = stage_name(plan, stage.number, start=True)
    found = []
    if stage.status is StageStatus.COMPLETE and evidence == 0:
        found.append(
            _finding(
                Severity.BLOCKING,
                stage,
                f"{name} is marked complete but has no completion evidence.",
                "Record the observable result as evidence, or reopen the stage.",
            )
        )
    if stage.status is StageStatus.REOPENED and not stage.reopen_reason:
        found.append(
            _finding(
                Severity.BLOCKING,
                stage,
                f"{name} was reopened without a recorded reason.",
                "Record why the stage was reopened.",
            )
        )
    if stage.status is not StageStatus.NOT_STARTED:
        found.extend(_order(plan, stage))
    if stage.status in (StageStatus.IN_PROGRESS, StageStatus.REOPENED) and not (
        stage.constraint and stage.target_result
    ):
        found.append(
            _finding(
                Severity.WARNING,
                stage,
                f"{name} is under way without a written current constraint and smallest observable result.",
                "Write the current constraint and the smallest observable result before acting.",
            )
        )
    return found


def _order(plan: Plan, stage: Stage) -> list[Finding]:
    """A started stage while an earlier one is incomplete."""
    earlier = _earlier_incomplete(plan, stage.number)
    if earlier is None:
        return []
    name = stage_name(plan, stage.number, start=True)
    before = stage_name(plan, earlier.number)
    state = _STATUS_WORDS[stage.status]
    if earlier.status is StageStatus.REOPENED:
        return [
            _finding(
                Severity.WARNING,
                stage,
                f"{name} is {state} while {before} is reopened.",
                f"Complete {before} again, then review whether this stage's evidence still holds.",
            )
        ]
    return [
        _finding(
            Severity.BLOCKING,
            stage,
            f"{name} is {state} although {before} is not complete.",
            f"Complete {before} first, or set this stage back to not started.",
        )
    ]


def _next(plan: Plan, stage: Stage, evidence: int, today: date) -> Finding:
    """The next action on the first stage that is not complete."""
    name = stage_name(plan, stage.number, start=True)
    target = f" The result to show: {stage.target_result}" if stage.target_result else ""
    if stage.status is StageStatus.NOT_STARTED:
        message = f"{name} is the next stage to start."
        fix = (
            "Write its current constraint and smallest observable result, then record evidence "
            "once the result can be seen."
        )
    elif evidence == 0:
        message = f"{name} is under way and has no completion evidence yet."
        fix = "Record the observable result as evidence once it can be seen." + target
        fix += " If it cannot be observed, rewrite it as a physical action or concrete decision."
    elif lacking := unmet(plan, stage.number, today):
        message = f"{name} has completion evidence, but its gate does not hold yet: {lacking[0].what}"
        fix = f"{lacking[0].fix.removesuffix('.')} ({lacking[0].place.words()})."
        if len(lacking) > 1:
            fix += f" {len(lacking) - 1} more: completing it ({places.COMPLETE.words()}) lists them all."
    else:
        message = f"{name} has completion evidence and is not marked complete yet."
        fix = "Mark the stage complete if the evidence shows the result."
    return _finding(Severity.INFO, stage, message, fix)


def _earlier_incomplete(plan: Plan, number: int) -> Stage | None:
    return next((s for s in plan.stages if s.number < number and s.status is not StageStatus.COMPLETE), None)


def _finding(severity: Severity, stage: Stage, message: str, fix: str) -> Finding:
    return Finding(
        rule=RULE,
        severity=severity,
        stage=stage.number,
        entity=at("stages", stage.id),
        message=message,
        fix=fix,
    )
