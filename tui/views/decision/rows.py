"""What the Decision tab shows for the current pilot, line by line (no Textual).

One list holds the evidence and what follows from it: each stop and success condition
with its latest value (met, not met, never measured), the harm measures, the stage 5-7
evidence, each reason an expansion is refused with where it is answered, the decisions
on the pilot and the ROI claims. Every figure goes through small-groups suppression.
"""

from __future__ import annotations

from dataclasses import dataclass

from schemas.enums import ConditionKind, DecisionKind
from schemas.nextscope import pilot_number
from schemas.plan import Plan
from schemas.records import Decision, Pilot, RoiClaim
from schemas.rules import places
from schemas.rules.base import Finding, join_words, short
from schemas.rules.decision import latest_decisions
from schemas.rules.expansion import (
    EVIDENCE_STAGES,
    Refusal,
    evidence_of,
    expand_refusals,
    signed,
    sponsor_role,
)
from schemas.rules.places import Place
from schemas.scorecard import ConditionCheck, ConditionStatus, MetricRow, scorecard
from tui import glyphs
from tui.views.decision.words import decision_text, figure, in_full, short_place
from tui.widgets.marks import by_entity, finding_lines, mark

GOOD, BAD, UNKNOWN, NEEDED = glyphs.OK, glyphs.BLOCKING, glyphs.Glyph("?", "?"), glyphs.WARNING
"""Row marks: holds, blocks, never measured, still needed (a word in the status column too);
each drawn in ASCII where the terminal needs it (``str()`` gives the current mode's)."""


@dataclass(frozen=True)
class Row:
    """One line of the list and what the panel says about it."""

    mark: str
    """✓ holds, ✗ blocks, ? never measured, ! still needed; empty for a plain line."""
    section: str
    """Stop, Success, Harm, Stages, Blocks, Expand, Decision or ROI."""
    what: str
    """The line's text."""
    value: str
    """The latest value, or where it is answered."""
    status: str
    """The status in words."""
    detail: str
    """What the panel below says."""
    entity: str = ""
    """The record it is about (``table/id``), to go to."""
    place: Place | None = None
    """Where it is answered."""
    claim: str = ""
    """The ROI claim's id, on an ROI line."""

    def cells(self) -> tuple[str, ...]:
        """The row as the list shows it."""
        return (self.mark, self.section, self.what, self.value, self.status)


class Board:
    """The Decision tab's content for one plan: the head lines and every row."""

    def __init__(self, plan: Plan, findings: list[Finding]) -> None:
        self.plan = plan
        self.k = plan.policy.min_group_size
        self.pilot: Pilot | None = plan.current_pilot()
        """The pilot decided on: the current one."""
        self.decisions: list[Decision] = []
        """The decisions on the current pilot, newest first."""
        self.refusals: list[Refusal] = []
        """Why an expansion would be refused now (the sponsor's sign-off included)."""
        self.marks = by_entity(findings, "decisions")
        self.claim_marks = by_entity(findings, "roi_claims")
        self.rows: list[Row] = []
        if self.pilot is not None:
            pilot = self.pilot
            order = {d.id: at for at, d in enumerate(plan.decisions)}
            mine = [d for d in plan.decisions if d.pilot == pilot.id]
            self.decisions = sorted(
                mine, key=lambda d: (d.decided_at is not None, d.decided_at, order[d.id])
            )[::-1]
            self.refusals = expand_refusals(plan, pilot.id, has_signoff=False)
            card = scorecard(plan, pilot.id)
            self.rows += self._conditions(card) + [self._harms(card), self._stages(pilot)]
            self.rows += self._expansion() + self._decisions()
        self.rows += self._claims()

    # -- head -------------------------------------------------------------------------

    def head(self) -> list[str]:
        """Two lines: the pilot and its link to an earlier one; the expansion, the decision, the claims."""
        claims = self.plan.roi_claims
        unbacked = sum(1 for c in claims if not (c.counterfactual and c.measurement_design))
        roi = f"ROI claims: {len(claims)}" + (f" ({BAD} {unbacked} unbacked)" if unbacked else "")
        pilot = self.pilot
        if pilot is None:
            return ["No pilot yet: design one on tab 7 Pilot; then decide here on its evidence.", roi]
        number = pilot_number(self.plan, pilot.id)
        first = f'Pilot {number} "{pilot.name}": {pilot.status.value}{self._link(pilot)}'
        latest = next((d for d in latest_decisions(self.plan) if d.pilot == pilot.id), None)
        decided = f"{latest.kind.value}, {latest.decided_at or 'undated'}" if latest else "none yet (d)"
        return [first, f"{self._expand_words()} · Decision: {decided} · {roi}"]

    def _link(self, pilot: Pilot) -> str:
        """' · extends pilot 1', or ' · modified copy of pilot 1, changing the population'."""
        if pilot.extends:
            return f" · extends pilot {pilot_number(self.plan, pilot.extends)}"
        opened = next((d for d in self.plan.decisions if d.next_pilot == pilot.id), None)
        if opened is not None and opened.kind is DecisionKind.MODIFY:
            variable = opened.variable_kind.words if opened.variable_kind else opened.variable
            return f" · modified copy of pilot {pilot_number(self.plan, opened.pilot)}, changing {variable}"
        return ""

    def _expand_words(self) -> str:
        """The head's words on expanding: refused and how many reasons, or supported."""
        blocking = [r for r in self.refusals if not r.signoff]
        if blocking:
            return f"Expand: {BAD} refused ({len(blocking)} below)"
        return f"Expand: {GOOD} the evidence supports it, with the sponsor's sign-off"

    # -- the evidence -------------------------------------------------------------------

    def _conditions(self, card: list[MetricRow]) -> list[Row]:
        """A line per condition: stop conditions first, each kind in the plan's order."""
        checks = [check for row in card for check in row.conditions]
        order = {c.id: at for at, c in enumerate(self.plan.conditions)}
        checks.sort(key=lambda c: (c.condition.kind is not ConditionKind.STOP, order[c.condition.id]))
        return [self._condition(check) for check in checks]

    def _condition(self, check: ConditionCheck) -> Row:
        """One condition: its mark, latest value and status, and what it means for the decision."""
        stop = check.condition.kind is ConditionKind.STOP
        good = ConditionStatus.NOT_MET if stop else ConditionStatus.MET
        symbol = str(
            UNKNOWN if check.status is ConditionStatus.NO_DATA else GOOD if check.status is good else BAD
        )
        status = "never measured" if check.status is ConditionStatus.NO_DATA else check.status.words
        meaning = {
            (True, ConditionStatus.MET): "Met: expanding is refused; stop, or modify one variable (d).",
            (False, ConditionStatus.NOT_MET): "Not met: expanding is refused until it is met.",
        }.get((stop, check.status), "")
        if check.status is ConditionStatus.NO_DATA:
            meaning = "Never measured: record a whole-population observation of its metric (tab 8 Scorecard)."
        detail = (
            f"{'Stop' if stop else 'Success'} condition: {check.text}\nLatest value: {in_full(check.latest)}"
        )
        detail += f"\n{meaning}" if meaning else ""
        return Row(
            symbol,
            "Stop" if stop else "Success",
            check.text,
            figure(check.latest, self.k),
            status,
            detail,
            f"conditions/{check.condition.id}",
            places.SCORECARD,
        )

    def _harms(self, card: list[MetricRow]) -> Row:
        """One line for the harm measures: each one's latest value, and how many families are observed."""
        harms = [row for row in card if row.metric.harm_family is not None]
        families = {row.metric.harm_family for row in harms if row.latest is not None}
        parts = [f"{row.metric.name} {figure(row.latest, self.k)}" for row in harms]
        lines = [f"{row.metric.name}: {in_full(row.latest)}" for row in harms]
        measured = len(families)
        whole = measured == 4
        note = (
            ""
            if whole
            else "\nWithout all four harm measures a decision is Failure Mode 3 (tab 8 Scorecard)."
        )
        return Row(
            str(GOOD if whole else UNKNOWN),
            "Harm",
            "; ".join(parts) or "no harm metric on the scorecard",
            f"{measured} of 4 families",
            "observed" if whole else "not all observed",
            "Harm measures, latest whole-population values:\n" + "\n".join(lines) + note,
            place=places.SCORECARD,
        )

    def _stages(self, pilot: Pilot) -> Row:
        """One line for the completion evidence of stages 5 to 7 that counts for this pilot."""
        evidence = evidence_of(self.plan, pilot.id)
        counts = {n: sum(1 for e in evidence if e.stage == n) for n in EVIDENCE_STAGES}
        missing = [n for n, c in counts.items() if not c]
        parts = [f"{n}: {c} entr{'y' if c == 1 else 'ies'}" if c else f"{n}: none" for n, c in counts.items()]
        lines = [
            f"Stage {e.stage}: {short(e.result, 200)} ({e.recorded_by})"
            for e in evidence
            if e.stage in counts
        ]
        target = f"stages/{self.plan.stage(missing[0]).id}" if missing else ""
        return Row(
            str(BAD if missing else GOOD),
            "Stages",
            "Evidence of stages " + ", ".join(parts),
            short_place(places.EVIDENCE) if missing else "",
            f"{len(missing)} missing" if missing else "all recorded",
            "Completion evidence of stages 5 to 7 for this pilot:\n" + ("\n".join(lines) or "none yet"),
            target,
            places.EVIDENCE,
        )

    def _expansion(self) -> list[Row]:
        """A line per reason an expansion is refused, the sponsor's sign-off last."""
        rows = []
        for refusal in self.refusals:
            signoff = refusal.signoff
            rows.append(
                Row(
                    str(NEEDED if signoff else BAD),
                    "Expand",
                    refusal.reason[:1].upper() + refusal.reason[1:],
                    short_place(refusal.place),
                    "needed" if signoff else "blocks expand",
                    f"Expanding is refused: {refusal.sentence()}\n{refusal.fix}",
                    refusal.entity,
                    refusal.place,
                )
            )
        return rows

    # -- decisions and claims -------------------------------------------------------------

    def _decisions(self) -> list[Row]:
        """The decisions on this pilot, newest first, or a line saying there is none."""
        if not self.decisions:
            text = "None recorded yet: d records expand, modify or stop"
            detail = f"The decision is the sponsor's: the {sponsor_role(self.plan)} signs it off."
            return [
                Row(
                    "",
                    "Decision",
                    text,
                    short_place(places.DECISION),
                    "none yet",
                    detail,
                    place=places.DECISION,
                )
            ]
        return [self._decision(item) for item in self.decisions]

    def _decision(self, item: Decision) -> Row:
        """One decision: its kind and rationale, its sign-off, its date, and its findings."""
        findings = self.marks.get(item.id, [])
        sign = f"signed {item.sponsor_signoff_by}" if signed(item) else "NOT signed (s)"
        return Row(
            mark(findings) or str(GOOD),
            "Decision",
            f"{item.kind.value.capitalize()}: {short(item.rationale, 120) or '(no rationale)'}",
            sign,
            str(item.decided_at or "undated"),
            decision_text(self.plan, item) + "".join(f"\n{line}" for line in finding_lines(findings)),
            f"decisions/{item.id}",
            places.SIGN_OFF if not signed(item) else None,
        )

    def _claims(self) -> list[Row]:
        """The ROI claims, or a line saying there is none."""
        if not self.plan.roi_claims:
            text = "No ROI claims (n adds one)"
            detail = (
                "A return-on-investment claim needs a counterfactual and a measurement design (rule roi)."
            )
            return [Row("", "ROI", text, "", "none", detail)]
        return [self._claim(claim) for claim in self.plan.roi_claims]

    def _claim(self, claim: RoiClaim) -> Row:
        """One ROI claim: backed, or what it lacks."""
        lacks = [
            w
            for w, text in (("counterfactual", claim.counterfactual), ("design", claim.measurement_design))
            if not text
        ]
        detail = (
            f"Claim: {claim.claim}\nCounterfactual: {claim.counterfactual or '(none)'}\n"
            f"Measurement design: {claim.measurement_design or '(none)'}"
        )
        findings = self.claim_marks.get(claim.id, [])
        detail += "".join(f"\n{line}" for line in finding_lines(findings))
        return Row(
            str(BAD if lacks else GOOD),
            "ROI",
            short(claim.claim, 120),
            f"no {join_words(lacks, 'or')}" if lacks else "backed",
            "blocking" if lacks else "backed",
            detail,
            f"roi_claims/{claim.id}",
            places.ROI_CLAIM,
            claim.id,
        )
