"""Where the ledger starts: new plans, plans made from an export, and plans older than format 4."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from clirun import cli

from schemas.defaults import default_plan
from schemas.history import GENESIS, entry_hash
from schemas.ledger import ledger_break
from schemas.plan import plan_to_tables
from schemas.rules.history import stored_chain
from store import PlanStore
from store.storage import encode

CREATED = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


def test_a_new_plan_replays_from_its_first_entry(tmp_path: Path) -> None:
    for args in ([], ["--example"]):
        path = tmp_path / f"plan{len(args)}.json"
        assert cli("init", path, *args).returncode == 0
        with PlanStore.open(path, read_only=True) as store:
            [first] = store.history()
            tables = store.tables()
        records = sum(len(docs) for name, docs in tables.items() if name != "history")
        assert first.action == "plan.create" and len(first.edits) == records
        assert first.id == "h-000001" and first.chain == 2 and ledger_break(tables) is None


def export_of(path: Path, tmp_path: Path) -> dict[str, Any]:
    export = tmp_path / "export.json"
    assert cli("export", path, "--format", "json", "--out", export).returncode == 0
    data: dict[str, Any] = orjson.loads(export.read_bytes())
    export.unlink()
    return data


def test_init_from_an_export_keeps_its_history_or_refuses_one_that_does_not_replay(tmp_path: Path) -> None:
    original = tmp_path / "plan.json"
    assert cli("init", original).returncode == 0
    data = export_of(original, tmp_path)
    data["plan"]["use_cases"][0]["control"] = "Edited in the export"
    export = tmp_path / "edited.json"
    export.write_bytes(orjson.dumps(data))
    target = tmp_path / "copy.json"
    result = cli("init", target, "--from", export)
    assert result.returncode == 2 and not target.exists()
    assert "not created: use_cases/uc-1: Record use_cases/uc-1, field control" in result.stderr
    # Without its history, an export is a new plan: its first entry holds it whole.
    data["plan"]["history"] = []
    export.write_bytes(orjson.dumps(data))
    assert cli("init", target, "--from", export).returncode == 0
    with PlanStore.open(target, read_only=True) as store:
        assert [e.action for e in store.history()] == ["plan.create"]
        assert store.plan.use_cases[0].control == "Edited in the export"
    assert cli("verify", target).returncode == 0


def format_2_plan(path: Path) -> None:
    """A plan as format 2 wrote it: a first entry without the plan in it, hashed without its id."""
    tables = plan_to_tables(default_plan(CREATED))
    tables["plan"]["plan"]["schema_version"] = 2
    prev = GENESIS
    for seq, (action, edits) in enumerate(
        [("plan.create", []), ("use_case.edit", [_control_edit(tables)])], 1
    ):
        body = {
            "seq": seq,
            "at": f"2025-03-0{seq + 2}T09:30:00Z",
            "actor": "planner",
            "action": action,
            "summary": action,
            "reason": "",
            "edits": edits,
            "undoes": None,
            "prev_hash": prev,
        }
        body["hash"] = prev = entry_hash(body, prev)
        tables["history"][f"h-{seq:06d}"] = body
    tables["plan"]["plan"]["updated"] = "2025-03-04T09:30:00Z"
    path.write_bytes(encode(tables))
    path.chmod(0o600)


def _control_edit(tables: dict[str, Any]) -> dict[str, Any]:
    doc = tables["use_cases"]["uc-1"]
    before, doc["control"] = doc["control"], "Changed in format 2"
    return {
        "table": "use_cases",
        "key": "uc-1",
        "field": "control",
        "before": before,
        "after": doc["control"],
    }


def test_a_format_2_plan_gets_a_recorded_baseline_and_replays_from_it(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    format_2_plan(path)
    original = path.read_bytes()
    # Read only (check, verify): the baseline is made in memory, the file is not touched.
    assert cli("check", path).returncode == 0 and cli("verify", path).returncode == 0
    assert path.read_bytes() == original
    with PlanStore.open(path) as store:
        actions = [(e.action, e.chain) for e in store.history()]
    assert actions == [
        ("plan.create", None),
        ("use_case.edit", None),
        ("history.baseline", 2),
        ("schema.migrate", 2),
    ]
    history = cli("history", path).stdout
    assert "Baseline: the history before this entry does not hold the plan's first state" in history
    earlier = tmp_path / "as-format-2.json"
    earlier.write_bytes(original)
    assert cli("verify", path, "--against", earlier).returncode == 0
    data = orjson.loads(path.read_bytes())
    data["use_cases"]["uc-1"]["control"] = "Edited by hand after the migration"
    path.write_bytes(encode(data))
    result = cli("verify", path)
    assert result.returncode == 1 and "use_cases/uc-1, field control" in result.stdout


def test_the_apps_call_replays_against_the_validated_plan(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    assert cli("init", path).returncode == 0
    data = orjson.loads(path.read_bytes())
    data["use_cases"]["uc-2"]["control"] = "Edited by hand"
    path.write_bytes(encode(data))
    with PlanStore.open(path, read_only=True) as store:
        # tui/app.py passes the stored history alone; the tables give the same verdict.
        [alone] = stored_chain(store.plan, store.tables()["history"])
        [whole] = stored_chain(store.plan, store.tables()["history"], store.tables())
    assert alone.entity == whole.entity == "use_cases/uc-2" and "field control" in alone.message
    example = tmp_path / "example.json"
    assert cli("init", example, "--example").returncode == 0
    with PlanStore.open(example, read_only=True) as store:
        assert stored_chain(store.plan, store.tables()["history"]) == []
    assert stored_chain(PlanStore.memory(default_plan(CREATED)).plan, {}) == []
