"""Run every benchmark figure: ``python tests/benchmarks/run.py [NAME ...]``.

Each ``fig_<name>.py`` beside this file exposes ``figures(large: Path) -> list[Figure | str]``;
``large`` is DESIGN section 8's large plan, shared by all figures, so a figure that
changes a plan works on ``common.private_copy(large, folder)``. Naming figures (``save``,
``frame``...) runs only those. Exits 1 if a figure misses its target.
"""

from __future__ import annotations

import compileall
import importlib
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent.parent))

from common import Figure, make_large_plan  # noqa: E402


def main(names: list[str]) -> int:
    """Generate the large plan, run the chosen figure modules, print one line per figure."""
    modules = sorted(path.stem for path in HERE.glob("fig_*.py"))
    chosen = [m for m in modules if not names or m.removeprefix("fig_") in names or m in names]
    if not chosen:
        print(f"No figure named {' '.join(names)}; there are: {' '.join(modules)}", file=sys.stderr)
        return 2
    measured: list[Figure] = []
    compile_sources()
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        large = make_large_plan(Path(folder) / "large.json")
        print(
            f"large plan: {large.stat().st_size / 2**20:.1f} MB, made in {time.perf_counter() - began:.1f} s;"
            f" Python {platform.python_version()} on {platform.system()}"
        )
        for name in chosen:
            for figure in importlib.import_module(name).figures(large):
                print(figure.line() if isinstance(figure, Figure) else figure, flush=True)
                if isinstance(figure, Figure):
                    measured.append(figure)
    print(summary(measured))
    return 1 if any(not figure.ok for figure in measured) else 0


def summary(measured: list[Figure]) -> str:
    """Every figure with a target, one line each: its value, its target, ok or MISS, its floor."""
    rows = [f for f in measured if f.target is not None]
    lines = ["", f"Summary: {sum(f.ok for f in rows)} of {len(rows)} figures meet their targets"]
    for figure in rows:
        verdict = "ok  " if figure.ok else "MISS"
        if figure.difference:
            value, target = f"{figure.value:+.1f} {figure.unit}", f"<= +{figure.target:g} {figure.unit}"
        else:
            value, target = f"{figure.value:.2f}x", f"<= {figure.target:g}x"
        floor = f"  floor {figure.floor_value:.2f}" if figure.floor else ""
        if figure.floor and figure.difference:
            floor = f"  floor {figure.floor_value:+.1f} {figure.unit}"
        lines.append(f"  {verdict} {value:>10} (target {target}){floor}  {figure.name}")
    return "\n".join(lines)


def compile_sources() -> None:
    """Compile the app's modules to bytecode, as ``pip install`` does for an installed app.

    Start-up figures should time the program a user runs. Where PYTHONDONTWRITEBYTECODE is
    set (as on this project's machines), a source checkout is otherwise compiled again on
    every start, which the installed app never is.
    """
    root = HERE.parent.parent
    for package in ("schemas", "store", "tui"):
        compileall.compile_dir(root / package, quiet=1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
