"""docs/framework.md agrees with the code: the eight stages in order and the use-case matrix as shipped."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from schemas.defaults import default_plan
from schemas.delivery import recommend_delivery
from schemas.framework import STAGES
from schemas.plan import Plan
from schemas.rules.base import DELIVERY_WORDS, STATUS_WORDS

PAGE = Path(__file__).resolve().parents[1] / "docs" / "framework.md"
START = "<!-- matrix: generated from schemas.defaults; tests/test_docs.py checks it -->"
END = "<!-- matrix end -->"


def matrix_table(plan: Plan) -> str:
    """The use-case matrix of ``plan`` as the page shows it (Markdown)."""
    lines = [
        "| Use case | Status | Required control | Send people to "
        "| Consequence, complexity, escalation | Delivery |",
        "|---|---|---|---|---|---|",
    ]
    for case in plan.use_cases:
        factors = ", ".join(level.value for level in (case.consequence, case.complexity, case.escalation))
        recommended, _why = recommend_delivery(case.consequence, case.complexity, case.escalation)
        delivery = DELIVERY_WORDS[case.delivery] if case.delivery else "none"
        if case.delivery is not None and case.delivery is not recommended:
            delivery += f" (recommended: {DELIVERY_WORDS[recommended]})"
        limit = " (a limit of the framework)" if case.guardrail else ""
        lines.append(
            f"| {case.name} | {STATUS_WORDS[case.status]}{limit} | {case.control} | {case.route_to or '-'} "
            f"| {factors} | {delivery} |"
        )
    return "\n".join(lines)


def test_the_page_shows_the_use_case_matrix_as_the_app_ships_it() -> None:
    text = PAGE.read_text(encoding="utf-8")
    shown = text.split(START, 1)[1].split(END, 1)[0].strip()
    expected = matrix_table(default_plan(datetime(2025, 1, 1, tzinfo=UTC)))
    assert shown == expected, f"docs/framework.md's matrix is not the defaults'; it should read:\n{expected}"


def test_the_page_explains_the_eight_stages_in_the_apps_order_and_words() -> None:
    headings = re.findall(r"^### (\d)\. (.+)$", PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert headings == [(str(n), title) for n, (title, _purpose) in enumerate(STAGES, start=1)]
