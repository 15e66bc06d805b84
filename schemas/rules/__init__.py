"""Every rule of DESIGN section 3: pure functions from a plan and a date to findings."""

from __future__ import annotations

from schemas.rules.base import RULE_IDS, Finding, Rule
from schemas.rules.conditions import conditions_locked
from schemas.rules.dates import dates
from schemas.rules.decision import decision, roi
from schemas.rules.delivery import delivery
from schemas.rules.governance import governance_complete
from schemas.rules.history import history_chain
from schemas.rules.matrix import guardrail, matrix_control
from schemas.rules.measurement import measurement, small_groups
from schemas.rules.pilot import pilot_design, training
from schemas.rules.raci import raci
from schemas.rules.safeguards import surveillance
from schemas.rules.stages import stage_gate

RULES: dict[str, Rule] = {
    "history-chain": history_chain,
    "stage-gate": stage_gate,
    "matrix-control": matrix_control,
    "guardrail": guardrail,
    "surveillance": surveillance,
    "governance-complete": governance_complete,
    "raci": raci,
    "delivery": delivery,
    "pilot-design": pilot_design,
    "conditions-locked": conditions_locked,
    "training": training,
    "measurement": measurement,
    "small-groups": small_groups,
    "decision": decision,
    "roi": roi,
    "dates": dates,
}
"""Rule id -> rule, in the order of ``RULE_IDS``."""

assert tuple(RULES) == RULE_IDS

__all__ = ["RULES", "RULE_IDS", "Finding", "Rule"]
