"""The contract every tab follows: a PlanView renders the plan and applies edits as values.

How to add a tab (say ``pilot``): a package ``tui/views/pilot/`` holding

- ``changes.py``: pure functions (no Textual) from a record and form values to a
  :class:`~schemas.edits.PlanEdit`, built with ``schemas.edits`` (``changed``,
  ``new_record``, ``removed``): no table or field name spelled as a string;
- ``forms.py``: the fields of its forms (``tui.dialogs.form``);
- ``view.py``: the view, ``class PilotView(PlanView, tab="pilot")``.

Then add a ``Tab`` to ``tui/tabs.py`` (id, title, digit, the tables it edits, and
``module:Class``). The subclass keyword sets ``TAB_ID``, ``TAB_TITLE``, ``TAB_KEY`` and
``TABLES`` from it::

    class UseCasesView(PlanView, tab="use-cases"):
        HELP = "The use-case matrix: ..."  # shown by `?` above the list of keys
        BINDINGS = [Binding("n", "new", "New", id="use-cases.new")]

        def action_new(self) -> None:
            self.edit_in_form(FormDialog("New use case", fields), partial(changes.add, self.plan))

Every binding needs an ``id`` (``"<TAB_ID>.<action>"``) and a description: the key bar,
the `?` help and the palette (ctrl+p) list it. Never bind ctrl+enter, shift+enter, ctrl+b
or ctrl+a; the digits and the keys of ``tui.keys`` belong to the app.

A view renders in ``show(plan, findings)``: called when its tab opens after a change and
after every change while it is visible; ``findings`` are computed once per change by the
session, never again in a view. It changes the plan in three ways, each checking the
read-only case and reporting a refusal the same way: ``apply(edit)`` for a key,
``edit_in_form(form, build)`` for a form (a refusal stays in the form with what was
typed), ``confirm_then_apply(AskFirst(question, edit, yes=...))`` for what asks first. It implements
``focus_entity("table/id")`` to select what a finding points at, and posts
``OpenRequested`` to go where another tab fixes something. Plan text is never markup.

Tests: ``tests/tui/`` with ``CoachApp(PlanStore.memory(default_plan(now)))`` and
``async with app.run_test(size=(80, 24)) as pilot``; assert ``app.store.plan`` and
``app.store.history()``; a ``changes`` function is tested with a ``PlanSession``
and no app at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message

from schemas.edits import AskFirst, PlanEdit
from schemas.plan import Plan
from tui import tabs
from tui.session import READ_ONLY_MESSAGE, PlanSession, Result
from tui.words import name_hint

if TYPE_CHECKING:
    from schemas.findings import Finding
    from tui.dialogs.form import FormDialog, Values


DISPLAY_NAME_ID = "overview.display_name"
"""The binding that sets the planner's display name (the hint of every 'Recorded by' names its key)."""

FormOutcome = PlanEdit | AskFirst | None
"""What a form's values become: an edit, a question first, or nothing to change."""


class PlanView(Vertical):
    """Base of every tab: renders the plan it is shown and applies edits through the session."""

    TAB_ID: ClassVar[str] = ""
    """The tab id (from the tab registry, ``tui.tabs.TABS``)."""
    TAB_TITLE: ClassVar[str] = ""
    """The label on the tab (from the registry)."""
    TAB_KEY: ClassVar[str] = ""
    """The digit that switches to this tab (from the registry)."""
    TABLES: ClassVar[tuple[str, ...]] = ()
    """The plan tables this view edits (from the registry)."""
    HELP: ClassVar[str] = ""
    """What the view is for, shown by `?` above its keys."""
    BINDINGS: ClassVar[list[BindingType]] = []
    """The view's keys; every Binding has an ``id`` and a description."""

    DEFAULT_CSS = """
    PlanView { height: 1fr; }
    """

    @dataclass
    class Changed(Message):
        """The view changed the plan: the screen shows the new plan."""

        summary: str
        """What changed, in words."""

    @dataclass
    class OpenRequested(Message):
        """Go to the tab that edits ``entity`` (``table/id``) and select it."""

        entity: str
        """The record, ``table/id``."""
        tab: str = ""
        """The tab to open, when it is not the one that edits the record's table."""

    def __init_subclass__(cls, tab: str = "", **kwargs: Any) -> None:
        """``class MyView(PlanView, tab="my-id")`` takes id, title, digit and tables from TABS."""
        super().__init_subclass__(**kwargs)
        if tab:
            entry = tabs.tab(tab)
            cls.TAB_ID, cls.TAB_TITLE, cls.TAB_KEY, cls.TABLES = (
                entry.id,
                entry.title,
                entry.key,
                entry.tables,
            )

    def __init__(self, session: PlanSession, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.session = session
        """The open plan: read it, apply edits to it."""

    @property
    def plan(self) -> Plan:
        """The current plan."""
        return self.session.plan

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render ``plan``; called on first display and after every change while visible."""

    def key_of(self, binding_id: str) -> str:
        """How the key of any view's binding ``binding_id`` is written now (remaps included)."""
        for entry in tabs.TABS:
            for binding in Binding.make_bindings(entry.load().BINDINGS):
                if binding.id == binding_id:
                    keymap: dict[str, str] = getattr(self.app, "keymap", {})
                    key = keymap.get(binding_id, binding.key).split(",")[0].strip()
                    return self.app.get_key_display(replace(binding, key=key, key_display=None))
        return ""

    def name_hint(self) -> str:
        """The hint under a field asking who records or attests (see ``tui.words.name_hint``)."""
        return name_hint(self.plan, self.key_of(DISPLAY_NAME_ID))

    def focus_default(self) -> None:
        """Focus the view's main widget (by default its first focusable one)."""
        target = next((w for w in self.query("*") if w.focusable), None)
        if target is not None:
            target.focus()

    def focus_entity(self, entity: str) -> None:
        """Select the record ``table/id`` a finding points at (the tab is already active)."""

    def open_entity(self, entity: str, tab: str = "") -> None:
        """Go to where ``entity`` is edited, on whichever tab edits it (or on ``tab``)."""
        self.post_message(self.OpenRequested(entity, tab))

    # -- changing the plan -----------------------------------------------------------

    def apply(self, edit: PlanEdit) -> bool:
        """Apply ``edit`` now (a key press); False, with the reason shown, if refused."""
        return self._apply(edit).applied

    def edit_in_form(
        self,
        form: FormDialog,
        build: Callable[[Values], FormOutcome],
        then: Callable[[Values | None], None] | None = None,
    ) -> None:
        """Open ``form``; its values become one edit through ``build`` when saved.

        A refusal stays in the form with everything typed. ``build`` may return
        ``AskFirst``: the form closes, then the question is asked. ``then`` runs when the
        form has closed, with its values (None when cancelled).
        """
        if self._refused_read_only():
            return
        asks: list[AskFirst] = []

        def submit(values: Values) -> str | None:
            outcome = build(values)
            if isinstance(outcome, AskFirst):
                asks.append(outcome)
                return None
            result = None if outcome is None else self._apply(outcome, in_form=True)
            return result.message if result is not None and result.refused else None

        def closed(values: Values | None) -> None:
            for ask in asks:
                self.confirm_then_apply(ask)
            if then is not None:
                then(values)

        form.submit_callback = submit
        self.app.push_screen(form, closed)

    def confirm_then_apply(self, ask: AskFirst) -> None:
        """Ask the question; on yes, apply the edit."""
        from tui.dialogs.confirm import ConfirmDialog  # dialogs load when first used

        if self._refused_read_only():
            return

        def answered(answer: bool | None) -> None:
            if answer:
                self.apply(ask.edit)

        self.app.push_screen(ConfirmDialog(ask.question, yes=ask.yes, no=ask.no), answered)

    def report_refusal(self, message: str) -> None:
        """Say why the plan was not changed (every refusal is reported this way)."""
        self.notify(message, title="Not changed", severity="error")

    def _refused_read_only(self) -> bool:
        if self.session.read_only:
            self.report_refusal(READ_ONLY_MESSAGE)
            return True
        return False

    def _apply(self, edit: PlanEdit, *, in_form: bool = False) -> Result:
        """Apply ``edit``; a refusal is reported here unless a form shows it."""
        result = self.session.apply(edit)
        if result.applied:
            self.post_message(self.Changed(result.message))
        elif result.refused and not in_form:
            self.report_refusal(result.message)
        return result
