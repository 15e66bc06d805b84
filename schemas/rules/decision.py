"""decision and roi: expand only on evidence and sign-off; no ROI claim without a counterfactual."""

from __future__ import annotations

from datetime import date

from schemas.enums import ConditionKind, DecisionKind, Severity
from schemas.plan import Plan, id_order
from schemas.records import Decision, RoiClaim
from schemas.rules.base import Finding, at, join_words, short, stage_name
from schemas.scorecard import ConditionStatus, describe_condition, evaluate_conditions

EVIDENCE_STAGES = (5, 6, 7)
"""The stages whose evidence an expand decision needs."""


def latest_decisions(plan: Plan) -> list[Decision]:
    """Each pilot's latest decision: the one in force (earlier ones are history)."""
    latest: dict[str, Decision] = {}
    for decision in sorted(plan.decisions, key=lambda d: (d.decided_at or date.min, id_order(d.id))):
        latest[decision.pilot] = decision
    return list(latest.values())


def expand_refusals(plan: Plan, pilot: str) -> list[str]:
    """Why expanding ``pilot`` is refused now, as sentences; empty if it may expand."""
    names = {m.id: m.name for m in plan.metrics}
    reasons = [
        f'its stop condition "{describe_condition(r.condition, names.get(r.condition.metric, ""))}" is met'
        for r in evaluate_conditions(plan, pilot)
        if r.condition.kind is ConditionKind.STOP and r.status is ConditionStatus.MET
    ]
    with_evidence = {e.stage for e in plan.evidence}
    missing = [stage_name(plan, n) for n in EVIDENCE_STAGES if n not in with_evidence]
    if missing:
        reasons.append(f"there is no completion evidence for {join_words(missing)}")
    return reasons


def decision(plan: Plan, today: date) -> list[Finding]:
    """Judge each pilot's decision in force."""
    pilots = {p.id: p for p in plan.pilots}
    found = []
    for item in latest_decisions(plan):
        pilot = pilots.get(item.pilot)
        label = f'pilot "{pilot.name}"' if pilot else f'pilot "{item.pilot}" (not in the plan)'
        found += _expand(plan, item, label) if item.kind is DecisionKind.EXPAND else []
        found += _common(item, label)
    return found


def _expand(plan: Plan, item: Decision, label: str) -> list[Finding]:
    found = [
        _finding(
            item,
            Severity.BLOCKING,
            f"The decision to expand {label} is refused: {reason}.",
            "Modify or stop instead, or record the missing evidence before expanding.",
        )
        for reason in expand_refusals(plan, item.pilot)
    ]
    if not item.sponsor_signoff_by or item.sponsor_signoff_at is None:
        found.append(
            _finding(
                item,
                Severity.BLOCKING,
                f"The decision to expand {label} has no sign-off from the executive sponsor.",
                "Record the sponsor's sign-off: who signed and when.",
            )
        )
    if not item.evidence:
        found.append(
            _finding(
                item,
                Severity.WARNING,
                f"The decision to expand {label} cites no evidence.",
                "Cite the scorecard results and stage evidence that support the next scope.",
            )
        )
    return found


def _common(item: Decision, label: str) -> list[Finding]:
    found = []
    if item.kind is DecisionKind.MODIFY and not item.variable:
        found.append(
            _finding(
                item,
                Severity.BLOCKING,
                f"The decision to modify {label} does not name the operating variable it changes.",
                "Name the one operating variable the modification changes; change one at a time.",
            )
        )
    if item.kind is DecisionKind.STOP and (not item.sponsor_signoff_by or item.sponsor_signoff_at is None):
        found.append(
            _finding(
                item,
                Severity.WARNING,
                f"The decision to stop {label} has no sign-off from the executive sponsor.",
                "Record the sponsor's sign-off; the sponsor owns the decision to expand or stop.",
            )
        )
    if not item.rationale:
        found.append(
            _finding(
                item,
                Severity.WARNING,
                f"The decision on {label} gives no rationale.",
                "Write why this decision follows from the evidence.",
            )
        )
    if not item.decided_by or item.decided_at is None:
        found.append(
            _finding(
                item,
                Severity.WARNING,
                f"The decision on {label} does not say who decided and when.",
                "Record who decided and the date.",
            )
        )
    return found


def _finding(item: Decision, severity: Severity, message: str, fix: str) -> Finding:
    return Finding(
        rule="decision", severity=severity, stage=8, entity=at("decisions", item.id), message=message, fix=fix
    )


def roi(plan: Plan, today: date) -> list[Finding]:
    """A return-on-investment claim needs a counterfactual and a measurement design."""
    return [
        _roi(claim) for claim in plan.roi_claims if not (claim.counterfactual and claim.measurement_design)
    ]


def _roi(claim: RoiClaim) -> Finding:
    lacks = [
        name
        for name, text in (
            ("counterfactual", claim.counterfactual),
            ("measurement design", claim.measurement_design),
        )
        if not text
    ]
    return Finding(
        rule="roi",
        severity=Severity.BLOCKING,
        stage=8,
        entity=at("roi_claims", claim.id),
        message=f'The return-on-investment claim "{short(claim.claim)}" has no '
        f"{join_words(lacks, 'and no')}.",
        fix="Describe what would have happened without coaching and how the difference is "
        "measured, or withdraw the claim.",
    )
