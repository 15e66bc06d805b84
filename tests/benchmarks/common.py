"""Shared benchmark helpers: the figure line every benchmark prints, and the large plan."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from schemas.defaults import default_plan
from schemas.history import CHAIN, GENESIS, entry_hash, entry_id
from schemas.ledger import whole_plan
from schemas.plan import plan_to_tables
from store.files import atomic_write
from store.storage import encode

Tables = dict[str, dict[str, dict[str, Any]]]

OBSERVATIONS = 20_000
USE_CASES = 500
RACI_ROLES = 50
RACI_ACTIVITIES = 200
HISTORY = 5_000
"""The large plan of DESIGN section 8."""

TARGETS = {
    "frame-large": 2.0,
    "frame-ordinary": 1.5,
    "cursor": 1.5,
    "edit-by-key": 4.0,
    "save": 2.0,
    "check": 1.2,
    "import": 3.0,
    "memory": 150.0,
}
"""DESIGN section 8's targets: a ratio to the figure's baseline (memory: MB above it)."""

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
"""A fixed clock, so the large plan is the same bytes on every run."""


@dataclass
class Figure:
    """One measured figure against its baseline from the same run."""

    name: str
    """What was measured."""
    samples: list[float]
    """The measured values (seconds, or bytes for memory figures)."""
    baseline: list[float]
    """The baseline's values, measured in the same run."""
    target: float | None
    """The largest allowed ratio (or difference); None for a reference figure."""
    baseline_name: str = "baseline"
    """What the baseline is."""
    difference: bool = False
    """Compare by difference (memory) instead of by ratio."""
    unit: str = "ms"
    """``ms`` for times in seconds, ``MB`` for sizes in bytes."""
    floor: list[float] | None = None
    """The floor's values where the figure has one: a minimal program paying only the
    unavoidable (importing the schemas, loading the same plan), measured in the same run."""

    @property
    def value(self) -> float:
        """The ratio of medians, or their difference in ``unit``."""
        mine, base = statistics.median(self.samples), statistics.median(self.baseline)
        if self.difference:
            return _scaled(mine - base, self.unit)
        return mine / base if base else float("inf")

    @property
    def ok(self) -> bool:
        """True if the figure meets its target (a reference figure always does)."""
        return self.target is None or self.value <= self.target

    def line(self) -> str:
        """One line: name, median, min and max, the baseline, the ratio and its verdict."""
        mine = f"median {self._fmt(statistics.median(self.samples))} {self.unit}"
        spread = f"(min {self._fmt(min(self.samples))}, max {self._fmt(max(self.samples))})"
        base = f"{self.baseline_name} {self._fmt(statistics.median(self.baseline))} {self.unit}"
        sign = "+" if self.difference else ""
        what = "difference" if self.difference else "ratio"
        unit = f" {self.unit}" if self.difference else ""
        value = f"{self.value:+.1f}" if self.difference else f"{self.value:.2f}"
        if self.target is None:
            verdict = f"{what} {value}{unit} (reference, no target)"
        else:
            verdict = f"{what} {value}{unit} (target <= {sign}{self.target:g}{unit}) "
            verdict += "ok" if self.ok else "MISS"
        return f"{self.name}: {mine} {spread}; {base}; {verdict}{self._floor()}"

    @property
    def floor_value(self) -> float:
        """The floor's ratio to the baseline (or its difference in ``unit``)."""
        assert self.floor
        floor, base = statistics.median(self.floor), statistics.median(self.baseline)
        if self.difference:
            return _scaled(floor - base, self.unit)
        return floor / base if base else float("inf")

    def _floor(self) -> str:
        """``; floor ...``: the floor's median and its own ratio (or difference) to the baseline."""
        if not self.floor:
            return ""
        floor = self._fmt(statistics.median(self.floor))
        if self.difference:
            return f"; floor {floor} {self.unit} ({self.floor_value:+.1f} {self.unit})"
        return f"; floor {floor} {self.unit} (ratio {self.floor_value:.2f})"

    def _fmt(self, raw: float) -> str:
        return f"{_scaled(raw, self.unit):.1f}"


def _scaled(raw: float, unit: str) -> float:
    return raw / 2**20 if unit == "MB" else raw * 1000


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``action``."""
    samples = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        samples.append(time.perf_counter() - began)
    return samples


def make_large_plan(path: Path) -> Path:
    """Write DESIGN section 8's large plan to ``path`` with the store's encoder."""
    atomic_write(path, encode(large_tables()))
    return path


def large_tables() -> Tables:
    """The large plan's tables, built directly (validating 30,000 models one by one is slow)."""
    tables = plan_to_tables(default_plan(START, organization="Large Example Corp"))
    tables["pilots"] = {"pilot-1": _pilot()}
    tables["use_cases"].update(_use_cases(len(tables["use_cases"])))
    tables["raci_roles"] = {f"role-{n}": {"name": f"Role {n}", "sponsor": n == 6} for n in range(1, 51)}
    tables["raci_activities"] = _raci_activities()
    tables["observations"] = _observations(sorted(tables["metrics"]))
    tables["history"] = _history(tables)
    tables["plan"]["plan"]["updated"] = _at(HISTORY)
    return tables


def _pilot() -> dict[str, Any]:
    return {
        "name": "Pilot of the career conversations workflow",
        "use_case": "uc-1",
        "population_size": 50,
        "population": "Volunteers from two departments",
        "organization_size": 4000,
        "voluntary": True,
        "notice_text": "",
        "notice_date": None,
        "opt_out": "",
        "support_contact": "",
        "start": "2025-02-03",
        "end": "2025-06-27",
        "status": "running",
        "extends": None,
    }


def _use_cases(existing: int) -> dict[str, dict[str, Any]]:
    levels = ("low", "medium", "high")
    rows = {}
    for n in range(existing + 1, USE_CASES + 1):
        rows[f"uc-{n}"] = {
            "name": f"Coaching task {n}",
            "status": "permitted_with_controls",
            "control": "A human coach reviews the plan",
            "route_to": "",
            "consequence": levels[n % 3],
            "complexity": levels[(n // 3) % 3],
            "escalation": "low",
            "delivery": "hybrid",
            "delivery_rationale": "",
            "guardrail": False,
        }
    return rows


def _raci_activities() -> dict[str, dict[str, Any]]:
    letters = ("R", "A", "C", "I")
    rows = {}
    for n in range(1, RACI_ACTIVITIES + 1):
        cells = {f"role-{r}": letters[(n + r) % 4] for r in range(1, RACI_ROLES + 1) if (n * r) % 3}
        rows[f"act-{n}"] = {"name": f"Activity {n}", "cells": cells, "expand_decision": n == 1}
    return rows


def _observations(metrics: list[str]) -> dict[str, dict[str, Any]]:
    groups = ("", "Sales", "Engineering", "Operations", "Finance")
    first = date(2025, 2, 3)
    rows = {}
    for n in range(1, OBSERVATIONS + 1):
        rows[f"obs-{n}"] = {
            "pilot": "pilot-1",
            "metric": metrics[n % len(metrics)],
            "period": (first + timedelta(days=n // 100)).isoformat(),
            "value": round((n * 37 % 1000) / 10, 1),
            "group": groups[n % len(groups)],
            "n": 5 + n % 40,
        }
    return rows


def _history(tables: Tables) -> dict[str, dict[str, Any]]:
    """A history that replays: entry 1 holds the whole plan, each later one corrects an observation.

    ``tables`` are changed as the entries say, so the records are what replaying gives.
    """
    edits = [e.model_dump(mode="json") for e in whole_plan(tables)]
    entries: dict[str, dict[str, Any]] = {}
    prev = GENESIS
    for seq in range(1, HISTORY + 1):
        if seq > 1:
            key = f"obs-{seq}"
            doc = tables["observations"][key]
            after = 5 + (doc["n"] + seq) % 40
            edits = [{"table": "observations", "key": key, "field": "n", "before": doc["n"], "after": after}]
            tables["observations"][key] = {**doc, "n": after}
        body = {
            "id": entry_id(seq),
            "seq": seq,
            "at": _at(seq),
            "actor": "planner",
            "action": "plan.create" if seq == 1 else "observation.edit",
            "summary": "Created the plan." if seq == 1 else f"Corrected observation {key}",
            "reason": "",
            "edits": edits,
            "undoes": None,
            "prev_hash": prev,
            "chain": CHAIN,
        }
        body["hash"] = prev = entry_hash(body, prev)
        entries[body.pop("id")] = body
    return entries


def _at(seq: int) -> str:
    return (START + timedelta(minutes=seq)).isoformat().replace("+00:00", "Z")


def private_copy(large: Path, folder: Path) -> Path:
    """A copy of the large plan that a figure may change (``large`` is shared by all)."""
    target = folder / large.name
    atomic_write(target, large.read_bytes())
    return target


def raw_durable_writes(plan: Path, count: int) -> list[float]:
    """Seconds of ``count`` raw durable writes of ``plan``'s bytes (temp file, fsync, rename).

    The baseline of an edit saved by the app: what writing the same bytes safely costs alone.
    """
    data = plan.read_bytes()
    target = plan.with_name("raw-write.json")
    try:
        return timed(lambda: atomic_write(target, data), count)
    finally:
        target.unlink(missing_ok=True)
