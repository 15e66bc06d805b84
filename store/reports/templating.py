"""The Jinja2 environments of the reports: templates shipped as package data."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment


@cache
def environment(*, html: bool) -> Environment:
    """The environment for HTML (autoescaped) or Markdown (text escaped before rendering)."""
    # Imported here: the JSON and CSV exports render no template and skip its import.
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("store.reports", "templates"),
        # HTML: every value is escaped unless a template marks it safe, which none does.
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
