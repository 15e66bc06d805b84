"""`coach-rollout export`: write the plan (JSON, the plan's own backup) or a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store import PlanStore
from store.reports import CSV_TABLES, ReportFormat, render, source_of, wants_html_notice, write_report
from tui.cli.planarg import add_plan, plan_path

_FORMATS = (
    "md: the governance report; html: the same, one printable file; csv: use cases, RACI, "
    "observations and findings (a folder, or one --table); json: the whole plan, raw values "
    "(the plan's backup); notice: the participants' notice"
)


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    add_plan(parser)
    parser.add_argument("--format", required=True, choices=[f.value for f in ReportFormat], help=_FORMATS)
    parser.add_argument(
        "--out",
        type=Path,
        help="write here instead of standard output (created 0600); for csv, a folder unless --table",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing --out file (never a plan)")
    parser.add_argument("--table", choices=CSV_TABLES, help="csv: only this table")
    parser.add_argument(
        "--notice-format",
        choices=["md", "html"],
        help="notice: Markdown or HTML (default: HTML when --out ends in .html, else Markdown)",
    )


def run(args: argparse.Namespace) -> int:
    """Write the report; refuse (exit 2, nothing written) an existing file without --force, or a plan."""
    fmt = ReportFormat(args.format)
    if args.table is not None and fmt is not ReportFormat.CSV:
        print("coach-rollout export: --table goes with --format csv", file=sys.stderr)
        return 2
    path = plan_path(args)
    store = PlanStore.open(path, read_only=True)
    try:
        source = source_of(store.plan, path=path, stored_history=store.tables().get("history", {}))
    finally:
        store.close()
    if args.out is None:
        html = wants_html_notice(None, args.notice_format)
        data, gaps = render(source, fmt, table=args.table, html_notice=html)
        print(f"coach-rollout export: {path} as {fmt.value}, to standard output", file=sys.stderr)
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        written = write_report(
            source, fmt, args.out, force=args.force, table=args.table, notice_format=args.notice_format
        )
        gaps = written.gaps
        print(written.message, file=sys.stderr)
    for gap in gaps:
        print(f"coach-rollout export: the plan does not say yet {gap}; the notice says so", file=sys.stderr)
    return 0
