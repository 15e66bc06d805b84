"""The notice participants receive before the pilot, in plain words, generated from the plan."""

from __future__ import annotations

from schemas.enums import AccessLevel, DataCategory, GovernanceKey, UseCaseStatus
from schemas.plan import Plan
from schemas.records import Pilot
from schemas.rules.base import join_words
from store.reports.document import Block, Bullets, Document, Section, Text
from store.reports.pilot import escalation_route
from store.reports.words import day, sentence

PLAIN_CATEGORY = {
    DataCategory.PRIVATE_CONTENT: "coaching conversations",
    DataCategory.DERIVED_PROFILES: "profiles drawn from coaching",
    DataCategory.USAGE_METADATA: "records of when the coach is used",
    DataCategory.AGGREGATE_REPORTS: "summary reports",
}
"""Data categories as a participant would say them."""

_PRIVATE = (DataCategory.PRIVATE_CONTENT, DataCategory.DERIVED_PROFILES)


def notice_document(plan: Plan, pilot: Pilot) -> Document:
    """The notice for ``pilot``; ``gaps`` names what the plan does not say yet."""
    gaps: list[str] = []
    org = plan.plan.organization or "Your organization"
    sections = [
        *([Section("In short", (Text(pilot.notice_text),))] if pilot.notice_text else []),
        Section("What this pilot is", _what(plan, pilot, org)),
        Section("Taking part", (_choice(pilot, gaps),)),
        Section(
            "What is collected", (_statement(plan, GovernanceKey.DATA_COLLECTION, "what is collected", gaps),)
        ),
        Section("Who sees what", _who_sees(plan)),
        Section("What is never done", _never(plan, pilot)),
        Section(
            "How long data is kept, and how it is deleted",
            (
                _statement(plan, GovernanceKey.RETENTION, "how long data is kept", gaps),
                _statement(plan, GovernanceKey.DELETION, "how data is deleted", gaps),
            ),
        ),
        Section(
            "How to leave the pilot", (_told("To leave", pilot.opt_out, "how to leave the pilot", gaps),)
        ),
        Section(
            "Help and support",
            (_told("For questions or help", pilot.support_contact, "where to get help", gaps),),
        ),
        Section("How to reach a person", (_human(pilot, gaps),)),
    ]
    subtitle = (f"From {org}.", f"Notice given on {day(pilot.notice_date, 'a date not yet set')}.")
    return Document("notice", f"About the pilot: {pilot.name}", subtitle, tuple(sections), tuple(gaps))


def _what(plan: Plan, pilot: Pilot, org: str) -> tuple[Block, ...]:
    case = next((uc for uc in plan.use_cases if uc.id == pilot.use_case), None)
    task = f"AI coaching for one task: {case.name}." if case else "AI coaching for one task."
    who = f"The pilot is for {pilot.population_size} people"
    who += f": {pilot.population}." if pilot.population else "."
    start, end = day(pilot.start, "a start date not yet set"), day(pilot.end, "an end date not yet set")
    when = f"It runs from {start} to {end}."
    return (
        Text(f"{org} is trying out {task} {who} {when}"),
        Text(
            "It is a trial. At the end, the organization decides to expand it, change it or stop "
            "it, based on what the pilot shows."
        ),
    )


def _choice(pilot: Pilot, gaps: list[str]) -> Block:
    if pilot.voluntary:
        return Text(
            "You decide whether to take part. Saying no, or leaving later, has no consequence for you."
        )
    gaps.append("that taking part is voluntary (the pilot is marked as not voluntary)")
    return Text(
        "The plan does not mark this pilot as voluntary. "
        "Ask the support contact below what this means for you.",
        tone="alert",
    )


def _statement(plan: Plan, key: GovernanceKey, what: str, gaps: list[str]) -> Block:
    topic = next((t for t in plan.governance if t.key is key), None)
    if topic is None or not topic.statement:
        gaps.append(what)
        return Text(f"The plan does not say yet {what}. Ask the support contact below.", tone="alert")
    return Text(topic.statement)


def _told(lead: str, text: str, what: str, gaps: list[str]) -> Block:
    if text:
        return Text(f"{lead}: {sentence(text)}")
    gaps.append(what)
    return Text(
        f"The plan does not say yet {what}. This must be settled before the pilot starts.", tone="alert"
    )


def _human(pilot: Pilot, gaps: list[str]) -> Block:
    route = escalation_route(pilot)
    if route:
        return Text(f"If something serious comes up, a person takes over. Reach them here: {sentence(route)}")
    if hasattr(pilot, "escalation_route"):
        gaps.append("who to reach for serious situations (the human escalation route)")
    else:
        gaps.append(
            "who to reach for serious situations (the human escalation route: "
            "this version of the plan has no field for it)"
        )
    support = f" Until it does, contact: {pilot.support_contact}." if pilot.support_contact else ""
    return Text(
        f"The plan does not name a person to reach for serious situations yet.{support}", tone="alert"
    )


def _who_sees(plan: Plan) -> tuple[Block, ...]:
    k = plan.policy.min_group_size
    roles = list(dict.fromkeys(rule.role for rule in plan.data_access))
    if not roles:
        return (
            Text("The plan does not say yet who may see what. Ask the support contact below.", tone="alert"),
        )
    levels = {(r.role, r.category): r.level for r in plan.data_access}
    lines = [
        _role_line(role, {c: levels.get((role, c), AccessLevel.NONE) for c in DataCategory}, k)
        for role in roles
    ]
    blocks: list[Block] = [Text(_lead(roles, levels)), Bullets(tuple(lines))]
    blocks.append(
        Text(f"A total is shown only when at least {k} people are behind it, so no one can be picked out.")
    )
    return tuple(blocks)


def _lead(roles: list[str], levels: dict[tuple[str, DataCategory], AccessLevel]) -> str:
    """The one sentence a participant looks for: who can read my sessions."""
    readers = [r for r in roles if any(levels.get((r, c)) is AccessLevel.INDIVIDUAL for c in _PRIVATE)]
    if readers:
        return f"Be aware: {join_words(readers)} can see what individual people write or say to the coach."
    never = [
        r
        for r in roles
        if levels.get((r, DataCategory.PRIVATE_CONTENT), AccessLevel.NONE) is AccessLevel.NONE
    ]
    others = f" {join_words(never)} never see it." if never else ""
    return f"Only you see what you write or say to the coach.{others}"


def _role_line(role: str, levels: dict[DataCategory, AccessLevel], k: int) -> str:
    """'HR: never sees coaching conversations. Sees summary reports only as totals over 5 people.'"""

    def cats(level: AccessLevel, conjunction: str = "and") -> str:
        return join_words([PLAIN_CATEGORY[c] for c, lv in levels.items() if lv is level], conjunction)

    said = []
    if cats(AccessLevel.NONE):
        said.append(f"Never sees {cats(AccessLevel.NONE, 'or')}.")
    if cats(AccessLevel.OWN):
        said.append(f"Sees only their own {cats(AccessLevel.OWN)}.")
    if cats(AccessLevel.AGGREGATE):
        said.append(f"Sees {cats(AccessLevel.AGGREGATE)} only as totals over at least {k} people.")
    if cats(AccessLevel.INDIVIDUAL):
        said.append(f"Can see {cats(AccessLevel.INDIVIDUAL)} about individual people.")
    return f"{role}: " + " ".join(said)


def _never(plan: Plan, pilot: Pilot) -> tuple[Block, ...]:
    blocks: list[Block] = [Bullets(tuple(p.text for p in plan.prohibitions))] if plan.prohibitions else []
    unsigned = [p for p in plan.prohibitions if not p.attested_by]
    blocks.append(
        Text("Each of these promises is signed by a named person in the plan.")
        if plan.prohibitions and not unsigned
        else Text("Not every one of these promises is signed yet.", tone="alert")
    )
    case = next((uc for uc in plan.use_cases if uc.id == pilot.use_case), None)
    if case is not None and case.control:
        blocks.append(Text(f"For this pilot the coach also has this limit: {sentence(case.control)}"))
    elsewhere = [
        f"{uc.name}: the coach is not for this. Go to: {sentence(uc.route_to or 'a qualified person')}"
        for uc in plan.use_cases
        if uc.status is UseCaseStatus.PROHIBITED
    ]
    elsewhere += [
        f"{uc.name}: a person decides, not the AI."
        for uc in plan.use_cases
        if uc.status is UseCaseStatus.HUMAN_REQUIRED
    ]
    if elsewhere:
        blocks += [Text("Where the coach stops and people take over:"), Bullets(tuple(elsewhere))]
    return tuple(blocks)
