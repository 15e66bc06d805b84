"""One row of an observations CSV checked field by field, with messages that name the field."""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass
from datetime import date

HEADER = ("metric", "period", "value", "group", "n")
"""The columns of an observations file (DESIGN section 7), in any order."""
MAX_FIELD = 300
"""The longest group label (a ``Line``); no other field needs as many characters."""
MAX_PEOPLE = 10_000_000
"""The largest n an import takes: no figure of a pilot covers more people."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_WHOLE = re.compile(r"\d+", re.ASCII)

Seen = dict[tuple[str, str, str], str]
"""(metric, period, group) -> where it was seen: 'on line 4', or 'already in the plan (obs-3)'."""


@dataclass(frozen=True)
class RowError:
    """What is wrong with one line of the file (line 0: the file as a whole)."""

    line: int
    """The line the row starts on, counting the header as line 1."""
    field: str
    """The column at fault; empty when the whole row is."""
    message: str
    """What is wrong, quoting the value."""

    def text(self, name: str) -> str:
        """One line: 'obs.csv, line 3, field period: ...'."""
        where = f"{name}, line {self.line}" if self.line else name
        return f"{where}, field {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def header_error(cells: list[str]) -> str:
    """Why ``cells`` is not the header ``metric,period,value,group,n``; empty if it is."""
    joined = ",".join(cells)
    for separator, called in ((";", "semicolons"), ("\t", "tabs")):
        if len(cells) == 1 and separator in joined:
            return (
                f"the columns are separated by {called}; save the file with commas between "
                f"columns (CSV, comma-separated): {','.join(HEADER)}"
            )
    names = [cell.strip().lower() for cell in cells]
    if sorted(names) == sorted(HEADER):
        return ""
    missing = [name for name in HEADER if name not in names]
    extra = [echo(cell) for cell, name in zip(cells, names, strict=True) if name not in HEADER]
    twice = sorted({name for name in names if names.count(name) > 1})
    parts = [f"no column {', '.join(missing)}" if missing else ""]
    parts += [f"unknown column {', '.join(extra)}" if extra else ""]
    parts += [f"column {', '.join(twice)} twice" if twice else ""]
    return f"expected {','.join(HEADER)}; " + "; ".join(part for part in parts if part)


def check_row(
    line: int, cells: list[str], at: list[int], known: set[str], seen: Seen
) -> tuple[dict[str, object] | None, list[RowError]]:
    """The row as model input, or None and every problem of it.

    ``at`` gives the column of each of ``HEADER``; ``known`` the plan's metric keys.
    """
    if len(cells) != len(HEADER):
        return None, [RowError(line, "", f"{len(cells)} columns where the header has {len(HEADER)}")]
    metric, period, value, group, n = (cells[i].strip() for i in at)
    problems = [
        RowError(line, field, message)
        for field, message in (
            ("metric", _metric_error(metric, known)),
            ("period", _period_error(period)),
            ("value", _value_error(value)),
            ("group", _group_error(group)),
            ("n", _n_error(n)),
        )
        if message
    ]
    if problems:
        return None, problems
    key = (metric, period, group)
    where = seen.setdefault(key, f"on line {line}")
    if where != f"on line {line}":
        who = f"{metric} for {period} ({group or 'everyone'})"
        fix = "; delete it there to replace it" if where.startswith("already") else ""
        return None, [RowError(line, "period", f"{who} is {where}{fix}")]
    people = int(n) if _WHOLE.fullmatch(n) else int(float(n))
    return {"metric": metric, "period": period, "value": float(value), "group": group, "n": people}, []


def check_columns(
    rows: list[list[str]], at: list[int], known: set[str], seen: Seen
) -> list[dict[str, object]] | None:
    """Every row as model input if all of them pass, checked column by column; None if any fails.

    The same checks as ``check_row``, each run once per distinct text of a column,
    so a file of 20,000 good rows costs a few passes at C speed.
    """
    if rows and set(map(len, rows)) != {len(HEADER)}:
        return None
    columns = list(zip(*rows, strict=True)) or [()] * len(HEADER)
    metric, period, value, group, n = (list(map(str.strip, columns[i])) for i in at)
    distinct = set(n)
    people = {text: int(text) for text in distinct if _WHOLE.fullmatch(text)}
    checks = (
        *(_metric_error(text, known) for text in set(metric)),
        *map(_period_error, set(period)),
        *map(_value_error, set(value)),
        *map(_group_error, set(group)),
    )
    if any(checks) or len(people) != len(distinct) or max(people.values(), default=0) > MAX_PEOPLE:
        return None
    keys = set(zip(metric, period, group, strict=True))
    if len(keys) != len(metric) or not keys.isdisjoint(seen):
        return None
    counts = list(map(people.__getitem__, n))
    return [
        {"metric": m, "period": p, "value": v, "group": g, "n": c}
        for m, p, v, g, c in zip(metric, period, map(float, value), group, counts, strict=True)
    ]


def _metric_error(metric: str, known: set[str]) -> str:
    if metric in known:
        return ""
    if not metric:
        return "is empty; it names a metric such as usefulness or privacy_incidents"
    close = difflib.get_close_matches(metric.lower(), sorted(known), n=1)
    hint = f"; did you mean {close[0]}?" if close else f"; the plan's metrics are {', '.join(sorted(known))}"
    return f"unknown metric {echo(metric)}{hint}"


def _period_error(period: str) -> str:
    if not _DATE.fullmatch(period):
        return f"{echo(period)} is not a date written YYYY-MM-DD"
    try:
        date.fromisoformat(period)
    except ValueError:
        return f"{echo(period)} is not a date that exists"
    return ""


def _value_error(value: str) -> str:
    if not _NUMBER.fullmatch(value):
        hint = " (use a point as the decimal mark)" if _NUMBER.fullmatch(value.replace(",", ".", 1)) else ""
        return f"{echo(value)} is not a number{hint}"
    if not math.isfinite(float(value)):
        return f"{echo(value)} is too large"
    return ""


def _group_error(group: str) -> str:
    if len(group) > MAX_FIELD:
        return f"longer than {MAX_FIELD} characters"
    if not group.isprintable():
        return f"{echo(group)} holds a control character or line break"
    return ""


def _n_error(n: str) -> str:
    if _WHOLE.fullmatch(n):
        count = int(n)
    elif _NUMBER.fullmatch(n):
        number = float(n)
        if number < 0:
            return f"{echo(n)} is negative; n is the number of people behind the value"
        if not number.is_integer():
            return f"{echo(n)} is not a whole number; n is the number of people behind the value"
        count = int(number)
    else:
        what = "is empty" if not n else f"{echo(n)} is not a number"
        return f"{what}; n is the number of people behind the value"
    return f"{count:,} is more than {MAX_PEOPLE:,} people" if count > MAX_PEOPLE else ""


def echo(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message: cut to ``limit`` characters, control characters escaped."""
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    if not cut.isprintable():
        cut = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in cut)
    return f"'{cut}'"
