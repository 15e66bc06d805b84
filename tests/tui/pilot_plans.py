"""Plans for the Pilot tab's tests: the worked example before its pilot was designed."""

from __future__ import annotations

from planbuild import example

from schemas.enums import StageStatus
from schemas.plan import Plan


def unpiloted() -> Plan:
    """The worked example with stages 1-4 complete and no pilot yet: nothing of stages 5-8, and its
    one jurisdiction (the Netherlands) not yet legally reviewed."""
    plan = example()
    stages = [
        s.model_copy(update={"status": StageStatus.NOT_STARTED, "completed_at": None}) if s.number >= 5 else s
        for s in plan.stages
    ]
    jurisdictions = [
        j.model_copy(update={"reviewed_by": "", "reviewed_at": None}) for j in plan.jurisdictions
    ]
    return plan.model_copy(
        update={
            "stages": stages,
            "jurisdictions": jurisdictions,
            "pilots": [],
            "conditions": [],
            "training": [],
            "observations": [],
            "decisions": [],
            "evidence": [e for e in plan.evidence if e.stage < 5],
            "outcomes": [o for o in plan.outcomes if o.stage < 5],
        }
    )
