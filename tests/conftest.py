"""Shared test setup: make the tests folder importable for small helpers."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.glyphs import use_ascii

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture(autouse=True)
def unicode_symbols() -> Iterator[None]:
    """Each test starts drawing Unicode symbols (a test of the console's ASCII switches it on)."""
    use_ascii(False)
    yield
    use_ascii(False)
