"""The scan's proof that a part adds only its last row to the extent (two searches) against
the part measured tag by tag: on sheets written every way a part can go wrong, both give the
same SheetScan, part by part."""

from __future__ import annotations

import random

import pytest

from gender_plan_cli.findings import column_letter
from gender_plan_cli.reading import xlsx_scan
from gender_plan_cli.reading.limits import Limits

# Each way a row can be written, with what it puts in the sheet (`{r}` its number, `{c}` a
# column letter).
ODDITIES = [
    '<row r="{r}"><c r="{c}{r}"><v>1</v></c></row>',
    '<row r="{r}"><c r="{c}{r}" t="inlineStr"><is><t>a &lt;c r="ZZ9"</t></is></c></row>',
    '<row r="{r}"><c r="{c}{big}"><v>1</v></c></row>',  # a cell below its row
    '<row r="{big}"><c r="A{big}"><v>1</v></c></row>',  # a row far below, out of order
    '<row r="{small}"><c r="A{small}"><v>1</v></c></row>',  # a row above, out of order
    '<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>',  # the last column
    '<row r="{r}"><c r="{lower}{r}"><v>1</v></c></row>',  # lower case
    '<row r="{r}"><c r="A0{r}"><v>1</v></c></row>',  # a leading zero
    '<row r="{r}"><c><v>1</v></c></row>',  # no r
    '<row r="{r}"><c t="n" r="B{r}"><v>1</v></c></row>',  # r not first
    '<row><c r="A{r}"><v>1</v></c></row>',  # a row without r
    '<row r="{r}"><c\tr="A{r}"><v>1</v></c></row>',  # a tab
    '<row r="{r}"><c/></row>',
    '<row r="{r}"/>',
    '<x:row r="{r}"><x:c r="A{r}"><x:v>1</x:v></x:c></x:row>',  # prefixed
    '<row r="{r}" hidden="1"><c r="A{r}"><v>1</v></c></row>',
    '<row r="{r}"><c r="A{r}" t="e"><v>#DIV/0!</v></c><c r="B{r}"><f>1/0</f></c></row>',
    "<row r=\"{r}\"><c r='A{r}'><v>1</v></c></row>",  # other quotes
    '<row r="0{r}"><c r="A{r}"><v>1</v></c></row>',
]


def _sheet(oddity: str, seed: int) -> bytes:
    """A sheet of canonical rows, `oddity` once among them (where, and how wide, by `seed`)."""
    rng = random.Random(seed)
    width = rng.choice([1, 3, 9, 26, 27, 52])
    letters = [column_letter(i) for i in range(1, width + 1)]
    at = rng.randint(1, 399)
    rows = []
    for r in range(1, 400):
        cells = "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in letters)
        rows.append(f'<row r="{r}">{cells}</row>')
        if r == at:
            rows.append(
                oddity.format(
                    r=r,
                    c=column_letter(rng.randint(1, width + 3)),
                    big=r + rng.randint(1, 10**6),
                    small=rng.randint(1, r),
                    lower=column_letter(rng.randint(1, width)).lower(),
                )
            )
    merges = '<mergeCells><mergeCell ref="A1:B2"/></mergeCells>' if rng.random() < 0.5 else ""
    return f"<worksheet><sheetData>{''.join(rows)}</sheetData>{merges}</worksheet>".encode()


def _scan(data: bytes) -> xlsx_scan.SheetScan:
    out = xlsx_scan.SheetScan()
    chunks = (data[i : i + 700] for i in range(0, len(data), 700))
    xlsx_scan.scan_stream(chunks, out, "S", Limits(max_cells=10**12), None, deferred=False)
    return out


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("oddity", ODDITIES)
def test_the_proof_and_the_measure_agree(
    oddity: str, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _sheet(oddity, seed)
    monkeypatch.setattr(xlsx_scan, "_SCAN_CHUNK", 3000)  # many parts: the proof is tried
    proved: list[bool] = []
    prove = xlsx_scan._proved_within
    monkeypatch.setattr(
        xlsx_scan, "_proved_within", lambda *a: proved.append(prove(*a)) or proved[-1]
    )
    fast = _scan(data)
    monkeypatch.setattr(xlsx_scan, "_proved_within", lambda *a: False)
    slow = _scan(data)
    assert fast == slow
    assert True in proved and False in proved  # both ways were taken on this sheet
