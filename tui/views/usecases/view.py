"""Use cases (tab 3): the use-case matrix of Step 1 and the delivery model of Step 4."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from schemas.delivery import recommend_delivery
from schemas.edits import AskFirst, table_of
from schemas.enums import Severity, UseCaseStatus
from schemas.plan import Plan
from schemas.records import UseCase
from schemas.rules.base import DELIVERY_WORDS, Finding
from schemas.rules.matrix import limit_for
from tui.session import PlanSession
from tui.views.base import PlanView
from tui.views.usecases import changes, forms
from tui.views.usecases.forms import status_label
from tui.widgets.columns import Column
from tui.widgets.keybar import FORWARD, RARE
from tui.widgets.linetable import LineTable
from tui.widgets.marks import MARK_STYLES, by_entity, finding_lines, mark
from tui.widgets.textpanel import TextPanel


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


class UseCasesView(PlanView, tab="use-cases"):
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
        Binding("enter", "edit", "Edit", id="use-cases.edit", group=FORWARD),
        Binding("n", "new", "New", id="use-cases.new"),
        Binding("delete", "delete", "Delete", id="use-cases.delete", group=RARE),
        Binding("left_square_bracket", "loosen", "Loosen", id="use-cases.loosen", key_display="["),
        Binding("right_square_bracket", "tighten", "Tighten", id="use-cases.tighten", key_display="]"),
        Binding("m", "delivery", "Delivery", id="use-cases.delivery", group=FORWARD),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, id=id)
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
        self.findings_by_case = by_entity(findings, table_of(UseCase))
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
        table = table_of(UseCase)
        mine = [f for f in findings if f.entity.partition("/")[0] == table]
        blocking = sum(f.severity is Severity.BLOCKING for f in mine)
        text = f"{len(plan.use_cases)} use cases; {blocking} blocking, {len(mine) - blocking} other findings."
        whole = [f for f in mine if f.entity == table]
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
        self.edit_in_form(forms.use_case_form(None), partial(changes.save, self.plan, None))

    def action_edit(self) -> None:
        """Edit the selected use case's name, status, control and route."""
        if (case := self.selected()) is not None:
            self.edit_in_form(forms.use_case_form(case), partial(changes.save, self.plan, case))

    def action_tighten(self) -> None:
        """Make the selected use case's status one step stricter."""
        self._step(1)

    def action_loosen(self) -> None:
        """Make the selected use case's status one step looser (a framework limit asks first)."""
        self._step(-1)

    def _step(self, steps: int) -> None:
        case = self.selected()
        if case is None:
            return
        outcome = changes.step_status(case, steps)
        if isinstance(outcome, str):
            self.notify(outcome)
        elif isinstance(outcome, AskFirst):
            self.confirm_then_apply(outcome)
        else:
            self.apply(outcome)

    def action_delete(self) -> None:
        """Remove the selected use case after saying what it would break."""
        if (case := self.selected()) is not None:
            self.confirm_then_apply(changes.delete(case, self.plan))

    def action_delivery(self) -> None:
        """Choose the selected use case's delivery model from its three factors."""
        if (case := self.selected()) is not None:
            self.edit_in_form(forms.DeliveryDialog(case), partial(changes.delivery, case))
