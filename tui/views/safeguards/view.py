"""Safeguards (tab 4): the four prohibitions, data access, aggregation and consultations (Step 2)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Static

from schemas.edits import AskFirst, table_of
from schemas.plan import Plan
from schemas.records import Consultation, DataAccessRule, Policy, Prohibition
from schemas.rules.base import Finding
from schemas.rules.safeguards import MIN_K, PROHIBITION_WORDS
from tui.dialogs.form import FormDialog
from tui.session import PlanSession
from tui.views.base import PlanView
from tui.views.safeguards import changes, forms, rows
from tui.widgets.keybar import FORWARD, RARE
from tui.widgets.linetable import LineTable
from tui.widgets.marks import by_entity, finding_lines
from tui.widgets.signedscroll import SignedScroll
from tui.widgets.textpanel import TextPanel
from tui.words import actor

PROHIBITIONS, ACCESS, CONSULTATIONS = "sg-prohibitions", "sg-access", "sg-consultations"
"""The ids of the view's three lists."""

SECTION_OF: dict[str, str] = {
    **dict.fromkeys(("attest", "withdraw"), PROHIBITIONS),
    **dict.fromkeys(("cycle_level", "rename_role", "add_role", "remove_role"), ACCESS),
    **dict.fromkeys(("new_consultation", "edit_consultation", "delete_consultation"), CONSULTATIONS),
}
"""The list each action works on; its keys show and work only while that list has focus."""

FIRST_CATEGORY = 2
"""The grid column of the first data category (after the findings mark and the role)."""


class SafeguardsView(PlanView, tab="safeguards"):
    """Prohibitions with attestation, the data-access grid, k, and the consultation records."""

    HELP = (
        "Separate coaching from surveillance (Step 2). Tab moves between the three lists. "
        "Prohibitions: the four things coaching is never used for; a attests one (who and "
        "when are recorded), w withdraws the attestation. Data access: which role reads how "
        "much of each kind of coaching data; left/right (h/l) pick the category, space steps "
        "the level (none, own only, aggregate, individual). Only the employee may read their "
        "own coaching content and profiles; ✗ marks a cell that breaks a rule. g sets the "
        "minimum group size k of any aggregate (default 5, never below 3). Consultations: what "
        "the works council, employee representatives, a participant panel, the data protection officer "
        "or a body you name said, the outcome (informed, consulted, agreed, objected) and how the plan "
        "answered; an objection stays a warning (! on the row) until the plan answers it."
    )
    BINDINGS = [
        Binding("a", "attest", "Attest", id="safeguards.attest", group=FORWARD),
        Binding("w", "withdraw", "Withdraw", id="safeguards.withdraw", group=RARE),
        Binding("space", "cycle_level", "Level", id="safeguards.cycle_level", group=FORWARD),
        Binding("enter", "rename_role", "Rename role", id="safeguards.rename_role", group=RARE),
        Binding("n", "add_role", "Add role", id="safeguards.add_role"),
        Binding("delete", "remove_role", "Remove role", id="safeguards.remove_role", group=RARE),
        Binding("enter", "edit_consultation", "Edit", id="safeguards.edit_consultation", group=FORWARD),
        Binding("n", "new_consultation", "New consultation", id="safeguards.new_consultation", group=FORWARD),
        Binding("delete", "delete_consultation", "Delete", id="safeguards.delete_consultation", group=RARE),
        Binding("g", "group_size", "Set k", id="safeguards.group_size"),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, id=id)
        self.found: dict[str, dict[str, list[Finding]]] = {}
        self.whole: list[Finding] = []
        self.access: list[rows.AccessRow] = []
        self.panel = TextPanel(id="sg-detail")
        """The selected item of the focused list explained."""

    def compose(self) -> ComposeResult:
        """Three lists and the k line in a scrolling column, the detail panel below."""
        with SignedScroll(id="sg-scroll"):
            title = "Prohibitions: a attest, w withdraw"
            yield LineTable(forms.prohibition_columns(), title=title, on_move=self._moved, id=PROHIBITIONS)
            cells = range(FIRST_CATEGORY, FIRST_CATEGORY + 4)
            title = "Data access: left/right pick, space next level"
            yield LineTable(forms.access_columns(), cells=cells, title=title, on_move=self._moved, id=ACCESS)
            yield Static("", id="sg-policy", markup=False)
            title = "Consultations: n new, enter edit"
            yield LineTable(forms.consultation_columns(), title=title, on_move=self._moved, id=CONSULTATIONS)
        yield self.panel

    def table(self, section: str) -> LineTable:
        """One of the three lists, by id."""
        return self.query_one(f"#{section}", LineTable)

    # -- rendering ---------------------------------------------------------------------

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render the lists with their findings, the k line and the detail panel."""
        self.found = {t: by_entity(findings, t) for t in self.TABLES}
        self.whole = [f for f in findings if f.entity == table_of(Prohibition)]
        found_on = self.found[table_of(Prohibition)]
        lines = [rows.prohibition_row(p, found_on.get(p.id, [])) for p in plan.prohibitions]
        self.table(PROHIBITIONS).set_rows(lines)
        self.access = rows.access_rows(plan)
        self.table(ACCESS).set_rows(
            [rows.access_cells(r, self.found[table_of(DataAccessRule)]) for r in self.access]
        )
        self.table(CONSULTATIONS).set_rows([rows.consultation_row(c) for c in plan.consultations])
        k = plan.policy.min_group_size
        line = f"Aggregates: none over fewer than k = {k} people (at least {MIN_K}). g changes k."
        policy = finding_lines(self.found[table_of(Policy)].get(plan.policy.id, []))
        self.query_one("#sg-policy", Static).update("\n".join([line, *policy]))
        self._detail()

    def _section(self) -> str | None:
        """The id of the list that has focus, if one has."""
        focused = self.screen.focused
        return focused.id if isinstance(focused, LineTable) and focused.id in SECTION_OF.values() else None

    def _detail(self) -> None:
        lines = {
            PROHIBITIONS: self._prohibition_detail,
            ACCESS: self._access_detail,
            CONSULTATIONS: self._consultation_detail,
        }[self._section() or PROHIBITIONS]()
        self.panel.show_text("\n".join(lines))

    def _prohibition_detail(self) -> list[str]:
        prohibition = self._prohibition()
        if prohibition is None:
            return finding_lines(self.whole) or ["The plan holds no prohibitions."]
        found = self.found[table_of(Prohibition)].get(prohibition.id, [])
        return rows.prohibition_detail(prohibition) + finding_lines(found + self.whole)

    def _access_detail(self) -> list[str]:
        if not self.access:
            return ["No roles in the grid: press n to add one."]
        row, index = self._cell()
        rule = row.rules[index]
        found = self.found[table_of(DataAccessRule)].get(rule.id, []) if rule else []
        return [rows.cell_text(row, index), *finding_lines(found)]

    def _consultation_detail(self) -> list[str]:
        consultation = self._consultation()
        if consultation is None:
            return ["No consultations recorded: press n to add one."]
        return rows.consultation_detail(consultation)

    def _moved(self, _row: int, _column: int) -> None:
        self._detail()

    def on_descendant_focus(self) -> None:
        """Explain the selected item of the list that got focus."""
        self._detail()

    def focus_default(self) -> None:
        """Focus the prohibitions, unless a list of this view already has focus."""
        if self._section() is None:
            self.table(PROHIBITIONS).focus()

    def focus_entity(self, entity: str) -> None:
        """Select the record a finding points at."""
        table, _, key = entity.partition("/")
        prohibitions = [p.id for p in self.plan.prohibitions]
        consultations = [c.id for c in self.plan.consultations]
        if table == table_of(Prohibition):
            self._select(PROHIBITIONS, prohibitions.index(key) if key in prohibitions else 0)
        elif table == table_of(Consultation) and key in consultations:
            self._select(CONSULTATIONS, consultations.index(key))
        elif table == table_of(Policy):
            self.action_group_size()
        for index, row in enumerate(self.access if table == table_of(DataAccessRule) else []):
            for position, rule in enumerate(row.rules):
                if rule is not None and rule.id == key:
                    self._select(ACCESS, index, FIRST_CATEGORY + position)

    def _select(self, section: str, row: int, column: int | None = None) -> None:
        self.table(section).move_to(row, column)
        self.table(section).focus()

    # -- which keys apply where ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show a list's keys only while that list has focus (g and the app's keys always)."""
        section = SECTION_OF.get(action)
        return section is None or section == self._section()

    async def run_action(self, action: str, namespaces: Mapping[str, DOMNode] | None = None) -> None:
        """Run an action without its key (the command palette): focus its list first."""
        section = SECTION_OF.get(action)
        if section is not None:
            self.screen.set_focus(self.table(section))
        await super().run_action(action, namespaces)

    def _prohibition(self) -> Prohibition | None:
        items, row = self.plan.prohibitions, self.table(PROHIBITIONS).cursor_row
        return items[row] if row < len(items) else None

    def _consultation(self) -> Consultation | None:
        items, row = self.plan.consultations, self.table(CONSULTATIONS).cursor_row
        return items[row] if row < len(items) else None

    def _cell(self) -> tuple[rows.AccessRow, int]:
        """The grid's selected role and category index."""
        grid = self.table(ACCESS)
        return self.access[grid.cursor_row], grid.cursor_column - FIRST_CATEGORY

    def action_attest(self) -> None:
        """Record who attests the selected prohibition, and now."""
        if (prohibition := self._prohibition()) is not None:
            title = f"Attest: no {PROHIBITION_WORDS[prohibition.key]}"
            form = FormDialog(
                title,
                forms.attest_fields(actor(self.plan), self.name_hint()),
                intro=prohibition.text,
                save_label="Attest",
            )
            self.edit_in_form(form, lambda v: changes.attest(prohibition, v["by"], _now()))

    def action_withdraw(self) -> None:
        """Withdraw the selected prohibition's attestation, after asking."""
        prohibition = self._prohibition()
        if prohibition is None:
            return
        if not prohibition.attested_by:
            self.notify(f"The prohibition of {PROHIBITION_WORDS[prohibition.key]} is not attested.")
            return
        question = rows.withdraw_question(prohibition)
        self.confirm_then_apply(AskFirst(question, changes.withdraw(prohibition), yes="Withdraw"))

    def action_cycle_level(self) -> None:
        """Step the selected cell to the next access level."""
        if self.access:
            self.apply(changes.next_level(self.plan, *self._cell()))

    def action_add_role(self) -> None:
        """Add a role to the grid, with no access to anything."""
        taken = {row.role.casefold() for row in self.access}
        form = FormDialog("Add a role to data access", forms.role_fields("", taken))
        self.edit_in_form(form, lambda v: changes.add_role(self.plan, v["role"]))

    def action_rename_role(self) -> None:
        """Rename the selected role."""
        if self.access:
            row, _index = self._cell()
            taken = {r.role.casefold() for r in self.access} - {row.role.casefold()}
            form = FormDialog(f"Rename role {row.role}", forms.role_fields(row.role, taken))
            self.edit_in_form(form, lambda v: changes.rename_role(row, v["role"]))

    def action_remove_role(self) -> None:
        """Remove the selected role from the grid, after asking."""
        if self.access:
            row, _index = self._cell()
            question = f"Remove {row.role} and its access to all four kinds of coaching data?"
            self.confirm_then_apply(AskFirst(question, changes.remove_role(row), yes="Remove"))

    def action_group_size(self) -> None:
        """Set the minimum group size k (never below 3)."""
        policy = self.plan.policy
        form = FormDialog("Aggregation policy", forms.k_fields(policy.min_group_size))
        self.edit_in_form(form, lambda v: changes.set_k(policy, v["k"]))

    def action_new_consultation(self) -> None:
        """Record a consultation."""
        self._consultation_form(None)

    def action_edit_consultation(self) -> None:
        """Edit the selected consultation."""
        if (consultation := self._consultation()) is not None:
            self._consultation_form(consultation)

    def _consultation_form(self, consultation: Consultation | None) -> None:
        title = "New consultation" if consultation is None else "Edit consultation"
        form = FormDialog(title, forms.consultation_fields(consultation, self.session.today))
        self.edit_in_form(form, partial(changes.save_consultation, self.plan, consultation))

    def action_delete_consultation(self) -> None:
        """Delete the selected consultation, after asking."""
        if (consultation := self._consultation()) is not None:
            question = rows.delete_question(consultation)
            self.confirm_then_apply(
                AskFirst(question, changes.delete_consultation(consultation), yes="Delete")
            )


def _now() -> datetime:
    """Now, as an attestation records it."""
    return datetime.now(UTC)
