"""One stage of a review on one screen: what it asks, where it stands, what the meeting decided."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from schemas.findings import Finding
from schemas.plan import Plan
from schemas.records import Stage
from schemas.review import OUTCOME_WORDS, ReviewDraft, action_line
from schemas.substance import stage_substance
from tui.views.overview.view import finding_row
from tui.views.review.symbols import sym
from tui.views.stages.detail import evidence_line, outcome_line
from tui.widgets.columns import Column
from tui.widgets.linetable import LineTable
from tui.widgets.marks import MARK_STYLES
from tui.words import status_label


def finding_columns() -> list[Column]:
    """Symbol (coloured, never alone), severity word, the finding."""
    return [Column("!", 1, styles=MARK_STYLES), Column("Severity", 8), Column("Finding", 20, flex=1)]


class StagePage(Vertical):
    """The stage in full above its findings; the review's keys work while focus is here."""

    BINDINGS = [
        # priority: the findings table would take left and right (h, l) for a cell cursor it lacks
        Binding("right,l", "screen.next", "Next stage", show=False, priority=True, id="review.next"),
        Binding(
            "left,h", "screen.previous", "Previous stage", show=False, priority=True, id="review.previous"
        ),
        Binding("a", "screen.accept", "Accept", id="review.accept"),
        Binding("c", "screen.changes", "Changes", id="review.changes"),
        Binding("n", "screen.action", "Action", id="review.action"),
        Binding("g,enter", "screen.go", "Fix", id="review.go"),
        Binding("f", "screen.finish", "Finish", id="review.finish"),
    ]
    """The review's keys (the palette and `?` name them with their ids)."""

    DESCRIPTIONS = {
        "review.next": "Next stage",
        "review.previous": "Previous stage",
        "review.accept": "Accept this stage (with a note)",
        "review.changes": "Request changes on this stage (with a note)",
        "review.action": "Add an action: what, owner, due date",
        "review.go": "Go to where the highlighted finding is fixed (R comes back)",
        "review.finish": "Finish: show the summary, then save the review",
    }
    """What each key does, in the words the help and the palette use."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.findings: list[Finding] = []
        """The stage's findings, in table order."""
        self.table = LineTable(
            finding_columns(), on_move=lambda row, _c: self._show_fix(row), id="review-findings"
        )
        """The findings; the fix of the highlighted one shows under it."""

    def compose(self) -> ComposeResult:
        """The stage's text, its findings, the highlighted finding's fix."""
        with VerticalScroll(id="review-body"):
            yield Static("", id="review-text")
        yield self.table
        yield Static("", id="review-fix", markup=False)

    def show(self, plan: Plan, findings: list[Finding], draft: ReviewDraft, today: date, plain: bool) -> None:
        """Render the draft's current stage."""
        stage = plan.stage(draft.stage)
        self.query_one("#review-text", Static).update(stage_text(plan, stage, draft, today, plain))
        self.query_one("#review-body", VerticalScroll).scroll_home(animate=False)
        self.findings = [f for f in findings if f.stage == stage.number]
        rows = [finding_row(f)[:2] + (finding_row(f)[3],) for f in self.findings]
        self.table.set_rows(rows or [("", "", "No findings on this stage.")], cursor=draft.finding)
        self.table.border_title = f"Findings on stage {stage.number}: {len(self.findings)} (g: go to the fix)"
        self._show_fix(self.table.cursor_row)

    def _show_fix(self, row: int) -> None:
        """The highlighted finding in full (the table cuts it to one line) and its fix."""
        found = self.findings[row] if row < len(self.findings) else None
        self.query_one("#review-fix", Static).update(f"{found.message}\nFix: {found.fix}" if found else "")

    def selected(self) -> Finding | None:
        """The finding under the cursor, if any."""
        row = self.table.cursor_row
        return self.findings[row] if row < len(self.findings) else None

    def focus_default(self) -> None:
        """Focus the findings, where j and k move."""
        self.table.focus()


def stage_text(plan: Plan, stage: Stage, draft: ReviewDraft, today: date, plain: bool) -> Text:
    """The stage for the meeting: purpose, state, the result sought, logs, gate, this meeting."""
    text = Text()
    evidence = [e for e in plan.evidence if e.stage == stage.number]
    outcomes = [o for o in plan.outcomes if o.stage == stage.number]
    due = f" {sym('dot', plain)} due {stage.due}" if stage.due else ""
    text.append(f"Status: {status_label(stage.status)}{due}\n")
    _section(text, "THIS MEETING", _meeting_lines(draft, stage.number, today, plain))
    _section(text, "PURPOSE", [stage.purpose])
    _section(text, "CURRENT CONSTRAINT", [stage.constraint or "(not written)"])
    _section(text, "SMALLEST OBSERVABLE RESULT", [stage.target_result or "(not written)"])
    _section(text, f"EVIDENCE ({len(evidence)})", [evidence_line(e) for e in evidence] or ["(none)"])
    _section(text, f"WHAT CHANGED ({len(outcomes)})", [outcome_line(o) for o in outcomes] or ["(none)"])
    gate = [f"{sym('bullet', plain)} {line}" for line in stage_substance(plan, stage.number, today)]
    _section(text, "WHAT ITS GATE READS", gate)
    return text


def _meeting_lines(draft: ReviewDraft, number: int, today: date, plain: bool) -> list[str]:
    verdict = draft.verdicts.get(number)
    if verdict is None:
        lines = [f"{sym('not_reviewed', plain)} Not reviewed yet: a accepts, c requests changes."]
    else:
        note = f": {verdict.note}" if verdict.note else ""
        lines = [f"{sym(verdict.outcome, plain)} {OUTCOME_WORDS[verdict.outcome].capitalize()}{note}"]
    actions = [a for a in draft.actions if a.stage == number]
    lines += [f"{sym('bullet', plain)} Action: {action_line(a, today)}" for a in actions]
    return lines


def _section(text: Text, title: str, lines: list[str]) -> None:
    text.append(f"\n{title}\n", style="bold underline")
    text.append("\n".join(line.rstrip() for line in lines) + "\n")
