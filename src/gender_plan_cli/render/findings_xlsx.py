"""`check -o findings.xlsx`: the clerk's own sheet with every wrong cell marked, and the list.

One workbook a run. The first sheet lists every finding (file, sheet, cell, severity, code,
message), each cell a link to the cell it names. Then, for each file with a finding at a row
of the sheet that was read, that sheet as it was sent: its values copied cell by cell, an
error's cell filled red, a warning's yellow, the message in the cell's comment (a finding about
a whole row marks the row and comments its first cell).

A staff list (roster) is never copied: its cells are people's names and birth dates, which
the findings workbook (sent back and forth by e-mail) must not carry; its findings are in the
list only. Nor is the registry copied, nor a file that could not be read.

Nothing written can run: every value goes through a typed write (`write_string`, never
`write`), the workbook turns off xlsxwriter's formula and URL guessing, a copied text that
`safe_output.neutralize` would change keeps its text but gets Excel's quote prefix (shown as
typed, and still text when the clerk edits the cell), and the list's texts are neutralised as
in the CSV. Written with `constant_memory`, a row at a time, so a 50,000-row return costs
little memory.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gender_plan_cli.findings import Finding, Severity, worst
from gender_plan_cli.i18n import text
from gender_plan_cli.intake.own_output import FINDINGS_MARKER
from gender_plan_cli.records import FileResult, LoadResult
from gender_plan_cli.safe_output import neutralize

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from gender_plan_cli.reading.grid import SheetGrid

GridOf = Callable[[FileResult], "SheetGrid | None"]

# Excel's own "Bad" and "Neutral" cell styles: what a clerk already reads as wrong / look again.
FILLS: dict[Severity, tuple[str, str]] = {
    "error": ("#FFC7CE", "#9C0006"),
    "warning": ("#FFEB9C", "#9C5700"),
    "note": ("#DDEBF7", "#1F4E78"),  # a note: nothing to fix, something to know
}
LIST_COLUMNS = ("file", "sheet", "cell", "severity", "code", "message")
_LIST_WIDTHS = (34, 16, 8, 10, 22, 90)
_MAX_LINKS = 65_000  # Excel keeps at most 65,530 hyperlinks a sheet
_MAX_ROWS, _MAX_COLS = 1_048_576, 16_384
_BAD_NAME = re.compile(r"[\[\]:*?/\\]")


@dataclass
class _Marks:
    """The findings of one copied sheet, by where they point."""

    cells: dict[tuple[int, int], list[Finding]] = field(default_factory=dict)
    rows: dict[int, list[Finding]] = field(default_factory=dict)
    header_rows: set[int] = field(default_factory=set)  # shown bold and wrapped, as a header

    def add(self, f: Finding) -> None:
        assert f.row is not None
        if f.column is not None:
            self.cells.setdefault((f.row, f.column), []).append(f)
        else:
            self.rows.setdefault(f.row, []).append(f)


def copied(fr: FileResult) -> bool:
    """Whether a file's sheet is copied into the workbook: a return whose table was read and
    that has a finding at one of its rows (never a roster: names and birth dates stay out)."""
    if fr.role != "return" or fr.layout is None:
        return False
    return any(f.row is not None and f.sheet == fr.sheet for f in fr.findings)


def write_findings_xlsx(path: Path, result: LoadResult, lang: str, grid_of: GridOf) -> None:
    """The findings workbook at `path` (the caller makes the write atomic). `grid_of` gives a
    file's sheet as read (`api.sheet_grid`), or None, and is asked once a copied file."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    # The marker: read among returns later, the workbook is skipped (`own-output`), not read
    # as a second copy of every return it shows.
    properties = {"title": text("check.xlsx.list", lang), "creator": "gplan"}
    wb.set_properties({**properties, "keywords": FINDINGS_MARKER})
    styles = _Styles(wb)
    list_ws = wb.add_worksheet(_sheet_name(text("check.xlsx.list", lang), set()))
    used = {list_ws.name.casefold()}
    sheet_of: dict[str, str] = {}  # file → its copy's sheet name
    copies: list[tuple[Worksheet, SheetGrid, _Marks]] = []
    for fr in result.files:
        if not copied(fr):
            continue
        grid = grid_of(fr)
        if grid is None:
            continue
        ws = wb.add_worksheet(_sheet_name(Path(fr.path).stem, used))
        used.add(ws.name.casefold())
        sheet_of[fr.path] = ws.name
        marks = _Marks(header_rows=set(fr.layout.header_rows if fr.layout else ()))
        for f in fr.findings:
            if f.row is not None and f.sheet == fr.sheet:
                marks.add(f)
        copies.append((ws, grid, marks))
    _write_list(list_ws, result, lang, styles, sheet_of)
    for ws, grid, marks in copies:
        _write_copy(ws, grid, marks, lang, styles)
    for ws in wb.worksheets():
        _print_setup(ws)
    list_ws.repeat_rows(0)
    list_ws.activate()
    wb.close()


def _print_setup(ws: Worksheet) -> None:
    """A4 landscape, one page wide: the list, or the sheet with its marks, prints readably."""
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.5)


# --- the list ------------------------------------------------------------------------------


def _write_list(
    ws: Worksheet, result: LoadResult, lang: str, st: _Styles, sheet_of: dict[str, str]
) -> None:
    for c, (name, width) in enumerate(zip(LIST_COLUMNS, _LIST_WIDTHS, strict=True)):
        ws.set_column(c, c, width, st.wrap if name == "message" else None)
        ws.write_string(0, c, text(f"check.xlsx.col.{name}", lang), st.header)
    ws.freeze_panes(1, 0)
    row = 0
    for fr in result.files:
        for f in fr.findings:
            row += 1
            severity = text(f"check.{f.severity}", lang)
            values = (f.file, f.sheet or "", f.cell or "", severity, f.code, f.message(lang))
            lines = max(_lines(str(v), w) for v, w in zip(values, _LIST_WIDTHS, strict=True))
            ws.set_row(row, _LINE * lines + 3)
            for c, value in enumerate(values):
                fmt = st.severity[f.severity] if c == 3 else st.wrap
                ws.write_string(row, c, neutralize(value), fmt)
            target = sheet_of.get(fr.path)
            if target is not None and f.row is not None and row <= _MAX_LINKS:
                where = f.cell if f.column is not None else f"A{f.row}"
                sheet = target.replace("'", "''")
                ws.write_url(row, 2, f"internal:'{sheet}'!{where}", st.link, string=f.cell)
    if row == 0:
        ws.write_string(1, 0, text("check.xlsx.none", lang))
    else:
        ws.autofilter(0, 0, row, len(LIST_COLUMNS) - 1)


# --- a copied sheet ------------------------------------------------------------------------


def _write_copy(ws: Worksheet, grid: SheetGrid, marks: _Marks, lang: str, st: _Styles) -> None:
    """The sheet's values row by row (constant_memory writes rows in order), wrong cells filled
    and commented."""
    width = max((len(r) for r in grid.rows), default=0)
    widths = _column_widths(grid.rows, width, marks.header_rows)
    for c, chars in enumerate(widths):
        ws.set_column(c, c, chars)
    last_row = max([len(grid.rows), *(r for r, _ in marks.cells), *marks.rows])
    by_row: dict[int, list[int]] = {}
    for r, c in marks.cells:
        by_row.setdefault(r, []).append(c)
    for r in range(1, min(last_row, _MAX_ROWS) + 1):
        values = grid.rows[r - 1] if r <= len(grid.rows) else []
        row_marks = marks.rows.get(r, [])
        last_col = max([len(values), *by_row.get(r, [])])
        if row_marks:
            last_col = max(last_col, width, 1)
        header = r in marks.header_rows
        if header:
            texts = [(str(v), widths[c]) for c, v in enumerate(values) if v is not None]
            ws.set_row(r - 1, _LINE * max((_lines(t, w) for t, w in texts), default=1) + 3)
        for c in range(1, min(last_col, _MAX_COLS) + 1):
            value = values[c - 1] if c <= len(values) else None
            here = marks.cells.get((r, c), [])
            if c == 1:
                here = here + row_marks
            found = here if c == 1 else here + row_marks
            severity = _worst(found)
            _write_value(ws, r - 1, c - 1, value, (r, c), grid, severity, st, header)
            if here:
                _comment(ws, r - 1, c - 1, [f.message(lang) for f in here])


def _write_value(
    ws: Worksheet,
    r: int,
    c: int,
    value: Any,
    at: tuple[int, int],
    grid: SheetGrid,
    severity: Severity | None,
    st: _Styles,
    header: bool = False,
) -> None:
    """One cell as it was read, by its type: a number stays a number, a date a date, a text a
    text (with Excel's quote prefix when it starts like a formula)."""
    error = grid.error_cells.get(at)
    if error is not None:
        value = error
    if value is None:
        if severity is not None or header:
            ws.write_blank(r, c, None, st.get(severity, "header" if header else "plain"))
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value, st.get(severity, "plain"))
    elif isinstance(value, int | float) and math.isfinite(value):
        kind = "plain"
        if at in grid.percent_cells:
            kind = "percent" if round(value * 100, 9).is_integer() else "percent.1"
        ws.write_number(r, c, value, st.get(severity, kind))
    elif isinstance(value, datetime):
        kind = "date" if value.time() == time(0) else "datetime"
        ws.write_datetime(r, c, value, st.get(severity, kind))
    elif isinstance(value, date):
        ws.write_datetime(r, c, datetime.combine(value, time(0)), st.get(severity, "date"))
    elif isinstance(value, time | timedelta):
        ws.write_datetime(r, c, value, st.get(severity, "time"))
    else:
        shown = str(value)
        kind = "header" if header else "plain"
        if neutralize(shown) != shown:
            kind = "quoted"
        ws.write_string(r, c, shown, st.get(severity, kind))


def _comment(ws: Worksheet, r: int, c: int, messages: list[str]) -> None:
    """The messages of a cell, one a paragraph, in a box tall enough to read them."""
    body = "\n".join(messages)
    lines = sum(max(1, math.ceil(len(m) / 48)) for m in messages)
    ws.write_comment(
        r, c, body, {"author": "gplan", "width": 340, "height": min(400, 24 + 15 * lines)}
    )


def _worst(found: list[Finding]) -> Severity | None:
    return worst(f.severity for f in found) if found else None


def _column_widths(
    rows: list[list[Any]], width: int, header_rows: set[int], sample: int = 500
) -> list[float]:
    """Each column wide enough for the values under the header (from the first rows) and for
    the longest word of its header, between 6 and 40 characters. A title typed in one cell
    over the whole form (a row with fewer than three values) sets no width."""
    widths = [6.0] * width
    for r, values in enumerate(rows[:sample], start=1):
        if sum(v is not None for v in values) < 3:
            continue
        for c, value in enumerate(values):
            if value is None:
                continue
            if r in header_rows:
                longest = max((len(w) for w in str(value).split()), default=0)
            else:
                longest = max((len(part) for part in str(value).split("\n")), default=0)
            widths[c] = max(widths[c], min(40.0, longest * 1.1 + 1))
    return widths


_LINE = 15.0  # points a line of 11-point text takes


def _lines(value: str, width: float) -> int:
    """How many lines a wrapped text takes in a column `width` characters wide (a safe guess)."""
    per_line = max(1, int(width))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in value.split("\n"))


def _sheet_name(wanted: str, used: Iterable[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\, no apostrophe at either
    end), not yet `used` (compared as Excel does, without case): `name (2)`, `name (3)`…"""
    base = _BAD_NAME.sub("_", wanted).strip("'").strip() or "Sheet"
    taken = set(used)
    name, n = base[:31], 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
    return name


class _Styles:
    """The formats, made once each: a kind of value (plain, quoted text, percent, date) in a
    cell with no finding, an error or a warning."""

    def __init__(self, wb: Workbook) -> None:
        self._wb = wb
        self._made: dict[tuple[str | None, str], Format] = {}
        self.header = wb.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        self.wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        self.link = wb.add_format({"font_color": "#0563C1", "underline": 1, "valign": "top"})
        self.severity = {
            s: wb.add_format({"bg_color": bg, "font_color": fg, "valign": "top"})
            for s, (bg, fg) in FILLS.items()
        }

    _KINDS: dict[str, dict[str, Any]] = {
        "plain": {},
        "header": {"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#F2F2F2"},
        "quoted": {"quote_prefix": True},
        "percent": {"num_format": "0%"},
        "percent.1": {"num_format": "0.0#%"},
        "date": {"num_format": "dd/mm/yyyy"},
        "datetime": {"num_format": "dd/mm/yyyy hh:mm"},
        "time": {"num_format": "hh:mm:ss"},
    }

    def get(self, severity: Severity | None, kind: str) -> Format | None:
        if severity is None and kind == "plain":
            return None
        key = (severity, kind)
        if key not in self._made:
            props = dict(self._KINDS[kind])
            if severity is not None:
                bg, fg = FILLS[severity]
                props.update(bg_color=bg, font_color=fg, border=1, border_color=fg)
            self._made[key] = self._wb.add_format(props)
        return self._made[key]
