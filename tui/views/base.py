"""The contract every tab of the app follows: a PlanView renders a plan and commits changes.

How to add a view (e.g. ``tui/views/usecases.py``):

1. Add a ``Tab`` to ``tui/views/__init__.py`` ``TABS`` (id, title, digit, the tables the
   view edits, and ``module:Class``; keep titles short: 80 columns hold 9 tabs). Then
   subclass :class:`PlanView` naming that tab, which sets ``TAB_ID``, ``TAB_TITLE``,
   ``TAB_KEY`` and ``TABLES`` from it::

       class UseCasesView(PlanView, tab="use-cases"):
           HELP = "The use-case matrix: ..."  # shown by `?` above the list of keys
           BINDINGS = [
               Binding("n", "new", "New", id="use-cases.new"),
               Binding("enter", "edit", "Edit", id="use-cases.edit"),
           ]

   Every binding needs an ``id`` (``"<TAB_ID>.<action>"``) so users can remap it, and a
   description: the footer, the `?` help and the command palette (ctrl+p) all list it.
   Never bind ctrl+enter, shift+enter, ctrl+b or ctrl+a; the digits, ``?``, ``q``,
   ctrl+z, ctrl+y, ctrl+p and ctrl+q belong to the app.

2. Compose widgets in ``compose`` as usual, and render them in ``show(plan, findings)``.
   A view is built (mounted) only when its tab is first opened, then ``show`` is called;
   after every change ``show`` runs again on the visible view (a hidden view is shown
   again when its tab is next opened). ``findings`` are computed once per change by the
   app: never recompute them in a view. Keep ``show`` bounded: for tables of thousands
   of rows render only what is on screen (a line-based ``ScrollView``) or page.

3. Change the plan only through ``self.commit(action, changes, summary, reason)``
   (``changes`` are ``schemas.history`` Put/Set/Delete requests). It returns True when the
   change was applied; on refusal (invalid record, read-only) the app has already told the
   user. Inside a form, call ``self.attempt(...)`` from the form's ``submit`` callback: it
   returns the refusal message, which the form shows while keeping what was typed (see
   ``tui.dialogs.form``). Call ``self.can_edit()`` before opening a form (read-only plans).

4. Implement ``focus_entity("table/id")`` to select the row a finding points at, and
   override ``focus_default()`` if the first focusable widget is not the main one: the
   view's keys work only while the focus is inside it. Plan text is never markup: pass
   ``Content(text)`` or ``rich.text.Text(text)``, or ``markup=False`` to Static and Label.

5. Tests: ``tests/tui/`` with ``CoachApp(PlanStore.memory(default_plan(now)))`` and
   ``async with app.run_test(size=(80, 24)) as pilot``; assert ``app.store.plan`` and
   ``app.store.history()``, not only the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.binding import BindingType
from textual.containers import Vertical

from schemas.history import Change
from schemas.plan import Plan
from tui import views as registry

if TYPE_CHECKING:
    from schemas.findings import Finding
    from tui.app import CoachApp


class PlanView(Vertical):
    """Base of every tab: renders the plan it is shown, commits changes through the app."""

    TAB_ID: ClassVar[str] = ""
    """The tab id (from the tab registry, ``tui.views.TABS``)."""
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

    def __init_subclass__(cls, tab: str = "", **kwargs: Any) -> None:
        """``class MyView(PlanView, tab="my-id")`` takes id, title, digit and tables from TABS."""
        super().__init_subclass__(**kwargs)
        if tab:
            entry = registry.tab(tab)
            cls.TAB_ID, cls.TAB_TITLE, cls.TAB_KEY, cls.TABLES = (
                entry.id,
                entry.title,
                entry.key,
                entry.tables,
            )

    @property
    def coach(self) -> CoachApp:
        """The running app, typed."""
        return self.app  # type: ignore[return-value]

    @property
    def plan(self) -> Plan:
        """The current plan (the store's snapshot)."""
        return self.coach.store.plan

    def show(self, plan: Plan, findings: list[Finding]) -> None:
        """Render ``plan``; called on first display and after every change while visible."""

    def focus_default(self) -> None:
        """Focus the view's main widget (by default its first focusable one)."""
        target = next((w for w in self.query("*") if w.focusable), None)
        if target is not None:
            target.focus()

    def focus_entity(self, entity: str) -> None:
        """Select the record ``table/id`` a finding points at (the tab is already active)."""

    def commit(self, action: str, changes: list[Change], summary: str, reason: str = "") -> bool:
        """Apply a change through the store; False (and the user told why) if refused."""
        return self.coach.commit(action, changes, summary, reason)

    def can_edit(self) -> bool:
        """False (and the user told) when the plan is read-only; check before opening a form."""
        return self.coach.can_edit()

    def attempt(self, action: str, changes: list[Change], summary: str, reason: str = "") -> str | None:
        """Apply a change; the refusal message (for a form to show) or None when applied."""
        return self.coach.attempt(action, changes, summary, reason)
