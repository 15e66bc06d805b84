"""Every tab of the app, in tab order: add a view by appending its class to VIEWS."""

from __future__ import annotations

from tui.views.base import PlanView
from tui.views.governance import GovernanceView
from tui.views.overview import OverviewView
from tui.views.raci import RaciView
from tui.views.safeguards import SafeguardsView
from tui.views.stages import StagesView
from tui.views.usecases import UseCasesView

VIEWS: list[type[PlanView]] = sorted(
    [OverviewView, StagesView, UseCasesView, SafeguardsView, GovernanceView, RaciView],
    key=lambda view: view.TAB_KEY,
)
"""The views the app mounts as tabs, ordered by their digit."""
