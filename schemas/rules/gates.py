"""The substance each stage's gate reads (DESIGN section 3, stage-gate), stage by stage."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from schemas.enums import Severity, UseCaseStatus
from schemas.plan import Plan
from schemas.rules import places
from schemas.rules.base import Finding, join_words
from schemas.rules.delivery import delivery
from schemas.rules.gates_pilot import PILOT_GATES
from schemas.rules.governance import incomplete_count
from schemas.rules.matrix import guardrail, matrix_control
from schemas.rules.pilot_context import undefined_access
from schemas.rules.places import Unmet, from_finding, place_of
from schemas.rules.safeguards import PROHIBITION_WORDS, surveillance, unattested

SUBSTANCE: dict[int, str] = {
    1: "the use-case matrix: each control and route named, the guardrails kept (matrix-control, guardrail)",
    2: "all four prohibitions attested, and access defined for every role and category (surveillance)",
    3: "all nine governance topics written, owned and reviewed (governance-complete)",
    4: "a delivery model for every use case that is not prohibited (delivery)",
    5: "a pilot designed with success and stop conditions (pilot-design)",
    6: "employees and managers trained on all five topics (training)",
    7: "observations of every condition's metric and of the four harm families (measurement)",
    8: "a decision recorded with the sponsor's sign-off, and no ROI claim without a counterfactual "
    "and measurement design (decision, roi)",
}
"""What each stage's gate reads, in words (the rule ids it reads in brackets)."""


def unmet(plan: Plan, number: int, today: date) -> list[Unmet]:
    """What stage ``number``'s own substance lacks now; empty when it holds."""
    return _GATES[number](plan, today)


def _blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.BLOCKING]


def _matrix(plan: Plan, today: date) -> list[Unmet]:
    """Stage 1: matrix-control and guardrail have nothing blocking."""
    found = _blocking(matrix_control(plan, today) + guardrail(plan, today))
    return [from_finding(f, places.USE_CASE) for f in found]


def _separation(plan: Plan, today: date) -> list[Unmet]:
    """Stage 2: all four prohibitions attested, access defined and not surveillance."""
    items = []
    missing = unattested(plan)
    if missing:
        names = join_words([PROHIBITION_WORDS[p.key] for p in missing])
        verb = "is" if len(missing) == 1 else "are"
        items.append(
            Unmet(
                f"{len(missing)} of {len(plan.prohibitions)} prohibitions {verb} not attested: {names}.",
                "Record who attests each prohibition and when.",
                places.ATTEST,
            )
        )
    items += [from_finding(f, places.ACCESS) for f in undefined_access(plan, Severity.BLOCKING)]
    where = {"policy": places.GROUP_SIZE, "data_access": places.ACCESS}
    for finding in _blocking(surveillance(plan, today)):
        if not finding.entity.startswith("prohibitions/"):  # unattested: counted above
            items.append(from_finding(finding, place_of(finding, where, places.SAFEGUARDS)))
    return items


def _governance(plan: Plan, today: date) -> list[Unmet]:
    """Stage 3: all nine topics have a statement, an owner and a review."""
    lacking = incomplete_count(plan)
    if not lacking:
        return []
    topics = "topic lacks" if lacking == 1 else "topics lack"
    return [
        Unmet(
            f"{lacking} governance {topics} a statement, an owner or a review.",
            "Write, own and review all nine topics.",
            places.GOVERNANCE,
        )
    ]


def _delivery(plan: Plan, today: date) -> list[Unmet]:
    """Stage 4: every use case that is not prohibited has a delivery model, none forbidden."""
    unchosen = [
        f'"{case.name}"'
        for case in plan.use_cases
        if case.status is not UseCaseStatus.PROHIBITED and case.delivery is None
    ]
    items = []
    if unchosen:
        cases = "use case has" if len(unchosen) == 1 else "use cases have"
        items.append(
            Unmet(
                f"{len(unchosen)} {cases} no delivery model: {join_words(unchosen)}.",
                "Choose AI-only, hybrid or human-led delivery for each; the recommendation is shown.",
                places.DELIVERY,
            )
        )
    items += [from_finding(f, places.DELIVERY) for f in _blocking(delivery(plan, today))]
    return items


_GATES: dict[int, Callable[[Plan, date], list[Unmet]]] = {
    1: _matrix,
    2: _separation,
    3: _governance,
    4: _delivery,
    **PILOT_GATES,
}
"""Each stage's gate: 1-4 the plan's groundwork, 5-8 the pilot (``gates_pilot``)."""
