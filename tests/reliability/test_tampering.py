"""Tampering: a hand edit is found by ``verify`` and ``check``, and named.

The hash chain finds an edited, removed, forged or reordered entry; replaying the history
finds a record edited outside it; and what only an earlier copy can show (the newest entries
cut off, or the whole history rewritten with fresh hashes) ``verify --against`` finds.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from relkit import make_plan, run, tables, tally, write_tables

from schemas.history import entry_hash

Tamper = Callable[[dict[str, Any]], int]
"""Change a plan's raw tables; return the seq of the entry that ``verify`` and ``check`` name."""


def _summary(data: dict[str, Any]) -> int:
    data["history"]["h-000003"]["summary"] = "Cap 11 (approved)"
    return 3


def _edit_value(data: dict[str, Any]) -> int:
    data["history"]["h-000002"]["edits"][0]["after"] = 99
    return 2


def _removed(data: dict[str, Any]) -> int:
    del data["history"]["h-000003"]
    return 4


def _forged(data: dict[str, Any]) -> int:
    forged = dict(
        data["history"]["h-000004"], seq=5, summary="Cap 99", prev_hash=data["history"]["h-000004"]["hash"]
    )
    data["history"]["h-000005"] = forged
    return 5


def _reordered(data: dict[str, Any]) -> int:
    history = data["history"]
    history["h-000002"]["seq"], history["h-000003"]["seq"] = 3, 2
    return 3  # stored as h-000003, it says it is entry 2


def _rehashed_one(data: dict[str, Any]) -> int:
    data["history"]["h-000002"]["hash"] = "f" * 64
    return 2


def _actor(data: dict[str, Any]) -> int:
    data["history"]["h-000001"]["actor"] = "someone else"
    return 1


TAMPERING: dict[str, Tamper] = {
    "a summary reworded": _summary,
    "an edit's value changed": _edit_value,
    "an entry removed": _removed,
    "an entry forged at the end": _forged,
    "two entries swapped": _reordered,
    "a hash replaced": _rehashed_one,
    "the actor changed": _actor,
}


@pytest.mark.parametrize("how", TAMPERING)
def test_verify_and_check_find_a_tampered_history(tmp_path: Path, how: str) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=3)
    assert run("verify", plan).code == 0
    data = tables(plan)
    broken = TAMPERING[how](data)
    write_tables(plan, data)
    said = f"history/h-{broken:06d}"
    verified = run("verify", plan)
    assert verified.code == 1 and said in verified.out, verified.out + verified.err
    checked = run("check", plan)
    assert checked.code == 1 and "history-chain" in checked.out and said in checked.out
    tally("tampering: cases")


def test_a_record_edited_outside_the_history_is_found_by_replay(tmp_path: Path) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=3)
    data = tables(plan)
    data["policy"]["policy"]["pilot_cap"] = 99
    write_tables(plan, data)
    said = "Record policy/policy, field pilot_cap is 99, but replaying the history gives 12"
    verified, checked = run("verify", plan), run("check", plan)
    assert verified.code == 1 and said in verified.out
    assert checked.code == 1 and "history-chain" in checked.out and "policy/policy" in checked.out
    tally("tampering: cases")


def _cut_off(data: dict[str, Any]) -> None:
    """The newest entry removed and the record put back as it was before it: consistent alone."""
    del data["history"]["h-000004"]
    data["policy"]["policy"]["pilot_cap"] = 11
    data["plan"]["plan"]["updated"] = data["history"]["h-000003"]["at"]


def _rewritten(data: dict[str, Any]) -> None:
    """The newest entry's words changed and every hash from there recomputed: consistent alone."""
    entry = data["history"]["h-000004"]
    entry["summary"] = "Cap 12 (as the board asked)"
    entry["hash"] = entry_hash({**entry, "id": "h-000004"}, entry["prev_hash"])


@pytest.mark.parametrize("how", [_cut_off, _rewritten], ids=["newest entry cut off", "history rewritten"])
def test_what_only_an_earlier_copy_shows_verify_against_finds(
    tmp_path: Path, how: Callable[[dict[str, Any]], None]
) -> None:
    plan = make_plan(tmp_path / "plan.json", edits=3)
    earlier = tmp_path / "earlier.json"
    shutil.copyfile(plan, earlier)
    data = tables(plan)
    how(data)
    write_tables(plan, data)
    assert run("verify", plan).code == 0, "alone, the file is consistent"
    against = run("verify", plan, "--against", earlier)
    assert against.code == 1 and "history/h-000004" in against.out, against.out + against.err
    tally("tampering: cases")
