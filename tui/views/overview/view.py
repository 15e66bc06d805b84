"""Overview: readiness per stage, the findings, and the next action in one line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.scalar import Scalar
from textual.widgets import Static

from schemas.edits import entity
from schemas.enums import Severity, StageStatus
from schemas.findings import Finding, holds_no_longer
from schemas.plan import Plan
from schemas.records import Stage
from schemas.review import open_actions
from schemas.rules.places import RULE_PLACES
from tui.session import PlanSession
from tui.tabs import TABS, tab_for_table
from tui.views.base import DISPLAY_NAME_ID, PlanView
from tui.views.overview import changes
from tui.views.review.actions import action_columns, action_table
from tui.views.review.symbols import plain
from tui.views.scorecard.banners import banners
from tui.widgets.columns import Column
from tui.widgets.keybar import FORWARD, RARE
from tui.widgets.linetable import LineTable
from tui.widgets.marks import MARK_STYLES
from tui.widgets.textpanel import TextPanel
from tui.words import SEVERITY, SEVERITY_ORDER, count, stage_look

if TYPE_CHECKING:
    from tui.dialogs.form import Values

STAGES_MOST, STAGES_LEAST = 9, 4
"""The stage table's height: the header and eight stages, or at least the header, two stages and
the line saying where they are."""
FINDINGS_LEAST = 5
"""The findings list's least height: its border, header, a finding and where the list is."""

NO_FINDINGS = "No findings: the plan satisfies every rule."
"""The findings list's only line when there is nothing to fix."""


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Most serious first, then by stage."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.stage))


def finding_row(finding: Finding) -> tuple[str, str, str, str]:
    """('✗', 'BLOCKING', 'S3', message): symbol and word (stage 0 is the plan as a whole)."""
    symbol, word = SEVERITY[finding.severity]
    return symbol, word, f"S{finding.stage}" if finding.stage else "plan", finding.message


def finding_detail(finding: Finding) -> str:
    """The whole message the list may cut, then the fix (the row shows severity and stage)."""
    return f"{finding.message}\nFix: {finding.fix}"


def stage_detail(stage: Stage, row: Sequence[str]) -> str:
    """The stage's row in words, its title whole: 'Stage 1 Define ...: [ ] not started; ...'."""
    findings = row[4] if row[4] != "-" else "no findings"
    return f"Stage {stage.number} {stage.title}: {row[2]}; evidence {row[3]}; {findings}. Enter opens it."


def next_action(plan: Plan, findings: list[Finding]) -> str:
    """The one thing to do next: a blocking fix first, then the first open stage."""
    blocking = next((f for f in sorted_findings(findings) if f.severity is Severity.BLOCKING), None)
    if blocking is not None:
        return f"Fix: {blocking.fix}"
    stage = next((s for s in plan.stages if s.status is not StageStatus.COMPLETE), None)
    if stage is None:
        return "All eight stages are complete."
    name = f"stage {stage.number} {stage.title}"
    if stage.status is StageStatus.NOT_STARTED:
        return f"Start {name} (tab 2, key s) and write its constraint and target result."
    if not (stage.constraint and stage.target_result):
        return f"Write the current constraint and smallest observable result of {name} (tab 2, enter)."
    if not any(e.stage == stage.number for e in plan.current_evidence()):
        return f"Record completion evidence for {name} (tab 2, key e)."
    return f"Mark {name} complete (tab 2, key c)."


def _counts(findings: list[Finding], number: int) -> str:
    """'✗2 !1' for a stage's blocking and warning findings, '-' if none."""
    counts = Counter(f.severity for f in findings if f.stage == number)
    parts = [f"{SEVERITY[s][0]}{counts[s]}" for s in (Severity.BLOCKING, Severity.WARNING) if counts[s]]
    return " ".join(parts) or "-"


def stage_columns() -> list[Column]:
    """The stage table's columns; the title takes what 80 columns leave."""
    return [
        Column("#", 2),
        Column("Stage", 20, flex=1),
        Column("Status", 15),
        Column("Evidence", 8),
        Column("Findings", 8),
    ]


def finding_columns() -> list[Column]:
    """The findings list's columns: symbol (coloured, never alone), word, where, message."""
    return [
        Column("!", 1, styles=MARK_STYLES),
        Column("Severity", 8),
        Column("Where", 5),
        Column("Finding", 20, flex=1),
    ]


class OverviewView(PlanView, tab="overview"):
    """Each stage's status, evidence and findings; every finding; the next action."""

    HELP = (
        "Where the plan stands. The table shows each stage's status "
        "([ ] not started, [~] in progress, [x] complete, [!] reopened), its evidence "
        "count and its findings (✗ blocking, ! warning). Below, every finding, most "
        "serious first: press enter on one to go where it is fixed. The first line is "
        "the next action. Tab moves between the table and the list. The actions stage reviews "
        "agreed show under the stages, soonest due first (! overdue): d marks the highlighted "
        "one done, enter reads the review that agreed it, v lists every review. R starts a "
        "review (review mode). e exports a report (Markdown, HTML, CSV, JSON or the participants' "
        "notice) for people who never open a terminal. n sets your name: the history records it "
        "with your changes, and 'Recorded by' and 'Attested by' start with it."
    )
    BINDINGS = [
        Binding("enter", "open", "Go to", id="overview.open", group=FORWARD),
        Binding("d", "done", "Done", id="overview.done"),
        Binding("v", "reviews", "Reviews", id="overview.reviews", group=RARE),
        Binding("e", "export", "Export", id="overview.export", group=RARE),
        Binding("n", "display_name", "Your name", id=DISPLAY_NAME_ID, group=RARE),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, id=id)
        self.findings: list[Finding] = []
        """Every finding, most serious first, in list order."""
        self.stage_table = LineTable(
            stage_columns(), on_move=lambda row, _column: self._show_stage(row), id="stage-table"
        )
        """One row per stage."""
        self.finding_list = LineTable(
            finding_columns(), on_move=lambda row, _column: self._show_finding(row), id="findings"
        )
        """Every finding; the whole of the one under the cursor, and its fix, show below it."""
        self.actions = LineTable(action_columns(), id="review-actions")
        """The open actions from stage reviews (hidden while there are none)."""
        self.detail = TextPanel(id="finding-detail")
        """The row under the cursor in full: a finding and its fix, or a stage."""

    def compose(self) -> ComposeResult:
        """Next action, stage table, findings, the detail of the row under the cursor."""
        yield Static("", id="overview-banner", markup=False, classes="-hidden")
        yield Static("", id="next-action", markup=False)
        yield self.stage_table
        yield self.actions
        yield self.finding_list
        yield self.detail

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render the next action, the stage table and the findings."""
        lines = banners(plan, findings)
        banner = self.query_one("#overview-banner", Static)
        banner.update("\n".join(lines))
        banner.set_class(not lines, "-hidden")
        self.query_one("#next-action", Static).update(f"Next: {next_action(plan, findings)}")
        evidence = Counter(e.stage for e in plan.current_evidence())
        broken = holds_no_longer(findings)
        self.stage_table.set_rows(
            [
                (
                    str(stage.number),
                    stage.title,
                    " ".join(stage_look(stage, broken)),
                    str(evidence[stage.number]),
                    _counts(findings, stage.number),
                )
                for stage in plan.stages
            ]
        )
        self._show_actions(plan)
        self._show_findings(findings)

    def _show_actions(self, plan: Plan) -> None:
        rows, title = action_table(plan, self.session.today, plain(self.app))
        self.actions.set_rows(rows)
        self.actions.border_title = title
        self.actions.set_class(not rows, "-empty")

    def _show_findings(self, findings: list[Finding]) -> None:
        self.findings = sorted_findings(findings)
        rows = [finding_row(f) for f in self.findings] or [("", "", "", NO_FINDINGS)]
        self.finding_list.set_rows(rows)
        counts = Counter(f.severity for f in findings)
        self.finding_list.border_title = (
            f"Findings: {counts[Severity.BLOCKING]} blocking, "
            f"{count(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]} info"
        )
        self._show_detail()

    def _show_detail(self) -> None:
        """The detail of the focused table's row (the findings' when neither has focus)."""
        if self.stage_table.has_focus:
            self._show_stage(self.stage_table.cursor_row)
        else:
            self._show_finding(self.finding_list.cursor_row)

    def _show_finding(self, index: int) -> None:
        self._show(finding_detail(self.findings[index]) if index < len(self.findings) else "")

    def _show(self, text: str) -> None:
        """Show ``text`` in the detail; the stage table makes room if the detail grows."""
        self.detail.show_text(text)
        self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        """Share the new height out again."""
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Give the stage table what the findings list and the detail leave it, within 4 to 9 lines.

        At 80x24 all eight stages show; on a shorter terminal the stage table shrinks (and
        says how many stages are below) before the findings list would lose its last row.
        """
        needed = self.query_one("#next-action").outer_size.height + FINDINGS_LEAST
        needed += self.query_one("#overview-banner").outer_size.height
        needed += max(self.detail.outer_size.height, len(self.detail.lines))
        height = max(STAGES_LEAST, min(STAGES_MOST, self.size.height - needed))
        if self.stage_table.styles.max_height != Scalar.from_number(height):
            self.stage_table.styles.max_height = height

    def _show_stage(self, index: int) -> None:
        stages, rows = self.plan.stages, self.stage_table.rows
        self._show(stage_detail(stages[index], rows[index]) if index < min(len(stages), len(rows)) else "")

    def on_descendant_focus(self) -> None:
        """Tab between the tables: the detail follows the focused one."""
        self._show_detail()

    def on_line_table_row_clicked(self, event: LineTable.RowClicked) -> None:
        """A click on a row opens it, as enter does."""
        self._open(event.table)

    def action_open(self) -> None:
        """Go to where the highlighted finding (or stage) is fixed."""
        focused = next((t for t in (self.stage_table, self.actions) if t.has_focus), self.finding_list)
        self._open(focused)

    def _open(self, table: LineTable) -> None:
        if table is self.actions:
            from tui.views.review.listing import read_review, review_of_action  # loaded on first use

            review = review_of_action(self.plan, self.actions.cursor_row)
            if review is not None:
                self.app.push_screen(read_review(self.plan, review, self.session.today))
        elif table is self.stage_table:
            self.open_entity(entity(self.plan.stages[self.stage_table.cursor_row]))
        else:
            self.open_finding(self.finding_list.cursor_row)

    def open_finding(self, index: int) -> None:
        """Switch to the view that fixes finding ``index``; say so if none exists yet."""
        if index >= len(self.findings):
            return
        finding = self.findings[index]
        place = RULE_PLACES.get(finding.rule)
        opens = next((t.id for t in TABS if place is not None and t.key == str(place.tab)), "")
        if opens:
            self.open_entity(finding.entity, opens)
            return
        if finding.entity and tab_for_table(finding.entity.partition("/")[0]) is not None:
            self.open_entity(finding.entity)
            return
        if finding.stage:
            self.open_entity(entity(self.plan.stage(finding.stage)))
        self.notify(finding.fix, title="To fix")

    def action_export(self) -> None:
        """Write a report: ask the format and where, then say where it was written."""
        from tui.views.overview import export  # the reports' templates load when first used

        written: list[str] = []

        def submit(values: Values) -> str | None:
            done = export.export(self.session.store, values)
            if isinstance(done, str):
                return done
            written.append(" ".join([done.message, *(f"The plan does not say yet: {g}." for g in done.gaps)]))
            return None

        def closed(_values: Values | None) -> None:
            for message in written:
                self.notify(message, title="Exported", timeout=10)

        form = export.export_form()
        form.submit_callback = submit
        self.app.push_screen(form, closed)

    def action_display_name(self) -> None:
        """Set the name the history and the 'Recorded by' and 'Attested by' fields use for you."""
        from tui.views.overview import forms  # forms load when first used, not before the first frame

        info = self.plan.plan
        self.edit_in_form(
            forms.display_name_form(info), lambda v: changes.set_display_name(info, v["display_name"])
        )

    def focus_default(self) -> None:
        """Focus the findings list."""
        self.finding_list.focus()

    def focus_entity(self, entity: str) -> None:
        """Select the review action a finding points at."""
        key = entity.partition("/")[2]
        ids = [a.id for a in open_actions(self.plan)]
        if key in ids:
            self.actions.move_to(ids.index(key))
            self.actions.focus()

    def action_done(self) -> None:
        """Mark the highlighted open action done: who (typed) and when."""
        actions = open_actions(self.plan)
        if self.actions.cursor_row >= len(actions):
            self.notify("No open action to mark done.")
            return
        from tui.views.review import changes, forms  # loaded on first use

        action = actions[self.actions.cursor_row]
        form = forms.done_form(self.plan, action, self.session.today)
        self.edit_in_form(form, lambda values: changes.mark_done(action, values))

    def action_reviews(self) -> None:
        """List every stage review kept; each is read as it was recorded."""
        if not self.plan.reviews:
            self.notify("No stage review is recorded yet: R starts one.")
            return
        from tui.views.review.listing import ReviewsDialog  # loaded on first use

        self.app.push_screen(ReviewsDialog(self.plan, self.session.today))
