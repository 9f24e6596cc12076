"""`check --explain`: how each sheet was read — header rows, each column's field, row kinds."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gender_plan_cli.i18n import text
from gender_plan_cli.records import FileResult, LayoutInfo, LoadResult


def render_explain(result: LoadResult, lang: str, console: Console) -> None:
    for fr in result.files:
        render_file_explain(fr, lang, console)


def render_file_explain(fr: FileResult, lang: str, console: Console) -> None:
    head = Text(fr.path, style="bold")
    info = fr.layout
    if info is None:
        console.print(head)
        console.print("  " + text("explain.no-layout", lang))
        return
    head.append("  " + text("explain.title", lang, sheet=fr.sheet or "CSV"), style="dim")
    console.print(head)
    console.print("  " + text("explain.header", lang, rows=_rows(info.header_rows)))
    if info.number_row:
        console.print("  " + text("explain.number-row", lang, row=info.number_row))
    else:
        console.print("  " + text("explain.no-number-row", lang))
    if info.year:
        kind = text(f"year.{info.year['kind']}", lang)
        console.print("  " + text("explain.year", lang, **{**info.year, "kind": kind}))
    console.print(_columns_table(info, lang))
    console.print("  " + text("explain.rows", lang) + " " + ranges_text(info, lang))


def _rows(rows: list[int]) -> str:
    return f"{rows[0]}–{rows[-1]}" if len(rows) > 1 else str(rows[0])


def _columns_table(info: LayoutInfo, lang: str) -> Table:
    table = Table(show_header=True, header_style="bold", expand=False, box=None, padding=(0, 2))
    table.add_column(text("explain.col.column", lang), no_wrap=True)
    table.add_column(text("explain.col.header", lang), overflow="fold")
    table.add_column(text("explain.col.field", lang), overflow="fold")
    for letter, header in info.headers.items():
        fid = info.columns.get(letter)
        table.add_row(
            letter,
            header.replace("\n", " "),
            fid or text("explain.unmapped", lang),
        )
    return table


def ranges_text(info: LayoutInfo, lang: str) -> str:
    """`10–57 đơn vị, 58 tổng, 60–66 chữ ký`: every row below the header, by kind."""
    parts = []
    for first, last, kind in info.ranges:
        span = str(first) if first == last else f"{first}–{last}"
        parts.append(f"{span} {text(f'explain.kind.{kind}', lang)}")
    return ", ".join(parts) if parts else "—"
