"""The banners the Scorecard and the Overview show above everything else (no Textual).

A stop condition met is blocking and names the condition and the observation that met
it; Failure Mode 3 (engagement measured without all four harm families) is a warning
while the pilot runs and blocking once its results are decided on. Both come from the
`measurement` findings, so a banner shows exactly while its finding stands.
"""

from __future__ import annotations

from schemas.enums import HarmFamily, Severity
from schemas.findings import Finding
from schemas.nextscope import pilot_number
from schemas.plan import Plan
from schemas.rules.base import join_words
from schemas.scorecard import describe_condition, hidden_observations, latest_totals, shown
from tui.words import SEVERITY

RULE = "measurement"
"""The rule whose findings raise a banner."""


def banners(plan: Plan, findings: list[Finding]) -> list[str]:
    """One line of words per stop condition met, then per pilot measuring engagement alone."""
    lines = []
    for finding in findings:
        if finding.rule != RULE or finding.severity is Severity.INFO:
            continue
        table, _, key = finding.entity.partition("/")
        if table == "conditions" and finding.severity is Severity.BLOCKING:
            lines.append(_stop_met(plan, key) or f"{SEVERITY[finding.severity][0]} STOP: {finding.message}")
        elif table == "pilots":
            lines.append(_failure_mode_3(plan, key, finding.severity))
    return lines


def _stop_met(plan: Plan, condition_id: str) -> str:
    """'✗ STOP CONDITION MET (blocking): "…" by obs-42 (2026-12-02: 1), pilot 1: …'; empty if none."""
    condition = next((c for c in plan.conditions if c.id == condition_id), None)
    if condition is None:
        return ""
    wanted = (condition.pilot, condition.metric)
    obs = latest_totals(plan.observations, {wanted}).get(wanted)
    if obs is None:
        return ""
    metric = next((m for m in plan.metrics if m.id == condition.metric), None)
    k = plan.policy.min_group_size
    row = [o for o in plan.observations if (o.pilot, o.metric, o.period) == (*wanted, obs.period)]
    figure = shown(obs, hidden_observations(row, k).all, k, metric.unit if metric else "")
    text = describe_condition(condition, metric.name if metric else "")
    return (
        f'{SEVERITY[Severity.BLOCKING][0]} STOP CONDITION MET (blocking): "{text}" by {obs.id} '
        f"({obs.period.isoformat()}: {figure.text}), pilot {pilot_number(plan, condition.pilot)}: stop or "
        "modify it (tab 9)."
    )


def _failure_mode_3(plan: Plan, pilot_id: str, severity: Severity) -> str:
    """'! FAILURE MODE 3 (warning): pilot 1 measures engagement but not opt-outs or bias signals.'"""
    seen = {o.metric for o in plan.observations if o.pilot == pilot_id}
    families = {m.harm_family for m in plan.metrics if m.harm_family is not None and m.id in seen}
    missing = join_words([f.words for f in HarmFamily if f not in families], "or")
    symbol, word = SEVERITY[severity]
    return (
        f"{symbol} FAILURE MODE 3 ({word.lower()}): pilot {pilot_number(plan, pilot_id)} measures "
        f"engagement but not {missing}."
    )
