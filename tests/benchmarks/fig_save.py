"""Figure: one edit saved durably on the large plan, against the raw durable write."""

from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path
from typing import Any

import orjson
from common import TARGETS, Figure, private_copy, timed
from tinydb import TinyDB
from tinydb.storages import JSONStorage

from schemas.history import Set
from store import PlanStore
from store.files import atomic_write

ROUNDS = 15
KEY = "obs-7777"
"""The observation every round edits (any record would do)."""


def figures(large: Path) -> list[Figure]:
    """The store's save against the raw write, and TinyDB's stock storage for reference."""
    with tempfile.TemporaryDirectory() as folder:
        return _measure(private_copy(large, Path(folder)), Path(folder))


def _measure(path: Path, folder: Path) -> list[Figure]:
    store = PlanStore.open(path)
    stock, stock_id = _stock_db(store.tables(), folder / "stock.json")
    observations = stock.table("observations")
    mine: list[float] = []
    raw: list[float] = []
    tiny: list[float] = []
    try:
        # Interleaved, so a slow moment of the machine hits all three alike.
        for n in range(ROUNDS):
            change = Set(table="observations", key=KEY, field="value", value=float(n))
            mine += timed(partial(store.apply, "observation.edit", [change], "Benchmark edit"), 1)
            assert store.save_error is None, store.save_error
            raw += timed(partial(atomic_write, folder / "raw.json", path.read_bytes()), 1)
            tiny += timed(partial(observations.update, {"value": float(n)}, doc_ids=[stock_id]), 1)
    finally:
        store.close()
        stock.close()
    baseline = "raw durable write of the same bytes"
    return [
        Figure("one edit saved durably, large plan (the store alone)", mine, raw, TARGETS["save"], baseline),
        Figure("TinyDB stock JSONStorage, one update, large plan", tiny, raw, None, baseline),
    ]


def _stock_db(tables: dict[str, dict[str, Any]], path: Path) -> tuple[TinyDB, int]:
    """The same records in TinyDB's own format (integer ids), and the id of ``KEY`` there."""
    numbered = {
        name: {str(n): {"key": key, **doc} for n, (key, doc) in enumerate(sorted(docs.items()), start=1)}
        for name, docs in tables.items()
    }
    path.write_bytes(orjson.dumps(numbered))
    stock_id = sorted(tables["observations"]).index(KEY) + 1
    return TinyDB(path, storage=JSONStorage), stock_id
