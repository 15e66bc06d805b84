"""Observations from a CSV file: every row checked, all of them imported or none.

The command line and the app's import dialog both call ``read_observations`` and
``import_observations``, which saves them with ``PlanStore.add_records`` as one action.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from schemas.enums import PilotStatus
from schemas.history import HistoryEntry
from schemas.plan import Plan, next_id
from schemas.records import Observation, Pilot
from store.errors import PlanError
from store.loading import gc_paused
from store.observation_fields import HEADER, RowError, Seen, check_columns, check_row, echo, header_error
from store.planstore import PlanStore

MAX_BYTES = 16 * 2**20
"""The largest file read: 20,000 rows take about 1 MB."""
MAX_ROWS = 100_000
"""The most observations one import takes."""

_RECORDS: TypeAdapter[list[Observation]] = TypeAdapter(list[Observation])


class ImportRefused(PlanError):
    """Nothing was imported; ``errors`` names each line and field at fault.

    ``name`` is set when the file is at fault (its messages name it); a refusal
    about the plan (no pilot to take the rows) leaves it empty.
    """

    def __init__(self, message: str, errors: list[RowError] | None = None, name: str = "") -> None:
        super().__init__(message)
        self.errors = errors or []
        self.name = name


def read_observations(path: Path) -> bytes:
    """The file's bytes, refused when it is missing, unreadable or larger than ``MAX_BYTES``."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImportRefused(f"{path}: no such file", name=str(path)) from None
    except IsADirectoryError:
        raise ImportRefused(f"{path}: a folder, not a CSV file", name=str(path)) from None
    except OSError as exc:
        raise ImportRefused(f"{path}: cannot be read ({exc.strerror or exc})", name=str(path)) from None
    if len(data) > MAX_BYTES:
        message = f"{path}: larger than {MAX_BYTES // 2**20} MB; split it into smaller files"
        raise ImportRefused(message, name=str(path))
    return data


def import_observations(
    store: PlanStore, data: bytes, file: Path, pilot: str | None = None
) -> tuple[HistoryEntry, Pilot]:
    """Add the observations in ``data`` (read from ``file``) to a pilot as one action.

    ImportRefused, with nothing changed, names what is wrong (``name`` set when it
    is the file); ChangeRefused comes from the store (a plan open read-only).
    """
    target = import_pilot(store.plan, pilot)
    records = parse_observations(data, store.plan, target.id, str(file))
    noun = "observation" if len(records) == 1 else "observations"
    summary = f"Imported {len(records)} {noun} from {file.name}"
    with gc_paused():
        return store.add_records("observations.import", "observations", records, summary), target


def import_pilot(plan: Plan, wanted: str | None) -> Pilot:
    """The pilot an import goes to: ``wanted``, or the current one; refused if it cannot take data.

    A pilot still in design has no observations yet: its conditions must be fixed
    before anyone sees data. A completed or stopped pilot takes them: late figures
    (a final survey, an incident found afterwards) belong to its record, and the
    rules keep judging them.
    """
    if not plan.pilots:
        raise ImportRefused("the plan has no pilot to import into; design one first (the Pilot tab)")
    pilot = plan.current_pilot() if wanted is None else next((p for p in plan.pilots if p.id == wanted), None)
    if pilot is None:
        known = ", ".join(f'{p.id} ("{p.name}")' for p in plan.pilots)
        raise ImportRefused(f"--pilot {echo(wanted or '')}: no such pilot; the plan's pilots are {known}")
    if pilot.status is PilotStatus.DESIGN:
        raise ImportRefused(
            f'pilot {pilot.id} ("{pilot.name}") has not started: observations are recorded once a '
            "pilot runs, after its conditions are fixed" + _other_pilots(plan, pilot)
        )
    return pilot


def _other_pilots(plan: Plan, pilot: Pilot) -> str:
    started = [p.id for p in plan.pilots if p is not pilot and p.status is not PilotStatus.DESIGN]
    return f"; name another with --pilot ({', '.join(started)})" if started else ""


def parse_observations(data: bytes, plan: Plan, pilot: str, name: str) -> list[Observation]:
    """Every row of ``data`` as a validated observation of ``pilot``, or ImportRefused naming each bad row.

    ``name`` is how messages call the file. Rows repeating a metric, period and
    group of another row or of the pilot's observations already in the plan are
    refused: importing one file twice would count everything twice.
    """
    try:
        with gc_paused():  # tens of thousands of new objects and no cycles: see store.loading
            return _parse(_text(data, name), plan, pilot, name)
    except ImportRefused as exc:
        exc.name = name
        raise


def _parse(text: str, plan: Plan, pilot: str, name: str) -> list[Observation]:
    """``parse_observations`` on decoded text."""
    known = {m.id for m in plan.metrics}
    seen = {
        (o.metric, o.period.isoformat(), o.group): f"already in the plan ({o.id})"
        for o in plan.observations
        if o.pilot == pilot
    }
    rows = _all_rows(text, name, known, seen)
    if rows is None:  # some row is wrong: read again, line by line, to name each one
        rows, lines, errors = _rows(text, name, known, seen)
        if errors:
            raise ImportRefused(_summary(name, errors), errors, name)
    if not rows:
        raise ImportRefused(f"{name}: no observations after the header; nothing to import")
    first = int(next_id("obs", [o.id for o in plan.observations]).removeprefix("obs-"))
    for at, row in enumerate(rows, start=first):
        row["id"], row["pilot"] = f"obs-{at}", pilot
    try:
        return _RECORDS.validate_python(rows)
    except ValidationError as exc:
        lines = _rows(text, name, known, seen)[1]
        errors = [_model_error(lines, error) for error in exc.errors()]
        raise ImportRefused(_summary(name, errors), errors, name) from None


def _all_rows(text: str, name: str, known: set[str], seen: Seen) -> list[dict[str, object]] | None:
    """Every row as model input when the whole file passes at once; None if any row is wrong."""
    try:
        rows = [cells for cells in csv.reader(io.StringIO(text, newline=""), strict=True) if cells]
    except csv.Error:
        return None
    if len(rows) > MAX_ROWS + 1:
        raise ImportRefused(f"{name}: more than {MAX_ROWS:,} rows; split it into smaller files")
    at = _columns(rows[0], name)
    return check_columns(rows[1:], at, known, seen)


def _columns(header: list[str], name: str) -> list[int]:
    """Where each column of ``HEADER`` is, or ImportRefused naming what is wrong with the header."""
    problem = header_error(header)
    if problem:
        raise ImportRefused(RowError(1, "header", problem).text(name))
    columns = [cell.strip().lower() for cell in header]
    return [columns.index(column) for column in HEADER]


def _text(data: bytes, name: str) -> str:
    """UTF-8 text without a byte-order mark, or ImportRefused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ImportRefused(
            f"{name}, line {line}: not UTF-8 text (byte {data[exc.start]:#04x}); save the file as CSV UTF-8"
        ) from None
    if not text.strip():
        raise ImportRefused(
            f"{name}: the file is empty; its first line must be the header {','.join(HEADER)}"
        )
    return text


def _rows(
    text: str, name: str, known: set[str], seen: Seen
) -> tuple[list[dict[str, object]], list[int], list[RowError]]:
    """Row by row: the checked rows (as model input), the line each starts on, and every error."""
    lines = _records(text)
    seen = dict(seen)
    try:
        line, header = next(lines)
    except (StopIteration, csv.Error) as exc:
        raise ImportRefused(f"{name}, line 1: {exc or 'no header'}") from None
    at = _columns(header, name)
    rows: list[dict[str, object]] = []
    starts: list[int] = []
    errors: list[RowError] = []
    try:
        for line, cells in lines:
            if len(starts) + len(errors) >= MAX_ROWS:
                raise ImportRefused(f"{name}: more than {MAX_ROWS:,} rows; split it into smaller files")
            row, problems = check_row(line, cells, at, known, seen)
            errors += problems
            if row is not None:
                rows.append(row)
                starts.append(line)
    except csv.Error as exc:
        errors.append(RowError(line + 1, "", f"not readable as CSV ({exc})"))
    return rows, starts, errors


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each non-blank record; a quoted field may span lines."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    last = 0
    for cells in reader:
        first, last = last + 1, reader.line_num
        if any(cell.strip() for cell in cells):
            yield first, cells


def _model_error(lines: list[int], error: ErrorDetails) -> RowError:
    """A validation error of the model (the row checks let none through) as a row error."""
    index, field = (*error["loc"], 0, "")[:2]
    line = lines[index] if isinstance(index, int) and index < len(lines) else 0
    return RowError(line, str(field), error["msg"])


def _summary(name: str, errors: list[RowError]) -> str:
    """The first line of a refusal: how many rows are wrong."""
    bad = len({e.line for e in errors})
    rows = "1 row is" if bad == 1 else f"{bad} rows are"
    return f"{name}: nothing was imported; {rows} wrong"
