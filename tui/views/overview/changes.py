"""What the Overview tab asks of the plan: the planner's display name (pure, no Textual)."""

from __future__ import annotations

from schemas.edits import PlanEdit, changed
from schemas.records import PlanInfo


def set_display_name(info: PlanInfo, name: str) -> PlanEdit:
    """Set (or, empty, clear) the name the plan's history and its forms use for the planner."""
    name = name.strip()
    summary = f"Display name set to {name}." if name else "Display name cleared."
    return PlanEdit("plan.display_name", changed(info, display_name=name), summary)
