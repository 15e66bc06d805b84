"""`coach-rollout import-observations`: add a CSV of observations to a pilot, all rows or none."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from schemas.enums import Severity
from schemas.rules.measurement import measurement
from store import PlanStore
from store.errors import ChangeRefused, PlanError
from store.loading import gc_paused
from store.observations import ImportRefused, import_pilot, parse_observations, read_observations
from tui.words import count

EXIT_OK, EXIT_UNUSABLE = 0, 2
SHOWN_ERRORS = 50
"""The most bad rows listed; a file with more is wrong throughout."""


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    parser.add_argument("plan", type=Path, help="the plan file")
    parser.add_argument(
        "file", type=Path, metavar="FILE.csv", help="observations: a header row metric,period,value,group,n"
    )
    parser.add_argument("--pilot", metavar="ID", help="the pilot they belong to (default: the current pilot)")


def run(args: argparse.Namespace) -> int:
    """Import every row or none; 2 with each bad line named, the plan untouched."""
    try:
        return _import(args.plan, args.file, args.pilot)
    except ImportRefused as exc:
        _refused(exc)
        return EXIT_UNUSABLE


def _import(path: Path, file: Path, wanted: str | None) -> int:
    data = read_observations(file)  # a file that cannot be read never takes the plan's lock
    store = PlanStore.open(path)
    try:
        if store.read_only:
            reasons = " ".join(store.warnings) or f"{path} is open read-only."
            raise PlanError(f"{reasons} Nothing was imported.")
        pilot = import_pilot(store.plan, wanted)
        with gc_paused():
            records = parse_observations(data, store.plan, pilot.id, str(file))
            summary = f"Imported {count(len(records), 'observation', 'observations')} from {file.name}"
            try:
                store.add_records("observations.import", "observations", records, summary)
            except ChangeRefused as exc:
                raise PlanError(f"{exc.message} Nothing was imported.") from None
        if store.save_error is not None:
            raise PlanError(f"{store.save_error.split('. ')[0]}; nothing was imported")
        plan = store.plan
    finally:
        store.close()
    print(f'{summary} into pilot {pilot.id} ("{pilot.name}") of {path}.')
    for finding in measurement(plan, date.today()):
        if finding.severity is Severity.BLOCKING:
            print(f"BLOCKING  measurement: {finding.message}")
    return EXIT_OK


def _refused(exc: ImportRefused) -> None:
    """The refusal's summary, then one line per bad field (at most ``SHOWN_ERRORS``)."""
    name = "coach-rollout import-observations"
    print(f"{name}: {exc.message}", file=sys.stderr)
    for error in exc.errors[:SHOWN_ERRORS]:
        print(f"  {error.text(exc.name)}", file=sys.stderr)
    if len(exc.errors) > SHOWN_ERRORS:
        print(f"  ... and {len(exc.errors) - SHOWN_ERRORS} more", file=sys.stderr)
