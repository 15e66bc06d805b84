"""Reports for people who never open a terminal: Markdown, HTML, CSV, JSON and the notice.

``write_report`` is what the command line calls; ``export_report`` is the same for the
app's palette, from an open store.
"""

from store.reports.errors import ReportRefused
from store.reports.source import Source, source_of
from store.reports.writing import (
    CSV_TABLES,
    ReportFormat,
    Written,
    export_report,
    render,
    wants_html_notice,
    write_report,
)

__all__ = [
    "CSV_TABLES",
    "ReportFormat",
    "ReportRefused",
    "Source",
    "Written",
    "export_report",
    "render",
    "source_of",
    "wants_html_notice",
    "write_report",
]
