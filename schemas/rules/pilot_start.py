"""Starting a pilot: what refuses it, where each reason is fixed, and the pilot as it runs (pure).

A pilot starts only when no finding of it would be blocking once it runs: the rules are
run on the plan as it would be after the start (the pilot running, its conditions locked)
and every blocking finding about the pilot, its jurisdictions, data access, consulted
bodies and the surveillance prohibitions refuses the start, each with the tab and key
that fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from schemas.enums import ConditionKind, PilotStatus, Severity
from schemas.plan import Plan
from schemas.records import Pilot
from schemas.rules import places
from schemas.rules.base import Finding, at
from schemas.rules.pilot import pilot_design, training
from schemas.rules.places import Place
from schemas.rules.safeguards import surveillance

AROUND = ("jurisdictions", "data_access", "consultations", "prohibitions")
"""The tables around a pilot whose findings refuse its start."""

_TABLE_PLACES = {
    "data_access": places.ACCESS,
    "consultations": places.CONSULTATION,
    "prohibitions": places.ATTEST,
    "policy": places.GROUP_SIZE,
}


@dataclass(frozen=True)
class StartRefusal:
    """One reason a pilot may not start yet, and where it is fixed."""

    finding: Finding
    """The finding that would be blocking once the pilot runs."""
    place: Place
    """Where in the app it is fixed."""


def pilot_place(finding: Finding) -> Place:
    """Where a finding about a pilot, or about what surrounds it, is fixed."""
    table, _, key = finding.entity.partition("/")
    if table == "jurisdictions":
        return places.LEGAL_REVIEW if key else places.JURISDICTION
    if table in _TABLE_PLACES:
        return _TABLE_PLACES[table]
    if finding.rule == "training":
        return places.TRAINING
    if finding.rule == "conditions-locked":
        return places.AMEND
    if any(f"has no {kind.value} condition" in finding.message for kind in ConditionKind):
        return places.CONDITION
    if "is running although" in finding.message:
        return places.COMPLETE
    return places.PILOT


def as_running(plan: Plan, pilot: Pilot, on: date) -> Plan:
    """The plan as it would be with ``pilot`` started on ``on``: running, its conditions locked."""
    started = pilot.model_copy(update={"status": PilotStatus.RUNNING, "start": pilot.start or on})
    pilots = [started if p.id == pilot.id else p for p in plan.pilots]
    conditions = [
        c.model_copy(update={"locked": True}) if c.pilot == pilot.id else c for c in plan.conditions
    ]
    return plan.model_copy(update={"pilots": pilots, "conditions": conditions})


def start_refusals(plan: Plan, pilot: Pilot, today: date) -> list[StartRefusal]:
    """Every finding that would be blocking once ``pilot`` runs, with where it is fixed."""
    running = as_running(plan, pilot, today)
    found = pilot_design(running, today) + training(running, today) + surveillance(running, today)
    own = at("pilots", pilot.id)
    return [
        StartRefusal(f, pilot_place(f))
        for f in found
        if f.severity is Severity.BLOCKING and (f.entity == own or f.entity.startswith(AROUND))
    ]
