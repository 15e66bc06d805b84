"""Use cases (tab 3): the use-case matrix of Step 1 and the delivery model of Step 4."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from schemas.delivery import recommend_delivery
from schemas.enums import Severity, UseCaseStatus
from schemas.history import Change, Delete
from schemas.plan import Plan
from schemas.records import UseCase
from schemas.rules.base import DELIVERY_WORDS, Finding
from schemas.rules.matrix import limit_for
from tui.dialogs.form import FormDialog, Values
from tui.views.editing import Edit, EditingView
from tui.widgets.columns import Column
from tui.widgets.linetable import LineTable
from tui.widgets.marks import MARK_STYLES, by_entity, finding_lines, mark
from tui.widgets.textpanel import TextPanel
from tui.widgets.usecase_forms import (
    DeliveryDialog,
    delete_question,
    delivery_changes,
    form_changes,
    loosening_question,
    loosens_guardrail,
    status_change,
    status_label,
    use_case_fields,
)

_ORDER = list(UseCaseStatus)


def matrix_columns() -> list[Column]:
    """The matrix's columns; flexible ones share what 80 columns leave."""
    return [
        Column("!", 1, styles=MARK_STYLES),
        Column("Use case", 14, flex=3),
        Column("Status", 16),
        Column("Required control", 12, flex=3),
        Column("Route to", 8, flex=1),
        Column("Delivery", 9),
    ]


class UseCasesView(EditingView, tab="use-cases"):
    """The matrix: status, required control, route-to and delivery model of every use case."""

    HELP = (
        "The use-case matrix (Step 1) and each use case's delivery model (Step 4). Status reads "
        "as a symbol and a word: ✓ permitted, ◐ permitted with controls, ● human-required, "
        "✕ prohibited (+ ~ H X without colour). The ! column marks findings (✗ blocking, ! "
        "warning); the panel below explains the selected row. [ loosens and ] tightens the "
        "status one step; loosening one of the framework's limits (mental-health support, "
        "employee discipline, protected-trait or health inference, performance management) "
        "asks first and stays a blocking finding. m opens the delivery model: the three "
        "factors, the recommendation and why, the chosen model, and a rationale when the "
        "choice differs."
    )
    BINDINGS = [
        Binding("enter", "edit", "Edit", id="use-cases.edit"),
        Binding("n", "new", "New", id="use-cases.new"),
        Binding("delete", "delete", "Delete", id="use-cases.delete"),
        Binding("left_square_bracket", "loosen", "Loosen", id="use-cases.loosen", key_display="["),
        Binding("right_square_bracket", "tighten", "Tighten", id="use-cases.tighten", key_display="]"),
        Binding("m", "delivery", "Delivery", id="use-cases.delivery"),
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case_ids: list[str] = []
        self.findings_by_case: dict[str, list[Finding]] = {}
        self.matrix = LineTable(
            matrix_columns(), on_move=lambda _row, _column: self._detail(), id="uc-matrix"
        )
        """The matrix."""
        self.panel = TextPanel(id="uc-detail")
        """The selected use case explained."""

    def compose(self) -> ComposeResult:
        """Summary line, matrix, detail panel."""
        yield Static("", id="uc-summary", markup=False)
        yield self.matrix
        yield self.panel

    # -- rendering ---------------------------------------------------------------

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render every row with its findings mark, the summary and the selected row's detail."""
        self.findings_by_case = by_entity(findings, "use_cases")
        ascii_only = self.app.no_color
        self.case_ids = [case.id for case in plan.use_cases]
        self.matrix.set_rows([self._row(case, ascii_only) for case in plan.use_cases])
        self._summary(plan, findings)
        self._detail()

    def _row(self, case: UseCase, ascii_only: bool) -> tuple[str, ...]:
        symbol = mark(self.findings_by_case.get(case.id, []))
        route = case.route_to if case.status is UseCaseStatus.PROHIBITED else ""
        delivery = DELIVERY_WORDS[case.delivery] if case.delivery else "-"
        return (
            symbol,
            case.name,
            status_label(case.status, ascii_only),
            case.control or "-",
            route,
            delivery,
        )

    def _summary(self, plan: Plan, findings: list[Finding]) -> None:
        mine = [f for f in findings if f.entity == "use_cases" or f.entity.startswith("use_cases/")]
        blocking = sum(f.severity is Severity.BLOCKING for f in mine)
        text = f"{len(plan.use_cases)} use cases; {blocking} blocking, {len(mine) - blocking} other findings."
        whole = [f for f in mine if f.entity == "use_cases"]
        if whole:
            text += " " + finding_lines(whole)[0]
        self.query_one("#uc-summary", Static).update(text)

    def selected(self) -> UseCase | None:
        """The use case under the cursor."""
        row = self.matrix.cursor_row
        if not self.case_ids or row >= len(self.case_ids):
            return None
        wanted = self.case_ids[row]
        cases = self.plan.use_cases
        case = cases[row] if row < len(cases) and cases[row].id == wanted else None
        return case or next((c for c in cases if c.id == wanted), None)

    def _detail(self) -> None:
        case = self.selected()
        text = self.detail_text(case) if case else "No use cases yet: press n to add one."
        first, _, rest = text.partition("\n")
        where = f"  ({self.matrix.cursor_row + 1} of {len(self.case_ids)})" if case else ""  # no scrollbar
        self.panel.show_text(f"{first}{where}\n{rest}")

    def detail_text(self, case: UseCase) -> str:
        """What the panel says about ``case``: status, control, route, delivery, findings."""
        limit = " (a limit of the framework)" if case.guardrail or limit_for(case.name) else ""
        lines = [f"{case.name}: {status_label(case.status, self.app.no_color)}{limit}"]
        if case.status is not UseCaseStatus.PERMITTED or case.control:
            lines.append(f"Control: {case.control or '(none written)'}")
        if case.status is UseCaseStatus.PROHIBITED:
            lines.append(f"Route to: {case.route_to or '(nowhere named)'}")
        recommended, reason = recommend_delivery(case.consequence, case.complexity, case.escalation)
        chosen = DELIVERY_WORDS[case.delivery] if case.delivery else "not chosen"
        lines.append(f"Delivery: {chosen}. Recommended: {reason}")
        lines.append(
            f"Factors: consequence {case.consequence.value}, complexity {case.complexity.value}, "
            f"escalation need {case.escalation.value}."
        )
        if case.delivery_rationale:
            lines.append(f"Rationale: {case.delivery_rationale}")
        lines += finding_lines(self.findings_by_case.get(case.id, []))
        return "\n".join(lines)

    def focus_default(self) -> None:
        """Focus the matrix."""
        self.matrix.focus()

    def focus_entity(self, entity: str) -> None:
        """Select the use case a finding points at."""
        key = entity.partition("/")[2]
        if key in self.case_ids:
            self.matrix.move_to(self.case_ids.index(key))
        self.matrix.focus()

    # -- editing -------------------------------------------------------------------

    def action_new(self) -> None:
        """Add a use case through the form."""
        if self.can_edit():
            self._open_form(None)

    def action_edit(self) -> None:
        """Edit the selected use case's name, status, control and route."""
        case = self.selected()
        if case is not None and self.can_edit():
            self._open_form(case)

    def _open_form(self, case: UseCase | None) -> None:
        pending: list[Callable[[], None]] = []

        def submit(values: Values) -> str | None:
            changes, summary = form_changes(case, values, self.case_ids)
            if not changes:
                return None
            old = case.status if case else None
            guardrail = case.guardrail if case else limit_for(values["name"]) is not None
            if loosens_guardrail(values["name"], guardrail, old, values["status"]):
                question = loosening_question(values["name"], guardrail, values["status"])
                pending.append(partial(self._confirm_loosening, question, changes, summary))
                return None
            return self.attempt("use_case.new" if case is None else "use_case.edit", changes, summary)

        def closed(_values: Values | None) -> None:
            for step in pending:
                step()

        title = "New use case" if case is None else f'Edit use case "{case.name}"'
        self.app.push_screen(FormDialog(title, use_case_fields(case), submit=submit), closed)

    def _confirm_loosening(self, question: str, changes: list[Change], summary: str) -> None:
        edit = (changes, summary + " (a framework limit, loosened after confirmation)")
        self.confirm_edit(question, "Loosen anyway", "use_case.loosen_guardrail", edit, no="Keep it")

    def action_tighten(self) -> None:
        """Make the selected use case's status one step stricter."""
        case = self.selected()
        if case is None or not self.can_edit():
            return
        if case.status is UseCaseStatus.PROHIBITED:
            self.notify(f'"{case.name}" is already prohibited, the strictest status.')
            return
        self.commit("use_case.tighten", *status_change(case, _ORDER[_ORDER.index(case.status) + 1]))

    def action_loosen(self) -> None:
        """Make the selected use case's status one step looser (a framework limit asks first)."""
        case = self.selected()
        if case is None or not self.can_edit():
            return
        if case.status is UseCaseStatus.PERMITTED:
            self.notify(f'"{case.name}" is already permitted, the loosest status.')
            return
        new = _ORDER[_ORDER.index(case.status) - 1]
        if loosens_guardrail(case.name, case.guardrail, case.status, new):
            question = loosening_question(case.name, case.guardrail, new)
            self._confirm_loosening(question, *status_change(case, new))
            return
        self.commit("use_case.loosen", *status_change(case, new))

    def action_delete(self) -> None:
        """Remove the selected use case after saying what it would break."""
        case = self.selected()
        if case is None or not self.can_edit():
            return
        edit: Edit = ([Delete(table="use_cases", key=case.id)], f'Deleted use case "{case.name}".')
        self.confirm_edit(delete_question(case, self.plan), "Delete", "use_case.delete", edit)

    def action_delivery(self) -> None:
        """Choose the selected use case's delivery model from its three factors."""
        case = self.selected()
        if case is None or not self.can_edit():
            return

        def submit(values: Values) -> str | None:
            changes, summary = delivery_changes(case, values)
            return self.attempt("use_case.delivery", changes, summary) if changes else None

        self.app.push_screen(DeliveryDialog(case, submit=submit))
