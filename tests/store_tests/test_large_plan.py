"""The benchmarks' large plan is a valid plan of the size DESIGN section 8 names."""

from __future__ import annotations

import sys
from pathlib import Path

from storekit import chain_break

from store import PlanStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from common import make_large_plan  # type: ignore[import-not-found]  # noqa: E402


def test_the_large_plan_opens_and_its_history_verifies(tmp_path: Path) -> None:
    path = make_large_plan(tmp_path / "large.json")
    with PlanStore.open(path, read_only=True) as store:
        plan = store.plan
        assert (len(plan.observations), len(plan.use_cases), len(plan.history)) == (20_000, 500, 5_000)
        assert (len(plan.raci_roles), len(plan.raci_activities)) == (50, 200)
        assert chain_break(store) is None
    assert make_large_plan(tmp_path / "again.json").read_bytes() == path.read_bytes()
