"""Fixtures for the app's Pilot tests: an app over a store that never touches the user's data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from schemas.defaults import default_plan
from store import PlanStore
from tui.app import CoachApp
from tui.console import draw_ascii

NOW = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
TODAY = date(2025, 3, 3)


@pytest.fixture
def memory_store() -> PlanStore:
    """A fresh default plan in memory."""
    return PlanStore.memory(default_plan(NOW))


@pytest.fixture
def named_store() -> PlanStore:
    """A fresh default plan in memory whose planner set a display name: 'Recorded by' starts with it."""
    plan = default_plan(NOW)
    return PlanStore.memory(
        plan.model_copy(update={"plan": plan.plan.model_copy(update={"display_name": "Dana"})})
    )


@pytest.fixture
def file_store(tmp_path: Path) -> Iterator[PlanStore]:
    """A fresh default plan in a file under tmp_path (closed after the test)."""
    store = PlanStore.create(tmp_path / "plan.json", default_plan(NOW), summary="Created for a test.")
    yield store
    store.close()


@pytest.fixture
def make_app() -> Callable[[PlanStore], CoachApp]:
    """Build the app over a store, with a fixed today."""
    return lambda store: CoachApp(store, today=TODAY)


@pytest.fixture(autouse=True)
def textual_draws_unicode() -> Iterator[None]:
    """Textual's borders and scrollbars as Textual draws them, after a test of the console's ASCII."""
    yield
    draw_ascii(False)
