"""Reports written from the app: the Overview's e (or the palette) asks the format and where."""

from __future__ import annotations

import stat
from datetime import UTC, datetime
from pathlib import Path

from pilot_helpers import form, notices

from schemas.defaults import default_plan
from store import PlanStore
from store.reports import ReportFormat
from tui.app import CoachApp

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
SIZE = (80, 24)


async def test_e_writes_the_report_beside_the_plan_and_says_where(tmp_path: Path) -> None:
    plan = tmp_path / "acme.json"
    store = PlanStore.create(plan, default_plan(NOW), summary="Created.")
    app = CoachApp(store, today=NOW.date())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form(app).set_value("format", ReportFormat.HTML)
        await pilot.press("ctrl+s")
        await pilot.pause()
        report = tmp_path / "acme-report.html"
        assert report.exists() and stat.S_IMODE(report.stat().st_mode) == 0o600
        assert "<script" not in report.read_text(encoding="utf-8")
        assert any(f"Wrote {report}" in n for n in notices(app))
        await pilot.press("e")  # again: the file is there, and is not replaced unless asked
        form(app).set_value("format", ReportFormat.HTML)
        await pilot.press("ctrl+s")
        assert "tick Replace to replace it" in str(form(app).query_one("#form-refusal").render())
        form(app).set_value("force", True)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main
    store.close()


async def test_a_plan_file_is_never_written_over_even_when_asked(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    store = PlanStore.create(plan, default_plan(NOW), summary="Created.")
    before = plan.read_bytes()
    app = CoachApp(store, today=NOW.date())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        form(app).set_value("format", ReportFormat.JSON)
        form(app).set_value("path", str(plan))
        form(app).set_value("force", True)
        await pilot.press("ctrl+s")
        refusal = str(form(app).query_one("#form-refusal").render())
        assert str(plan) in refusal and plan.read_bytes() == before
    store.close()
