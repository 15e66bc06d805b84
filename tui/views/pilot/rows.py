"""What the Pilot tab shows, line by line (no Textual).

While the current pilot is in design, each reason its start is refused comes first, with
where it is fixed; then its design, the jurisdictions in scope, its stop and success
conditions (an amended one beside its original), its training per audience and session,
and the earlier pilots, read-only. Attendance behind fewer than k people is not shown.
"""

from __future__ import annotations

from datetime import date

from schemas.enums import ConditionKind, PilotStatus
from schemas.nextscope import pilot_number
from schemas.plan import Plan
from schemas.records import Condition, ConditionTerms, Jurisdiction, Pilot
from schemas.rules import places
from schemas.rules.base import STATUS_WORDS, Finding, pilot_label, short
from schemas.rules.pilot_start import StartRefusal, start_refusals
from tui.views.pilot.line import BAD, DOT, GOOD, NEEDED, Row
from tui.views.pilot.training import training_rows
from tui.views.pilot.words import cap_of, cap_words, condition_text, formula, short_place
from tui.widgets.marks import by_entity, finding_lines, mark


def _bound(terms: Condition | ConditionTerms, metric: str) -> str:
    """'>= 1' for the list ('opt_outs > 20' when an amendment changed the metric)."""
    head = f"{terms.metric} " if terms.metric != metric else ""
    return f"{head}{terms.comparison.value} {terms.threshold:g}"


def _about_it(message: str, pilot: Pilot) -> str:
    """A finding as this tab says it: 'The pilot ...', not its name again (the head names it); and
    what would hold once it runs ('is running, but its employees ...') said of it now."""
    named = pilot_label(pilot, start=True)
    message = message.replace(f"{named} is running, but its ", "Its ")
    return message.replace(named, "The pilot").replace(pilot_label(pilot), "the pilot")


def _given(text: str) -> str:
    return str(GOOD) if text else str(NEEDED)


class Board:
    """The Pilot tab's content for one plan: the head lines and every row."""

    def __init__(self, plan: Plan, findings: list[Finding], today: date) -> None:
        self.plan = plan
        self.k = plan.policy.min_group_size
        self.pilot: Pilot | None = plan.current_pilot()
        """The pilot the tab works on: the latest one."""
        self.refusals: list[StartRefusal] = []
        """Why the pilot may not start now (while it is in design)."""
        self.marks = by_entity(findings, "pilots")
        self.rows: list[Row] = []
        pilot = self.pilot
        if pilot is not None:
            if pilot.status is PilotStatus.DESIGN:
                self.refusals = start_refusals(plan, pilot, today)
            self.rows += [self._refusal(r) for r in self.refusals]
            self.rows += self._design(pilot)
        self.rows += self._jurisdictions(by_entity(findings, "jurisdictions"))
        if pilot is not None:
            self.rows += self._conditions(pilot, by_entity(findings, "conditions"))
            self.rows += training_rows(plan, pilot, today)
        self.rows += [self._earlier(p) for p in plan.pilots[:-1]]

    # -- head -------------------------------------------------------------------------

    def head(self) -> list[str]:
        """Two lines: the pilot and its life; whether it may start, the cap and the keys."""
        pilot = self.pilot
        if pilot is None:
            return ["No pilot yet: e designs one (one workflow, a limited population).", self._cap(None)]
        first = f'Pilot {pilot_number(self.plan, pilot.id)} "{pilot.name}": {pilot.status.value}'
        return [first, self._state(pilot)]

    def _state(self, pilot: Pilot) -> str:
        """Whether it may start; who started and ended it; the cap; the keys of its life."""
        cap = self._cap(pilot)
        if pilot.status is PilotStatus.DESIGN:
            if self.refusals:
                return f"Start: {BAD} refused ({len(self.refusals)} below) {DOT} {cap}"
            return f"Start: {GOOD} ready (s) {DOT} {cap}"
        started = f"Started {pilot.started_at or '-'} by {pilot.started_by or '-'}"
        if pilot.status is PilotStatus.RUNNING:
            return f"{started} {DOT} {cap} {DOT} conditions locked: a amends"
        ended = f"{pilot.status.value.capitalize()} {pilot.ended_at or '-'} by {pilot.ended_by or '-'}"
        return f"{ended}: read-only (e designs a new pilot) {DOT} {started}"

    def _cap(self, pilot: Pilot | None) -> str:
        org = pilot.organization_size if pilot else 0
        return f"Cap {cap_of(self.plan, org)}"

    # -- rows -------------------------------------------------------------------------

    def _refusal(self, refusal: StartRefusal) -> Row:
        f = refusal.finding
        text = _about_it(f.message, self.pilot) if self.pilot else f.message
        return Row(
            str(BAD),
            "Blocks",
            text,
            short_place(refusal.place),
            "blocks start",
            f"Start is refused: {text}\n{f.fix}\nFixed at {refusal.place.words()}.",
            "refusal",
            entity=f.entity,
            place=refusal.place,
        )

    def _design(self, pilot: Pilot) -> list[Row]:
        """The design, one aspect a line; enter edits it."""
        case = next((c for c in self.plan.use_cases if c.id == pilot.use_case), None)
        findings = self.marks.get(pilot.id, [])
        detail = self._design_text(pilot, case.name if case else "") + "".join(
            f"\n{line}" for line in finding_lines(findings)
        )
        size, org = pilot.population_size, pilot.organization_size
        cap = cap_of(self.plan, org)
        over = size > cap
        notice = f"notice on {pilot.notice_date}" if pilot.notice_date else "no notice date"
        dates = f"{pilot.start or '?'} to {pilot.end or '?'}"
        lines = [
            (
                mark(findings) or str(GOOD),
                f"Workflow: {case.name if case else 'none chosen'}",
                STATUS_WORDS[case.status] if case else "",
                pilot.status.value,
            ),
            (
                str(BAD if over or not size else GOOD),
                f"Population: {size or '-'}, {pilot.population or 'not described'}",
                f"cap {cap}",
                "ABOVE the cap" if over else ("none" if not size else "within cap"),
            ),
            (
                str(GOOD if pilot.voluntary and pilot.notice_text and pilot.notice_date else NEEDED),
                f"{'Voluntary' if pilot.voluntary else 'NOT voluntary'}; {notice}",
                "notice written" if pilot.notice_text else "no notice text",
                "given" if pilot.notice_text and pilot.notice_date else "missing",
            ),
            (
                _given(pilot.opt_out),
                f"Opt-out: {pilot.opt_out or '-'}",
                "",
                "given" if pilot.opt_out else "missing",
            ),
            (
                _given(pilot.support_contact),
                f"Support: {pilot.support_contact or '-'}",
                "",
                "given" if pilot.support_contact else "missing",
            ),
            (
                _given(pilot.escalation_route),
                f"Escalation: {pilot.escalation_route or '-'}",
                "human route",
                "given" if pilot.escalation_route else "missing",
            ),
            ("", f"Dates: {dates}", "", ""),
        ]
        entity = f"pilots/{pilot.id}"
        return [Row(m, "Design", w, v, s, detail, "design", pilot.id, entity) for m, w, v, s in lines]

    def _design_text(self, pilot: Pilot, case: str) -> str:
        """The design in full, for the panel."""
        org = pilot.organization_size
        return (
            f"Workflow: {case or 'none chosen'}. Population {pilot.population_size or '-'} "
            f"({cap_words(self.plan, org)}): {pilot.population or 'not described'}. "
            f"{'Voluntary' if pilot.voluntary else 'NOT voluntary'}. Notice on {pilot.notice_date or '-'}: "
            f"{short(pilot.notice_text, 200) or '(none)'}\nOpt-out: {pilot.opt_out or '-'}. Support: "
            f"{pilot.support_contact or '-'}. Escalation: {pilot.escalation_route or '-'}. "
            f"Dates: {pilot.start or '-'} to {pilot.end or '-'}."
        )

    def _jurisdictions(self, marks: dict[str, list[Finding]]) -> list[Row]:
        if not self.plan.jurisdictions:
            detail = "Laws vary by jurisdiction: declare each one in scope and record its legal review (J)."
            text = "No jurisdiction declared (J adds one)"
            return [
                Row(
                    str(NEEDED), "Legal", text, "", "none", detail, "new_jurisdiction", entity="jurisdictions"
                )
            ]
        return [self._jurisdiction(j, marks.get(j.id, [])) for j in self.plan.jurisdictions]

    def _jurisdiction(self, j: Jurisdiction, findings: list[Finding]) -> Row:
        reviewed = bool(j.reviewed_by and j.reviewed_at)
        detail = f"Jurisdiction {j.name}: " + (
            f"legal review by {j.reviewed_by} on {j.reviewed_at}."
            if reviewed
            else "no legal review recorded."
        )
        detail += "".join(f"\n{line}" for line in finding_lines(findings))
        return Row(
            mark(findings) or str(GOOD if reviewed else NEEDED),
            "Legal",
            j.name,
            str(j.reviewed_at) if reviewed else "no review",
            "reviewed" if reviewed else "needs review",
            detail,
            "jurisdiction",
            j.id,
            f"jurisdictions/{j.id}",
        )

    def _conditions(self, pilot: Pilot, marks: dict[str, list[Finding]]) -> list[Row]:
        own = [c for c in self.plan.conditions if c.pilot == pilot.id]
        rows: list[Row] = []
        for kind in (ConditionKind.STOP, ConditionKind.SUCCESS):
            mine = [c for c in own if c.kind is kind]
            rows += [self._condition(c, marks.get(c.id, [])) for c in mine]
            if not mine:
                text = f"No {kind.value} condition (c declares one)"
                detail = f"Declare at least one {kind.value} condition before the pilot starts."
                rows.append(
                    Row(str(NEEDED), kind.value.capitalize(), text, "", "none", detail, "new_condition")
                )
        return rows

    def _condition(self, c: Condition, findings: list[Finding]) -> Row:
        names = {m.id: m.name for m in self.plan.metrics}
        status = "amended" if c.original else ("locked" if c.locked else "in design")
        value = f"was {_bound(c.original, c.metric)}" if c.original else _bound(c, c.metric)
        detail = f"{c.kind.value.capitalize()} condition: {formula(c)}"
        detail += f" ({names[c.metric]})" if c.metric in names else " (not a metric on the scorecard)"
        detail += f'\n"{c.wording}"' if c.wording else ""
        if c.original:
            detail += f"\nOriginal: {formula(c.original)}" + (
                f' "{c.original.wording}"' if c.original.wording else ""
            )
            detail += f"\nAmended because: {c.amendment or '(no reason)'}"
        elif c.locked:
            detail += "\nLocked since the pilot started: a amends it, with a reason."
        detail += "".join(f"\n{line}" for line in finding_lines(findings))
        return Row(
            mark(findings) or ("" if not c.locked else str(GOOD)),
            c.kind.value.capitalize(),
            condition_text(self.plan, c),
            value,
            status,
            detail,
            "condition",
            c.id,
            f"conditions/{c.id}",
        )

    def _earlier(self, p: Pilot) -> Row:
        ended = f"{p.status.value} {p.ended_at}" if p.ended_at else p.status.value
        detail = (
            f'Pilot {pilot_number(self.plan, p.id)} "{p.name}": {p.status.value}, read-only.\n'
            f"Started {p.started_at or '-'} by {p.started_by or '-'}; ended {p.ended_at or '-'} by "
            f"{p.ended_by or '-'}.\nWhy: {p.end_reason or '(not recorded)'}"
        )
        return Row(
            "",
            "Earlier",
            f'Pilot {pilot_number(self.plan, p.id)} "{p.name}"',
            ended,
            "read-only",
            detail,
            "earlier",
            p.id,
            f"pilots/{p.id}",
            places.PILOT,
        )
