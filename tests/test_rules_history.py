"""history-chain: a history edited outside the app is blocking and names the first bad entry."""

from __future__ import annotations

from planbuild import TODAY, example, found, fresh, one

from schemas.enums import Severity
from schemas.findings import evaluate
from schemas.history import Set
from schemas.plan import Plan
from store import PlanStore


def _recorded() -> PlanStore:
    store = PlanStore.memory(example(), created=True)
    for n, title in enumerate(("First title", "Second title", "Third title"), start=1):
        store.apply("plan.edit", [Set(table="plan", key="plan", field="title", value=title)], f"Renamed {n}.")
    # A float that JSON writers disagree on (1e-05 or 1e-5): the chain must still verify.
    store.apply(
        "observation.edit",
        [Set(table="observations", key="obs-1", field="value", value=1e-05)],
        "Tiny value.",
    )
    return store


def _tampered(plan: Plan, seq: int) -> Plan:
    history = list(plan.history)
    history[seq - 1] = history[seq - 1].model_copy(update={"summary": "Nothing happened here."})
    return plan.model_copy(update={"history": history})


def test_intact_history_passes() -> None:
    assert found(_recorded().plan, "history-chain") == []
    assert found(fresh(), "history-chain") == []


def test_edited_entry_is_blocking_and_named() -> None:
    finding = one(_tampered(_recorded().plan, 3), "history-chain", Severity.BLOCKING, "history/h-000003")
    assert finding.stage == 0 and "does not verify from entry 3" in finding.message
    assert '"Nothing happened here."' in finding.message


def test_stored_documents_give_the_same_verdict() -> None:
    store = _recorded()
    stored = store.tables()["history"]
    assert [f for f in evaluate(store.plan, TODAY, stored_history=stored) if f.rule == "history-chain"] == []
    bad = {key: dict(doc) for key, doc in stored.items()}
    bad["h-000004"]["actor"] = "someone else"
    hits = [f for f in evaluate(store.plan, TODAY, stored_history=bad) if f.rule == "history-chain"]
    assert [f.entity for f in hits] == ["history/h-000004"]
    assert stored["h-000004"]["actor"] != "someone else"  # the store's own documents are untouched
