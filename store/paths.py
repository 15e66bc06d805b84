"""Where plans and backups live."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "coach-rollout"
PLAN_ENV = "COACH_ROLLOUT_PLAN"
KEYS_ENV = "COACH_ROLLOUT_KEYS"


def data_folder() -> Path:
    """The user data folder of the app."""
    return user_data_path(APP_NAME, appauthor=False)


def default_plan_path() -> Path:
    """The plan opened when none is named: $COACH_ROLLOUT_PLAN or the data folder."""
    named = os.environ.get(PLAN_ENV)
    return Path(named).expanduser() if named else data_folder() / "plan.json"


def backup_folder(plan_path: Path) -> Path:
    """The folder holding the backups of ``plan_path``."""
    return plan_path.with_name(plan_path.name + ".backups")


def lock_path(plan_path: Path) -> Path:
    """The lock file held while ``plan_path`` is open for editing."""
    return plan_path.with_name(plan_path.name + ".lock")


def keymap_path() -> Path:
    """The user's key remapping: $COACH_ROLLOUT_KEYS or keys.json in the data folder."""
    named = os.environ.get(KEYS_ENV)
    return Path(named).expanduser() if named else data_folder() / "keys.json"
