"""The Stages tab's detail pane: a stage in full, what completing it still needs, its log and evidence."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from schemas.enums import StageStatus
from schemas.findings import Finding, gate_items, holds_no_longer
from schemas.plan import Plan
from schemas.records import Evidence, Outcome, Stage
from schemas.rules.stages import can_start
from tui import glyphs
from tui.words import DIAGNOSIS, OUTCOME_KINDS, SEVERITY, count, stage_look, when

SHOWN_FINDINGS = 5
"""Findings listed in full under a stage; the rest are counted (the Overview lists them all).

A stage of a large plan can hold hundreds: wrapping them all again on every cursor move
took 40 ms a key press."""


def detail(plan: Plan, stage: Stage, findings: list[Finding], today: date) -> Text:
    """A stage in full: status, what completing it needs, purpose, constraint, result, log, evidence."""
    text = Text()
    text.append(f"Stage {stage.number}: {stage.title}\n", style="bold")
    status = " ".join(stage_look(stage, holds_no_longer(findings)))
    if stage.status is StageStatus.COMPLETE and stage.completed_at:
        status += f" on {when(stage.completed_at)}"
    if stage.status is StageStatus.REOPENED and stage.reopen_reason:
        status += f" (reason: {stage.reopen_reason})"
    outcomes = [o for o in plan.outcomes if o.stage == stage.number]
    evidence = [e for e in plan.evidence if e.stage == stage.number]
    text.append(f"Status: {status}\n")
    text.append(
        f"Due: {stage.due.isoformat() if stage.due else '-'} {glyphs.DOT} Evidence: {len(evidence)}"
        f" {glyphs.DOT} What changed: {len(outcomes)}\n"
    )
    for finding in findings[:SHOWN_FINDINGS]:
        symbol, word = SEVERITY[finding.severity]
        text.append(f"{symbol} {word}: {finding.message}\n")
    if len(findings) > SHOWN_FINDINGS:
        more = count(len(findings) - SHOWN_FINDINGS, "more finding", "more findings")
        text.append(f"{glyphs.ELLIPSIS} and {more}: tab 1 Overview lists them all.\n")
    needs = still_needs(plan, stage, today)
    if needs:
        _section(text, "Before it can be completed (c)", "\n".join(needs))
    _section(text, "Purpose", stage.purpose)
    _section(text, "Current constraint", stage.constraint or "(not written yet: press enter)")
    _section(text, "Smallest observable result", stage.target_result or "(not written yet: press enter)")
    _section(
        text, f"What changed ({len(outcomes)})", "\n".join(outcome_line(o) for o in outcomes) or "(none: w)"
    )
    _section(
        text, f"Evidence ({len(evidence)})", "\n".join(evidence_line(e) for e in evidence) or "(none: e)"
    )
    return text


def still_needs(plan: Plan, stage: Stage, today: date) -> list[str]:
    """What the stage gate still lacks for a stage under way, one bullet each with where it is fixed."""
    if stage.status is StageStatus.COMPLETE or not can_start(plan, stage.number):
        return []
    items = gate_items(plan, stage.number, today)
    return [f"{glyphs.BULLET} {item.what.removesuffix('.')} ({item.place.words()})." for item in items]


def _section(text: Text, title: str, body: str) -> None:
    text.append(f"\n{title}\n", style="bold underline")
    text.append(body.rstrip() + "\n")


def outcome_line(outcome: Outcome) -> str:
    """One entry of the outcome log as a bullet: when, who, reached or why not."""
    head = f"{glyphs.BULLET} {when(outcome.recorded_at)} {outcome.recorded_by}: "
    kind = f" ({OUTCOME_KINDS[outcome.kind]})" if outcome.kind else ""
    if outcome.complete:
        return head + f"[reached{kind}] {outcome.what_changed}"
    cause = DIAGNOSIS[outcome.diagnosis] if outcome.diagnosis else "?"
    return head + f"[incomplete: {cause}] {outcome.what_changed}\n  Restart: {outcome.restart}"


def evidence_line(evidence: Evidence) -> str:
    """One evidence entry as a bullet: when, who, the result (and the earlier pilot it proved)."""
    # Evidence of an earlier pilot's scope stays in the log but no longer counts for the stage.
    earlier = f" (earlier scope, {evidence.pilot}: no longer counts)" if evidence.pilot else ""
    return f"{glyphs.BULLET} {when(evidence.recorded_at)} {evidence.recorded_by}: {evidence.result}{earlier}"
