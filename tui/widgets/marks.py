"""Findings on rows: the symbol a row shows, and the lines a detail panel shows."""

from __future__ import annotations

from collections import defaultdict

from schemas.rules.base import Finding
from tui import glyphs
from tui.words import SEVERITY, SEVERITY_ORDER

MARK_STYLES = {
    **dict.fromkeys((glyphs.BLOCKING.unicode, glyphs.BLOCKING.ascii), "line-table--blocking"),
    **dict.fromkeys((glyphs.WARNING.unicode, glyphs.WARNING.ascii), "line-table--warning"),
}
"""A finding's symbol (in either mode) -> the style that colours it (the symbol carries the meaning)."""


def by_entity(findings: list[Finding], table: str) -> dict[str, list[Finding]]:
    """The findings on each record of ``table``, most serious first."""
    found: dict[str, list[Finding]] = defaultdict(list)
    prefix = table + "/"
    for finding in findings:
        if finding.entity.startswith(prefix):
            found[finding.entity[len(prefix) :]].append(finding)
    for items in found.values():
        items.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return found


def mark(findings: list[Finding]) -> str:
    """The symbol of the most serious finding ('✗', '!') or nothing."""
    worst = min(findings, key=lambda f: SEVERITY_ORDER[f.severity], default=None)
    return "" if worst is None else SEVERITY[worst.severity][0]


def finding_lines(findings: list[Finding]) -> list[str]:
    """'✗ BLOCKING (guardrail): message' for each finding."""
    return [f"{SEVERITY[f.severity][0]} {SEVERITY[f.severity][1]} ({f.rule}): {f.message}" for f in findings]
