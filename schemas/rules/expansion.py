"""Why a pilot may not expand now: each reason, and where in the app it is answered (pure).

DESIGN section 3, ``decision``: expand is refused while any stop condition is met, while
any success condition is unmet or was never measured, while evidence for stages 5 to 7
is missing, or without the sponsor's sign-off. A careful reading adds what the same
evidence needs: a stop condition never measured cannot show the pilot was safe, and
without the four harm measures a decision is Failure Mode 3.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.enums import ConditionKind, HarmFamily, PilotStatus
from schemas.plan import Plan
from schemas.records import Decision, Evidence
from schemas.rules import places
from schemas.rules.base import at, join_words, stage_name
from schemas.rules.places import Place
from schemas.rules.raci import accountable_roles
from schemas.scorecard import (
    ConditionResult,
    ConditionStatus,
    describe_condition,
    evaluate_conditions,
    latest_totals,
)

EVIDENCE_STAGES = (5, 6, 7)
"""The stages whose completion evidence an expand decision needs."""


@dataclass(frozen=True)
class Refusal:
    """One reason expanding a pilot is refused now, and where it is answered."""

    reason: str
    """A clause that follows 'refused: ', e.g. 'its stop condition "..." is met'."""
    fix: str
    """What to do, one sentence."""
    place: Place
    """Where in the app it is answered."""
    entity: str = ""
    """The record it is about (``table/id``), to go to; empty when the place says it all."""
    signoff: bool = False
    """True for the sponsor's sign-off, which the decision form takes, not more evidence."""

    def sentence(self) -> str:
        """The reason as a sentence with where it is answered."""
        return f"{self.reason[:1].upper()}{self.reason[1:]} ({self.place.words()})."


def signed(decision: Decision) -> bool:
    """True when the decision carries the sponsor's sign-off: a name and a date."""
    return bool(decision.sponsor_signoff_by) and decision.sponsor_signoff_at is not None


def sponsor_role(plan: Plan) -> str:
    """The name of the role accountable for the decision to expand or stop, as the RACI says."""
    roles = {role.id: role for role in plan.raci_roles}
    for activity in plan.raci_activities:
        if activity.expand_decision:
            owners = accountable_roles(activity, roles)
            if owners:
                return owners[0].name
    return next((role.name for role in plan.raci_roles if role.sponsor), "Executive sponsor")


def evidence_of(plan: Plan, pilot: str) -> list[Evidence]:
    """The completion evidence that counts for ``pilot``: its own scope's, and today's for the current one."""
    current = plan.current_pilot()
    now = current is not None and current.id == pilot
    return [e for e in plan.evidence if e.pilot == pilot or (e.pilot is None and now)]


def expand_refusals(plan: Plan, pilot: str, *, has_signoff: bool) -> list[Refusal]:
    """Why expanding ``pilot`` is refused now, each with where it is answered; empty if it may expand."""
    stopped = _status(plan, pilot)
    if stopped:  # nothing more to weigh: a stopped pilot is not expanded
        return stopped
    found: list[Refusal] = []
    results = evaluate_conditions(plan, pilot)
    found += [r for r in (_condition(plan, result) for result in results) if r is not None]
    kinds = {result.condition.kind for result in results}
    found += [_undeclared(kind, pilot) for kind in ConditionKind if kind not in kinds]
    found += _harms(plan, pilot)
    with_evidence = {e.stage for e in evidence_of(plan, pilot)}
    found += [_no_evidence(plan, n) for n in EVIDENCE_STAGES if n not in with_evidence]
    if not has_signoff:
        found.append(
            Refusal(
                f"the {sponsor_role(plan)} has not signed it off",
                "The sponsor signs the expand decision: a typed name and the date.",
                places.DECISION,
                signoff=True,
            )
        )
    return found


def _status(plan: Plan, pilot: str) -> list[Refusal]:
    """A stopped pilot is not expanded."""
    record = next((p for p in plan.pilots if p.id == pilot), None)
    if record is None or record.status is not PilotStatus.STOPPED:
        return []
    return [
        Refusal(
            "the pilot was stopped",
            "A stopped pilot is not expanded: modify it (one variable changed) or leave it stopped.",
            places.DECISION,
            at("pilots", pilot),
        )
    ]


def _condition(plan: Plan, result: ConditionResult) -> Refusal | None:
    """A stop condition met or never measured, a success condition not met or never measured."""
    condition = result.condition
    name = next((m.name for m in plan.metrics if m.id == condition.metric), "")
    words = f'its {condition.kind.value} condition "{describe_condition(condition, name)}"'
    entity = at("conditions", condition.id)
    if result.status is ConditionStatus.NO_DATA:
        fix = "Record a whole-population observation of its metric."
        return Refusal(f"{words} was never measured", fix, places.OBSERVATION, entity)
    if condition.kind is ConditionKind.STOP and result.status is ConditionStatus.MET:
        fix = "Stop the pilot, or modify it by changing one operating variable."
        return Refusal(f"{words} is met", fix, places.DECISION, entity)
    if condition.kind is ConditionKind.SUCCESS and result.status is ConditionStatus.NOT_MET:
        fix = (
            "Expand only on success: modify or stop instead, or measure again when the pilot has run longer."
        )
        return Refusal(f"{words} is not met", fix, places.SCORECARD, entity)
    return None


def _undeclared(kind: ConditionKind, pilot: str) -> Refusal:
    """A pilot that declares no condition of ``kind`` has no evidence of it."""
    shows = "success" if kind is ConditionKind.SUCCESS else "safety"
    return Refusal(
        f"it declares no {kind.value} condition, so no evidence can show {shows}",
        f"Declare a {kind.value} condition for the next pilot before it starts.",
        places.CONDITION,
        at("pilots", pilot),
    )


def _harms(plan: Plan, pilot: str) -> list[Refusal]:
    """The harm families with no whole-population observation of the pilot (Failure Mode 3)."""
    observed = {metric for (pid, metric) in latest_totals(plan.observations) if pid == pilot}
    measured = {m.harm_family for m in plan.metrics if m.harm_family is not None and m.id in observed}
    missing = [family.words for family in HarmFamily if family not in measured]
    if not missing:
        return []
    return [
        Refusal(
            f"it has no observation of {join_words(missing)}: deciding without them is Failure Mode 3",
            "Record observations of opt-outs, privacy incidents, bias signals and administrative hours.",
            places.IMPORT,
            at("pilots", pilot),
        )
    ]


def _no_evidence(plan: Plan, number: int) -> Refusal:
    """Stage ``number`` without completion evidence for the pilot."""
    return Refusal(
        f"there is no completion evidence for {stage_name(plan, number)}",
        "Record the stage's observable result as evidence.",
        places.EVIDENCE,
        at("stages", plan.stage(number).id),
    )
