"""`coach-rollout schema`: the JSON Schema of an export."""

from __future__ import annotations

import argparse
import json

from schemas.export import PlanExport


def configure(parser: argparse.ArgumentParser) -> None:
    """No arguments."""


def run(args: argparse.Namespace) -> int:
    """Print the schema."""
    print(json.dumps(PlanExport.model_json_schema(), indent=2, sort_keys=True))
    return 0
