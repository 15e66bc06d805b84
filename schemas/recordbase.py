"""The base of every stored record (``schemas.records`` holds the records themselves)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from schemas.text import RecordId


class Record(BaseModel):
    """Base of every stored record: strict, validated on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    id: RecordId
    """Stable id, the record's key in its table."""
