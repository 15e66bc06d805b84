"""Tampering: a hand edit of the history is found by ``verify`` and ``check``, and named.

What today's hash chain catches. A hand edit of a record outside the history, and cutting
off or consistently rewriting the newest entries, need the ledger's replay and
``verify --against`` (issue 16); their cases join this module when that lands.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from relkit import make_plan, run, tables, tally, write_tables

Tamper = Callable[[dict[str, Any]], int]
"""Change a plan's raw tables; return the seq of the first entry that no longer verifies."""


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
    return 2


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
    verified = run("verify", plan)
    assert verified.code == 1 and f"history entry #{broken} " in verified.out, verified.out + verified.err
    checked = run("check", plan)
    assert checked.code == 1 and "history-chain" in checked.out
    assert f"does not verify from entry {broken}" in checked.out
    tally("tampering: cases")
