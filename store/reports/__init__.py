"""Reports for people who never open a terminal: Markdown, HTML, CSV, JSON and the notice.

``write_report`` is the one entry point the command line and the app's palette share.
"""

from store.reports.errors import ReportRefused
from store.reports.source import Source, source_of
from store.reports.writing import CSV_TABLES, ReportFormat, Written, render, wants_html_notice, write_report

__all__ = [
    "CSV_TABLES",
    "ReportFormat",
    "ReportRefused",
    "Source",
    "Written",
    "render",
    "source_of",
    "wants_html_notice",
    "write_report",
]
