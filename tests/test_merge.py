"""`coach-rollout merge` and `git-setup`: two planners' branches merged by replaying the history."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from clirun import cli

from schemas.history import Change, Delete, Set
from store import PlanStore


def edit(path: Path, *changes: Change, summary: str = "An edit") -> None:
    """One action on the plan file, through the store, as the app records it."""
    with PlanStore.open(path) as store:
        assert store.apply("edit", list(changes), summary) is not None


def control(key: str, value: str) -> Set:
    return Set(table="use_cases", key=key, field="control", value=value)


def raci_cell(path: Path) -> Set:
    """A change that fills one empty cell of the first RACI activity with I."""
    with PlanStore.open(path, read_only=True) as store:
        activity, roles = store.plan.raci_activities[0], store.plan.raci_roles
    empty = next(role.id for role in roles if role.id not in activity.cells)
    return Set(table="raci_activities", key=activity.id, field="cells", value={**activity.cells, empty: "I"})


@pytest.fixture
def sides(tmp_path: Path) -> tuple[Path, Path, Path]:
    """BASE, OURS and THEIRS: three copies of one new plan."""
    base = tmp_path / "base.json"
    assert cli("init", base).returncode == 0
    return base, shutil.copy(base, tmp_path / "ours.json"), shutil.copy(base, tmp_path / "theirs.json")


def test_edits_of_both_sides_are_kept_with_their_author_and_time(sides: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = sides
    edit(ours, control("uc-1", "Ours"))
    cell = raci_cell(theirs)
    edit(theirs, cell, summary="Their cell")
    with PlanStore.open(theirs) as store:
        store.apply("edit", [control("uc-2", "Theirs, then undone")], "Their control")
        store.undo()
    with PlanStore.open(theirs, read_only=True) as store:
        their_entries = store.history()
    result = cli("merge", base, ours, theirs)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "merged 3 entries" in result.stdout and "Check passed." in result.stdout
    with PlanStore.open(ours, read_only=True) as store:
        plan, history = store.plan, store.history()
    assert plan.use_cases[0].control == "Ours" and plan.raci_activities[0].cells == cell.value
    with PlanStore.open(base, read_only=True) as store:
        assert plan.use_cases[1].control == store.plan.use_cases[1].control
    replayed = history[2:5]
    kept = [(e.actor, e.at, e.summary, e.action) for e in replayed]
    assert kept == [(e.actor, e.at, e.summary, e.action) for e in their_entries[1:]]
    assert replayed[-1].action == "undo" and replayed[-1].undoes == replayed[-2].seq
    merge_entry = history[-1]
    assert merge_entry.action == "plan.merge"
    assert "its head: entry 4" in merge_entry.summary and "(head: entry 2" in merge_entry.summary
    assert cli("verify", ours).returncode == 0


def conflict_of(base: Path, ours: Path, theirs: Path, *names: str) -> str:
    """Run a merge that must stop: exit 1, OURS unchanged, each of ``names`` said."""
    before = ours.read_bytes()
    result = cli("merge", base, ours, theirs)
    assert result.returncode == 1, result.stdout + result.stderr
    assert ours.read_bytes() == before
    for name in names:
        assert name in result.stdout
    return result.stdout


def test_the_same_field_changed_differently_is_a_conflict(sides: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = sides
    edit(ours, control("uc-3", "Ours"))
    edit(theirs, control("uc-3", "Theirs"))
    said = conflict_of(base, ours, theirs, "use_cases/uc-3, field control", "ours 'Ours'", "theirs 'Theirs'")
    assert "the file is unchanged" in said


def test_the_same_value_on_both_sides_is_no_conflict(sides: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = sides
    edit(ours, control("uc-3", "Same"))
    edit(theirs, control("uc-3", "Same"))
    assert cli("merge", base, ours, theirs).returncode == 0
    assert cli("verify", ours).returncode == 0


def test_a_record_removed_on_one_side_and_changed_on_the_other(sides: tuple[Path, Path, Path]) -> None:
    base, ours, theirs = sides
    edit(ours, control("uc-8", "Ours"))
    edit(theirs, Delete(table="use_cases", key="uc-8"))
    conflict_of(base, ours, theirs, "use_cases/uc-8", "removed the record")


def test_a_replayed_change_that_validation_refuses_is_a_conflict(tmp_path: Path) -> None:
    base = tmp_path / "base.json"
    assert cli("init", base, "--example").returncode == 0
    ours, theirs = shutil.copy(base, tmp_path / "ours.json"), shutil.copy(base, tmp_path / "theirs.json")
    # Session tr-1: 40 invited, 37 attended. Each side's change is valid alone, not together.
    edit(ours, Set(table="training", key="tr-1", field="invited", value=38))
    edit(theirs, Set(table="training", key="tr-1", field="attended", value=39), summary="More came")
    conflict_of(base, ours, theirs, "their history entry 2", '"More came"', "record training/tr-1")


def test_unusable_input_exits_2_and_leaves_ours(sides: tuple[Path, Path, Path], tmp_path: Path) -> None:
    base, ours, theirs = sides
    before = ours.read_bytes()
    theirs.write_text("{not json")
    result = cli("merge", base, ours, theirs)
    assert result.returncode == 2 and "theirs.json: not valid JSON" in result.stderr
    other = tmp_path / "other.json"
    assert cli("init", other).returncode == 0
    result = cli("merge", base, ours, other)
    assert result.returncode == 2 and "shares no history" in result.stderr
    assert ours.read_bytes() == before


ISOLATED = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
"""Git without the user's own or the system's configuration."""


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in ``repo``, isolated from the user's own git configuration."""
    env = {**os.environ, **ISOLATED}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=120)


def commit(repo: Path, message: str) -> None:
    assert git(repo, "commit", "-qam", message).returncode == 0


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repository on branch main holding one committed plan, with git-setup run."""
    folder = tmp_path / "repo"
    folder.mkdir()
    for args in (
        ("init", "-q", "-b", "main"),
        ("config", "user.name", "Planner"),
        ("config", "user.email", "planner@example.org"),
    ):
        assert git(folder, *args).returncode == 0
    assert cli("init", folder / "plan.json").returncode == 0
    assert git(folder, "add", "plan.json").returncode == 0
    commit(folder, "A new plan")
    setup = cli("git-setup", env=ISOLATED, cwd=folder)
    assert setup.returncode == 0, setup.stderr
    assert git(folder, "add", ".gitattributes", ".gitignore").returncode == 0
    commit(folder, "Plans merge by replay")
    return folder


def test_git_merges_two_branches_through_the_driver(repo: Path) -> None:
    plan = repo / "plan.json"
    assert git(repo, "checkout", "-q", "-b", "raci").returncode == 0
    cell = raci_cell(plan)
    edit(plan, cell, summary="Their RACI cell")
    commit(repo, "RACI")
    assert git(repo, "checkout", "-q", "main").returncode == 0
    edit(plan, control("uc-1", "Reviewed weekly"), summary="Our control")
    commit(repo, "Control")
    merged = git(repo, "merge", "-q", "--no-edit", "raci")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    with PlanStore.open(plan, read_only=True) as store:
        assert store.plan.use_cases[0].control == "Reviewed weekly"
        assert store.plan.raci_activities[0].cells == cell.value
        assert store.history()[-1].action == "plan.merge"
    assert cli("verify", plan).returncode == 0
    against = cli("verify", plan, "--against", "git:main~1")
    assert against.returncode == 0, against.stdout + against.stderr
    assert git(repo, "status", "--porcelain").stdout == ""


def test_git_stops_a_conflicting_merge_and_names_it(repo: Path) -> None:
    plan = repo / "plan.json"
    assert git(repo, "checkout", "-q", "-b", "other").returncode == 0
    edit(plan, control("uc-3", "Theirs"))
    commit(repo, "Theirs")
    assert git(repo, "checkout", "-q", "main").returncode == 0
    edit(plan, control("uc-3", "Ours"))
    commit(repo, "Ours")
    before = plan.read_bytes()
    merged = git(repo, "merge", "--no-edit", "other")
    assert merged.returncode != 0
    said = merged.stdout + merged.stderr
    assert "use_cases/uc-3, field control: ours 'Ours', theirs 'Theirs'" in said
    assert plan.read_bytes() == before
    assert git(repo, "merge", "--abort").returncode == 0


def test_git_setup_is_idempotent_and_refuses_outside_a_repository(repo: Path, tmp_path: Path) -> None:
    attributes = (repo / ".gitattributes").read_text()
    assert attributes == "/plan.json merge=coach-rollout\n"
    driver = git(repo, "config", "--get", "merge.coach-rollout.driver").stdout.strip()
    assert driver.endswith("coach-rollout merge %O %A %B") and Path(driver.split()[0]).is_absolute()
    again = cli("git-setup", env=ISOLATED, cwd=repo)
    assert again.returncode == 0 and "already" in again.stdout
    assert (repo / ".gitattributes").read_text() == attributes
    outside = tmp_path / "plain"
    outside.mkdir()
    refused = cli("git-setup", env={**ISOLATED, "GIT_CEILING_DIRECTORIES": str(tmp_path)}, cwd=outside)
    assert refused.returncode == 2 and "not inside a git repository" in refused.stderr
    assert list(outside.iterdir()) == []
