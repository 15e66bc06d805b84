"""`coach-rollout paths`: where the default plan and its backups live."""

from __future__ import annotations

import argparse

from store import paths


def configure(parser: argparse.ArgumentParser) -> None:
    """No arguments."""


def run(args: argparse.Namespace) -> int:
    """Print the locations."""
    plan = paths.default_plan_path()
    print(f"plan:        {plan}")
    print(f"backups:     {paths.backup_folder(plan)}")
    print("lock:        the plan file itself, while the app has it open for editing")
    print(f"keys:        {paths.keymap_path()}")
    print(f"data folder: {paths.data_folder()}")
    print(f"(set ${paths.PLAN_ENV} or name a PLAN to use another file; ${paths.KEYS_ENV} for the keys)")
    return 0
