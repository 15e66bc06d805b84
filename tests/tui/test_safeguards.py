"""Safeguards view: attest and withdraw prohibitions, the data-access grid, k, consultations."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pilot_helpers import form, notices, type_text

from schemas.defaults import default_plan
from schemas.enums import (
    AccessLevel,
    ConsultationBody,
    ConsultationOutcome,
    DataCategory,
    PilotStatus,
    Severity,
)
from schemas.findings import evaluate
from schemas.plan import Plan
from schemas.records import Consultation, Pilot
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.confirm import ConfirmDialog
from tui.widgets.linetable import LineTable
from tui.widgets.textpanel import TextPanel

SIZE = (80, 24)
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
EMPLOYEE, MANAGER, HR = 0, 1, 2
PRIVATE, PROFILES, USAGE, REPORTS = 2, 3, 4, 5
"""Rows and columns of the default data-access grid."""


def table(app: CoachApp, section: str) -> LineTable:
    """One of the view's lists: sg-prohibitions, sg-access or sg-consultations."""
    return app.screen.query_one(f"#{section}", LineTable)


def detail(app: CoachApp) -> str:
    """The panel under the lists."""
    return app.screen.query_one("#sg-detail", TextPanel).text


def surveillance(store: PlanStore) -> dict[str, Severity]:
    """Entity -> severity of every surveillance finding of the stored plan."""
    return {f.entity: f.severity for f in evaluate(store.plan, NOW.date()) if f.rule == "surveillance"}


def level(store: PlanStore, role: str, category: DataCategory) -> AccessLevel:
    """The stored access level of ``role`` to ``category``."""
    return next(r.level for r in store.plan.data_access if r.role == role and r.category is category)


def _running_pilot_plan(display_name: str = "") -> Plan:
    plan = default_plan(NOW)
    pilot = Pilot(id="pilot-1", name="New-manager feedback", use_case="uc-1", status=PilotStatus.RUNNING)
    info = plan.plan.model_copy(update={"display_name": display_name})
    return plan.model_copy(update={"pilots": [pilot], "plan": info})


async def test_attest_records_who_and_when_and_clears_the_finding(make_app) -> None:
    store = PlanStore.memory(_running_pilot_plan(display_name="Dana Privacy"))
    app: CoachApp = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert surveillance(store)["prohibitions/pr-1"] is Severity.BLOCKING
        assert table(app, "sg-prohibitions").rows[0][0] == "✗"
        before = datetime.now(UTC)
        await pilot.press("a")
        assert form(app).values()["by"] == "Dana Privacy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        attested = store.plan.prohibitions[0]
        assert attested.attested_by == "Dana Privacy"
        assert attested.attested_at is not None and attested.attested_at >= before.replace(microsecond=0)
        assert store.history()[-1].action == "prohibition.attest"
        assert "prohibitions/pr-1" not in surveillance(store) and "prohibitions/pr-2" in surveillance(store)
        row = table(app, "sg-prohibitions").rows[0]
        assert row[0] == "" and row[2].startswith("✓ Dana Privacy, ")
        assert "Attested by Dana Privacy on" in detail(app)


async def test_attest_needs_a_name(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "j", "a")
        form(app).set_value("by", "  ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form(app).errors["by"] == "Required."
        assert memory_store.plan.prohibitions[1].attested_by == "" and memory_store.history() == []


async def test_withdraw_asks_then_clears_the_attestation(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "w")
        assert any("is not attested" in n for n in notices(app))
        await pilot.press("a")
        await type_text(pilot, "Sam Lee")  # replaces the suggested name
        await pilot.press("ctrl+s", "w")
        assert isinstance(app.screen, ConfirmDialog)
        assert "attestation of the prohibition of secret monitoring" in app.screen.message
        await pilot.press("n")
        assert memory_store.plan.prohibitions[0].attested_by == "Sam Lee"
        await pilot.press("w", "y")
        await pilot.pause()
        withdrawn = memory_store.plan.prohibitions[0]
        assert (withdrawn.attested_by, withdrawn.attested_at) == ("", None)
        assert [e.action for e in memory_store.history()] == ["prohibition.attest", "prohibition.withdraw"]
        assert table(app, "sg-prohibitions").rows[0][2] == "✗ not attested"


async def test_space_steps_a_cell_and_the_surveillance_finding_shows_live(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "tab", "j", "right", "space")
        assert level(memory_store, "Manager", DataCategory.DERIVED_PROFILES) is AccessLevel.OWN
        assert surveillance(memory_store) == {}  # a manager reading their own is not surveillance
        grid = table(app, "sg-access")
        assert grid.rows[MANAGER][0] == "" and grid.rows[MANAGER][PROFILES] == "own only"
        assert "Manager reads their own derived profiles." in detail(app)
        await pilot.press("space", "space", "space")
        assert level(memory_store, "Manager", DataCategory.DERIVED_PROFILES) is AccessLevel.NONE
        assert surveillance(memory_store) == {} and grid.rows[MANAGER][PROFILES] == "none"
        assert len(memory_store.history()) == 4


async def test_individual_usage_data_is_a_warning(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "tab", "j", "j", "l", "l", "space")
        assert level(memory_store, "HR", DataCategory.USAGE_METADATA) is AccessLevel.INDIVIDUAL
        assert surveillance(memory_store) == {"data_access/da-11": Severity.WARNING}
        assert table(app, "sg-access").rows[HR][USAGE] == "! individual"


async def test_keys_of_one_list_do_nothing_in_another(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "space")
        await pilot.press("tab", "a", "w")
        assert app.screen is app.main and memory_store.history() == []


async def test_add_rename_and_remove_a_role(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "tab", "n")
        await type_text(pilot, "hr")
        await pilot.press("ctrl+s")
        assert form(app).errors["role"] == "The grid already has a role of that name."
        form(app).set_value("role", "Coach")
        await pilot.press("ctrl+s")
        await pilot.pause()
        added = [r for r in memory_store.plan.data_access if r.role == "Coach"]
        assert [(r.id, r.level) for r in added] == [(f"da-{n}", AccessLevel.NONE) for n in range(17, 21)]
        grid = table(app, "sg-access")
        assert grid.rows[-1][1:] == ("Coach", "none", "none", "none", "none")
        await pilot.press("end", "enter")
        form(app).set_value("role", "External coach")
        await pilot.press("ctrl+s")
        await pilot.pause()
        renamed = {r.role for r in memory_store.plan.data_access if r.id in ("da-17", "da-20")}
        assert renamed == {"External coach"}
        await pilot.press("delete")
        assert "Remove External coach" in app.screen.message
        await pilot.press("y")
        await pilot.pause()
        assert len(memory_store.plan.data_access) == 16 and len(grid.rows) == 4
        assert [e.action for e in memory_store.history()] == [
            "data_access.add_role",
            "data_access.rename_role",
            "data_access.remove_role",
        ]


async def test_k_below_three_is_refused_with_a_message(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "g")
        form(app).set_value("k", "2")
        assert "k cannot be below 3" in form(app).errors["k"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert memory_store.plan.policy.min_group_size == 5 and memory_store.history() == []
        form(app).set_value("k", "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert memory_store.plan.policy.min_group_size == 7
        assert memory_store.history()[-1].action == "policy.min_group_size"
        assert "k = 7 people" in str(app.screen.query_one("#sg-policy").render())


async def test_consultations_are_added_edited_and_deleted(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "tab", "tab")
        assert "No consultations recorded" in detail(app)
        await pilot.press("n")
        assert form(app).values()["consulted_at"] == date(2025, 3, 3)
        form(app).set_value("body", ConsultationBody.WORKS_COUNCIL)
        form(app).set_value("said", "No manager sees individual usage.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert memory_store.plan.consultations == [
            Consultation(
                id="cons-1",
                body=ConsultationBody.WORKS_COUNCIL,
                consulted_at=date(2025, 3, 3),
                said="No manager sees individual usage.",
            )
        ]
        rows = table(app, "sg-consultations").rows
        assert rows == [("Works council", "2025-03-03", "-", "No manager sees individual usage.", "-")]
        await pilot.press("enter")
        form(app).set_value("response", "Managers get aggregates of 5 or more.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert memory_store.plan.consultations[0].response == "Managers get aggregates of 5 or more."
        assert "Answer: Managers get aggregates of 5 or more." in detail(app)
        await pilot.press("delete", "y")
        await pilot.pause()
        assert memory_store.plan.consultations == []
        assert [e.action for e in memory_store.history()] == [
            "consultation.new",
            "consultation.edit",
            "consultation.delete",
        ]


async def test_a_named_body_that_objects_is_a_warning_until_the_plan_answers(
    memory_store: PlanStore, make_app
) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "tab", "tab", "n")
        form(app).set_value("body", ConsultationBody.OTHER)
        await pilot.press("ctrl+s")  # another body needs its name
        assert "body_name" in form(app).errors and app.focused is form(app).widget_for("body_name")
        form(app).set_value("body_name", "Central works council")
        form(app).set_value("outcome", ConsultationOutcome.OBJECTED)
        form(app).set_value("said", "Aggregates of five are too small for our sites.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [consultation] = memory_store.plan.consultations
        assert (consultation.body_name, consultation.outcome) == ("Central works council", "objected")
        assert table(app, "sg-consultations").rows[0][:3] == (
            "Central works council",
            "2025-03-03",
            "! objected",
        )
        objection = [f for f in app.session.findings if "Central works council" in f.message]
        assert [f.severity for f in objection] == ["warning"]
        await pilot.press("enter")
        form(app).set_value("response", "k is 10 for site-level figures.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not [f for f in app.session.findings if "Central works council" in f.message]
        assert table(app, "sg-consultations").rows[0][2] == "objected"


async def test_a_finding_on_a_cell_selects_that_cell(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert await app.main.open_entity("data_access/da-11")
        await pilot.pause()
        grid = table(app, "sg-access")
        assert app.screen.focused is grid and (grid.cursor_row, grid.cursor_column) == (HR, USAGE)
        assert detail(app).startswith("HR reads aggregates of usage metadata.")


async def test_the_palette_steps_a_level_even_from_another_list(memory_store: PlanStore, make_app) -> None:
    app: CoachApp = make_app(memory_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert app.screen.focused is table(app, "sg-prohibitions")
        await app.main.view("safeguards").run_action("cycle_level")  # what the palette calls
        await pilot.pause()
        assert level(memory_store, "Employee", DataCategory.PRIVATE_CONTENT) is AccessLevel.AGGREGATE
        assert app.screen.focused is table(app, "sg-access")
        assert table(app, "sg-access").rows[EMPLOYEE][PRIVATE] == "✗ aggregate"
        assert table(app, "sg-access").rows[EMPLOYEE][REPORTS] == "aggregate"
