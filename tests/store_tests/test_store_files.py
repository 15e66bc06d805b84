"""The plan file on disk: deterministic bytes, owner-only modes, temp files, backups, failed saves."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest
from storekit import content, disk_plan

from schemas.history import Set
from schemas.plan import Plan
from store import ChangeRefused, PlanError, PlanStore, locking
from store.paths import backup_folder
from store.storage import encode

CONTROL = Set(table="use_cases", key="uc-1", field="control", value="Reviewed by a coach each week")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)


@pytest.fixture
def plan_path(tmp_path: Path, fresh: Plan) -> Path:
    """A saved plan file, closed again."""
    path = tmp_path / "plan.json"
    PlanStore.create(path, fresh).close()
    return path


def _undated(data: bytes) -> bytes:
    """The plan's records without its history and the time it last changed."""
    tables = orjson.loads(data)
    del tables["history"], tables["plan"]["plan"]["updated"]
    return encode(tables)


def test_the_file_is_deterministic_and_readable_by_people(tmp_path: Path, fresh: Plan) -> None:
    one = PlanStore.create(tmp_path / "one.json", fresh)
    two = PlanStore.create(tmp_path / "two.json", fresh)
    data = (tmp_path / "one.json").read_bytes()
    assert data == encode(one.tables()) == encode(orjson.loads(data))
    # The same plan, created twice: only the time of its creation differs.
    assert _undated(data) == _undated((tmp_path / "two.json").read_bytes())
    assert data.endswith(b"}\n") and b'\n  "conditions": {},\n  "consultations": {},\n' in data
    assert list(orjson.loads(data)) == sorted(orjson.loads(data))
    one.apply("edit", [CONTROL], "Control")
    assert (tmp_path / "one.json").read_bytes() == encode(one.tables())
    one.close()
    two.close()


def test_opening_and_closing_without_a_change_writes_nothing(plan_path: Path) -> None:
    before, stamp = plan_path.read_bytes(), plan_path.stat().st_mtime_ns
    PlanStore.open(plan_path).close()
    assert plan_path.read_bytes() == before and plan_path.stat().st_mtime_ns == stamp


def test_plan_and_temporary_files_are_owner_only_whatever_the_umask(
    tmp_path: Path, fresh: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real_replace, real_link = os.replace, os.link

    def replace(src: str | Path, dst: str | Path) -> None:
        seen.append(mode(Path(src)))
        real_replace(src, dst)

    def link(src: str | Path, dst: str | Path) -> None:  # a new plan is linked into place
        seen.append(mode(Path(src)))
        real_link(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", link)
    old = os.umask(0)
    try:
        store = PlanStore.create(tmp_path / "plan.json", fresh)
        store.apply("edit", [CONTROL], "Control")
    finally:
        os.umask(old)
    assert seen == [0o600, 0o600] and mode(tmp_path / "plan.json") == 0o600
    store.close()


@pytest.mark.parametrize("name", ["plan.json", "plan [draft]*.json"])
def test_a_temporary_file_left_by_a_killed_save_is_removed_on_open(
    tmp_path: Path, fresh: Plan, name: str
) -> None:
    path = tmp_path / name
    PlanStore.create(path, fresh).close()
    stale = tmp_path / f".{name}.tmp-999999"
    stale.write_bytes(b'{"plan": {"pl')
    PlanStore.open(path, read_only=True).close()
    assert stale.exists(), "a read-only open must not remove what a writer may be saving"
    with PlanStore.open(path) as store:
        assert temps(tmp_path) == [] and store.plan == disk_plan(path)


def test_backups_are_owner_only_in_an_owner_only_folder(plan_path: Path) -> None:
    original = plan_path.read_bytes()
    PlanStore.open(plan_path).close()
    folder = backup_folder(plan_path)
    backups = list(folder.glob("*.json"))
    assert len(backups) == 1 and backups[0].read_bytes() == original
    assert mode(folder) == 0o700 and mode(backups[0]) == 0o600
    PlanStore.open(plan_path).close()
    assert len(list(folder.glob("*.json"))) == 1, "one daily backup a day"


def test_a_plan_others_can_read_gives_a_warning_and_the_next_save_closes_it(plan_path: Path) -> None:
    plan_path.chmod(0o644)
    with PlanStore.open(plan_path) as store:
        assert any("can be read by other users" in w and "chmod 600" in w for w in store.warnings)
        store.apply("edit", [CONTROL], "Control")
    assert mode(plan_path) == 0o600
    with PlanStore.open(plan_path) as store:
        assert store.warnings == []


def test_a_read_only_store_refuses_changes_and_leaves_the_file(plan_path: Path) -> None:
    before = plan_path.read_bytes()
    with PlanStore.open(plan_path, read_only=True) as store:
        assert store.read_only and store.warnings == []
        with pytest.raises(ChangeRefused, match="read-only"):
            store.apply("edit", [CONTROL], "Control")
    assert plan_path.read_bytes() == before


def test_a_closed_store_no_longer_writes(plan_path: Path) -> None:
    store = PlanStore.open(plan_path)
    store.close()
    with pytest.raises(ChangeRefused):
        store.apply("edit", [CONTROL], "Control")


def test_create_refuses_an_existing_file_and_makes_missing_folders(plan_path: Path, fresh: Plan) -> None:
    before = plan_path.read_bytes()
    with pytest.raises(PlanError, match="already there"):
        PlanStore.create(plan_path, fresh)
    assert plan_path.read_bytes() == before
    deep = plan_path.parent / "a" / "b" / "plan.json"
    PlanStore.create(deep, fresh).close()
    assert content(disk_plan(deep)) == content(fresh)
    assert [e.action for e in disk_plan(deep).history] == ["plan.create"]


def test_opening_a_missing_file_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no such plan file; create one with: coach-rollout init"):
        PlanStore.open(tmp_path / "nothing.json")


def disk_full(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Make every fsync fail as on a full disk; the returned function frees the disk."""
    real = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    return lambda: monkeypatch.setattr(os, "fsync", real)


def test_a_failed_save_keeps_the_edit_says_so_and_retries(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PlanStore.open(plan_path)
    before = plan_path.read_bytes()
    free = disk_full(monkeypatch)
    entry = store.apply("edit", [CONTROL], "Control")
    assert entry is not None and store.plan.use_cases[0].control == CONTROL.value
    assert store.save_error is not None
    assert "No space left on device" in store.save_error and "kept in memory" in store.save_error
    assert store.dirty and plan_path.read_bytes() == before and temps(plan_path.parent) == []
    assert store.retry_save() is False and plan_path.read_bytes() == before
    free()
    assert store.retry_save() is True and store.save_error is None and not store.dirty
    assert plan_path.read_bytes() == encode(store.tables())
    store.close()
    with PlanStore.open(plan_path) as again:
        assert again.plan == store.plan and again.history()[-1] == entry


def test_the_next_edit_after_a_failed_save_saves_both(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = PlanStore.open(plan_path)
    free = disk_full(monkeypatch)
    store.apply("edit", [CONTROL], "Control")
    free()
    store.apply("edit", [Set(table="policy", key="policy", field="pilot_cap", value=40)], "Cap")
    assert store.save_error is None
    saved = disk_plan(plan_path)
    assert saved.use_cases[0].control == CONTROL.value and saved.policy.pilot_cap == 40
    assert [e.action for e in saved.history] == ["plan.create", "edit", "edit"]
    store.close()


def test_a_create_that_cannot_write_leaves_nothing(
    tmp_path: Path, fresh: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    free = disk_full(monkeypatch)
    with pytest.raises(PlanError, match="No space left on device"):
        PlanStore.create(tmp_path / "plan.json", fresh)
    assert not (tmp_path / "plan.json").exists() and temps(tmp_path) == []
    free()
    PlanStore.create(tmp_path / "plan.json", fresh).close()


def test_the_lock_is_the_plan_files_own_and_held_until_released(plan_path: Path) -> None:
    first = locking.acquire(plan_path)
    assert isinstance(first, locking.PlanLock)
    assert locking.acquire(plan_path) == "is open in another Coach Rollout"
    assert sorted(p.name for p in plan_path.parent.iterdir()) == ["plan.json"], (
        "no lock file to leave or delete"
    )
    first.release()
    first.release()  # a second release is harmless
    again = locking.acquire(plan_path)
    assert isinstance(again, locking.PlanLock)
    again.release()


def _unlockable(fd: int) -> None:
    """A lock the system refuses, as on a network share without locking."""
    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))


def test_a_plan_that_cannot_be_locked_opens_read_only(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "_lock", _unlockable)
    with PlanStore.open(plan_path) as store:
        assert store.read_only
        assert store.warnings == [
            f"{plan_path} cannot be locked for editing (Permission denied); opened read-only."
        ]


def test_a_failed_daily_backup_is_reported_and_editing_goes_on(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full(monkeypatch)
    with PlanStore.open(plan_path) as store:
        assert not store.read_only
        assert store.warnings == [f"{plan_path}: today's backup could not be made (No space left on device)."]
    assert not list(backup_folder(plan_path).glob("*"))
