"""Pilot (tab 7) at 80x24: design, conditions, jurisdictions, start refused and started, amend,
complete, stop, training; each action's stored plan, history entry and findings."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pilot_helpers import form, notices, type_text
from pilot_plans import unpiloted
from planbuild import TODAY, add, example
from textual.widgets import Static

from schemas.enums import Audience, Comparison, ConditionKind, PilotStatus, Severity, TrainingTopic
from schemas.findings import evaluate, gate_items
from schemas.plan import Plan
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.form import FormDialog
from tui.dialogs.help import HelpDialog
from tui.palette import palette_commands
from tui.views.pilot.view import PilotView
from tui.views.stages.detail import still_needs
from tui.widgets.linetable import LineTable
from tui.widgets.oneline import OneLine

SIZE = (80, 24)

DESIGN = {
    "name": "New-manager feedback preparation pilot",
    "use_case": "uc-9",
    "population_size": "40",
    "population": "Volunteer new managers in their first year",
    "organization_size": "1200",
    "voluntary": True,
    "notice_text": "What the coach is for, what it keeps, who sees what, how to leave.",
    "notice_date": (TODAY + timedelta(days=1)).isoformat(),
    "opt_out": "Leave pilot in the app; no reason needed",
    "support_contact": "coaching-pilot@northwind.example",
    "escalation_route": "Your HR business partner, the same day",
    "start": (TODAY + timedelta(days=14)).isoformat(),
    "end": (TODAY + timedelta(days=70)).isoformat(),
}
"""The worked example's pilot as the design form takes it."""


def _app(plan: Plan) -> tuple[CoachApp, PlanStore]:
    store = PlanStore.memory(plan)
    return CoachApp(store, today=TODAY), store


def _view(app: CoachApp) -> PilotView:
    return app.screen.query_one(PilotView)


def _rows(app: CoachApp) -> list[tuple[str, ...]]:
    return [tuple(row) for row in app.screen.query_one("#pilot-table", LineTable).rows]


def _head(app: CoachApp) -> str:
    return "\n".join(line.text for line in app.screen.query("#pilot-head OneLine").results(OneLine))


def _fill(app: CoachApp, values: dict[str, Any]) -> None:
    dialog = form(app)
    for name, value in values.items():
        dialog.set_value(name, value)


async def _save(pilot: Any) -> None:
    await pilot.press("ctrl+s")
    await pilot.pause()


async def _select(pilot: Any, app: CoachApp, section: str, text: str = "") -> None:
    """Move the cursor to the first line of ``section`` whose text holds ``text``."""
    at = next(i for i, r in enumerate(_rows(app)) if r[1] == section and text in r[2])
    app.screen.query_one("#pilot-table", LineTable).move_to(at)
    await pilot.pause()


def _findings(store: PlanStore, rule: str) -> list[str]:
    return [f.message for f in evaluate(store.plan, TODAY) if f.rule == rule]


async def _designed(pilot: Any, app: CoachApp) -> None:
    """7, e, the worked example's design, saved."""
    await pilot.press("7")
    await pilot.pause()
    await pilot.press("e")
    _fill(app, DESIGN)
    await _save(pilot)


async def _condition(pilot: Any, app: CoachApp, kind: ConditionKind, metric: str, threshold: str) -> None:
    await pilot.press("c")
    _fill(app, {"kind": kind, "metric": metric, "comparison": Comparison.GE, "threshold": threshold})
    await _save(pilot)


async def test_the_example_opens_on_tab_7_with_its_pilot_conditions_and_training() -> None:
    app, _store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        head = _head(app).splitlines()
        assert head[0] == 'Pilot 1 "New-manager feedback preparation pilot": running'
        assert (
            head[1].startswith("Started 20")
            and "by Priya Raman, HR Director · Cap 50 · conditions locked: a amends" in head[1]
        )
        rows = _rows(app)
        assert rows[1] == ("✓", "Design", rows[1][2], "cap 50", "within cap")
        assert rows[1][2].startswith("Population: 40, Volunteer new manag")
        assert ("✓", "Stop", "One privacy incident or more stops the pilot.", ">= 1", "locked") in rows
        assert ("✓", "Legal", "Netherlands", rows[7][3], "reviewed") == rows[7]
        training = [r for r in rows if r[1] == "Training"]
        assert [r[4] for r in training] == ["trained", "trained"]
        session = next(r for r in rows if r[1] == "Session" and r[2].startswith("Managers"))
        assert session[3] == "?/40 (n<5)"  # 37 of 40: the 3 absent could be told
        assert "37" not in " ".join(r[3] for r in rows if r[1] == "Session")


async def test_help_and_palette_find_pilot_and_training() -> None:
    app, _store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        titles = [c.title for c in palette_commands(app, app.main)]
        assert "Go to Pilot" in titles and "Pilot: Training" in titles and "Pilot: Start" in titles
        assert any("train" in t.lower() for t in titles) and any("pilot" in t.lower() for t in titles)
        keys = app.screen.query_one("#keys")
        assert "e Design" in str(keys.render()) and "s Start" in str(keys.render())
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        described = dict(app.screen.keys)
        assert described["J"].endswith("[pilot.new_jurisdiction]") and "[pilot.amend]" in described["a"]


async def test_create_a_pilot_from_a_fresh_design() -> None:
    app, store = _app(unpiloted())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        assert _head(app).startswith("No pilot yet: e designs one")
        await pilot.press("e")
        assert form(app).form_title == "New pilot"
        _fill(app, DESIGN)
        await _save(pilot)
        [made] = store.plan.pilots
        assert (made.name, made.use_case, made.population_size, made.organization_size) == (
            DESIGN["name"],
            "uc-9",
            40,
            1200,
        )
        assert made.status is PilotStatus.DESIGN and made.escalation_route == DESIGN["escalation_route"]
        entry = store.history()[-1]
        assert entry.action == "pilot.new" and entry.edits[0].table == "pilots"
        assert any("has no stop condition" in m for m in _findings(store, "pilot-design"))
        assert _head(app).startswith(f'Pilot 1 "{DESIGN["name"]}": design')


async def test_edit_the_design() -> None:
    app, store = _app(unpiloted())
    async with app.run_test(size=SIZE) as pilot:
        await _designed(pilot, app)
        await _select(pilot, app, "Design", "Population")
        await pilot.press("enter")
        assert form(app).values()["population_size"] == 40
        _fill(app, {"population_size": "30", "escalation_route": ""})
        await _save(pilot)
        made = store.plan.pilots[0]
        assert made.population_size == 30 and made.escalation_route == ""
        entry = store.history()[-1]
        assert entry.action == "pilot.design" and {e.field for e in entry.edits} == {
            "population_size",
            "escalation_route",
        }
        assert any("no human escalation route" in m for m in _findings(store, "pilot-design"))


async def test_bad_design_input_is_said_at_the_field_and_nothing_is_saved() -> None:
    app, store = _app(unpiloted())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("e")
        dialog = form(app)
        _fill(app, DESIGN)
        before = len(store.history())
        cases = [
            ({"population_size": "0"}, "population_size", "At least one person takes part."),
            ({"population_size": str(10**9)}, "population_size", "is above the cap: at most 50"),
            ({"population_size": "51"}, "population_size", "(the policy cap 50; 10% of 1200 is 120)"),
            ({"organization_size": "300", "population_size": "40"}, "population_size", "at most 30"),
            ({"notice_date": DESIGN["end"]}, "notice_date", "comes after the start"),
            ({"end": (TODAY + timedelta(days=2)).isoformat()}, "end", "before it starts"),
        ]
        for values, field, words in cases:
            _fill(app, DESIGN)
            _fill(app, values)
            await _save(pilot)
            assert form(app) is dialog, values
            assert words in dialog.errors[field], (values, dialog.errors)
            assert app.focused is dialog.widget_for(field)
            shown = str(dialog.query_one(f"#err-{field}", Static).render())
            assert words in shown
        assert len(store.history()) == before and store.plan.pilots == []


async def test_conditions_added_edited_and_bad_thresholds_and_metrics_refused() -> None:
    app, store = _app(unpiloted())
    async with app.run_test(size=SIZE) as pilot:
        await _designed(pilot, app)
        await pilot.press("c")
        dialog = form(app)
        _fill(app, {"kind": ConditionKind.STOP, "metric": "privacy_incidents", "threshold": "one"})
        await _save(pilot)
        assert "Write a number" in dialog.errors["threshold"] and app.focused is dialog.widget_for(
            "threshold"
        )
        assert store.plan.conditions == []
        _fill(app, {"threshold": "1", "wording": "One privacy incident or more stops the pilot."})
        await _save(pilot)
        [stop] = store.plan.conditions
        assert (stop.kind, stop.metric, stop.comparison, stop.threshold, stop.locked) == (
            ConditionKind.STOP,
            "privacy_incidents",
            Comparison.GE,
            1.0,
            False,
        )
        assert store.history()[-1].action == "condition.new"
        assert not any("has no stop condition" in m for m in _findings(store, "pilot-design"))
        await _select(pilot, app, "Stop", "privacy")
        await pilot.press("enter")
        _fill(app, {"threshold": "2"})
        await _save(pilot)
        assert store.plan.conditions[0].threshold == 2 and store.history()[-1].action == "condition.edit"


async def test_a_condition_on_a_metric_not_on_the_scorecard_is_refused_at_the_metric() -> None:
    plan = add(unpiloted(), "pilots", id="pilot-1", name="First", status=PilotStatus.DESIGN)
    fields = {"kind": ConditionKind.SUCCESS, "comparison": Comparison.GE, "threshold": 60}
    plan = add(plan, "conditions", id="cond-1", pilot="pilot-1", metric="taken_off", **fields)
    app, store = _app(plan)  # a condition on a metric since taken off the scorecard
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await _select(pilot, app, "Success")
        await pilot.press("enter")
        dialog = form(app)
        await _save(pilot)
        assert 'no metric "taken_off" on the scorecard' in dialog.errors["metric"]
        assert app.focused is dialog.widget_for("metric") and store.history() == []
        dialog.set_value("metric", "usefulness")
        await _save(pilot)
        assert store.plan.conditions[0].metric == "usefulness"


async def test_start_is_refused_with_each_finding_and_where_it_is_fixed_then_starts() -> None:
    app, store = _app(unpiloted())
    async with app.run_test(size=SIZE) as pilot:
        await _designed(pilot, app)
        await _condition(pilot, app, ConditionKind.STOP, "privacy_incidents", "1")
        await _condition(pilot, app, ConditionKind.SUCCESS, "usefulness", "70")
        entries = len(store.history())
        await pilot.press("s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)  # refused before any form opens
        blocks = [r for r in _rows(app) if r[1] == "Blocks"]
        assert [r[3] for r in blocks] == ["tab 7, key enter", "tab 7, key t", "tab 7, key t"]
        assert 'Jurisdiction "Netherlands" has no recorded legal review' in blocks[0][2]
        assert "Start: ✗ refused (3 below)" in _head(app)
        assert any("Start refused: 3 reasons" in n for n in notices(app))
        assert len(store.history()) == entries and store.plan.pilots[0].status is PilotStatus.DESIGN

        await _select(pilot, app, "Blocks", "Jurisdiction")
        await pilot.press("enter")  # goes to where it is fixed: the jurisdiction's form
        assert form(app).form_title == "Jurisdiction: Netherlands"
        _fill(app, {"reviewed_by": "Joost van Dam, counsel"})
        await _save(pilot)
        assert "Give the date of the legal review too." in form(app).errors["reviewed_at"]
        _fill(app, {"reviewed_at": TODAY.isoformat()})
        await _save(pilot)
        assert store.plan.jurisdictions[0].reviewed_by == "Joost van Dam, counsel"
        for audience in Audience:
            await pilot.press("t")
            _fill(
                app,
                {"audience": audience, "topics": list(TrainingTopic), "invited": "40", "attended": "38"},
            )
            await _save(pilot)
        assert not [r for r in _rows(app) if r[1] == "Blocks"] and "Start: ✓ ready (s)" in _head(app)

        await pilot.press("s")
        _fill(app, {"who": "Priya Raman"})
        await _save(pilot)
        started = store.plan.pilots[0]
        assert (started.status, started.started_by, started.started_at, started.start) == (
            PilotStatus.RUNNING,
            "Priya Raman",
            TODAY,
            TODAY + timedelta(days=14),
        )
        assert all(c.locked for c in store.plan.conditions)
        entry = store.history()[-1]
        assert entry.action == "pilot.start" and entry.reason.startswith("Started")
        blocking = [f for f in evaluate(store.plan, TODAY) if f.severity is Severity.BLOCKING]
        assert not [f for f in blocking if f.rule in ("pilot-design", "training", "conditions-locked")]


async def test_amend_a_locked_condition_with_a_reason_keeps_the_original_beside_it() -> None:
    app, store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await _select(pilot, app, "Stop", "privacy")
        await pilot.press("delete")
        await pilot.pause()
        assert any("A locked condition is not removed" in n for n in notices(app))
        await pilot.press("enter")  # a locked condition: enter amends
        dialog = form(app)
        assert (
            dialog.form_title == "Amend the stop condition"
            and "Original: privacy_incidents >= 1" in dialog.intro
        )
        _fill(app, {"threshold": "2"})
        await _save(pilot)
        assert dialog.errors["reason"] == "Required." and app.focused is dialog.widget_for("reason")
        assert store.plan.conditions[0].threshold == 1  # nothing saved without the reason
        await type_text(pilot, "Two reports in week 1 were tests by the vendor")
        await _save(pilot)
        amended = store.plan.conditions[0]
        assert amended.threshold == 2 and amended.amendment.startswith("Two reports in week 1")
        assert amended.original is not None and amended.original.threshold == 1
        assert amended.original.wording == "One privacy incident or more stops the pilot."
        entry = store.history()[-1]
        assert entry.action == "condition.amend" and entry.reason == amended.amendment
        assert _findings(store, "conditions-locked") == []
        row = next(r for r in _rows(app) if r[1] == "Stop" and "privacy" in r[2])
        assert row[3:] == ("was >= 1", "amended")
        await pilot.press("enter")
        _fill(app, {"threshold": "3"})
        await type_text(pilot, "Third")
        await _save(pilot)
        assert store.plan.conditions[0].original.threshold == 1  # type: ignore[union-attr]


async def test_complete_and_stop_each_ask_a_reason() -> None:
    app, store = _app(example())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("f")
        dialog = form(app)
        _fill(app, {"who": "Priya Raman"})
        await _save(pilot)
        assert dialog.errors["reason"] == "Required." and store.plan.pilots[0].status is PilotStatus.RUNNING
        _fill(app, {"reason": "Eight weeks done", "on": (TODAY - timedelta(days=400)).isoformat()})
        await _save(pilot)
        assert "before it started" in dialog.errors["on"] and app.focused is dialog.widget_for("on")
        _fill(app, {"on": TODAY.isoformat()})
        await _save(pilot)
        done = store.plan.pilots[0]
        assert (done.status, done.ended_by, done.ended_at, done.end_reason) == (
            PilotStatus.COMPLETED,
            "Priya Raman",
            TODAY,
            "Eight weeks done",
        )
        entry = store.history()[-1]
        assert entry.action == "pilot.complete" and entry.reason == "Eight weeks done"
        assert f"Completed {TODAY} by Priya Raman: read-only (e designs a new pilot)" in _head(app)

        await pilot.press("e")
        assert form(app).form_title == "New pilot"
        _fill(app, {**DESIGN, "name": "Second pilot"})
        await _save(pilot)
        assert [p.status for p in store.plan.pilots] == [PilotStatus.COMPLETED, PilotStatus.DESIGN]
        earlier = next(r for r in _rows(app) if r[1] == "Earlier")
        assert earlier[2].startswith('Pilot 1 "New-manager') and earlier[4] == "read-only"
        await pilot.press("X")
        _fill(app, {"reason": "The vendor withdrew", "who": "Priya Raman"})
        await _save(pilot)
        assert store.plan.pilots[1].status is PilotStatus.STOPPED
        assert store.history()[-1].action == "pilot.stop"
        assert store.history()[-1].reason == "The vendor withdrew"


async def test_training_sessions_added_and_edited_attended_never_above_invited() -> None:
    app, store = _app(unpiloted())
    async with app.run_test(size=SIZE) as pilot:
        await _designed(pilot, app)
        assert any("employees of pilot" in m for m in _findings(store, "training"))
        await pilot.press("t")
        dialog = form(app)
        _fill(app, {"audience": Audience.EMPLOYEES, "topics": list(TrainingTopic), "invited": "10"})
        _fill(app, {"attended": "12"})
        await _save(pilot)
        assert "more than the 10 invited" in dialog.errors["attended"]
        assert app.focused is dialog.widget_for("attended") and store.plan.training == []
        _fill(app, {"attended": "9"})
        await _save(pilot)
        [session] = store.plan.training
        assert (session.audience, session.invited, session.attended, session.held_on) == (
            Audience.EMPLOYEES,
            10,
            9,
            TODAY,
        )
        assert session.pilot == store.plan.pilots[0].id and store.history()[-1].action == "training.new"
        assert not any("employees of pilot" in m for m in _findings(store, "training"))
        await _select(pilot, app, "Session", "Employees")
        await pilot.press("enter")
        _fill(app, {"topics": [TrainingTopic.PURPOSE], "invited": "20", "attended": "18"})
        await _save(pilot)
        edited = store.plan.training[0]
        assert (edited.topics, edited.invited, edited.attended) == ([TrainingTopic.PURPOSE], 20, 18)
        assert store.history()[-1].action == "training.edit"
        assert any("employees of pilot" in m and "limits" in m for m in _findings(store, "training"))


def test_the_stage_tracker_sends_stage_5_to_the_pilot_and_stage_6_to_training() -> None:
    plan = unpiloted()
    assert "• No pilot is designed yet (tab 7 Pilot, key e)." in still_needs(plan, plan.stage(5), TODAY)
    designed = add(plan, "pilots", id="pilot-1", name="First", status=PilotStatus.DESIGN)
    five = "\n".join(still_needs(designed, designed.stage(5), TODAY))
    assert "has no stop condition (tab 7 Pilot, key c)." in five
    assert "names no human escalation route (tab 7 Pilot, key e)." in five
    assert (
        'Jurisdiction "Netherlands" has no recorded legal review' in five
        and "(tab 7 Pilot, key enter)" in five
    )
    six = [item for item in gate_items(designed, 6, TODAY) if "trained" in item.what]
    assert len(six) == 2 and {item.place.words() for item in six} == {"tab 7 Pilot, key t"}
