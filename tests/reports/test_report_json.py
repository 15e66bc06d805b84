"""The JSON export: the whole plan with raw values, valid against `coach-rollout schema`, read back equal."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from clirun import cli
from reportkit import SMALL, export, plan_file, with_small_groups

from schemas.records import SCHEMA_VERSION
from store import PlanStore


def test_the_export_validates_against_the_schema_and_reads_back_equal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, out, copy = plan_file(with_small_groups(), tmp_path), tmp_path / "e.json", tmp_path / "copy.json"
    code, err = export(capsys, path, "--format", "json", "--out", out)
    assert code == 0 and "keep it private" in err
    data = json.loads(out.read_text())
    schema = json.loads(cli("schema").stdout)
    jsonschema.validate(data, schema)
    assert data["schema_version"] == SCHEMA_VERSION and data["exported_at"]
    assert data["raw_values"] is True and "small groups are not suppressed" in data["note"]
    assert any(o["value"] == SMALL["Depot"][0] for o in data["plan"]["observations"])  # raw, as promised
    assert cli("init", copy, "--from", out).returncode == 0
    assert PlanStore.open(copy, read_only=True).plan == PlanStore.open(path, read_only=True).plan


def test_a_broken_export_fails_the_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path, out = plan_file(with_small_groups(), tmp_path), tmp_path / "e.json"
    export(capsys, path, "--format", "json", "--out", out)
    data = json.loads(out.read_text())
    data["plan"]["observations"][0]["n"] = -1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(cli("schema").stdout))
