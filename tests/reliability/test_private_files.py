"""Privacy: what the tool writes is its owner's only, and no refusal shows plan content.

Every file the tool writes (plan, backups, exports, temp files of saves) is 0600 and every
folder it creates 0700 whatever the umask; no other file appears; a distinctive text planted
in a plan never reaches an error message, whatever is wrong with the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from relkit import GUARD, NOW, cap, figure, make_plan, mode, run, tables, umask, write_tables

from schemas.defaults import default_plan
from schemas.records import SCHEMA_VERSION
from store import PlanError, PlanStore
from store.migrations import stored_version

SECRET = "Zq7-Marguerite-Okonkwo-reorg"
"""A text no message of the tool contains unless it came from the plan."""


def test_every_file_and_folder_the_tool_writes_is_its_owners_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp_modes: list[int] = []
    real_replace, real_link = os.replace, os.link

    def replace(src: Any, dst: Any) -> None:
        temp_modes.append(mode(Path(src)))
        real_replace(src, dst)

    def link(src: Any, dst: Any) -> None:
        temp_modes.append(mode(Path(src)))
        real_link(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(os, "link", link)
    home = tmp_path / "home"
    with umask(0):
        plan = home / "a" / "b" / "plan.json"
        assert run("init", plan).code == 0
        with PlanStore.open(plan) as store:  # the day's backup
            cap(store, 12)
            store.save_as(home / "c" / "copy.json")
            cap(store, 13)
        assert run("export", plan, "--format", "json", "--out", home / "d" / "export.json").code in (0, 2)
        assert run("export", plan, "--format", "json", "--out", home / "export.json").code == 0
        _migrated(home / "old.json")
    files = [p for p in home.rglob("*") if p.is_file()]
    folders = [p for p in home.rglob("*") if p.is_dir()]
    assert sorted(p.relative_to(home).as_posix() for p in files if "backups" not in p.parts[-2]) == [
        "a/b/plan.json",
        "c/copy.json",
        "export.json",
        "old.json",
    ], "no lock file, no stray temp file"
    assert {p: mode(p) for p in files} == {p: 0o600 for p in files}
    assert {p: mode(p) for p in folders} == {p: 0o700 for p in folders}
    assert temp_modes and set(temp_modes) == {0o600}
    figure(
        "privacy: files and folders checked",
        f"{len(files)} files, {len(folders)} folders, {len(temp_modes)} temps",
    )


def _migrated(path: Path) -> None:
    """A format-1 plan opened for editing: backed up, then migrated."""
    make_plan(path)
    data = tables(path)
    data["plan"]["plan"]["schema_version"] = 1
    data["plan"]["plan"]["min_group_size"] = data.pop("policy")["policy"]["min_group_size"]
    write_tables(path, data)
    path.chmod(0o600)
    with PlanStore.open(path) as store:
        assert stored_version(store.tables()) == SCHEMA_VERSION


def planted(path: Path) -> Path:
    """A plan holding ``SECRET`` in many of its texts."""
    plan = default_plan(NOW, organization=SECRET)
    store = PlanStore.create(path, plan, summary=f"Created for {SECRET}.")
    store.apply(
        "use_case.edit", [_set("use_cases", "uc-1", "control", f"Reviewed by {SECRET}")], f"{SECRET} 1"
    )
    store.close()
    return path


def _set(table: str, key: str, field: str, value: Any) -> Any:
    from schemas.history import Set

    return Set(table=table, key=key, field=field, value=value)


DAMAGE = {
    "a wrong type beside the secret": lambda d: d["use_cases"]["uc-1"].update(status=7),
    "the secret's text too long": lambda d: d["use_cases"]["uc-1"].update(control=SECRET * 300),
    "the secret with a control character": lambda d: d["use_cases"]["uc-1"].update(control=SECRET + "\x1b"),
    "the secret where a number goes": lambda d: d["policy"]["policy"].update(pilot_cap=SECRET),
    "the secret where a date goes": lambda d: d["plan"]["plan"].update(created=SECRET),
    "the secret where a choice goes": lambda d: d["use_cases"]["uc-1"].update(status=SECRET),
    "a history entry changed": lambda d: d["history"]["h-000002"].update(summary=SECRET + "!"),
    "the secret as an edit too deep": lambda d: d["history"]["h-000002"]["edits"][0].update(
        after=[[[[SECRET] * 3] * 3] * 3] * 50
    ),
    "the secret where seq goes": lambda d: d["history"]["h-000002"].update(seq=SECRET),
    "the secret as a history entry": lambda d: d["history"].update({"h-000002": SECRET}),
    "the secret as the version": lambda d: d["plan"]["plan"].update(schema_version=SECRET),
}
"""Ways a hand edit breaks a plan that holds the secret."""


@pytest.mark.parametrize("damage", DAMAGE)
def test_no_refusal_prints_plan_content(tmp_path: Path, damage: str) -> None:
    path = planted(tmp_path / "plan.json")
    data = tables(path)
    DAMAGE[damage](data)
    write_tables(path, data)
    outputs = []
    for command in (
        ["check"],
        ["check", "--format", "json"],
        ["history"],
        ["verify"],
        ["export", "--format", "json"],
    ):
        done = run(command[0], path, *command[1:])
        assert GUARD not in done.err
        outputs.append(done.err)
    try:
        PlanStore.open(path).close()
    except PlanError as exc:
        outputs.append(exc.message)
    assert any(outputs), "the damage must be refused somewhere"
    assert not [out for out in outputs if SECRET in out]


def test_a_failed_save_or_a_refused_one_says_no_plan_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = planted(tmp_path / "plan.json")
    store = PlanStore.open(path)
    monkeypatch.setattr("store.storage.Encoder.encode", _refuse)
    store.apply("use_case.edit", [_set("use_cases", "uc-2", "control", SECRET)], SECRET)
    assert store.save_error is not None and SECRET not in store.save_error
    monkeypatch.undo()
    other = tmp_path / "other.json"
    other.write_bytes(path.read_bytes())
    with PlanStore.open(other) as elsewhere:
        elsewhere.apply("use_case.edit", [_set("use_cases", "uc-3", "control", SECRET)], f"By {SECRET}")
    os.replace(other, path)
    assert store.retry_save() is False and store.conflict is not None
    assert SECRET not in store.conflict.message and SECRET in store.conflict.theirs[0].summary
    store.close()


def _refuse(*args: Any) -> bytes:
    raise ValueError(f"cannot encode {SECRET}")


def test_the_last_line_of_defence_prints_no_exception_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = planted(tmp_path / "plan.json")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(f"a bug holding {SECRET}")

    monkeypatch.setattr("tui.cli.check.evaluate", broken)
    done = run("check", path)
    assert done.code == 2 and GUARD in done.err and SECRET not in done.err
    assert done.err.count("\n") == 1
