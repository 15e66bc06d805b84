"""Overview: readiness per stage, the findings, and the next action in one line."""

from __future__ import annotations

from collections import Counter

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from schemas.enums import Severity, StageStatus
from schemas.findings import Finding
from schemas.plan import Plan
from tui.views.base import PlanView
from tui.widgets.lists import PlanList, PlanTable
from tui.words import SEVERITY, SEVERITY_ORDER, shorten, status_label

PAGE = 50
"""Findings listed at first, and added by each "more" (a long list is measured line by line)."""


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    """Most serious first, then by stage."""
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.stage))


def finding_line(finding: Finding) -> str:
    """'✗ BLOCKING  S3  message' (stage 0 is the plan as a whole)."""
    symbol, word = SEVERITY[finding.severity]
    where = f"S{finding.stage}" if finding.stage else "plan"
    return f"{symbol} {word:<8} {where:<4} {finding.message}"


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
    if not any(e.stage == stage.number for e in plan.evidence):
        return f"Record completion evidence for {name} (tab 2, key e)."
    return f"Mark {name} complete (tab 2, key c)."


def _counts(findings: list[Finding], number: int) -> str:
    """'✗2 !1' for a stage's blocking and warning findings, '-' if none."""
    counts = Counter(f.severity for f in findings if f.stage == number)
    parts = [f"{SEVERITY[s][0]}{counts[s]}" for s in (Severity.BLOCKING, Severity.WARNING) if counts[s]]
    return " ".join(parts) or "-"


class OverviewView(PlanView, tab="overview"):
    """Each stage's status, evidence and findings; every finding; the next action."""

    HELP = (
        "Where the plan stands. The table shows each stage's status "
        "([ ] not started, [~] in progress, [x] complete, [!] reopened), its evidence "
        "count and its findings (✗ blocking, ! warning). Below, every finding, most "
        "serious first: press enter on one to go where it is fixed. The first line is "
        "the next action. Tab moves between the table and the list."
    )
    BINDINGS = [Binding("enter", "open", "Go to", id="overview.open")]

    shown: list[Finding] = []
    """The findings listed, in list order (set by ``show``)."""
    limit: int = PAGE
    """How many findings the list holds at most."""
    findings: list[Finding] = []
    """Every finding, most serious first."""

    def compose(self) -> ComposeResult:
        """Next action, stage table, findings, fix hint."""
        yield Static("", id="next-action", markup=False)
        yield PlanTable(id="stage-table")
        yield PlanList(id="findings")
        yield Static("", id="finding-fix", markup=False)

    def on_mount(self) -> None:
        """Create the table's columns."""
        table = self.query_one("#stage-table", PlanTable)
        table.add_columns("#", "Stage", "Status", "Evidence", "Findings")

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render the next action, the stage table and the findings."""
        self.query_one("#next-action", Static).update(f"Next: {next_action(plan, findings)}")
        self._show_stages(plan, findings)
        self._show_findings(findings)

    def _show_stages(self, plan: Plan, findings: list[Finding]) -> None:
        table = self.query_one("#stage-table", PlanTable)
        row = table.cursor_row
        table.clear()
        evidence = Counter(e.stage for e in plan.evidence)
        for stage in plan.stages:
            cells = (
                str(stage.number),
                shorten(stage.title, 32),
                status_label(stage.status),
                str(evidence[stage.number]),
                _counts(findings, stage.number),
            )
            table.add_row(*(Text(cell) for cell in cells), key=stage.id)
        table.move_cursor(row=min(row, len(plan.stages) - 1))

    def _show_findings(self, findings: list[Finding]) -> None:
        self.findings = sorted_findings(findings)
        self._fill_list()
        counts = Counter(f.severity for f in findings)
        listing = self.query_one("#findings", PlanList)
        listing.border_title = (
            f"Findings: {counts[Severity.BLOCKING]} blocking, "
            f"{counts[Severity.WARNING]} warnings, {counts[Severity.INFO]} info"
        )
        self._show_fix(listing.highlighted)

    def _fill_list(self) -> None:
        """List the first ``limit`` findings, and a "more" line for the rest."""
        listing = self.query_one("#findings", PlanList)
        at = listing.highlighted or 0
        self.shown = self.findings[: self.limit]
        options = [Option(Content(finding_line(f))) for f in self.shown]
        more = len(self.findings) - len(self.shown)
        if more:
            options.append(
                Option(Content(f"… {more} more: press enter to list {min(more, PAGE)} more"), id="more")
            )
        if not self.findings:
            options.append(Option("No findings: the plan satisfies every rule.", disabled=True))
        listing.set_options(options)
        if self.shown:
            listing.highlighted = min(at, len(self.shown) - 1)

    def _show_fix(self, index: int | None) -> None:
        fix = self.shown[index].fix if index is not None and index < len(self.shown) else ""
        self.query_one("#finding-fix", Static).update(f"Fix: {fix}" if fix else "")

    @on(OptionList.OptionHighlighted, "#findings")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_fix(event.option_index)

    @on(OptionList.OptionSelected, "#findings")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.open_finding(event.option_index)

    @on(DataTable.RowSelected, "#stage-table")
    def _stage_selected(self, event: DataTable.RowSelected) -> None:
        self.coach.open_entity(f"stages/{event.row_key.value}")

    def action_open(self) -> None:
        """Go to where the highlighted finding (or stage) is fixed."""
        if self.query_one("#stage-table").has_focus:
            table = self.query_one("#stage-table", PlanTable)
            self.coach.open_entity(f"stages/{self.plan.stages[table.cursor_row].id}")
        else:
            self.open_finding(self.query_one("#findings", PlanList).highlighted)

    def open_finding(self, index: int | None) -> None:
        """Switch to the view that fixes finding ``index``; say so if none exists yet."""
        if index == len(self.shown) and len(self.findings) > index:
            self.limit += PAGE
            self._fill_list()
            self.query_one("#findings", PlanList).highlighted = index
            return
        if index is None or index >= len(self.shown):
            return
        finding = self.shown[index]
        if finding.entity and self.coach.open_entity(finding.entity):
            return
        if finding.stage:
            self.coach.open_entity(f"stages/{self.plan.stage(finding.stage).id}")
        self.notify(finding.fix, title="To fix")

    def focus_default(self) -> None:
        """Focus the findings list."""
        self.query_one("#findings", PlanList).focus()
