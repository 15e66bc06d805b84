"""Scorecard (tab 8) at 80x24: metrics against conditions, observations, small groups, banners, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pilot_helpers import form, notices, type_text
from planbuild import TODAY, add, example, observed, remove
from textual.command import CommandPalette
from textual.widgets import Static

from schemas.enums import Direction, MetricKind
from schemas.example_data import example_files
from schemas.plan import Plan
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.confirm import ConfirmDialog
from tui.dialogs.help import HelpDialog
from tui.palette import palette_commands
from tui.views.overview.view import OverviewView
from tui.views.scorecard.view import ScorecardView
from tui.widgets.linetable import LineTable

SIZE = (80, 24)


def _app(plan: Plan) -> tuple[CoachApp, PlanStore]:
    store = PlanStore.memory(plan)
    return CoachApp(store, today=TODAY), store


async def _open(pilot: Any) -> ScorecardView:
    await pilot.press("8")
    await pilot.pause()
    view: ScorecardView = pilot.app.screen.query_one(ScorecardView)
    return view


def _rows(app: CoachApp, table: str = "#scorecard-metrics") -> list[tuple[str, ...]]:
    return [tuple(row) for row in app.screen.query_one(table, LineTable).rows]


def _screen(app: CoachApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def _fill(app: CoachApp, **values: Any) -> None:
    dialog = form(app)
    for name, value in values.items():
        dialog.set_value(name, value)


async def _select(pilot: Any, view: ScorecardView, name: str) -> None:
    """Move the cursor down the metric list to the row of ``name``, key by key."""
    names = [row.metric.name for row in view.card.rows]
    await pilot.press("home", *["j"] * names.index(name))
    await pilot.pause()


async def test_one_row_per_metric_with_its_latest_value_conditions_count_and_trend() -> None:
    app, _store = _app(observed(example(), "privacy_incidents", 1))
    async with app.run_test(size=SIZE) as pilot:
        view = await _open(pilot)
        rows = _rows(app)
        assert len(rows) == 12  # the framework's eleven and the example's own
        incidents = next(r for r in rows if r[1] == "Privacy incidents")
        assert incidents[0] == "✗" and incidents[2] == "harm ↓" and incidents[3] == "1"
        assert incidents[4] == "stop met" and incidents[5] == "5" and incidents[6].endswith("█")
        follow = next(r for r in rows if r[1] == "Observable follow-through")
        assert follow[3:6] == ("-", "-", "0")
        await _select(pilot, view, "Privacy incidents")
        assert "Stop: One privacy incident or more stops the pilot. (>= 1): met on 1." in view.panel.text
        assert "stop >=1" in view.panel.text  # the threshold drawn across the chart


async def test_a_custom_metric_is_added_edited_and_removed_after_asking() -> None:
    app, store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        view = await _open(pilot)
        await pilot.press("m")
        _fill(app, key="time_saved", name="Time saved", kind=MetricKind.OUTCOME, unit="hours")
        _fill(app, direction=Direction.HIGHER_IS_BETTER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        metric = next(m for m in store.plan.metrics if m.id == "time_saved")
        assert (metric.name, metric.kind, metric.unit) == ("Time saved", MetricKind.OUTCOME, "hours")
        assert store.history()[-1].summary == 'Added the metric "Time saved" (time_saved) to the scorecard.'
        assert ("", "Time saved", "outcome ↑", "-", "-", "0", "") in _rows(app)

        await _select(pilot, view, "Time saved")
        await pilot.press("e")
        _fill(app, name="Hours saved per manager", direction=Direction.LOWER_IS_BETTER)
        await pilot.press("ctrl+s")
        await pilot.pause()
        metric = next(m for m in store.plan.metrics if m.id == "time_saved")
        assert (metric.name, metric.direction) == ("Hours saved per manager", Direction.LOWER_IS_BETTER)

        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert all(m.id != "time_saved" for m in store.plan.metrics)
        assert (
            store.history()[-1].summary == 'Removed the metric "Hours saved per manager" from the scorecard.'
        )


async def test_a_metric_a_condition_reads_is_not_removed_and_the_refusal_names_the_condition() -> None:
    plan = example()
    read = [o.id for o in plan.observations if o.metric == "better_preparation"]
    for key in read:  # no observations either: only the condition holds it
        plan = remove(plan, "observations", key)
    app, store = _app(plan)
    async with app.run_test(size=SIZE) as pilot:
        view = await _open(pilot)
        await _select(pilot, view, "Managers reporting better preparation")
        await pilot.press("delete")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)
        said = notices(app)[-1]
        assert said.startswith('"Managers reporting better preparation" is not removed: success condition')
        assert "At least 60% report being better prepared." in said and "reads it" in said
        assert any(m.id == "better_preparation" for m in store.plan.metrics)

        await _select(pilot, view, "Opt-outs")
        await pilot.press("e")
        await pilot.pause()
        assert "one of the framework's eleven metrics" in notices(app)[-1]
        assert not isinstance(app.screen, ConfirmDialog) and app.screen.query(ScorecardView)


async def test_an_observation_is_entered_by_hand_listed_and_deleted_after_asking() -> None:
    app, store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        view = await _open(pilot)
        before = len(store.plan.observations)
        await _select(pilot, view, "Privacy incidents")
        await pilot.press("n")
        _fill(app, value="two", group="Night shift", n=12)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Write a number, e.g. 79.5 or 3." in _screen(app)  # the reason, on screen
        assert len(store.plan.observations) == before
        _fill(app, value="2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = store.plan.observations[-1]
        assert (added.metric, added.period, added.value, added.group, added.n) == (
            "privacy_incidents",
            TODAY,
            2,
            "Night shift",
            12,
        )
        assert store.history()[-1].action == "observation.new"

        await pilot.press("o")
        await pilot.pause()
        listed = _rows(app, "#scorecard-observations")
        assert listed[0] == (TODAY.isoformat(), "Night shift", "2", "12", added.id)
        assert f"Observation 1 of {len(listed)}" in view.panel.text
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert all(o.id != added.id for o in store.plan.observations)
        assert store.history()[-1].action == "observation.delete"
        assert added.id not in [r[4] for r in _rows(app, "#scorecard-observations")]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one("#scorecard-metrics", LineTable).display


def _small_groups() -> Plan:
    """Usefulness today: everyone, and three sites that add up to everyone, one of 3 people.

    Venlo (3 people) is hidden; Head office too, else everyone minus Rotterdam minus Head office
    gives Venlo. Follow-through was measured once, over 4 people.
    """
    plan = example()
    cuts = (
        ("", 66.61, 40),
        ("Rotterdam hub", 71.17, 21),
        ("Head office", 62.23, 16),
        ("Venlo depot", 44.44, 3),
    )
    for at, (group, value, n) in enumerate(cuts):
        fields = {"pilot": "pilot-1", "metric": "usefulness", "period": TODAY, "value": value, "n": n}
        plan = add(plan, "observations", id=f"obs-s{at}", group=group, **fields)
    fields = {"pilot": "pilot-1", "metric": "follow_through", "period": TODAY, "value": 55.55, "n": 4}
    return add(plan, "observations", id="obs-f1", **fields)


HIDDEN = ("44.44", "44.4", "62.23", "62.2", "55.55", "55.5")
"""The hidden values as any screen would write them."""


def _nothing_hidden_on(app: CoachApp) -> str:
    text = _screen(app)
    assert not [value for value in HIDDEN if value in text], text
    return text


async def test_no_value_behind_fewer_than_k_people_is_on_the_screen_nor_one_recoverable_by_subtraction() -> (
    None
):
    app, _store = _app(_small_groups())
    async with app.run_test(size=SIZE) as pilot:
        view = await _open(pilot)
        _nothing_hidden_on(app)
        await _select(pilot, view, "User-reported usefulness")
        assert "66.61%" in _nothing_hidden_on(app)  # the total over 40 people is shown
        await pilot.press("o")
        await pilot.pause()
        listed = {row[1]: row for row in _rows(app, "#scorecard-observations") if row[0] == TODAY.isoformat()}
        assert listed["Venlo depot"][2:4] == ("suppressed (n < 5)", "-")
        assert listed["Head office"][2:4] == ("suppressed (n < 5)", "-")  # total - Rotterdam - it = Venlo
        assert listed["Rotterdam hub"][2:4] == ("71.17%", "21")
        for _row in listed:
            _nothing_hidden_on(app)
            await pilot.press("j")
            await pilot.pause()
        await pilot.press("o")
        await _select(pilot, view, "Observable follow-through")
        text = _nothing_hidden_on(app)  # in the row, its trend and the chart below
        row = next(r for r in _rows(app) if r[1] == "Observable follow-through")
        assert row[3] == "suppressed (n < 5)" and row[6] == "?"
        assert "Latest: suppressed (n < 5)" in view.panel.text and "suppressed (n < 5)" in text


def _banner(app: CoachApp, name: str) -> Static:
    return app.screen.query_one(name, Static)


async def test_a_met_stop_condition_raises_a_banner_on_the_tab_and_the_overview() -> None:
    app, _store = _app(observed(example(), "privacy_incidents", 1))
    async with app.run_test(size=SIZE) as pilot:
        overview = str(_banner(app, "#overview-banner").render())
        assert "STOP CONDITION MET (blocking)" in overview
        assert '"One privacy incident or more stops the pilot."' in overview
        incident = app.session.plan.observations[-1].id
        assert f"by {incident}" in overview and f"({TODAY.isoformat()}: 1)" in overview
        await _open(pilot)
        tab = str(_banner(app, "#scorecard-banner").render())
        assert tab == overview and "STOP CONDITION MET" in _screen(app)

    app, _store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        assert _banner(app, "#overview-banner").has_class("-hidden")
        await _open(pilot)
        assert _banner(app, "#scorecard-banner").has_class("-hidden")


async def test_failure_mode_3_is_a_banner_and_its_finding_opens_the_scorecard() -> None:
    plan = example()
    for key in [o.id for o in plan.observations if o.metric == "bias_signals"]:
        plan = remove(plan, "observations", key)
    app, _store = _app(plan)
    async with app.run_test(size=SIZE) as pilot:
        banner = str(_banner(app, "#overview-banner").render())
        assert "FAILURE MODE 3 (warning): pilot 1 measures engagement but not bias signals." in banner
        overview = app.screen.query_one(OverviewView)
        at = next(i for i, f in enumerate(overview.findings) if f.rule == "measurement")
        overview.finding_list.move_to(at)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ScorecardView).display
        assert "FAILURE MODE 3" in str(_banner(app, "#scorecard-banner").render())


async def test_an_import_from_the_tab_is_all_or_nothing_one_change_and_undone_by_ctrl_z(
    tmp_path: Path,
) -> None:
    for name, text in example_files(TODAY).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("metric,period,value,group,n\nopt_outs,2025-01-06,5,,40\nopt_outs,2025-02-30,5,,40\n")
    app, store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        before = store.plan.observations
        await pilot.press("i")
        _fill(app, path=str(bad))
        await pilot.press("ctrl+s")
        await pilot.pause()
        refusal = str(app.screen.query_one("#form-refusal", Static).render())
        assert "nothing was imported" in refusal and "bad.csv, line 3, field period" in refusal
        assert store.plan.observations == before

        _fill(app, path=str(tmp_path / "example-week-5.csv"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen.query_one(ScorecardView), ScorecardView)
        assert len(store.plan.observations) == len(before) + 13
        assert store.history()[-1].summary == "Imported 13 observations from example-week-5.csv"
        assert "Imported 13 observations from example-week-5.csv. ctrl+z undoes it." in notices(app)
        usefulness = next(r for r in _rows(app) if r[1] == "User-reported usefulness")
        assert usefulness[3] == "81%"

        await pilot.press("ctrl+z")
        await pilot.pause()
        assert store.plan.observations == before
        assert store.history()[-1].summary == "Undid: Imported 13 observations from example-week-5.csv"
        usefulness = next(r for r in _rows(app) if r[1] == "User-reported usefulness")
        assert usefulness[3] != "81%"


async def test_help_and_the_palette_find_the_scorecard_its_observations_and_the_import() -> None:
    app, _store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        titles = {command.title for command in palette_commands(app, app.main)}
        assert {"Go to Scorecard", "Scorecard: New observation", "Scorecard: Import observations"} <= titles
        assert {"Scorecard: Observations", "Scorecard: Delete observation", "Scorecard: New metric"} <= titles
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "scorecard import")
        await pilot.pause(0.3)  # the palette searches in a worker; wait for its results
        await pilot.press("enter")
        await pilot.pause()
        assert app.main.active_tab == "scorecard" and form(app).form_title == "Import observations"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog) and app.screen.help_title == "Scorecard"
        keys = dict(app.screen.keys)
        assert keys["i"] == "Import observations  [scorecard.import]"
        assert keys["n"] == "New observation  [scorecard.new_observation]"


async def test_read_only_the_import_and_the_forms_are_refused_with_the_reason() -> None:
    app, store = _app(example())
    store.read_only = True
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot)
        for key in ("i", "n", "m"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen.query(ScorecardView), f"{key} opened a form on a read-only plan"
            assert notices(app)[-1] == "The plan is open read-only; nothing was changed."


async def test_a_remapped_key_is_the_one_the_panel_names_and_the_one_that_works() -> None:
    store = PlanStore.memory(example())
    app = CoachApp(store, today=TODAY, keymap={"scorecard.observations": "v"})
    async with app.run_test(size=SIZE) as pilot:
        view = await _open(pilot)
        await _select(pilot, view, "Opt-outs")
        assert "(v lists them)" in view.panel.text and "(o lists them)" not in view.panel.text
        await pilot.press("v")
        await pilot.pause()
        assert app.screen.query_one("#scorecard-observations", LineTable).display
        assert "v goes back to the metrics" in view.panel.text
