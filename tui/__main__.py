"""`python -m tui`: the same as the coach-rollout command."""

from tui.cli.main import entry

entry()
