"""The Markdown governance report of the worked example, read for what a reviewer must find."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from planbuild import add, edit, example, fresh
from reportkit import export, plan_file

from schemas.enums import Audience, DataCategory, TrainingTopic, UseCaseStatus
from schemas.history import Set
from schemas.plan import Plan
from schemas.rules.base import ACCESS_WORDS, DELIVERY_WORDS, STATUS_WORDS
from store import PlanStore
from store.reports.markdown import escape

ORDER = (
    "Status and blocking findings",
    "Stages",
    "Use-case matrix",
    "Safeguards and data access",
    "Consultations",
    "Governance",
    "RACI",
    "Pilot",
    "Training",
    "Scorecard",
    "Decision",
    "Return on investment",
    "History",
)
"""The sections in the order the issue lists them."""


def _report(capsys: pytest.CaptureFixture[str], plan: Plan, folder: Path) -> tuple[str, Plan]:
    path = plan_file(plan, folder)
    code, err = export(capsys, path, "--format", "md", "--out", folder / "report.md")
    assert code == 0, err
    return (folder / "report.md").read_text(encoding="utf-8"), PlanStore.open(path, read_only=True).plan


@pytest.fixture
def example_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[str, Plan]:
    """The example's report and the plan as stored."""
    return _report(capsys, example(), tmp_path)


def _section(text: str, title: str) -> str:
    """The text of one top-level section."""
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _row(text: str, first_cell: str) -> list[str]:
    """The cells of the table row that starts with ``first_cell``."""
    line = next(line for line in text.splitlines() if line.startswith(f"| {first_cell} |"))
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_sections_come_in_the_reviewers_order_status_first(example_report: tuple[str, Plan]) -> None:
    text, _plan = example_report
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert tuple(headings) == ORDER


def test_status_names_scope_jurisdiction_and_each_stage(example_report: tuple[str, Plan]) -> None:
    text, plan = example_report
    status = _section(text, "Status and blocking findings")
    assert escape(plan.plan.scope) in status and "40 new managers" in status and "Netherlands" in status
    assert plan.jurisdictions[0].reviewed_by in status
    for stage in plan.stages:
        assert _row(status, f"Stage {stage.number} {stage.title}")[1] == stage.status.value.replace("_", " ")


def test_blocking_findings_come_before_the_stages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = edit(example(), "use_cases", "uc-6", status=UseCaseStatus.PERMITTED)  # loosen a guardrail
    text, _plan = _report(capsys, plan, tmp_path)
    status = _section(text, "Status and blocking findings")
    assert "BLOCKING guardrail" in status and "Mental-health support" in status
    assert text.index("BLOCKING guardrail") < text.index("\n## Stages\n")


def test_each_stage_shows_its_evidence_and_outcome_log(example_report: tuple[str, Plan]) -> None:
    text, plan = example_report
    stages = _section(text, "Stages")
    for evidence in plan.evidence:
        assert escape(evidence.result) in stages
    for outcome in plan.outcomes:
        assert escape(outcome.what_changed) in stages
        if not outcome.complete:
            assert escape(outcome.restart) in stages and "incomplete" in stages


def test_matrix_safeguards_and_consultation(example_report: tuple[str, Plan]) -> None:
    text, plan = example_report
    piloted = next(uc for uc in plan.use_cases if uc.id == plan.pilots[0].use_case)
    row = _row(_section(text, "Use-case matrix"), escape(piloted.name))
    assert row[1] == STATUS_WORDS[piloted.status] == "permitted with controls"
    assert piloted.delivery is not None and row[-1] == DELIVERY_WORDS[piloted.delivery]
    safeguards = _section(text, "Safeguards and data access")
    for prohibition in plan.prohibitions:
        assert escape(prohibition.text) in safeguards and prohibition.attested_by in safeguards
    for rule in plan.data_access:
        column = 1 + list(DataCategory).index(rule.category)
        assert _row(safeguards, escape(rule.role))[column] == ACCESS_WORDS[rule.level]
    consultations = _section(text, "Consultations")
    assert "### Works council" in consultations and escape(plan.consultations[0].said) in consultations


def test_governance_lists_all_nine_topics_with_statements(example_report: tuple[str, Plan]) -> None:
    text, plan = example_report
    governance = _section(text, "Governance")
    assert len(plan.governance) == 9
    for topic in plan.governance:
        assert f"### {topic.title}" in governance and escape(topic.statement) in governance


def test_raci_rows_carry_the_plans_letters(example_report: tuple[str, Plan]) -> None:
    text, plan = example_report
    raci = _section(text, "RACI")
    for activity in plan.raci_activities:
        name = escape(activity.name) + (
            " (the decision to expand or stop)" if activity.expand_decision else ""
        )
        cells = _row(raci, name)[1:]
        assert cells == [str(activity.cells.get(role.id, "")) for role in plan.raci_roles]


def test_pilot_training_scorecard_decision_roi(example_report: tuple[str, Plan]) -> None:
    text, plan = example_report
    pilot = _section(text, "Pilot")
    assert "40 people" in pilot and escape(plan.pilots[0].opt_out) in pilot
    for condition in plan.conditions:
        assert escape(condition.wording) in pilot
    training = _section(text, "Training")
    for audience in Audience:
        if {t for s in plan.training if s.audience is audience for t in s.topics} == set(TrainingTopic):
            assert f"{audience.value.capitalize()}: all five topics covered." in training
    scorecard = _section(text, "Scorecard")
    usefulness = max(
        (o for o in plan.observations if o.metric == "usefulness" and not o.group), key=lambda o: o.period
    )
    assert f"| {usefulness.value:g} ({usefulness.period}) |" in scorecard
    small = [o for o in plan.observations if o.n < plan.policy.min_group_size]
    assert small and "suppressed (fewer than 5 people)" in scorecard
    for obs in small:
        assert f"| {obs.value:g} |" not in scorecard and f" {obs.value:g} (" not in scorecard
        if obs.group:
            row = next(line for line in scorecard.splitlines() if f"| {escape(obs.group)} |" in line)
            assert "| hidden | suppressed (fewer than 5 people) |" in row
    assert "No decision to expand, modify or stop is recorded." in _section(text, "Decision")
    assert "No return-on-investment claim is made." in _section(text, "Return on investment")


def test_history_summary_names_the_ledger_head_and_that_it_verifies(example_report: tuple[str, Plan]) -> None:
    text, plan = example_report
    history = _section(text, "History")
    head = plan.history[-1]
    assert head.hash in history and "**Verifies:** yes" in history
    assert _row(history, head.actor)[1] == "1"  # one change by its author
    assert escape(head.summary) in history


def test_empty_sections_say_so_in_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text, _plan = _report(capsys, fresh(), tmp_path)
    for words in (
        "No consultation is recorded.",
        "No pilot is designed yet.",
        "No training session is recorded.",
        "The plan has no pilot to measure yet.",
        "No decision to expand, modify or stop is recorded.",
        "No return-on-investment claim is made.",
        "No completion evidence yet.",
    ):
        assert words in text


def test_text_typed_into_the_plan_cannot_break_the_markdown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    name = "# <script>alert(1)</script> | *bold* [link](x)"
    plan = add(example(), "use_cases", id="uc-20", name=name, status=UseCaseStatus.PERMITTED)
    text, _plan = _report(capsys, plan, tmp_path)
    assert "<script>" not in text and "\\<script\\>" in text
    matrix = _section(text, "Use-case matrix")
    header = _row(matrix, "Use case")
    assert len(_row(matrix, escape(name))) == len(header)  # the pipe did not add a column


def test_condition_amendments_come_from_the_history_with_their_reason(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = plan_file(example(), tmp_path)
    with PlanStore.open(path) as store:
        changes = [
            Set(table="conditions", key="cond-3", field="threshold", value=25),
            Set(table="conditions", key="cond-3", field="amendment", value="Seasonal leave raises opt-outs"),
        ]
        store.apply(
            "condition.amend", changes, "Amended the opt-out stop condition", "Seasonal leave raises opt-outs"
        )
    code, err = export(capsys, path, "--format", "md", "--out", tmp_path / "r.md")
    assert code == 0, err
    pilot = _section((tmp_path / "r.md").read_text(), "Pilot")
    row = _row(pilot, next(c for c in _rows_after(pilot, "Changes to conditions")))
    assert "threshold: 20 to 25" in row and "Seasonal leave raises opt-outs" in row


def _rows_after(text: str, caption: str) -> list[str]:
    """The first cells of the table under ``caption``."""
    table = text[text.index(f"**{caption}") :].split("\n\n")[1]
    return [line.split(" | ")[0].lstrip("| ") for line in table.splitlines()[2:]]


def test_a_decision_names_what_it_cites_its_variable_and_the_pilot_it_opened(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = add(example(), "pilots", id="pilot-2", name="Rotterdam hub pilot", population_size=21)
    plan = add(
        plan,
        "decisions",
        id="dec-1",
        pilot="pilot-1",
        kind="modify",
        rationale="Fewer people, one site.",
        cited_conditions=["cond-4"],
        cited_observations=["obs-4"],
        variable_kind="population",
        variable="Rotterdam hub only",
        next_pilot="pilot-2",
    )
    text, _plan = _report(capsys, plan, tmp_path)
    decision = _section(text, "Decision")
    assert '"At least 70% rate the preparation useful."; User-reported usefulness of ' in decision
    assert "The population: Rotterdam hub only" in decision and "Rotterdam hub pilot" in decision
    week4 = next(o for o in plan.observations if o.id == "obs-4")
    assert f"{week4.value:g}" not in decision  # a cited figure is named, never repeated unsuppressed
