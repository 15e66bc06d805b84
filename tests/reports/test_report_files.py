"""Where reports are written: owner-only files, --force for an existing one, never over a plan."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from planbuild import edit, example, fresh
from reportkit import export, plan_file

from store import PlanStore
from store.exchange import export_bytes
from store.reports import ReportFormat, ReportRefused, export_report

FORMATS = [("md", "r.md"), ("html", "r.html"), ("json", "r.json"), ("notice", "n.md"), ("csv", "tables")]


@pytest.mark.parametrize(("fmt", "name"), FORMATS)
def test_every_export_is_readable_by_its_owner_only(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str, name: str
) -> None:
    path, out = plan_file(example(), tmp_path), tmp_path / "new" / name
    out.parent.mkdir()
    code, err = export(capsys, path, "--format", fmt, "--out", out)
    assert code == 0, err
    assert str(out) in err  # says where it wrote
    files = list(out.iterdir()) if out.is_dir() else [out]
    assert files and all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    if out.is_dir():
        assert stat.S_IMODE(out.stat().st_mode) == 0o700


def _refused(capsys: pytest.CaptureFixture[str], plan: Path, target: Path, *extra: str) -> str:
    before = {p: p.read_bytes() for p in target.parent.iterdir() if p.is_file()}
    code, err = export(capsys, plan, "--format", "md", "--out", target, *extra)
    assert code == 2 and str(target) in err and len(err.strip().splitlines()) == 1, err
    assert {p: p.read_bytes() for p in target.parent.iterdir() if p.is_file()} == before  # nothing written
    return err


def test_an_existing_file_is_replaced_only_with_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, out = plan_file(example(), tmp_path), tmp_path / "report.md"
    out.write_text("notes I keep")
    assert "--force" in _refused(capsys, path, out)
    code, _err = export(capsys, path, "--format", "md", "--out", out, "--force")
    assert code == 0 and out.read_text().startswith("# ")


@pytest.mark.parametrize("how", ["same path", "symlink", "hard link"])
def test_the_plan_being_exported_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, how: str
) -> None:
    path = plan_file(example(), tmp_path)
    target = {"same path": path, "symlink": tmp_path / "link.md", "hard link": tmp_path / "hard.md"}[how]
    if how == "symlink":
        target.symlink_to(path)
    elif how == "hard link":
        os.link(path, target)
    assert "plan" in _refused(capsys, path, target, "--force")


def test_another_plan_or_a_backup_is_never_replaced_even_renamed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = plan_file(example(), tmp_path)
    other = plan_file(fresh(), tmp_path, "other.json")
    disguised = tmp_path / "minutes.md"
    disguised.write_bytes(other.read_bytes())
    for target in (other, disguised):
        assert "plan file" in _refused(capsys, path, target, "--force")
    truncated = tmp_path / "torn.html"
    truncated.write_bytes(
        other.read_bytes()[: len(other.read_bytes()) // 2]
    )  # a plan cut short is still a plan
    _refused(capsys, path, truncated, "--force")


def test_a_json_export_is_a_report_and_may_be_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, out = plan_file(example(), tmp_path), tmp_path / "backup.json"
    out.write_bytes(export_bytes(fresh()))
    code, err = export(capsys, path, "--format", "json", "--out", out, "--force")
    assert code == 0, err


def test_a_csv_folder_is_written_whole_or_not_at_all(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, folder = plan_file(example(), tmp_path), tmp_path / "tables"
    folder.mkdir()
    (folder / "raci.csv").write_text("mine")
    code, err = export(capsys, path, "--format", "csv", "--out", folder)
    assert code == 2 and str(folder / "raci.csv") in err
    assert [p.name for p in folder.iterdir()] == ["raci.csv"] and (folder / "raci.csv").read_text() == "mine"
    file_instead = tmp_path / "file"
    file_instead.write_text("x")
    code, err = export(capsys, path, "--format", "csv", "--out", file_instead)
    assert code == 2 and str(file_instead) in err


def test_table_goes_with_csv_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = plan_file(example(), tmp_path)
    code, err = export(capsys, path, "--format", "md", "--table", "raci", "--out", tmp_path / "r.md")
    assert code == 2 and "--table" in err and not (tmp_path / "r.md").exists()


def test_the_palette_function_says_where_it_wrote_and_refuses_in_one_line(tmp_path: Path) -> None:
    plan = edit(example(), "pilots", "pilot-1", escalation_route="")  # a notice with a gap to name
    path, out = plan_file(plan, tmp_path), tmp_path / "plan report.html"
    before = path.read_bytes()
    with PlanStore.open(path) as store:  # as the app holds it: open for editing
        written = export_report("html", store, out)
        assert written.paths == (out,)
        assert written.message == f"Wrote {out} (the governance report in HTML; small groups suppressed)."
        assert out.read_text().startswith("<!DOCTYPE html>")
        with pytest.raises(ReportRefused, match="is the plan being exported"):
            export_report(ReportFormat.MD, store, path, force=True)
        notice = export_report("notice", store, tmp_path / "notice.html")
        assert any("serious situations" in gap for gap in notice.gaps)
    assert path.read_bytes() == before
