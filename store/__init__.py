"""The plan store: durable TinyDB file, lock, history, migrations."""

from store.errors import ChangeRefused, PlanChangedOnDisk, PlanError, SaveRefused
from store.planstore import PlanStore

__all__ = ["ChangeRefused", "PlanChangedOnDisk", "PlanError", "PlanStore", "SaveRefused"]
