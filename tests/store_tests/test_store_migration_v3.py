"""Format 2 to 3: untouched old defaults move to the new ones; whatever a planner edited stays."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import orjson
from storekit import NOW, chain_break

from schemas.defaults import ACTIVITIES, default_plan
from schemas.framework import STAGES
from schemas.plan import plan_to_tables
from schemas.records import SCHEMA_VERSION
from store import PlanStore
from store.migrations import V2_ACTIVITIES, V2_GUIDANCE
from store.paths import backup_folder


def format_2(tmp_path: Path, change: Any = None) -> Path:
    """A plan file as format 2 wrote it, with its defaults; ``change`` edits its tables first."""
    tables: dict[str, Any] = plan_to_tables(default_plan(NOW, organization="Old Corp"))
    tables["plan"]["plan"]["schema_version"] = 2
    for n, (name, cells) in enumerate(V2_ACTIVITIES, start=1):
        tables["raci_activities"][f"act-{n}"].update(name=name, cells=dict(cells))
    for n, (_title, step) in enumerate(STAGES, start=1):
        tables["stages"][f"stage-{n}"]["purpose"] = f"{step} {V2_GUIDANCE}"
    if change is not None:
        change(tables)
    path = tmp_path / "old.json"
    path.write_bytes(orjson.dumps(tables, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
    path.chmod(0o600)
    return path


def new_cells() -> dict[str, dict[str, str]]:
    """The format 3 default RACI, as stored."""
    return {
        f"act-{n}": {k: str(v) for k, v in cells.items()} for n, (_, cells, _) in enumerate(ACTIVITIES, 1)
    }


def stored_cells(store: PlanStore) -> dict[str, dict[str, str]]:
    return {a.id: {k: str(v) for k, v in a.cells.items()} for a in store.plan.raci_activities}


def test_old_defaults_open_as_the_new_ones_with_a_history_entry_saying_so(tmp_path: Path) -> None:
    path = format_2(tmp_path)
    original = path.read_bytes()
    with PlanStore.open(path) as store:
        assert store.plan.plan.schema_version == SCHEMA_VERSION
        assert stored_cells(store) == new_cells()
        assert store.plan == default_plan(NOW, organization="Old Corp").model_copy(
            update={"plan": store.plan.plan, "history": store.plan.history}
        )
        baseline, entry = store.history()
        assert baseline.action == "history.baseline"  # format 2 recorded no first state
        assert entry.action == "schema.migrate"
        assert entry.summary == (
            f"Migrated the plan from format 2 to format {SCHEMA_VERSION}. "
            "Moved to the framework's new defaults where the plan "
            "still held the old ones untouched: the RACI of 9 activities (A/R for the role that owns "
            "the work and does it) and the whole checkpoint guidance in the purpose of 8 stages."
        )
        act1 = next(e for e in entry.edits if e.key == "act-1")
        assert (act1.table, act1.field, act1.before, act1.after) == (
            "raci_activities",
            "cells",
            {"role-1": "A", "role-2": "C", "role-5": "I", "role-6": "R"},
            {"role-1": "A/R"},
        )
        assert chain_break(store) is None
    [backup] = backup_folder(path).glob("*.json")
    assert backup.name.endswith("-v2.json") and backup.read_bytes() == original
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with PlanStore.open(path) as again:
        assert len(again.history()) == 2 and stored_cells(again) == new_cells()


def test_an_edited_raci_row_keeps_its_edits_while_untouched_rows_move(tmp_path: Path) -> None:
    def edited(tables: dict[str, Any]) -> None:
        tables["raci_activities"]["act-6"]["cells"] = {"role-2": "C", "role-3": "A", "role-4": "R"}
        tables["raci_activities"]["act-2"]["cells"]["role-5"] = "I"  # one letter added

    with PlanStore.open(format_2(tmp_path, edited)) as store:
        cells = stored_cells(store)
        assert cells["act-6"] == {"role-2": "C", "role-3": "A", "role-4": "R"}
        assert cells["act-2"] == {"role-1": "A", "role-2": "C", "role-4": "R", "role-5": "I"}
        expected = new_cells()
        assert {k: v for k, v in cells.items() if k not in ("act-2", "act-6")} == {
            k: v for k, v in expected.items() if k not in ("act-2", "act-6")
        }
        _baseline, entry = store.history()
        assert {e.key for e in entry.edits if e.table == "raci_activities"} == {
            f"act-{n}" for n in (1, 3, 4, 5, 7, 8, 9)
        }
        assert "the RACI of 7 activities" in entry.summary


def test_renamed_roles_keep_the_whole_old_raci(tmp_path: Path) -> None:
    def renamed(tables: dict[str, Any]) -> None:
        tables["raci_roles"]["role-2"]["name"] = "Privacy office"

    with PlanStore.open(format_2(tmp_path, renamed)) as store:
        assert stored_cells(store) == {f"act-{n}": cells for n, (_, cells) in enumerate(V2_ACTIVITIES, 1)}
        _baseline, entry = store.history()
        assert all(e.table in ("stages", "plan") for e in entry.edits)
        assert "RACI" not in entry.summary


def test_a_rewritten_stage_purpose_is_kept(tmp_path: Path) -> None:
    def rewritten(tables: dict[str, Any]) -> None:
        tables["stages"]["stage-4"]["purpose"] = "Our own words for stage 4."

    with PlanStore.open(format_2(tmp_path, rewritten)) as store:
        assert store.plan.stage(4).purpose == "Our own words for stage 4."
        assert "Run this checkpoint in one bounded context" in store.plan.stage(3).purpose
        assert "the purpose of 7 stages" in store.history()[-1].summary


def test_a_format_2_file_opened_read_only_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = format_2(tmp_path)
    original = path.read_bytes()
    with PlanStore.open(path, read_only=True) as store:
        assert stored_cells(store) == new_cells()
        assert [e.action for e in store.history()] == ["history.baseline", "schema.migrate"]  # in memory
    assert path.read_bytes() == original
