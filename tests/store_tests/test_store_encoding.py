"""The incremental encoder writes exactly the bytes a full encode would, whatever changed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from storekit import NOW
from tinydb.table import Document

from schemas.defaults import default_plan
from schemas.plan import plan_to_tables
from store import storage as store_storage
from store.storage import DurableStorage, encode, open_db


def test_every_save_equals_a_full_encode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "plan.json"
    saved: list[bytes] = []
    monkeypatch.setattr(store_storage, "atomic_write", lambda _path, data: saved.append(data))
    storage = DurableStorage(plan_to_tables(default_plan(NOW)), path)
    db = open_db(storage)
    chance = random.Random(7)
    tables = ["use_cases", "observations", "history", "raci_activities", "empty"]
    for step in range(400):
        name = chance.choice(tables)
        table = db.records(name)
        key = chance.choice([f"r-{chance.randrange(40)}", f"é-{step}", "a", "z-9"])
        doc = {"n": step, "text": f"line {step}\nnext", "nested": {"b": [1, {"c": step}], "a": None}}
        match chance.randrange(7):
            case 0 | 1:
                table.put(key, doc)
            case 2 if key in storage.read().get(name, {}):
                table.patch(key, {"n": -step, "extra": [step]})
            case 3:
                table.drop(key)
            case 4:  # TinyDB's own operations, which name no record
                table.upsert(Document(doc, doc_id=key))  # type: ignore[arg-type]
            case 5:
                table.update({"n": step})
            case _:
                with storage.batch():
                    table.put(key, doc)
                    db.records(chance.choice(tables)).drop(key)
        storage.flush()
        assert saved[-1] == encode(storage.read()), f"step {step}"
    assert len(saved) > 400
