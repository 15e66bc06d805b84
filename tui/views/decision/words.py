"""How the Decision tab words a decision, a value and a place (no Textual)."""

from __future__ import annotations

from schemas.enums import DecisionKind
from schemas.nextscope import pilot_number
from schemas.plan import Plan
from schemas.records import Decision
from schemas.rules.decision import cited
from schemas.rules.expansion import signed, sponsor_role
from schemas.rules.places import Place
from schemas.scorecard import Shown


def in_full(shown: Shown | None) -> str:
    """The value with its period and n, or the suppression words."""
    if shown is None:
        return "never measured"
    if shown.suppressed:
        return f"{shown.period}: {shown.text}"
    return f"{shown.period}: {shown.text}, n = {shown.n}"


def figure(shown: Shown | None, k: int) -> str:
    """A value for a narrow column: '79.5%', 'hidden (n<5)', or '-' when never measured."""
    if shown is None:
        return "-"
    return f"hidden (n<{k})" if shown.suppressed else shown.text


def short_place(place: Place) -> str:
    """'tab 2, key e' or 'tab 8'."""
    return f"tab {place.tab}, key {place.key}" if place.key else f"tab {place.tab}"


def decision_text(plan: Plan, item: Decision) -> str:
    """A decision in full: kind, who and when, sign-off, rationale, evidence cited, the pilot it opened."""
    who = item.decided_by or "(nobody named)"
    lines = [f"{item.kind.value.capitalize()}, decided by {who} on {item.decided_at or '-'}."]
    if signed(item):
        lines.append(
            f"Signed off by {item.sponsor_signoff_by} ({sponsor_role(plan)}) on {item.sponsor_signoff_at}."
        )
    else:
        lines.append(f"Not signed off by the {sponsor_role(plan)} yet (s).")
    if item.kind is DecisionKind.MODIFY:
        variable = item.variable_kind.words if item.variable_kind else "a variable"
        lines.append(f"Changes {variable}: {item.variable or '(not said)'}")
    if item.next_pilot:
        opened = next((p for p in plan.pilots if p.id == item.next_pilot), None)
        name = f' "{opened.name}"' if opened else ""
        lines.append(f"Opened pilot {pilot_number(plan, item.next_pilot)}{name}.")
    lines.append(f"Rationale: {item.rationale or '(none)'}")
    lines.append(f"Cites: {'; '.join(cited(plan, item)) or 'nothing'}")
    return "\n".join(lines)
