"""Stage review meetings: the draft a meeting builds, what it decided in words, its open actions.

A meeting's outcomes and actions stay in a :class:`ReviewDraft` until the meeting
finishes (or keeps it unfinished); then they become one ``Review`` record and its
``ReviewAction`` records in one edit. The words here serve the review screen, the
Overview and the reports alike.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from schemas.enums import ReviewOutcome
from schemas.plan import Plan, id_order
from schemas.records import Attendee, Review, ReviewAction, StageVerdict

DRAFT_REVIEW = "rev-draft"
"""The id a draft's review goes by until it is saved."""

OUTCOME_WORDS: dict[ReviewOutcome, str] = {
    ReviewOutcome.ACCEPTED: "accepted",
    ReviewOutcome.CHANGES_REQUESTED: "changes requested",
}
"""Each outcome as a sentence says it."""

REVIEW_HEADER = ("Date", "State", "Attendees", "Outcomes")
"""The columns of ``review_rows``."""

ACTION_HEADER = ("Due", "State", "Owner", "Stage", "Action")
"""The columns of ``action_rows``."""


@dataclass
class ReviewDraft:
    """A review meeting in progress: nothing of it is in the plan until it is saved."""

    held_on: date
    """The day of the meeting."""
    attendees: list[Attendee]
    """Who is at the meeting."""
    verdicts: dict[int, StageVerdict] = field(default_factory=dict)
    """Stage number -> the outcome recorded for it (recording again replaces it)."""
    actions: list[ReviewAction] = field(default_factory=list)
    """The actions agreed so far, with provisional ids until saved."""
    stage: int = 1
    """The stage on screen: the review returns there after a jump to a fix."""
    finding: int = 0
    """The finding under the cursor on that stage."""

    @property
    def empty(self) -> bool:
        """True while no outcome and no action is recorded."""
        return not self.verdicts and not self.actions

    def record(self, stage: int, outcome: ReviewOutcome, note: str) -> StageVerdict:
        """Record (or replace) the outcome of ``stage``."""
        verdict = StageVerdict(stage=stage, outcome=outcome, note=note)
        self.verdicts[stage] = verdict
        return verdict

    def add_action(
        self, stage: int, what: str, owner: str, owner_role: str | None, due: date
    ) -> ReviewAction:
        """Add an action agreed on ``stage`` (validated now, so a bad one is refused at once)."""
        action = ReviewAction(
            id=f"ra-draft-{len(self.actions) + 1}",
            review=DRAFT_REVIEW,
            stage=stage,
            what=what,
            owner=owner,
            owner_role=owner_role,
            due=due,
        )
        self.actions.append(action)
        return action

    def as_review(self, finished: bool, review_id: str = DRAFT_REVIEW) -> Review:
        """The review record the draft becomes."""
        verdicts = [self.verdicts[n] for n in sorted(self.verdicts)]
        return Review(
            id=review_id, held_on=self.held_on, attendees=self.attendees, verdicts=verdicts, finished=finished
        )


def attendee_words(review: Review) -> str:
    """'Ana Ruiz (HR), Ben Ode (Legal and privacy)'."""
    return ", ".join(f"{a.name} ({a.role})" for a in review.attendees)


def outcome_words(verdicts: list[StageVerdict]) -> str:
    """'4 accepted, 1 changes requested', or 'no stage reviewed'."""
    counts = Counter(v.outcome for v in verdicts)
    parts = [f"{counts[o]} {OUTCOME_WORDS[o]}" for o in ReviewOutcome if counts[o]]
    return ", ".join(parts) or "no stage reviewed"


def is_overdue(action: ReviewAction, today: date) -> bool:
    """True for an action past its due date and not done."""
    return action.done_at is None and action.due < today


def open_actions(plan: Plan) -> list[ReviewAction]:
    """The actions not done yet, soonest due first."""
    pending = [a for a in plan.review_actions if a.done_at is None]
    return sorted(pending, key=lambda a: (a.due, id_order(a.id)))


def action_state(action: ReviewAction, today: date) -> str:
    """'done', 'overdue' or 'open'."""
    if action.done_at is not None:
        return "done"
    return "overdue" if is_overdue(action, today) else "open"


def action_line(action: ReviewAction, today: date) -> str:
    """'Send the notice draft to the works council (owner HR, due 2025-03-10, overdue)'."""
    state = action_state(action, today)
    if action.done_at is not None:
        state = f"done by {action.done_by} on {action.done_at}"
    return f"{action.what} (owner {action.owner}, due {action.due}, {state})"


def stage_line(plan: Plan, review: Review, number: int) -> str:
    """'Stage 5 Design a Limited Pilot: changes requested. Notice still a draft.'."""
    heading = f"Stage {number} {plan.stage(number).title}"
    verdict = next((v for v in review.verdicts if v.stage == number), None)
    if verdict is None:
        return f"{heading}: not reviewed."
    note = f" {verdict.note}" if verdict.note else ""
    return f"{heading}: {OUTCOME_WORDS[verdict.outcome]}.{note}"


def summary_lines(plan: Plan, review: Review, actions: list[ReviewAction], today: date) -> list[str]:
    """The review in words: date, attendees, each stage's outcome and actions, the totals."""
    state = "finished" if review.finished else "kept unfinished"
    lines = [f"Stage review of {review.held_on} ({state})", f"Attendees: {attendee_words(review)}", ""]
    for stage in plan.stages:
        lines.append(stage_line(plan, review, stage.number))
        lines += [f"  Action: {action_line(a, today)}" for a in actions if a.stage == stage.number]
    lines += ["", f"Outcomes: {outcome_words(review.verdicts)}; {_count(len(actions), 'action')}."]
    return lines


def actions_of(plan: Plan, review: Review) -> list[ReviewAction]:
    """The actions ``review`` agreed, in the order they were recorded."""
    return [a for a in plan.review_actions if a.review == review.id]


def reviews_newest_first(plan: Plan) -> list[Review]:
    """The plan's reviews, the latest meeting first."""
    return sorted(plan.reviews, key=lambda r: (r.held_on, id_order(r.id)), reverse=True)


def review_rows(plan: Plan) -> list[tuple[str, str, str, str]]:
    """One row per review (``REVIEW_HEADER``), newest first: for the reviews list and reports."""
    return [
        (
            str(r.held_on),
            "finished" if r.finished else "unfinished",
            attendee_words(r),
            outcome_words(r.verdicts),
        )
        for r in reviews_newest_first(plan)
    ]


def action_rows(plan: Plan, today: date) -> list[tuple[str, str, str, str, str]]:
    """One row per open action (``ACTION_HEADER``), soonest due first: for Overview and reports."""
    return [(str(a.due), action_state(a, today), a.owner, f"S{a.stage}", a.what) for a in open_actions(plan)]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
