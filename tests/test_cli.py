"""The headless command line: init, export, history, verify, schema, paths."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from clirun import cli

from schemas.export import PlanExport
from store import PlanStore
from store.exchange import read_export


def test_init_creates_default_plan_owner_only(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    result = cli("init", plan)
    assert result.returncode == 0, result.stderr
    assert "framework defaults" in result.stdout
    assert stat.S_IMODE(plan.stat().st_mode) == 0o600
    store = PlanStore.open(plan, read_only=True)
    assert [s.number for s in store.plan.stages] == list(range(1, 9))
    assert store.history()[0].action == "plan.create"


def test_init_example_has_the_worked_pilot(tmp_path: Path) -> None:
    plan = tmp_path / "example.json"
    assert cli("init", plan, "--example").returncode == 0
    pilot = PlanStore.open(plan, read_only=True).plan.pilots[0]
    assert pilot.population_size == 40


def test_init_refuses_existing_file_and_leaves_it(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text("keep me")
    result = cli("init", plan)
    assert result.returncode == 2
    assert "already there" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert plan.read_text() == "keep me"


def test_export_then_init_from_gives_an_equal_plan(tmp_path: Path) -> None:
    original, copy, export = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "e.json"
    assert cli("init", original, "--example").returncode == 0
    assert cli("export", original, "--format", "json", "--out", export).returncode == 0
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    assert json.loads(export.read_text())["raw_values"] is True
    assert cli("init", copy, "--from", export).returncode == 0
    assert PlanStore.open(copy, read_only=True).plan == PlanStore.open(original, read_only=True).plan
    assert cli("verify", copy).returncode == 0


def test_export_to_stdout_is_deterministic_json(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    cli("init", plan)
    first = cli("export", plan, "--format", "json").stdout
    PlanExport.model_validate_json(first)
    assert first.endswith("}\n") and '\n  "format"' in first


def test_export_refuses_to_replace_without_force(tmp_path: Path) -> None:
    plan, out = tmp_path / "plan.json", tmp_path / "out.json"
    cli("init", plan)
    out.write_text("old")
    result = cli("export", plan, "--format", "json", "--out", out)
    assert result.returncode == 2 and "--force" in result.stderr
    assert out.read_text() == "old"
    assert cli("export", plan, "--format", "json", "--out", out, "--force").returncode == 0
    assert read_export(out).plan.title


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not a Coach Rollout export"),
        ('{"format": "coach-rollout-export", "schema_version": 99}', "newer Coach Rollout"),
    ],
)
def test_init_from_bad_export_refused_nothing_created(tmp_path: Path, content: str, named: str) -> None:
    export, plan = tmp_path / "e.json", tmp_path / "plan.json"
    export.write_text(content)
    result = cli("init", plan, "--from", export)
    assert result.returncode == 2
    assert named in result.stderr and str(export) in result.stderr
    assert not plan.exists()


def test_init_from_export_with_wrong_field_names_record_and_field(tmp_path: Path) -> None:
    source, export, plan = tmp_path / "a.json", tmp_path / "e.json", tmp_path / "b.json"
    cli("init", source)
    cli("export", source, "--format", "json", "--out", export)
    data = json.loads(export.read_text())
    data["plan"]["use_cases"][2]["status"] = "sometimes"
    export.write_text(json.dumps(data))
    result = cli("init", plan, "--from", export)
    assert result.returncode == 2
    assert "use_cases/uc-3.status" in result.stderr
    assert not plan.exists()


def test_history_lists_entries(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    cli("init", plan)
    result = cli("history", plan)
    assert result.returncode == 0
    assert "#1" in result.stdout and "plan.create" in result.stdout


def test_verify_names_a_hand_edited_entry(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    cli("init", plan)
    data = json.loads(plan.read_text())
    data["history"]["h-000001"]["summary"] = "nothing to see"
    plan.write_text(json.dumps(data))
    result = cli("verify", plan)
    assert result.returncode == 1
    assert "history/h-000001" in result.stdout and "does not verify from entry 1" in result.stdout
    assert "changed outside Coach Rollout" in result.stdout


def test_schema_is_a_json_schema_of_the_export() -> None:
    result = cli("schema")
    schema = json.loads(result.stdout)
    assert result.returncode == 0 and "plan" in schema["properties"]


def test_paths_follow_the_environment_variable(tmp_path: Path) -> None:
    result = cli("paths", env={"COACH_ROLLOUT_PLAN": str(tmp_path / "mine.json")})
    assert str(tmp_path / "mine.json") in result.stdout
    assert "mine.json.backups" in result.stdout


@pytest.mark.parametrize(
    "args",
    [["export", "PLAN", "--format", "pdf"], ["init", "PLAN"], ["history", "MISSING"], ["verify", "MISSING"]],
)
def test_unusable_arguments_exit_2_with_one_line(tmp_path: Path, args: list[str]) -> None:
    plan = tmp_path / "plan.json"
    cli("init", plan)
    argv = [
        str(plan) if a == "PLAN" else str(tmp_path / "missing.json") if a == "MISSING" else a for a in args
    ]
    result = cli(*argv)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_headless_commands_never_import_textual(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    cli("init", plan)
    probe = (
        "import sys; from tui.cli.main import main; "
        f"codes = [main(['history', {str(plan)!r}]), main(['verify', {str(plan)!r}]), "
        f"main(['export', {str(plan)!r}, '--format', 'json']), main(['schema']), main(['paths'])]; "
        "assert codes == [0, 0, 0, 0, 0], codes; "
        "print('TEXTUAL' if any(m.split('.')[0] == 'textual' for m in sys.modules) else 'CLEAN')"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "CLEAN", result.stderr
