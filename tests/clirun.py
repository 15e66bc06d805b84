"""Run the real command line in a child process, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ENTRY = "from tui.cli.main import entry; entry()"


def cli(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``coach-rollout ARGS`` (in ``cwd``, if given) and capture its output."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", ENTRY, *map(str, args)],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )
