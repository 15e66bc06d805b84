"""The defaults read against the seed text itself: RACI rows, checkpoint words, what to measure."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas.defaults import ACTIVITIES, REVIEWS_LEGAL, ROLES, default_plan
from schemas.enums import GovernanceKey, OutcomeKind, RaciLetter
from schemas.findings import evaluate
from schemas.framework import CHECKPOINT_GUIDANCE, EVIDENCE_HINT, HARM_FAMILIES, STAGES, WHAT_TO_MEASURE

SEED = (Path(__file__).parent / "data" / "framework_seed.txt").read_text(encoding="utf-8")
"""The framework text every default comes from (a copy of the project's seed)."""

NOW = datetime(2026, 3, 14, 10, 30, tzinfo=UTC)

# How each role is named in the seed's RACI sentences.
ROLE_WORDS = {
    "HR": "HR",
    "Legal and privacy": "Legal and privacy",
    "Security": "Security",
    "IT": "IT",
    "Vendor": "vendor",
    "Executive sponsor": "executive sponsor",
}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?])\s+", text.strip()) if s]


def test_the_default_raci_passes_the_raci_rule() -> None:
    plan = default_plan(NOW)
    assert [f for f in evaluate(plan, NOW.date()) if f.rule == "raci"] == []


@pytest.mark.parametrize(("name", "cells", "source"), ACTIVITIES, ids=[a[0] for a in ACTIVITIES])
def test_each_default_raci_row_is_a_sentence_of_the_seed(
    name: str, cells: dict[str, RaciLetter], source: str
) -> None:
    assert source in SEED
    names = dict(zip((f"role-{n}" for n in range(1, 7)), ROLES, strict=True))
    doers = [names[role] for role, letter in cells.items() if letter.responsible]
    assert len(doers) == 1 and ROLE_WORDS[doers[0]] in source, "the sentence names who does the work"
    [owner] = [names[role] for role, letter in cells.items() if letter.accountable]
    if cells[next(r for r, n in names.items() if n == doers[0])] is RaciLetter.AR:
        assert owner == doers[0]
    else:  # the vendor explains, and answers to the team that reviews its contract
        assert (owner, doers) == ("Legal and privacy", ["Vendor"]) and "contracts" in REVIEWS_LEGAL
    assert all(
        letter in (RaciLetter.C, RaciLetter.I)
        for letter in cells.values()
        if not letter.accountable and not letter.responsible
    )


def test_every_seed_raci_sentence_gives_a_row() -> None:
    paragraph = SEED.split("What Should Be in the Governance RACI?\n")[1].split("How Should the Pilot")[0]
    assert sorted(_sentences(paragraph)) == sorted({source for _name, _cells, source in ACTIVITIES})


def test_the_incident_response_owner_is_its_raci_a_r() -> None:
    plan = default_plan(NOW)
    roles = {r.id: r.name for r in plan.raci_roles}
    owner = next(t.owner_role for t in plan.governance if t.key is GovernanceKey.INCIDENT_RESPONSE)
    row = next(a for a in plan.raci_activities if a.name == "Review incident response")
    assert roles[owner or ""] == "Security" and row.cells[owner or ""] is RaciLetter.AR


@pytest.mark.parametrize("number", range(1, 9))
def test_each_checkpoint_carries_the_whole_guidance_of_the_seed(number: int) -> None:
    checkpoint = SEED.split(f"Checkpoint {number}\n")[1].split("\nCheckpoint")[0].split("\nCommon Failure")[0]
    step = STAGES[number - 1][1]
    assert " ".join(checkpoint.split()) == f"{step} {CHECKPOINT_GUIDANCE}"
    assert default_plan(NOW).stage(number).purpose == f"{step} {CHECKPOINT_GUIDANCE}"


def test_the_evidence_hint_is_the_seeds_completion_evidence_advice() -> None:
    assert SEED.count(f"Completion evidence: {EVIDENCE_HINT}") == 8
    assert EVIDENCE_HINT.endswith(
        "If the step cannot be observed, rewrite it as a physical action or concrete decision."
    )


def test_outcome_kinds_are_the_seeds_what_to_measure() -> None:
    assert f"What to measure: {WHAT_TO_MEASURE}" in SEED
    for kind in OutcomeKind:
        words = {
            OutcomeKind.CLEARER_DECISION: "a clearer decision",
            OutcomeKind.COMPLETED_ACTION: "a completed action",
            OutcomeKind.SHORTER_RECOVERY: "a shorter recovery time",
            OutcomeKind.BETTER_HANDOFF: "a better handoff",
        }[kind]
        assert words in WHAT_TO_MEASURE


def test_the_four_harm_families_are_failure_mode_three_and_scorecard_metrics() -> None:
    assert "ignoring opt-outs, incidents, bias, and administrative burden" in SEED
    metrics = {m.id for m in default_plan(NOW).metrics}
    assert list(HARM_FAMILIES) == ["opt_outs", "privacy_incidents", "bias_signals", "admin_hours"]
    assert [family.words for family in HARM_FAMILIES.values()] == [
        "opt-outs",
        "privacy incidents",
        "bias signals",
        "administrative burden",
    ]
    assert set(HARM_FAMILIES) <= metrics
