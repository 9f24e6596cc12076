"""The blank submission workbook that units fill in (`gplan template`).

Built from the contract, so the form and the reader can never disagree: the
header is `contract.FIELDS` in order, the drop-downs hold the labels of
`contract.LEVELS` / `UNIT_TYPES`, and the instructions sheet is each field's
note. Every sentence comes from `i18n`, so `--lang en` is the same form in
English.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from gender_plan_cli.contract import (
    DEADLINE_EN,
    DEADLINE_VI,
    DTTS_REQUIRED,
    FIELD_BY_ID,
    FIELDS,
    MAX_YEAR,
    MIN_YEAR,
    UNIT_TYPES,
    Choice,
    Field,
    Kind,
    levels_in,
)
from gender_plan_cli.i18n import text
from gender_plan_cli.reading.grid import column_index, column_letter
from gender_plan_cli.safe_output import write_atomic

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

TITLE_ROW = 1
SUBTITLE_ROW = 2
HEADER_ROW = 4
FIRST_DATA_ROW = HEADER_ROW + 1
DATA_ROWS = 1000
LAST_DATA_ROW = FIRST_DATA_ROW + DATA_ROWS - 1

# Instructions sheet: the lists the drop-downs point at (header row, then one value a row).
LIST_HEADER_ROW = 3
LIST_COLUMNS = {"level": "F", "unit_type": "G", "ethnic_minority_area": "H"}
LIST_COLUMNS_INDEX = {fid: column_index(letter) for fid, letter in LIST_COLUMNS.items()}

_REQUIRED_FILL = "FCE4D6"  # light orange: a required column
_OPTIONAL_FILL = "DDEBF7"  # light blue: an optional column
_TITLE_FILL = "F2F2F2"


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


def choice_labels(field_id: str, lang: str, year: int | None = None) -> list[str]:
    """What the drop-down of a choice column offers, in the form's language: for a report year,
    the levels that exist in it."""
    if field_id == "ethnic_minority_area":
        return [text("template.yes", lang), text("template.no", lang)]
    choices: tuple[Choice, ...] = levels_in(year) if field_id == "level" else UNIT_TYPES
    return [c.label_vi if lang == "vi" else c.label_en for c in choices]


def list_range(field_id: str, lang: str, year: int | None = None) -> str:
    """The instructions-sheet cells a drop-down reads, as a formula reference."""
    col = LIST_COLUMNS[field_id]
    first = LIST_HEADER_ROW + 1
    last = first + len(choice_labels(field_id, lang, year)) - 1
    sheet = text("template.sheet.help", lang).replace("'", "''")
    return f"'{sheet}'!${col}${first}:${col}${last}"


def build_template(lang: str = "vi", year: int | None = None) -> Workbook:
    """The blank form as an openpyxl workbook (not saved: the caller decides where)."""
    from openpyxl import Workbook

    wb = Workbook()
    form = wb.active
    form.title = text("template.sheet.form", lang)
    help_sheet = wb.create_sheet(text("template.sheet.help", lang))
    _form_sheet(form, lang)
    _validations(form, lang, year)
    _help_sheet(help_sheet, lang, year)
    wb.properties.title = text("template.title", lang)
    wb.properties.creator = "gplan"
    wb.active = 0
    return wb


def write_template(path: Path, lang: str = "vi", year: int | None = None) -> None:
    """Write the form to `path` atomically: a crash never leaves half a workbook."""
    wb = build_template(lang, year)
    write_atomic(Path(path), lambda tmp: wb.save(tmp))


def _form_sheet(ws: Worksheet, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    last_col = column_letter(len(FIELDS))
    ws.merge_cells(f"A{TITLE_ROW}:{last_col}{TITLE_ROW}")
    title = ws.cell(TITLE_ROW, 1, text("template.title", lang))
    title.font = Font(bold=True, size=14)
    title.alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[TITLE_ROW].height = 24
    ws.merge_cells(f"A{SUBTITLE_ROW}:{last_col}{SUBTITLE_ROW}")
    subtitle = ws.cell(
        SUBTITLE_ROW,
        1,
        text(
            "template.subtitle",
            lang,
            deadline=deadline(lang),
            help_sheet=text("template.sheet.help", lang),
        ),
    )
    subtitle.font = Font(italic=True)
    subtitle.alignment = Alignment(horizontal="center", vertical="center")

    thin = Side(style="thin", color="808080")
    for i, f in enumerate(FIELDS, start=1):
        cell = ws.cell(HEADER_ROW, i, f.label(lang))
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if f.required else _OPTIONAL_FILL)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        note = f.note_vi if lang == "vi" else f.note_en
        if note:
            cell.comment = Comment(note, "gplan", width=260, height=110)
        dim = ws.column_dimensions[column_letter(i)]
        dim.width = _width(f, lang)
        if f.kind is Kind.TEXT and f.id in ("unit_code", "parent_code"):
            dim.number_format = "@"  # codes such as 001 keep their leading zeros
    ws.row_dimensions[HEADER_ROW].height = 66
    ws.freeze_panes = f"C{FIRST_DATA_ROW}"  # header and the code/name columns stay in view
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _width(f: Field, lang: str) -> float:
    """Wide enough for the values, narrow enough that the wrapped header stays readable."""
    fixed = {
        "unit_code": 12,
        "unit_name": 40,
        "parent_code": 14,
        "level": 20,
        "unit_type": 28,
        "sector": 20,
        "notes": 30,
    }
    if f.id in fixed:
        return fixed[f.id]
    return float(min(18, max(11, len(f.label(lang)) // 2 + 4)))


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


def _help_sheet(ws: Worksheet, lang: str, year: int | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    for col, width in {
        "A": 8,
        "B": 34,
        "C": 16,
        "D": 72,
        "E": 3,
        "F": 22,
        "G": 32,
        "H": 14,
    }.items():
        ws.column_dimensions[col].width = width

    ws["A1"] = text("template.help.title", lang)
    ws["A1"].font = Font(bold=True, size=14)

    rules = [
        text("template.help.one-row", lang),
        text("template.help.separate", lang),
        text("template.help.key-leaders", lang),
        text("template.help.indicator", lang),
        text("template.help.numbers", lang),
        text("template.help.dtts", lang),
        text(
            "template.help.colours",
            lang,
            level=FIELD_BY_ID["level"].label(lang),
            unit_type=FIELD_BY_ID["unit_type"].label(lang),
            area=FIELD_BY_ID["ethnic_minority_area"].label(lang),
        ),
        text("template.help.deadline", lang, deadline=deadline(lang)),
        text("template.help.check", lang),
    ]
    row = LIST_HEADER_ROW
    for i, rule in enumerate(rules, start=1):
        ws.cell(row, 1, f"{i}.").alignment = wrap
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        cell = ws.cell(row, 2, rule)
        cell.alignment = wrap
        ws.row_dimensions[row].height = 15 * (len(rule) // 110 + 1)
        row += 1

    row += 1
    ws.cell(row, 1, text("template.help.columns", lang)).font = bold
    row += 1
    heads = ("letter", "label", "required", "note")
    for c, name in enumerate(heads, start=1):
        cell = ws.cell(row, c, text(f"template.help.col.{name}", lang))
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor=_TITLE_FILL)
    for i, f in enumerate(FIELDS, start=1):
        row += 1
        ws.cell(row, 1, column_letter(i))
        ws.cell(row, 2, f.label(lang)).fill = PatternFill(
            "solid", fgColor=_REQUIRED_FILL if f.required else _OPTIONAL_FILL
        )
        if f.required:
            required = text("template.yes", lang)
        elif f.id in DTTS_REQUIRED:
            required = text("template.help.required.dtts", lang)
        else:
            required = ""
        ws.cell(row, 3, required)
        note = ws.cell(row, 4, f.note_vi if lang == "vi" else f.note_en)
        note.alignment = wrap
        for c in (1, 2, 3):
            ws.cell(row, c).alignment = wrap

    # The drop-downs' lists, visible so that a clerk can read them too.
    ws.cell(LIST_HEADER_ROW - 1, LIST_COLUMNS_INDEX["level"], text("template.help.lists", lang))
    ws.cell(LIST_HEADER_ROW - 1, LIST_COLUMNS_INDEX["level"]).font = bold
    for fid, index in LIST_COLUMNS_INDEX.items():
        head = ws.cell(LIST_HEADER_ROW, index, text("template.help.list", lang, field=fid))
        head.font = bold
        head.alignment = wrap
        head.fill = PatternFill("solid", fgColor=_TITLE_FILL)
        for j, label in enumerate(choice_labels(fid, lang, year), start=1):
            ws.cell(LIST_HEADER_ROW + j, index, label)
