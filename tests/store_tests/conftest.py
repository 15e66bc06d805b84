"""Store fixtures: every store test runs on a memory store and on a real file (as TinyDB's own tests do)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
from storekit import NOW, Reopen

from schemas.defaults import default_plan
from schemas.plan import Plan, plan_from_tables
from store import PlanStore
from store.storage import DurableStorage, MemoryStorage, encode


@pytest.fixture
def fresh() -> Plan:
    """A new plan with the framework's defaults."""
    return default_plan(NOW, organization="Example Org")


@pytest.fixture(params=["memory", "file"])
def kind(request: pytest.FixtureRequest) -> str:
    """Which storage a store test runs on."""
    return str(request.param)


@pytest.fixture
def store(kind: str, fresh: Plan, tmp_path: Path) -> Iterator[PlanStore]:
    """An open store over the default plan, in memory or in ``tmp_path/plan.json``.

    Both start as a new plan does: entry 1 holds the whole plan (``plan.create``).
    """
    if kind == "memory":
        opened = PlanStore.memory(fresh, created=True)
    else:
        opened = PlanStore.create(tmp_path / "plan.json", fresh)
    yield opened
    opened.close()


@pytest.fixture
def reopen(kind: str) -> Reopen:
    """Close a store and open what it saved again (for memory: its tables through the file format)."""

    def again(old: PlanStore) -> PlanStore:
        old.close()
        if old.path is not None:
            return PlanStore.open(old.path)
        return PlanStore.memory(plan_from_tables(_roundtrip(old)))

    return again


def _roundtrip(old: PlanStore) -> dict[str, dict[str, dict[str, object]]]:
    loaded: dict[str, dict[str, dict[str, object]]] = orjson.loads(encode(old.tables()))
    return loaded


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records one item per save any store makes (memory or file)."""
    saved: list[str] = []
    for storage in (MemoryStorage, DurableStorage):
        original = storage.flush

        def counting(self: MemoryStorage | DurableStorage, _original: Callable[..., None] = original) -> None:
            _original(self)
            saved.append(type(self).__name__)

        monkeypatch.setattr(storage, "flush", counting)
    return saved
