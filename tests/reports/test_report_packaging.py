"""Reports ship with the package and never wake the terminal interface."""

from __future__ import annotations

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

from planbuild import example
from reportkit import plan_file

ROOT = Path(__file__).resolve().parents[2]


def test_every_template_is_declared_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["store.reports"]
    folder = ROOT / "store" / "reports"
    templates = [p.relative_to(folder).as_posix() for p in (folder / "templates").iterdir()]
    assert templates
    for name in templates:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), f"{name} would not be installed"


def test_exporting_every_report_never_imports_textual(tmp_path: Path) -> None:
    plan = plan_file(example(), tmp_path)
    calls = ", ".join(
        f"main(['export', {str(plan)!r}, '--format', {fmt!r}, '--out', {str(tmp_path / out)!r}])"
        for fmt, out in (
            ("md", "r.md"),
            ("html", "r.html"),
            ("csv", "t"),
            ("notice", "n.html"),
            ("json", "e.json"),
        )
    )
    probe = (
        "import sys; from tui.cli.main import main; "
        f"codes = [{calls}]; assert codes == [0] * 5, codes; "
        "print('TEXTUAL' if any(m.split('.')[0] == 'textual' for m in sys.modules) else 'CLEAN')"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "CLEAN", result.stderr
