"""Cut texts end in '…' and stay reachable; at 60x20 every list, column and count holds (Pilot)."""

from __future__ import annotations

import re
from pathlib import Path

from planbuild import add, crowded_example, example, fresh, manager_reads_private_content

from schemas.enums import UseCaseStatus
from schemas.plan import Plan
from store import PlanStore
from tui.app import CoachApp
from tui.tabs import TABS
from tui.views.raci.view import RaciView
from tui.views.stages.view import StagesView
from tui.widgets.columns import Column, column_widths
from tui.widgets.keybar import FORWARD, Item, KeyBar, fit
from tui.widgets.linetable import LineTable
from tui.widgets.signedscroll import SignedScroll
from tui.widgets.status_lines import StatusLines
from tui.widgets.tabbar import SHORTEST, tab_line
from tui.widgets.textpanel import TextPanel

NARROW, USUAL = (60, 20), (80, 24)


def lines(app: CoachApp) -> list[str]:
    """The screen as a user reads it, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def line_with(app: CoachApp, text: str) -> str:
    return next(line for line in lines(app) if text in line)


def many_findings() -> Plan:
    """Twelve prohibited use cases with no control and no route: more findings than fit at 80x24."""
    plan = fresh()
    for n in range(12):
        plan = add(plan, "use_cases", id=f"uc-x{n}", name=f"Case {n}", status=UseCaseStatus.PROHIBITED)
    return manager_reads_private_content(plan)


def test_the_tab_line_names_every_tab_at_80_columns_whole_or_cut_with_an_ellipsis() -> None:
    line = tab_line(TABS, "stages", 80).plain
    assert len(line) <= 80
    for entry in TABS:
        shown = line.split(f" {entry.key} ", 1)[1].split("  ")[0].strip()
        assert shown == entry.title or (shown.endswith("…") and entry.title.startswith(shown[:-1]))
        assert len(shown) >= SHORTEST or shown == entry.title  # was the digit alone
    assert " 2 Stages " in line  # the active tab whole


def test_the_tab_line_at_60_columns_closes_up_and_keeps_every_digit_and_title_start() -> None:
    line = tab_line(TABS, "stages", 60).plain
    assert len(line) <= 60 and " 2 Stages " in line  # the active tab whole
    assert all(f" {entry.key} {entry.title[:2]}" in line for entry in TABS)


async def test_a_finding_cut_in_the_list_ends_in_an_ellipsis_and_shows_whole_below() -> None:
    app = CoachApp(PlanStore.memory(many_findings()))
    async with app.run_test(size=USUAL) as pilot:
        await pilot.pause()
        listing = app.query_one("#findings", LineTable)
        assert len(listing.rows) > listing.size.height  # more findings than fit: it scrolls
        message = listing.rows[0][3]
        row = line_with(app, "> ✗ BLOCKING")
        assert len(message) > 60 and message[:40] in row
        assert row.rstrip("┃│ ").endswith("…")  # the scrollbar used to hide the ellipsis: 'individua'
        assert app.query_one("#finding-detail", TextPanel).text.startswith(message)
        assert message[-40:] in " ".join(line.strip() for line in lines(app))  # whole, below the list
        assert f"of {len(listing.rows)}" in line_with(app, "more below")  # the count that is reachable


async def test_use_cases_at_60x20_say_more_rows_are_below_and_keep_the_route_column() -> None:
    app = CoachApp(PlanStore.memory(crowded_example()))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert "9 use cases" in line_with(app, "use cases;")
        matrix = app.query_one("#uc-matrix", LineTable)
        shown = matrix.shown_rows
        assert shown < 9
        assert line_with(app, "more below").strip() == f"1-{shown} of 9  ↓ {9 - shown} more below"
        header = line_with(app, "Required")
        assert "Route" in header and "Delivery" in header  # the route column was only '…'
        assert "Qualif…" in line_with(app, "Mental-he")
        await pilot.press("end")
        await pilot.pause()
        shown = matrix.shown_rows  # the detail of the last row may take more lines
        assert line_with(app, "more above").strip() == f"{10 - shown}-9 of 9  ↑ {9 - shown} more above"
        assert "(9 of 9)" in " ".join(lines(app))


async def test_safeguards_at_60x20_keep_every_column_and_reach_the_consultations() -> None:
    app = CoachApp(PlanStore.memory(crowded_example()))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("4")
        await pilot.pause()
        header = line_with(app, "Role")
        assert "Private" in header and "Aggregate" in header  # the aggregate column was gone
        scroll = app.query_one("#sg-scroll", SignedScroll)
        assert scroll.border_subtitle == "↓ more below"  # the consultations are below
        await pilot.press("tab", "tab")
        await pilot.pause()
        table = app.query_one("#sg-consultations", LineTable)
        assert app.focused is table
        assert table.region.y >= scroll.region.y and table.region.bottom <= scroll.region.bottom
        assert "Works council" in line_with(app, "2026-")


async def test_raci_at_60x20_counts_every_activity_and_says_its_whole_check() -> None:
    app = CoachApp(PlanStore.memory(crowded_example()))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("6")
        await pilot.pause()
        assert re.match(r"1-\d+ of 10 ", lines(app)[2].strip())  # was 'Activities 1-10 of 1'
        status = app.query_one(RaciView).query_one(StatusLines)
        text = " ".join(line.strip() for line in lines(app)[status.region.y : status.region.bottom])
        assert text.endswith("Fix: Keep one A (or A/R) and change the others to R, C or I.")  # was cut
        assert status.region.bottom <= app.query_one(KeyBar).region.y


async def test_the_raci_title_line_wraps_instead_of_cutting_a_word() -> None:
    app = CoachApp(PlanStore.memory(example()))
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("6", "end", "pagedown")  # the sponsor's cell of the decision to expand
        await pilot.pause()
        status = app.query_one(RaciView).query_one(StatusLines)
        title = status.text.partition("\n")[0]
        assert title.endswith("Decide to expand, modify or stop")
        shown = " ".join(line.strip() for line in lines(app)[status.region.y : status.region.bottom])
        assert title in shown  # whole, over two lines: was 'Decide to expand, modify or sto'


async def test_moving_to_another_stage_shows_the_top_of_its_detail() -> None:
    app = CoachApp(PlanStore.memory(example()))
    async with app.run_test(size=USUAL) as pilot:
        await pilot.press("2")
        await pilot.pause()
        scroll = app.query_one("#stage-detail-scroll", SignedScroll)
        scroll.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("j")
        await pilot.pause()
        assert scroll.scroll_y == 0  # the title and the status of stage 2, not the old position
        assert "Stage 2: Separate Coaching" in " ".join(lines(app))
        assert app.query_one(StagesView).stage.number == 2


async def test_every_tabs_keys_that_move_it_forward_stay_in_the_key_bar() -> None:
    app = CoachApp(PlanStore.memory(example()))
    for size in (USUAL, NARROW):
        async with app.run_test(size=size) as pilot:
            for entry in TABS:
                await pilot.press(entry.key)
                await pilot.pause()
                bar = lines(app)[-1]
                view = app.main.active_view
                forward = [b for b in view.BINDINGS if getattr(b, "group", None) is FORWARD]
                for binding in forward:
                    if app.screen.active_bindings.get(binding.key) is None:
                        continue  # a key of another list of this view (Safeguards): not active now
                    words = f"{app.get_key_display(binding)} {binding.description}"
                    assert words in bar, f"{entry.title} at {size}: {words!r} not in {bar!r}"
                assert "? Help" in bar and "^p palette" in bar
        app = CoachApp(PlanStore.memory(example()))


def test_a_narrow_key_bar_gives_up_rare_keys_first_and_keeps_the_order() -> None:
    items = [
        Item("E", "enter Edit", 2),
        Item("S", "s Start", 0),
        Item("W", "w Changed", 2),
        Item("C", "c Complete", 0),
        Item("H", "? Help", 0, app=True),
        Item("Q", "q Quit", 1, app=True),
        Item("P", "^p palette", 0, app=True),
    ]
    shown, gap = fit(items, 80)
    assert [i.markup if i else "…" for i in shown] == ["E", "S", "W", "C", "H", "Q", "P"] and gap == 2
    shown, gap = fit(items, 50)
    assert [i.markup if i else "…" for i in shown] == ["S", "C", "…", "H", "Q", "P"] and gap == 2
    shown, gap = fit(items, 40)
    assert [i.markup if i else "…" for i in shown] == ["S", "C", "…", "H", "P"]
    shown, gap = fit(items, 20)  # below what the forward keys need: they give way last, the last first
    assert shown[0] is not None and shown[0].markup == "S" and None in shown


def test_narrow_columns_shrink_in_proportion_and_none_is_lost() -> None:
    columns = [Column("!", 1), Column("Name", 14, flex=3), Column("Status", 16), Column("Route", 8, flex=1)]
    widths = column_widths(columns, 40)
    assert sum(widths) + len(widths) + 1 == 40 and widths[0] == 1 and widths[2] == 16
    assert widths[1] >= 5 and widths[3] >= 5  # every column keeps room for 'Abcd…'
    assert column_widths(columns, 60)[3] > 8  # wide enough: flexible columns share the spare cells


async def test_a_title_too_long_for_the_line_ends_in_the_ellipsis_of_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "rollout-plan-for-the-northern-region-sales-and-support-teams-2025.json"
    store = PlanStore.create(path, example(), summary="Created.")
    try:
        app = CoachApp(store)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            title = lines(app)[0]
            assert title.startswith("◆ Coach Rollout — rollout-plan-for") and title.endswith("…")
        app = CoachApp(store, ascii_only=True)
        async with app.run_test(size=NARROW) as pilot:
            await pilot.pause()
            title = lines(app)[0]  # Textual's own ellipsis drew '…' on the console too
            assert title.startswith("* Coach Rollout - rollout-plan-for") and title.endswith("...")
    finally:
        store.close()
