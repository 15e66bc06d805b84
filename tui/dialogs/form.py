"""A reusable modal form: typed fields, validation as you type, refusals shown in place.

Usage from a view::

    fields = [
        FormField("name", "Name", initial=row.name, validator=validate_with(Name)),
        FormField("status", "Status", kind="select", initial=row.status,
                  options=[(s.value.replace("_", " "), s) for s in UseCaseStatus]),
        FormField("due", "Due (YYYY-MM-DD)", kind="date", initial=row.due),
    ]

    def submit(values: dict[str, Any]) -> str | None:
        return self.attempt("use_case.edit", [Set(...), ...], "Edited ...")

    self.app.push_screen(FormDialog("Edit use case", fields, submit=submit))

Each field's ``validator`` gets the parsed value and returns a message or None; the
message shows under the field as you type and Save is refused while any is shown.
``check`` validates the whole form the same way (cross-field rules). ``submit`` is
called on Save: if it returns a message (the store refused), the form stays open with
the message and everything typed; if it returns None, the form closes with the values.
Without ``submit`` the form closes with the values and the caller uses the result
(``push_screen(form, callback)``). ctrl+s, enter in a one-line field or the Save
button saves; escape cancels (result None).

Values by kind: text/multiline -> str (as typed), select -> the option's value or
None, bool -> bool, date -> ``datetime.date`` or None (empty), int -> int or None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, Select, Static, TextArea

FieldKind = Literal["text", "multiline", "select", "bool", "date", "int"]
Validator = Callable[[Any], "str | None"]
Values = dict[str, Any]


@dataclass(frozen=True)
class FormField:
    """One field of a form: what it asks, how it is entered and checked."""

    name: str
    """The key of the value in the result."""
    label: str
    """What the field asks, shown above it."""
    kind: FieldKind = "text"
    """How it is entered."""
    initial: Any = None
    """The value shown when the form opens."""
    options: Sequence[tuple[str, Any]] = ()
    """For ``select``: (label, value) pairs."""
    validator: Validator | None = None
    """The parsed value -> a message, or None when valid."""
    required: bool = False
    """Refuse an empty value (text, select, date, int)."""
    placeholder: str = ""
    """A hint shown in an empty one-line field."""
    show_if: Callable[[Values], bool] | None = None
    """Show the field only when this is true of the current values (hidden values are still returned)."""


def validate_with(annotation: Any) -> Validator:
    """A validator from a pydantic type such as ``schemas.text.Name``."""
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)

    def check(value: Any) -> str | None:
        try:
            adapter.validate_python(value)
        except ValidationError as exc:
            return _sentence(exc.errors()[0]["msg"])
        return None

    return check


def _sentence(message: str) -> str:
    """Pydantic's message as a sentence: 'Value error, x' -> 'X.'."""
    message = message.removeprefix("Value error, ")
    message = message[:1].upper() + message[1:]
    return message if message.endswith(".") else message + "."


class FormError(Exception):
    """A field's text cannot be read as its kind."""


def parse(kind: FieldKind, raw: Any) -> Any:
    """Turn a widget's raw value into the field's value."""
    if kind == "select":
        return None if raw is Select.NULL else raw
    if kind == "date":
        text = str(raw).strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise FormError("Write a date as YYYY-MM-DD, e.g. 2025-03-31.") from None
    if kind == "int":
        text = str(raw).strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise FormError("Write a whole number.") from None
    return raw


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
    FormDialog #form-title { text-style: bold; }
    FormDialog .form-label { margin-top: 1; }
    FormDialog .form-error { color: $error; height: auto; }
    FormDialog .form-error.-empty { display: none; }
    FormDialog #form-refusal { color: $error; text-style: bold; height: auto; margin-top: 1; }
    FormDialog #form-refusal.-empty { display: none; }
    FormDialog TextArea { height: 5; }
    FormDialog .form-field.-hidden { display: none; }
    FormDialog #form-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    FormDialog #form-buttons Button { margin-left: 1; min-width: 10; }
    """

    def __init__(
        self,
        title: str,
        fields: Sequence[FormField],
        *,
        submit: Callable[[Values], str | None] | None = None,
        check: Callable[[Values], str | None] | None = None,
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
        self.refusal = ""

    def compose(self) -> ComposeResult:
        """The title, the fields with their messages, the buttons."""
        with VerticalScroll(id="form-box"):
            yield Static(self.form_title, id="form-title")
            if self.intro:
                yield Static(self.intro, id="form-intro")
            for spec in self.fields:
                with _FieldBox(classes="form-field", id=f"box-{spec.name}"):
                    if spec.kind != "bool":
                        yield Label(spec.label + (" *" if spec.required else ""), classes="form-label")
                    yield _editor(spec)
                    yield Static("", id=f"err-{spec.name}", classes="form-error -empty")
            yield Static("", id="form-check", classes="form-error -empty")
            yield Static("", id="form-refusal", classes="-empty")
            with Horizontal(id="form-buttons"):
                yield Button(f"{self.save_label} (ctrl+s)", id="form-save", variant="primary")
                yield Button("Cancel (esc)", id="form-cancel")

    def on_mount(self) -> None:
        """Show the initial messages and focus the first field."""
        self.revalidate()
        first = next((w for w in self.query(".form-editor") if w.display), None)
        if first is not None:
            first.focus()

    def widget_for(self, name: str) -> Widget:
        """The editor widget of field ``name``."""
        return self.query_one(f"#f-{name}")

    def raw_values(self) -> dict[str, Any]:
        """What each editor currently holds, unparsed."""
        return {spec.name: _raw(self.widget_for(spec.name)) for spec in self.fields}

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
        _put(self.widget_for(name), value)
        self.revalidate()

    def revalidate(self) -> bool:
        """Check every shown field and the whole form; True when all is valid."""
        values = self.values()
        self.errors = {}
        for spec in self.fields:
            shown = spec.show_if is None or spec.show_if(values)
            self.query_one(f"#box-{spec.name}").set_class(not shown, "-hidden")
            message = _field_error(spec, self.raw_values()[spec.name]) if shown else None
            if message:
                self.errors[spec.name] = message
            _message(self.query_one(f"#err-{spec.name}", Static), message)
        whole = self.check(values) if self.check and not self.errors else None
        if whole:
            self.errors[""] = whole
        _message(self.query_one("#form-check", Static), whole)
        return not self.errors

    def show_refusal(self, message: str) -> None:
        """Show why the plan refused the values; everything typed stays."""
        self.refusal = message
        _message(self.query_one("#form-refusal", Static), message)

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
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
        if not self.revalidate():
            first = next(iter(self.errors.values()))
            self.show_refusal(f"Not saved: {first}")
            return
        values = self.values()
        refusal = self.submit_callback(values) if self.submit_callback else None
        if refusal:
            self.show_refusal(refusal)
            return
        self.dismiss(values)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class _FieldBox(Widget):
    """Holds one field's label, editor and message."""

    DEFAULT_CSS = "_FieldBox { height: auto; }"


def _editor(spec: FormField) -> Widget:
    """The widget that edits a field of this kind."""
    wid, classes = f"f-{spec.name}", "form-editor"
    if spec.kind == "multiline":
        return TextArea(str(spec.initial or ""), id=wid, classes=classes, soft_wrap=True)
    if spec.kind == "select":
        initial = spec.initial if spec.initial is not None else Select.NULL
        return Select(list(spec.options), value=initial, allow_blank=not spec.required or spec.initial is None,
                      id=wid, classes=classes, prompt="(choose)")
    if spec.kind == "bool":
        return Checkbox(spec.label, bool(spec.initial), id=wid, classes=classes)
    text = "" if spec.initial is None else str(spec.initial)
    return Input(text, placeholder=spec.placeholder, id=wid, classes=classes)


def _raw(widget: Widget) -> Any:
    """The unparsed value an editor holds."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, (Input, Select, Checkbox)):
        return widget.value
    raise TypeError(f"no editor value for {widget!r}")


def _put(widget: Widget, value: Any) -> None:
    """Set an editor's value."""
    if isinstance(widget, TextArea):
        widget.text = str(value or "")
    elif isinstance(widget, Select):
        widget.value = Select.NULL if value is None else value
    elif isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, Input):
        widget.value = "" if value is None else str(value)


def _field_error(spec: FormField, raw: Any) -> str | None:
    """The message for one field's raw value, or None."""
    try:
        value = parse(spec.kind, raw)
    except FormError as exc:
        return str(exc)
    empty = value is None or (isinstance(value, str) and not value.strip())
    if spec.required and empty:
        return "Required."
    return spec.validator(value) if spec.validator else None


def _message(widget: Static, message: str | None) -> None:
    """Show a message (or hide the line when there is none)."""
    widget.update(f"✗ {message}" if message else "")
    widget.set_class(not message, "-empty")
