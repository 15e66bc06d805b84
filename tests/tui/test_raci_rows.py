"""The RACI grid's plain text: names cut to fit, letters by role, pages turned, and where the view is."""

from __future__ import annotations

from tui.views.raci.rows import GridColumn, GridRow, page_start, row_cells, row_name, shown_words

ROLES = [GridColumn("r1", "HR"), GridColumn("r2", "Legal"), GridColumn("r3", "IT")]


def test_a_row_shows_each_letter_centred_and_brackets_the_cursor_cell() -> None:
    row = GridRow("act-1", "Define", {"r1": "A", "r3": "R"})
    assert row_cells(row, ROLES, 5, None) == "  A    ·    R  "
    assert row_cells(row, ROLES, 5, 1) == "  A   [·]   R  "


def test_a_long_name_is_cut_with_an_ellipsis_and_the_decision_is_flagged() -> None:
    assert row_name(GridRow("a", "Communicate with employees"), 12) == "Communicate…"
    assert row_name(GridRow("a", "Expand or stop", decision=True), 20) == "⚑ Expand or stop"


def test_a_page_turns_only_when_the_cursor_leaves_it_and_keeps_some_of_the_old_one() -> None:
    assert page_start(cursor=5, start=3, size=4, keep=1) == 3  # in view: no move
    assert page_start(cursor=7, start=3, size=4, keep=1) == 6  # forwards: one old item stays
    assert page_start(cursor=2, start=3, size=4, keep=1) == 0  # backwards: one old item stays
    assert page_start(cursor=9, start=0, size=1, keep=2) == 9  # a window of one follows the cursor


def test_the_position_says_which_items_show() -> None:
    assert shown_words("Roles", 1, 7, 8) == "Roles 2-7 of 8"
    assert shown_words("Activities", 0, 20, 9) == "Activities 1-9 of 9"
    assert shown_words("Roles", 0, 0, 0) == "Roles 0-0 of 0"


def test_a_narrow_position_drops_the_word_never_a_digit() -> None:
    assert shown_words("Activities", 0, 10, 10, room=21) == "Activities 1-10 of 10"
    assert shown_words("Activities", 0, 10, 10, room=19) == "1-10 of 10"  # was 'Activities 1-10 of 1'
    assert shown_words("Activities", 100, 150, 200, room=19) == "101-150 of 200"
