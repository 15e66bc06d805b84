"""`coach-rollout verify`: every way of changing a plan behind the app's back is found and named."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from clirun import cli

from schemas.history import CHAIN, Set as SetField, entry_hash, entry_id
from store import PlanStore
from store.storage import encode

Tables = dict[str, Any]

CONTROLS = ["Reviewed weekly", "Reviewed daily", "Reviewed by two", "Reviewed by HR", "Reviewed twice"]


@pytest.fixture
def recorded(tmp_path: Path) -> tuple[Path, list[Path]]:
    """A plan with six entries (its creation and five edits) and a copy of it after each one."""
    path = tmp_path / "plan.json"
    assert cli("init", path).returncode == 0
    copies = [_copy(path, tmp_path / "after-1.json")]
    with PlanStore.open(path) as store:
        for n, control in enumerate(CONTROLS, start=2):
            change = SetField(table="use_cases", key="uc-1", field="control", value=control)
            store.apply("use_case.edit", [change], f"Control: {control}")
            copies.append(_copy(path, tmp_path / f"after-{n}.json"))
    return path, copies


def _copy(path: Path, target: Path) -> Path:
    shutil.copy(path, target)
    return target


def tamper(path: Path, change: Callable[[Tables], None]) -> None:
    """Edit the file as someone with a text editor would, keeping it valid JSON."""
    tables = orjson.loads(path.read_bytes())
    change(tables)
    path.write_bytes(encode(tables))


def refused(path: Path, *names: str, against: Path | None = None) -> str:
    """Run verify; assert exit 1 and that every one of ``names`` is in what it says."""
    result = cli("verify", path, *(["--against", str(against)] if against else []))
    assert result.returncode == 1, result.stdout + result.stderr
    for name in names:
        assert name in result.stdout, result.stdout
    return result.stdout


def test_an_untouched_plan_verifies(recorded: tuple[Path, list[Path]]) -> None:
    path, copies = recorded
    result = cli("verify", path, "--against", copies[2])
    assert result.returncode == 0, result.stdout + result.stderr
    assert (
        "history verified: 6 entries" in result.stdout and "replaying it gives every record" in result.stdout
    )
    assert f"extends {copies[2]} (3 entries)" in result.stdout


def test_a_record_changed_without_history(recorded: tuple[Path, list[Path]]) -> None:
    path, _ = recorded
    tamper(path, lambda t: t["use_cases"]["uc-1"].update(status="prohibited"))
    said = refused(path, "use_cases/uc-1", "field status is 'prohibited'", "replaying the history gives")
    assert "'permitted'" in said


def test_the_whole_history_removed(recorded: tuple[Path, list[Path]]) -> None:
    path, _ = recorded
    tamper(path, lambda t: t.pop("history"))
    refused(path, "history:", "no change history")


@pytest.mark.parametrize("cut", [1, 3])
def test_the_last_entries_removed_are_named_against_an_earlier_copy(
    recorded: tuple[Path, list[Path]], cut: int
) -> None:
    path, copies = recorded
    # The file put back as it was `cut` entries ago: a history that verifies on its own.
    shutil.copy(copies[-1 - cut], path)
    assert cli("verify", path).returncode == 0
    first = 6 - cut + 1
    which = f"entry {first}" if cut == 1 else f"entries {first} to 6"
    refused(path, f"history/{entry_id(first)}", f"the earlier copy has {which}", against=copies[-1])


def test_the_last_entries_cut_from_a_file_whose_records_stayed(recorded: tuple[Path, list[Path]]) -> None:
    path, _ = recorded
    tamper(path, lambda t: [t["history"].pop(entry_id(seq)) for seq in (4, 5, 6)])
    refused(path, "use_cases/uc-1", "field control is 'Reviewed twice'", "'Reviewed daily'")


def test_an_entry_key_renamed(recorded: tuple[Path, list[Path]]) -> None:
    path, _ = recorded
    tamper(path, lambda t: t["history"].update({"h-000099": t["history"].pop("h-000003")}))
    refused(path, "history/h-000099", "says it is entry 3", "must equal its sequence (h-000003)")


def test_two_entries_bodies_swapped(recorded: tuple[Path, list[Path]]) -> None:
    path, _ = recorded

    def swap(tables: Tables) -> None:
        history = tables["history"]
        history["h-000003"], history["h-000004"] = history["h-000004"], history["h-000003"]

    tamper(path, swap)
    refused(path, "history/h-000004", "says it is entry 3")


def test_an_entry_of_an_old_chain_keeps_its_key_covered(recorded: tuple[Path, list[Path]]) -> None:
    path, _ = recorded
    tamper(path, lambda t: t["history"]["h-000002"].update(actor="someone else"))
    refused(path, "history/h-000002", "does not verify from entry 2")


def test_an_appended_entry_with_a_correct_hash_that_the_records_do_not_show(
    recorded: tuple[Path, list[Path]],
) -> None:
    path, _ = recorded

    def append(tables: Tables) -> None:
        last = tables["history"]["h-000006"]
        body = {
            "id": "h-000007",
            "seq": 7,
            "at": tables["plan"]["plan"]["updated"],
            "actor": "someone",
            "action": "use_case.edit",
            "summary": "Nothing to see",
            "reason": "",
            "edits": [
                {
                    "table": "use_cases",
                    "key": "uc-2",
                    "field": "status",
                    "before": "permitted_with_controls",
                    "after": "prohibited",
                }
            ],
            "undoes": None,
            "prev_hash": last["hash"],
            "chain": CHAIN,
        }
        body["hash"] = entry_hash(body, last["hash"])
        tables["history"][body.pop("id")] = body

    tamper(path, append)
    refused(path, "use_cases/uc-2", "field status is 'permitted_with_controls'", "history gives 'prohibited'")


def test_an_entry_whose_before_does_not_follow_from_the_ones_before(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    assert cli("init", path).returncode == 0

    def rewrite_first(tables: Tables) -> None:
        entry = tables["history"]["h-000001"]
        body = {**entry, "id": "h-000001", "edits": [*entry["edits"], _bogus_edit()]}
        body["hash"] = entry_hash(body, entry["prev_hash"])
        tables["history"]["h-000001"] = {k: v for k, v in body.items() if k != "id"}

    tamper(path, rewrite_first)
    refused(path, "history/h-000001", "changes record use_cases/uc-1, field control")


def _bogus_edit() -> dict[str, Any]:
    return {
        "table": "use_cases",
        "key": "uc-1",
        "field": "control",
        "before": "Not what it was",
        "after": "X",
    }


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "not valid JSON"),
        (b"[]", "not a Coach Rollout plan"),
        (None, "newer Coach Rollout (format 99"),
        (None, "record use_cases/uc-1, field status"),
    ],
)
def test_verify_refuses_what_check_refuses_with_the_same_line(
    tmp_path: Path, content: bytes | None, says: str
) -> None:
    path = tmp_path / "plan.json"
    assert cli("init", path).returncode == 0
    if content is not None:
        path.write_bytes(content)
    elif "newer" in says:
        tamper(path, lambda t: t["plan"]["plan"].update(schema_version=99))
    else:
        tamper(path, lambda t: t["use_cases"]["uc-1"].update(status="maybe"))
    checked, verified = cli("check", path), cli("verify", path)
    assert checked.returncode == verified.returncode == 2
    assert says in verified.stderr
    assert verified.stderr.replace("coach-rollout verify", "") == checked.stderr.replace(
        "coach-rollout check", ""
    )


def test_against_an_export_and_a_backup(recorded: tuple[Path, list[Path]], tmp_path: Path) -> None:
    path, copies = recorded
    export = tmp_path / "export.json"
    assert cli("export", copies[3], "--format", "json", "--out", export).returncode == 0
    assert cli("verify", path, "--against", export).returncode == 0
    shutil.copy(copies[1], path)
    refused(path, "history/h-000003", "entries 3 to 4", against=export)


def test_against_an_earlier_copy_that_was_rewritten(recorded: tuple[Path, list[Path]]) -> None:
    path, copies = recorded
    earlier = copies[3]
    tamper(earlier, lambda t: t["history"]["h-000003"].update(summary="Other words"))
    result = cli("verify", path, "--against", earlier)
    assert result.returncode == 2 and "its own history does not verify from entry 3" in result.stderr


def test_against_a_rewritten_entry_names_it(recorded: tuple[Path, list[Path]], tmp_path: Path) -> None:
    path, copies = recorded
    # Another history with the same first entries but a different fourth: as if rewritten.
    other = tmp_path / "other.json"
    shutil.copy(copies[2], other)
    with PlanStore.open(other) as store:
        store.apply(
            "use_case.edit", [SetField(table="use_cases", key="uc-1", field="control", value="Y")], "Y"
        )
    refused(path, "history/h-000004", "History entry 4 differs from the earlier copy's", '"Y"', against=other)


def test_against_a_missing_file_is_unusable(recorded: tuple[Path, list[Path]], tmp_path: Path) -> None:
    path, _ = recorded
    result = cli("verify", path, "--against", tmp_path / "nowhere.json")
    assert result.returncode == 2 and "nowhere.json: no such file" in result.stderr
