"""The Overview tab's form: the planner's display name."""

from __future__ import annotations

from schemas.records import PlanInfo
from schemas.text import Line
from tui.dialogs.form import FormDialog, FormField, validate_with

NAME_HINT = (
    "The history records it with each change you make, and the forms that ask who records "
    "evidence or attests a prohibition start with it. Left empty, the history records the "
    "computer's account name and those forms start empty."
)
"""What the display name is used for, under its field."""


def display_name_form(info: PlanInfo) -> FormDialog:
    """Your name as this plan records it."""
    field = FormField(
        "display_name",
        "Your name in this plan",
        initial=info.display_name,
        validator=validate_with(Line),
        hint=NAME_HINT,
    )
    return FormDialog("Your name", [field])
