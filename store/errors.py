"""Errors the store raises; each carries one line a planner can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemas.history import HistoryEntry


class PlanError(Exception):
    """A plan could not be opened or created; nothing on disk was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PlanUnreadable(PlanError):
    """The file is missing, unreadable or not JSON."""


class PlanInvalid(PlanError):
    """The file is JSON but a record fails validation."""


class PlanTooNew(PlanError):
    """The file was written by a newer version of the format."""


class ChangeRefused(Exception):
    """A change was not applied; the plan is as it was."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SaveRefused(Exception):
    """A save did not happen; the edit is kept in memory."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PlanChangedOnDisk(SaveRefused):
    """Another writer changed the plan file since this instance last read or wrote it.

    ``theirs`` holds the entries the other writer added after the last one this instance
    saw (empty when the file no longer continues this instance's history: ``continues``
    False, or is gone: ``missing``). Nothing was written; reload, or save as a new file.
    """

    def __init__(
        self, message: str, *, theirs: list[HistoryEntry], continues: bool, missing: bool = False
    ) -> None:
        super().__init__(message)
        self.theirs = theirs
        """The other writer's entries after the newest one this instance saw, oldest first."""
        self.continues = continues
        """True if the file still holds every entry this instance saw (theirs come after)."""
        self.missing = missing
        """True if no file is at the plan's path any more."""
