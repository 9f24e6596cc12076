"""The blank submission workbook that units fill in (`gplan template`).

Built from the contract, so the form and the reader can never disagree: the
header is `contract.FIELDS` in order, the drop-downs hold the labels of
`contract.LEVELS` / `UNIT_TYPES`, and the instructions sheet is each field's
note. Every sentence comes from `i18n`, so `--lang en` is the same form in
English.

A form for one unit (`--unit`, `--all`, the portal's "your unit's template") is the same form
with the unit's code, name, parent, level, type and sector from the registry in its first ruled
row (and its name in the agency block), so what the unit types is its figures only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gender_plan_cli.contract import (
    DEADLINE_EN,
    DEADLINE_VI,
    FIELDS,
    MAX_YEAR,
    MIN_YEAR,
    UNIT_TYPES,
    Field,
    Kind,
    levels_in,
)
from gender_plan_cli.findings import column_index, column_letter
from gender_plan_cli.i18n import text
from gender_plan_cli.intake.own_output import MARKER
from gender_plan_cli.render.template_help import (
    FONT,
    LIST_COLUMNS,
    LIST_HEADER_ROW,
    OPTIONAL_FILL,
    REQUIRED_FILL,
    choice_labels,
    help_sheet,
    print_on_a4,
)
from gender_plan_cli.safe_output import neutralize, write_atomic

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from gender_plan_cli.collection.registry import RegistryUnit

# The form from top to bottom, as the Department's own forms are laid out: agency and national
# motto, form number, title, header, column numbers, the rows units fill in, date and signatures.
AGENCY_ROW = 1
MOTTO_ROW = 2
FORM_NO_ROW = 3
TITLE_ROW = 4
SUBTITLE_ROW = 5
HEADER_ROW = 7
NUMBER_ROW = HEADER_ROW + 1
FIRST_DATA_ROW = NUMBER_ROW + 1
DATA_ROWS = 30  # ruled rows; a unit with more inserts rows above the date line
LAST_DATA_ROW = FIRST_DATA_ROW + DATA_ROWS - 1
DATE_ROW = LAST_DATA_ROW + 2
SIGN_ROW = DATE_ROW + 1

# Instructions sheet: the lists the drop-downs point at (header row, then one value a row).
LIST_COLUMNS_INDEX = {fid: column_index(letter) for fid, letter in LIST_COLUMNS.items()}


def deadline(lang: str) -> str:
    return DEADLINE_VI if lang == "vi" else DEADLINE_EN


def field_column(field_id: str) -> str:
    """The column letter a field has in the template (A = the first field)."""
    for i, f in enumerate(FIELDS, start=1):
        if f.id == field_id:
            return column_letter(i)
    raise KeyError(field_id)


def data_range(field_id: str) -> str:
    """The cells of a field's column that units fill in, e.g. `D5:D1004`."""
    col = field_column(field_id)
    return f"{col}{FIRST_DATA_ROW}:{col}{LAST_DATA_ROW}"


def list_range(field_id: str, lang: str, year: int | None = None) -> str:
    """The instructions-sheet cells a drop-down reads, as a formula reference."""
    col = LIST_COLUMNS[field_id]
    first = LIST_HEADER_ROW + 1
    last = first + len(choice_labels(field_id, lang, year)) - 1
    sheet = text("template.sheet.help", lang).replace("'", "''")
    return f"'{sheet}'!${col}${first}:${col}${last}"


def build_template(
    lang: str = "vi", year: int | None = None, unit: RegistryUnit | None = None
) -> Workbook:
    """The blank form as an openpyxl workbook (not saved: the caller decides where); with
    `unit`, prefilled for it (`prefill`)."""
    from openpyxl import Workbook

    wb = Workbook()
    form = wb.active
    form.title = text("template.sheet.form", lang)
    help_ws = wb.create_sheet(text("template.sheet.help", lang))
    _form_top(form, lang, year)
    _form_header(form, lang)
    _form_bottom(form, lang)
    _page_setup(form)
    _validations(form, lang, year)
    help_sheet(help_ws, lang, year, deadline(lang), DATA_ROWS)
    wb.properties.title = _title(lang, year)
    wb.properties.creator = "gplan"
    wb.properties.keywords = MARKER
    wb.active = 0
    if unit is not None:
        prefill(form, unit, lang, year)
    return wb


def write_template(
    path: Path, lang: str = "vi", year: int | None = None, unit: RegistryUnit | None = None
) -> None:
    """Write the form to `path` atomically: a crash never leaves half a workbook. With `unit`
    (a unit of the registry, or `RegistryUnit(code=…, name=…, level=…)`), the form for that
    unit: what the portal offers as "your unit's template"."""
    wb = build_template(lang, year, unit)
    write_atomic(Path(path), lambda tmp: wb.save(tmp))


def write_unit_templates(
    forms: Iterable[tuple[Path, RegistryUnit]], lang: str = "vi", year: int | None = None
) -> int:
    """One prefilled form a unit, each written atomically to its path; the form is built once
    and only the prefilled cells change between units. Returns how many were written."""
    wb = build_template(lang, year)
    form = wb.worksheets[0]
    written = 0
    for path, unit in forms:
        prefill(form, unit, lang, year)
        write_atomic(Path(path), lambda tmp: wb.save(tmp))
        written += 1
    return written


# Windows refuses these in a file name, and these names whatever the extension.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))} | {
    f"LPT{i}" for i in range(1, 10)
}


def unit_file_name(code: str) -> str:
    """The file name of a unit's form, from its code, safe on Windows: `X101-UB.xlsx`; a
    character Windows refuses becomes `_`, a reserved name (`CON`, `NUL`…) gets a `_` in
    front, no trailing dot or space, at most 100 characters."""
    stem = _UNSAFE.sub("_", code.strip()).rstrip(". ")[:100] or "_"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return f"{stem}.xlsx"


# The prefilled row: the fields a registry knows, in the form's first ruled row.
PREFILLED = ("unit_code", "unit_name", "parent_code", "level", "unit_type", "sector")


def prefill_values(unit: RegistryUnit, lang: str, year: int | None) -> dict[str, Any]:
    """Field id → what the form shows for `unit`: its code, name, parent and sector as the
    registry has them, its level and type as the drop-downs' labels in `lang` (for `year`:
    from 2025 a commune is `Xã, phường, đặc khu`), and the report year when one is given.
    A level the year does not have (a district from 2025) is a ValueError."""
    levels = {c.id: c for c in levels_in(year)}
    types = {c.id: c for c in UNIT_TYPES}
    level = levels.get(unit.level) if unit.level else None
    if unit.level and level is None:
        raise ValueError(f"unit {unit.code}: level {unit.level!r} does not exist in {year}")
    kind = types.get(unit.unit_type) if unit.unit_type else None
    values: dict[str, Any] = {
        "unit_code": unit.code,
        "unit_name": unit.name,
        "parent_code": unit.parent_code,
        "level": _label(level, lang),
        "unit_type": _label(kind, lang),
        "sector": unit.sector,
        "report_year": year,
    }
    return values


def prefill(ws: Worksheet, unit: RegistryUnit, lang: str, year: int | None) -> None:
    """Write `unit`'s row into the form `ws` (every prefilled cell, so a form reused for the
    next unit keeps nothing of the last), and its name in the agency block."""
    from openpyxl.styles import Font

    for fid, value in prefill_values(unit, lang, year).items():
        cell = ws[f"{field_column(fid)}{FIRST_DATA_ROW}"]
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # a text, whatever it starts with: never a formula
            cell.quotePrefix = neutralize(value) != value
        cell.font = Font(name=FONT, size=11, bold=fid == "unit_code")
    ws.cell(AGENCY_ROW, _LEFT[0]).value = unit.name.upper()
    ws.cell(AGENCY_ROW, _LEFT[0]).data_type = "s"


def _label(choice: Any, lang: str) -> str | None:
    if choice is None:
        return None
    return str(choice.label_vi if lang == "vi" else choice.label_en)


def _title(lang: str, year: int | None) -> str:
    return text("template.title", lang, year=year if year is not None else "____")


def _put(ws: Worksheet, row: int, first: int, last: int, value: str, style: str) -> None:
    """One line of the form's frame, merged over columns `first`..`last`, in Times New Roman:
    `style` is bold, italic, title, or plain."""
    from openpyxl.styles import Alignment, Font

    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row, first, value)
    cell.font = Font(
        name=FONT,
        size=13 if style == "title" else 11,
        bold=style in ("bold", "title"),
        italic=style == "italic",
    )
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


# Left block over the code, name and parent columns; right block over the last seven.
_LEFT = (1, 3)
_RIGHT = (len(FIELDS) - 6, len(FIELDS))


def _form_top(ws: Worksheet, lang: str, year: int | None) -> None:
    """Agency and national motto, the form number, the title with its year, the subtitle."""
    from openpyxl.styles import Alignment

    last = len(FIELDS)
    _put(ws, AGENCY_ROW, *_LEFT, text("template.agency", lang), "bold")
    _put(ws, AGENCY_ROW, *_RIGHT, text("template.nation", lang), "bold")
    _put(ws, MOTTO_ROW, *_RIGHT, text("template.motto", lang), "bold")
    _put(ws, FORM_NO_ROW, last, last, text("template.form-no", lang), "bold")
    ws.cell(FORM_NO_ROW, last).alignment = Alignment(horizontal="right", vertical="center")
    _put(ws, TITLE_ROW, 1, last, _title(lang, year), "title")
    ws.row_dimensions[TITLE_ROW].height = 24
    subtitle = text(
        "template.subtitle",
        lang,
        deadline=deadline(lang),
        help_sheet=text("template.sheet.help", lang),
    )
    _put(ws, SUBTITLE_ROW, 1, last, subtitle, "italic")


def _form_header(ws: Worksheet, lang: str) -> None:
    """The header row, the column numbers under it, and the ruled rows units fill in."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    plain = Font(name=FONT, size=11)
    for i, f in enumerate(FIELDS, start=1):
        cell = ws.cell(HEADER_ROW, i, f.label(lang))
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor=REQUIRED_FILL if f.required else OPTIONAL_FILL)
        cell.border = border
        note = f.note_vi if lang == "vi" else f.note_en
        if note:
            cell.comment = Comment(note, "gplan", width=260, height=110)
        number = ws.cell(NUMBER_ROW, i, f"({i})")
        number.font = Font(name=FONT, italic=True, size=10)
        number.alignment = Alignment(horizontal="center")
        number.border = border
        text_column = f.kind is Kind.TEXT and f.id in ("unit_code", "parent_code")
        for r in range(FIRST_DATA_ROW, LAST_DATA_ROW + 1):
            blank = ws.cell(r, i)
            blank.font, blank.border = plain, border
            if text_column:
                blank.number_format = "@"  # codes such as 001 keep their leading zeros
        ws.column_dimensions[column_letter(i)].width = _width(f, lang)
    ws.row_dimensions[HEADER_ROW].height = 84
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"  # header and the code/name columns stay in view


def _form_bottom(ws: Worksheet, lang: str) -> None:
    """The date line and the two signatures: the person who made the return, the head."""
    _put(ws, DATE_ROW, *_RIGHT, text("template.date-line", lang), "italic")
    _put(ws, SIGN_ROW, *_LEFT, text("template.sign.maker", lang), "bold")
    _put(ws, SIGN_ROW, *_RIGHT, text("template.sign.head", lang), "bold")
    _put(ws, SIGN_ROW + 1, *_LEFT, text("template.sign.maker.note", lang), "italic")
    _put(ws, SIGN_ROW + 1, *_RIGHT, text("template.sign.head.note", lang), "italic")


def _page_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide, the header and column numbers on every printed page."""
    ws.print_title_rows = f"{HEADER_ROW}:{NUMBER_ROW}"
    print_on_a4(ws, f"A1:{column_letter(len(FIELDS))}{SIGN_ROW + 5}", "landscape", 0.4)
    ws.page_margins.top = ws.page_margins.bottom = 0.6


def _width(f: Field, lang: str) -> float:
    """Wide enough for the values, narrow enough that the wrapped header stays readable."""
    fixed = {
        "unit_code": 10,
        "unit_name": 30,
        "parent_code": 10,
        "level": 15,
        "unit_type": 18,
        "sector": 14,
        "report_year": 8,
        "notes": 18,
    }
    if f.id in fixed:
        return fixed[f.id]
    return 10.0 if f.kind is Kind.PERCENT or f.id == "ethnic_minority_area" else 9.0


def _validations(ws: Worksheet, lang: str, year: int | None = None) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    def make(kind: str, message: str, **kw: object) -> DataValidation:
        dv = DataValidation(
            type=kind,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorStyle="stop",
            errorTitle=text(f"template.dv.{message}.title", lang)[:32],
            error=text(f"template.dv.{message}", lang, low=MIN_YEAR, high=MAX_YEAR)[:255],
            promptTitle=text(f"template.dv.{message}.title", lang)[:32],
            prompt=text(f"template.dv.{message}", lang, low=MIN_YEAR, high=MAX_YEAR)[:255],
            **kw,
        )
        ws.add_data_validation(dv)
        return dv

    for fid in ("level", "unit_type"):
        make("list", "list", formula1=list_range(fid, lang, year)).add(data_range(fid))
    yes_no = ",".join(choice_labels("ethnic_minority_area", lang))
    make("list", "list", formula1=f'"{yes_no}"').add(data_range("ethnic_minority_area"))

    counts = make("whole", "count", operator="greaterThanOrEqual", formula1="0")
    for f in FIELDS:
        if f.kind is Kind.INT:
            counts.add(data_range(f.id))
    percent = make("decimal", "percent", operator="between", formula1="0", formula2="100")
    years = make(
        "whole", "year", operator="between", formula1=str(MIN_YEAR), formula2=str(MAX_YEAR)
    )
    for f in FIELDS:
        if f.kind is Kind.PERCENT:
            percent.add(data_range(f.id))
        elif f.kind is Kind.YEAR:
            years.add(data_range(f.id))
