"""The store across processes: the import boundary, the editing lock, and crashes mid-save."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import BinaryIO

import pytest
from storekit import chain_break, disk_plan

from schemas.history import Set
from schemas.plan import Plan
from store import ChangeRefused, PlanStore

ROOT = Path(__file__).resolve().parents[2]


def test_schemas_and_store_never_load_textual() -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        "import schemas, store\n"
        "for package in (schemas, store):\n"
        "    for module in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "        importlib.import_module(module.name)\n"
        "print(len(sys.modules), sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'tui')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    count, loaded = done.stdout.split(" ", 1)
    assert int(count) > 100 and loaded.strip() == "[]"


HOLDER = (
    "import sys\n"
    "from store import PlanStore\n"
    "store = PlanStore.open(sys.argv[1])\n"
    "print('open', store.read_only, flush=True)\n"
    "sys.stdin.readline()\n"
    "store.close()\n"
)


@pytest.mark.parametrize("ending", ["closes", "is killed"])
def test_a_second_process_gets_read_only_until_the_first_lets_go(
    tmp_path: Path, fresh: Plan, ending: str
) -> None:
    path = tmp_path / "plan.json"
    PlanStore.create(path, fresh).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "open False\n"
        with PlanStore.open(path) as second:
            assert second.read_only
            assert second.warnings == [f"{path} is open in another Coach Rollout; opened read-only."]
            with pytest.raises(ChangeRefused, match="read-only"):
                second.apply("edit", [Set(table="policy", key="policy", field="pilot_cap", value=9)], "Cap")
    finally:
        if ending == "closes":
            holder.stdin.write("\n")
            holder.stdin.close()
        else:
            holder.send_signal(signal.SIGKILL)
        holder.wait()
    with PlanStore.open(path) as third:
        assert not third.read_only and third.warnings == []


KILLS = 200


def test_killed_at_any_moment_the_plan_is_the_one_before_or_after(tmp_path: Path, fresh: Plan) -> None:
    path = tmp_path / "plan.json"
    PlanStore.create(path, fresh).close()
    start = fresh.policy.pilot_cap
    chance = random.Random(20250303)
    torn_saves = 0
    for round_ in range(KILLS):
        before = disk_plan(path).policy.pilot_cap
        acknowledged, left_temp = _run_and_kill(path, chance)
        last = acknowledged[-1] if acknowledged else before
        assert acknowledged == list(range(before + 1, last + 1))
        plan = disk_plan(path)  # as the kill left it, before any cleanup
        value = plan.policy.pilot_cap
        assert value in (last, last + 1), f"round {round_}: saw {value}, last acknowledged {last}"
        # Each change adds one history entry after the first (the plan's creation): the whole
        # plan is the state before or after.
        assert len(plan.history) == value - start + 1
        torn_saves += left_temp
        with PlanStore.open(path) as reopened:
            assert reopened.plan == plan
            assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
            if round_ % 50 == 49 or round_ == KILLS - 1:
                assert chain_break(reopened) is None
    # The kills must have landed inside saves, or this test proves nothing.
    assert torn_saves > 0


def _run_and_kill(path: Path, chance: random.Random) -> tuple[list[int], bool]:
    """Fork a child that counts up in the plan; SIGKILL it at a random moment."""
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child never returns into pytest
        os.close(reading)
        _count_up(path, writing)
    os.close(writing)
    with os.fdopen(reading, "rb", buffering=0) as pipe:
        assert _line(pipe) == b"ready"
        seen = [_line(pipe) for _ in range(chance.randrange(4))]
        time.sleep(chance.random() * 0.004)  # the random moment of the kill, not a wait for a result
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        left_temp = any(".tmp-" in p.name for p in path.parent.iterdir())
        seen += pipe.read().split(b"\n")
    return [int(n) for n in seen if n], left_temp


def _count_up(path: Path, pipe: int) -> None:
    """In the child: set pilot_cap to n+1, n+2... acknowledging each saved change."""
    try:
        store = PlanStore.open(path)
        os.write(pipe, b"ready\n")
        value = store.plan.policy.pilot_cap
        while True:
            value += 1
            store.apply(
                "policy.edit", [Set(table="policy", key="policy", field="pilot_cap", value=value)], "Count"
            )
            assert store.save_error is None
            os.write(pipe, b"%d\n" % value)
    finally:
        os._exit(1)


def _line(pipe: BinaryIO) -> bytes:
    """One line from the child, unbuffered so that later lines stay in the pipe."""
    read = b""
    while not read.endswith(b"\n"):
        byte = pipe.read(1)
        assert byte, "the child stopped before the kill"
        read += byte
    return read[:-1]
