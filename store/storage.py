"""TinyDB storages: a durable file storage and the memory double for tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from store.files import atomic_write

Tables = dict[str, dict[str, Any]]
_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def encode(tables: Tables) -> bytes:
    """Deterministic bytes of a plan: sorted keys, two-space indent, final newline."""
    return orjson.dumps(tables, option=_OPTIONS)


class BatchStorage(Storage):
    """Holds the plan in memory; writes once per batch, never more often."""

    def __init__(self, data: Tables) -> None:
        self._data = data
        self._depth = 0
        self._pending = False

    def read(self) -> Tables:
        """The plan as held in memory (TinyDB edits it in place)."""
        return self._data

    def write(self, data: Tables) -> None:
        """Remember the new state; persist it now unless inside a batch."""
        self._data = data
        self._pending = True
        if self._depth == 0:
            self.flush()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several table operations into one write at the end."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        if self._depth == 0 and self._pending:
            self.flush()

    @property
    def pending(self) -> bool:
        """True while a change is held in memory but not yet persisted."""
        return self._pending

    def flush(self) -> None:
        """Persist the held state (in memory: nothing to do)."""
        self._pending = False


class MemoryStorage(BatchStorage):
    """The test double: same behaviour, no file."""


class DurableStorage(BatchStorage):
    """A JSON file replaced atomically and fsynced on every flush."""

    def __init__(self, data: Tables, path: Path) -> None:
        super().__init__(data)
        self.path = path

    def flush(self) -> None:
        """Write the whole plan durably; on failure the state stays pending."""
        atomic_write(self.path, encode(self._data))
        self._pending = False


class StrTable(Table):
    """A TinyDB table keyed by our stable string ids instead of integers."""

    document_id_class = str  # type: ignore[assignment]


class PlanDB(TinyDB):
    """TinyDB over a ``BatchStorage``, with string document ids."""

    table_class = StrTable

    @property
    def batch_storage(self) -> BatchStorage:
        """The storage, for batching and flushing."""
        storage = self.storage
        assert isinstance(storage, BatchStorage)
        return storage


def open_db(storage: BatchStorage) -> PlanDB:
    """A TinyDB instance over an already constructed storage."""
    return PlanDB(storage=lambda: storage)
