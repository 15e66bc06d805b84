"""The reviews kept, listed and each read back as it was recorded."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from schemas.plan import Plan
from schemas.records import Review
from schemas.review import (
    REVIEW_HEADER,
    actions_of,
    attendee_words,
    open_actions,
    outcome_words,
    review_rows,
    reviews_newest_first,
    summary_lines,
)
from tui.views.review.dialogs import ReadDialog
from tui.widgets.columns import Column
from tui.widgets.linetable import LineTable


def review_text(plan: Plan, review: Review, today: date) -> str:
    """A review as it was recorded, with its actions as they stand today."""
    return "\n".join(summary_lines(plan, review, actions_of(plan, review), today))


def read_review(plan: Plan, review: Review, today: date) -> ReadDialog:
    """The dialog that shows ``review`` read-only."""
    return ReadDialog("Read-only: the review as it was recorded", review_text(plan, review, today))


def review_of_action(plan: Plan, index: int) -> Review | None:
    """The review that agreed the ``index``-th open action."""
    actions = open_actions(plan)
    if index >= len(actions):
        return None
    return next((r for r in plan.reviews if r.id == actions[index].review), None)


class ReviewsDialog(ModalScreen[None]):
    """Every review kept, newest first; enter reads one as it was recorded."""

    BINDINGS = [
        Binding("enter", "read", "Read", id="reviews.read"),
        Binding("escape,q", "close", "Close", id="reviews.close"),
    ]

    DEFAULT_CSS = """
    ReviewsDialog { align: center middle; }
    ReviewsDialog > Vertical {
        width: 100%; height: auto; max-height: 100%; border: round $accent; background: $surface;
    }
    ReviewsDialog #reviews-title { text-style: bold; padding: 0 1; }
    ReviewsDialog LineTable { height: auto; max-height: 14; }
    ReviewsDialog #reviews-detail { height: auto; padding: 0 1; }
    """

    def __init__(self, plan: Plan, today: date) -> None:
        super().__init__()
        self.plan = plan
        """The plan whose reviews are listed."""
        self.today = today
        """Today, for the actions' state."""
        self.reviews = reviews_newest_first(plan)
        """The reviews, in table order."""
        self.table = LineTable(
            [
                Column(REVIEW_HEADER[0], 10),
                Column(REVIEW_HEADER[1], 10),
                Column(REVIEW_HEADER[2], 20, flex=2),
                Column(REVIEW_HEADER[3], 16, flex=1),
            ],
            on_move=lambda row, _column: self._detail(row),
            id="reviews-table",
        )
        """One row per review."""

    def compose(self) -> ComposeResult:
        """Title and the table."""
        with Vertical():
            yield Static(
                f"Stage reviews: {len(self.reviews)} (enter reads one, escape closes)", id="reviews-title"
            )
            yield self.table
            yield Static("", id="reviews-detail", markup=False)

    def on_mount(self) -> None:
        """Fill and focus the table."""
        self.table.set_rows(review_rows(self.plan))
        self.table.focus()
        self._detail(0)

    def _detail(self, row: int) -> None:
        """The highlighted review's attendees and outcomes in full (the table cuts them)."""
        review = self.reviews[row] if row < len(self.reviews) else None
        text = (
            f"Attendees: {attendee_words(review)}\nOutcomes: {outcome_words(review.verdicts)}"
            if review
            else ""
        )
        self.query_one("#reviews-detail", Static).update(text)

    @on(LineTable.RowClicked)
    def _clicked(self) -> None:
        self.action_read()

    def action_read(self) -> None:
        """Read the highlighted review as it was recorded."""
        if self.table.cursor_row < len(self.reviews):
            self.app.push_screen(read_review(self.plan, self.reviews[self.table.cursor_row], self.today))

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(None)
