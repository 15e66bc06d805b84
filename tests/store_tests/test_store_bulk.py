"""Many records added as one action (an import): one write, one history entry, one undo."""

from __future__ import annotations

from datetime import date

import pytest
from storekit import Reopen, chain_break, content, on_disk

from schemas.history import Put
from schemas.plan import Plan
from schemas.records import Observation, Pilot
from store import ChangeRefused, PlanStore
from store.observations import parse_observations

ROWS = 40
"""Past the point where a table is rebuilt once instead of record by record."""


def _pilot() -> Put:
    pilot = Pilot(id="pilot-1", name="Pilot", population_size=40, status="running")
    return Put(table="pilots", record=pilot.model_dump(mode="json"))


def _observations(first: int = 1, count: int = ROWS) -> list[Observation]:
    return [
        Observation(
            id=f"obs-{n}",
            pilot="pilot-1",
            metric="completion",
            period=date(2025, 3, 1 + n % 28),
            value=n / 2,
            group=f"Team {n}",
            n=5 + n,
        )
        for n in range(first, first + count)
    ]


def test_records_are_added_in_one_write_with_one_entry(
    store: PlanStore, writes: list[str], reopen: Reopen
) -> None:
    store.apply("pilot.add", [_pilot()], "Pilot")
    writes.clear()
    entry = store.add_records("observations.import", "observations", _observations(), "Imported 40")
    assert len(writes) == 1
    assert entry.summary == "Imported 40" and len(entry.edits) == ROWS
    assert [o.id for o in store.plan.observations] == [f"obs-{n}" for n in range(1, ROWS + 1)]
    assert chain_break(store) is None
    again = reopen(store)
    assert again.plan.observations == store.plan.observations
    assert again.history()[-1] == entry


def test_the_records_keep_id_order_among_those_already_there(store: PlanStore) -> None:
    store.apply("pilot.add", [_pilot()], "Pilot")
    store.add_records("observations.import", "observations", _observations(1, 20), "First")
    store.add_records("observations.import", "observations", _observations(21, 20), "Second")
    assert [o.id for o in store.plan.observations] == [f"obs-{n}" for n in range(1, 41)]


def test_one_undo_removes_them_all_and_redo_brings_them_back(store: PlanStore, fresh: Plan) -> None:
    store.apply("pilot.add", [_pilot()], "Pilot")
    before = content(store.plan)
    store.add_records("observations.import", "observations", _observations(), "Imported 40")
    added = content(store.plan)
    undone = store.undo()
    assert undone is not None and undone.summary == "Undid: Imported 40"
    assert content(store.plan) == before
    store.redo()
    assert content(store.plan) == added
    assert chain_break(store) is None


def test_a_taken_id_refuses_everything(store: PlanStore, writes: list[str]) -> None:
    store.apply("pilot.add", [_pilot()], "Pilot")
    store.add_records("observations.import", "observations", _observations(1, 5), "Five")
    before, bytes_before, writes_before = store.plan, on_disk(store), len(writes)
    with pytest.raises(ChangeRefused) as refused:
        store.add_records("observations.import", "observations", _observations(3, 10), "Ten")
    assert refused.value.message == "Not saved: observations/obs-3 is there already"
    assert store.plan == before and on_disk(store) == bytes_before and len(writes) == writes_before


def test_a_read_only_store_adds_nothing(store: PlanStore) -> None:
    store.read_only = True
    with pytest.raises(ChangeRefused):
        store.add_records("observations.import", "observations", _observations(), "Imported")


def test_parsed_rows_are_the_records_the_model_gives(store: PlanStore) -> None:
    store.apply("pilot.add", [_pilot()], "Pilot")
    data = b"metric,period,value,group,n\ncompletion,2025-03-01,81.25,  Rotterdam hub ,21\n"
    data += b"opt_outs,2025-03-01,2,,40\n"
    records = parse_observations(data, store.plan, "pilot-1", "obs.csv")
    assert records == [
        Observation(
            id="obs-1",
            pilot="pilot-1",
            metric="completion",
            period=date(2025, 3, 1),
            value=81.25,
            group="Rotterdam hub",
            n=21,
        ),
        Observation(id="obs-2", pilot="pilot-1", metric="opt_outs", period=date(2025, 3, 1), value=2, n=40),
    ]
