"""CSV exports: encoding and delimiter detected, never asked for.

Accepted encodings are those of the contract: UTF-8 (with or without BOM),
UTF-16 (Excel's "Unicode Text", with BOM, or without BOM detected by its
zero bytes) and Windows-1258. Delimiters: comma, semicolon or tab — the one
that splits the first lines into the most consistent, widest rows wins.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from gender_plan_cli.reading.grid import SheetGrid, clean
from gender_plan_cli.reading.limits import Limits, ReadProblem
from gender_plan_cli.reading.xlsx import SheetInfo

DELIMITERS = (",", ";", "\t")


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was read in."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16"), "utf-16"
    head = raw[:4096]
    if len(head) >= 4 and head.count(0) >= len(head) // 4:
        # UTF-16 without BOM: every other byte of ASCII text is zero.
        even_zeros = head[0::2].count(0)
        odd_zeros = head[1::2].count(0)
        codec = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        return raw.decode(codec), codec
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1258"), "cp1258"
    except UnicodeDecodeError as exc:
        raise ReadProblem(
            "unreadable-file", "unreadable-file.csv-encoding", reason=str(exc)
        ) from None


def sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    best, best_score = ",", (-1, -1)
    for d in DELIMITERS:
        widths = [len(row) for row in csv.reader(lines, delimiter=d)]
        if not widths:
            continue
        widest = max(widths)
        score = (sum(1 for w in widths if w == widest and w > 1), widest)
        if score > best_score:
            best, best_score = d, score
    return best


class CsvBook:
    has_sheets = False  # findings name no sheet

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
        try:
            self.text, self.encoding = decode(raw)
        except UnicodeDecodeError as exc:
            raise ReadProblem(
                "unreadable-file", "unreadable-file.csv-encoding", reason=str(exc)
            ) from None
        self.delimiter = sniff_delimiter(self.text)
        self.sheets = [SheetInfo(path.name, path.name, False)]

    def close(self) -> None:
        pass

    def grid(self, sheet: SheetInfo) -> SheetGrid:
        reader = csv.reader(io.StringIO(self.text, newline=""), delimiter=self.delimiter)
        try:
            rows = [[clean(v) for v in row] for row in reader]
        except csv.Error as exc:
            raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
        return SheetGrid(name=sheet.name, rows=rows)
