"""`gplan status`: the collection as a table, JSON, CSV or a workbook for mail merge, rendered
from the StatusReport."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.collection.status import (
    SELECTIONS,
    Selection,
    StatusReport,
    UnitStatus,
)
from gender_plan_cli.contract import STATUS_CSV_COLUMNS
from gender_plan_cli.i18n import text
from gender_plan_cli.render.gap_csv import CsvStyle, write_table
from gender_plan_cli.safe_output import neutralize

_STYLE = {"on_time": "green", "late": "yellow", "missing": "red"}
_WHERE_WIDTH = 48  # the widest a file name is shown on one line of the table


def selected(report: StatusReport, only: tuple[Selection, ...] | None) -> StatusReport:
    """The report with only the units `--only` names (every unit when None); counts kept."""
    if not only:
        return report
    units = [u for u in report.units if any(u.selected(s) for s in only)]
    return report.model_copy(update={"units": units})


def day_text(day: date | None, lang: str) -> str:
    """A date as a person reads it: 15/12/2025 in Vietnamese, 2025-12-15 in English."""
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def disputed_text(u: UnitStatus, lang: str) -> str:
    """`the file time says 08/01/2026 (after the deadline)`, for each source that disagrees."""
    return "; ".join(
        text(
            "status.disputed",
            lang,
            source=text(f"status.from.{d.source}", lang),
            day=d.day.strftime("%d/%m/%Y"),
            side=text("status.side.late" if u.state == "on_time" else "status.side.on-time", lang),
        )
        for d in u.disputed
    )


def render_status_json(report: StatusReport) -> str:
    return report.model_dump_json(indent=2)


def render_status_csv(
    report: StatusReport, style: CsvStyle | None = None, *, bom: bool = False
) -> str:
    """One row per unit: ids, `,` and ISO dates (`--lang en`, `--csv-ids`), or Vietnamese
    headers and words, `;` and dd/mm/yyyy; a file written with -o starts with a UTF-8 BOM."""
    style = style or CsvStyle()
    lang = "en" if style.ids else style.lang
    header = [c if style.ids else text(f"status.csv.{c}", lang) for c in STATUS_CSV_COLUMNS]
    return write_table(header, (_csv_row(u, style, lang) for u in report.units), style, bom=bom)


def _csv_row(u: UnitStatus, style: CsvStyle, lang: str) -> list[Any]:
    if style.ids:
        row = u.model_dump(mode="json")
        row["files"] = " | ".join(u.files)
        row["disputed"] = " | ".join(f"{d.day.isoformat()} {d.source}" for d in u.disputed)
        return ["" if row[c] is None else str(row[c]) for c in STATUS_CSV_COLUMNS]
    words = {
        "unit_code": u.unit_code,
        "unit_name": u.unit_name or "",
        "state": text(f"status.state.{u.state}", lang),
        "resubmitted": _yes(u.resubmitted, lang),
        "received": day_text(u.received, lang),
        "received_from": text(f"status.from.{u.received_from}", lang) if u.received_from else "",
        "cell": u.cell or "",
        "files": " | ".join(u.files),
        "in_registry": _yes(u.in_registry, lang),
        "valid": "" if u.valid is None else _yes(u.valid, lang),
        "disputed": disputed_text(u, lang),
    }
    return [words[c] for c in STATUS_CSV_COLUMNS]


def _yes(value: bool, lang: str) -> str:
    return text("report.yes" if value else "report.no", lang)


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
    top = _common_folder(report)
    if top:
        console.print(Text(text("status.folder", lang, path=top), style="dim"))
    where = {u.unit_code: _where(u.cell, top) for u in report.units}
    wide = max((len(w) for w in where.values()), default=10)
    table = Table(show_header=True, header_style="bold", expand=False)
    for col in ("code", "name", "state", "received", "source", "where"):
        table.add_column(
            text(f"status.col.{col}", lang),
            overflow="fold",
            # the file column is not narrowed to make room: the other columns wrap first
            no_wrap=col == "code" or (col == "where" and wide <= _WHERE_WIDTH),
        )
    for u in report.units:
        received = u.received.strftime("%d/%m/%Y") if u.received else "—"
        for d in u.disputed:
            received += "\n≠ " + d.day.strftime("%d/%m/%Y")
        table.add_row(
            u.unit_code,
            u.unit_name or "—",
            _state(u, lang),
            received,
            text(f"status.from.{u.received_from}", lang) if u.received_from else "—",
            where[u.unit_code],
        )
    console.print(table)


def _common_folder(report: StatusReport) -> str:
    """The folder every file of the table is in, said once above it."""
    import os

    folders = {str(Path(f).parent) for u in report.units for f in u.files}
    if not folders:
        return ""
    try:
        common = os.path.commonpath(sorted(folders))
    except ValueError:  # relative and absolute, or two drives
        return ""
    return "" if common in ("", ".") else common


def _where(cell: str | None, top: str) -> str:
    """The file (under the folder said above the table) and the cell: a name is never cut."""
    if not cell:
        return "—"
    if top and cell.startswith(top + os.sep):
        return cell[len(top) + 1 :]
    return cell


def _state(u: UnitStatus, lang: str) -> Text:
    words = text(f"status.state.{u.state}", lang)
    if u.resubmitted:
        words += " · " + text("status.resubmitted", lang, count=len(u.files))
    if not u.in_registry:
        words += " · " + text("status.not-in-registry", lang)
    if u.valid is False:
        words += " · " + text("status.invalid", lang)
    if u.disputed:
        words += " · " + disputed_text(u, lang)
    return Text(words, style=_STYLE[u.state])


# --- the workbook: one sheet per state, for mail merge ---------------------------------------

_XLSX_COLUMNS = (
    ("code", 12),
    ("name", 44),
    ("state", 28),
    ("received", 12),
    ("source", 18),
    ("disputed", 40),
    ("file", 40),
    ("cell", 8),
)


def build_status_workbook(
    path: Path, report: StatusReport, lang: str, only: tuple[Selection, ...] | None = None
) -> None:
    """One sheet per state (late, missing, invalid, on time), each a plain table whose first row
    is its header, as mail merge reads it; dates are dates (dd/mm/yyyy); no text a unit typed
    can become a formula."""
    import xlsxwriter

    from gender_plan_cli.intake.own_output import STATUS_MARKER

    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False},
    )
    wb.set_properties({"keywords": STATUS_MARKER})  # never read as a return (own-output)
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    cell = wb.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    day = wb.add_format({"border": 1, "num_format": "dd/mm/yyyy", "valign": "top"})
    for selection in only or SELECTIONS:
        ws = wb.add_worksheet(text(f"status.sheet.{selection}", lang))
        for col, (name, width) in enumerate(_XLSX_COLUMNS):
            ws.set_column(col, col, width)
            ws.write_string(0, col, text(f"status.xlsx.{name}", lang), head)
        ws.freeze_panes(1, 0)
        units = [u for u in report.units if u.selected(selection)]
        for r, u in enumerate(units, start=1):
            values = _xlsx_row(u, lang)
            for col, value in enumerate(values):
                if isinstance(value, date):
                    ws.write_datetime(r, col, _midnight(value), day)
                else:
                    ws.write_string(r, col, neutralize(value), cell)
        ws.autofilter(0, 0, max(len(units), 1), len(_XLSX_COLUMNS) - 1)
    wb.close()


def _xlsx_row(u: UnitStatus, lang: str) -> list[Any]:
    file = u.files[-1] if u.files else ""
    where = (u.cell or "").removeprefix(file).strip() if file else ""
    state = text(f"status.state.{u.state}", lang)
    if u.valid is False:
        state += " · " + text("status.invalid", lang)
    return [
        u.unit_code,
        u.unit_name or "",
        state,
        u.received if u.received else "",
        text(f"status.from.{u.received_from}", lang) if u.received_from else "",
        disputed_text(u, lang),
        file,
        where,
    ]


def _midnight(day: date) -> Any:
    from datetime import datetime

    return datetime(day.year, day.month, day.day)
