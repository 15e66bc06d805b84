"""Figure: importing 20,000 observation rows, against reading the CSV and one raw durable write."""

from __future__ import annotations

import contextlib
import csv
import io
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

from common import OBSERVATIONS, TARGETS, Figure, private_copy, timed

from schemas.example import example_plan
from schemas.framework import METRICS
from store import PlanStore
from store.files import atomic_write
from store.observations import parse_observations, read_observations
from tui.cli.main import main

ROUNDS = 7
GROUPS = ("", "Sales", "Engineering", "Operations", "Finance")


def figures(large: Path) -> list[Figure]:
    """The import command into the worked example and into the large plan, each against its baseline."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        rows = folder / "rows.csv"
        rows.write_text(observations_csv(OBSERVATIONS), encoding="utf-8")
        example = folder / "example.json"
        PlanStore.create(example, example_plan(datetime.now(UTC)), summary="Benchmark").close()
        return [
            _figure("import 20,000 rows, worked example", example, rows, folder, TARGETS["import"]),
            _parse_only(example, rows),
            _breakdown(example, rows, folder),
            _figure("import 20,000 rows, large plan (20,000 already there)", large, rows, folder, None),
        ]


def observations_csv(count: int) -> str:
    """``count`` rows over the eleven metrics, five groups and one period a day, no two alike."""
    lines = ["metric,period,value,group,n"]
    first = date(2030, 1, 7)  # after every observation of the example and the large plan
    for n in range(count):
        metric = METRICS[n % len(METRICS)][0]
        period = first + timedelta(days=n // (len(METRICS) * len(GROUPS)))
        group = GROUPS[(n // len(METRICS)) % len(GROUPS)]
        lines.append(f"{metric},{period.isoformat()},{(n * 37 % 1000) / 10},{group},{5 + n % 40}")
    return "\n".join(lines) + "\n"


def _figure(name: str, source: Path, rows: Path, folder: Path, target: float | None) -> Figure:
    """Interleaved rounds: the command on a fresh copy of ``source``, then the baseline."""
    mine: list[float] = []
    raw: list[float] = []
    (folder / "rounds").mkdir(exist_ok=True)
    for _ in range(ROUNDS):
        plan = private_copy(source, folder / "rounds")
        with contextlib.redirect_stdout(io.StringIO()):
            mine += timed(partial(_command, plan, rows), 1)
        imported = plan.read_bytes()  # the bytes the import wrote
        raw += timed(partial(_baseline, rows, folder / "raw.json", imported), 1)
    baseline = "csv module read + raw durable write of the plan"
    return Figure(name, mine, raw, target, baseline)


def _command(plan: Path, rows: Path) -> None:
    code = main(["import-observations", str(plan), str(rows)])
    assert code == 0, code


def _baseline(rows: Path, target: Path, data: bytes) -> None:
    with rows.open(newline="", encoding="utf-8") as handle:
        list(csv.reader(handle))
    atomic_write(target, data)


def _parse_only(example: Path, rows: Path) -> Figure:
    """Reference: reading and checking the rows alone (no plan written), against the csv module."""
    store = PlanStore.open(example, read_only=True)
    plan = store.plan
    data = rows.read_bytes()
    mine: list[float] = []
    raw: list[float] = []
    for _ in range(ROUNDS):
        mine += timed(partial(parse_observations, data, plan, "pilot-1", rows.name), 1)
        raw += timed(partial(lambda: list(csv.reader(io.StringIO(data.decode())))), 1)
    return Figure("  of which reading and checking the rows", mine, raw, None, "csv module alone")


def _breakdown(example: Path, rows: Path, folder: Path) -> str:
    """Where one import's time goes (medians over the rounds), as the command runs its steps."""
    spans: dict[str, list[float]] = {"open": [], "read and check": [], "save": [], "close": []}
    for _ in range(ROUNDS):
        plan = private_copy(example, folder / "rounds")
        began = time.perf_counter()
        store = PlanStore.open(plan)
        opened = time.perf_counter()
        records = parse_observations(read_observations(rows), store.plan, "pilot-1", rows.name)
        parsed = time.perf_counter()
        store.add_records("observations.import", "observations", records, "Benchmark import")
        saved = time.perf_counter()
        store.close()
        closed = time.perf_counter()
        for name, span in zip(
            spans, (opened - began, parsed - opened, saved - parsed, closed - saved), strict=True
        ):
            spans[name].append(span)
    parts = ", ".join(f"{name} {statistics.median(values) * 1000:.0f} ms" for name, values in spans.items())
    return f"  where the time goes (worked example): {parts}"
