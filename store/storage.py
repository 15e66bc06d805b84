"""TinyDB storages: a durable file storage and the memory double for tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from schemas.history import Edit
from store.encoding import Encoder, encode
from store.files import atomic_write

__all__ = [
    "BatchStorage",
    "DurableStorage",
    "MemoryStorage",
    "PlanDB",
    "StrTable",
    "encode",
    "open_db",
    "write_edits",
]

Tables = dict[str, dict[str, Any]]
Doc = dict[str, Any]


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

    def touched(self, table: str, key: str | None, *, present: bool = True) -> None:
        """Note that one record (or, with ``key`` None, a whole table) changed."""

    def flush(self) -> None:
        """Persist the held state (in memory: nothing to do)."""
        self._pending = False


class MemoryStorage(BatchStorage):
    """The test double: same behaviour, no file."""


Writer = Callable[[Tables, bytes], None]
"""Writes the encoded tables durably (``PlanFile.write``: a compare-and-swap save)."""


class DurableStorage(BatchStorage):
    """A JSON file replaced atomically and fsynced on every flush."""

    def __init__(self, data: Tables, path: Path, writer: Writer | None = None) -> None:
        super().__init__(data)
        self.path = path
        self._encoder = Encoder()
        self._writer = writer

    def write(self, data: Tables) -> None:
        """Remember the new state; persist it now unless inside a batch."""
        if data is not self._data:
            self._encoder.clear()
        super().write(data)

    def touched(self, table: str, key: str | None, *, present: bool = True) -> None:
        """Forget the kept bytes of what changed, so the next flush encodes it again."""
        self._encoder.forget(table, key, present=present)

    def flush(self) -> None:
        """Write the whole plan durably; on failure the state stays pending."""
        data = self._encoder.encode(self._data)
        if self._writer is None:
            atomic_write(self.path, data)
        else:
            self._writer(self._data, data)
        self._pending = False


class StrTable(Table):
    """A TinyDB table keyed by our stable string ids instead of integers."""

    document_id_class = str  # type: ignore[assignment]

    def put(self, key: str, doc: Doc) -> None:
        """Add the record ``key`` or replace it whole."""

        def updater(table: dict[Any, Mapping[str, Any]]) -> None:
            table[key] = dict(doc)

        self._update_table(updater, key)

    def patch(self, key: str, fields: Doc) -> None:
        """Change some fields of the existing record ``key``."""

        def updater(table: dict[Any, Mapping[str, Any]]) -> None:
            table[key] = {**table[key], **fields}

        self._update_table(updater, key)

    def put_many(self, docs: Mapping[str, Doc | None]) -> None:
        """Add, replace or (for None) remove many records in one table operation."""

        def updater(table: dict[Any, Mapping[str, Any]]) -> None:
            for key, doc in docs.items():
                if doc is None:
                    table.pop(key, None)
                else:
                    table[key] = dict(doc)

        self._update_table(updater)

    def drop(self, key: str) -> None:
        """Remove the record ``key`` if it is there."""

        def updater(table: dict[Any, Mapping[str, Any]]) -> None:
            table.pop(key, None)

        self._update_table(updater, key)

    def _update_table(
        self, updater: Callable[[dict[Any, Mapping[str, Any]]], None], key: str | None = None
    ) -> None:
        """Edit the stored table in place and tell the storage what changed.

        TinyDB's own version copies the whole table twice per operation to turn its
        integer ids into strings and back; ours are strings already, and on the large
        plan those copies cost more than the durable write itself. ``key`` names the one
        record changed; TinyDB's own operations pass none, so the whole table counts as changed.
        """
        storage = self._storage
        tables = storage.read()
        if tables is None:
            tables = {}
        table = tables.setdefault(self.name, {})
        updater(table)
        if isinstance(storage, BatchStorage):
            storage.touched(self.name, key, present=key in table)
        storage.write(tables)
        self.clear_cache()


class PlanDB(TinyDB):
    """TinyDB over a ``BatchStorage``, with string document ids."""

    table_class = StrTable

    @property
    def batch_storage(self) -> BatchStorage:
        """The storage, for batching and flushing."""
        storage = self.storage
        assert isinstance(storage, BatchStorage)
        return storage

    def records(self, name: str) -> StrTable:
        """The table ``name``, typed as ours."""
        table = self.table(name)
        assert isinstance(table, StrTable)
        return table


def open_db(storage: BatchStorage) -> PlanDB:
    """A TinyDB instance over an already constructed storage."""
    return PlanDB(storage=lambda: storage)


def write_edits(db: PlanDB, edits: list[Edit]) -> None:
    """Write the edits of one action to their tables (inside the caller's batch)."""
    first = edits[0].table if edits else ""
    if len(edits) > 1 and all(e.field is None and e.table == first for e in edits):
        # Thousands of records of one table (an import, or its undo) in one operation.
        db.records(first).put_many({e.key: e.after for e in edits})
        return
    for edit in edits:
        table = db.records(edit.table)
        if edit.field is not None:
            # A field set to None (e.g. an owner cleared) patches; only a record edit drops.
            table.patch(edit.key, {edit.field: edit.after})
        elif edit.after is None:
            table.drop(edit.key)
        else:
            assert isinstance(edit.after, dict)
            table.put(edit.key, edit.after)
