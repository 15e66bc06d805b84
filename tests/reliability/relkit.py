"""Helpers of the reliability suite: run the command line in-process, make plans, keep figures."""

from __future__ import annotations

import io
import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from schemas.defaults import default_plan
from schemas.history import Set
from store import PlanStore
from tui.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
GUARD = "stopped by an unexpected error"
"""What the command line's last line of defence prints: a fuzz case that reaches it found a bug."""

FIGURES: dict[str, Any] = {}
"""The suite's figures, printed in pytest's summary (see conftest.py)."""


def figure(name: str, value: Any) -> None:
    """Record a figure of the suite (and print it, seen with ``-s``)."""
    FIGURES[name] = value
    print(f"reliability: {name}: {value}")


def tally(name: str, more: int = 1) -> None:
    """Add to a counted figure."""
    FIGURES[name] = FIGURES.get(name, 0) + more


@dataclass
class Ran:
    """What one command printed and its exit code."""

    code: int
    out: str
    err: str


def run(*argv: str | Path) -> Ran:
    """Run ``coach-rollout ARGV`` in this process, capturing what it prints."""
    out, err = io.BytesIO(), io.StringIO()
    wrapped = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = wrapped, err
    try:
        code = main([str(arg) for arg in argv])
    except SystemExit as exit_:  # argparse's one-line refusals
        code = int(exit_.code or 0)
    finally:
        sys.stdout, sys.stderr = saved
        wrapped.flush()
    return Ran(code, out.getvalue().decode("utf-8", "replace"), err.getvalue())


def make_plan(path: Path, edits: int = 0) -> Path:
    """A default plan saved at ``path``, with ``edits`` more history entries."""
    store = PlanStore.create(path, default_plan(NOW, organization="Example Org"), summary="Created.")
    with store.one_save():  # one write for them all
        for n in range(edits):
            cap(store, 10 + n)
    store.close()
    return path


def cap(store: PlanStore, value: int) -> None:
    """One edit: the pilot cap set to ``value``."""
    store.apply(
        "policy.edit", [Set(table="policy", key="policy", field="pilot_cap", value=value)], f"Cap {value}"
    )


def tables(path: Path) -> dict[str, Any]:
    """A plan file's raw tables."""
    loaded: dict[str, Any] = orjson.loads(path.read_bytes())
    return loaded


DEEP = "@nested@"
"""Stands for a deeply nested value in ``write_tables`` (no encoder writes one that deep)."""


def write_tables(path: Path, data: Any, depth: int = 0) -> None:
    """Write raw JSON (a hand edit) to ``path``; ``DEEP`` becomes a list nested ``depth`` deep."""
    raw = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    path.write_bytes(raw.replace(orjson.dumps(DEEP), b"[" * depth + b"]" * depth))


def mode(path: Path) -> int:
    """The permission bits of ``path`` (not following a symlink)."""
    return stat.S_IMODE(os.lstat(path).st_mode)


def temps(folder: Path) -> list[str]:
    """The temp files of saves in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if ".tmp-" in p.name)


@contextmanager
def umask(value: int) -> Iterator[None]:
    """Run with another umask."""
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)
