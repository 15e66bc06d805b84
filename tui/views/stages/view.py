"""Stages: the eight-stage tracker with constraint, target result, outcome log and evidence."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from schemas.edits import PlanEdit
from schemas.findings import Finding, holds_no_longer
from schemas.plan import Plan
from schemas.records import Stage
from tui.dialogs.form import reason_dialog
from tui.views.base import PlanView
from tui.views.stages import changes, forms
from tui.views.stages.detail import detail, still_needs
from tui.widgets.keybar import FORWARD
from tui.widgets.lists import PlanList
from tui.widgets.signedscroll import SignedScroll
from tui.words import actor, count, shorten, stage_look


class StagesView(PlanView, tab="stages"):
    """The stage list on the left, the selected stage in full on the right."""

    HELP = (
        "The eight stages of the framework, in order. A stage starts only when every "
        "earlier one is complete, and completes only with at least one evidence entry "
        "(rule stage-gate). Before acting, write the current constraint and the smallest "
        "observable result (enter). Record what changed after each attempt; for an "
        "incomplete result name which condition failed and the smallest valid restart. "
        "Status: [ ] not started, [~] in progress, [x] complete, [!] reopened."
    )
    BINDINGS = [
        Binding("enter", "edit", "Edit", id="stages.edit", priority=True),
        Binding("s", "start", "Start", id="stages.start", group=FORWARD),
        Binding("e", "evidence", "Evidence", id="stages.evidence", group=FORWARD),
        Binding("w", "what_changed", "Changed", id="stages.what_changed"),
        Binding("c", "complete", "Complete", id="stages.complete", group=FORWARD),
        Binding("o", "reopen", "Reopen", id="stages.reopen", group=FORWARD),
    ]

    def compose(self) -> ComposeResult:
        """The stage list and the detail pane."""
        with Horizontal():
            yield PlanList(id="stage-list")
            with SignedScroll(id="stage-detail-scroll"):
                yield Static("", id="stage-detail")

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render the list (keeping the selection) and the selected stage."""
        listing = self.query_one("#stage-list", PlanList)
        at = listing.highlighted or 0
        broken = holds_no_longer(findings)
        listing.set_options(
            Option(Content(f"{stage_look(s, broken)[0]} {s.number} {shorten(s.title, 24)}"), id=s.id)
            for s in plan.stages
        )
        listing.highlighted = min(at, len(plan.stages) - 1)
        self._findings = findings
        self._show_detail()

    @property
    def stage(self) -> Stage:
        """The selected stage."""
        index = self.query_one("#stage-list", PlanList).highlighted or 0
        return self.plan.stages[index]

    def _show_detail(self) -> None:
        findings = [f for f in getattr(self, "_findings", []) if f.stage == self.stage.number]
        text = detail(self.plan, self.stage, findings, self.session.today)
        self.query_one("#stage-detail", Static).update(text)

    def on_mount(self) -> None:
        """The detail follows the list's highlight in the same frame."""
        self.query_one("#stage-list", PlanList).on_move = self._highlighted

    def _highlighted(self) -> None:
        self._show_detail()
        # Another stage: its title and status first, not the old stage's scroll position.
        self.query_one("#stage-detail-scroll", SignedScroll).scroll_home(animate=False, immediate=True)

    @on(OptionList.OptionSelected, "#stage-list")
    def _selected(self) -> None:
        self.action_edit()

    def focus_default(self) -> None:
        """Focus the stage list."""
        self.query_one("#stage-list", PlanList).focus()

    def focus_entity(self, entity: str) -> None:
        """Select the stage a stage, evidence or outcome record belongs to."""
        table, _, key = entity.partition("/")
        number = changes.stage_of(self.plan, table, key)
        if number is not None:
            self.query_one("#stage-list", PlanList).select_id(self.plan.stage(number).id)
        self.focus_default()

    # -- actions -------------------------------------------------------------------

    def action_edit(self) -> None:
        """Edit the constraint, target result and due date."""
        stage = self.stage
        self.edit_in_form(forms.edit_form(stage), partial(changes.edit, stage))

    def action_evidence(self) -> None:
        """Record an evidence entry for the selected stage."""
        stage = self.stage
        form = forms.evidence_form(stage, actor(self.plan), self.name_hint())
        self.edit_in_form(form, lambda values: changes.add_evidence(self.plan, stage, values, _now()))

    def action_what_changed(self) -> None:
        """Record what changed (the outcome log)."""
        stage = self.stage
        form = forms.outcome_form(stage, actor(self.plan), self.name_hint())
        self.edit_in_form(form, lambda values: changes.add_outcome(self.plan, stage, values, _now()))

    def action_start(self) -> None:
        """Set the selected stage in progress (only once every earlier stage is complete)."""
        self._apply_or_say(changes.start(self.plan, self.stage), "Not started")

    def action_complete(self) -> None:
        """Mark the selected stage complete; refused, say so briefly: its detail lists what is missing."""
        stage, today = self.stage, self.session.today
        outcome = changes.complete(self.plan, stage, _now(), today)
        needs = still_needs(self.plan, stage, today)
        if isinstance(outcome, str) and needs:
            missing = count(len(needs), "thing")
            outcome = f"Stage {stage.number} cannot be completed yet: {missing} missing, listed under it."
        self._apply_or_say(outcome, "Not complete")

    def action_reopen(self) -> None:
        """Reopen a complete stage; asks the reason and records it."""
        stage = self.stage
        refusal = changes.reopen_refusal(stage)
        if refusal:
            self.notify(refusal, title="Not reopened", severity="error")
            return
        intro = "Why does this stage need work again? The reason is recorded in the history."
        form = reason_dialog(f"Reopen stage {stage.number}: {stage.title}", intro)
        self.edit_in_form(form, partial(changes.reopen, stage))

    def _apply_or_say(self, outcome: PlanEdit | str, title: str) -> None:
        """Apply the edit, or say why there is none."""
        if isinstance(outcome, str):
            self.notify(outcome, title=title, severity="error")
        else:
            self.apply(outcome)


def _now() -> datetime:
    """Now, to the second, as evidence and completion record it."""
    return datetime.now(UTC).replace(microsecond=0)
