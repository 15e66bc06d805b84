"""Fuzz: mutated plan files, exports and CSV files never crash a command.

Each case hands one mutated file to one command (in this process, for speed; a sample
through the real process): never a traceback nor the command line's last-resort guard,
never an exit code other than 0, 1 or 2, never a changed input file, and a refusal is one
line naming the file. Hypothesis mutates the JSON (a value replaced by any JSON, one too
deep, too large or holding control characters; a field removed, added or renamed); a seeded
random walk mutates the bytes (truncated, flipped, spliced, a BOM).
"""

from __future__ import annotations

import functools
import json
import random
import shutil
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from relkit import DEEP, GUARD, NOW, ROOT, make_plan, run, tally

from schemas.example import example_plan
from store import PlanError, PlanStore
from store.exchange import export_bytes
from tui.cli.main import COMMANDS

CASES = {"plan": 500, "export": 250, "bytes": 300, "csv": 100}
"""Cases (mutated files) per run, by kind of input: 1,150 in all; each plan file goes to every reader."""

FUZZ = settings(
    max_examples=CASES["plan"],
    deadline=None,
    derandomize=True,  # the same cases every run: a failure is reproduced by running again
    database=None,  # nothing written into the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
    | st.sampled_from(
        ["\x1b]0;x\x07", "\x1b[2J", "\u202e", "x" * 200_000, DEEP, "", "2025-13-40", "h-000001"]
    )
    | st.sampled_from([2**64, -(2**63) - 1, 2**70, 10**400 // 10**300, 3.0, True])
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
NASTY = st.sampled_from(["\x1b]0;x\x07", "\x1b[2J", "\u202e", "\x00", "x" * 200_000, "", "\ud800"])
"""Texts a file should never get through: escape sequences, a NUL, a huge text, a lone surrogate."""
MUTATIONS = st.sampled_from(["replace", "delete", "add", "rename", "deep", "nasty"])

PLAN_COMMANDS: list[list[str]] = [
    ["check"],
    ["check", "--format", "json"],
    ["history"],
    ["verify"],
    ["export", "--format", "json"],
    ["open"],
]
"""What reads a plan; ``open`` is the app's way in: the store opened for editing."""


@functools.cache
def bases() -> dict[str, bytes]:
    """Real files to mutate: a plan with history, the worked example, and an export of it."""
    with tempfile.TemporaryDirectory() as folder:
        plan = make_plan(Path(folder) / "plan.json", edits=3)
        example = Path(folder) / "example.json"
        PlanStore.create(example, example_plan(NOW), summary="Example.").close()
        return {
            "plan": plan.read_bytes(),
            "example": example.read_bytes(),
            "export": export_bytes(PlanStore.open(example, read_only=True).plan),
        }


@functools.cache
def places(kind: str, history: bool) -> list[tuple[Any, ...]]:
    """Every place in a base file's JSON (with ``history``, only those in its history)."""
    found = list(_places(orjson.loads(bases()[kind]), ()))
    return [place for place in found if "history" in place[:2]] if history else found


@FUZZ
@given(data=st.data())
def test_mutated_plan_files(tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
    folder = tmp_path_factory.mktemp("plan")
    kind = data.draw(st.sampled_from(["plan", "example"]))
    mutated = _mutate(kind, data)
    path = folder / "plan.json"
    path.write_bytes(_encode(mutated, data.draw(st.sampled_from([40, 252, 300, 1100]))))
    for command in PLAN_COMMANDS:  # every reader of a plan: one may choke where another does not
        _read_by(command, path)
    tally("fuzz: cases")
    shutil.rmtree(folder)


@settings(FUZZ, max_examples=CASES["export"])
@given(data=st.data())
def test_mutated_exports(tmp_path_factory: pytest.TempPathFactory, data: Any) -> None:
    folder = tmp_path_factory.mktemp("export")
    path = folder / "export.json"
    path.write_bytes(_encode(_mutate("export", data), data.draw(st.sampled_from([40, 252, 300]))))
    target = folder / "new" / "plan.json"
    done = _checked(["init", str(target), "--from", str(path)], path)
    if done.code == 2:
        assert not target.parent.exists(), "a refused init creates nothing, not even its folder"
    else:
        assert run("verify", target).code == 0, "what init --from creates verifies"
    tally("fuzz: cases")
    shutil.rmtree(folder)


def test_mutated_bytes(tmp_path: Path) -> None:
    chance = random.Random(17)
    for case in range(CASES["bytes"]):
        kind = chance.choice(["plan", "example", "export"])
        raw = _garble(bases()[kind], chance)
        path = tmp_path / f"{case}.json"
        path.write_bytes(raw)
        if kind == "export":
            target = tmp_path / f"{case}-new.json"
            if _checked(["init", str(target), "--from", str(path)], path).code == 2:
                assert not target.exists()
        else:
            _read_by(chance.choice(PLAN_COMMANDS), path)
        path.unlink()
        tally("fuzz: cases")


def test_csv_files_where_files_are_read(tmp_path: Path) -> None:
    chance = random.Random(23)
    plan = tmp_path / "plan.json"
    plan.write_bytes(bases()["example"])
    importing = "import-observations" in COMMANDS  # once that command is merged, its reader too
    for case in range(CASES["csv"]):
        path = tmp_path / f"{case}.csv"
        path.write_bytes(_csv(chance))
        if importing and case % 2:
            before = plan.read_bytes()
            done = _checked(["import-observations", str(plan), str(path)], path, each_line=True)
            if done.code != 0:
                assert plan.read_bytes() == before, "all rows or none"
        elif case % 3 == 0:
            target = tmp_path / f"{case}-new.json"
            assert _checked(["init", str(target), "--from", str(path)], path).code == 2
            assert not target.exists()
        else:
            _read_by(chance.choice(PLAN_COMMANDS), path)
        path.unlink()
        tally("fuzz: cases")


def test_a_sample_through_the_real_process(tmp_path: Path) -> None:
    chance = random.Random(29)
    for case in range(12):
        path = tmp_path / f"{case}.json"
        path.write_bytes(
            _garble(bases()["plan"], chance) if case % 2 else _encode(_deep(bases()["plan"]), 600)
        )
        command = ["check", "history", "verify", "export"][case % 4]
        extra = ["--format", "json"] if command == "export" else []
        done = subprocess.run(
            [sys.executable, "-m", "tui", command, str(path), *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr and GUARD not in done.stderr
        if done.returncode == 2:
            assert done.stderr.count("\n") == 1 and str(path) in done.stderr
        tally("fuzz: cases")
        tally("fuzz: cases of them through the real process")


# -- reading a file and checking what came of it ---------------------------------------------


def _read_by(command: list[str], path: Path) -> None:
    """Hand ``path`` to ``command`` and check the outcome."""
    if command == ["open"]:
        before = path.read_bytes()
        try:
            PlanStore.open(path).close()
        except PlanError as exc:
            assert str(path) in exc.message and "\n" not in exc.message
        assert path.read_bytes() == before
        return
    _checked([command[0], str(path), *command[1:]], path)


def _checked(argv: list[str], path: Path, *, each_line: bool = False) -> Any:
    """Run ``argv``; assert what a fuzz case must hold whatever the file.

    A refusal is one line naming the file; ``each_line``: then one line per bad line of it.
    """
    before = path.read_bytes()
    done = run(*argv)
    tally(f"fuzz: command runs that exit {done.code}")
    assert done.code in (0, 1, 2), (argv, done.code, done.err)
    assert GUARD not in done.err, (argv, done.err)
    assert path.read_bytes() == before, "an input file is never changed"
    if done.code == 2:
        first, *more = done.err.splitlines()
        assert str(path) in first and (each_line or not more), (argv, done.err)
        assert all(str(path) in line or line.startswith("  ... and") for line in more), done.err
        assert not set(done.err) & CONTROL, "nothing from the file drives the terminal"
    return done


CONTROL = {chr(code) for code in [*range(0, 10), *range(11, 32), *range(0x7F, 0xA0)]}
"""Control characters (a line break aside) no message may carry from a file to the terminal."""


# -- making mutations ---------------------------------------------------------------------------


def _mutate(kind: str, data: Any) -> Any:
    """The JSON of a base file with one place in it changed as Hypothesis draws."""
    value = orjson.loads(bases()[kind])
    # Half the cases in the history: its edits hold untyped values, the rest is typed by models.
    where = data.draw(st.sampled_from(places(kind, data.draw(st.booleans()))))
    how = data.draw(MUTATIONS)
    parent: Any = value
    for step in where[:-1]:
        parent = parent[step]
    last = where[-1] if where else None
    if last is not None and how in ("deep", "nasty"):
        parent[last] = DEEP if how == "deep" else data.draw(NASTY)
    elif last is None or how == "replace":
        new = data.draw(VALUES)
        if last is None:
            return new
        parent[last] = new
    elif how == "delete":
        del parent[last]
    elif isinstance(parent, dict) and how == "add":
        parent[data.draw(st.text(max_size=8))] = data.draw(VALUES)
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=8))] = parent.pop(last)
    return value


def _places(value: Any, path: tuple[Any, ...]) -> Any:
    """Every place in a JSON value, as the path of keys and indexes to it."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, inner in items:
        yield from _places(inner, (*path, key))


def _encode(value: Any, depth: int) -> bytes:
    """JSON bytes; each ``DEEP`` text becomes a list nested ``depth`` deep."""
    text = json.dumps(value)  # not orjson: it cannot write the integers past 64 bits drawn here
    return text.replace(json.dumps(DEEP), "[" * depth + "]" * depth).encode("utf-8", "surrogatepass")


def _deep(raw: bytes) -> Any:
    data = orjson.loads(raw)
    data["history"]["h-000002"]["edits"][0]["after"] = DEEP
    return data


GARBLES: list[Callable[[bytes, random.Random], bytes]] = [
    lambda raw, r: raw[: r.randrange(len(raw))],
    lambda raw, r: _flip(raw, r),
    lambda raw, r: b"\xef\xbb\xbf" + raw,
    lambda raw, r: raw + raw[: r.randrange(1, 200)],
    lambda raw, r: raw.replace(b'"seq": ', b'"seq": 1.5e', 1),
    lambda raw, r: raw.replace(b"12", b"123456789012345678901234567890", 1),
    lambda raw, r: b"[" * 1100 + b"]" * 1100,
    lambda raw, r: bytes(r.randrange(256) for _ in range(r.randrange(0, 64))),
    lambda raw, r: raw.replace(b'"', b"'", r.randrange(1, 5)),
]
"""Byte-level damage: truncation, flipped bytes, a BOM, trailing data, odd numbers, noise."""


def _garble(raw: bytes, chance: random.Random) -> bytes:
    return chance.choice(GARBLES)(raw, chance)


def _flip(raw: bytes, chance: random.Random) -> bytes:
    damaged = bytearray(raw)
    for _ in range(chance.randrange(1, 6)):
        damaged[chance.randrange(len(damaged))] = chance.randrange(256)
    return bytes(damaged)


def _csv(chance: random.Random) -> bytes:
    """An observations CSV, sometimes sound, more often damaged."""
    rows = ["metric,period,value,group,n"]
    for _ in range(chance.randrange(0, 6)):
        cells = [
            chance.choice(["completion", "usefulness", "opt_outs", "bogus", "", "=cmd()"]),
            chance.choice(["2025-03-01", "2025-13-01", "", "yesterday"]),
            chance.choice(["80", "1e400", "nan", "-3", "x", "123456789012345678901234567890"]),
            chance.choice(["", "Team A", "\x1b[2J", '"quoted, comma"']),
            chance.choice(["12", "0", "-1", "4.5", ""]),
        ]
        rows.append(",".join(cells[: chance.randrange(2, 6)]))
    text = "\n".join(rows) + chance.choice(["\n", "", "\r\n"])
    if chance.random() < 0.2:
        text = "".join(chance.choice(string.printable) for _ in range(chance.randrange(80)))
    raw = text.encode()
    return chance.choice([raw, b"\xef\xbb\xbf" + raw, raw.replace(b",", b";"), raw[: len(raw) // 2]])
