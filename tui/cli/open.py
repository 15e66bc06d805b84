"""Open (or create) a plan and run the app: `coach-rollout [PLAN]`."""

from __future__ import annotations

import argparse
import gc
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store import PlanStore

EXIT_OK, EXIT_UNUSABLE = 0, 2


def open_store(path: Path, *, read_only: bool) -> PlanStore:
    """Open ``path``, creating it with the framework's defaults if it does not exist."""
    from schemas.defaults import default_plan
    from store import PlanError, PlanStore

    if not path.exists() and not read_only:
        summary = "Created the plan with the framework's defaults."
        try:
            store = PlanStore.create(path, default_plan(datetime.now(UTC)), summary=summary)
        except PlanError:
            if not path.exists():
                raise
            return PlanStore.open(path)  # another instance created it a moment ago
        store.warnings.append(f"Created a new plan at {path} with the framework's defaults.")
        return store
    return PlanStore.open(path, read_only=read_only)


def run_app(args: argparse.Namespace) -> int:
    """Run the app on the plan named in ``args`` (or the default plan); the exit code."""
    # Loading a large plan allocates many objects that all stay alive: pause the collector
    # until the first frame (the app resumes it), as a collection would only walk them in vain.
    gc.disable()
    from store import PlanError
    from store.paths import default_plan_path, keymap_path
    from tui.keymap import KeymapError, read_keymap

    path = Path(args.plan).expanduser() if args.plan else default_plan_path()
    try:
        keymap = read_keymap(keymap_path())
        if keymap:  # checked against every view's keys, which imports them all: only when remapped
            from tui.keymap import check_scopes
            from tui.palette import keymap_scopes

            check_scopes(keymap_path(), keymap, keymap_scopes())
        store = open_store(path, read_only=bool(args.read_only))
    except (PlanError, KeymapError) as exc:
        gc.enable()
        print(f"coach-rollout: {exc.message}", file=sys.stderr)
        return EXIT_UNUSABLE
    from tui.app import CoachApp  # Textual only once the plan opened
    from tui.glyphs import this_terminal_needs_ascii

    app = CoachApp(
        store,
        keymap=keymap,
        review=bool(getattr(args, "review", False)),
        ascii_only=this_terminal_needs_ascii(),
    )
    try:
        app.run(mouse=not args.no_mouse)
    finally:
        unsaved = store.dirty
        store.close()
        gc.enable()
    if unsaved:  # quitting asked first; the exit code still says the plan lacks an edit
        why = store.save_error or ""
        print(f"coach-rollout: {path}: quit with an edit not saved. {why}", file=sys.stderr)
        return EXIT_UNUSABLE
    return EXIT_UNUSABLE if app.return_code else EXIT_OK
