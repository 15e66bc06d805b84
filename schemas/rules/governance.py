"""governance-complete: the nine topics of Step 3 are written, owned and reviewed."""

from __future__ import annotations

from datetime import date

from schemas.enums import GovernanceKey, PilotStatus, Severity, StageStatus
from schemas.plan import Plan
from schemas.records import GovernanceTopic
from schemas.rules.base import Finding, at, join_words

RULE = "governance-complete"


def topic_gaps(plan: Plan, topic: GovernanceTopic) -> list[str]:
    """What a topic still lacks: 'a statement', 'an owner', 'a review'."""
    roles = {role.id for role in plan.raci_roles}
    gaps = []
    if not topic.statement:
        gaps.append("a statement")
    if topic.owner_role is None or topic.owner_role not in roles:
        gaps.append("an owner")
    if not topic.reviewed_by or topic.reviewed_at is None:
        gaps.append("a review")
    return gaps


def missing_keys(plan: Plan) -> list[GovernanceKey]:
    """The governance topics the plan does not hold at all."""
    present = {topic.key for topic in plan.governance}
    return [key for key in GovernanceKey if key not in present]


def incomplete_count(plan: Plan) -> int:
    """How many of the nine topics are missing or lack something."""
    lacking = sum(1 for topic in plan.governance if topic_gaps(plan, topic))
    return lacking + len(missing_keys(plan))


def governance_complete(plan: Plan, today: date) -> list[Finding]:
    """Once stage 3 is under way, list what each topic lacks; blocking once it is complete."""
    severity = _severity(plan)
    if severity is None:
        return []
    found = [_missing(key, severity) for key in missing_keys(plan)]
    for topic in plan.governance:
        gaps = topic_gaps(plan, topic)
        if gaps:
            found.append(_lacking(topic, gaps, severity, plan))
    return found


def _severity(plan: Plan) -> Severity | None:
    """Blocking once stage 3 is complete or a pilot runs; info while stage 3 is under way."""
    stage = plan.stage(3)
    running = any(p.status is PilotStatus.RUNNING for p in plan.pilots)
    if stage.status is StageStatus.COMPLETE or running:
        return Severity.BLOCKING
    if stage.status is StageStatus.NOT_STARTED:
        return None
    return Severity.INFO


def _missing(key: GovernanceKey, severity: Severity) -> Finding:
    words = key.value.replace("_", " ")
    return Finding(
        rule=RULE,
        severity=severity,
        stage=3,
        entity="governance",
        message=f"The governance topic {words} is missing from the plan.",
        fix=f"Add the topic {words} back with a statement, an owner and a review.",
    )


def _lacking(topic: GovernanceTopic, gaps: list[str], severity: Severity, plan: Plan) -> Finding:
    lacks = join_words([gap.split(" ", 1)[1] for gap in gaps], "or")
    if severity is Severity.INFO:
        tail = " yet; stage 3 cannot be completed until it has them."
    elif plan.stage(3).status is StageStatus.COMPLETE:
        tail = ", yet stage 3 is marked complete."
    else:
        tail = ", yet a pilot is running."
    return Finding(
        rule=RULE,
        severity=severity,
        stage=3,
        entity=at("governance", topic.id),
        message=f'Governance topic "{topic.title}" has no {lacks}{tail}',
        fix=_fix(gaps),
    )


def _fix(gaps: list[str]) -> str:
    steps = {
        "a statement": "write what the organization commits to",
        "an owner": "name the RACI role that owns it",
        "a review": "record who reviewed it and when",
    }
    text = join_words([steps[gap] for gap in gaps])
    return text[0].upper() + text[1:] + "."
