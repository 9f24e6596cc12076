"""The exact extent of an .xlsx sheet not written the way Excel writes it, tag by tag as calamine
0.9 would place its cells: the scan's fallback, run before calamine allocates anything."""

from __future__ import annotations

import re
import zipfile
from contextlib import closing
from itertools import chain

from gender_plan_cli.findings import column_index
from gender_plan_cli.reading.limits import Limits, unreadable
from gender_plan_cli.reading.xlsx_scan import MAX_COLUMNS, check_extent
from gender_plan_cli.reading.zipguard import member_chunks

# A <row> or <c> start tag, attributes quoted either way (a quoted ">" does not end the tag).
_XL_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?(row|c)((?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?)/?>""")
_XL_R = re.compile(rb"""(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_XL_REF = re.compile(rb"\s*([A-Za-z]{0,4})\s*(\d*)\s*$")
_MAX_TAG = 1 << 20  # a start tag longer than this is not a spreadsheet's


def xlsx_sheet_extent(
    zf: zipfile.ZipFile, member: str, limits: Limits, sheet: str | None = None
) -> tuple[int, int]:
    """(rows, cols) a reader like calamine would allocate for one worksheet part; refuses > max_cells.

    Mirrors calamine 0.9: a cell's position is its `r` (either quote, spaces
    around "=", lower-case letters accepted), else the cell after the previous
    one; a row without `r` follows the previous row. A cell placed past column XFD
    is refused as soon as the part read so far shows it (`check_extent`). Streams the
    member with the decompressed-size budget; run it after zip_guard, before calamine.
    """
    name = sheet or member
    place = _Placement()
    carry = b""
    chunks = member_chunks(zf, member, limits.max_unzipped_bytes, limits.max_unzipped_mb)
    with closing(chunks):  # a refusal midway closes the member at once
        for chunk in chain(chunks, (b"",)):  # the empty chunk ends it: the carry is read in full
            data = carry + chunk
            cut = len(data) if not chunk else data.rfind(b"<")
            if cut < 0:
                carry = b""
                continue
            for m in _XL_TAG.finditer(data, 0, cut):
                place.tag(m.group(1), m.group(2))
            if place.rows * place.cols > limits.max_cells or place.cols > MAX_COLUMNS:
                check_extent(name, place.rows, place.cols, limits)
            carry = data[cut:]
            if len(carry) > _MAX_TAG:
                raise unreadable("corrupt-zip", member=member)
    check_extent(name, place.rows, place.cols, limits)
    return place.rows, place.cols


class _Placement:
    """Where calamine 0.9 would put each <row> and <c> it meets, and the extent so far."""

    def __init__(self) -> None:
        self.row = self.col = self.rows = self.cols = 0

    def tag(self, kind: bytes, attributes: bytes) -> None:
        ref = _XL_R.search(attributes)
        value = (
            None if ref is None else (ref.group(1) if ref.group(1) is not None else ref.group(2))
        )
        parsed = _XL_REF.match(value) if value is not None else None
        if kind == b"row":
            self.row = int(parsed.group(2)) if parsed and parsed.group(2) else self.row + 1
            self.col = 0
            return
        if parsed and (parsed.group(1) or parsed.group(2)):
            if parsed.group(1):
                self.col = column_index(parsed.group(1).decode("ascii"))
            else:
                self.col += 1
            if parsed.group(2):
                self.row = max(self.row, int(parsed.group(2)))
        else:
            self.col += 1
        self.rows, self.cols = max(self.rows, self.row), max(self.cols, self.col)
