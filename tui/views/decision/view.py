"""Decision (tab 9): the current pilot's evidence on one screen, the decision on it, and ROI claims."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding

from schemas.records import RoiClaim
from schemas.rules.expansion import signed
from schemas.rules.places import Place
from tui.session import PlanSession
from tui.tabs import tab_for_table
from tui.views.board import BoardView
from tui.views.decision import changes, forms
from tui.views.decision.rows import GOOD, Board, Row
from tui.widgets.columns import Column
from tui.widgets.marks import MARK_STYLES

CLAIM_ACTIONS = ("edit_claim", "delete_claim")
"""Actions on the ROI claim under the cursor."""


def columns() -> list[Column]:
    """The list's columns; the text takes what 80 columns leave."""
    styles = {**MARK_STYLES, **dict.fromkeys((GOOD.unicode, GOOD.ascii), "line-table--good")}
    return [
        Column("", 1, styles=styles),
        Column("Section", 8),
        Column("Evidence and decision", 20, flex=1),
        Column("Latest / where", 16),
        Column("Status", 14),
    ]


class DecisionView(BoardView[Row], tab="decision"):
    """The evidence of the current pilot, what blocks an expansion, the decisions and the ROI claims."""

    board: Board
    """What the tab shows now."""

    HELP = (
        "Step 8 for the current pilot: expand, modify or stop on the evidence. The list shows each "
        "stop and success condition with its latest whole-population value (✓ holds, ✗ blocks, "
        "? never measured, with the word in the Status column), the four harm measures, the "
        "completion evidence of stages 5 to 7, every reason an expansion is refused with where it "
        "is answered, the decisions on this pilot and the ROI claims; values over fewer than k "
        "people are hidden. d records the decision: expand (refused while any reason stands, and "
        "without the sponsor's sign-off), modify (names the one operating variable it changes and "
        "opens a copy of the pilot in design) or stop (closes the pilot; never refused). An "
        "expansion opens the next pilot, which extends this one and declares its population, "
        "conditions, notice and training anew; stages 5 to 8 start over. s records the sponsor's "
        "sign-off on a decision made without it. Enter goes to where a line is answered; on an "
        "ROI claim it edits the claim, n adds one, delete withdraws it. A claim without a "
        "counterfactual and a measurement design is blocking."
    )
    BINDINGS = [
        Binding("d", "decide", "Decide", id="decision.decide"),
        Binding("s", "sign_off", "Sign off", id="decision.sign_off"),
        Binding("enter", "go", "Go to", id="decision.go"),
        Binding("enter", "edit_claim", "Edit claim", id="decision.edit_claim"),
        Binding("n", "new_claim", "New ROI claim", id="decision.new_claim"),
        Binding("delete", "delete_claim", "Withdraw claim", id="decision.delete_claim"),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, columns(), lambda plan, findings, _today: Board(plan, findings), id=id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter edits an ROI claim on its line and goes to where other lines are answered."""
        on_claim = self.row is not None and bool(self.row.claim)
        if action in CLAIM_ACTIONS:
            return on_claim
        if action == "go":
            return not on_claim
        return True

    # -- the decision ------------------------------------------------------------------

    def action_decide(self) -> None:
        """Record the decision on the current pilot: expand, modify or stop."""
        pilot = self.plan.current_pilot()
        if pilot is None:
            self.notify(
                "No pilot to decide on: design one on tab 7 Pilot.", title="No decision", severity="error"
            )
            return
        form = forms.decision_form(self.plan, pilot, self.plan.plan.display_name, self.session.today)
        self.edit_in_form(form, partial(changes.decide, self.plan, pilot))

    def action_sign_off(self) -> None:
        """Record the sponsor's sign-off on the latest decision made without it."""
        decision = next((d for d in self.board.decisions if not signed(d)), None)
        if decision is None:
            words = (
                "No decision on this pilot yet: d records one."
                if not self.board.decisions
                else ("The decisions on this pilot are signed off already.")
            )
            self.notify(words, title="Nothing to sign", severity="warning")
            return
        form = forms.sign_off_form(self.plan, decision, self.session.today)
        self.edit_in_form(form, partial(changes.sign_off, self.plan, decision))

    def action_go(self) -> None:
        """Go to where the selected line is answered."""
        row = self.row
        if row is None or row.place is None:
            return
        if row.place.tab == int(self.TAB_KEY):
            self._act_here(row.place)
        elif row.entity and tab_for_table(row.entity.partition("/")[0]) is not None:
            self.open_entity(row.entity)
        else:
            self.notify(f"Answered at {row.place.words()}.", title="Where")

    def _act_here(self, place: Place) -> None:
        """Run the action of this tab that ``place`` names."""
        action = place.binding.partition(".")[2]
        getattr(self, f"action_{action}")()

    # -- ROI claims ----------------------------------------------------------------------

    def selected_claim(self) -> RoiClaim | None:
        """The ROI claim under the cursor, if the cursor is on one."""
        row = self.row
        return next((c for c in self.plan.roi_claims if row is not None and c.id == row.claim), None)

    def action_new_claim(self) -> None:
        """Add a return-on-investment claim."""
        self.edit_in_form(forms.claim_form(None), partial(changes.save_claim, self.plan, None))

    def action_edit_claim(self) -> None:
        """Edit the selected ROI claim."""
        claim = self.selected_claim()
        if claim is None:
            self.notify("Select an ROI claim first.", title="No claim")
            return
        self.edit_in_form(forms.claim_form(claim), partial(changes.save_claim, self.plan, claim))

    def action_delete_claim(self) -> None:
        """Withdraw the selected ROI claim, after asking."""
        claim = self.selected_claim()
        if claim is not None:
            self.confirm_then_apply(changes.delete_claim(claim))
