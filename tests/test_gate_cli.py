"""`coach-rollout check` on a real plan file whose stage 2 was completed with nothing attested."""

from __future__ import annotations

import json
from pathlib import Path

from clirun import cli

from schemas.history import Put, Set
from store import PlanStore

UTC_ENV = {"TZ": "UTC"}


def _evidence(number: int) -> Put:
    record = {
        "id": f"ev-{number}",
        "stage": number,
        "result": f"Stage {number} signed off in the steering meeting.",
        "recorded_at": "2025-03-03T10:00:00Z",
        "recorded_by": "Dana Reyes",
    }
    return Put(table="evidence", record=record)


def _completed(number: int) -> list[Set]:
    key = f"stage-{number}"
    return [
        Set(table="stages", key=key, field="status", value="complete"),
        Set(table="stages", key=key, field="completed_at", value="2025-03-03T10:05:00Z"),
    ]


def _stage_two_completed(folder: Path) -> Path:
    """A real plan file, made by `init`, whose stages 1 and 2 were marked complete in its records.

    Marked behind the gate's back, through the store's own API, as a hand edit or an older
    version of the app could have done; nothing is attested.
    """
    path = folder / "plan.json"
    assert cli("init", path).returncode == 0
    with PlanStore.open(path) as store:
        store.apply("stage.complete", [_evidence(1), *_completed(1)], "Completed stage 1.")
        store.apply("stage.complete", [_evidence(2), *_completed(2)], "Completed stage 2.")
        assert all(not p.attested_by for p in store.plan.prohibitions)
    return path


def test_stage_two_completed_with_unattested_prohibitions_fails_check(tmp_path: Path) -> None:
    path = _stage_two_completed(tmp_path)
    text = cli("check", path, env=UTC_ENV)
    assert text.returncode == 1, text.stdout
    lines = text.stdout.splitlines()
    gate = next(line for line in lines if "stage-gate" in line and "BLOCKING" in line)
    assert gate.startswith("  ✗ BLOCKING  stage-gate  stages/stage-2: ")
    words = " ".join(text.stdout.split())  # the text output wraps at 100 columns
    assert "complete, no longer holds. 4 of 4 prohibitions are not attested" in words
    assert text.stdout.rstrip().endswith("Check failed.")
    as_json = json.loads(cli("check", path, "--format", "json", env=UTC_ENV).stdout)
    [row] = [r for r in as_json if r["rule"] == "stage-gate" and r["severity"] == "blocking"]
    assert (row["stage"], row["entity"]) == (2, "stages/stage-2")
    assert "tab 4 Safeguards, key a" in row["fix"]


def test_attesting_the_prohibitions_lets_check_pass_again(tmp_path: Path) -> None:
    path = _stage_two_completed(tmp_path)
    with PlanStore.open(path) as store:
        attest = [
            change
            for p in store.plan.prohibitions
            for change in (
                Set(table="prohibitions", key=p.id, field="attested_by", value="Dana Reyes"),
                Set(table="prohibitions", key=p.id, field="attested_at", value="2025-03-03T11:00:00Z"),
            )
        ]
        store.apply("prohibition.attest", attest, "Attested the four prohibitions.")
    result = cli("check", path, env=UTC_ENV)
    assert result.returncode == 0, result.stdout
    assert "stage-gate" in result.stdout and "no longer holds" not in result.stdout
