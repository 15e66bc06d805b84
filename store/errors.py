"""Errors the store raises; each carries one line a planner can act on."""

from __future__ import annotations


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
