"""What each stage's gate reads, summed up in a few sentences for a review meeting (pure).

``stage_substance(plan, number, today)`` reads the same records and rules as the stage
gate (DESIGN section 3, stage-gate): the matrix, the four attestations and access, the
nine governance topics, the delivery models, then the current pilot's design, training,
measurement and decision (``schemas.substance_pilot``). Every figure over people goes
through small-group suppression: nothing here shows a value behind fewer than k people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from schemas.enums import Severity, UseCaseStatus
from schemas.plan import Plan
from schemas.rules.base import DELIVERY_WORDS, STATUS_WORDS, Finding, join_words
from schemas.rules.delivery import delivery
from schemas.rules.governance import missing_keys, topic_gaps
from schemas.rules.matrix import guardrail, matrix_control
from schemas.rules.safeguards import PROHIBITION_WORDS, surveillance
from schemas.substance_pilot import (
    decision_facts,
    design_facts,
    for_current_pilot,
    measurement_facts,
    training_facts,
)


def stage_substance(plan: Plan, number: int, today: date) -> list[str]:
    """The substance stage ``number``'s gate reads, one sentence per line."""
    return _STAGES[number](plan, today)


def _messages(findings: list[Finding], severity: Severity | None = None) -> list[str]:
    return [f.message for f in findings if severity is None or f.severity is severity]


def matrix_facts(plan: Plan, today: date) -> list[str]:
    """Stage 1: the statuses of the matrix, and whether controls, routes and limits hold."""
    counts = Counter(case.status for case in plan.use_cases)
    statuses = [f"{counts[s]} {STATUS_WORDS[s]}" for s in UseCaseStatus if counts[s]]
    lines = [f"{len(plan.use_cases)} use cases: {', '.join(statuses) or 'none'}."]
    gaps = _messages(matrix_control(plan, today), Severity.BLOCKING)
    lines += gaps or ["Every use case that needs a control names one; every prohibited one names a route."]
    broken = _messages(guardrail(plan, today))
    lines += broken or [
        "The framework's limits hold (mental-health support, discipline, trait inference, "
        "performance management)."
    ]
    return lines


def separation_facts(plan: Plan, today: date) -> list[str]:
    """Stage 2: the four attestations, access that breaks the separation, and k."""
    lines = []
    for prohibition in plan.prohibitions:
        words = PROHIBITION_WORDS[prohibition.key].capitalize()
        if prohibition.attested_by and prohibition.attested_at is not None:
            lines.append(
                f"{words}: attested by {prohibition.attested_by} on {prohibition.attested_at.date()}."
            )
        else:
            lines.append(f"{words}: NOT attested.")
    access = [f for f in surveillance(plan, today) if not f.entity.startswith("prohibitions")]
    roles = sorted({rule.role for rule in plan.data_access})
    lines.append(f"Access is defined for {len(roles)} roles: {join_words(roles) or 'none'}.")
    lines += _messages(access) or [
        "No role but the employee reads private coaching content or derived profiles."
    ]
    lines.append(f"Minimum group size for any aggregate: k = {plan.policy.min_group_size}.")
    return lines


def governance_facts(plan: Plan, today: date) -> list[str]:
    """Stage 3: how many of the nine topics are written, owned and reviewed, and what the rest lack."""
    lacking = [(topic.title, topic_gaps(plan, topic)) for topic in plan.governance]
    lacking = [(title, gaps) for title, gaps in lacking if gaps]
    complete = len(plan.governance) - len(lacking)
    lines = [f"{complete} of 9 governance topics have a statement, an owner and a review."]
    lines += [f"{title} lacks {join_words(gaps)}." for title, gaps in lacking]
    lines += [f"The topic {key.value.replace('_', ' ')} is missing." for key in missing_keys(plan)]
    return lines


def delivery_facts(plan: Plan, today: date) -> list[str]:
    """Stage 4: the delivery model of every use case that is not prohibited."""
    cases = [c for c in plan.use_cases if c.status is not UseCaseStatus.PROHIBITED]
    chosen = Counter(c.delivery for c in cases if c.delivery is not None)
    models = [f"{n} {DELIVERY_WORDS[model]}" for model, n in chosen.items()]
    unchosen = [f'"{c.name}"' for c in cases if c.delivery is None]
    lines = [f"{len(cases)} use cases are not prohibited; delivery chosen: {', '.join(models) or 'none'}."]
    if unchosen:
        lines.append(f"No delivery model yet: {join_words(unchosen)}.")
    return lines + _messages(delivery(plan, today), Severity.BLOCKING)


_STAGES: dict[int, Callable[[Plan, date], list[str]]] = {
    1: matrix_facts,
    2: separation_facts,
    3: governance_facts,
    4: delivery_facts,
    5: for_current_pilot(design_facts),
    6: for_current_pilot(training_facts),
    7: for_current_pilot(measurement_facts),
    8: for_current_pilot(decision_facts),
}
"""Each stage's summary, in stage order."""
