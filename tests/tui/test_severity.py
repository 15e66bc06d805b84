"""One finding, one severity and one symbol: on the Overview, the tab that fixes it, and `check`."""

from __future__ import annotations

from pathlib import Path

from clirun import cli
from planbuild import edit, fresh

from schemas.enums import RaciLetter, StageStatus
from schemas.plan import Plan
from store import PlanStore
from tui.app import CoachApp
from tui.views.governance.view import GovernanceView
from tui.views.raci.view import RaciView
from tui.widgets.status_lines import StatusLines

UNICODE = {"LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}


def screen_lines(app: CoachApp) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


def two_accountable() -> Plan:
    plan = fresh()
    first = plan.raci_activities[0]
    return edit(plan, "raci_activities", first.id, cells={**first.cells, "role-4": RaciLetter.A})


async def test_a_blocking_raci_finding_has_one_symbol_on_every_screen_and_in_check(tmp_path: Path) -> None:
    plan = two_accountable()
    path = tmp_path / "plan.json"
    PlanStore.create(path, plan, summary="Two A.").close()
    printed = cli("check", path, env=UNICODE).stdout
    assert '  ✗ BLOCKING  raci  raci_activities/act-1: Activity "Define the development purpose"' in printed

    app = CoachApp(PlanStore.memory(plan))
    async with app.run_test(size=(80, 24)) as pilot:
        overview = next(line for line in screen_lines(app) if "Define the development" in line)
        assert "✗ BLOCKING S3" in overview
        await pilot.press("6")
        await pilot.pause()
        grid_line = next(line for line in screen_lines(app) if "Define the development" in line)
        assert grid_line.startswith("✗ Define the development")  # was '!'
        status = app.query_one(RaciView).query_one(StatusLines).text
        assert '✗ BLOCKING: Activity "Define the development purpose"' in status


async def test_a_governance_topic_shows_the_severity_of_its_finding(tmp_path: Path) -> None:
    plan = edit(fresh(), "stages", "stage-3", status=StageStatus.IN_PROGRESS)
    app = CoachApp(PlanStore.memory(plan))
    async with app.run_test(size=(80, 24)) as pilot:
        finding = next(f for f in app.session.findings if f.entity == "governance/gov-1")
        overview = next(line for line in screen_lines(app) if "Governance topic" in line)
        assert "i info     S3" in overview and finding.severity.value == "info"
        await pilot.press("5")
        await pilot.pause()
        topics = [str(o.prompt) for o in app.query_one(GovernanceView).listing.options]
        assert topics[0] == "i Data collection"  # was '✗', the blocking symbol, for an info
