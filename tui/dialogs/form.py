"""A reusable modal form: typed fields, validation as you type, refusals shown in place.

Usage from a view (``tui.views.base.PlanView.edit_in_form`` saves through the session)::

    fields = [
        FormField("name", "Name", initial=row.name, validator=validate_with(Name)),
        FormField("status", "Status", kind="select", initial=row.status,
                  options=[(s.value.replace("_", " "), s) for s in UseCaseStatus]),
        FormField("due", "Due (YYYY-MM-DD)", kind="date", initial=row.due),
    ]
    self.edit_in_form(FormDialog("Edit use case", fields), partial(changes.edit, row))

Each field's ``validator`` gets the parsed value and returns a message or None; the
message shows under the field as you type and Save is refused while any is shown. A
field left empty shows no message until it is edited or a save is tried, so a new form
does not open full of "Required.". ``check`` validates the whole form the same way
(cross-field rules); it may name the field to change, ``("end", "Ends before it starts.")``,
and the message shows under that field. ``submit`` is called on Save: if it returns a message (the store
refused), the form stays open with the message and everything typed; if it returns
None, the form closes with the values. Without ``submit`` the form closes with the
values and the caller uses the result (``push_screen(form, callback)``). ctrl+s, enter
in a one-line field or the Save button saves; escape cancels (result None), asking
first when a field differs from what the form opened with.

The title stays at the top and the refusal line and buttons at the bottom while the
fields scroll. The focused field is always scrolled into view clear of both, so a refused
save says why once, under the first field at fault (now focused), or under the fields for
a rule of the whole form; a refusal of the plan itself shows above the buttons.

Values by kind: text/multiline -> str (as typed), select -> the option's value or
None, bool -> bool, date -> ``datetime.date`` or None (empty), int -> int or None,
ticks -> the list of ticked options' values (space or enter ticks one).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Spacing
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

from schemas.text import Line
from tui import glyphs
from tui.dialogs.fields import (
    FieldBox,
    FieldKind,
    FormError,
    FormField,
    TickList,
    Validator,
    Values,
    editor,
    field_error,
    is_blank,
    parse,
    put_value,
    raw_value,
    validate_with,
)
from tui.glyphs import plain

Check = str | tuple[str, str] | None
"""What ``check`` finds: nothing, a message for the whole form, or (field name, message) said at
that field, which takes the cursor when a save is refused."""

__all__ = [
    "Check",
    "FieldKind",
    "FormDialog",
    "FormError",
    "FormField",
    "Validator",
    "Values",
    "parse",
    "validate_with",
]


class FormFooter(Vertical):
    """The refusal line and the buttons, docked at the bottom and last in the focus order.

    Textual orders focus by position in the scrolling box, where a docked footer sits at the
    bottom of the visible part: a field below it would be reached only after the buttons.
    """

    @property
    def _focus_sort_key(self) -> tuple[int, int]:
        return (sys.maxsize, 0)


class FormDialog(ModalScreen[Values | None]):
    """A modal form; dismisses with the values, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    DEFAULT_CSS = """
    FormDialog { align: center middle; }
    FormDialog > #form-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormDialog #form-title { text-style: bold; dock: top; }
    FormDialog #form-footer { dock: bottom; height: auto; }
    FormDialog .form-error { color: $error; height: auto; }
    FormDialog .form-hint { color: $text-muted; height: auto; }
    FormDialog .form-error.-empty { display: none; }
    FormDialog #form-refusal { color: $error; text-style: bold; height: auto; }
    FormDialog #form-refusal.-empty { display: none; }
    FormDialog TextArea { height: 4; }
    FormDialog .form-field.-hidden { display: none; }
    FormDialog #form-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    FormDialog #form-buttons Button { margin-left: 2; }
    """

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        *,
        submit: Callable[[Values], str | None] | None = None,
        check: Callable[[Values], Check] | None = None,
        intro: str = "",
        save_label: str = "Save",
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.submit_callback = submit
        self.check = check
        self.intro = intro
        self.save_label = save_label
        self.errors: dict[str, str] = {}
        """The messages shown, by field name ("" for ``check``)."""
        self.held_back: set[str] = set()
        """Empty fields in error whose message waits for an edit or a save."""
        self.refusal = ""
        """Why the latest save was refused ('' once something is edited); shown once on screen."""
        self.initial: dict[str, Any] = {}
        """What each editor held when the form opened."""
        self.edited: set[str] = set()
        """Fields whose value has differed from the initial one."""
        self.tried_save = False
        """A save was tried: every message shows, the held-back ones too."""

    def compose(self) -> ComposeResult:
        """The title, the fields with their messages, the buttons."""
        with VerticalScroll(id="form-box"):
            yield Static(plain(self.form_title), id="form-title", markup=False)
            if self.intro:
                yield Static(plain(self.intro), id="form-intro", markup=False)
            for spec in self.fields:
                with FieldBox(classes="form-field", id=f"box-{spec.name}"):
                    if spec.kind != "bool":
                        label = plain(spec.label + (" *" if spec.required else ""))
                        yield Label(label, classes="form-label", markup=False)
                    if spec.hint:
                        yield Static(plain(spec.hint), classes="form-hint", markup=False)
                    yield editor(spec)
                    yield Static("", id=f"err-{spec.name}", classes="form-error -empty", markup=False)
            yield Static("", id="form-check", classes="form-error -empty", markup=False)
            with FormFooter(id="form-footer"):
                yield Static("", id="form-refusal", classes="-empty", markup=False)
                with Horizontal(id="form-buttons"):
                    save = f"{self.save_label} (ctrl+s)"
                    yield Button(save, id="form-save", variant="primary", compact=True)
                    yield Button("Cancel (esc)", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        """Show the initial messages and focus the first field."""
        self.initial = self.raw_values()
        self.revalidate()
        first = next((w for w in self.query(".form-editor") if w.display), None)
        if first is not None:
            first.focus()

    def widget_for(self, name: str) -> Widget:
        """The editor widget of field ``name``."""
        return self.query_one(f"#f-{name}")

    def raw_values(self) -> dict[str, Any]:
        """What each editor currently holds, unparsed."""
        return {spec.name: raw_value(self.widget_for(spec.name)) for spec in self.fields}

    def values(self) -> Values:
        """The parsed values (a field that cannot be parsed gives None)."""
        out: Values = {}
        for spec, raw in zip(self.fields, self.raw_values().values(), strict=True):
            try:
                out[spec.name] = parse(spec.kind, raw)
            except FormError:
                out[spec.name] = None
        return out

    def set_value(self, name: str, value: Any) -> None:
        """Put ``value`` into field ``name`` (tests and callers that prefill)."""
        put_value(self.widget_for(name), value)
        self.revalidate()

    def is_changed(self) -> bool:
        """True when some field differs from what the form opened with."""
        return self.raw_values() != self.initial

    def revalidate(self) -> bool:
        """Check every shown field and the whole form; True when all is valid."""
        values, raw = self.values(), self.raw_values()
        self.errors, self.held_back = {}, set()
        for spec in self.fields:
            shown = spec.show_if is None or spec.show_if(values)
            self.query_one(f"#box-{spec.name}").set_class(not shown, "-hidden")
            message = self._field_message(spec, raw[spec.name]) if shown else None
            if message:
                self.errors[spec.name] = message
            _message(self.query_one(f"#err-{spec.name}", Static), message)
        valid_fields = not self.errors and not self.held_back
        whole = self.check(values) if self.check and valid_fields else None
        at, whole = whole if isinstance(whole, tuple) else ("", whole)
        if whole and at in {spec.name for spec in self.fields}:
            self.errors[at] = whole  # a rule across fields, said at the field to change
            _message(self.query_one(f"#err-{at}", Static), whole)
            whole = None
        elif whole:
            self.errors[""] = whole
        _message(self.query_one("#form-check", Static), whole)
        return not self.errors and not self.held_back

    def _field_message(self, spec: FormField, raw: Any) -> str | None:
        """The field's message, held back while the field is empty and neither edited nor saved."""
        if raw != self.initial.get(spec.name, raw):
            self.edited.add(spec.name)
        message = field_error(spec, raw)
        if message and is_blank(spec, raw) and not self.tried_save and spec.name not in self.edited:
            self.held_back.add(spec.name)
            return None
        return message

    def show_refusal(self, message: str) -> None:
        """Show why the plan refused the values; everything typed stays."""
        self.refusal = message
        _message(self.query_one("#form-refusal", Static), message)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TickList.Changed)
    def _changed(self) -> None:
        self.show_refusal("")
        self.revalidate()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        """Submit when valid; otherwise say what to fix and stay open."""
        self.tried_save = True
        if not self.revalidate():
            self._refuse_invalid()
            return
        values = self.values()
        refusal = self.submit_callback(values) if self.submit_callback else None
        if refusal:
            self.show_refusal(refusal)
            return
        self.dismiss(values)

    def _refuse_invalid(self) -> None:
        """Bring the first message into view: it says why, so the footer does not say it again."""
        name, message = next(iter(self.errors.items()))
        spec = next((s for s in self.fields if s.name == name), None)
        self.show_refusal("")
        if spec is None:
            self.refusal = f"Not saved: {message}"
            self.call_after_refresh(self._keep_in_view, self.query_one("#form-check"))
        else:
            self.refusal = f"Not saved: {spec.label}: {message}"
            self.widget_for(name).focus()  # scrolled into view by on_descendant_focus

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Scroll the focused field, its label and its message into view, clear of the title and buttons."""
        box = next((node for node in event.widget.ancestors if isinstance(node, FieldBox)), event.widget)
        self.call_after_refresh(self._keep_in_view, box)

    def _keep_in_view(self, widget: Widget) -> None:
        scroll = self.query_one("#form-box", VerticalScroll)
        if widget.parent is not scroll:
            return
        # The title and the footer are docked over the scrolling fields: keep clear of them.
        clear = Spacing(top=self.query_one("#form-title").outer_size.height, bottom=self._footer_height())
        scroll.scroll_to_region(
            widget.virtual_region_with_margin, spacing=clear, animate=False, immediate=True
        )

    def _footer_height(self) -> int:
        return self.query_one("#form-footer").outer_size.height

    def action_cancel(self) -> None:
        """Close without saving; ask first when something was typed."""
        if not self.is_changed():
            self.dismiss(None)
            return
        from tui.dialogs.confirm import ConfirmDialog  # confirm builds forms: import here, not at the top

        question = "What was typed in this form is not saved.\n\nDiscard it?"
        self.app.push_screen(ConfirmDialog(question, yes="Discard", no="Keep editing"), self._cancel_answered)

    def _cancel_answered(self, discard: bool | None) -> None:
        if discard:
            self.dismiss(None)


def reason_dialog(title: str, intro: str = "") -> FormDialog:
    """A form asking one required line: the reason recorded with the change."""
    field = FormField("reason", "Reason", required=True, validator=validate_with(Line))
    return FormDialog(title, [field], intro=intro)


def _message(widget: Static, message: str | None) -> None:
    """Show a message (or hide the line when there is none)."""
    widget.update(plain(f"{glyphs.BLOCKING} {message}") if message else "")
    widget.set_class(not message, "-empty")
