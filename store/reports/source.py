"""What a report is made from: the plan, its history as stored, and the moment of writing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from schemas.plan import Plan


@dataclass(frozen=True)
class Source:
    """One plan as a report reads it."""

    plan: Plan
    stored_history: dict[str, dict[str, Any]] | None
    """The history table exactly as stored (``{id: doc}``), so the ledger is checked on disk bytes."""
    path: Path | None
    """The plan file, which no report may replace."""
    generated: datetime
    """When the report is written (UTC)."""

    @property
    def today(self) -> date:
        """The day findings are evaluated on (the local calendar, as ``check`` uses)."""
        return self.generated.astimezone().date()


def source_of(
    plan: Plan,
    *,
    path: Path | None = None,
    stored_history: dict[str, dict[str, Any]] | None = None,
    generated: datetime | None = None,
) -> Source:
    """A source for ``plan`` written now unless ``generated`` says when."""
    return Source(plan, stored_history, path, generated or datetime.now(UTC))
