"""Helpers the Use cases and Safeguards tabs share: a form or a question that becomes one change."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schemas.history import Change
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.form import FormDialog, FormField, Values
from tui.views.base import PlanView

Edit = tuple[list[Change], str]
"""The changes of one user action and its summary."""


class EditingView(PlanView):
    """A PlanView whose forms and confirmations each record one change."""

    def form_edit(
        self, title: str, fields: list[FormField], save: Callable[[Values], Edit], action: str, **options: Any
    ) -> None:
        """Open a form whose values become one change (none if nothing changed); refusals stay in the form."""
        if not self.can_edit():
            return

        def submit(values: Values) -> str | None:
            changes, summary = save(values)
            return self.attempt(action, changes, summary) if changes else None

        self.app.push_screen(FormDialog(title, fields, submit=submit, **options))

    def confirm_edit(self, question: str, yes: str, action: str, edit: Edit, *, no: str = "Keep") -> None:
        """Ask ``question``; on yes, record ``edit``."""
        if not self.can_edit():
            return

        def answered(answer: bool | None) -> None:
            if answer:
                self.commit(action, *edit)

        self.app.push_screen(ConfirmDialog(question, yes=yes, no=no), answered)
