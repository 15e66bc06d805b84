"""Crash: real writers killed with SIGKILL at random moments leave the plan before or after.

After each kill the plan loads, ``verify`` passes, it equals the state before or after the
interrupted write, and once reopened no temp file is left. Most kills are of headless
writers forked by ``forkserver.py`` (the real command line, without paying Python's start-up
each time); a sample is of fresh ``coach-rollout`` processes and of the app in a pty.
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from relkit import ROOT, figure, make_plan, run, tally, temps

from schemas.plan import Plan
from store import PlanStore
from store.exchange import read_export

SEED = 20250303
INIT_FROM_KILLS, INIT_KILLS, IMPORT_KILLS, EDIT_KILLS, PROCESS_KILLS, PTY_KILLS = 120, 60, 40, 100, 12, 6
"""How many writers each test kills (330 or more in all; a fresh process may finish first)."""


class Server:
    """The fork server: one request, one forked writer, one answer."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("forkserver.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def run(self, **request: Any) -> dict[str, Any]:
        """Fork a writer as ``request`` says; how it ended."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request, default=str) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        if answer["killed"]:
            tally("crash: kills (SIGKILL landed)")
        return answer

    def close(self) -> None:
        """Stop the server."""
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    """A fork server for this module's tests."""
    serving = Server()
    yield serving
    serving.close()


@pytest.fixture
def export(tmp_path: Path) -> tuple[Path, Plan]:
    """An export of a plan with some history, and the plan it holds."""
    plan = make_plan(tmp_path / "source.json", edits=20)
    path = tmp_path / "export.json"
    assert run("export", plan, "--format", "json", "--out", path).code == 0
    return path, read_export(path)


def test_init_from_killed_at_random_creates_the_whole_plan_or_none(
    server: Server, export: tuple[Path, Plan], tmp_path: Path
) -> None:
    source, expected = export
    target = tmp_path / "out" / "plan.json"
    argv = ["init", target, "--from", source]
    span = _calibrated(server, argv, target)
    chance = random.Random(SEED)
    created = landed = kills = round_ = 0
    while kills < INIT_FROM_KILLS:
        round_ += 1
        ended = server.run(mode="cli", argv=argv, delay=chance.uniform(0, span))
        assert ended["killed"] or ended["code"] == 0, ended
        kills += ended["killed"]
        landed += bool(temps(target.parent)) if target.parent.exists() else 0
        if target.exists():
            created += 1
            assert run("verify", target).code == 0
            with PlanStore.open(target) as reopened:
                assert reopened.plan == expected, f"round {round_}"
                assert temps(target.parent) == []
            _remove(target)
        if round_ % 10 == 9:  # the next successful init into the same path cleans up too
            _clean_init(argv, target)
    figure("crash: init --from runs / left the plan / left a temp file", f"{round_} / {created} / {landed}")
    assert created and landed and created < round_, "the kills must land before, during and after"


def test_init_killed_at_random_creates_the_whole_plan_or_none(server: Server, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    argv = ["init", target, "--example"]
    span = _calibrated(server, argv, target)
    chance = random.Random(SEED + 1)
    created = kills = rounds = 0
    while kills < INIT_KILLS:
        rounds += 1
        ended = server.run(mode="cli", argv=argv, delay=chance.uniform(0, span))
        assert ended["killed"] or ended["code"] == 0, ended
        kills += ended["killed"]
        if target.exists():
            created += 1
            assert run("verify", target).code == 0
            with PlanStore.open(target) as reopened:
                assert [entry.action for entry in reopened.history()] == ["plan.create"]
                assert reopened.plan.pilots and temps(target.parent) == []
            _remove(target)
    _clean_init(argv, target)
    assert 0 < created < rounds


def test_import_killed_at_random_adds_every_row_or_none(server: Server, tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.json"
    assert run("init", pristine, "--example").code == 0
    assert run("example-observations", tmp_path).code == 0
    rows = tmp_path / "example-week-5.csv"
    path = tmp_path / "plan.json"
    argv = ["import-observations", path, rows]
    shutil.copyfile(pristine, path)
    span = _calibrated(server, argv, path, lambda: shutil.copyfile(pristine, path))
    before = PlanStore.open(pristine, read_only=True).plan
    added = len(rows.read_text().splitlines()) - 1
    chance = random.Random(SEED + 5)
    kills = imported = 0
    while kills < IMPORT_KILLS:
        shutil.copyfile(pristine, path)
        ended = server.run(mode="cli", argv=argv, delay=chance.uniform(0, span))
        assert ended["killed"] or ended["code"] == 0, ended
        kills += ended["killed"]
        assert run("verify", path).code == 0
        with PlanStore.open(path) as reopened:
            now = len(reopened.plan.observations) - len(before.observations)
            assert now in (0, added), "all rows or none"
            assert len(reopened.history()) == len(before.history) + (now > 0)
            assert temps(tmp_path) == []
            imported += now > 0
    figure("crash: import kills that left the rows imported", f"{imported} of {kills}")


def test_edits_killed_at_random_leave_the_plan_before_or_after_the_save(
    server: Server, tmp_path: Path
) -> None:
    path = tmp_path / "plan.json"
    chance = random.Random(SEED + 2)
    torn = 0
    for round_ in range(EDIT_KILLS):
        if round_ % 20 == 0:  # a fresh plan now and then keeps each save small
            _remove(path)
            make_plan(path)
        before = PlanStore.open(path, read_only=True).plan
        start = before.policy.pilot_cap - (len(before.history) - 1)
        ended = server.run(mode="edits", path=path, delay=chance.uniform(0.01, 0.1))
        assert ended["killed"], ended
        acked = ended["acks"]
        last = acked[-1] if acked else before.policy.pilot_cap
        assert acked == list(range(before.policy.pilot_cap + 1, last + 1))
        torn += bool(temps(tmp_path))
        with PlanStore.open(path) as reopened:
            value = reopened.plan.policy.pilot_cap
            assert value in (last, last + 1), f"round {round_}: {value}, last saved {last}"
            assert len(reopened.history()) == value - start + 1, "the records and the history agree"
            assert temps(tmp_path) == []
        assert run("verify", path).code == 0
    figure("crash: edit kills that left a temp file", torn)
    assert torn, "some kills must land inside a save"


def test_fresh_processes_killed_at_random(export: tuple[Path, Plan], tmp_path: Path) -> None:
    source, expected = export
    target = tmp_path / "plan.json"
    command = [sys.executable, "-m", "tui", "init", str(target), "--from", str(source)]
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=60)
    span = time.perf_counter() - started
    _remove(target)
    chance = random.Random(SEED + 3)
    for _ in range(PROCESS_KILLS):
        writer = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(span * 0.5, span * 1.1))  # start-up takes the first half
        writer.send_signal(signal.SIGKILL)
        if writer.wait(timeout=60) == -signal.SIGKILL:
            tally("crash: kills (SIGKILL landed)")
        if target.exists():
            assert run("verify", target).code == 0
            with PlanStore.open(target) as reopened:
                assert reopened.plan == expected and temps(tmp_path) == []
            _remove(target)
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=60)
    assert temps(tmp_path) == []


def test_the_app_killed_while_saving_by_keys(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "tui"))
    from terminal import Terminal

    path = make_plan(tmp_path / "plan.json")
    chance = random.Random(SEED + 4)
    saved = 0
    for round_ in range(PTY_KILLS):
        evidence = len(PlanStore.open(path, read_only=True).plan.evidence)
        term = Terminal(path)
        term.wait_for("Next:")
        term.send("2")
        term.wait_for("Stage 1: Define Permitted Use Cases")
        term.send("e")
        term.wait_for("Evidence for stage 1")
        term.send(f"Signed matrix {round_}")
        term.wait_for(f"Signed matrix {round_}")
        term.send("\x13")  # ctrl+s saves; the kill comes at a random moment around the save
        time.sleep(chance.uniform(0, 0.02))
        term.child.kill(signal.SIGKILL)
        term.child.close(force=True)
        tally("crash: kills (SIGKILL landed)")
        assert run("verify", path).code == 0
        with PlanStore.open(path) as reopened:
            now = len(reopened.plan.evidence)
            assert now in (evidence, evidence + 1), f"round {round_}"
            assert len(reopened.history()) == 1 + now and temps(tmp_path) == []
            saved += now - evidence
    figure("crash: app kills in a pty (saved before the kill)", f"{PTY_KILLS} ({saved})")


def _calibrated(
    server: Server, argv: list[Any], target: Path, reset: Callable[[], object] | None = None
) -> float:
    """How long an unkilled run takes at best (the kills are spread over a little more than that)."""
    spans = []
    for _ in range(3):
        ended = server.run(mode="cli", argv=argv, delay=None)
        assert ended["code"] == 0, ended
        spans.append(float(ended["seconds"]))
        _remove(target)
        if reset is not None:
            reset()
    return min(spans) * 1.1


def _clean_init(argv: list[Any], target: Path) -> None:
    """An init that is not killed removes what killed ones left."""
    assert run(*argv).code == 0
    assert temps(target.parent) == []
    _remove(target)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    shutil.rmtree(path.with_name(path.name + ".backups"), ignore_errors=True)
