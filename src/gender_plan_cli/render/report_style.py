"""The report workbook's look: fonts, number formats, page set-up and the helpers every sheet uses."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from gender_plan_cli.i18n import text
from gender_plan_cli.render.figures import (
    status_word,
)

FONT = "Times New Roman"
PERCENT = "0.0%"  # shown 53,8% where the decimal mark is a comma
COUNT = "#,##0"  # shown 1.234 where the thousands mark is a dot
DECIMAL = "#,##0.00"
YEAR = "0"
SHORT_UNITS = 15  # units on the shortfall chart


@dataclass
class Styles:
    """The workbook's cell formats, made once."""

    title: Any
    subtitle: Any
    agency: Any
    agency_line: Any
    header: Any
    text: Any
    text_bold: Any
    label: Any
    count: Any
    percent: Any
    decimal: Any
    year: Any
    status_met: Any
    status_unmet: Any
    note: Any
    date_line: Any = None
    plain_center: Any = None
    recipients_label: Any = None
    small: Any = None
    document: Any = None  # the ReportDocument: issuer, number, date, recipients, signer


def _styles(wb: Any) -> Styles:
    def fmt(**props: Any) -> Any:
        return wb.add_format({"font_name": FONT, "font_size": 12, "valign": "vcenter", **props})

    cell = {"border": 1, "text_wrap": True}
    return Styles(
        title=fmt(bold=True, font_size=14, align="center", text_wrap=True),
        subtitle=fmt(italic=True, align="center", text_wrap=True),
        agency=fmt(bold=True, align="center"),
        agency_line=fmt(bold=True, align="center", underline=1),
        header=fmt(bold=True, align="center", bg_color="#DDEBF7", **cell),
        text=fmt(**cell),
        text_bold=fmt(bold=True, **cell),
        label=fmt(bold=True),
        count=fmt(num_format=COUNT, **cell),
        percent=fmt(num_format=PERCENT, **cell),
        decimal=fmt(num_format=DECIMAL, **cell),
        year=fmt(num_format=YEAR, align="center", **cell),
        status_met=fmt(bold=True, font_color="#006100", bg_color="#C6EFCE", **cell),
        status_unmet=fmt(bold=True, font_color="#9C0006", bg_color="#FFC7CE", **cell),
        note=fmt(italic=True, text_wrap=True, valign="top"),
        date_line=fmt(italic=True, align="center"),
        plain_center=fmt(align="center"),
        recipients_label=fmt(bold=True, italic=True),
        small=fmt(font_size=11),
    )


def merged(ws: Any, row: int, first: int, last: int, value: str, style: Any) -> None:
    """A text over several columns, written as a string (never a formula)."""
    if last > first:
        ws.merge_range(row, first, row, last, "", style)
    ws.write_string(row, first, value, style)


def number(ws: Any, row: int, col: int, value: float | int | None, style: Any, blank: Any) -> None:
    """A figure as a number, or an empty bordered cell when there is none."""
    if value is None:
        ws.write_blank(row, col, None, blank)
    else:
        ws.write_number(row, col, value, style)


def status(ws: Any, row: int, col: int, met: bool | None, lang: str, st: Styles) -> None:
    style = st.text if met is None else (st.status_met if met else st.status_unmet)
    ws.write_string(row, col, status_word(met, lang), style)


def fit_row(ws: Any, row: int, cells: Sequence[tuple[str, float]], minimum: float = 18) -> None:
    """A row tall enough for its wrapped texts (xlsxwriter cannot measure; LibreOffice and
    Excel keep the height written): about 1.15 characters per unit of column width."""
    lines = max((math.ceil(len(t) * 1.05 / max(w, 1)) for t, w in cells if t), default=1)
    ws.set_row(row, max(minimum, 16.5 * lines))


def page(
    ws: Any, header_row: int | None, *, freeze_col: int = 0, repeat: int | None = None
) -> None:
    """A4 landscape, one page wide, the header frozen and (from row `repeat`) repeated on
    every printed page."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    ws.center_horizontally()
    ws.set_footer("&C&P/&N")
    if header_row is not None:
        if repeat is not None:
            ws.repeat_rows(repeat, header_row)
        ws.freeze_panes(header_row + 1, freeze_col)


def heading(ws: Any, last_col: int, title: str, subtitle: str, lang: str, st: Styles) -> int:
    """The agency block (left), the national motto (right), title and subtitle; the next row."""
    split = max(2, last_col // 3)
    right = split + 1
    doc = st.document
    top = doc.parent(lang) if doc is not None else text("report.agency.top", lang)
    body = doc.body(lang) if doc is not None else text("report.agency.unit", lang)
    merged(ws, 0, 0, split, top.upper(), st.agency)
    merged(ws, 1, 0, split, body.upper(), st.agency_line)
    merged(ws, 0, right, last_col, text("report.nation", lang), st.agency)
    merged(ws, 1, right, last_col, text("report.motto", lang), st.agency_line)
    ws.set_row(3, 36)
    merged(ws, 3, 0, last_col, title, st.title)
    if subtitle:
        ws.set_row(4, 34)
        merged(ws, 4, 0, last_col, subtitle, st.subtitle)
    return 6


def headers(ws: Any, row: int, labels: list[str], st: Styles, height: float = 34) -> None:
    ws.set_row(row, height)
    for col, label in enumerate(labels):
        ws.write_string(row, col, label, st.header)


def widths(ws: Any, sizes: Sequence[float]) -> None:
    for col, size in enumerate(sizes):
        ws.set_column(col, col, size)


A4 = 9
