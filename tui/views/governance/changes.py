"""What the Governance tab asks of the plan (pure, no Textual)."""

from __future__ import annotations

from typing import Any

from schemas.edits import PlanEdit, changed
from schemas.records import GovernanceTopic


def edit(topic: GovernanceTopic, values: dict[str, Any]) -> PlanEdit:
    """Set what the form changed of one topic."""
    fields = ("statement", "owner_role", "reviewed_by", "reviewed_at", "next_review")
    changes = changed(topic, **{name: values[name] for name in fields})
    return PlanEdit("governance.edit", changes, f'Edited the governance topic "{topic.title}"')
