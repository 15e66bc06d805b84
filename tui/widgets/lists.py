"""Keyboard-first lists: the arrows and vim's j/k move, enter selects."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable, OptionList
from textual.widgets.option_list import OptionDoesNotExist


class PlanList(OptionList):
    """An OptionList that also moves with j and k."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
    ]

    on_move: Callable[[], None] | None = None
    """Called as the highlight moves, so a detail beside the list changes in the same frame.

    OptionList's own OptionHighlighted message arrives a frame later: the list's new
    highlight was on screen some 25 ms before the detail that goes with it (measured in a
    real terminal). ``LineTable.on_move`` does the same for tables.
    """

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Tell ``on_move`` at once (and post OptionHighlighted, as OptionList does)."""
        super().watch_highlighted(highlighted)
        if self.on_move is not None:
            self.on_move()

    def select_id(self, option_id: str) -> bool:
        """Highlight the option with this id; False if there is none."""
        try:
            self.highlighted = self.get_option_index(option_id)
        except OptionDoesNotExist:
            return False
        return True


class PlanTable(DataTable[Text]):
    """A row-cursor DataTable of plain Text cells (never markup) that also moves with j and k."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="table.down"),
        Binding("k", "cursor_up", "Up", show=False, id="table.up"),
    ]

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
