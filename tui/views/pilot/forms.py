"""The Pilot tab's forms: design, jurisdiction, condition, amendment, start, end, training session."""

from __future__ import annotations

from datetime import date
from functools import partial

from schemas.enums import Audience, Comparison, ConditionKind, PilotStatus, TrainingTopic, UseCaseStatus
from schemas.plan import Plan
from schemas.records import Condition, Jurisdiction, Pilot, TrainingSession
from schemas.rules.base import STATUS_WORDS, pilot_label
from schemas.rules.pilot import TOPIC_WORDS
from schemas.text import Line, Name, Prose
from tui.dialogs.form import FormDialog, FormField, validate_with
from tui.views.pilot import changes
from tui.views.pilot.words import COMPARISON_WORDS, cap_words, formula

PILOTABLE = (UseCaseStatus.PERMITTED, UseCaseStatus.PERMITTED_WITH_CONTROLS)
"""The statuses a piloted workflow may have (DESIGN ``pilot-design``)."""

WHO_HINT = "Typed: filled in only from the plan's display name, never from the computer's account."


def not_pilotable(plan: Plan) -> str:
    """The use cases that may not be piloted, each with why."""
    others = [f"{c.name} ({STATUS_WORDS[c.status]})" for c in plan.use_cases if c.status not in PILOTABLE]
    return "May not be piloted: " + "; ".join(others) + "." if others else ""


def design_form(plan: Plan, pilot: Pilot | None) -> FormDialog:
    """The pilot's design: one workflow, a bounded voluntary population, notice, support, dates."""
    p = pilot or Pilot(id="new", name=f"Pilot {len(plan.pilots) + 1}")
    cases = [(f"{c.name} ({STATUS_WORDS[c.status]})", c.id) for c in plan.use_cases if c.status in PILOTABLE]
    case = p.use_case if p.use_case in {value for _label, value in cases} else None
    fields = [
        FormField("name", "Name of the pilot", initial=p.name, required=True, validator=validate_with(Name)),
        FormField(
            "use_case",
            "Workflow: the one use case piloted",
            kind="select",
            options=cases,
            initial=case,
            required=True,
            hint=not_pilotable(plan),
        ),
        FormField(
            "population_size",
            "Population: how many take part",
            kind="int",
            initial=p.population_size or None,
            required=True,
            validator=changes.population_problem,
            hint=f"Cap: {cap_words(plan, p.organization_size)}.",
        ),
        FormField("population", "Who they are", initial=p.population, validator=validate_with(Line)),
        FormField(
            "organization_size",
            "Organization size (headcount, for the 10% limit)",
            kind="int",
            initial=p.organization_size or None,
            validator=changes.organization_problem,
        ),
        FormField("voluntary", "Voluntary: people choose to take part", kind="bool", initial=p.voluntary),
        FormField(
            "notice_text",
            "Notice: purpose, limits, what is kept, who sees what, how to opt out",
            kind="multiline",
            initial=p.notice_text,
            validator=validate_with(Prose),
        ),
        FormField("notice_date", "Notice given on (YYYY-MM-DD)", kind="date", initial=p.notice_date),
        FormField("opt_out", "Opt-out: how to leave", initial=p.opt_out, validator=validate_with(Line)),
        FormField(
            "support_contact", "Support contact", initial=p.support_contact, validator=validate_with(Line)
        ),
        FormField(
            "escalation_route",
            "Human escalation route: where a high-consequence situation goes",
            initial=p.escalation_route,
            validator=validate_with(Line),
        ),
        FormField("start", "Starts on (YYYY-MM-DD)", kind="date", initial=p.start),
        FormField("end", "Ends on (YYYY-MM-DD)", kind="date", initial=p.end),
    ]
    title = "New pilot" if pilot is None else f"Design of {pilot_label(pilot)}"
    return FormDialog(title, fields, check=partial(changes.design_problem, plan))


def jurisdiction_form(jurisdiction: Jurisdiction | None) -> FormDialog:
    """A jurisdiction in scope and its legal review."""
    j = jurisdiction
    fields = [
        FormField(
            "name",
            "Jurisdiction (country, state or region)",
            initial=j.name if j else "",
            required=True,
            validator=validate_with(Name),
        ),
        FormField(
            "reviewed_by",
            "Legal review by (a qualified reviewer)",
            initial=j.reviewed_by if j else "",
            validator=validate_with(Line),
            hint="Laws vary by jurisdiction: the pilot starts only once each one is reviewed.",
        ),
        FormField(
            "reviewed_at", "Reviewed on (YYYY-MM-DD)", kind="date", initial=j.reviewed_at if j else None
        ),
    ]
    title = "New jurisdiction" if j is None else f"Jurisdiction: {j.name}"
    return FormDialog(title, fields, check=changes.jurisdiction_problem)


def _metric_options(plan: Plan, current: str | None) -> list[tuple[str, str]]:
    options = [(f"{m.name} ({m.id})", m.id) for m in plan.metrics]
    if current and current not in {m.id for m in plan.metrics}:
        options.append((f"{current} (not on the scorecard)", current))
    return options


def _terms_fields(plan: Plan, c: Condition | None) -> list[FormField]:
    """Metric, comparison, threshold and wording."""
    return [
        FormField(
            "metric",
            "Metric (from the scorecard)",
            kind="select",
            options=_metric_options(plan, c.metric if c else None),
            initial=c.metric if c else None,
            required=True,
        ),
        FormField(
            "comparison",
            "Comparison",
            kind="select",
            options=[(COMPARISON_WORDS[k], k) for k in COMPARISON_WORDS],
            initial=c.comparison if c else Comparison.GE,
            required=True,
        ),
        FormField(
            "threshold",
            "Threshold (a number, e.g. 1 or 70)",
            initial=f"{c.threshold:g}" if c else "",
            required=True,
            validator=changes.threshold_problem,
        ),
        FormField("wording", "In words", initial=c.wording if c else "", validator=validate_with(Line)),
    ]


def condition_form(plan: Plan, pilot: Pilot, condition: Condition | None) -> FormDialog:
    """Declare or edit a success or stop condition of a pilot in design."""
    kinds = [("Stop: the pilot stops when it is met", ConditionKind.STOP), ("Success", ConditionKind.SUCCESS)]
    fields = [
        FormField(
            "kind",
            "Kind",
            kind="select",
            options=kinds,
            initial=condition.kind if condition else ConditionKind.STOP,
            required=True,
        ),
        *_terms_fields(plan, condition),
    ]
    title = f"New condition of {pilot_label(pilot)}" if condition is None else "Edit condition"
    return FormDialog(title, fields, check=partial(changes.condition_problem, plan))


def amend_form(plan: Plan, condition: Condition) -> FormDialog:
    """Amend a locked condition: the new terms and the reason, the original kept."""
    original = condition.original or condition.terms()
    fields = [
        *_terms_fields(plan, condition),
        FormField(
            "reason",
            "Reason for the amendment",
            required=True,
            validator=validate_with(Line),
            hint="Recorded with the change; the list shows the original beside the amendment.",
        ),
    ]
    intro = f"Locked since the pilot started. Original: {formula(original)}"
    intro += f' "{original.wording}"' if original.wording else ""
    return FormDialog(
        f"Amend the {condition.kind.value} condition",
        fields,
        intro=intro,
        check=partial(changes.condition_problem, plan),
        save_label="Amend",
    )


def start_form(plan: Plan, pilot: Pilot, who: str, today: date) -> FormDialog:
    """Who starts the pilot and when; starting locks its conditions."""
    count = sum(1 for c in plan.conditions if c.pilot == pilot.id)
    fields = [
        FormField(
            "who", "Started by", initial=who, required=True, validator=validate_with(Line), hint=WHO_HINT
        ),
        FormField("on", "Started on (YYYY-MM-DD)", kind="date", initial=today, required=True),
    ]
    intro = f"Starting locks its {count} conditions: from then on each changes only by an amendment "
    intro += "with a reason."
    return FormDialog(f"Start {pilot_label(pilot)}", fields, intro=intro, save_label="Start")


def end_form(pilot: Pilot, status: PilotStatus, who: str, today: date) -> FormDialog:
    """Complete or stop the pilot: the reason, who and when."""
    verb = "Complete" if status is PilotStatus.COMPLETED else "Stop"
    fields = [
        FormField("reason", f"Why {verb.lower()} it", required=True, validator=validate_with(Line)),
        FormField(
            "who", f"{verb}d by", initial=who, required=True, validator=validate_with(Line), hint=WHO_HINT
        ),
        FormField("on", "On (YYYY-MM-DD)", kind="date", initial=today, required=True),
    ]
    intro = "The pilot stays listed, read-only; the decision on it is recorded on tab 9."
    return FormDialog(
        f"{verb} {pilot_label(pilot)}",
        fields,
        intro=intro,
        check=partial(changes.end_problem, pilot),
        save_label=verb,
    )


def training_form(session: TrainingSession | None, today: date) -> FormDialog:
    """A training session: audience, the five topics, invited, attended, the date."""
    s = session
    fields = [
        FormField(
            "audience",
            "Audience",
            kind="select",
            options=[("Employees", Audience.EMPLOYEES), ("Managers", Audience.MANAGERS)],
            initial=s.audience if s else None,
            required=True,
        ),
        FormField(
            "topics",
            "Topics covered (space ticks)",
            kind="ticks",
            options=[(TOPIC_WORDS[t].capitalize(), t) for t in TrainingTopic],
            initial=list(s.topics) if s else [],
        ),
        FormField(
            "invited",
            "Invited",
            kind="int",
            initial=s.invited if s else None,
            required=True,
            validator=changes.count_problem,
        ),
        FormField(
            "attended",
            "Attended (never more than invited)",
            kind="int",
            initial=s.attended if s else None,
            required=True,
            validator=changes.count_problem,
        ),
        FormField("held_on", "Held on (YYYY-MM-DD)", kind="date", initial=s.held_on if s else today),
    ]
    title = "New training session" if s is None else "Edit training session"
    return FormDialog(title, fields, check=changes.training_problem)
