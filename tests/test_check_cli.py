"""`coach-rollout check` through the real command line, on plans made with `init --from`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from clirun import cli
from planbuild import add, days, edit, example, fresh

from schemas.enums import DecisionKind, RaciLetter, UseCaseStatus
from schemas.plan import Plan
from store.exchange import export_bytes

UTC_ENV = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
"""The clock in UTC and a Unicode terminal, whatever the machine running the tests has."""


def check(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`coach-rollout check ARGS` with the clock's date in UTC, as the test plans use."""
    return cli("check", *args, env=UTC_ENV)


def _made(plan: Plan, folder: Path) -> Path:
    """A plan file created by `coach-rollout init --from` an export of ``plan``."""
    export, path = folder / "export.json", folder / "plan.json"
    export.write_bytes(export_bytes(plan))
    result = cli("init", path, "--from", export)
    assert result.returncode == 0, result.stderr
    return path


def _incident(plan: Plan) -> Plan:
    return add(
        plan,
        "observations",
        id="obs-90",
        pilot="pilot-1",
        metric="privacy_incidents",
        period=days(-1),
        value=1,
        n=38,
    )


def _two_accountable(plan: Plan) -> Plan:
    cells = {**plan.raci_activities[1].cells, "role-3": RaciLetter.A}
    return edit(plan, "raci_activities", plan.raci_activities[1].id, cells=cells)


def _expand_while_stopped(plan: Plan) -> Plan:
    return add(
        _incident(plan),
        "decisions",
        id="dec-1",
        pilot="pilot-1",
        kind=DecisionKind.EXPAND,
        rationale="Adoption is high.",
        decided_by="Elena Fischer",
        decided_at=days(0),
        sponsor_signoff_by="Elena Fischer",
        sponsor_signoff_at=days(0),
    )


def _roi(plan: Plan) -> Plan:
    return add(plan, "roi_claims", id="roi-1", claim="Coaching pays for itself in a quarter.")


@pytest.mark.parametrize(
    ("build", "rule", "entity"),
    [
        (
            lambda: edit(fresh(), "use_cases", "uc-6", status=UseCaseStatus.PERMITTED_WITH_CONTROLS),
            "guardrail",
            "use_cases/uc-6",
        ),
        (lambda: _two_accountable(fresh()), "raci", "raci_activities/act-2"),
        (lambda: _incident(example()), "measurement", "conditions/cond-1"),
        (lambda: _expand_while_stopped(example()), "decision", "decisions/dec-1"),
        (lambda: _roi(fresh()), "roi", "roi_claims/roi-1"),
    ],
    ids=["loosened-guardrail", "two-accountable", "met-stop-condition", "expand-while-stopped", "roi"],
)
def test_blocking_plan_exits_one_naming_the_rule(
    build: Callable[[], Plan], rule: str, entity: str, tmp_path: Path
) -> None:
    path = _made(build(), tmp_path)
    text = check(path)
    assert text.returncode == 1, text.stderr
    assert f"  ✗ BLOCKING  {rule}  {entity}:" in text.stdout
    assert text.stdout.rstrip().endswith("Check failed.")
    as_json = check(path, "--format", "json")
    assert as_json.returncode == 1
    rows = json.loads(as_json.stdout)
    assert any(r["rule"] == rule and r["severity"] == "blocking" and r["entity"] == entity for r in rows)


def test_fresh_plan_passes_with_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    assert cli("init", path).returncode == 0
    result = check(path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[0] == "Stage 1 Define Permitted Use Cases"
    assert result.stdout.splitlines()[1].startswith("  i info      stage-gate  stages/stage-1: ")
    assert result.stdout.rstrip().endswith("0 blocking findings, 0 warnings, 1 info. Check passed.")


def test_text_groups_by_stage_with_severity_words(tmp_path: Path) -> None:
    plan = edit(_two_accountable(example()), "pilots", "pilot-1", support_contact="")
    plan = edit(plan, "stages", "stage-7", due=days(-3))
    out = check(_made(plan, tmp_path)).stdout
    headings = [line for line in out.splitlines() if line.startswith("Stage ")]
    assert headings == [
        "Stage 3 Establish Privacy and Governance",
        "Stage 5 Design a Limited Pilot",
        "Stage 7 Measure Outcomes and Harms",
    ]
    stage5 = out.split("Stage 5 Design a Limited Pilot\n")[1].split("\n\n")[0]
    words = [line.split()[:2] for line in stage5.splitlines() if not line.startswith(" " * 14)]
    assert words == [["✗", "BLOCKING"], ["✗", "BLOCKING"]]  # the gap, and stage 5 complete, no longer holds
    assert "Fix: Name where participants get help" in stage5
    stage7 = out.split("Stage 7 Measure Outcomes and Harms\n")[1].split("\n\n")[0]
    assert [line.split()[:2] for line in stage7.splitlines() if not line.startswith(" " * 14)] == [
        ["!", "warning"],
        ["i", "info"],
        ["i", "info"],
    ]
    assert "\x1b[" not in out  # words carry the meaning, never colour


def test_json_lists_every_finding_with_its_fields(tmp_path: Path) -> None:
    result = check(_made(example(), tmp_path), "--format", "json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert [(r["rule"], r["severity"], r["stage"], r["entity"]) for r in rows] == [
        ("stage-gate", "info", 7, "stages/stage-7"),
        ("small-groups", "info", 7, "pilots/pilot-1"),
    ]
    assert all(set(r) == {"rule", "severity", "stage", "entity", "message", "fix"} for r in rows)


def test_unusable_input_exits_two_with_one_line(tmp_path: Path) -> None:
    missing = check(tmp_path / "none.json")
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    assert "none.json" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"plan": ')
    result = check(broken)
    assert result.returncode == 2 and "not valid JSON" in result.stderr and result.stdout == ""
    assert check(broken, "--format", "yaml").returncode == 2
    assert check().returncode == 2


def test_check_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = _made(_roi(fresh()), tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    assert check(path).returncode == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("plan.json.")) == [
        "export.json",
        "plan.json",
    ]


def test_check_never_imports_textual(tmp_path: Path) -> None:
    path = _made(example(), tmp_path)
    code = (
        "import sys\nfrom tui.cli.main import main\n"
        f"code = main(['check', {str(path)!r}, '--format', 'json'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] == 'textual')\n"
        "sys.stderr.write(f'{code} {loaded}')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stderr == "0 []"


def test_history_edited_by_hand_fails_under_whole_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    assert cli("init", path).returncode == 0
    data = json.loads(path.read_text())
    data["history"]["h-000001"]["summary"] = "Created by someone else."
    path.write_text(json.dumps(data))
    result = check(path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Whole plan"
    assert lines[1].startswith(
        "  ✗ BLOCKING  history-chain  history/h-000001: The change history does not verify"
    )
