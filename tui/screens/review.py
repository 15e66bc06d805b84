"""Review mode: one stage per screen for a meeting; outcomes and actions kept in a draft until saved.

The draft lives in the session (``PlanSession.review``), not in this screen: going to
where a finding is fixed closes the screen with a :class:`Paused`, and R (or the
palette's Review mode) builds the screen again on the same stage and finding.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from schemas.edits import entity
from schemas.enums import ReviewOutcome
from schemas.review import ReviewDraft, summary_lines
from tui.dialogs.form import Values
from tui.session import PlanSession
from tui.views.base import PlanView
from tui.views.review import changes, forms
from tui.views.review.dialogs import FinishDialog, LeaveDialog
from tui.views.review.page import StagePage
from tui.views.review.symbols import plain, sym
from tui.widgets.keybar import KeyBar

HELP = (
    "Review mode walks the eight stages one screen at a time, for a meeting. Each screen "
    "shows what the meeting decided so far, the stage's purpose, current constraint, smallest "
    "observable result, evidence, outcome log, what its gate reads and its findings. Left and "
    "right (or h and l) change stage; j and k move in the findings. a accepts the stage and c "
    "requests changes, each with a note; n adds an action (what, owner, due date). g goes to "
    "where the highlighted finding is fixed: the review waits, and R or the palette's Review "
    "mode comes back to it. f shows the summary and saves the review as one change; escape "
    "leaves, asking whether to keep what was recorded as an unfinished review."
)
"""What `?` says about review mode, above its keys."""


@dataclass(frozen=True)
class Paused:
    """The review waits (its draft kept) while the user goes to ``target`` (``table/id``)."""

    target: str = ""
    """Where to go: the record a finding points at, a stage, or nothing (a palette command)."""
    fix: str = ""
    """What the finding says to do, shown when the target has no tab of its own yet."""
    stage: str = ""
    """The stage (``stages/id``) to go to when no tab edits the target yet."""


class ReviewScreen(Screen[Paused | None]):
    """One stage of the meeting's review at a time; dismisses with Paused, or None once it ended."""

    BINDINGS = [
        Binding("escape", "leave", "Leave", id="review.leave"),
        Binding("question_mark", "app.help", "Help", key_display="?", id="review.help"),
        # priority: the stage's text scrolls, not the short findings table that has focus
        Binding(
            "pagedown", "scroll(8)", "Scroll the stage down", show=False, priority=True, id="review.page_down"
        ),
        Binding(
            "pageup", "scroll(-8)", "Scroll the stage up", show=False, priority=True, id="review.page_up"
        ),
    ]

    def __init__(self, session: PlanSession) -> None:
        super().__init__()
        self.session = session
        """The open plan; its ``review`` is the draft this screen records into."""

    @property
    def draft(self) -> ReviewDraft:
        """The meeting's draft (there is one while this screen is open)."""
        assert self.session.review is not None
        return self.session.review

    def compose(self) -> ComposeResult:
        """Heading, meeting line, the stage page, key bar."""
        yield Static("", id="review-heading", markup=False)
        yield Static("", id="review-meeting", markup=False)
        yield StagePage(id="review-page")
        yield KeyBar(id="review-keys")

    def on_mount(self) -> None:
        """Show the stage the draft is on."""
        self.render_stage()
        self.query_one(StagePage).focus_default()

    def render_stage(self) -> None:
        """Show the draft's current stage and what the meeting recorded."""
        draft, plan, ascii_only = self.draft, self.session.plan, plain(self.app)
        stage = plan.stage(draft.stage)
        self.query_one("#review-heading", Static).update(
            f"STAGE {stage.number} OF 8 {sym('dot', ascii_only)} {stage.title.upper()}"
        )
        dot = sym("dot", ascii_only)
        marks = " ".join(f"{n}{sym(draft.verdicts[n].outcome, ascii_only)}" for n in sorted(draft.verdicts))
        actions = len(draft.actions)
        self.query_one("#review-meeting", Static).update(
            f"{sym('draft', ascii_only)} Review {draft.held_on} {dot} {len(draft.attendees)} attending {dot} "
            f"decided {marks or 'nothing yet'} {dot} {actions} action{'' if actions == 1 else 's'} "
            f"{dot} h/l stages"
        )
        page = self.query_one(StagePage)
        page.show(plan, self.session.findings, draft, self.session.today, ascii_only)

    # -- moving --------------------------------------------------------------------

    def action_next(self) -> None:
        """The next stage (the last one says how to finish)."""
        self._move(1)

    def action_previous(self) -> None:
        """The previous stage."""
        self._move(-1)

    def _move(self, step: int) -> None:
        number = self.draft.stage + step
        if not 1 <= number <= 8:
            edge = "Stage 8 is the last: f finishes the review." if step > 0 else "Stage 1 is the first."
            self.notify(edge)
            return
        self.draft.stage, self.draft.finding = number, 0
        self.render_stage()

    def action_scroll(self, lines: int) -> None:
        """Scroll the stage's text."""
        self.query_one("#review-body").scroll_relative(y=lines, animate=False)

    # -- recording -----------------------------------------------------------------

    def action_accept(self) -> None:
        """Record that the meeting accepts this stage, with an optional note."""
        self._outcome(ReviewOutcome.ACCEPTED)

    def action_changes(self) -> None:
        """Record that the meeting requests changes on this stage, saying which."""
        self._outcome(ReviewOutcome.CHANGES_REQUESTED)

    def _outcome(self, outcome: ReviewOutcome) -> None:
        stage = self.session.plan.stage(self.draft.stage)
        form = forms.outcome_form(stage, outcome, self.draft.verdicts.get(stage.number))
        self.app.push_screen(form, partial(self._outcome_given, stage.number, outcome))

    def _outcome_given(self, number: int, outcome: ReviewOutcome, values: Values | None) -> None:
        if values is not None:
            changes.record(self.draft, number, outcome, values)
            self.render_stage()  # the meeting line and THIS MEETING say it: no notification to cover it

    def action_action(self) -> None:
        """Add an action agreed on this stage: what, owner, due date."""
        plan, stage = self.session.plan, self.session.plan.stage(self.draft.stage)
        form = forms.action_form(plan, stage)
        form.submit_callback = partial(changes.add_action, plan, self.draft, stage.number)
        self.app.push_screen(form, self._action_added)

    def _action_added(self, values: Values | None) -> None:
        if values is not None:
            self.render_stage()

    # -- leaving ---------------------------------------------------------------------

    def action_go(self) -> None:
        """Go to where the highlighted finding is fixed (or to the stage); the review waits."""
        page = self.query_one(StagePage)
        self.draft.finding = page.table.cursor_row
        finding = page.selected()
        stage = entity(self.session.plan.stage(self.draft.stage))
        if finding is None:
            self.dismiss(Paused(stage, stage=stage))
        else:
            self.dismiss(Paused(finding.entity or stage, finding.fix, stage))

    def pause(self) -> None:
        """Step out of the review (a palette command elsewhere); the draft waits."""
        self.dismiss(Paused())

    def action_finish(self) -> None:
        """Show the summary; on yes, save the review and its actions as one change."""
        if not self.draft.verdicts:
            self.notify("Record at least one stage's outcome first (a or c).", title="Not finished")
            return
        text = "\n".join(self._summary(finished=True))
        self.app.push_screen(FinishDialog("Finish the review and save it?", text), self._finish_answered)

    def _summary(self, *, finished: bool) -> list[str]:
        plan = self.session.plan
        return summary_lines(plan, self.draft.as_review(finished), self.draft.actions, self.session.today)

    def _finish_answered(self, answer: str | None) -> None:
        if answer == "save":
            self._save(finished=True)

    def action_leave(self) -> None:
        """Leave without finishing: keep what was recorded (unfinished), discard it, or stay."""
        question = (
            "Leave the review without finishing? Keep saves what was recorded as an unfinished "
            "review; discard records nothing."
        )
        text = "\n".join(self._summary(finished=False))
        self.app.push_screen(LeaveDialog(question, text), self._leave_answered)

    def _leave_answered(self, answer: str | None) -> None:
        if answer == "keep":
            self._save(finished=False)
        elif answer == "discard":
            self.session.review = None
            self.notify("The review was discarded; nothing was recorded.")
            self.dismiss(None)

    def _save(self, *, finished: bool) -> None:
        """Apply the review as one edit; a refusal keeps the draft and says why."""
        result = self.session.apply(changes.save(self.session.plan, self.draft, finished=finished))
        if not result.applied:
            self.notify(result.message or "Nothing to save.", title="Not saved", severity="error")
            return
        self.session.review = None
        self.app.post_message(PlanView.Changed(result.message))
        self.notify(result.message, title="Review saved" if finished else "Review kept")
        self.dismiss(None)
