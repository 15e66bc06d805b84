"""`coach-rollout example-observations`: write the worked example's observation files to import."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from schemas.example_data import example_files
from store.errors import PlanError
from store.files import OWNER_ONLY, make_private_folder


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    parser.add_argument(
        "folder", nargs="?", type=Path, default=Path("."), help="where to write them (default: here)"
    )


def run(args: argparse.Namespace) -> int:
    """Write both files, or none if either is there already."""
    files = {args.folder / name: text for name, text in example_files(date.today()).items()}
    taken = [path for path in files if path.exists()]
    if taken:
        raise PlanError(f"{taken[0]}: a file is already there; nothing was written")
    try:
        make_private_folder(args.folder)
        for path, text in files.items():
            _write_new(path, text)
    except OSError as exc:
        for path in files:
            path.unlink(missing_ok=True)
        raise PlanError(
            f"{args.folder}: cannot write there ({exc.strerror or exc}); nothing was written"
        ) from None
    week, incident = files
    print(
        f"Wrote {week} (the example's fifth week: no privacy incident) and {incident} (one privacy incident)."
    )
    command = f"coach-rollout import-observations PLAN {week}"
    print(f"Import them in turn into a plan made by init --example: {command}")
    return 0


def _write_new(path: Path, text: str) -> None:
    """Create ``path`` (owner-only), refusing to replace a file made since the check."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        handle.write(text)
