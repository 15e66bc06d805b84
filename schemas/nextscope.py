"""The pilot a decision opens: what it takes from the one before, and which variables differ (pure).

An expansion's next scope keeps the workflow and how people leave and get help; its
population, notice, conditions and training are declared again. A modify's copy keeps
the whole design but the notice (given again) and training (held again); its conditions
are copied unlocked, so the one change can be made before it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.enums import OperatingVariable
from schemas.plan import Plan
from schemas.records import Condition, Pilot


def next_scope_fields(pilot: Pilot) -> dict[str, Any]:
    """The fields an expansion's next pilot takes from ``pilot``: nothing that is declared again."""
    return {
        "use_case": pilot.use_case,
        "organization_size": pilot.organization_size,
        "voluntary": pilot.voluntary,
        "opt_out": pilot.opt_out,
        "support_contact": pilot.support_contact,
        "escalation_route": pilot.escalation_route,
    }


def modified_copy_fields(pilot: Pilot) -> dict[str, Any]:
    """The fields a modify's copy takes from ``pilot``: its design, without notice, dates or status."""
    return {
        **next_scope_fields(pilot),
        "population_size": pilot.population_size,
        "population": pilot.population,
    }


def copied_condition(condition: Condition) -> dict[str, Any]:
    """A condition's terms for the copy: declared, not locked (the copy has not started)."""
    return {
        "kind": condition.kind,
        "metric": condition.metric,
        "comparison": condition.comparison,
        "threshold": condition.threshold,
        "wording": condition.wording,
    }


def suggested_name(plan: Plan, pilot: Pilot) -> str:
    """A name for the next pilot: the pilot's own with the next pilot's number ('..., pilot 2')."""
    root = pilot.name
    head, sep, tail = root.rpartition(", pilot ")
    if sep and tail.isdigit():
        root = head
    return f"{root[:100]}, pilot {len(plan.pilots) + 1}"


def _conditions(plan: Plan, pilot: Pilot) -> object:
    """The terms of the pilot's conditions, in an order that does not depend on their ids."""
    return sorted(
        (c.kind.value, c.metric, c.comparison.value, c.threshold)
        for c in plan.conditions
        if c.pilot == pilot.id
    )


_COMPARED: dict[OperatingVariable, Callable[[Plan, Pilot], object]] = {
    OperatingVariable.POPULATION: lambda plan, p: (p.population_size, p.population),
    OperatingVariable.WORKFLOW: lambda plan, p: p.use_case,
    OperatingVariable.SUPPORT: lambda plan, p: (p.opt_out, p.support_contact, p.escalation_route),
    OperatingVariable.CONDITION: _conditions,
}
"""The variables a copy can be compared on; notice and training are always given again, and
the delivery model, like a variable the planner names, is not held by the pilot."""


def comparable(variable: OperatingVariable) -> bool:
    """True when a copy can be checked for changing ``variable``."""
    return variable in _COMPARED


def changed_variables(plan: Plan, original: Pilot, copy: Pilot) -> list[OperatingVariable]:
    """The comparable operating variables in which ``copy`` differs from ``original``."""
    return [v for v, value in _COMPARED.items() if value(plan, original) != value(plan, copy)]


def pilot_number(plan: Plan, pilot_id: str) -> int:
    """The pilot's place in the plan, counting from 1 ('pilot 2'); 0 if it is not in the plan."""
    ids = [p.id for p in plan.pilots]
    return ids.index(pilot_id) + 1 if pilot_id in ids else 0
