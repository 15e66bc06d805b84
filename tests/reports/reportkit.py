"""Helpers for report tests: plan files made through the store, exports run through the CLI."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from planbuild import add, days, example

from schemas.enums import MetricKind
from schemas.plan import Plan
from store import PlanStore
from tui.cli.main import main

SMALL = {"North": (58.5, 12), "South": (57.35, 14), "Depot": (88.775, 4)}
"""Three groups of one row: 30 people, mean 62; the depot's four are under k = 5."""
TOTAL = (62.0, 30)
GROUPED, TRENDED = "team_climate", "peer_feedback"
"""Two metrics of the test's own, so the example's observations never mix in."""
SMALL_TOTAL = (7.25, 3)
"""A whole-population value behind three people: suppressed, a gap in its trend."""


def plan_file(plan: Plan, folder: Path, name: str = "plan.json") -> Path:
    """``plan`` written as a plan file by the store, with its first history entry."""
    path = folder / name
    PlanStore.create(path, plan, summary="Created for a report test.").close()
    return path


def export(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """Run `coach-rollout export ARGS` in this process: its exit code and what it said."""
    capsys.readouterr()
    code = main(["export", *map(str, args)])
    return code, capsys.readouterr().err


def with_small_groups(plan: Plan | None = None) -> Plan:
    """The example plus a row where primary suppression alone would leave all groups but one shown,
    and a trend with one period behind three people."""
    rows = [(GROUPED, -2, group, value, n) for group, (value, n) in [("", TOTAL), *SMALL.items()]]
    rows += [
        (TRENDED, offset, "", value, n)
        for offset, (value, n) in zip(
            range(-9, -4), [(1.5, 30), (1.75, 30), SMALL_TOTAL, (2.5, 30), (2.25, 30)], strict=True
        )
    ]
    plan = plan or example()
    for key, name in ((GROUPED, "Team climate"), (TRENDED, "Peer feedback given")):
        plan = add(plan, "metrics", id=key, name=name, kind=MetricKind.OUTCOME, unit="%")
    for number, (metric, offset, group, value, n) in enumerate(rows, start=1):
        fields = {"metric": metric, "period": days(offset), "group": group, "value": value, "n": n}
        plan = add(plan, "observations", id=f"obs-r{number}", pilot="pilot-1", **fields)
    return plan


def read_csv(path: Path) -> list[dict[str, str]]:
    """A CSV report read as a spreadsheet import would: BOM first, then rows by header."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a report CSV starts with a UTF-8 byte-order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
