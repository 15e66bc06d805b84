"""Where a report may be written: never over a plan, never over a file without --force."""

from __future__ import annotations

import os
import re
from pathlib import Path

import orjson

from schemas.plan import HISTORY_TABLE, TABLES
from store.paths import lock_path
from store.reports.errors import ReportRefused

_WHOLE_FILE = 64 * 1024 * 1024
"""Files up to this size are parsed whole to tell a plan; larger ones are sniffed."""
_TABLE_KEY = re.compile(rb'"([a-z_]+)"\s*:\s*\{')
_TABLE_NAMES = frozenset(name.encode() for name in [*TABLES, HISTORY_TABLE])


def check_target(target: Path, plan_path: Path | None, *, force: bool) -> Path:
    """The real file to write for ``target``, or a refusal naming it; nothing is written here.

    A symlink is followed, so the file it points to is replaced and the link stays.
    """
    if plan_path is not None and _same_file(target, plan_path):
        raise ReportRefused(f"{target}: is the plan being exported; a report never replaces a plan file")
    if plan_path is not None and _same_file(target, lock_path(plan_path)):
        raise ReportRefused(f"{target}: is the plan's lock file; choose another path")
    if not target.exists():
        return target.resolve() if target.is_symlink() else target
    if target.is_dir():
        raise ReportRefused(f"{target}: is a folder; name a file to write")
    if looks_like_plan(target):
        raise ReportRefused(
            f"{target}: is a Coach Rollout plan file; a report never replaces a plan, even with --force"
        )
    if not force:
        raise ReportRefused(f"{target}: exists; add --force to replace it")
    return target.resolve()


def _same_file(a: Path, b: Path) -> bool:
    """True when both names reach one file (a symlink or hard link included)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def looks_like_plan(path: Path) -> bool:
    """True when the file holds a plan (or a backup of one), judged by its content, not its name.

    A JSON export is not a plan: it is replaced like any report. A file that cannot be read
    cannot be told apart, so it is refused.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(_WHOLE_FILE + 1)
    except OSError as exc:
        raise ReportRefused(
            f"{path}: cannot be read to make sure it is not a plan ({exc.strerror or exc})"
        ) from None
    if len(head) <= _WHOLE_FILE:
        try:
            data = orjson.loads(head)
        except orjson.JSONDecodeError:
            return _sniff(head)
        return _plan_shaped(data)
    return _sniff(head)


def _plan_shaped(data: object) -> bool:
    """A plan file maps table names to records and holds the ``plan`` record in its ``plan`` table."""
    if not isinstance(data, dict) or "format" in data:
        return False
    table = data.get("plan")
    return isinstance(table, dict) and "plan" in table


def _sniff(head: bytes) -> bool:
    """A damaged or very large file: plan-like if it opens with a plan's table and names another.

    A plan file is written with sorted keys, so it starts with one of its tables; an export
    starts with ``exported_at``.
    """
    if not head.lstrip().startswith(b"{"):
        return False
    keys = [m.group(1) for m in _TABLE_KEY.finditer(head, 0, 1 << 20)]
    return bool(keys) and keys[0] in _TABLE_NAMES and len(_TABLE_NAMES.intersection(keys)) >= 2
