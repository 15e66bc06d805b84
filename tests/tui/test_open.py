"""Opening the app from the command line: create if missing, errors, read-only, --no-mouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from store import PlanStore
from tui.app import CoachApp
from tui.cli.main import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Replace App.run: record how the app would have run, and over which store."""
    calls: list[dict[str, Any]] = []

    def fake_run(app: CoachApp, **kwargs: Any) -> None:
        calls.append({"store": app.store, "read_only": app.store.read_only, **kwargs})

    monkeypatch.setattr(CoachApp, "run", fake_run)
    return calls


def test_a_missing_plan_is_created_with_the_defaults(tmp_path: Path, runs: list[dict[str, Any]]) -> None:
    path = tmp_path / "sub" / "plan.json"
    assert main([str(path)]) == 0
    store = runs[0]["store"]
    assert runs[0]["mouse"] is True and not runs[0]["read_only"]
    assert len(store.plan.stages) == 8 and store.history()[0].action == "plan.create"
    assert PlanStore.open(path, read_only=True).plan.stages == store.plan.stages


def test_no_mouse_runs_without_mouse_tracking(tmp_path: Path, runs: list[dict[str, Any]]) -> None:
    assert main(["--no-mouse", str(tmp_path / "plan.json")]) == 0
    assert runs[0]["mouse"] is False


def test_read_only_opens_without_the_right_to_change(tmp_path: Path, runs: list[dict[str, Any]]) -> None:
    path = tmp_path / "plan.json"
    main([str(path)])
    assert main(["--read-only", str(path)]) == 0
    assert runs[1]["read_only"]


def test_the_default_plan_path_comes_from_the_environment(
    tmp_path: Path, runs: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_ROLLOUT_PLAN", str(tmp_path / "env.json"))
    assert main([]) == 0
    assert runs[0]["store"].path == tmp_path / "env.json"


def test_an_unreadable_plan_exits_2_with_one_line(
    tmp_path: Path, runs: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{not json")
    assert main([str(path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and err.count("\n") == 1 and runs == []
    assert path.read_text() == "{not json"


def test_read_only_on_a_missing_plan_exits_2(tmp_path: Path, runs: list[dict[str, Any]], capsys) -> None:
    assert main(["--read-only", str(tmp_path / "none.json")]) == 2
    assert "no such plan file" in capsys.readouterr().err and runs == []
