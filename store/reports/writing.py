"""Render a report in one format and write it: the one function the command line and app call."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from store.exchange import export_bytes
from store.files import atomic_write, make_private_folder
from store.planstore import PlanStore
from store.reports import csvfiles, html, markdown
from store.reports.content import governance_document
from store.reports.errors import ReportRefused
from store.reports.notice import notice_document
from store.reports.source import Source, source_of
from store.reports.targets import check_target


class ReportFormat(StrEnum):
    """What ``export --format`` accepts."""

    MD = "md"
    HTML = "html"
    CSV = "csv"
    JSON = "json"
    NOTICE = "notice"


CSV_TABLES = tuple(csvfiles.TABLES)
"""The tables ``--table`` names."""

_WHAT = {
    ReportFormat.MD: "the governance report in Markdown; small groups suppressed",
    ReportFormat.HTML: "the governance report in HTML; small groups suppressed",
    ReportFormat.CSV: "CSV, small groups suppressed",
    ReportFormat.JSON: "the whole plan with raw values, small groups included: keep it private",
    ReportFormat.NOTICE: "the participants' notice",
}


@dataclass(frozen=True)
class Written:
    """What an export wrote, in words for the person who asked."""

    paths: tuple[Path, ...]
    message: str
    """'Wrote report.html (the governance report in HTML; small groups suppressed).'"""
    gaps: tuple[str, ...] = ()
    """What the plan does not say yet that this report needs ('how to leave the pilot');
    the notice says so in its own words too."""


def wants_html_notice(out: Path | None, notice_format: str | None) -> bool:
    """The notice is HTML when asked for, or when --out ends in .html or .htm; else Markdown."""
    if notice_format is not None:
        return notice_format == "html"
    return out is not None and out.suffix.lower() in (".html", ".htm")


def render(
    source: Source, fmt: ReportFormat, *, table: str | None = None, html_notice: bool = False
) -> tuple[bytes, tuple[str, ...]]:
    """One report as bytes, with the gaps it found; CSV needs ``table`` here."""
    if fmt is ReportFormat.JSON:
        return export_bytes(source.plan, source.generated), ()
    if fmt is ReportFormat.CSV:
        if table is None:
            raise ReportRefused(
                "CSV writes one file per table: name a folder with --out, or one table with --table"
            )
        return csvfiles.TABLES[table](source), ()
    if fmt is ReportFormat.NOTICE:
        pilot = source.plan.current_pilot()
        if pilot is None:
            where = source.path or "the plan"
            raise ReportRefused(
                f"{where}: has no pilot yet, and a notice describes one; design the pilot first"
            )
        document = notice_document(source.plan, pilot)
    else:
        document = governance_document(source)
    as_html = fmt is ReportFormat.HTML or (fmt is ReportFormat.NOTICE and html_notice)
    text = html.render(document) if as_html else markdown.render(document)
    return text.encode("utf-8"), document.gaps


def write_report(
    source: Source,
    fmt: ReportFormat,
    out: Path,
    *,
    force: bool = False,
    table: str | None = None,
    notice_format: str | None = None,
) -> Written:
    """Write one report to ``out`` (a folder for CSV without ``table``).

    Every target is checked before anything is written, so a refusal leaves every file as
    it was: an existing file needs ``force``, and a plan file (the one exported or any
    other, told by its content) is never replaced. Each file is written atomically,
    readable by its owner only; a disk that fails midway through a CSV folder leaves the
    tables already written.
    """
    if fmt is ReportFormat.CSV and table is None:
        return _write_folder(source, out, force)
    target = check_target(out, source.path, force=force)
    data, gaps = render(source, fmt, table=table, html_notice=wants_html_notice(out, notice_format))
    _write(target, data)
    return Written((out,), f"Wrote {out} ({_WHAT[fmt]}).", gaps)


def export_report(fmt: ReportFormat | str, store: PlanStore, out: Path, *, force: bool = False) -> Written:
    """The app's palette entry: write ``store``'s plan as ``fmt`` to ``out`` and say where.

    Raises ``ReportRefused`` (one line naming the file) when nothing was written. CSV
    writes a folder of tables at ``out``; the notice is HTML when ``out`` ends in .html.
    """
    source = source_of(store.plan, path=store.path, stored_history=store.tables().get("history"))
    return write_report(source, ReportFormat(fmt), out, force=force)


def _write_folder(source: Source, folder: Path, force: bool) -> Written:
    if folder.exists() and not folder.is_dir():
        raise ReportRefused(f"{folder}: is a file; CSV without --table writes a folder of files")
    names = [folder / f"{name}.csv" for name in CSV_TABLES]
    targets = [check_target(path, source.path, force=force) for path in names]
    files = [render(source, ReportFormat.CSV, table=name)[0] for name in CSV_TABLES]
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise ReportRefused(f"{folder}: cannot be created ({exc.strerror or exc})") from None
    for target, data in zip(targets, files, strict=True):
        _write(target, data)
    listed = ", ".join(path.name for path in names)
    return Written(
        tuple(names), f"Wrote {len(names)} CSV files into {folder}: {listed} ({_WHAT[ReportFormat.CSV]})."
    )


def _write(target: Path, data: bytes) -> None:
    try:
        atomic_write(target, data)
    except OSError as exc:
        raise ReportRefused(f"{target}: cannot be written ({exc.strerror or exc})") from None
