"""The instructions sheet of the blank form: the rules, each column's note, and the lists the
drop-downs read. Printed A4 portrait, one column of text wide enough to read, rows as tall as
their wrapped text so that nothing overlaps."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from gender_plan_cli.contract import (
    DTTS_REQUIRED,
    FIELD_BY_ID,
    FIELDS,
    UNIT_TYPES,
    Choice,
    levels_in,
)
from gender_plan_cli.findings import column_letter
from gender_plan_cli.i18n import text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

FONT = "Times New Roman"
LIST_HEADER_ROW = 3
LIST_COLUMNS = {"level": "F", "unit_type": "G", "ethnic_minority_area": "H"}
REQUIRED_FILL = "FCE4D6"  # light orange: a required column
OPTIONAL_FILL = "DDEBF7"  # light blue: an optional column
TITLE_FILL = "F2F2F2"

# The printed part (A:D): widths in characters; the lists in F:H stay on screen only.
_WIDTHS = {"A": 6, "B": 26, "C": 13, "D": 52, "E": 3, "F": 24, "G": 32, "H": 14}
_LINE_HEIGHT = 15.0  # points a line of 11-point Times New Roman takes


def lines_needed(value: str, width: float) -> int:
    """How many lines a wrapped text takes in a column `width` characters wide (a safe
    overestimate: Times New Roman is narrower than the width unit)."""
    per_line = max(1, int(width * 1.05))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))


def help_sheet(ws: Worksheet, lang: str, year: int | None, deadline: str, rows: int) -> None:
    """Fill in the instructions sheet `ws` in `lang`; `rows`: the form's ruled rows."""
    from openpyxl.styles import Font

    for col, width in _WIDTHS.items():
        ws.column_dimensions[col].width = width
    ws["A1"] = text("template.help.title", lang)
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    ws.row_dimensions[1].height = 22
    row = _rules(ws, lang, deadline, rows)
    last = _columns_table(ws, lang, row + 1)
    _lists(ws, lang, year)
    print_on_a4(ws, f"A1:D{last}", "portrait", side_margin=0.6)


def print_on_a4(ws: Worksheet, area: str, orientation: str, side_margin: float) -> None:
    """Print `area` of `ws` on A4 in `orientation`, one page wide, centred."""
    ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = side_margin
    ws.print_options.horizontalCentered = True


def _rules(ws: Worksheet, lang: str, deadline: str, rows: int) -> int:
    """The numbered rules, each merged over B:D; returns the first row below them."""
    from openpyxl.styles import Alignment, Font

    wrap = Alignment(wrap_text=True, vertical="top")
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
        text("template.help.rows", lang, rows=rows),
        text("template.help.deadline", lang, deadline=deadline),
        text("template.help.check", lang),
    ]
    width = _WIDTHS["B"] + _WIDTHS["C"] + _WIDTHS["D"]
    row = LIST_HEADER_ROW
    for i, rule in enumerate(rules, start=1):
        number = ws.cell(row, 1, f"{i}.")
        number.alignment, number.font = wrap, Font(name=FONT)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        cell = ws.cell(row, 2, rule)
        cell.alignment, cell.font = wrap, Font(name=FONT)
        ws.row_dimensions[row].height = _LINE_HEIGHT * lines_needed(rule, width) + 3
        row += 1
    return row


def _columns_table(ws: Worksheet, lang: str, row: int) -> int:
    """The table of the form's columns: letter, header, required, how to fill it; returns its
    last row."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wrap = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.cell(row, 1, text("template.help.columns", lang)).font = Font(name=FONT, bold=True)
    ws.row_dimensions[row].height = 20
    row += 1
    for c, name in enumerate(("letter", "label", "required", "note"), start=1):
        cell = ws.cell(row, c, text(f"template.help.col.{name}", lang))
        cell.font = Font(name=FONT, bold=True)
        cell.fill = PatternFill("solid", fgColor=TITLE_FILL)
        cell.alignment, cell.border = wrap, border
    ws.row_dimensions[row].height = _LINE_HEIGHT + 3
    for i, f in enumerate(FIELDS, start=1):
        row += 1
        if f.required:
            required = text("template.yes", lang)
        elif f.id in DTTS_REQUIRED:
            required = text("template.help.required.dtts", lang)
        else:
            required = ""
        note = f.note_vi if lang == "vi" else f.note_en
        values = (column_letter(i), f.label(lang), required, note)
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row, c, value or None)
            cell.alignment, cell.border, cell.font = wrap, border, Font(name=FONT)
        ws.cell(row, 2).fill = PatternFill(
            "solid", fgColor=REQUIRED_FILL if f.required else OPTIONAL_FILL
        )
        lines = max(
            lines_needed(str(v), _WIDTHS[column_letter(c)]) for c, v in enumerate(values, 1)
        )
        ws.row_dimensions[row].height = _LINE_HEIGHT * lines + 3
    return row


def _lists(ws: Worksheet, lang: str, year: int | None) -> None:
    """The drop-downs' lists, visible so that a clerk can read them too (not printed)."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from gender_plan_cli.findings import column_index
    from gender_plan_cli.render.template_help import choice_labels

    first = column_index(LIST_COLUMNS["level"])
    ws.cell(LIST_HEADER_ROW - 1, first, text("template.help.lists", lang)).font = Font(
        name=FONT, bold=True
    )
    for fid, letter in LIST_COLUMNS.items():
        index = column_index(letter)
        head = ws.cell(LIST_HEADER_ROW, index, text("template.help.list", lang, field=fid))
        head.font = Font(name=FONT, bold=True)
        head.alignment = Alignment(wrap_text=True, vertical="top")
        head.fill = PatternFill("solid", fgColor=TITLE_FILL)
        for j, label in enumerate(choice_labels(fid, lang, year), start=1):
            ws.cell(LIST_HEADER_ROW + j, index, label).font = Font(name=FONT)


def choice_labels(field_id: str, lang: str, year: int | None = None) -> list[str]:
    """What the drop-down of a choice column offers, in the form's language: for a report year,
    the levels that exist in it."""
    if field_id == "ethnic_minority_area":
        return [text("template.yes", lang), text("template.no", lang)]
    choices: tuple[Choice, ...] = levels_in(year) if field_id == "level" else UNIT_TYPES
    return [c.label_vi if lang == "vi" else c.label_en for c in choices]
