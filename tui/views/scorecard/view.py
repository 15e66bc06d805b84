"""Scorecard (tab 8): each metric against its conditions, its observations, trends and imports."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from schemas.plan import Plan
from schemas.records import Metric, Observation
from schemas.rules.base import Finding
from tui.dialogs.form import Values
from tui.session import READ_ONLY_MESSAGE, PlanSession
from tui.views.base import PlanView
from tui.views.scorecard import changes, forms
from tui.views.scorecard.banners import banners
from tui.views.scorecard.rows import DEFAULT_KEYS, GOOD, UNKNOWN, Card, Keys
from tui.widgets.columns import Column
from tui.widgets.keybar import FORWARD, RARE
from tui.widgets.linetable import LineTable
from tui.widgets.marks import MARK_STYLES
from tui.widgets.oneline import OneLine
from tui.widgets.textpanel import TextPanel

METRIC_ACTIONS = ("edit_metric", "remove_metric")
"""Actions on the metric list."""
OBSERVATION_ACTIONS = ("delete_observation", "back")
"""Actions on a metric's observations."""

COMPACT_BELOW = 20
"""Below this many lines for the tab (24 rows of terminal give it 21), the panel takes 5."""


def metric_columns() -> list[Column]:
    """The metric list's columns; the name takes what 80 columns leave."""
    styles = {
        **MARK_STYLES,
        **dict.fromkeys((GOOD.unicode, GOOD.ascii), "line-table--good"),
        **dict.fromkeys((UNKNOWN.unicode,), "line-table--warning"),
    }
    return [
        Column("", 1, styles=styles),
        Column("Metric", 12, flex=1),
        Column("Kind", 9),
        Column("Latest", 18),
        Column("Conditions", 12),
        Column("Obs", 5),
        Column("Trend", 9),
    ]


def observation_columns() -> list[Column]:
    """A metric's observations: period, group, value, n, id."""
    return [
        Column("Period", 10),
        Column("Group", 12, flex=1),
        Column("Value", 18),
        Column("n", 7),
        Column("Id", 9),
    ]


class ScorecardView(PlanView, tab="scorecard"):
    """The current pilot's metrics, their latest values against the conditions, and observations."""

    HELP = (
        "Step 7: measure usefulness, participation, behaviour, administration, privacy incidents, bias "
        "signals, opt-outs and adverse effects. One row per metric of the current pilot: its kind and "
        "which way is better (↑ higher, ↓ lower), the latest whole-population value, each condition "
        "that reads it (✗ a stop met or a success not met, ✓ holds, ? never measured, with the words "
        "in the Conditions column), the number of observations and a trend (one column per period). "
        "The panel shows the metric in full with a larger chart, each threshold drawn across it. A "
        "value behind fewer than k people, or one that subtraction from a total or a neighbouring "
        "group would give away, is shown as suppressed (n < k), never the value: in the list, the "
        "trends and the charts (? in a trend). The banners at the top say when a stop condition is "
        "met (blocking: stop or modify on tab 9) and when the pilot measures engagement without all "
        "four harm families (Failure Mode 3). o lists the selected metric's observations (delete "
        "removes one, asking first; o or escape goes back); n records an observation by hand; i "
        "imports a CSV file (metric,period,value,group,n), all rows or none, and ctrl+z undoes it. "
        "m adds a custom metric, e edits it, delete removes it (refused while a condition reads it)."
    )
    BINDINGS = [
        Binding("n", "new_observation", "New observation", id="scorecard.new_observation", group=FORWARD),
        Binding("i", "import", "Import observations", id="scorecard.import", group=FORWARD),
        Binding("o", "observations", "Observations", id="scorecard.observations"),
        Binding("m", "new_metric", "New metric", id="scorecard.new_metric", group=RARE),
        Binding("e", "edit_metric", "Edit metric", id="scorecard.edit_metric", group=RARE),
        Binding("delete", "remove_metric", "Remove metric", id="scorecard.remove_metric", group=RARE),
        Binding("delete", "delete_observation", "Delete observation", id="scorecard.delete_observation"),
        Binding("escape", "back", "Back to metrics", id="scorecard.back"),
    ]

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(session, id=id)
        self.card = Card(session.plan)
        """What the tab shows now (computed once per change of the plan)."""
        self.listed: str | None = None
        """The metric whose observations are listed, or None while the metrics are."""
        self.metrics = LineTable(metric_columns(), on_move=self._moved, id="scorecard-metrics")
        """One row per metric."""
        self.observation_list = LineTable(
            observation_columns(), on_move=self._moved, id="scorecard-observations"
        )
        """The observations of one metric, newest first."""
        self.panel = TextPanel(id="scorecard-detail")
        """The selected metric (or observation) in full."""
        self.keys = DEFAULT_KEYS
        """The keys as the panel names them (set once mounted, from the user's keymap)."""

    def compose(self) -> ComposeResult:
        """The banners, the head line, the two lists (one shown at a time), the panel."""
        yield Static("", id="scorecard-banner", markup=False, classes="-hidden")
        yield OneLine(id="scorecard-head")
        yield self.metrics
        yield self.observation_list
        yield self.panel

    def on_mount(self) -> None:
        """The metrics are listed first; the panel names the keys as the user has them."""
        self.observation_list.display = False
        self.keys = Keys(
            new=self._key("scorecard.new_observation"),
            load=self._key("scorecard.import"),
            listing=self._key("scorecard.observations"),
            delete=self._key("scorecard.delete_observation"),
        )

    def _key(self, binding_id: str) -> str:
        """How one of this tab's keys is written now (the user's remapping included)."""
        binding = next(b for b in Binding.make_bindings(self.BINDINGS) if b.id == binding_id)
        keymap: dict[str, str] = getattr(self.app, "keymap", {})
        key = keymap.get(binding_id, binding.key).split(",")[0].strip()
        return self.app.get_key_display(replace(binding, key=key, key_display=None))

    def on_resize(self) -> None:
        """On a short screen the panel gives the list room (its last line ends in '…' if cut)."""
        self.panel.set_class(self.size.height < COMPACT_BELOW, "-compact")

    # -- rendering ---------------------------------------------------------------------

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Compute the card once for this plan and render the banners, the lists and the panel."""
        if self.card.plan is not plan:  # a new plan object after every change
            self.card = Card(plan)
        lines = banners(plan, findings)
        banner = self.query_one("#scorecard-banner", Static)
        banner.update("\n".join(lines))
        banner.set_class(not lines, "-hidden")
        self.query_one("#scorecard-head", OneLine).update(self.card.head())
        self.metrics.set_rows(self.card.cells)
        if self.listed is not None and self.metric_of(self.listed) is None:
            self.listed = None
        self._show_list()

    def metric_of(self, key: str) -> Metric | None:
        """The metric with this key."""
        return next((row.metric for row in self.card.rows if row.metric.id == key), None)

    def _show_list(self) -> None:
        """Show the metrics, or the listed metric's observations, and the panel."""
        listing = self.listed is not None
        if listing:
            assert self.listed is not None
            rows = self.card.observations(self.listed)
            self.observation_list.set_rows([row.cells() for row in rows])
            metric = self.metric_of(self.listed)
            self.observation_list.border_title = f"Observations of {metric.name if metric else self.listed}"
        self.observation_list.display = listing
        self.metrics.display = not listing
        self.panel.set_class(listing, "-short")
        self._detail()
        self.refresh_bindings()

    @property
    def selected(self) -> Metric | None:
        """The metric under the cursor (or whose observations are listed)."""
        if self.listed is not None:
            return self.metric_of(self.listed)
        rows = self.card.rows
        at = self.metrics.cursor_row
        return rows[at].metric if rows and at < len(rows) else None

    def selected_observation(self) -> Observation | None:
        """The observation under the cursor, while observations are listed."""
        if self.listed is None:
            return None
        rows = self.card.observations(self.listed)
        at = self.observation_list.cursor_row
        if not rows or at >= len(rows):
            return None
        key = rows[at].shown.id
        return next((o for o in self.plan.observations if o.id == key), None)

    def _moved(self, _row: int, _column: int) -> None:
        """The cursor moved: show its line in full."""
        self._detail()

    def _detail(self) -> None:
        """The panel: the selected metric with its chart, or the selected observation."""
        if self.listed is not None:
            metric = self.metric_of(self.listed)
            at = self.observation_list.cursor_row
            text = self.card.observation_detail(metric, at, self.keys) if metric else ""
        else:
            rows, at = self.card.rows, self.metrics.cursor_row
            text = self.card.metric_detail(rows[at], self.keys) if rows and at < len(rows) else ""
        self.panel.show_text(text)

    def focus_default(self) -> None:
        """Focus the list shown."""
        (self.metrics if self.listed is None else self.observation_list).focus()

    def focus_entity(self, entity: str) -> None:
        """Select the metric a finding points at (by its condition or an observation of it)."""
        table, _, key = entity.partition("/")
        metric = key if table == "metrics" else None
        if table == "conditions":
            metric = next((c.metric for c in self.plan.conditions if c.id == key), None)
        if table == "observations":
            metric = next((o.metric for o in self.plan.observations if o.id == key), None)
        at = next((i for i, row in enumerate(self.card.rows) if row.metric.id == metric), None)
        if at is not None:
            self.listed = None
            self._show_list()
            self.metrics.move_to(at)
            if table == "observations":
                self.action_observations()
                ids = [row.shown.id for row in self.card.observations(metric or "")]
                if key in ids:
                    self.observation_list.move_to(ids.index(key))
        self.focus_default()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Metric actions on the metric list; deleting an observation and going back on the observations."""
        if action in METRIC_ACTIONS:
            return self.listed is None
        if action in OBSERVATION_ACTIONS:
            return self.listed is not None
        return True

    # -- observations ------------------------------------------------------------------

    def action_observations(self) -> None:
        """List the selected metric's observations, or go back to the metrics."""
        if self.listed is not None:
            self.action_back()
            return
        metric = self.selected
        if metric is None:
            return
        self.listed = metric.id
        self.observation_list.move_to(0)
        self._show_list()
        self.observation_list.focus()

    def action_back(self) -> None:
        """Back to the metric list, on the metric whose observations were listed."""
        self.listed = None
        self._show_list()
        self.metrics.focus()

    def action_new_observation(self) -> None:
        """Record one observation of the current pilot by hand."""
        pilot = self.card.pilot
        refusal = changes.observation_refusal(pilot)
        if refusal or pilot is None:
            self.report_refusal(refusal)
            return
        metric = self.selected
        form = forms.observation_form(self.plan, pilot, self.session.today, metric.id if metric else None)
        k = self.plan.policy.min_group_size
        self.edit_in_form(form, lambda values: changes.add_observation(self.plan, pilot, values, k))

    def action_delete_observation(self) -> None:
        """Delete the selected observation, after asking."""
        observation = self.selected_observation()
        metric = self.selected
        if observation is not None and metric is not None:
            self.confirm_then_apply(changes.delete_observation(observation, metric.name))

    def action_import(self) -> None:
        """Ask for a CSV file and import it into the current pilot: all rows or none."""
        if self.session.read_only:
            self.report_refusal(READ_ONLY_MESSAGE)
            return
        done: list[str] = []

        def submit(values: Values) -> str | None:
            result = self.session.import_observations(Path(str(values["path"]).strip()).expanduser())
            if not result.applied:
                return result.message
            done.append(result.message)
            return None

        def closed(_values: Values | None) -> None:
            for message in done:
                self.post_message(self.Changed(message))
                self.notify(f"{message}. ctrl+z undoes it.", title="Imported")

        form = forms.import_form()
        form.submit_callback = submit
        self.app.push_screen(form, closed)

    # -- custom metrics ------------------------------------------------------------------

    def action_new_metric(self) -> None:
        """Add a custom metric."""
        self.edit_in_form(forms.metric_form(self.plan, None), partial(changes.add_metric, self.plan))

    def action_edit_metric(self) -> None:
        """Edit the selected custom metric (the framework's eleven stay as they are)."""
        metric = self.selected
        if metric is None:
            return
        refusal = changes.edit_refusal(metric)
        if refusal:
            self.report_refusal(refusal)
            return
        self.edit_in_form(forms.metric_form(self.plan, metric), partial(changes.edit_metric, metric))

    def action_remove_metric(self) -> None:
        """Remove the selected custom metric, after asking; refused while a condition reads it."""
        metric = self.selected
        if metric is None:
            return
        refusal = changes.remove_refusal(self.plan, metric)
        if refusal:
            self.report_refusal(refusal)
            return
        self.confirm_then_apply(changes.remove_metric(metric))
