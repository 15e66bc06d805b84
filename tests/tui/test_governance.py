"""The governance view (tab 5): the nine topics, their form, and the stage 3 completeness line."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from pilot_helpers import form, type_text
from textual.pilot import Pilot
from textual.widgets import Select

from schemas.defaults import default_plan
from schemas.enums import StageStatus
from schemas.plan import Plan
from store import PlanStore
from tui.app import CoachApp
from tui.dialogs.form import FormDialog
from tui.views.governance.view import GovernanceView
from tui.widgets.textpanel import TextPanel

MakeApp = Callable[[PlanStore], CoachApp]
NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def text_of(app: CoachApp, selector: str) -> str:
    widget = app.screen.query_one(selector)
    return widget.text if isinstance(widget, TextPanel) else str(widget.render())


def options(app: CoachApp) -> list[str]:
    listing = app.query_one("#gov-list")
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]  # type: ignore[attr-defined]


def with_topics(plan: Plan, **changes: dict[str, Any]) -> Plan:
    """The plan with some governance topics changed (validated again)."""
    topics = [
        t.model_validate({**t.model_dump(), **changes.get(t.id.replace("-", "_"), {})})
        for t in plan.governance
    ]
    return plan.model_copy(update={"governance": topics})


def complete(statement: str = "We commit to it.", **more: Any) -> dict[str, Any]:
    return {"statement": statement, "reviewed_by": "A. Counsel", "reviewed_at": date(2025, 2, 1), **more}


async def open_governance(pilot: Pilot[None]) -> None:
    await pilot.press("5")
    await pilot.pause()


async def test_a_new_plan_lists_nine_incomplete_topics(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_governance(pilot)
        assert (
            text_of(app, "#gov-complete")
            == "Stage 3: 0 of 9 topics complete. Missing: 9 statements and 9 reviews."
        )
        assert options(app) == [
            "- Data collection",  # incomplete, but no rule asks for it before stage 3 starts
            "- Retention",
            "- Model use",
            "- Access",
            "- Deletion",
            "- Export",
            "- Subprocessors",
            "- Security",
            "- Incident response",
        ]
        detail = text_of(app, "#gov-detail")
        assert "Owner: Legal and privacy" in detail
        assert "Missing: a statement and a review." in detail


async def test_enter_edits_a_topic_typed_field_by_field(make_app: MakeApp) -> None:
    plan = default_plan(NOW)
    stages = [
        s.model_copy(update={"status": StageStatus.IN_PROGRESS}) if s.number == 3 else s for s in plan.stages
    ]
    app = make_app(PlanStore.memory(plan.model_copy(update={"stages": stages})))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_governance(pilot)
        assert any(
            f.entity == "governance/gov-2" for f in app.session.findings if f.rule == "governance-complete"
        )
        await pilot.press("j", "enter")  # Retention
        await type_text(pilot, "Coaching notes are kept 90 days.")
        await pilot.press("enter")
        await type_text(pilot, "Then deleted.")
        await pilot.press("tab", "tab")  # past the owner
        await type_text(pilot, "A. Counsel")
        await pilot.press("tab")
        await type_text(pilot, "2025-02-28")
        await pilot.press("tab")
        await type_text(pilot, "2026-02-28")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, FormDialog)
        topic = app.store.plan.governance[1]
        assert topic.statement == "Coaching notes are kept 90 days.\nThen deleted."
        assert (topic.owner_role, topic.reviewed_by) == ("role-2", "A. Counsel")
        assert (topic.reviewed_at, topic.next_review) == (date(2025, 2, 28), date(2026, 2, 28))
        entry = app.store.history()[-1]
        assert (entry.action, entry.summary) == ("governance.edit", 'Edited the governance topic "Retention"')
        assert sorted(edit.field or "" for edit in entry.edits) == [
            "next_review",
            "reviewed_at",
            "reviewed_by",
            "statement",
        ]
        assert not any(
            f.entity == "governance/gov-2" for f in app.session.findings if f.rule == "governance-complete"
        )
        assert text_of(app, "#gov-complete").startswith("Stage 3: 1 of 9 topics complete.")
        assert options(app)[1] == "✓ Retention"
        assert "Retention: complete" in text_of(app, "#gov-detail")


async def test_the_owner_is_chosen_from_the_raci_roles(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_governance(pilot)
        await pilot.press("enter")
        dialog = form(app)
        select = dialog.widget_for("owner_role")
        assert isinstance(select, Select)
        assert [str(label) for label, _value in select._options[1:]] == [
            "HR",
            "Legal and privacy",
            "Security",
            "IT",
            "Vendor",
            "Executive sponsor",
        ]
        dialog.set_value("owner_role", "role-6")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.plan.governance[0].owner_role == "role-6"
        assert "Owner: Executive sponsor" in text_of(app, "#gov-detail")
        await pilot.press("enter")
        form(app).set_value("owner_role", None)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.plan.governance[0].owner_role is None
        assert "Missing: a statement, an owner and a review." in text_of(app, "#gov-detail")
        assert text_of(app, "#gov-complete").endswith("Missing: 9 statements, 1 owner and 9 reviews.")


async def test_review_dates_are_checked_as_you_type(memory_store: PlanStore, make_app: MakeApp) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_governance(pilot)
        before = len(app.store.history())
        await pilot.press("enter")
        dialog = form(app)
        dialog.set_value("reviewed_by", "A. Counsel")
        dialog.set_value("reviewed_at", "2025-02-30")
        await pilot.pause()
        assert "Write a date as YYYY-MM-DD" in text_of(app, "#err-reviewed_at")
        dialog.set_value("reviewed_at", "2025-04-01")
        await pilot.pause()
        assert text_of(app, "#err-reviewed_at") == "✗ A review cannot be recorded in the future."
        dialog.set_value("reviewed_at", "2025-02-01")
        dialog.set_value("next_review", "2025-01-15")
        await pilot.pause()
        assert text_of(app, "#form-check") == "✗ The next review must come after the review."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form(app) is dialog
        assert len(app.store.history()) == before
        dialog.set_value("reviewed_by", "")
        dialog.set_value("next_review", "")
        await pilot.pause()
        assert text_of(app, "#form-check") == "✗ Say who reviewed it as well as when."
        await pilot.press("escape", "y")  # the form was changed: escape asks before discarding
        assert app.screen is app.main
        assert app.store.plan.governance[0].reviewed_at is None


async def test_an_overdue_review_is_marked_and_said(make_app: MakeApp) -> None:
    plan = with_topics(default_plan(NOW), gov_4=complete(next_review=date(2025, 1, 1)))
    app = make_app(PlanStore.memory(plan))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_governance(pilot)
        assert options(app)[3] == "! Access"
        assert text_of(app, "#gov-complete").startswith("Stage 3: 1 of 9 topics complete.")
        await pilot.press("j", "j", "j")
        assert 'The review of governance topic "Access" was due on 2025-01-01' in text_of(app, "#gov-detail")


async def test_removing_a_raci_role_leaves_its_topics_without_owner(
    memory_store: PlanStore, make_app: MakeApp
) -> None:
    app = make_app(memory_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6", "l", "l", "l", "D", "y")  # IT owns Access and Export
        await pilot.pause()
        await open_governance(pilot)
        assert [t.id for t in app.store.plan.governance if t.owner_role is None] == ["gov-4", "gov-6"]
        await pilot.press("j", "j", "j")
        detail = text_of(app, "#gov-detail")
        assert "Owner: nobody yet" in detail and "an owner" in detail
        assert text_of(app, "#gov-complete").endswith("Missing: 9 statements, 2 owners and 9 reviews.")


async def test_a_finding_selects_its_topic(make_app: MakeApp) -> None:
    plan = default_plan(NOW)
    stages = [
        s.model_copy(update={"status": StageStatus.IN_PROGRESS}) if s.number == 3 else s for s in plan.stages
    ]
    app = make_app(PlanStore.memory(plan.model_copy(update={"stages": stages})))
    async with app.run_test(size=(80, 24)) as pilot:
        finding = next(f for f in app.session.findings if f.entity == "governance/gov-7")
        assert await app.main.open_entity(finding.entity)
        await pilot.pause()
        assert isinstance(app.main.active_view, GovernanceView)
        assert "Subprocessors: incomplete" in text_of(app, "#gov-detail")
        assert app.focused is app.query_one("#gov-list")
