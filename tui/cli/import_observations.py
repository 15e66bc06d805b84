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
from store.observations import ImportRefused, import_observations, read_observations

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
        data = read_observations(args.file)  # a file that cannot be read never takes the plan's lock
    except ImportRefused as exc:
        _refused(exc, args.plan)
        return EXIT_UNUSABLE
    store = PlanStore.open(args.plan)
    try:
        if store.read_only:
            reasons = " ".join(store.warnings) or f"{args.plan} is open read-only."
            raise PlanError(f"{reasons} Nothing was imported.")
        entry, pilot = import_observations(store, data, args.file, args.pilot)
        if store.save_error is not None:
            raise PlanError(f"{args.plan}: could not be saved; nothing was imported ({store.save_error})")
    except ImportRefused as exc:
        _refused(exc, args.plan)
        return EXIT_UNUSABLE
    except ChangeRefused as exc:
        raise PlanError(f"{args.plan}: {exc.message} Nothing was imported.") from None
    finally:
        store.close()
    print(f'{entry.summary} into pilot {pilot.id} ("{pilot.name}") of {args.plan}.')
    for finding in measurement(store.plan, date.today()):
        if finding.severity is Severity.BLOCKING:
            print(f"BLOCKING  measurement: {finding.message}")
    return EXIT_OK


def _refused(exc: ImportRefused, plan: Path) -> None:
    """The refusal's summary, then one line per bad field (at most ``SHOWN_ERRORS``)."""
    name = "coach-rollout import-observations"
    where = "" if exc.name else f"{plan}: "  # a refusal about the file names the file itself
    print(f"{name}: {where}{exc.message}", file=sys.stderr)
    for error in exc.errors[:SHOWN_ERRORS]:
        print(f"  {error.text(exc.name)}", file=sys.stderr)
    if len(exc.errors) > SHOWN_ERRORS:
        print(f"  ... and {len(exc.errors) - SHOWN_ERRORS} more", file=sys.stderr)
