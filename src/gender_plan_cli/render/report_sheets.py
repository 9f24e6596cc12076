"""The report workbook's detail sheets: groups, the per-unit return, each unit's own targets
and shortfalls, adjusted and exempt units, and the findings of the read."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from gender_plan_cli.contract import FIELDS, Kind, choice_label
from gender_plan_cli.i18n import text
from gender_plan_cli.render.figures import group_name, indicator_name
from gender_plan_cli.render.report_style import (
    FONT,
    SHORT_UNITS,
    Styles,
    fit_row,
    headers,
    heading,
    merged,
    number,
    page,
    status,
    widths,
)
from gender_plan_cli.targets.report import CityReport
from gender_plan_cli.targets.results import GapReport, UnitResult
from gender_plan_cli.words import vi_sort_key

SHORT_KINDS = ("key", "pool", "trained", "ethnic")
SHORT_OF = {
    "female_key_leader": "key",
    "pool_female": "pool",
    "pool_female_trained": "trained",
    "ethnic_minority_leaders": "ethnic",
}


# --- one sheet per grouping ----------------------------------------------------------------


def group_sheet(wb: Any, by: str, grouped: GapReport, lang: str, st: Styles) -> None:
    from gender_plan_cli.contract import FIELD_BY_ID

    ws = wb.add_worksheet(text(f"report.sheet.{by}", lang))
    inds = grouped.indicators
    last = 2 + 3 * len(inds)
    widths(ws, [40, 9] + [10, 12, 9] * len(inds) + [12])
    title = text("report.groups.title", lang, by=FIELD_BY_ID[by].label(lang).upper())
    row = heading(ws, last, title, "", lang, st) - 1
    ws.set_row(row, 48)
    ws.merge_range(row, 0, row + 1, 0, "", st.header)
    ws.write_string(row, 0, text("report.col.group", lang), st.header)
    ws.merge_range(row, 1, row + 1, 1, "", st.header)
    ws.write_string(row, 1, text("report.col.units", lang), st.header)
    for i, ind in enumerate(inds):
        merged(ws, row, 2 + 3 * i, 4 + 3 * i, indicator_name(ind.id, lang), st.header)
        for j, col in enumerate(("rate", "status", "gap")):
            ws.write_string(row + 1, 2 + 3 * i + j, text(f"report.col.{col}", lang), st.header)
    ws.merge_range(row, last, row + 1, last, "", st.header)
    ws.write_string(row, last, text("gap.col.women_leaders", lang), st.header)
    page(ws, row + 1, freeze_col=1, repeat=row)
    for g in grouped.groups:
        row += 1
        r = row + 1
        name = group_name(grouped, g.key, g.label, lang)
        fit_row(ws, r, [(name, 40)])
        ws.write_string(r, 0, name, st.text)
        ws.write_number(r, 1, g.units, st.count)
        for i, ind in enumerate(g.indicators):
            number(ws, r, 2 + 3 * i, ind.rate, st.percent, st.text)
            status(ws, r, 3 + 3 * i, ind.met, lang, st)
            number(ws, r, 4 + 3 * i, ind.gap if ind.applicable else None, st.count, st.text)
        women = g.women_leaders.rate if g.women_leaders is not None else None
        number(ws, r, last, women, st.percent, st.text)


# --- the per-unit return -------------------------------------------------------------------


def _cell_value(record: Any, fid: str, lang: str) -> Any:
    value = getattr(record, fid)
    if fid == "level":
        return choice_label(Kind.LEVEL, value, lang)
    if fid == "unit_type":
        return choice_label(Kind.UNIT_TYPE, value, lang)
    if fid == "ethnic_minority_area":
        return text("report.yes" if value else "report.no", lang)
    return value


def units_sheet(wb: Any, city: CityReport, lang: str, st: Styles) -> None:
    """The units of the report year as a return in the form: the contract's labels in the
    header, one row per unit, choices as their labels — what `gplan check` reads."""
    ws = wb.add_worksheet(text("report.sheet.units", lang))
    last = len(FIELDS)
    sizes = [5, 10, 40, 10, 14, 26, 22, 8] + [10] * (last - 7)
    sizes[-1] = 30
    widths(ws, sizes)
    year = city.gap.report_year or city.gap.target_year
    title = text("report.units.title", lang, year=year)
    row = heading(ws, last, title, "", lang, st)
    labels = [text("report.col.no", lang)] + [f.label(lang) for f in FIELDS]
    headers(ws, row, labels, st, height=80)
    page(ws, row, freeze_col=3, repeat=row)
    for i, record in enumerate(city.records, start=1):
        r = row + i
        texts = [record.unit_name, record.sector or "", record.notes or ""]
        type_label = choice_label(Kind.UNIT_TYPE, record.unit_type, lang)
        fit_row(ws, r, list(zip(texts + [type_label], (40, 22, 30, 26), strict=True)))
        ws.write_number(r, 0, i, st.year)
        for c, field in enumerate(FIELDS, start=1):
            value = _cell_value(record, field.id, lang)
            if value is None:
                ws.write_blank(r, c, None, st.text)
            elif isinstance(value, bool):
                ws.write_string(r, c, str(value), st.text)
            elif isinstance(value, (int, float)):
                style = st.year if field.id == "report_year" else st.count
                if isinstance(value, float) and not value.is_integer():
                    style = st.decimal
                ws.write_number(r, c, value, style)
            else:
                ws.write_string(r, c, str(value), st.text)


# --- each unit's own targets and shortfalls ------------------------------------------------


def _by_unit(gap: GapReport) -> dict[str, dict[str, UnitResult]]:
    out: dict[str, dict[str, UnitResult]] = {}
    for ind in gap.indicators:
        for u in ind.units:
            out.setdefault(u["unit_code"], {})[ind.id] = u
    return out


def _shortfalls(results: dict[str, UnitResult]) -> dict[str, int]:
    return {SHORT_OF[i]: u["shortfall"] for i, u in results.items()}


def targets_sheet(wb: Any, city: CityReport, lang: str, st: Styles) -> tuple[str, int, int]:
    """One row per unit, the largest total shortfall first; returns (sheet, first row, last
    row) of the units the shortfall chart shows."""
    ws = wb.add_worksheet(text("report.sheet.targets", lang))
    results = _by_unit(city.gap)
    exempt = {a.unit_code for a in city.gap.indicator("female_key_leader").adjustments if a.exempt}
    rows = sorted(
        city.records,
        key=lambda r: (-sum(_shortfalls(results.get(r.unit_code, {})).values()), r.unit_code),
    )
    cols = [
        ("code", 10), ("name", 40), ("own-target", 10), ("has-key", 9), ("key", 8),
        ("rate", 9), ("need", 9), ("pool", 8), ("rate", 9), ("trained", 8),
        ("need", 8), ("have", 8), ("ethnic", 8), ("total-short", 12),
    ]  # fmt: skip
    widths(ws, [w for _, w in cols])
    last = len(cols) - 1
    row = heading(ws, last, text("report.targets.title", lang), "", lang, st)
    labels = [
        text(f"report.short.{c}", lang) + " — " + text("report.col.short", lang)
        if c in SHORT_KINDS
        else text(f"report.col.{c}", lang)
        for c, _ in cols
    ]
    headers(ws, row, labels, st, height=80)
    page(ws, row, freeze_col=2, repeat=row)
    for i, record in enumerate(rows, start=1):
        fit_row(ws, row + i, [(record.unit_name, 40)])
        _target_row(ws, row + i, record, results.get(record.unit_code, {}), exempt, lang, st)
    shown = min(SHORT_UNITS, sum(1 for r in rows if _total(results.get(r.unit_code, {}))))
    return ws.get_name(), row + 1, row + max(shown, 1)


def _total(results: dict[str, UnitResult]) -> int:
    return sum(_shortfalls(results).values())


def _target_row(
    ws: Any,
    r: int,
    record: Any,
    res: dict[str, UnitResult],
    exempt: set[str],
    lang: str,
    st: Styles,
) -> None:
    ws.write_string(r, 0, record.unit_code, st.text)
    ws.write_string(r, 1, record.unit_name, st.text)
    key = res.get("female_key_leader")
    if record.unit_code in exempt:
        ws.write_string(r, 2, text("gap.exempt", lang), st.text)
    else:
        number(ws, r, 2, key["target"] if key else None, st.percent, st.text)
    if key is None:
        ws.write_blank(r, 3, None, st.text)
    else:
        ws.write_string(r, 3, text("report.yes" if key["met"] else "report.no", lang), st.text)
    number(ws, r, 4, key["shortfall"] if key else None, st.count, st.text)
    pool, trained, ethnic = (res.get(i) for i in SHORT_OF if i != "female_key_leader")
    number(ws, r, 5, pool["rate"] if pool else None, st.percent, st.text)
    need = math.ceil(pool["required"] - 1e-9) if pool else None
    number(ws, r, 6, need, st.count, st.text)
    number(ws, r, 7, pool["shortfall"] if pool else None, st.count, st.text)
    number(ws, r, 8, trained["rate"] if trained else None, st.percent, st.text)
    number(ws, r, 9, trained["shortfall"] if trained else None, st.count, st.text)
    number(ws, r, 10, int(ethnic["required"]) if ethnic else None, st.count, st.text)
    number(ws, r, 11, ethnic["actual"] if ethnic else None, st.count, st.text)
    number(ws, r, 12, ethnic["shortfall"] if ethnic else None, st.count, st.text)
    ws.write_number(r, 13, _total(res), st.count)


def shortfall_chart(wb: Any, ws: Any, rows: tuple[str, int, int], lang: str) -> None:
    """Units by shortfall: the first rows of the targets sheet, stacked by indicator."""
    sheet, first, last = rows
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    colours = ("#C00000", "#2E75B6", "#70AD47", "#FFC000")
    for kind, col, colour in zip(SHORT_KINDS, (4, 7, 9, 12), colours, strict=True):
        chart.add_series(
            {
                "name": text(f"report.short.{kind}", lang),
                "categories": [sheet, first, 1, last, 1],
                "values": [sheet, first, col, last, col],
                "fill": {"color": colour},
                "gap": 60,
            }
        )
    n = last - first + 1
    chart.set_title(
        {"name": text("report.chart.short", lang, n=n), "name_font": {"name": FONT, "size": 13}}
    )
    chart.set_y_axis({"reverse": True, "num_font": {"name": FONT, "size": 9}})
    chart.set_x_axis({"num_font": {"name": FONT}, "major_gridlines": {"visible": True}})
    chart.set_legend({"position": "bottom", "font": {"name": FONT}})
    chart.set_size({"width": 1100, "height": 60 + 26 * n})
    ws.insert_chart(_below_progress_chart(ws), 1, chart)


def _below_progress_chart(ws: Any) -> int:
    """The row after the second page break of the summary sheet, under the progress chart."""
    return int(ws.dim_rowmax or 0) + 27


# --- adjusted and exempt units -------------------------------------------------------------


def adjusted_sheet(wb: Any, city: CityReport, lang: str, st: Styles) -> None:
    ws = wb.add_worksheet(text("report.sheet.adjusted", lang))
    cols = (("code", 10), ("name", 40), ("sector", 22), ("share", 12), ("basis", 16),
            ("mode", 22), ("own-target", 12), ("has-key", 10))  # fmt: skip
    widths(ws, [w for _, w in cols])
    last = len(cols) - 1
    row = heading(ws, last, text("report.adjusted.title", lang), "", lang, st)
    labels = [
        text("gap.adjusted.col.sector", lang) if c == "sector" else text(f"report.col.{c}", lang)
        for c, _ in cols
    ]
    headers(ws, row, labels, st, height=50)  # "Tỷ lệ nữ CBCCVC, NLĐ": three lines
    page(ws, row, freeze_col=2, repeat=row)
    adjustments = city.gap.indicator("female_key_leader").adjustments
    if not adjustments:
        ws.write_string(row + 1, 0, text("report.adjusted.none", lang))
    for i, a in enumerate(
        sorted(adjustments, key=lambda a: (vi_sort_key(a.sector or ""), a.unit_code)), 1
    ):
        r = row + i
        fit_row(
            ws, r, [(a.unit_name, 40), (a.sector or "", 22), (text(f"gap.mode.{a.mode}", lang), 22)]
        )
        ws.write_string(r, 0, a.unit_code, st.text)
        ws.write_string(r, 1, a.unit_name, st.text)
        ws.write_string(r, 2, a.sector or "—", st.text)
        number(ws, r, 3, a.share, st.percent, st.text)
        ws.write_string(r, 4, text(f"gap.basis.{a.basis}", lang), st.text)
        ws.write_string(r, 5, text(f"gap.mode.{a.mode}", lang), st.text)
        if a.exempt:
            ws.write_string(r, 6, text("gap.exempt", lang), st.text)
        else:
            number(ws, r, 6, a.target, st.percent, st.text)
        ws.write_string(r, 7, text("report.yes" if a.met else "report.no", lang), st.text)


# --- the findings of the read --------------------------------------------------------------


def findings_sheet(wb: Any, city: CityReport, lang: str, st: Styles) -> None:
    """The notes of the read, as a person reads them: the file's name, the sheet, the cell and
    what was found — no path, no finding code, no field id, no command-line option."""
    ws = wb.add_worksheet(text("report.sheet.findings", lang))
    cols = (("file", 30), ("sheet", 14), ("cell", 7), ("severity", 10), ("message", 88))
    widths(ws, [w for _, w in cols])
    last = len(cols) - 1
    row = heading(ws, last, text("report.findings.title", lang), "", lang, st)
    skipped = city.gap.skipped
    if skipped:
        files = "; ".join(Path(s.file).name for s in skipped)
        note = text("report.findings.skipped", lang, rows=city.gap.skipped_rows, files=files)
        merged(ws, row, 0, last, plain(note, lang), st.note)
        row += 1
    headers(ws, row, [text(f"report.col.{c}", lang) for c, _ in cols], st)
    page(ws, row, repeat=row)
    if not city.findings:
        ws.write_string(row + 1, 0, text("report.findings.none", lang))
    for i, f in enumerate(city.findings, start=1):
        r = row + i
        message = plain(f.message(lang), lang)
        fit_row(ws, r, [(Path(f.file).name, 30), (message, 88)])
        ws.write_string(r, 0, Path(f.file).name, st.text)
        ws.write_string(r, 1, f.sheet or "", st.text)
        ws.write_string(r, 2, f.cell or "", st.text)
        ws.write_string(r, 3, text(f"report.severity.{f.severity}", lang), st.text)
        ws.write_string(r, 4, message, st.text)


_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[^\s'\"()/\\]*[/\\])+([^\s'\"()/\\]+)")
_ASIDE = re.compile(r"\s*\([^()]*(?:--|gplan)[^()]*\)")
_COMMAND = re.compile(r"`?gplan [a-z]+[^`.;]*`?")
_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def plain(message: str, lang: str) -> str:
    """A message as the report shows it: a path becomes its file's name, an aside about a
    command or an option goes, a field id becomes its label, an ISO date dd/mm/yyyy."""
    out = _ASIDE.sub("", message)
    out = _COMMAND.sub(text("report.findings.the-tool", lang), out)
    out = _PATH.sub(lambda m: m.group(1), out)
    out = _ISO_DAY.sub(lambda m: f"{m.group(3)}/{m.group(2)}/{m.group(1)}", out)
    for field in FIELDS:
        out = re.sub(rf"\b{field.id}\b", field.label(lang), out)
    return out


# --- who did not report, who reported late -----------------------------------------------------


def coverage_sheet(wb: Any, city: CityReport, lang: str, st: Styles) -> None:
    """The registry's units that sent nothing and those received after the deadline, by name."""
    ws = wb.add_worksheet(text("report.sheet.coverage", lang))
    cols = (("no", 6), ("code", 12), ("name", 50), ("received-on", 14))
    # two more under the national motto (none in the table), wide enough for it in Excel's fonts
    widths(ws, [w for _, w in cols] + [18, 18])
    last = len(cols) - 1
    cov = city.coverage
    year = city.gap.report_year or city.gap.target_year
    deadline = cov.deadline.strftime("%d/%m/%Y") if cov.deadline else "—"
    title = text("report.coverage.title", lang, year=year, deadline=deadline)
    row = heading(ws, last + 2, title, "", lang, st)
    if cov.expected is None:
        merged(ws, row, 0, last, text("report.coverage.none", lang), st.note)
        page(ws, row)
        return
    summary = text("report.info.coverage-count", lang, reported=cov.reported, expected=cov.expected)
    merged(ws, row, 0, last, summary, st.label)
    page(ws, row)
    row += 2
    day = wb.add_format(
        {"font_name": FONT, "font_size": 12, "border": 1, "num_format": "dd/mm/yyyy"}
    )
    for key, units in (("missing", cov.missing), ("late", cov.late)):
        merged(ws, row, 0, last, text(f"report.coverage.{key}", lang, count=len(units)), st.label)
        row += 1
        headers(ws, row, [text(f"report.col.{c}", lang) for c, _ in cols], st, height=20)
        if not units:
            row += 1
            merged(ws, row, 0, last, text("report.coverage.nobody", lang), st.text)
        for i, u in enumerate(units, start=1):
            row += 1
            fit_row(ws, row, [(u.unit_name or "", 60)])
            ws.write_number(row, 0, i, st.year)
            ws.write_string(row, 1, u.unit_code, st.text)
            ws.write_string(row, 2, u.unit_name or "", st.text)
            if u.received is not None:
                from datetime import datetime

                ws.write_datetime(
                    row, 3, datetime(u.received.year, u.received.month, u.received.day), day
                )
            else:
                ws.write_blank(row, 3, None, st.text)
        row += 2
