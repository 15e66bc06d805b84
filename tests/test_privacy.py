"""No third-party code sees a plan: a pydantic plugin installed beside the app is never run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clirun import ENTRY

SPY = '''
import pathlib, os

class Spy:
    """A pydantic plugin that notes every model it is offered."""

    def new_schema_validator(self, schema, schema_type, *rest):
        with open(os.environ["SPY_LOG"], "a") as log:
            log.write(f"{schema_type}\\n")
        return None, None, None

plugin = Spy()
'''


def install_spy(folder: Path) -> dict[str, str]:
    """A 'spy' distribution with a pydantic entry point; the environment that finds it."""
    (folder / "spy.py").write_text(SPY)
    info = folder / "spy-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spy\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[pydantic]\nspy = spy:plugin\n")
    path = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH", "")]))
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}  # as a user's shell has it
    return {**env, "PYTHONPATH": path, "SPY_LOG": str(folder / "spy.log")}


def test_a_pydantic_plugin_in_the_environment_never_sees_a_plan(tmp_path: Path) -> None:
    env = install_spy(tmp_path)
    log = tmp_path / "spy.log"
    # The spy works: a program of its own that uses our models hands them to it.
    subprocess.run([sys.executable, "-c", "import schemas.plan"], env=env, check=True, timeout=120)
    assert "Plan" in log.read_text()
    log.unlink()

    plan = tmp_path / "plan.json"
    for args in (["init", "--example", str(plan)], ["check", str(plan)]):
        subprocess.run([sys.executable, "-c", ENTRY, *args], env=env, check=True, timeout=120)
    assert not log.exists(), f"a plugin was run: {log.read_text()}"
