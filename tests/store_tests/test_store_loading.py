"""Files the store must refuse without touching them, a migration, and a tampered history."""

from __future__ import annotations

import errno
import os
import stat
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from storekit import chain_break

from schemas.defaults import default_plan
from schemas.enums import UseCaseStatus
from schemas.history import Set
from schemas.plan import Plan, plan_to_tables
from store import PlanStore, backups
from store.errors import PlanInvalid, PlanTooNew, PlanUnreadable
from store.paths import backup_folder
from store.storage import encode


@pytest.fixture
def plan_path(tmp_path: Path, fresh: Plan) -> Path:
    """A plan file with three recorded actions, closed."""
    path = tmp_path / "plan.json"
    with PlanStore.create(path, fresh) as store:
        for cap in (40, 30, 20):
            store.apply(
                "policy.edit", [Set(table="policy", key="policy", field="pilot_cap", value=cap)], f"Cap {cap}"
            )
    return path


def rewrite(path: Path, change: Any) -> bytes:
    """Edit the file by hand as a user might; return the new bytes."""
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(encode(data))
    return path.read_bytes()


def refused(path: Path, error: type[Exception], *, read_only: bool = False) -> str:
    """Open ``path``, expect ``error``, check the file was not touched; return the message."""
    before = path.read_bytes()
    with pytest.raises(error) as caught:
        PlanStore.open(path, read_only=read_only)
    assert path.read_bytes() == before
    assert not any(".tmp-" in p.name for p in path.parent.iterdir())
    return str(caught.value)


def test_a_truncated_file_is_refused_and_kept(plan_path: Path) -> None:
    plan_path.write_bytes(plan_path.read_bytes()[:5000])
    message = refused(plan_path, PlanUnreadable)
    assert str(plan_path) in message and "not valid JSON" in message and "truncated" in message
    assert not backup_folder(plan_path).exists(), "no backup is made of a broken file"


def test_a_broken_file_points_to_the_newest_backup(plan_path: Path) -> None:
    PlanStore.open(plan_path).close()  # makes today's backup
    [backup] = backup_folder(plan_path).glob("*.json")
    plan_path.write_bytes(b'{"plan": ')
    assert refused(plan_path, PlanUnreadable).endswith(f"; the newest backup is {backup}")


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"hello, this is not a plan\n", "not valid JSON"),
        (b"", "the file is empty"),
        (b"[1, 2, 3]\n", "the top level is not an object"),
        (b'{"stages": {}}\n', "no 'plan' record"),
        (b'{"plan": {"plan": {}}, "budgets": {}}\n', "unknown table 'budgets'"),
        (b'{"plan": {"plan": {"schema_version": "two"}}}\n', "field schema_version"),
    ],
)
def test_a_file_that_is_not_a_plan_is_refused_and_kept(tmp_path: Path, data: bytes, named: str) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(data)
    message = refused(path, (PlanUnreadable, PlanInvalid))  # type: ignore[arg-type]
    assert named in message and str(path) in message


def test_a_field_of_the_wrong_type_names_the_file_record_and_field(plan_path: Path) -> None:
    PlanStore.open(plan_path).close()  # makes today's backup
    rewrite(plan_path, lambda d: d["use_cases"]["uc-3"].update(consequence="catastrophic"))
    message = refused(plan_path, PlanInvalid)
    assert message.startswith(f"{plan_path}: record use_cases/uc-3, field consequence:")
    assert "the newest backup is" in message and str(backup_folder(plan_path)) in message


@pytest.mark.parametrize("table", ["use_cases", "history"])
def test_a_record_that_is_not_an_object_is_named(plan_path: Path, table: str) -> None:
    before = plan_path.read_bytes()
    rewrite(plan_path, lambda d: d[table].update({"x-1": ["a", "list"]}))
    edited = plan_path.read_bytes()
    assert edited != before
    message = refused(plan_path, PlanInvalid)
    assert message.startswith(f"{plan_path}: record {table}/x-1: not an object of fields")
    assert plan_path.read_bytes() == edited


def test_a_broken_history_entry_is_named_too(plan_path: Path) -> None:
    rewrite(plan_path, lambda d: d["history"]["h-000002"].update(seq="second"))
    assert "record history/h-000002, field seq" in refused(plan_path, PlanInvalid)


def test_a_file_from_a_newer_version_is_refused(plan_path: Path) -> None:
    rewrite(plan_path, lambda d: d["plan"]["plan"].update(schema_version=4))
    for read_only in (False, True):
        message = refused(plan_path, PlanTooNew, read_only=read_only)
        assert "newer Coach Rollout (format 4" in message and "update the app" in message


FORMAT_1: dict[str, Any] = {
    "plan": {
        "plan": {
            "organization": "Old Corp",
            "title": "Written by format 1",
            "schema_version": 1,
            "created": "2024-11-04T08:00:00Z",
            "updated": "2024-11-05T08:00:00Z",
            "min_group_size": 7,
        }
    },
    # Format 1 stored the eight stages as format 2 does.
    "stages": plan_to_tables(default_plan(datetime(2024, 11, 4, tzinfo=UTC)))["stages"],
    "use_cases": {
        "uc-1": {"name": "Feedback on a draft email", "status": "conditional", "control": "A human reads it"},
        "uc-2": {"name": "Meeting preparation", "status": "permitted"},
    },
}


def format_1(tmp_path: Path) -> tuple[Path, bytes]:
    """A plan written by hand in format 1."""
    path = tmp_path / "old.json"
    path.write_bytes(orjson.dumps(FORMAT_1, option=orjson.OPT_INDENT_2))
    path.chmod(0o600)
    return path, path.read_bytes()


def test_a_format_1_file_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path, original = format_1(tmp_path)
    with PlanStore.open(path) as store:
        plan = store.plan
        assert [u.status for u in plan.use_cases] == [
            UseCaseStatus.PERMITTED_WITH_CONTROLS,
            UseCaseStatus.PERMITTED,
        ]
        assert (plan.policy.min_group_size, plan.policy.pilot_cap) == (7, 50)
        assert plan.plan.schema_version == 3 and plan.plan.title == "Written by format 1"
        [entry] = store.history()
        assert entry.action == "schema.migrate" and "format 1" in entry.summary
    [backup] = backup_folder(path).glob("*.json")
    assert backup.name.endswith("-v1.json") and backup.read_bytes() == original
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    saved = orjson.loads(path.read_bytes())
    assert saved["plan"]["plan"]["schema_version"] == 3 and "min_group_size" not in saved["plan"]["plan"]
    assert saved["policy"]["policy"]["min_group_size"] == 7
    with PlanStore.open(path) as again:
        assert again.plan == plan and len(again.history()) == 1 and chain_break(again) is None


def test_a_format_1_file_opened_read_only_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path, original = format_1(tmp_path)
    with PlanStore.open(path, read_only=True) as store:
        assert store.plan.policy.min_group_size == 7 and store.history() == []
    assert path.read_bytes() == original and not backup_folder(path).exists()


def test_a_format_1_file_that_cannot_be_backed_up_is_not_migrated_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, original = format_1(tmp_path)

    def full(_path: Path, _data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(backups, "atomic_write", full)
    with PlanStore.open(path) as store:
        assert store.read_only and store.plan.policy.min_group_size == 7
        assert store.warnings == [
            f"{path} could not be backed up before its migration (No space left on device); opened read-only."
        ]
    assert path.read_bytes() == original


def test_a_format_1_file_that_fails_after_migration_says_so(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_bytes(
        orjson.dumps({**FORMAT_1, "plan": {"plan": {**FORMAT_1["plan"]["plan"], "min_group_size": 1}}})
    )
    message = refused(path, PlanInvalid)
    assert (
        "record policy/policy, field min_group_size" in message and "read as format 1 and migrated" in message
    )
    assert not backup_folder(path).exists()


def test_a_hand_edited_history_entry_breaks_the_chain_there(plan_path: Path) -> None:
    rewrite(plan_path, lambda d: d["history"]["h-000002"].update(summary="Cap 35"))
    with PlanStore.open(plan_path, read_only=True) as store:
        assert [e.summary for e in store.history()] == ["Cap 40", "Cap 35", "Cap 20"]
        assert chain_break(store) == 2


def test_a_removed_history_entry_breaks_the_chain_after_it(plan_path: Path) -> None:
    rewrite(plan_path, lambda d: d["history"].pop("h-000002"))
    with PlanStore.open(plan_path, read_only=True) as store:
        assert chain_break(store) == 3


def test_new_entries_after_a_reopen_continue_the_chain(plan_path: Path) -> None:
    with PlanStore.open(plan_path) as store:
        entry = store.apply(
            "policy.edit", [Set(table="policy", key="policy", field="pilot_cap", value=9)], "Cap 9"
        )
        assert entry is not None and entry.seq == 4 and chain_break(store) is None
