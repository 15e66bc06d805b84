"""The participants' notice: plain words from the plan, what leaders never see, how to leave."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from planbuild import edit, example, fresh
from reportkit import export, plan_file

from schemas.enums import AccessLevel, DataCategory, GovernanceKey
from schemas.plan import Plan
from schemas.rules import RULE_IDS
from schemas.rules.base import join_words
from store.reports.notice import notice_document


def _notice(
    capsys: pytest.CaptureFixture[str], plan: Plan, folder: Path, out: str = "notice.md"
) -> tuple[str, str]:
    path = plan_file(plan, folder)
    code, err = export(capsys, path, "--format", "notice", "--out", folder / out)
    assert code == 0, err
    return (folder / out).read_text(encoding="utf-8"), err


def test_the_example_notice_names_the_pilot_opt_out_support_and_what_leaders_never_see(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = example()
    text, _err = _notice(capsys, plan, tmp_path)
    pilot = plan.pilots[0]
    assert "40 people" in text and pilot.name in text and pilot.population in text
    assert pilot.opt_out in text
    assert pilot.support_contact in text
    leaders = never_readers(plan)
    assert "Executive sponsor" in leaders
    assert f"Only you see what you write or say to the coach. {join_words(leaders)} never see it." in text
    for role in leaders:
        assert f"- {role}: Never sees coaching conversations" in text
    assert "only as totals over at least 5 people" in text
    assert "Taking part" in text and "no consequence for you" in text


def never_readers(plan: Plan) -> list[str]:
    """The roles the data-access table keeps from every participant's coaching conversations."""
    return [
        rule.role
        for rule in plan.data_access
        if rule.category is DataCategory.PRIVATE_CONTENT and rule.level is AccessLevel.NONE
    ]


def test_the_notice_says_what_is_never_done_and_how_long_data_is_kept(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = example()
    text, _err = _notice(capsys, plan, tmp_path)
    for prohibition in plan.prohibitions:
        assert prohibition.text in text
    statements = {t.key: t.statement for t in plan.governance}
    for key in (GovernanceKey.DATA_COLLECTION, GovernanceKey.RETENTION, GovernanceKey.DELETION):
        assert statements[key] in text
    assert "Mental-health support: the coach is not for this." in text


def test_the_notice_carries_no_rule_ids_and_no_record_ids(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text, _err = _notice(capsys, example(), tmp_path)
    for rule in RULE_IDS:
        if "-" in rule:  # the others ("decision", "training") are ordinary words
            assert rule not in text
    assert not re.search(r"\b(uc|pilot|cond|gov|pr|da|role|act)-\d+\b", text)


def test_sentences_of_the_notice_are_short(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = edit(example(), "pilots", "pilot-1", notice_text="")  # only the generated words
    text, _err = _notice(capsys, plan, tmp_path)
    own = [t.statement for t in plan.governance] + [p.text for p in plan.prohibitions]
    for typed in own:
        text = text.replace(typed, "")
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip() and not s.startswith("#")]
    assert max(len(s.split()) for s in sentences) <= 30, max(sentences, key=lambda s: len(s.split()))


def test_missing_parts_are_said_in_words_and_named_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = edit(example(), "pilots", "pilot-1", opt_out="", support_contact="", escalation_route="")
    plan = edit(plan, "governance", "gov-2", statement="")  # retention
    text, err = _notice(capsys, plan, tmp_path)
    assert "The plan does not say yet how to leave the pilot." in text
    assert "The plan does not say yet how long data is kept." in text
    for gap in (
        "how to leave the pilot",
        "where to get help",
        "how long data is kept",
        "human escalation route",
    ):
        assert gap in err


def test_the_escalation_route_is_used_once_the_pilot_records_one() -> None:
    plan = edit(example(), "pilots", "pilot-1", escalation_route="Call HR on 555-0100")
    document = notice_document(plan, plan.pilots[0])
    texts = [b.text for s in document.sections for b in s.blocks if hasattr(b, "text")]
    assert any("Reach them here: Call HR on 555-0100." in t for t in texts)
    assert not any("escalation" in gap for gap in document.gaps)


def test_the_html_notice_is_chosen_by_the_file_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text, _err = _notice(capsys, example(), tmp_path, out="notice.html")
    assert text.startswith("<!DOCTYPE html>") and "About the pilot:" in text
    assert f"{join_words(never_readers(example()))} never see it." in html.unescape(text)


def test_a_plan_without_pilot_has_no_notice(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = plan_file(fresh(), tmp_path)
    code, err = export(capsys, path, "--format", "notice", "--out", tmp_path / "notice.md")
    assert code == 2 and str(path) in err and "no pilot" in err
    assert not (tmp_path / "notice.md").exists()
