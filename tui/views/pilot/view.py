"""Pilot (tab 7): design one bounded experiment, declare its conditions, train both audiences, run it."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding

from schemas.enums import PilotStatus
from schemas.records import Condition, Jurisdiction, Pilot, TrainingSession
from schemas.rules.base import pilot_label
from schemas.rules.places import Place
from tui.session import PlanSession
from tui.tabs import tab_for_table
from tui.views.board import BoardView
from tui.views.pilot import changes, forms
from tui.views.pilot.line import OPEN, Row, columns
from tui.views.pilot.rows import Board
from tui.widgets.keybar import FORWARD, RARE


class PilotView(BoardView[Row], tab="pilot"):
    """The current pilot's design, jurisdictions, conditions and training; earlier pilots read-only."""

    board: Board
    """What the tab shows now."""

    HELP = (
        "Steps 5 and 6: pilot one workflow with a limited population, informed notice, opt-out, "
        "support, a human escalation route and predeclared stop conditions; train employees and "
        "managers on purpose, limits, privacy, escalation and what the system must never be asked "
        "to do. e designs the pilot (a new one once the last has ended): the workflow is one of "
        "the use cases that may be piloted, and the population is checked against the cap, the "
        "policy cap and at most 10% of the organization. J declares a jurisdiction and its legal "
        "review, c a success or stop condition (on a scorecard metric), t a training session. "
        "s starts the pilot: refused while a finding would block it, each listed first with "
        "where it is fixed; starting records who and when and locks the conditions. After that "
        "a amends a condition with a reason, and the list shows the original beside it. f "
        "completes the pilot and X stops it, each with a reason. Enter edits the line, or goes "
        "to where a reason is fixed; delete removes a jurisdiction, a training session or a "
        "condition not yet locked."
    )
    BINDINGS = [
        Binding("e", "design", "Design", id="pilot.design", group=FORWARD),
        Binding("c", "new_condition", "Condition", id="pilot.new_condition", group=FORWARD),
        Binding("J", "new_jurisdiction", "Jurisdiction", id="pilot.new_jurisdiction"),
        Binding("t", "new_training", "Training", id="pilot.new_training", group=FORWARD),
        Binding("s", "start", "Start", id="pilot.start", group=FORWARD),
        Binding("a", "amend", "Amend", id="pilot.amend"),
        Binding("f", "complete", "Complete", id="pilot.complete", group=RARE),
        Binding("X", "stop", "Stop", id="pilot.stop", group=RARE),
        Binding("enter", "edit", "Edit", id="pilot.edit"),
        Binding("delete", "remove", "Remove", id="pilot.remove", group=RARE),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, columns(), Board, id=id)

    def focus_entity(self, entity: str) -> None:
        """Select the line about the record a finding points at."""
        # The line of the record itself before a reason its start is refused.
        order = sorted(enumerate(self.board.rows), key=lambda item: item[1].kind == "refusal")
        at = next((i for i, row in order if row.entity == entity), None)
        if at is not None:
            self.table.move_to(at)
        self.table.focus()

    # -- what is selected ----------------------------------------------------------------

    def _open_pilot(self) -> Pilot | None:
        """The current pilot while it is in design or running."""
        pilot = self.board.pilot
        return pilot if pilot is not None and pilot.status in OPEN else None

    def _record(self, kind: str) -> str:
        row = self.row
        return row.record if row is not None and row.kind == kind else ""

    def _selected_condition(self) -> Condition | None:
        key = self._record("condition")
        return next((c for c in self.plan.conditions if c.id == key), None)

    def _say(self, words: str, title: str = "Pilot") -> None:
        self.notify(words, title=title, severity="warning")

    def _no_pilot(self) -> None:
        pilot = self.board.pilot
        if pilot is None:
            self._say("No pilot yet: e designs one.")
        else:
            self._say(f"{pilot_label(pilot, start=True)} is {pilot.status.value}: e designs a new pilot.")

    # -- the design ------------------------------------------------------------------------

    def action_design(self) -> None:
        """Design the current pilot, or a new one when there is none in design or running."""
        pilot = self._open_pilot()
        self.edit_in_form(forms.design_form(self.plan, pilot), partial(changes.save_design, self.plan, pilot))

    def action_edit(self) -> None:
        """Edit the selected line, or go to where the reason on it is fixed."""
        row = self.row
        if row is None:
            return
        if row.kind.startswith("new_"):
            getattr(self, f"action_{row.kind}")()
        elif row.kind == "refusal" and row.place is not None:
            self._go(row.place, row.entity)
        elif row.kind == "design" and self._open_pilot() is not None:
            self.action_design()
        elif row.kind == "design":
            self._no_pilot()
        elif row.kind == "jurisdiction":
            self._edit_jurisdiction(next(j for j in self.plan.jurisdictions if j.id == row.record))
        elif row.kind == "condition":
            self._edit_condition()
        elif row.kind == "training":
            self._edit_training(next(s for s in self.plan.training if s.id == row.record))
        elif row.kind == "earlier":
            self._say("Earlier pilots stay as they ended: read-only.")

    def _go(self, place: Place, entity: str) -> None:
        """Go to where a refusal is fixed: an action of this tab, or the tab that edits its record."""
        table = entity.partition("/")[0]
        if place.tab == int(self.TAB_KEY):
            self.focus_entity(entity)
            getattr(self, f"action_{place.binding.partition('.')[2]}")()
        elif table != "pilots" and tab_for_table(table) is not None:
            self.open_entity(entity)
        else:
            self.notify(f"Fixed at {place.words()}.", title="Where")

    # -- jurisdictions -------------------------------------------------------------------

    def action_new_jurisdiction(self) -> None:
        """Declare a jurisdiction in scope, with its legal review."""
        self._edit_jurisdiction(None)

    def _edit_jurisdiction(self, jurisdiction: Jurisdiction | None) -> None:
        build = partial(changes.save_jurisdiction, self.plan, jurisdiction)
        self.edit_in_form(forms.jurisdiction_form(jurisdiction), build)

    # -- conditions --------------------------------------------------------------------------

    def action_new_condition(self) -> None:
        """Declare a success or stop condition of the pilot in design."""
        pilot = self._open_pilot()
        if pilot is None:
            self._no_pilot()
        elif pilot.status is not PilotStatus.DESIGN:
            self._say("The pilot runs: its conditions are locked. a amends one, with a reason.", "Locked")
        else:
            form = forms.condition_form(self.plan, pilot, None)
            self.edit_in_form(form, partial(changes.save_condition, self.plan, pilot, None))

    def _edit_condition(self) -> None:
        condition = self._selected_condition()
        pilot = self._open_pilot()
        if condition is None or pilot is None:
            self._no_pilot()
        elif condition.locked:
            self.action_amend()
        else:
            form = forms.condition_form(self.plan, pilot, condition)
            self.edit_in_form(form, partial(changes.save_condition, self.plan, pilot, condition))

    def action_amend(self) -> None:
        """Amend the selected locked condition, with a reason."""
        condition = self._selected_condition()
        if condition is None:
            self._say("Select a condition first.", "No condition")
        elif self._open_pilot() is None:
            self._say("The pilot has ended: its conditions are read-only.", "Read-only")
        elif not condition.locked:
            self._say("Not locked yet (the pilot has not started): enter edits it.", "Not locked")
        else:
            form = forms.amend_form(self.plan, condition)
            self.edit_in_form(form, partial(changes.amend, self.plan, condition))

    # -- training ---------------------------------------------------------------------------

    def action_new_training(self) -> None:
        """Record a training session for the pilot."""
        if self._open_pilot() is None:
            self._no_pilot()
            return
        self._edit_training(None)

    def _edit_training(self, session: TrainingSession | None) -> None:
        pilot = self._open_pilot()
        if pilot is None:
            self._no_pilot()
            return
        form = forms.training_form(session, self.session.today)
        self.edit_in_form(form, partial(changes.save_training, self.plan, pilot, session))

    # -- start, complete, stop -----------------------------------------------------------

    def action_start(self) -> None:
        """Start the pilot in design: refused while a blocking finding of it stands."""
        pilot = self._open_pilot()
        if pilot is None or pilot.status is not PilotStatus.DESIGN:
            words = "It runs already." if pilot else "There is no pilot in design: e designs one."
            self._say(words, "Not started")
            return
        if self.board.refusals:
            self.table.move_to(0)
            self.table.focus()
            count = len(self.board.refusals)
            self.notify(
                f"Start refused: {count} reason{'s' if count > 1 else ''} listed first, each with where "
                "it is fixed.",
                title="Not started",
                severity="error",
            )
            return
        form = forms.start_form(self.plan, pilot, self.plan.plan.display_name, self.session.today)
        self.edit_in_form(form, partial(changes.start, self.plan, pilot))

    def action_complete(self) -> None:
        """Complete the running pilot, with a reason."""
        self._end(PilotStatus.COMPLETED)

    def action_stop(self) -> None:
        """Stop the pilot, with a reason."""
        self._end(PilotStatus.STOPPED)

    def _end(self, status: PilotStatus) -> None:
        pilot = self._open_pilot()
        if pilot is None or (status is PilotStatus.COMPLETED and pilot.status is not PilotStatus.RUNNING):
            words = "Only a running pilot is completed." if pilot else "No pilot in design or running."
            self._say(words, "Not changed")
            return
        form = forms.end_form(pilot, status, self.plan.plan.display_name, self.session.today)
        self.edit_in_form(form, partial(changes.finish, pilot, status))

    # -- removing ----------------------------------------------------------------------------

    def action_remove(self) -> None:
        """Remove the selected jurisdiction, training session or condition not yet locked (asks)."""
        row = self.row
        if row is None:
            return
        if row.kind == "jurisdiction":
            jurisdiction = next(j for j in self.plan.jurisdictions if j.id == row.record)
            self.confirm_then_apply(changes.remove_jurisdiction(jurisdiction))
        elif row.kind == "training" and self._open_pilot() is not None:
            session = next(s for s in self.plan.training if s.id == row.record)
            self.confirm_then_apply(changes.remove_training(session))
        elif row.kind == "condition" and (condition := self._selected_condition()) is not None:
            if condition.locked:
                self._say("A locked condition is not removed: a amends it, with a reason.", "Locked")
            else:
                self.confirm_then_apply(changes.remove_condition(self.plan, condition))
        else:
            self._say("Delete removes a jurisdiction, a training session or a condition not yet locked.")
