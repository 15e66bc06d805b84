"""Report sections for stages 5, 6 and 8: pilots and conditions, training, decisions, ROI."""

from __future__ import annotations

from datetime import date

from schemas.enums import Audience, DecisionKind, TrainingTopic
from schemas.plan import Plan
from schemas.records import Decision, Pilot
from schemas.rules.decision import cited
from schemas.rules.pilot import TOPIC_WORDS
from schemas.scorecard import describe_condition
from store.reports.document import Block, Facts, Section, Text, table_or
from store.reports.words import day, later_field, moment, number, or_missing, word, yes_no


def pilot_section(plan: Plan) -> Section:
    """Each pilot's design, its conditions and their amendments."""
    children = tuple(_pilot(plan, pilot) for pilot in plan.pilots)
    blocks: tuple[Block, ...] = () if children else (Text("No pilot is designed yet."),)
    return Section("Pilot", blocks, children, anchor="pilot")


def _pilot(plan: Plan, pilot: Pilot) -> Section:
    notice = Text(f"Notice text: {pilot.notice_text}" if pilot.notice_text else "No notice text is written.")
    blocks = (_pilot_facts(plan, pilot), notice, _conditions(plan, pilot), _amendments(plan, pilot))
    return Section(pilot.name, blocks)


def _pilot_facts(plan: Plan, pilot: Pilot) -> Facts:
    cases = {uc.id: uc.name for uc in plan.use_cases}
    earlier = {p.id: p.name for p in plan.pilots}
    extends = (("Extends", earlier.get(pilot.extends, pilot.extends)),) if pilot.extends else ()
    people = f"{pilot.population_size} people: {or_missing(pilot.population, 'not described')}"
    return Facts(
        (
            ("Status", word(pilot.status)),
            ("Workflow", cases.get(pilot.use_case or "", "none chosen")),
            ("Population", people),
            (
                "Organization size",
                str(pilot.organization_size) if pilot.organization_size else "not recorded",
            ),
            ("Voluntary", yes_no(pilot.voluntary)),
            ("Notice given on", day(pilot.notice_date)),
            ("Opt-out", or_missing(pilot.opt_out)),
            ("Support contact", or_missing(pilot.support_contact)),
            ("Human escalation route", escalation_route(pilot) or "not recorded"),
            ("Dates", f"{day(pilot.start, 'no start date')} to {day(pilot.end, 'no end date')}"),
            *extends,
        )
    )


def _conditions(plan: Plan, pilot: Pilot) -> Block:
    """Success and stop conditions, locked or open, with the reason of any amendment."""
    names = {m.id: m.name for m in plan.metrics}
    rows = [
        (
            word(c.kind),
            describe_condition(c, names.get(c.metric, "")),
            f"{names.get(c.metric, c.metric)} {c.comparison.value} {number(c.threshold)}",
            "locked" if c.locked else "open",
            c.amendment,
        )
        for c in plan.conditions
        if c.pilot == pilot.id
    ]
    return table_or(
        ("Kind", "Condition", "Rule", "Locked", "Amendment"),
        rows,
        "No success or stop condition is declared.",
        "Success and stop conditions",
    )


def _amendments(plan: Plan, pilot: Pilot) -> Block:
    """Every recorded change to a field of one of the pilot's conditions, from the history."""
    own = {c.id: c for c in plan.conditions if c.pilot == pilot.id}
    names = {m.id: m.name for m in plan.metrics}
    rows = [
        (
            moment(entry.at),
            entry.actor,
            describe_condition(own[edit.key], names.get(own[edit.key].metric, "")),
            f"{edit.field}: {_value(edit.before)} to {_value(edit.after)}",
            entry.reason or own[edit.key].amendment,
        )
        for entry in plan.history
        for edit in entry.edits
        if edit.table == "conditions" and edit.key in own and edit.field not in (None, "locked", "amendment")
    ]
    return table_or(
        ("When", "Who", "Condition", "Change", "Reason"),
        rows,
        "No condition was changed after it was declared.",
        "Changes to conditions, from the history",
    )


def _value(value: object) -> str:
    return (
        "nothing" if value in (None, "") else number(value) if isinstance(value, int | float) else str(value)
    )


def escalation_route(pilot: Pilot) -> str:
    """Where a participant reaches a human; '' until the pilot records one."""
    return later_field(pilot, "escalation_route")


def training_section(plan: Plan) -> Section:
    """Every session, and per audience which of the five topics are still uncovered."""
    pilots = {p.id: p.name for p in plan.pilots}
    rows = [
        (
            pilots.get(s.pilot or "", "no pilot"),
            word(s.audience),
            "; ".join(TOPIC_WORDS[t] for t in s.topics) or "none",
            str(s.invited),
            str(s.attended),
            day(s.held_on),
        )
        for s in plan.training
    ]
    coverage = []
    for audience in Audience:
        covered = {t for s in plan.training if s.audience is audience for t in s.topics}
        missing = [TOPIC_WORDS[t] for t in TrainingTopic if t not in covered]
        coverage.append(
            f"{word(audience).capitalize()}: "
            + (
                "all five topics covered."
                if not missing
                else "not yet trained on " + "; ".join(missing) + "."
            )
        )
    table = table_or(
        ("Pilot", "Audience", "Topics", "Invited", "Attended", "Held on"),
        rows,
        "No training session is recorded.",
    )
    return Section("Training", (table, *(Text(line) for line in coverage)), anchor="training")


def decision_section(plan: Plan) -> Section:
    """Each expand, modify or stop decision with its rationale and sign-off."""
    pilots = {p.id: p.name for p in plan.pilots}
    children = []
    for d in plan.decisions:
        facts = Facts(
            (
                ("Pilot", pilots.get(d.pilot, d.pilot)),
                ("Decision", word(d.kind)),
                ("Rationale", or_missing(d.rationale)),
                ("Evidence cited", or_missing("; ".join(cited(plan, d)))),
                *(
                    (("Operating variable changed", or_missing(_variable(d))),)
                    if d.variable or d.kind is DecisionKind.MODIFY
                    else ()
                ),
                *((("Next pilot opened", pilots.get(d.next_pilot, d.next_pilot)),) if d.next_pilot else ()),
                ("Decided by", _signed(d.decided_by, d.decided_at)),
                ("Sponsor sign-off", _signed(d.sponsor_signoff_by, d.sponsor_signoff_at)),
            )
        )
        children.append(Section(f"{word(d.kind).capitalize()}: {pilots.get(d.pilot, d.pilot)}", (facts,)))
    blocks: tuple[Block, ...] = (
        () if children else (Text("No decision to expand, modify or stop is recorded."),)
    )
    return Section("Decision", blocks, tuple(children), anchor="decision")


def _variable(d: Decision) -> str:
    """'The population: Rotterdam hub only', or the change as written."""
    if d.variable_kind is None:
        return d.variable
    named = d.variable_kind.words
    return f"{named[:1].upper()}{named[1:]}: {d.variable}" if d.variable else named


def _signed(by: str, on: date | None) -> str:
    """'Elena Fischer on 2025-03-02', or 'nobody yet'."""
    if not by:
        return "nobody yet"
    return f"{by} on {day(on, 'an unrecorded date')}"


_NO_BACKING = "none: without it the claim cannot stand"


def roi_section(plan: Plan) -> Section:
    """Return-on-investment claims with their counterfactual and measurement design."""
    rows = [
        (c.claim, or_missing(c.counterfactual, _NO_BACKING), or_missing(c.measurement_design, _NO_BACKING))
        for c in plan.roi_claims
    ]
    table = table_or(
        ("Claim", "Counterfactual", "Measurement design"),
        rows,
        "No return-on-investment claim is made.",
    )
    return Section("Return on investment", (table,), anchor="roi")
