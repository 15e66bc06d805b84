"""Why a report was not written: one line naming the file or what the plan lacks."""

from __future__ import annotations

from store.errors import PlanError


class ReportRefused(PlanError):
    """A report was not written and no file was touched."""
