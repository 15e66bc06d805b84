"""`coach-rollout import-observations`: all rows or none, each bad line named, the plan untouched."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from clirun import cli
from planbuild import NOW, TODAY

from schemas.enums import PilotStatus
from schemas.example import example_plan
from schemas.example_data import example_files
from schemas.history import Set
from store import PlanStore
from tui.cli.main import main

HEADER = "metric,period,value,group,n\n"


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The worked example as a plan file."""
    path = tmp_path / "example.json"
    PlanStore.create(path, example_plan(NOW), summary="Created the example.").close()
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["import-observations", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def _refused(capsys: pytest.CaptureFixture[str], plan: Path, csv: Path, *extra: str) -> tuple[str, list[str]]:
    """Import ``csv``; assert exit 2 and an untouched plan; return stderr and its named lines."""
    before = plan.read_bytes()
    code, out, err = _run(capsys, plan, csv, *extra)
    assert code == 2, (out, err)
    assert plan.read_bytes() == before
    assert "Traceback" not in err
    return err, [line.strip() for line in err.splitlines()[1:]]


def _csv(tmp_path: Path, text: str | bytes, name: str = "obs.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        ("usefulnes,2030-01-05,80,,38", "metric", "unknown metric 'usefulnes'; did you mean usefulness?"),
        ("usefulness,2030-02-30,80,,38", "period", "'2030-02-30' is not a date that exists"),
        ("usefulness,05/01/2030,80,,38", "period", "'05/01/2030' is not a date written YYYY-MM-DD"),
        ("usefulness,2030-01-05,eighty,,38", "value", "'eighty' is not a number"),
        ("usefulness,2030-01-05,nan,,38", "value", "'nan' is not a number"),
        ("usefulness,2030-01-05,1e999,,38", "value", "'1e999' is too large"),
        ('usefulness,2030-01-05,"80,5",,38', "value", "(use a point as the decimal mark)"),
        ("usefulness,2030-01-05,80,,-3", "n", "'-3' is negative"),
        ("usefulness,2030-01-05,80,,38.5", "n", "'38.5' is not a whole number"),
        ("usefulness,2030-01-05,80,,", "n", "is empty"),
        ("usefulness,2030-01-05,80,,20000000", "n", "20,000,000 is more than 10,000,000 people"),
        ("usefulness,2030-01-05,80," + "x" * 301 + ",38", "group", "longer than 300 characters"),
        ('usefulness,2030-01-05,80,"Venlo\x1b[2J",38', "group", "'Venlo\\x1b[2J' holds a control"),
    ],
)
def test_a_bad_field_is_named_with_its_line_and_nothing_is_imported(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path, row: str, field: str, words: str
) -> None:
    good = "completion,2030-01-05,70,,38\n"
    err, lines = _refused(capsys, plan, _csv(tmp_path, HEADER + good + row + "\n" + good.replace("05", "06")))
    assert err.splitlines()[0].endswith("obs.csv: nothing was imported; 1 row is wrong")
    assert lines == [f"{tmp_path / 'obs.csv'}, line 3, field {field}: " + lines[0].split(": ", 1)[1]]
    assert words in lines[0]
    assert "\x1b" not in err


def test_every_bad_row_is_reported_not_only_the_first(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    text = HEADER + "usefulness,2030-01-05,80,,38\nbogus,2030-13-01,x,,1.5\n\n"
    text += "opt_outs,2030-01-05,2,,40,extra\n"
    err, lines = _refused(capsys, plan, _csv(tmp_path, text))
    assert "2 rows are wrong" in err.splitlines()[0]
    where = f"{tmp_path / 'obs.csv'}, line"
    assert [line.split(": ", 1)[0] for line in lines] == [
        f"{where} 3, field metric",
        f"{where} 3, field period",
        f"{where} 3, field value",
        f"{where} 3, field n",
        f"{where} 5",
    ]
    assert lines[-1].endswith("6 columns where the header has 5")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty; its first line must be the header metric,period,value,group,n"),
        (b"  \n\n", "the file is empty"),
        (b"metric,period,value,group,n\n", "no observations after the header; nothing to import"),
        (
            b"metric;period;value;group;n\nusefulness;2030-01-05;80;;38\n",
            "line 1, field header: the columns are separated by semicolons",
        ),
        (b"metric\tperiod\tvalue\tgroup\tn\n", "line 1, field header: the columns are separated by tabs"),
        (
            b"metric,date,value,group,n\n",
            "line 1, field header: expected metric,period,value,group,n; no column period; "
            "unknown column 'date'",
        ),
        (b"metric,period,value,n\n", "field header: expected metric,period,value,group,n; no column group"),
        (
            b"metric,period,value,group,n\nusefulness,2030-01-05,\xff80,,38\n",
            "line 2: not UTF-8 text (byte 0xff)",
        ),
        (b'metric,period,value,group,n\nusefulness,2030-01-05,"80,,38\n', "not readable as CSV"),
    ],
)
def test_an_unusable_file_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path, content: bytes, words: str
) -> None:
    err, _ = _refused(capsys, plan, _csv(tmp_path, content))
    assert words in err, err
    assert str(tmp_path / "obs.csv") in err


def test_a_byte_order_mark_and_any_column_order_are_accepted(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    text = "\ufeffN,Metric,Period,Value,Group\r\n38,usefulness,2030-01-05,81.5,\r\n"
    text += "21,usefulness,2030-01-05,80,Rotterdam hub\r\n"
    code, out, _ = _run(capsys, plan, _csv(tmp_path, text))
    assert code == 0
    assert out.startswith("Imported 2 observations from obs.csv into pilot pilot-1")
    observations = PlanStore.open(plan, read_only=True).plan.observations
    added = [o for o in observations if o.period == date(2030, 1, 5)]
    assert [(o.metric, o.value, o.group, o.n) for o in added] == [
        ("usefulness", 81.5, "", 38),
        ("usefulness", 80.0, "Rotterdam hub", 21),
    ]


def test_the_examples_files_import_as_one_history_entry_each(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    week, incident = (_csv(tmp_path, text, name) for name, text in example_files(TODAY).items())
    code, out, _ = _run(capsys, plan, week)
    assert code == 0 and "BLOCKING" not in out
    store = PlanStore.open(plan, read_only=True)
    entry = store.history()[-1]
    assert entry.action == "observations.import"
    assert entry.summary == "Imported 13 observations from example-week-5.csv"
    assert [e.key for e in entry.edits] == [f"obs-{n}" for n in range(37, 50)]
    assert len(store.history()) == 2
    code, out, _ = _run(capsys, plan, incident)
    assert code == 0
    assert 'BLOCKING  measurement: Stop condition "One privacy incident or more stops the pilot."' in out
    assert cli("verify", plan).returncode == 0


def test_check_exits_1_naming_measurement_after_the_incident(plan: Path, tmp_path: Path) -> None:
    for name, text in example_files(TODAY).items():
        assert cli("import-observations", plan, _csv(tmp_path, text, name)).returncode == 0
    result = cli("check", plan, "--format", "json")
    assert result.returncode == 1
    blocking = [f for f in json.loads(result.stdout) if f["severity"] == "blocking"]
    assert [(f["rule"], f["entity"]) for f in blocking] == [("measurement", "conditions/cond-1")]
    latest = f"is met: the latest value ({TODAY.isoformat()}, observation obs-50) is 1."
    assert latest in blocking[0]["message"]


def test_importing_a_file_twice_is_refused_naming_the_observations_already_there(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    text = HEADER + "usefulness,2030-01-05,80,,38\nusefulness,2030-01-05,70,,38\n"
    err, lines = _refused(capsys, plan, _csv(tmp_path, text))
    assert lines[0].endswith("line 3, field period: usefulness for 2030-01-05 (everyone) is on line 2")
    once = _csv(tmp_path, HEADER + "usefulness,2030-01-05,80,,38\n", "once.csv")
    assert _run(capsys, plan, once)[0] == 0
    err, lines = _refused(capsys, plan, once)
    assert lines[0].endswith(
        "line 2, field period: usefulness for 2030-01-05 (everyone) is already in the plan (obs-37); "
        "delete it there to replace it"
    )


def test_the_pilot_is_the_current_one_unless_named(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    rows = _csv(tmp_path, HEADER + "usefulness,2030-01-05,80,,38\n")
    err, _ = _refused(capsys, plan, rows, "--pilot", "pilot-9")
    assert 'no such pilot; the plan\'s pilots are pilot-1 ("New-manager feedback preparation pilot")' in err
    assert _run(capsys, plan, rows, "--pilot", "pilot-1")[0] == 0


def test_a_plan_without_a_pilot_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    assert main(["init", str(plan)]) == 0
    err, _ = _refused(capsys, plan, _csv(tmp_path, HEADER + "usefulness,2030-01-05,80,,38\n"))
    assert f"{plan}: the plan has no pilot to import into" in err


@pytest.mark.parametrize(
    ("status", "taken"),
    [(PilotStatus.DESIGN, False), (PilotStatus.COMPLETED, True), (PilotStatus.STOPPED, True)],
)
def test_a_pilot_takes_observations_once_it_has_started(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path, status: PilotStatus, taken: bool
) -> None:
    with PlanStore.open(plan) as store:
        change = Set(table="pilots", key="pilot-1", field="status", value=status)
        store.apply("pilot.edit", [change], "Status")
    rows = _csv(tmp_path, HEADER + "usefulness,2030-01-05,80,,38\n")
    if taken:
        assert _run(capsys, plan, rows)[0] == 0
    else:
        err, _ = _refused(capsys, plan, rows)
        assert "has not started: observations are recorded once a pilot runs" in err


def test_a_plan_open_elsewhere_is_not_changed(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    rows = _csv(tmp_path, HEADER + "usefulness,2030-01-05,80,,38\n")
    with PlanStore.open(plan):
        err, _ = _refused(capsys, plan, rows)
    assert "read-only" in err and "Nothing was imported." in err


def test_files_past_the_bounds_are_refused(
    capsys: pytest.CaptureFixture[str], plan: Path, tmp_path: Path
) -> None:
    from store import observations

    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(observations.MAX_BYTES + 1)
    err, _ = _refused(capsys, plan, big)
    assert "larger than 16 MB; split it into smaller files" in err
    many = HEADER + "".join(f"usefulness,2030-01-05,80,g{n},38\n" for n in range(observations.MAX_ROWS + 1))
    err, _ = _refused(capsys, plan, _csv(tmp_path, many))
    assert "more than 100,000 rows; split it into smaller files" in err
    err, _ = _refused(capsys, plan, tmp_path / "missing.csv")
    assert "missing.csv: no such file" in err
    err, _ = _refused(capsys, plan, tmp_path)
    assert "a folder, not a CSV file" in err


def test_example_observations_writes_both_files_owner_only_and_never_replaces(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    result = cli("example-observations", folder)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["example-incident.csv", "example-week-5.csv"]
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in folder.iterdir())
    assert (folder / "example-week-5.csv").read_text() == example_files(TODAY)["example-week-5.csv"]
    (folder / "example-incident.csv").write_text("mine")
    again = cli("example-observations", folder)
    assert again.returncode == 2 and "a file is already there; nothing was written" in again.stderr
    assert (folder / "example-incident.csv").read_text() == "mine"


def test_init_example_names_the_command_that_writes_its_observations(tmp_path: Path) -> None:
    result = cli("init", tmp_path / "example.json", "--example")
    assert "coach-rollout example-observations" in result.stdout


def test_importing_never_loads_textual(plan: Path, tmp_path: Path) -> None:
    rows = _csv(tmp_path, HEADER + "usefulness,2030-01-05,80,,38\n")
    probe = (
        "import sys; from tui.cli.main import main; "
        f"assert main(['import-observations', {str(plan)!r}, {str(rows)!r}]) == 0; "
        "print('TEXTUAL' if any(m.split('.')[0] == 'textual' for m in sys.modules) else 'CLEAN')"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "CLEAN", result.stderr
