"""`python -m tui.cli`: the command line, for a merge driver where no script is installed."""

from __future__ import annotations

from tui.cli.main import entry

entry()
