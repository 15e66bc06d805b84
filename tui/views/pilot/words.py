"""How the Pilot tab words the cap, a condition and a place (no Textual)."""

from __future__ import annotations

from schemas.enums import Comparison
from schemas.plan import Plan
from schemas.records import Condition, ConditionTerms
from schemas.rules.places import Place
from schemas.scorecard import describe_condition

COMPARISON_WORDS: dict[Comparison, str] = {
    Comparison.GE: "at or above (>=)",
    Comparison.GT: "above (>)",
    Comparison.LE: "at or below (<=)",
    Comparison.LT: "below (<)",
}
"""The comparisons as the condition form offers them."""


def cap_of(plan: Plan, organization_size: int | None) -> int:
    """The figure a population is checked against: the policy cap, and at most 10% of the organization."""
    cap = plan.policy.pilot_cap
    return min(cap, organization_size // 10) if organization_size else cap


def cap_words(plan: Plan, organization_size: int | None) -> str:
    """'at most 50 (the policy cap 50; 10% of 1200 is 120)'."""
    cap = plan.policy.pilot_cap
    tenth = (
        f"10% of {organization_size} is {organization_size // 10}"
        if organization_size
        else ("10% of the organization: give its headcount")
    )
    return f"at most {cap_of(plan, organization_size)} (the policy cap {cap}; {tenth})"


def terms_text(terms: Condition | ConditionTerms, names: dict[str, str]) -> str:
    """A condition's terms in words: its wording, else 'Privacy incidents >= 1'."""
    if terms.wording:
        return terms.wording
    return f"{names.get(terms.metric, terms.metric)} {terms.comparison.value} {terms.threshold:g}"


def formula(terms: Condition | ConditionTerms) -> str:
    """'privacy_incidents >= 1'."""
    return f"{terms.metric} {terms.comparison.value} {terms.threshold:g}"


def short_place(place: Place) -> str:
    """'tab 7, key J' or 'tab 8'."""
    return f"tab {place.tab}, key {place.key}" if place.key else f"tab {place.tab}"


def metric_names(plan: Plan) -> dict[str, str]:
    """Metric key -> its name on the scorecard."""
    return {m.id: m.name for m in plan.metrics}


def condition_text(plan: Plan, condition: Condition) -> str:
    """The condition as the list says it."""
    return describe_condition(condition, metric_names(plan).get(condition.metric, ""))
