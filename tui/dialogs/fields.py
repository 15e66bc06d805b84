"""Form fields: what a field asks, how its text is read, how it is checked, and its editor."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from tui.glyphs import is_ascii, plain

FieldKind = Literal["text", "multiline", "select", "bool", "date", "int", "ticks"]
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
    """For ``select`` and ``ticks``: (label, value) pairs."""
    validator: Validator | None = None
    """The parsed value -> a message, or None when valid."""
    required: bool = False
    """Refuse an empty value (text, select, date, int)."""
    placeholder: str = ""
    """A hint shown in an empty one-line field."""
    hint: str = ""
    """A line under the label: where the value comes from, what it is for, or advice
    (e.g. what counts as observable evidence)."""
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
    if kind == "ticks":
        return list(raw)
    if kind == "int":
        text = str(raw).strip()
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise FormError("Write a whole number.") from None
    return raw


class TickBox(Checkbox):
    """A Checkbox whose X shows only when ticked: the stock one changes only its colour."""

    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = "X" if self.value else " "
        if is_ascii():  # '[X]': the stock half blocks have no ASCII form
            self.BUTTON_LEFT, self.BUTTON_RIGHT = "[", "]"
        button: Content = Checkbox._button.fget(self)  # type: ignore[attr-defined]
        return button


class TickList(OptionList):
    """Choices of which any number may be ticked; space or enter ticks, and [x] shows it (never colour)."""

    BINDINGS = [
        Binding("space", "select", "Tick or untick", show=False, id="ticks.toggle"),
        Binding("j", "cursor_down", "Down", show=False, id="ticks.down"),
        Binding("k", "cursor_up", "Up", show=False, id="ticks.up"),
    ]

    DEFAULT_CSS = "TickList { height: auto; max-height: 8; }"

    @dataclass
    class Changed(Message):
        """A choice was ticked or unticked."""

        tick_list: TickList
        """The list whose ticks changed."""

        @property
        def control(self) -> TickList:
            """The list, so ``@on(TickList.Changed, "#id")`` works."""
            return self.tick_list

    def __init__(self, choices: Sequence[tuple[str, Any]], ticked: Iterable[Any] = (), **kwargs: Any) -> None:
        self.choices = list(choices)
        """(label, value) pairs, in the order shown."""
        wanted = list(ticked)
        self.ticks = [value in wanted for _label, value in self.choices]
        """Whether each choice is ticked."""
        super().__init__(*[Option(self._prompt(i)) for i in range(len(self.choices))], **kwargs)

    def _prompt(self, index: int) -> Content:
        return Content(f"[{'x' if self.ticks[index] else ' '}] {self.choices[index][0]}")

    @property
    def value(self) -> list[Any]:
        """The ticked values, in the order shown."""
        return [value for (_label, value), ticked in zip(self.choices, self.ticks, strict=True) if ticked]

    @value.setter
    def value(self, values: Iterable[Any]) -> None:
        wanted = list(values)
        self.ticks = [value in wanted for _label, value in self.choices]
        for index in range(len(self.choices)):
            self.replace_option_prompt_at_index(index, self._prompt(index))
        self.post_message(self.Changed(self))

    def action_select(self) -> None:
        """Tick the highlighted choice, or untick it."""
        index = self.highlighted
        if index is None or not self.choices:
            return
        self.ticks[index] = not self.ticks[index]
        self.replace_option_prompt_at_index(index, self._prompt(index))
        self.post_message(self.Changed(self))


class FieldBox(Widget):
    """Holds one field's label, editor and message."""

    DEFAULT_CSS = "FieldBox { height: auto; }"


class PlanSelect(Select[Any]):
    """A Select whose arrows are 'v' and '^' on an ASCII terminal."""

    def on_mount(self) -> None:
        """Put ASCII arrows in place of the stock triangles where needed."""
        if is_ascii():
            for arrow, text in ((".down-arrow", "v"), (".up-arrow", "^")):
                for node in self.query(arrow):
                    if isinstance(node, Static):
                        node.update(text)


def editor(spec: FormField) -> Widget:
    """The widget that edits a field of this kind."""
    wid, classes = f"f-{spec.name}", "form-editor"
    if spec.kind == "multiline":
        return TextArea(str(spec.initial or ""), id=wid, classes=classes, soft_wrap=True)
    if spec.kind == "select":
        initial = spec.initial if spec.initial is not None else Select.NULL
        return PlanSelect(
            # Rich Text, never markup; Select's type-to-search reads only Text or str prompts.
            [(Text(plain(label)), value) for label, value in spec.options],
            value=initial,
            allow_blank=not spec.required or spec.initial is None,
            id=wid,
            classes=classes,
            prompt="(choose)",
        )
    if spec.kind == "ticks":
        return TickList(spec.options, spec.initial or (), id=wid, classes=classes)
    if spec.kind == "bool":
        return TickBox(Content(plain(spec.label)), bool(spec.initial), id=wid, classes=classes)
    text = "" if spec.initial is None else str(spec.initial)
    return Input(text, placeholder=spec.placeholder, id=wid, classes=classes)


def raw_value(widget: Widget) -> Any:
    """The unparsed value an editor holds."""
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, (Input, Select, Checkbox, TickList)):
        return widget.value
    raise TypeError(f"no editor value for {widget!r}")


def put_value(widget: Widget, value: Any) -> None:
    """Set an editor's value."""
    if isinstance(widget, TextArea):
        widget.text = str(value or "")
    elif isinstance(widget, Select):
        widget.value = Select.NULL if value is None else value
    elif isinstance(widget, Checkbox):
        widget.value = bool(value)
    elif isinstance(widget, TickList):
        widget.value = list(value or [])
    elif isinstance(widget, Input):
        widget.value = "" if value is None else str(value)


def field_error(spec: FormField, raw: Any) -> str | None:
    """The message for one field's raw value, or None."""
    try:
        value = parse(spec.kind, raw)
    except FormError as exc:
        return str(exc)
    if spec.required and _empty(value):
        return "Required."
    return spec.validator(value) if spec.validator else None


def is_blank(spec: FormField, raw: Any) -> bool:
    """True when a field holds nothing: empty or blank text, no choice, no date or number."""
    try:
        return _empty(parse(spec.kind, raw))
    except FormError:
        return False


def _empty(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())
