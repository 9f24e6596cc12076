"""`gplan status`: the collection as a table, JSON or CSV, rendered from the StatusReport."""

from __future__ import annotations

import csv
import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.collection.status import StatusReport, UnitStatus
from gender_plan_cli.contract import STATUS_CSV_COLUMNS
from gender_plan_cli.i18n import text
from gender_plan_cli.safe_output import neutralize

_STYLE = {"on_time": "green", "late": "yellow", "missing": "red"}


def render_status_json(report: StatusReport) -> str:
    return report.model_dump_json(indent=2)


def render_status_csv(report: StatusReport, *, bom: bool = False) -> str:
    """One row per unit, ids as headers; a file written with -o starts with a UTF-8 BOM."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(STATUS_CSV_COLUMNS)
    for u in report.units:
        row = u.model_dump(mode="json")
        row["files"] = " | ".join(u.files)
        writer.writerow([neutralize("" if row[c] is None else row[c]) for c in STATUS_CSV_COLUMNS])
    return ("\ufeff" if bom else "") + buf.getvalue()


def render_status(report: StatusReport, lang: str, console: Console) -> None:
    deadline = report.deadline.strftime("%d/%m/%Y")
    console.print(
        Text(text("status.title", lang, year=report.report_year, deadline=deadline), style="bold")
    )
    registry = report.registry
    console.print(
        Text(
            text("status.registry", lang, path=registry)
            if registry
            else text("status.no-registry", lang),
            style="dim" if registry else "yellow",
        )
    )
    c = report.counts
    console.print(Text(text("status.counts", lang, **c)))
    table = Table(show_header=True, header_style="bold", expand=False)
    for col in ("code", "name", "state", "received", "source", "where"):
        table.add_column(text(f"status.col.{col}", lang), overflow="fold", no_wrap=col == "code")
    for u in report.units:
        table.add_row(
            u.unit_code,
            u.unit_name or "—",
            _state(u, lang),
            u.received.strftime("%d/%m/%Y") if u.received else "—",
            text(f"status.from.{u.received_from}", lang) if u.received_from else "—",
            u.cell or "—",
        )
    console.print(table)


def _state(u: UnitStatus, lang: str) -> Text:
    words = text(f"status.state.{u.state}", lang)
    if u.resubmitted:
        words += " · " + text("status.resubmitted", lang, count=len(u.files))
    if not u.in_registry:
        words += " · " + text("status.not-in-registry", lang)
    if u.valid is False:
        words += " · " + text("status.invalid", lang)
    return Text(words, style=_STYLE[u.state])
