"""The Overview's export: a report for people who never open a terminal, written from the app."""

from __future__ import annotations

from pathlib import Path

from store import PlanStore
from store.reports import ReportFormat, ReportRefused, Written, export_report
from tui.dialogs.form import FormDialog, FormField, Values

FORMATS: list[tuple[str, ReportFormat]] = [
    ("Markdown: the governance document", ReportFormat.MD),
    ("HTML: the same, one printable file", ReportFormat.HTML),
    ("CSV: use cases, RACI, observations, findings", ReportFormat.CSV),
    ("JSON: the plan's own backup (raw values)", ReportFormat.JSON),
    ("Notice for participants", ReportFormat.NOTICE),
]
"""The formats as the form offers them."""

SUFFIX = {
    ReportFormat.MD: "-report.md",
    ReportFormat.HTML: "-report.html",
    ReportFormat.CSV: "-tables",
    ReportFormat.JSON: "-export.json",
    ReportFormat.NOTICE: "-notice.md",
}
"""What a report is called beside the plan when no path is given."""

_FORCE_HINT = "add --force to replace it"


def export_form() -> FormDialog:
    """Format, where to write it, and whether an existing file may be replaced."""
    fields = [
        FormField("format", "Format", kind="select", options=FORMATS, initial=ReportFormat.MD, required=True),
        FormField(
            "path",
            "Write to (empty: beside the plan)",
            hint="CSV writes a folder of four files; a notice ending in .html is HTML. Files are 0600.",
        ),
        FormField("force", "Replace a report that is already there (never a plan)", kind="bool"),
    ]
    return FormDialog("Export a report", fields, save_label="Export")


def target(store: PlanStore, fmt: ReportFormat, typed: str) -> Path:
    """The path typed, or the plan's name with the format's suffix beside it."""
    if typed.strip():
        return Path(typed.strip()).expanduser()
    plan = store.path or Path.cwd() / "plan.json"
    return plan.with_name(plan.stem + SUFFIX[fmt])


def export(store: PlanStore, values: Values) -> Written | str:
    """Write the report the form asks for; what was written, or why nothing was."""
    fmt = ReportFormat(values["format"])
    try:
        return export_report(
            fmt, store, target(store, fmt, str(values["path"] or "")), force=bool(values["force"])
        )
    except ReportRefused as exc:
        message = exc.message
        if message.endswith(_FORCE_HINT):
            message = message.removesuffix(_FORCE_HINT) + "tick Replace to replace it"
        return message
