"""Report sections for stages 1 to 3: the matrix, safeguards, consultations, governance, RACI."""

from __future__ import annotations

from schemas.delivery import recommend_delivery
from schemas.enums import DataCategory
from schemas.plan import Plan
from schemas.rules.base import ACCESS_WORDS, CATEGORY_WORDS, DELIVERY_WORDS, STATUS_WORDS
from store.reports.document import Block, Facts, Section, Text, table_or
from store.reports.words import day, later_field, moment, or_missing, word


def matrix_section(plan: Plan) -> Section:
    """The use-case matrix with each row's control, route and delivery model."""
    rows = []
    for uc in plan.use_cases:
        recommended, _why = recommend_delivery(uc.consequence, uc.complexity, uc.escalation)
        chosen = DELIVERY_WORDS[uc.delivery] if uc.delivery else "not chosen"
        if uc.delivery and uc.delivery is not recommended:
            chosen += (
                f" (recommended: {DELIVERY_WORDS[recommended]}; why: {or_missing(uc.delivery_rationale)})"
            )
        rows.append(
            (
                uc.name + (" (framework limit)" if uc.guardrail else ""),
                STATUS_WORDS[uc.status],
                uc.control or "none",
                uc.route_to or "",
                f"{uc.consequence.value} / {uc.complexity.value} / {uc.escalation.value}",
                chosen,
            )
        )
    table = table_or(
        (
            "Use case",
            "Status",
            "Required control",
            "Route to",
            "Consequence / complexity / escalation",
            "Delivery",
        ),
        rows,
        "The matrix is empty: no use case is defined.",
    )
    return Section("Use-case matrix", (table,), anchor="use-cases")


def safeguards_section(plan: Plan) -> Section:
    """The four prohibitions and their attestations, data access, aggregation."""
    attested = [
        (p.text, p.attested_by or "not attested", moment(p.attested_at, "")) for p in plan.prohibitions
    ]
    policy = plan.policy
    blocks: list[Block] = [
        table_or(
            ("Prohibition", "Attested by", "When"), attested, "No prohibitions are recorded.", "Prohibitions"
        ),
        access_table(plan),
        Text(
            f"Aggregate figures need at least {policy.min_group_size} people behind them. "
            f"A pilot may hold at most {policy.pilot_cap} people and at most 10% of the organization."
        ),
    ]
    return Section("Safeguards and data access", tuple(blocks), anchor="safeguards")


def access_table(plan: Plan) -> Block:
    """Role by data category, each cell in words."""
    roles = list(dict.fromkeys(rule.role for rule in plan.data_access))
    levels = {(rule.role, rule.category): rule.level for rule in plan.data_access}
    rows = [
        (
            role,
            *(
                ACCESS_WORDS[levels[(role, category)]] if (role, category) in levels else "not defined"
                for category in DataCategory
            ),
        )
        for role in roles
    ]
    header = ("Role", *(CATEGORY_WORDS[c].capitalize() for c in DataCategory))
    return table_or(header, rows, "Data access is not defined for any role.", "Who may read what")


def consultations_section(plan: Plan) -> Section:
    """Each consultation: who, when, what they said, how the plan answered, the outcome."""
    children = []
    for cons in sorted(plan.consultations, key=lambda c: c.consulted_at):
        body = later_field(cons, "body_name") or word(cons.body)
        facts = Facts(
            (
                ("Consulted", day(cons.consulted_at)),
                ("Outcome", later_field(cons, "outcome") or "not recorded"),
                ("What they said", or_missing(cons.said)),
                ("How the plan answered", or_missing(cons.response)),
            )
        )
        children.append(Section(body.capitalize(), (facts,)))
    blocks: tuple[Block, ...] = () if children else (Text("No consultation is recorded."),)
    return Section("Consultations", blocks, tuple(children), anchor="consultations")


def governance_section(plan: Plan) -> Section:
    """The nine governance topics: statement, owner, review."""
    roles = {r.id: r.name for r in plan.raci_roles}
    children = [
        Section(
            topic.title,
            (
                Text(topic.statement or "No statement written yet."),
                Facts(
                    (
                        ("Owner", roles.get(topic.owner_role or "", "no owner")),
                        ("Reviewed by", or_missing(topic.reviewed_by, "not reviewed")),
                        ("Reviewed on", day(topic.reviewed_at, "not reviewed")),
                        ("Next review", day(topic.next_review)),
                    )
                ),
            ),
        )
        for topic in plan.governance
    ]
    blocks: tuple[Block, ...] = () if children else (Text("No governance topic is recorded."),)
    return Section("Governance", blocks, tuple(children), anchor="governance")


def raci_section(plan: Plan) -> Section:
    """Activities by roles, one letter per cell."""
    roles = plan.raci_roles
    header = ("Activity", *(r.name + (" (sponsor)" if r.sponsor else "") for r in roles))
    rows = [
        (
            act.name + (" (the decision to expand or stop)" if act.expand_decision else ""),
            *(str(act.cells[r.id]) if r.id in act.cells else "" for r in roles),
        )
        for act in plan.raci_activities
    ]
    legend = Text(
        "R responsible, A accountable, A/R accountable and doing the work itself, "
        "C consulted, I informed; an empty cell means no part."
    )
    blocks: tuple[Block, ...] = (
        legend,
        table_or(header, rows, "The RACI has no activity."),
    )
    return Section("RACI", blocks, anchor="raci")
