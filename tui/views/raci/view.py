"""Tab 6: the governance RACI, a grid of activities by roles edited one key at a time."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding

from schemas.edits import PlanEdit, entity, record_id, table_of
from schemas.plan import Plan
from schemas.records import RaciActivity, RaciRole
from schemas.rules.base import Finding
from schemas.text import Name
from tui import glyphs
from tui.dialogs.form import FormDialog, FormField, Values, validate_with
from tui.session import PlanSession
from tui.views.base import PlanView
from tui.views.raci import changes as rc
from tui.views.raci.grid import RaciGrid
from tui.views.raci.rows import GridColumn, GridRow
from tui.widgets.keybar import FORWARD, RARE
from tui.widgets.marks import finding_lines, mark
from tui.widgets.status_lines import StatusLines
from tui.words import SEVERITY

RULE = "raci"


def _move(key: str, action: str, what: str, binding_id: str) -> Binding:
    return Binding(key, action, what, show=False, id=f"raci.{binding_id}")


class RaciView(PlanView, tab="raci"):
    """Activities by roles: who is responsible, accountable, consulted and informed."""

    HELP = (
        "The governance RACI: for each activity, one letter per role. R responsible (does the work), "
        "A accountable (exactly one per activity), A/R accountable and doing the work itself (key /, "
        "counted as both A and R), C consulted, I informed. Each activity needs exactly one A or A/R "
        "and at least one R or A/R, and the executive sponsor (⚑ on the role) must be A of the decision "
        "to expand, modify or stop (⚑ on the activity). The mark left of each activity says whether it "
        "is valid (✓) or, like every finding, how serious its problem is (✗ blocking, ! warning); the "
        "line under the grid says why for the activity under the cursor.\n"
        "Keys with shift act on the role (column) under the cursor: N adds, E renames, D removes a role; "
        "n, enter and delete do the same for the activity (row). The activity names stay in view while "
        "the roles scroll sideways."
    )
    BINDINGS = [
        Binding("r", "set('R')", "Set R", id="raci.set_r", group=FORWARD),
        Binding("a", "set('A')", "Set A", id="raci.set_a", group=FORWARD),
        Binding("c", "set('C')", "Set C", id="raci.set_c", group=FORWARD),
        Binding("i", "set('I')", "Set I", id="raci.set_i", group=FORWARD),
        Binding("slash", "set('A/R')", "Set A/R", id="raci.set_ar", key_display="/"),
        Binding("space,backspace", "clear", "Clear", id="raci.clear"),
        Binding("n", "new", "New activity", id="raci.new"),
        Binding("N", "new_role", "New role", id="raci.new_role", group=RARE),
        Binding("enter", "edit", "Rename activity", show=False, id="raci.edit"),
        Binding("E", "edit_role", "Rename role", show=False, id="raci.edit_role"),
        Binding("delete", "delete", "Remove activity", show=False, id="raci.delete"),
        Binding("D", "delete_role", "Remove role", show=False, id="raci.delete_role"),
        _move("up,k", "move(-1, 0)", "Previous activity", "up"),
        _move("down,j", "move(1, 0)", "Next activity", "down"),
        _move("left,h", "move(0, -1)", "Previous role", "left"),
        _move("right,l", "move(0, 1)", "Next role", "right"),
        _move("pageup", "page(-1)", "Page up", "page_up"),
        _move("pagedown", "page(1)", "Page down", "page_down"),
        _move("home", "edge(-1)", "First role", "first_role"),
        _move("end", "edge(1)", "Last role", "last_role"),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, id=id)
        self.findings: list[Finding] = []
        self._select_next: dict[str, str] = {}
        """The row or column to select once the plan is shown again (one just added)."""
        # Looked up on every key press, so kept by id rather than searched.
        self._by_entity: dict[str, list[Finding]] = {}
        self._activities: dict[str, RaciActivity] = {}
        self._roles: dict[str, RaciRole] = {}
        self.grid = RaciGrid(id="raci-grid")
        self._status = StatusLines(id="raci-status")

    def compose(self) -> ComposeResult:
        """The grid, and under it the cursor cell and its activity's validation."""
        yield self.grid
        yield self._status

    # -- rendering ---------------------------------------------------------------

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Hand the rows and columns down to the grid with each row's problems."""
        self.findings = [f for f in findings if f.rule == RULE]
        self._by_entity = {}
        for finding in self.findings:
            self._by_entity.setdefault(finding.entity, []).append(finding)
        self._activities = {a.id: a for a in plan.raci_activities}
        self._roles = {r.id: r for r in plan.raci_roles}
        rows = [
            GridRow(
                a.id,
                a.name,
                {k: str(v) for k, v in a.cells.items()},
                " ".join(f.message for f in self._by_entity.get(entity(a), [])),
                a.expand_decision,
                mark(self._by_entity.get(entity(a), [])),
            )
            for a in plan.raci_activities
        ]
        columns = [GridColumn(r.id, r.name, r.sponsor) for r in plan.raci_roles]
        self.grid.set_data(rows, columns)
        if self._select_next:
            self.grid.select(**self._select_next)
            self._select_next = {}
        self._describe()

    @on(RaciGrid.CursorMoved)
    def _cursor_moved(self) -> None:
        self._describe()

    def _describe(self) -> None:
        """Say what the cursor cell holds and whether its activity is valid."""
        row, column = self._current()
        self._status.update(rc.cell_line(row, column), self._check_line(row))

    def _check_line(self, row: RaciActivity | None) -> str:
        """The row's validation in words, then problems of the RACI as a whole."""
        lines = []
        if row is not None:
            mine = self._by_entity.get(entity(row), [])
            if mine:
                symbol, word = SEVERITY[mine[0].severity]
                messages = " ".join(f.message for f in mine)
                lines.append(f"{symbol} {word}: {messages} Fix: {mine[0].fix}")
            else:
                lines.append(f"{glyphs.OK} Valid. " + rc.row_summary(self._roles, row))
        for whole in (table_of(RaciRole), table_of(RaciActivity)):
            lines += finding_lines(self._by_entity.get(whole, []))
        return "\n".join(lines)

    def focus_entity(self, entity: str) -> None:
        """Put the cursor on the activity (row) or role (column) a finding names."""
        table, _, key = entity.partition("/")
        if table == table_of(RaciActivity):
            self.grid.select(activity_id=key)
        elif table == table_of(RaciRole):
            self.grid.select(role_id=key)
        self._describe()
        self.grid.focus()

    # -- cells -------------------------------------------------------------------

    # The lines under the grid are updated in the same handler as the cursor, so one
    # frame shows both (the grid posts CursorMoved only for moves it makes itself: clicks).

    def action_move(self, rows: int, columns: int) -> None:
        """Move the cursor."""
        self.grid.move(rows, columns)
        self._describe()

    def action_page(self, direction: int) -> None:
        """Move the cursor a screenful of activities."""
        self.grid.move(direction * max(1, self.grid.size.height - RaciGrid.HEADER), 0)
        self._describe()

    def action_edge(self, direction: int) -> None:
        """Move the cursor to the first or last role."""
        self.grid.move_to(self.grid.row, 0 if direction < 0 else len(self.grid.columns) - 1)
        self._describe()

    def action_set(self, letter: str) -> None:
        """Give the role under the cursor this letter for the activity under the cursor."""
        self.grid.set_letter(letter)

    def action_clear(self) -> None:
        """Empty the cell under the cursor."""
        self.grid.set_letter(None)

    @on(RaciGrid.CellChanged)
    def _cell_changed(self, event: RaciGrid.CellChanged) -> None:
        row, column = self._activities.get(event.activity_id), self._roles.get(event.role_id)
        if row is not None and column is not None:
            self.apply(rc.set_cell(row, column, event.letter))

    # -- activities and roles ----------------------------------------------------

    def _current(self) -> tuple[RaciActivity | None, RaciRole | None]:
        """The activity and role under the cursor (as shown)."""
        activity_id, role_id = self.grid.current_ids()
        return self._activities.get(activity_id or ""), self._roles.get(role_id or "")

    def action_new(self) -> None:
        """Add an activity (a row)."""
        form = FormDialog("New RACI activity", _fields("Activity", "", _DECISION, False))
        self.edit_in_form(form, partial(self._added, rc.new_activity, "activity_id"))

    def action_new_role(self) -> None:
        """Add a role (a column)."""
        form = FormDialog("New RACI role", _fields("Role", "", _SPONSOR, False))
        self.edit_in_form(form, partial(self._added, rc.new_role, "role_id"))

    def _added(self, build: Callable[[Plan, str, bool], PlanEdit], key: str, values: Values) -> PlanEdit:
        """The new row or column's edit; the grid selects it once it is shown."""
        edit = build(self.plan, values["name"], values["flag"])
        self._select_next = {key: record_id(edit.changes[0])}
        return edit

    def action_edit(self) -> None:
        """Rename the activity under the cursor (and say whether it is the expand-or-stop decision)."""
        row, _column = self._current()
        if row is None:
            self.notify("There is no activity to rename; press n to add one.")
        else:
            fields = _fields("Activity", row.name, _DECISION, row.expand_decision)
            self._rename("Rename RACI activity", fields, row)

    def action_edit_role(self) -> None:
        """Rename the role under the cursor (and say whether it is the executive sponsor)."""
        _row, column = self._current()
        if column is None:
            self.notify("There is no role to rename; press N to add one.")
        else:
            self._rename("Rename RACI role", _fields("Role", column.name, _SPONSOR, column.sponsor), column)

    def _rename(self, title: str, fields: list[FormField], record: RaciActivity | RaciRole) -> None:
        self.edit_in_form(FormDialog(title, fields), lambda v: rc.rename(record, v["name"], v["flag"]))

    def action_delete(self) -> None:
        """Remove the activity under the cursor, after saying what it would break."""
        row, _column = self._current()
        if row is None:
            self.notify("There is no activity to remove.")
        else:
            self.confirm_then_apply(rc.remove_activity(self.plan, row))

    def action_delete_role(self) -> None:
        """Remove the role under the cursor with its letters and topic ownership, after asking."""
        _row, column = self._current()
        if column is None:
            self.notify("There is no role to remove.")
        else:
            self.confirm_then_apply(rc.remove_role(self.plan, column))


_DECISION = "Decision to expand, modify or stop (sponsor must be A)"
_SPONSOR = "Executive sponsor (owns the decision to expand or stop)"


def _fields(label: str, name: str, flag_label: str, flag: bool) -> list[FormField]:
    """A name and a yes/no flag."""
    return [
        FormField("name", label, initial=name, required=True, validator=validate_with(Name)),
        FormField("flag", flag_label, kind="bool", initial=flag),
    ]
