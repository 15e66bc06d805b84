"""Named changes on a memory store and on a real file: apply, refuse, undo, redo, reopen."""

from __future__ import annotations

import pytest
from storekit import Reopen, actions, chain_break, content, observation, on_disk

from schemas.history import Change, Delete, Put, Set
from schemas.plan import Plan
from store import ChangeRefused, PlanStore
from store.storage import encode

CONTROL = Set(table="use_cases", key="uc-1", field="control", value="Reviewed by a coach each week")
JURISDICTION = Put(table="jurisdictions", record={"id": "j-1", "name": "Germany"})
DROP_UC = Delete(table="use_cases", key="uc-8")


def test_set_changes_one_field_and_records_it(store: PlanStore, reopen: Reopen) -> None:
    entry = store.apply("use_case.edit", [CONTROL], "Changed the control of Meeting preparation")
    assert entry is not None and entry.seq == 2 and entry.action == "use_case.edit"
    assert [(e.table, e.key, e.field, e.after) for e in entry.edits] == [
        ("use_cases", "uc-1", "control", "Reviewed by a coach each week")
    ]
    assert store.plan.use_cases[0].control == "Reviewed by a coach each week"
    assert store.plan.plan.updated == entry.at
    assert reopen(store).plan == store.plan


def test_put_adds_then_replaces_a_record_whole(store: PlanStore, reopen: Reopen) -> None:
    store.apply("jurisdiction.add", [JURISDICTION], "Added Germany")
    replaced = Put(table="jurisdictions", record={"id": "j-1", "name": "France", "reviewed_by": "Counsel"})
    entry = store.apply("jurisdiction.edit", [replaced], "Germany became France")
    assert entry is not None and entry.edits[0].before == {
        "name": "Germany",
        "reviewed_by": "",
        "reviewed_at": None,
    }
    assert [(j.id, j.name, j.reviewed_by) for j in store.plan.jurisdictions] == [("j-1", "France", "Counsel")]
    assert reopen(store).plan == store.plan


def test_delete_removes_a_record(store: PlanStore, reopen: Reopen) -> None:
    entry = store.apply("use_case.remove", [DROP_UC], "Removed a use case")
    assert entry is not None and entry.edits[0].after is None and entry.edits[0].before is not None
    assert "uc-8" not in [u.id for u in store.plan.use_cases]
    assert len(store.plan.use_cases) == 7
    assert reopen(store).plan == store.plan


REFUSED: list[tuple[list[Change], str]] = [
    (
        [Set(table="policy", key="policy", field="min_group_size", value=2)],
        "record policy/policy, field min_group_size",
    ),
    (
        [Set(table="use_cases", key="uc-1", field="status", value="maybe")],
        "record use_cases/uc-1, field status",
    ),
    ([Set(table="use_cases", key="uc-99", field="name", value="x")], "use_cases/uc-99 no longer exists"),
    ([Set(table="use_cases", key="uc-1", field="colour", value="red")], "use_cases has no field 'colour'"),
    ([Put(table="jurisdictions", record={"id": "j-1"})], "record jurisdictions/j-1, field name"),
    (
        [Put(table="plan", record={"id": "plan-2", "created": "2025-01-01T00:00:00Z"})],
        "holds only the record 'plan'",
    ),
    ([Delete(table="policy", key="policy")], "the policy record cannot be removed"),
    ([Delete(table="history", key="h-000001")], "'history' is not an editable table"),
    ([Set(table="budgets", key="b-1", field="x", value=1)], "'budgets' is not an editable table"),
    ([Put(table="observations", record=observation("obs-1", value=float("nan")))], "field value"),
    ([Put(table="observations", record=observation("obs-1", n=2**70))], "field n: the number is too large"),
    # Rules across records: a file breaking them would not open again.
    ([Delete(table="stages", key="stage-3")], "a plan has exactly the eight stages"),
    ([Set(table="stages", key="stage-1", field="number", value=2)], "a plan has exactly the eight stages"),
    # All or nothing: the valid first change is not applied either.
    ([CONTROL, Set(table="policy", key="policy", field="pilot_cap", value=0)], "field pilot_cap"),
]


@pytest.mark.parametrize(("changes", "named"), REFUSED, ids=[named for _, named in REFUSED])
def test_invalid_change_is_refused_and_nothing_is_written(
    store: PlanStore, writes: list[str], changes: list[Change], named: str
) -> None:
    before, bytes_before = store.plan, on_disk(store)
    with pytest.raises(ChangeRefused) as refused:
        store.apply("edit", changes, "An edit")
    assert named in refused.value.message and refused.value.message.startswith("Not saved")
    assert store.plan is before and actions(store) == []
    assert writes == [] and on_disk(store) == bytes_before
    assert not store.can_undo


def test_a_reason_on_two_lines_is_refused(store: PlanStore, writes: list[str]) -> None:
    with pytest.raises(ChangeRefused, match="reason"):
        store.apply("edit", [CONTROL], "An edit", reason="first line\nsecond line")
    assert store.plan.use_cases[0].control != CONTROL.value and writes == []


NO_OPS: list[Change] = [
    Set(table="use_cases", key="uc-1", field="name", value="Meeting preparation"),
    Set(table="policy", key="policy", field="min_group_size", value="5"),  # the same number once validated
    Delete(table="jurisdictions", key="j-404"),
]


@pytest.mark.parametrize("change", NO_OPS, ids=["same-text", "same-number", "absent-record"])
def test_a_change_that_changes_nothing_writes_nothing(
    store: PlanStore, writes: list[str], change: Change
) -> None:
    bytes_before = on_disk(store)
    assert store.apply("edit", [change], "Nothing really") is None
    assert writes == [] and actions(store) == [] and on_disk(store) == bytes_before


def test_putting_a_record_back_as_it_is_writes_nothing(store: PlanStore, writes: list[str]) -> None:
    record = store.plan.use_cases[2].model_dump(mode="json")
    assert store.apply("edit", [Put(table="use_cases", record=record)], "Same") is None
    assert writes == []


def test_one_action_is_one_write_holding_every_change_and_its_entry(
    store: PlanStore, writes: list[str]
) -> None:
    entry = store.apply("mixed", [CONTROL, JURISDICTION, DROP_UC], "Three changes at once")
    assert len(writes) == 1
    assert entry is not None and [e.table for e in entry.edits] == ["use_cases", "jurisdictions", "use_cases"]
    assert len(actions(store)) == 1
    if store.path is not None:
        assert on_disk(store) == encode(store.tables())


def test_later_changes_in_one_action_see_the_earlier_ones(store: PlanStore) -> None:
    rename = Set(table="jurisdictions", key="j-1", field="name", value="Austria")
    entry = store.apply("add", [JURISDICTION, rename], "Added Austria")
    assert entry is not None and len(entry.edits) == 2
    assert [j.name for j in store.plan.jurisdictions] == ["Austria"]


def test_undo_and_redo_across_kinds_of_change(store: PlanStore, fresh: Plan, reopen: Reopen) -> None:
    store.apply("use_case.edit", [CONTROL], "Control")
    store.apply("jurisdiction.add", [JURISDICTION], "Germany")
    after_two = content(store.plan)
    store.apply("use_case.remove", [DROP_UC], "Removed uc-8")
    undone = [store.undo(), store.undo(), store.undo()]
    assert content(store.plan) == content(fresh)
    assert [(e.action, e.undoes) for e in undone if e] == [("undo", 4), ("undo", 3), ("undo", 2)]
    assert not store.can_undo and store.undo() is None
    store.redo()
    store.redo()
    assert content(store.plan) == after_two and store.can_redo
    assert [e.action for e in actions(store)] == ["use_case.edit", "jurisdiction.add", "use_case.remove"] + [
        "undo"
    ] * 3 + ["redo"] * 2
    assert chain_break(store) is None
    assert reopen(store).plan == store.plan


def test_undo_of_a_redo_and_of_a_multi_change_action(store: PlanStore, fresh: Plan) -> None:
    store.apply("mixed", [CONTROL, JURISDICTION, DROP_UC], "Three at once")
    store.undo()
    store.redo()
    store.undo()
    assert content(store.plan) == content(fresh)
    assert chain_break(store) is None


def test_a_new_action_clears_redo(store: PlanStore) -> None:
    store.apply("use_case.edit", [CONTROL], "Control")
    store.undo()
    assert store.can_redo
    store.apply("jurisdiction.add", [JURISDICTION], "Germany")
    assert not store.can_redo and store.redo() is None
    assert store.plan.use_cases[0].control != CONTROL.value


def test_history_entries_are_chained(store: PlanStore) -> None:
    for n in range(5):
        store.apply(
            "policy.edit", [Set(table="policy", key="policy", field="pilot_cap", value=10 + n)], f"Cap {n}"
        )
    entries = store.history()
    assert [e.seq for e in entries] == [1, 2, 3, 4, 5, 6] and entries[0].action == "plan.create"
    assert all(later.prev_hash == earlier.hash for earlier, later in zip(entries, entries[1:], strict=False))
    assert chain_break(store) is None


def test_the_actor_is_the_display_name_once_set(store: PlanStore) -> None:
    store.apply("plan.edit", [Set(table="plan", key="plan", field="display_name", value="Dana")], "Name")
    entry = store.apply("use_case.edit", [CONTROL], "Control")
    assert entry is not None and entry.actor == "Dana"


def test_a_field_set_to_none_keeps_its_record(store: PlanStore, reopen: Reopen) -> None:
    clear = Set(table="governance", key="gov-1", field="owner_role", value=None)
    entry = store.apply("governance.edit", [clear], "Cleared the owner")
    assert entry is not None and entry.edits[0].after is None
    assert store.plan.governance[0].id == "gov-1" and store.plan.governance[0].owner_role is None
    store.undo()
    assert store.plan.governance[0].owner_role == "role-2"
    again = reopen(store)
    assert again.plan == store.plan and len(again.plan.governance) == 9
