"""Concurrency: two writers and a headless command on one plan never lose an edit.

Through the same path, a symlink, a hard link or after a lock file is deleted, the second
opener is read-only; a writer whose file was replaced under it (a copy moved in, a backup
restored, the file deleted) has its save refused, keeps its edit, and can reload or save as a
new file. One side is the store the app runs on (``PlanStore``, in this process); the other
is the real app in a pty (two cases), another process, or a headless command.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from relkit import ROOT, cap, make_plan, run, tally

from schemas.history import first_broken
from store import PlanStore
from store.backups import newest_backup
from store.errors import PlanChangedOnDisk, PlanError

WAYS = ["same path", "symlink", "hard link", "deleted lock file"]


def second_name(plan: Path, way: str) -> Path:
    """Another way to reach ``plan``, as ``way`` says."""
    other = plan.with_name("other.json")
    if way == "symlink":
        other.symlink_to(plan)
    elif way == "hard link":
        os.link(plan, other)
    else:
        other = plan
        if way == "deleted lock file":  # what an older version left beside the plan, removed by hand
            lock = plan.with_name(plan.name + ".lock")
            lock.touch()
            lock.unlink()
    return other


@pytest.mark.parametrize("way", WAYS)
def test_a_second_store_is_read_only_and_no_edit_is_lost(tmp_path: Path, way: str) -> None:
    plan = make_plan(tmp_path / "plan.json")
    other = second_name(plan, way)
    with PlanStore.open(plan) as first:
        cap(first, 31)
        with PlanStore.open(other) as second:
            assert second.read_only and "is open in another Coach Rollout" in second.warnings[0]
        cap(first, 32)
        again = PlanStore.open(other)  # after a save: the lock moved to the new file with it
        assert again.read_only
        again.close()
    with PlanStore.open(plan, read_only=True) as saved:
        assert [e.summary for e in saved.history()] == ["Created.", "Cap 31", "Cap 32"]
    tally("concurrency: cases")


@pytest.mark.parametrize("way", WAYS)
def test_another_process_is_read_only_and_a_headless_command_reads(tmp_path: Path, way: str) -> None:
    plan = make_plan(tmp_path / "plan.json")
    other = second_name(plan, way)
    probe = (
        "import sys; from store import PlanStore; s = PlanStore.open(sys.argv[1]); "
        "print(s.read_only); s.close()"
    )
    with PlanStore.open(plan) as first:
        cap(first, 41)
        done = subprocess.run(
            [sys.executable, "-c", probe, str(other)], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert done.stdout == "True\n", done.stderr
        before = plan.read_bytes()
        for command in (["check"], ["history"], ["verify"], ["export", "--format", "json"]):
            assert run(command[0], other, *command[1:]).code in (0, 1)
        assert run("init", other).code == 2, "init never writes over a plan"
        assert plan.read_bytes() == before
        cap(first, 42)
    assert PlanStore.open(plan, read_only=True).plan.policy.pilot_cap == 42
    tally("concurrency: cases")


@pytest.mark.parametrize("way", ["symlink", "hard link"])
def test_a_second_app_in_a_terminal_opens_read_only(tmp_path: Path, way: str) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "tui"))
    from terminal import Terminal

    plan = make_plan(tmp_path / "plan.json")
    other = second_name(plan, way)
    with PlanStore.open(plan) as first:
        cap(first, 51)
        term = Terminal(other)
        term.wait_for("READ-ONLY")
        term.send("2s")  # start stage 1: refused
        term.wait_for("read-only")
        cap(first, 52)
        term.send("q")
        assert term.wait_exit() == 0
    with PlanStore.open(plan, read_only=True) as saved:
        assert saved.plan.policy.pilot_cap == 52 and saved.plan.stage(1).status.value == "not_started"
    tally("concurrency: cases")


def test_a_plan_moved_in_under_a_writer_refuses_its_save_then_save_as_keeps_it(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    mine = PlanStore.open(plan)
    copy = tmp_path / "copy.json"
    shutil.copyfile(plan, copy)
    with PlanStore.open(copy) as elsewhere:
        cap(elsewhere, 61)
    os.replace(copy, plan)  # the plan is now another inode, not locked: a second writer may open it
    with PlanStore.open(plan) as theirs:
        assert not theirs.read_only
        cap(theirs, 62)
    on_disk = plan.read_bytes()
    cap(mine, 63)
    conflict = mine.conflict
    assert conflict is not None and conflict.continues
    assert [e.summary for e in conflict.theirs] == ["Cap 61", "Cap 62"]
    assert [e.summary for e in mine.unsaved()] == ["Cap 63"]
    assert plan.read_bytes() == on_disk
    mine.save_as(tmp_path / "mine.json")
    assert not mine.dirty and mine.conflict is None and mine.path == tmp_path / "mine.json"
    cap(mine, 64)
    mine.close()
    with PlanStore.open(tmp_path / "mine.json", read_only=True) as kept:
        assert [e.summary for e in kept.history()] == ["Created.", "Cap 63", "Cap 64"]
    with PlanStore.open(plan, read_only=True) as kept:
        assert [e.summary for e in kept.history()] == ["Created.", "Cap 61", "Cap 62"]
    tally("concurrency: cases")


def test_a_restored_backup_refuses_the_save_and_reload_takes_the_file(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=1)
    mine = PlanStore.open(plan)  # today's backup: the plan with two entries
    cap(mine, 71)
    backup = newest_backup(plan)
    assert backup is not None
    shutil.copyfile(backup, plan)  # written in place: the same inode, which this store holds locked
    cap(mine, 72)
    conflict = mine.conflict
    assert isinstance(conflict, PlanChangedOnDisk) and not conflict.continues
    assert "no longer holds change #3" in (mine.save_error or "")
    assert mine.reload() == []  # nothing new to this instance: the file went back in time
    assert [e.summary for e in mine.history()] == ["Created.", "Cap 10"] and not mine.read_only
    cap(mine, 73)
    mine.close()
    saved = PlanStore.open(plan, read_only=True)
    assert [e.summary for e in saved.history()] == ["Created.", "Cap 10", "Cap 73"]
    assert first_broken([{"id": k, **d} for k, d in saved.tables()["history"].items()]) is None
    tally("concurrency: cases")


def test_reload_after_another_writer_shows_their_entries_and_saves_on_top(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    mine = PlanStore.open(plan)
    shutil.copyfile(plan, tmp_path / "copy.json")
    with PlanStore.open(tmp_path / "copy.json") as elsewhere:
        cap(elsewhere, 81)
    os.replace(tmp_path / "copy.json", plan)
    cap(mine, 82)
    new = mine.reload()
    assert [e.summary for e in new] == ["Cap 81"] and not mine.dirty
    cap(mine, 83)
    assert mine.save_error is None
    mine.close()
    assert [e.summary for e in PlanStore.open(plan, read_only=True).history()] == [
        "Created.",
        "Cap 81",
        "Cap 83",
    ]
    tally("concurrency: cases")


def test_a_deleted_plan_refuses_the_save_and_save_as_keeps_the_edit(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    mine = PlanStore.open(plan)
    plan.unlink()
    cap(mine, 91)
    assert mine.conflict is not None and mine.conflict.missing and not plan.exists()
    with pytest.raises(PlanError, match="already there"):
        mine.save_as(tmp_path)  # a folder is there
    mine.save_as(tmp_path / "again.json")
    mine.close()
    assert PlanStore.open(tmp_path / "again.json", read_only=True).plan.policy.pilot_cap == 91
    tally("concurrency: cases")


def test_a_plan_copied_back_unchanged_is_still_saved(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    with PlanStore.open(plan) as mine:
        shutil.copyfile(plan, tmp_path / "same.json")
        os.replace(tmp_path / "same.json", plan)  # another inode, the same plan (a sync tool, git)
        cap(mine, 95)
        assert mine.save_error is None
    assert PlanStore.open(plan, read_only=True).plan.policy.pilot_cap == 95
    tally("concurrency: cases")
