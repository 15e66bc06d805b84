"""Gather the governance document from a plan: the order a reviewer reads it in."""

from __future__ import annotations

from collections import Counter

from schemas.enums import Severity
from schemas.findings import Finding, blocking, evaluate, stage_heading
from schemas.plan import Plan
from schemas.rules.base import PLAN_WIDE
from store.reports.document import Block, Bullets, Document, Facts, Section, Text, table_or
from store.reports.history import history_section, ledger
from store.reports.pilot import decision_section, pilot_section, roi_section, training_section
from store.reports.plansections import (
    consultations_section,
    governance_section,
    matrix_section,
    raci_section,
    safeguards_section,
)
from store.reports.scorecard import pilot_scorecard, shown, suppression_note
from store.reports.source import Source
from store.reports.words import count, day, moment, or_missing, word

SEVERITY_WORDS = {Severity.BLOCKING: "BLOCKING", Severity.WARNING: "warning", Severity.INFO: "info"}
"""Severity as a word: a printed page has no colour."""


def governance_document(source: Source) -> Document:
    """The whole plan as a document, with findings as ``check`` gives them today."""
    plan = source.plan
    findings = evaluate(plan, source.today, stored_history=source.stored_history)
    view = shown(plan)
    scorecards = tuple(pilot_scorecard(plan, p, view) for p in plan.pilots)
    sections = (
        status_section(plan, findings),
        stages_section(plan, findings),
        matrix_section(plan),
        safeguards_section(plan),
        consultations_section(plan),
        governance_section(plan),
        raci_section(plan),
        pilot_section(plan),
        training_section(plan),
        Section(
            "Scorecard",
            (suppression_note(view),) if scorecards else (Text("The plan has no pilot to measure yet."),),
            scorecards,
            anchor="scorecard",
        ),
        decision_section(plan),
        roi_section(plan),
        history_section(plan, ledger(plan, source.stored_history)),
    )
    info = plan.plan
    subtitle = (
        f"Organization: {or_missing(info.organization)}",
        f"Generated {moment(source.generated)} from a plan last changed {moment(info.updated)}.",
        f"Small groups (fewer than {plan.policy.min_group_size} people) are suppressed in this report.",
    )
    return Document("report", info.title, subtitle, sections)


def finding_line(finding: Finding) -> str:
    """'BLOCKING raci (raci_activities/act-2): message Fix: what to do.'"""
    where = f" ({finding.entity})" if finding.entity else ""
    return f"{SEVERITY_WORDS[finding.severity]} {finding.rule}{where}: {finding.message} Fix: {finding.fix}"


def status_section(plan: Plan, findings: list[Finding]) -> Section:
    """Scope, jurisdictions, readiness per stage, and every blocking finding."""
    info = plan.plan
    jurisdictions = [
        f"{j.name} (legal review: {or_missing(j.reviewed_by, 'none recorded')}, {day(j.reviewed_at)})"
        for j in plan.jurisdictions
    ]
    facts = Facts(
        (
            ("Scope", or_missing(info.scope)),
            ("Jurisdictions in scope", "; ".join(jurisdictions) or "none declared"),
            ("Created", moment(info.created)),
            ("Findings", _counts(findings)),
        )
    )
    severities = Counter((f.stage, f.severity) for f in findings)
    rows = [
        (
            stage_heading(plan, s.number),
            word(s.status),
            str(sum(1 for e in plan.evidence if e.stage == s.number)),
            str(severities[(s.number, Severity.BLOCKING)]),
            str(severities[(s.number, Severity.WARNING)]),
        )
        for s in plan.stages
    ]
    readiness = table_or(("Stage", "Status", "Evidence", "Blocking", "Warnings"), rows, "No stages.")
    stop = blocking(findings)
    listed: Block = (
        Bullets(tuple(_with_stage(plan, f) for f in stop))
        if stop
        else Text("No blocking finding: nothing stops the plan from going ahead.")
    )
    return Section("Status and blocking findings", (facts, readiness, listed), anchor="status")


def _counts(findings: list[Finding]) -> str:
    by = Counter(f.severity for f in findings)
    return ", ".join(
        [
            count(by[Severity.BLOCKING], "blocking finding", "blocking findings"),
            count(by[Severity.WARNING], "warning"),
            count(by[Severity.INFO], "info", "infos"),
        ]
    )


def _with_stage(plan: Plan, finding: Finding) -> str:
    return f"{stage_heading(plan, finding.stage)}: {finding_line(finding)}"


def stages_section(plan: Plan, findings: list[Finding]) -> Section:
    """Each stage with its constraint, evidence, outcome log and findings."""
    children = [_stage(plan, s.number, findings) for s in plan.stages]
    wide = [f for f in findings if f.stage == PLAN_WIDE]
    blocks: tuple[Block, ...] = (Bullets(tuple(finding_line(f) for f in wide)),) if wide else ()
    return Section("Stages", blocks, tuple(children), anchor="stages")


def _stage(plan: Plan, number: int, findings: list[Finding]) -> Section:
    own = [finding_line(f) for f in findings if f.stage == number]
    return Section(
        stage_heading(plan, number),
        (
            _stage_facts(plan, number),
            *_stage_logs(plan, number),
            Bullets(tuple(own)) if own else Text("No findings for this stage."),
        ),
        anchor=f"stage-{number}",
    )


def _stage_facts(plan: Plan, number: int) -> Facts:
    stage = plan.stage(number)
    reopened = (("Reopened because", stage.reopen_reason),) if stage.reopen_reason else ()
    return Facts(
        (
            ("Purpose", stage.purpose),
            ("Status", word(stage.status)),
            ("Current constraint", or_missing(stage.constraint)),
            ("Smallest observable result", or_missing(stage.target_result)),
            ("Target date", day(stage.due)),
            ("Completed", moment(stage.completed_at, "not complete")),
            *reopened,
        )
    )


def _stage_logs(plan: Plan, number: int) -> tuple[Block, Block]:
    """The stage's completion evidence and its outcome log."""
    evidence = [(e.result, moment(e.recorded_at), e.recorded_by) for e in plan.evidence if e.stage == number]
    outcomes = [
        (
            o.what_changed,
            "complete" if o.complete else "incomplete",
            word(o.diagnosis, ""),
            o.restart,
            moment(o.recorded_at),
            o.recorded_by,
        )
        for o in plan.outcomes
        if o.stage == number
    ]
    return (
        table_or(("Evidence", "Recorded", "By"), evidence, "No completion evidence yet.", "Evidence"),
        table_or(
            ("What changed", "Result", "Diagnosis", "Smallest valid restart", "Recorded", "By"),
            outcomes,
            "Nothing recorded in the outcome log yet.",
            "Outcome log",
        ),
    )
