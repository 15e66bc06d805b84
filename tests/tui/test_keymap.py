"""Remapping keys by binding id: keys.json, its errors, and the app answering the new key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from store import PlanStore
from tui.app import CoachApp
from tui.cli.main import main
from tui.dialogs.form import FormDialog
from tui.dialogs.help import HelpDialog
from tui.keymap import KeymapError, read_keymap
from tui.widgets.keybar import KeyBar


async def test_a_remapped_key_does_the_action_and_shows_everywhere(memory_store: PlanStore) -> None:
    store = memory_store
    app = CoachApp(store, keymap={"stages.evidence": "x", "stages.start": "ctrl+t"})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2", "ctrl+t")
        assert store.plan.stage(1).status == "in_progress"
        assert "x Evidence" in str(app.screen.query_one(KeyBar).render())
        await pilot.press("e")
        assert not isinstance(app.screen, FormDialog)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        assert dict(app.screen.keys)["x"] == "Evidence  [stages.evidence]"
        await pilot.press("escape", "x")
        assert isinstance(app.screen, FormDialog)


def test_no_keymap_file_means_no_remapping(tmp_path: Path) -> None:
    assert read_keymap(tmp_path / "keys.json") == {}


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("{nope", "not valid JSON"),
        ('["stages.evidence"]', "must be an object"),
        ('{"evidence": "x"}', "'evidence' is not a binding id"),
        ('{"stages.evidence": 5}', "keys must be text"),
        ('{"stages.evidence": "ctrl+b"}', "ctrl+b is not available"),
    ],
)
def test_a_bad_keymap_is_named(tmp_path: Path, content: str, named: str) -> None:
    path = tmp_path / "keys.json"
    path.write_text(content)
    with pytest.raises(KeymapError) as caught:
        read_keymap(path)
    assert named in caught.value.message and str(path) in caught.value.message


def test_opening_with_a_bad_keymap_exits_2_and_leaves_the_plan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    keys = tmp_path / "keys.json"
    keys.write_text('{"stages.evidence": "ctrl+a"}')
    monkeypatch.setenv("COACH_ROLLOUT_KEYS", str(keys))
    runs: list[Any] = []
    monkeypatch.setattr(CoachApp, "run", lambda app, **kw: runs.append(app))
    assert main([str(tmp_path / "plan.json")]) == 2
    err = capsys.readouterr().err
    assert "ctrl+a is not available" in err and err.count("\n") == 1
    assert runs == [] and not (tmp_path / "plan.json").exists()
    keys.write_text(json.dumps({"stages.evidence": "x"}))
    assert main([str(tmp_path / "plan.json")]) == 0
    assert runs[0].keymap == {"stages.evidence": "x"}


@pytest.mark.parametrize(
    ("keymap", "named"),
    [
        ({"stages.evidense": "x"}, "'stages.evidense' is not a binding id of this app"),
        ({"stages.evidence": "s"}, "stages.evidence: 's' is already the key of stages.start (Start)"),
        ({"raci.set_a": "q"}, "raci.set_a: 'q' is already the key of app.quit (Quit)"),
        ({"stages.evidence": "x", "stages.start": "x"}, "'x' is already the key of stages.start"),
    ],
)
def test_a_key_taken_twice_or_an_unknown_id_is_refused_before_the_plan_opens(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    keymap: dict[str, str],
    named: str,
) -> None:
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(keymap))
    monkeypatch.setenv("COACH_ROLLOUT_KEYS", str(keys))
    runs: list[Any] = []
    monkeypatch.setattr(CoachApp, "run", lambda app, **kw: runs.append(app))
    assert main([str(tmp_path / "plan.json")]) == 2
    err = capsys.readouterr().err
    assert named in err and str(keys) in err, err
    assert runs == [] and not (tmp_path / "plan.json").exists()


def test_swapping_two_keys_is_allowed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({"stages.evidence": "s", "stages.start": "e"}))
    monkeypatch.setenv("COACH_ROLLOUT_KEYS", str(keys))
    runs: list[Any] = []
    monkeypatch.setattr(CoachApp, "run", lambda app, **kw: runs.append(app))
    assert main([str(tmp_path / "plan.json")]) == 0
    assert runs[0].keymap == {"stages.evidence": "s", "stages.start": "e"}
