"""The JSON export: the whole plan with raw values, the plan's own backup."""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

from schemas.plan import Plan

EXPORT_FORMAT: Final = "coach-rollout-export"
RAW_VALUES_NOTE = (
    "This export keeps raw values: small groups are not suppressed. "
    "Treat it like the plan itself and keep it readable by its owner only."
)


class PlanExport(BaseModel):
    """What ``coach-rollout export --format json`` writes and ``init --from`` reads."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["coach-rollout-export"] = EXPORT_FORMAT
    """Marks the file as a Coach Rollout export."""
    schema_version: int
    """The plan format the export was written in."""
    raw_values: Literal[True] = True
    """Always true: the export is a backup, not a report."""
    note: str = RAW_VALUES_NOTE
    """What raw values mean for privacy."""
    exported_at: datetime
    """When the export was written."""
    plan: Plan
    """The whole plan, history included."""
