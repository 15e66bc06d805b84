"""No report but JSON shows a value behind fewer than k people, nor one recoverable by subtraction."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from planbuild import example
from reportkit import GROUPED, SMALL, SMALL_TOTAL, TOTAL, export, plan_file, read_csv, with_small_groups

from schemas.plan import Plan

K = 5


def _reports(capsys: pytest.CaptureFixture[str], plan: Plan, folder: Path) -> dict[str, str]:
    path = plan_file(plan, folder)
    texts = {}
    for fmt, out in (("md", "r.md"), ("html", "r.html"), ("notice", "n.md"), ("csv", "tables")):
        code, err = export(capsys, path, "--format", fmt, "--out", folder / out)
        assert code == 0, err
    for name in ("r.md", "r.html", "n.md"):
        texts[name] = (folder / name).read_text(encoding="utf-8")
    for table in (folder / "tables").iterdir():
        texts[table.name] = table.read_text(encoding="utf-8-sig")
    return texts


def _shown_groups(folder: Path) -> dict[tuple[str, str], dict[str, tuple[float, int]]]:
    """From the observations CSV: per (metric, period), the values a reader can see, by group."""
    rows: dict[tuple[str, str], dict[str, tuple[float, int]]] = defaultdict(dict)
    for row in read_csv(folder / "tables" / "observations.csv"):
        if row["value"]:
            rows[(row["metric"], row["period"])][row["group"]] = (float(row["value"]), int(row["n"]))
    return rows


def test_primary_suppression_alone_would_give_the_small_group_away() -> None:
    # The premise: with only the depot hidden, the total minus the two shown groups is the depot.
    value, n = TOTAL
    others = [SMALL["North"], SMALL["South"]]
    left = (value * n - sum(v * m for v, m in others)) / (n - sum(m for _, m in others))
    assert left == pytest.approx(SMALL["Depot"][0])


def test_no_small_group_and_no_complement_in_any_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    texts = _reports(capsys, with_small_groups(), tmp_path)
    shown = _shown_groups(tmp_path)
    row = next(groups for (metric, _p), groups in shown.items() if metric == GROUPED)
    assert "" in row and "Depot" not in row  # the total is shown, the small group is not
    assert len(set(SMALL) - set(row)) >= 2, "a second group must be hidden with the small one"
    hidden = [SMALL[g][0] for g in SMALL if g not in row] + [SMALL_TOTAL[0]]
    for name, text in texts.items():
        for value in hidden:
            assert f"{value:g}" not in text, f"{value:g} in {name}"


def test_subtracting_what_is_shown_recovers_no_group_under_k(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for plan in (example(), with_small_groups()):
        _reports(capsys, plan, tmp_path / plan.observations[-1].id)
        for (metric, period), groups in _shown_groups(tmp_path / plan.observations[-1].id).items():
            if "" not in groups:
                continue
            value, n = groups.pop("")
            rest = n - sum(m for _v, m in groups.values())
            hidden = [
                o
                for o in plan.observations
                if o.metric == metric and o.group and str(o.period) == period and o.group not in groups
            ]
            if rest:  # what subtraction yields is a mean over the hidden people together
                assert rest >= K and (len(hidden) != 1), (metric, period, rest, hidden)


def test_the_notice_shows_no_figure_at_all(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    texts = _reports(capsys, with_small_groups(), tmp_path)
    for value, _n in SMALL.values():
        assert f"{value:g}" not in texts["n.md"]
    assert "Depot" not in texts["n.md"]
