"""Every tab of the app, in tab order, known without importing the views' modules (no Textual).

A view's module (and the forms and widgets it needs) is imported only when its tab is
first opened, so the first frame of the app pays for the Overview alone. To add a tab,
append a ``Tab`` here and declare its view as ``class MyView(PlanView, tab="my-id")`` in
``tui/views/my_area/view.py``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.views.base import PlanView


@dataclass(frozen=True)
class Tab:
    """One tab: its id, label, digit, the tables it edits and where its view lives."""

    id: str
    """The tab id (unique, lower-case, used in widget and binding ids)."""
    title: str
    """The label on the tab."""
    key: str
    """The digit that switches to it (DESIGN section 6)."""
    tables: tuple[str, ...]
    """The plan tables its view edits: a finding on ``table/id`` opens this tab."""
    view: str
    """``module:Class`` of its PlanView."""

    def load(self) -> type[PlanView]:
        """The view class (imports its module on first use)."""
        module, _, name = self.view.partition(":")
        view_class: type[PlanView] = getattr(importlib.import_module(module), name)
        return view_class


TABS: tuple[Tab, ...] = (
    Tab("overview", "Overview", "1", ("reviews", "review_actions"), "tui.views.overview.view:OverviewView"),
    Tab("stages", "Stages", "2", ("stages", "evidence", "outcomes"), "tui.views.stages.view:StagesView"),
    Tab("use-cases", "Use cases", "3", ("use_cases",), "tui.views.usecases.view:UseCasesView"),
    Tab(
        "safeguards",
        "Safeguards",
        "4",
        ("prohibitions", "data_access", "policy", "consultations"),
        "tui.views.safeguards.view:SafeguardsView",
    ),
    Tab("governance", "Governance", "5", ("governance",), "tui.views.governance.view:GovernanceView"),
    Tab("raci", "RACI", "6", ("raci_roles", "raci_activities"), "tui.views.raci.view:RaciView"),
    Tab(
        "pilot",
        "Pilot",
        "7",
        ("pilots", "conditions", "training", "jurisdictions"),
        "tui.views.pilot.view:PilotView",
    ),
    Tab(
        "scorecard",
        "Scorecard",
        "8",
        ("metrics", "observations"),
        "tui.views.scorecard.view:ScorecardView",
    ),
    Tab("decision", "Decision", "9", ("decisions", "roi_claims"), "tui.views.decision.view:DecisionView"),
)
"""The tabs, ordered by their digit."""

TAB_IDS: frozenset[str] = frozenset(t.id for t in TABS)
"""Every tab id."""


def tab(tab_id: str) -> Tab:
    """The tab with this id."""
    return next(t for t in TABS if t.id == tab_id)


def tab_for_table(table: str) -> Tab | None:
    """The tab whose view edits ``table``, if any."""
    return next((t for t in TABS if table in t.tables), None)
