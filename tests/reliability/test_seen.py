"""Each defect of issue 17's "Seen" list that belongs to the store and the command line, held."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError
from relkit import DEEP, ROOT, cap, make_plan, mode, run, tables, temps, umask, write_tables

from schemas.history import HistoryEntry
from store import PlanStore
from store.errors import PlanChangedOnDisk, PlanError, SaveRefused
from store.exchange import export_bytes

# -- 1. Two writers through another path ------------------------------------------------


@pytest.mark.parametrize("other", ["symlink", "hard link", "another spelling"])
def test_1_another_path_to_the_plan_reaches_the_same_lock(tmp_path: Path, other: str) -> None:
    plan = make_plan(tmp_path / "plan.json")
    second = tmp_path / "second.json"
    if other == "symlink":
        second.symlink_to(plan)
    elif other == "hard link":
        os.link(plan, second)
    else:
        (tmp_path / "sub").mkdir()
        second = tmp_path / "sub" / ".." / "." / "plan.json"
    with PlanStore.open(plan) as first:
        cap(first, 21)  # the lock moves to the new file a save puts in place
        with PlanStore.open(second) as again:
            assert again.read_only
            assert again.warnings == [f"{second} is open in another Coach Rollout; opened read-only."]


def test_1_a_save_through_a_symlink_replaces_its_target_never_the_link(tmp_path: Path) -> None:
    real = make_plan(tmp_path / "data" / "plan.json")
    link = tmp_path / "plan.json"
    link.symlink_to(real)
    with PlanStore.open(link) as store:
        cap(store, 33)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert PlanStore.open(real, read_only=True).plan.policy.pilot_cap == 33
    assert mode(real) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "plan.json"]


# -- 2. Two writers after the lock file is deleted ---------------------------------------


def test_2_there_is_no_lock_file_to_delete(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    with PlanStore.open(plan):
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".lock")]
        # A lock file left by an older version, deleted by hand: nothing changes.
        (tmp_path / "plan.json.lock").touch()
        (tmp_path / "plan.json.lock").unlink()
        assert PlanStore.open(plan).read_only


def test_2_a_plan_replaced_under_a_writer_refuses_its_save_and_keeps_both(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(tmp_path / "plan.json")
    first = PlanStore.open(plan)
    # Another writer escapes the lock: it edits a copy and moves it over the plan.
    copy = tmp_path / "copy.json"
    copy.write_bytes(plan.read_bytes())
    with PlanStore.open(copy) as elsewhere:
        cap(elsewhere, 77)
    os.replace(copy, plan)
    theirs = plan.read_bytes()
    cap(first, 55)
    assert first.dirty and first.plan.policy.pilot_cap == 55
    conflict = first.conflict
    assert isinstance(conflict, PlanChangedOnDisk) and conflict.continues
    assert [entry.summary for entry in conflict.theirs] == ["Cap 77"]
    assert first.save_error is not None and "another writer saved 1 change" in first.save_error
    assert plan.read_bytes() == theirs, "the other writer's entry is never written over"
    reads: list[Path] = []
    monkeypatch.setattr("store.planfile.read_tables", lambda path: reads.append(path) or {})
    with pytest.raises(PlanChangedOnDisk):
        first.save()
    assert first.retry_save() is False and plan.read_bytes() == theirs
    assert reads == [], "a retry of a refused save does not read the unchanged file again"
    first.close()


# -- 3. A save that fails for a reason other than the disk --------------------------------


def test_3_a_save_failing_in_serialisation_keeps_the_edit_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = make_plan(tmp_path / "plan.json")
    before = plan.read_bytes()
    store = PlanStore.open(plan)

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise TypeError("Recursion limit reached")  # what orjson says of a value 255 deep

    monkeypatch.setattr("store.storage.Encoder.encode", refuse)
    cap(store, 44)  # no exception reaches the caller
    assert store.dirty and store.plan.policy.pilot_cap == 44
    assert store.save_error is not None and "cannot be written" in store.save_error
    assert "Recursion" not in store.save_error and plan.read_bytes() == before
    with pytest.raises(SaveRefused, match="cannot be written"):
        store.save()
    assert store.dirty and [entry.summary for entry in store.unsaved()] == ["Cap 44"]
    monkeypatch.undo()
    assert store.retry_save() and PlanStore.open(plan, read_only=True).plan.policy.pilot_cap == 44
    store.close()


def test_3_a_value_nested_254_deep_in_a_history_edit_is_refused_when_read(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    data = tables(plan)
    data["history"]["h-000001"]["edits"] = [
        {"table": "policy", "key": "policy", "field": "pilot_cap", "before": DEEP, "after": 1}
    ]
    write_tables(plan, data, 254)
    with pytest.raises(
        PlanError, match=r"record history/h-000001, field edits.0.before: nested more than 240"
    ):
        PlanStore.open(plan)


def test_3_the_app_never_exits_0_when_an_edit_was_not_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = make_plan(tmp_path / "plan.json")

    class Quits:  # the app: one edit whose save fails, then quit (the app asks first)
        return_code = 0

        def __init__(self, store: PlanStore, **kwargs: object) -> None:
            self.store = store

        def run(self, **kwargs: object) -> None:
            monkeypatch.setattr("os.fsync", _disk_full)
            cap(self.store, 12)

    monkeypatch.setattr("tui.app.CoachApp", Quits)
    assert run(plan).code == 2
    monkeypatch.undo()
    assert PlanStore.open(plan, read_only=True).plan.policy.pilot_cap != 12


def _disk_full(fd: int) -> None:
    raise OSError(28, "No space left on device")


# -- 5. Tracebacks with exit 1 ------------------------------------------------------------


def test_5_verify_on_a_history_record_that_is_not_an_object(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    data = tables(plan)
    data["history"]["h-000001"] = ["not", "an", "object"]
    write_tables(plan, data)
    done = run("verify", plan)
    assert done.code == 2
    assert done.err == f"coach-rollout verify: {plan}: record history/h-000001: not an object of fields\n"


@pytest.mark.parametrize("depth", [254, 300, 1000])
@pytest.mark.parametrize("command", ["export", "history", "check", "init --from"])
def test_5_values_nested_254_to_1000_deep(tmp_path: Path, depth: int, command: str) -> None:
    plan = make_plan(tmp_path / "plan.json")
    if command == "init --from":
        export = tmp_path / "export.json"
        data = json.loads(export_bytes(PlanStore.open(plan, read_only=True).plan))
        data["plan"]["history"][0]["edits"] = [
            {"table": "policy", "key": "policy", "field": "pilot_cap", "before": DEEP, "after": 1}
        ]
        write_tables(export, data, depth)
        done = run("init", tmp_path / "new.json", "--from", export)
        assert not (tmp_path / "new.json").exists()
        named = f"{export}: plan.history/h-000001.edits.0.before: nested more than 240 levels deep"
    else:
        data = tables(plan)
        data["history"]["h-000001"]["edits"] = [
            {"table": "policy", "key": "policy", "field": "pilot_cap", "before": 1, "after": DEEP}
        ]
        write_tables(plan, data, depth)
        done = run(*command.split(), plan, *(["--format", "json"] if command == "export" else []))
        named = f"{plan}: record history/h-000001, field edits.0.after: nested more than 240 levels deep"
    assert done.code == 2 and done.err.strip().endswith(named), done.err
    assert done.err.count("\n") == 1


def test_5_history_into_head_stops_quietly(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=2000)  # more than a pipe holds
    script = f"{sys.executable} -c 'from tui.cli.main import entry; entry()' history '{plan}' | head -1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout == f"{plan}: 2001 history entries, oldest first\n"
    assert done.stderr == "" and done.returncode == 141  # the code of any tool stopped by a closed pipe


def test_5_init_from_an_export_whose_chain_is_broken_creates_nothing(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=2)
    export = tmp_path / "export.json"
    data = json.loads(export_bytes(PlanStore.open(plan, read_only=True).plan))
    data["plan"]["history"][1]["summary"] = "Cap 99"
    write_tables(export, data)
    done = run("init", tmp_path / "new" / "plan.json", "--from", export)
    assert done.code == 2 and done.err.startswith(
        f"coach-rollout init: {export}: not created: history/h-000002: "
    )
    assert not (tmp_path / "new").exists()


# -- 6. Terminal injection ----------------------------------------------------------------

ESCAPES = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202e"
UNSEEN = {char for char in ESCAPES if not char.isprintable()}


@pytest.mark.parametrize("field", ["summary", "actor", "action"])
def test_6_history_fields_refuse_control_characters(field: str) -> None:
    entry = {
        "id": "h-000001",
        "seq": 1,
        "at": "2025-03-03T09:30:00Z",
        "actor": "me",
        "action": "edit",
        "summary": "ok",
        "edits": [],
        "prev_hash": "0" * 64,
        "hash": "",
    }
    HistoryEntry.model_validate(entry)
    with pytest.raises(ValidationError):
        HistoryEntry.model_validate({**entry, field: f"x{ESCAPES}"})
    with pytest.raises(ValidationError):
        HistoryEntry.model_validate({**entry, "edits": [{"table": "policy", "key": f"p{ESCAPES}"}]})


def test_6_history_and_verify_print_no_escape_sequence_from_a_file(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=1)
    data = tables(plan)
    data["history"]["h-000002"]["edits"][0]["after"] = f"cap{ESCAPES}"  # an edit's value is not typed
    write_tables(plan, data)
    shown = run("history", plan)
    assert shown.code == 0 and "cap\\x1b]0;owned\\x07\\x1b[2J\\x9b31m\\u202e" in shown.out
    data["history"]["h-000002"]["summary"] = f"Cap{ESCAPES}"
    write_tables(plan, data)
    for command in ("history", "verify", "check"):
        done = run(command, plan)
        printed = done.out + done.err
        assert not set(printed) & UNSEEN, (command, printed)


def test_6_errors_escape_record_ids_and_field_names_from_a_file(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    data = tables(plan)
    data["use_cases"][f"uc{ESCAPES}"] = data["use_cases"]["uc-1"]
    data["policy"]["policy"][f"extra{ESCAPES}"] = 1
    write_tables(plan, data)
    data["history"][f"h{ESCAPES}"] = "not an object"
    write_tables(plan, data)
    for command in ("check", "history", "verify", "export"):
        done = run(command, plan, *(["--format", "json"] if command == "export" else []))
        assert done.code == 2 and not set(done.err) & UNSEEN, (command, done.err)
    data["bogus\x1b[2J"] = {}
    write_tables(plan, data)
    assert run("check", plan).err.endswith("unknown table 'bogus\\x1b[2J'\n")


# -- 8. Files -------------------------------------------------------------------------------


def test_8_a_plan_with_mode_0400_opens_read_only_and_says_why(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    plan.chmod(0o400)
    before, stamp = plan.read_bytes(), plan.stat().st_mtime_ns
    with PlanStore.open(plan) as store:
        assert store.read_only
        assert store.warnings == [
            f"{plan} cannot be saved: the file is not writable (mode 0400); opened read-only."
        ]
    assert plan.read_bytes() == before and plan.stat().st_mtime_ns == stamp and mode(plan) == 0o400


def test_8_a_plan_in_a_read_only_folder_opens_read_only(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "folder" / "plan.json")
    plan.parent.chmod(0o500)
    try:
        with PlanStore.open(plan) as store:
            assert store.read_only and "its folder is not writable (mode 0500)" in store.warnings[0]
    finally:
        plan.parent.chmod(0o700)


def test_8_folders_made_on_the_way_to_a_new_plan_are_0700(tmp_path: Path) -> None:
    with umask(0o022):
        assert run("init", tmp_path / "deep" / "er" / "plan.json").code == 0
    assert mode(tmp_path / "deep") == 0o700 and mode(tmp_path / "deep" / "er") == 0o700


def test_8_a_failed_init_leaves_no_lock_or_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.fsync", _disk_full)
    done = run("init", tmp_path / "plan.json")
    assert done.code == 2 and "nothing was created" in done.err
    assert list(tmp_path.iterdir()) == []


def test_8_temp_files_of_killed_saves_go_at_the_next_successful_init(tmp_path: Path) -> None:
    for pid in (999998, 999999):
        (tmp_path / f".plan.json.tmp-{pid}").write_bytes(b'{"plan": {"pl')
    assert run("init", tmp_path / "plan.json").code == 0
    assert temps(tmp_path) == []


def test_8_a_byte_order_mark_is_named(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json")
    plan.write_bytes(b"\xef\xbb\xbf" + plan.read_bytes())
    done = run("check", plan)
    assert done.code == 2 and "byte order mark (BOM)" in done.err and "truncated" not in done.err


def test_8_a_seq_that_is_not_a_whole_number_is_named(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=2)
    data = tables(plan)
    data["history"]["h-000003"]["seq"] = 3.0
    write_tables(plan, data)
    for command in ("verify", "check"):
        done = run(command, plan)
        assert done.code == 2
        assert done.err.endswith(f"{plan}: record history/h-000003, field seq: must be a whole number\n")
