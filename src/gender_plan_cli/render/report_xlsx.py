"""`gplan report`: the city's report as one Excel workbook, built with xlsxwriter.

Every figure is a number with a display format (`0.0%`, `#,##0`: Excel shows them `53,8%` and
`1.234` under Vietnamese regional settings); every text that came from a submission is written
with `write_string`, so nothing a unit typed can become a formula. A4 landscape, Times New Roman,
the agency block and title of an official report, frozen headers.

Sheet order matters: the per-unit sheet is the first whose header matches the data contract,
so `gplan check report.xlsx` reads it as a return (the report of one year is the history of
the next).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gender_plan_cli.i18n import text
from gender_plan_cli.render import report_sheets, report_trend
from gender_plan_cli.render.figures import (
    gap_text,
    indicator_name,
)
from gender_plan_cli.render.report_style import (
    FONT,
    PERCENT,
    Styles,
    _styles,
    headers,
    heading,
    merged,
    number,
    page,
    status,
    widths,
)
from gender_plan_cli.targets.report import CityReport
from gender_plan_cli.targets.results import GapReport, IndicatorResult, indicator_base

# --- Tổng hợp ------------------------------------------------------------------------------

SUMMARY_WIDTHS = [5, 44, 11, 12, 10, 10, 10, 11, 10, 40]


def _target_cells(ind: IndicatorResult) -> tuple[float | None, float | None]:
    """The plan's target and the effective one; the ethnic-minority target is every unit."""
    if ind.id == "ethnic_minority_leaders":
        return (1.0, 1.0) if ind.applicable else (None, None)
    return ind.target, ind.effective_target


def _info_rows(city: CityReport, lang: str) -> list[tuple[str, str | int]]:
    """The facts of the summary, named as a person would: no path, no option."""
    gap = city.gap
    if gap.before_first_milestone:
        kind = text("report.info.milestone.before", lang, first=gap.first_milestone)
    elif gap.on_track:
        kind = text("report.info.milestone.on-track", lang)
    else:
        kind = text("report.info.milestone.at", lang)
    others = [y for y in gap.years_present if y != gap.report_year]
    data_year = str(gap.report_year or "—")
    if others:
        data_year += "; " + text("report.info.other-years", lang, years=", ".join(map(str, others)))
    cov = city.coverage
    coverage = (
        text("report.info.coverage-count", lang, reported=cov.reported, expected=cov.expected)
        if cov.expected is not None
        else text("report.info.coverage-none", lang)
    )
    rules = text("report.info.rules-file", lang, path=rules_name(gap.rules), sha=city.rules.sha256)
    return [
        (text("report.info.target_year", lang), f"{gap.target_year} ({kind})"),
        (text("report.info.report_year", lang), data_year),
        (text("report.info.source", lang), text("report.info.received", lang, count=city.files)),
        (text("report.info.units", lang), gap.units),
        (text("report.info.coverage", lang), coverage),
        (text("report.info.rules", lang), rules),
    ]


def rules_name(shown: str) -> str:
    """`rules/targets.yaml` as the Department calls its rules file, wherever it was read from."""
    path = Path(shown) if shown else Path("rules") / "targets.yaml"
    if path.parent.name == "bundled":  # the copy inside an installed gplan is the same file
        return f"rules/{path.name}"
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _summary_sheet(wb: Any, city: CityReport, lang: str, st: Styles) -> Any:
    ws = wb.add_worksheet(text("report.sheet.summary", lang))
    gap = city.gap
    last = len(SUMMARY_WIDTHS) - 1
    widths(ws, SUMMARY_WIDTHS)
    title = text("report.title", lang, year=gap.target_year)
    row = heading(ws, last, title, text("report.subtitle", lang), lang, st)
    _number_and_date(ws, last, lang, st)
    for label, value in _info_rows(city, lang):
        ws.write_string(row, 1, label, st.label)
        if isinstance(value, int):
            ws.write_number(row, 2, value, wb.add_format({"font_name": FONT, "align": "left"}))
        else:
            merged(ws, row, 2, last, value, wb.add_format({"font_name": FONT, "text_wrap": True}))
        row += 1
    row += 1
    cols = ("no", "indicator", "target", "effective", "actual", "base", "rate", "status", "gap")
    headers(
        ws,
        row,
        [text(f"report.col.{c}", lang) for c in cols] + [text("report.col.gap-text", lang)],
        st,
    )
    page(ws, row)
    first = row + 1
    for i, ind in enumerate(gap.indicators, start=1):
        row += 1
        _indicator_row(ws, row, i, ind, lang, st)
    row += 1
    _women_row(ws, row, len(gap.indicators) + 1, gap, lang, st)
    row = _signature_block(ws, row + 2, last, lang, st)
    ws.set_h_pagebreaks([row + 1, row + 25])
    _progress_chart(wb, ws, first, first + len(gap.indicators) - 1, row + 2, gap, lang)
    return ws


def _number_and_date(ws: Any, last: int, lang: str, st: Styles) -> None:
    """Số, ký hiệu (left) and place and date (right), under the issuer and the motto."""
    doc = st.document
    split = max(2, last // 3)
    merged(ws, 2, 0, split, doc.number_line(lang), st.plain_center)
    merged(ws, 2, split + 1, last, doc.date_line(lang), st.date_line)


def _signature_block(ws: Any, row: int, last: int, lang: str, st: Styles) -> int:
    """Nơi nhận (left) and the signer's authority, title and name (right); the last row."""
    doc = st.document
    split = max(2, last // 3)
    ws.write_string(row, 0, text("report.doc.recipients", lang), st.recipients_label)
    for i, line in enumerate(doc.recipient_lines(lang), start=1):
        ws.write_string(row + i, 0, line, st.small)
    signer = doc.signer
    lines = [
        (signer.authority.upper(), st.agency),
        (signer.title.upper(), st.agency),
        (text("report.doc.signature-blank", lang), st.date_line),
        ("", st.agency),
        ("", st.agency),
        (signer.name, st.agency),
    ]
    for i, (value, style) in enumerate(lines):
        merged(ws, row + i, split + 1, last, value, style)
    return row + max(len(lines), len(doc.recipient_lines(lang)) + 1)


def _indicator_row(ws: Any, row: int, no: int, ind: IndicatorResult, lang: str, st: Styles) -> None:
    target, effective = _target_cells(ind)
    ws.set_row(row, 48)
    ws.write_number(row, 0, no, st.year)
    ws.write_string(row, 1, indicator_name(ind.id, lang), st.text)
    number(ws, row, 2, target, st.percent, st.text)
    number(ws, row, 3, effective, st.percent, st.text)
    number(ws, row, 4, ind.actual if ind.applicable else None, st.count, st.text)
    number(ws, row, 5, indicator_base(ind) if ind.applicable else None, st.count, st.text)
    number(ws, row, 6, ind.rate, st.percent, st.text)
    status(ws, row, 7, ind.met, lang, st)
    number(ws, row, 8, ind.gap if ind.applicable else None, st.count, st.text)
    ws.write_string(row, 9, gap_text(ind, lang), st.text)


def _women_row(ws: Any, row: int, no: int, gap: GapReport, lang: str, st: Styles) -> None:
    share = gap.women_leaders
    ws.set_row(row, 34)
    ws.write_number(row, 0, no, st.year)
    ws.write_string(row, 1, text("gap.ind.women_leaders", lang), st.text)
    for col in (2, 3, 8):
        ws.write_blank(row, col, None, st.text)
    number(ws, row, 4, share.leaders_female if share else None, st.count, st.text)
    number(ws, row, 5, share.leaders_total if share else None, st.count, st.text)
    number(ws, row, 6, share.rate if share else None, st.percent, st.text)
    ws.write_string(row, 7, text("trend.no-target", lang), st.text)
    ws.write_string(row, 9, "", st.text)


def _progress_chart(
    wb: Any, ws: Any, first: int, last: int, at: int, gap: GapReport, lang: str
) -> None:
    chart = wb.add_chart({"type": "column"})
    sheet = ws.get_name()
    cats = [sheet, first, 1, last, 1]
    chart.add_series(
        {
            "name": text("report.col.rate", lang),
            "categories": cats,
            "values": [sheet, first, 6, last, 6],
            "fill": {"color": "#2E75B6"},
            "data_labels": {"value": True, "num_format": PERCENT},
        }
    )
    chart.add_series(
        {
            "name": text("report.col.effective", lang),
            "categories": cats,
            "values": [sheet, first, 3, last, 3],
            "fill": {"color": "#F4B183"},
        }
    )
    chart.set_title(
        {
            "name": text("report.chart.progress", lang, year=gap.target_year),
            "name_font": {"name": FONT, "size": 13},
        }
    )
    chart.set_y_axis({"num_format": "0%", "min": 0, "max": 1, "num_font": {"name": FONT}})
    chart.set_x_axis({"num_font": {"name": FONT, "size": 9}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    chart.set_size({"width": 1100, "height": 420})
    ws.insert_chart(at, 1, chart)


# --- the workbook ----------------------------------------------------------------------------


def build_workbook(path: Path, city: CityReport, lang: str, document: Any = None) -> None:
    """Write the workbook at `path` (the caller makes that atomic). `document`: the
    ReportDocument of `rules/report.yaml` (blanks when None)."""
    import xlsxwriter

    from gender_plan_cli.render.report_document import ReportDocument

    wb = xlsxwriter.Workbook(
        str(path),
        {
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_format_properties": {"font_name": FONT, "font_size": 12},
        },
    )
    wb.set_properties({"title": text("report.title", lang, year=city.gap.target_year)})
    st = _styles(wb)
    st.document = document or ReportDocument()
    summary = _summary_sheet(wb, city, lang, st)
    report_trend.trend_sheet(wb, city, lang, st)
    for by, grouped in city.groups.items():
        report_sheets.group_sheet(wb, by, grouped, lang, st)
    report_sheets.units_sheet(wb, city, lang, st)
    short_rows = report_sheets.targets_sheet(wb, city, lang, st)
    report_sheets.adjusted_sheet(wb, city, lang, st)
    report_sheets.coverage_sheet(wb, city, lang, st)
    report_sheets.findings_sheet(wb, city, lang, st)
    report_sheets.shortfall_chart(wb, summary, short_rows, lang)
    summary.activate()
    wb.close()
