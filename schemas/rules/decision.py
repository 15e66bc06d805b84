"""decision and roi: expand only on evidence and sign-off; no ROI claim without a counterfactual."""

from __future__ import annotations

from datetime import date

from schemas.enums import DecisionKind, OperatingVariable, Severity
from schemas.nextscope import changed_variables, comparable
from schemas.plan import Plan, id_order
from schemas.records import Decision, Pilot, RoiClaim
from schemas.rules.base import Finding, at, join_words, pilot_label, short
from schemas.rules.expansion import expand_refusals, signed
from schemas.scorecard import describe_condition


def latest_decisions(plan: Plan) -> list[Decision]:
    """Each pilot's latest decision: the one in force (earlier ones are history)."""
    latest: dict[str, Decision] = {}
    for decision in sorted(plan.decisions, key=lambda d: (d.decided_at or date.min, id_order(d.id))):
        latest[decision.pilot] = decision
    return list(latest.values())


def cited(plan: Plan, item: Decision) -> list[str]:
    """What a decision cites, in words: conditions by their text, observations by metric and period.

    No observed value is repeated here: where a figure may be shown, the scorecard shows it.
    """
    names = {m.id: m.name for m in plan.metrics}
    conditions = {c.id: c for c in plan.conditions}
    observations = {o.id: o for o in plan.observations}
    parts = [
        f'"{describe_condition(conditions[c], names.get(conditions[c].metric, ""))}"'
        for c in item.cited_conditions
        if c in conditions
    ]
    parts += [
        f"{names.get(observations[o].metric, observations[o].metric)} of {observations[o].period}"
        for o in item.cited_observations
        if o in observations
    ]
    return parts + ([item.evidence] if item.evidence else [])


def decision(plan: Plan, today: date) -> list[Finding]:
    """Judge each pilot's decision in force."""
    pilots = {p.id: p for p in plan.pilots}
    found = []
    for item in latest_decisions(plan):
        pilot = pilots.get(item.pilot)
        label = f'pilot "{pilot.name}"' if pilot else f'pilot "{item.pilot}" (not in the plan)'
        found += _expand(plan, item, label) if item.kind is DecisionKind.EXPAND else []
        found += _common(item, label)
        if item.kind is DecisionKind.MODIFY and pilot is not None:
            found += one_variable(plan, item, pilot)
    return found


def _expand(plan: Plan, item: Decision, label: str) -> list[Finding]:
    """A recorded expand: each reason it is refused now, and whether it cites evidence."""
    found = [
        _finding(
            item,
            Severity.BLOCKING,
            f"The decision to expand {label} is refused: {refusal.reason}.",
            f"{refusal.fix.removesuffix('.')} ({refusal.place.words()}); or modify or stop instead.",
        )
        for refusal in expand_refusals(plan, item.pilot, has_signoff=signed(item))
    ]
    if not (item.evidence or item.cited_conditions or item.cited_observations):
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
    """What every decision needs: its variable (modify), sign-off, rationale, who and when."""
    found = []
    unnamed = item.variable_kind is None or item.variable_kind is OperatingVariable.OTHER
    if item.kind is DecisionKind.MODIFY and unnamed and not item.variable:
        found.append(
            _finding(
                item,
                Severity.BLOCKING,
                f"The decision to modify {label} does not name the operating variable it changes.",
                "Name the one operating variable the modification changes; change one at a time.",
            )
        )
    if item.kind is not DecisionKind.EXPAND and not signed(item):
        found.append(
            _finding(
                item,
                Severity.WARNING,
                f"The decision to {item.kind.value} {label} has no sign-off from the executive sponsor.",
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


def one_variable(plan: Plan, item: Decision, pilot: Pilot) -> list[Finding]:
    """A modify's copy changes its one variable, and no other the copy can be compared on."""
    copy = next((p for p in plan.pilots if p.id == item.next_pilot), None)
    kind = item.variable_kind
    if copy is None or kind is None:
        return []
    differ = changed_variables(plan, pilot, copy)
    others = [v for v in differ if v is not kind]
    head = f"{pilot_label(copy, start=True)}, the modified copy of {pilot_label(pilot)},"
    found = []
    if others:
        changes = join_words([v.words for v in others])
        fix = "Change one operating variable at a time: set the others back as they were (tab 7 Pilot)."
        found.append(_finding(item, Severity.WARNING, f"{head} changes {changes} besides {kind.words}.", fix))
    if comparable(kind) and kind not in differ:
        fix = (
            f"Make the change the decision names ({item.variable or kind.words}) in its design (tab 7 Pilot)."
        )
        found.append(_finding(item, Severity.WARNING, f"{head} does not change {kind.words} yet.", fix))
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
