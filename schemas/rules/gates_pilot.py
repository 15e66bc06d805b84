"""The gates of stages 5-8, which read the current pilot: design, training, measurement, decision."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from schemas.enums import DecisionKind, HarmFamily, Severity
from schemas.plan import Plan
from schemas.records import Pilot
from schemas.rules import places
from schemas.rules.base import at, join_words, pilot_label
from schemas.rules.decision import decision, latest_decisions, roi
from schemas.rules.expansion import signed
from schemas.rules.measurement import measurement
from schemas.rules.pilot import pilot_design, training
from schemas.rules.pilot_start import pilot_place
from schemas.rules.places import Unmet, from_finding, place_of
from schemas.scorecard import latest_totals

_NO_PILOT = Unmet(
    "No pilot is designed yet.",
    "Design one pilot: one workflow, a limited population, notice, opt-out, support, and "
    "success and stop conditions.",
    places.PILOT,
)


def _design(plan: Plan, today: date) -> list[Unmet]:
    """Stage 5: the current pilot exists and pilot-design has nothing left to say about it.

    Gaps that are only warnings while a pilot is in design count here: they are what
    a design is for, and they turn blocking the day the pilot starts.
    """
    pilot = plan.current_pilot()
    if pilot is None:
        return [_NO_PILOT]
    entity = at("pilots", pilot.id)
    around = ("jurisdictions", "data_access", "consultations")
    found = [f for f in pilot_design(plan, today) if f.entity == entity or f.entity.startswith(around)]
    return [from_finding(f, pilot_place(f)) for f in found]


def _training(plan: Plan, today: date) -> list[Unmet]:
    """Stage 6: both audiences of the current pilot trained on all five topics."""
    pilot = plan.current_pilot()
    if pilot is None:
        return [_NO_PILOT]
    found = [f for f in training(plan, today) if f.entity == at("pilots", pilot.id)]
    return [from_finding(f, places.TRAINING) for f in found]


def _measurement(plan: Plan, today: date) -> list[Unmet]:
    """Stage 7: every condition's metric and the four harm families observed, no stop met."""
    pilot = plan.current_pilot()
    if pilot is None:
        return [_NO_PILOT]
    items = _unobserved(plan, pilot)
    where = {"conditions": places.DECISION}  # a met stop condition is answered by a decision
    for finding in measurement(plan, today):
        if finding.severity is Severity.BLOCKING:
            items.append(from_finding(finding, place_of(finding, where, places.OBSERVATION)))
    return items


def _unobserved(plan: Plan, pilot: Pilot) -> list[Unmet]:
    """The metrics of the pilot's conditions, and the harm families, with no total observed."""
    names = {m.id: m.name.lower() for m in plan.metrics}
    observed = {metric for (pid, metric) in latest_totals(plan.observations) if pid == pilot.id}
    read = dict.fromkeys(c.metric for c in plan.conditions if c.pilot == pilot.id)
    conditions = [names.get(key, key) for key in read if key not in observed]
    measured = {m.harm_family for m in plan.metrics if m.harm_family is not None and m.id in observed}
    harms = [family.words for family in HarmFamily if family not in measured]
    label = pilot_label(pilot, start=True)
    items = []
    if conditions:
        items.append(
            Unmet(
                f"{label} has no observation of {join_words(conditions)}, which its conditions read.",
                "Record a whole-population observation of each metric a condition reads.",
                places.OBSERVATION,
            )
        )
    if harms:
        items.append(
            Unmet(
                f"{label} has no observation of {join_words(harms)}: measuring without them "
                "is Failure Mode 3.",
                "Record observations of opt-outs, privacy incidents, bias signals and administrative hours.",
                places.IMPORT,
            )
        )
    return items


def _decision(plan: Plan, today: date) -> list[Unmet]:
    """Stage 8: a decision on the current pilot, signed off by the sponsor; nothing blocking it or a claim."""
    pilot = plan.current_pilot()
    if pilot is None:
        return [_NO_PILOT]
    claims = [from_finding(f, places.ROI_CLAIM) for f in roi(plan, today)]
    latest = next((d for d in latest_decisions(plan) if d.pilot == pilot.id), None)
    label = pilot_label(pilot)
    if latest is None:
        undecided = Unmet(
            f"No decision to expand, modify or stop {label} is recorded.",
            "Record the decision, its rationale and the evidence it cites.",
            places.DECISION,
        )
        return [undecided, *claims]
    items = []
    # An expand without sign-off is already a blocking finding of the decision rule.
    if not signed(latest) and latest.kind is not DecisionKind.EXPAND:
        items.append(
            Unmet(
                f"The decision to {latest.kind.value} {label} has no sign-off from the executive sponsor.",
                "Record the sponsor's sign-off: who signed and when.",
                places.SIGN_OFF,
            )
        )
    blocking = [f for f in decision(plan, today) if f.severity is Severity.BLOCKING]
    return items + [from_finding(f, places.DECISION) for f in blocking] + claims


PILOT_GATES: dict[int, Callable[[Plan, date], list[Unmet]]] = {
    5: _design,
    6: _training,
    7: _measurement,
    8: _decision,
}
"""The gates of stages 5-8."""
