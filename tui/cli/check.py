"""`coach-rollout check`: print the findings; exit 1 if any is blocking."""

from __future__ import annotations

import argparse
import gc
import json
import shutil
import sys
import textwrap
from datetime import date
from itertools import groupby

from schemas.enums import Severity
from schemas.findings import Finding, blocking, evaluate, stage_heading
from schemas.plan import Plan
from schemas.text import visible
from store import PlanStore
from tui.cli.planarg import add_plan, plan_path
from tui.glyphs import plain, this_terminal_needs_ascii, use_ascii
from tui.words import SEVERITY, count

EXIT_OK, EXIT_BLOCKING = 0, 1


def configure(parser: argparse.ArgumentParser) -> None:
    """Declare the arguments."""
    add_plan(parser, "the plan file (opened read-only)")
    parser.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help="text for people (default), json for scripts",
    )


def run(args: argparse.Namespace) -> int:
    """Print the plan's findings; 0 if none is blocking, 1 otherwise (2 comes from main)."""
    path = plan_path(args)
    store = PlanStore.open(path, read_only=True)
    try:
        plan, tables = store.plan, store.tables()
    finally:
        store.close()
    for warning in store.warnings:
        print(f"coach-rollout check: {warning}", file=sys.stderr)
    # The loaded plan lives until exit: keep the collector from rescanning its objects.
    gc.freeze()
    findings = evaluate(plan, date.today(), stored_tables=tables)
    use_ascii(this_terminal_needs_ascii())
    if args.format == "json":
        if args.plan is None:  # stdout is for the findings alone; a named PLAN needs no saying
            print(f"coach-rollout check: the default plan, {path}", file=sys.stderr)
        sys.stdout.write(as_json(findings))
    else:
        sys.stdout.write(plain(as_text(plan, findings, str(path), _width())))
    return EXIT_BLOCKING if blocking(findings) else EXIT_OK


def as_json(findings: list[Finding]) -> str:
    """A JSON list of findings: rule, severity, stage, entity, message, fix."""
    rows = [finding.model_dump(mode="json") for finding in findings]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


def as_text(plan: Plan, findings: list[Finding], name: str, width: int = 100) -> str:
    """Findings grouped under stage headings, each led by its severity symbol and word, then a summary."""
    lines: list[str] = []
    for stage, group in groupby(findings, key=lambda f: f.stage):
        lines.append(stage_heading(plan, stage))
        for finding in group:
            lines.extend(_finding_lines(finding, width))
        lines.append("")
    lines.append(summary(findings, name))
    # Plan text is validated free of control characters; escaped again here, as everywhere printed.
    return visible("\n".join(lines), lines=True) + "\n"


def _finding_lines(finding: Finding, width: int) -> list[str]:
    where = f"  {finding.entity}:" if finding.entity else ":"
    symbol, word = SEVERITY[finding.severity]  # the same symbol and word as every screen
    head = f"  {symbol} {word:<8}  {finding.rule}{where} {finding.message}"
    indent = " " * (len(symbol) + 13)
    return [
        *textwrap.wrap(head, width=width, subsequent_indent=indent, break_on_hyphens=False),
        *textwrap.wrap(
            f"Fix: {finding.fix}",
            width=width,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        ),
    ]


def summary(findings: list[Finding], name: str) -> str:
    """One closing line: counts by severity and whether the check passed."""
    if not findings:
        return f"{name}: no findings. Check passed."
    counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
    parts = [
        count(counts[Severity.BLOCKING], "blocking finding", "blocking findings"),
        count(counts[Severity.WARNING], "warning", "warnings"),
        count(counts[Severity.INFO], "info", "infos"),
    ]
    verdict = "Check failed." if counts[Severity.BLOCKING] else "Check passed."
    return f"{name}: {', '.join(parts)}. {verdict}"


def _width() -> int:
    """The terminal's width, kept between 60 and 120 columns for reading."""
    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns))
