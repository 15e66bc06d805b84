"""The plan store: durable TinyDB file, lock, history, migrations."""

from store.errors import ChangeRefused, PlanError
from store.planstore import PlanStore

__all__ = ["ChangeRefused", "PlanError", "PlanStore"]
