"""The catalogue of finding codes and the Finding record.

A finding is data: a stable code users can grep for and CI can filter on, a
severity, where it is (file, sheet, cell) and a message id with arguments that
`i18n` turns into words. Codes are listed once, here; none is ever renamed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title_vi: str
    title_en: str


CATALOGUE: dict[str, Code] = {
    c.code: c
    for c in (
        Code("unreadable-file", "error", "Không đọc được tệp", "File cannot be read"),
        Code("file-too-large", "error", "Tệp vượt giới hạn", "File over a limit"),
        Code("reader-crashed", "error", "Trình đọc dừng đột ngột", "Reader crashed"),
        Code("read-timeout", "error", "Đọc tệp quá lâu", "Reading took too long"),
        Code("no-header", "error", "Không tìm thấy dòng tiêu đề cột", "No header row"),
        Code("missing-column", "error", "Thiếu cột bắt buộc", "Required column missing"),
        Code("duplicate-column", "error", "Cột bị trùng", "Duplicate column"),
        Code("unknown-column", "warning", "Cột không thuộc biểu mẫu", "Unknown column"),
        Code("missing-value", "error", "Thiếu giá trị bắt buộc", "Required value missing"),
        Code("type-error", "error", "Sai kiểu dữ liệu", "Wrong type of value"),
        Code("out-of-range", "error", "Giá trị ngoài phạm vi", "Value out of range"),
        Code("exceeds-total", "error", "Số thành phần lớn hơn tổng", "Part greater than its total"),
        Code(
            "invalid-choice", "error", "Giá trị không có trong danh sách", "Value not in the list"
        ),
        Code("duplicate-unit", "error", "Mã đơn vị bị trùng", "Duplicate unit code"),
        Code("unknown-parent", "error", "Mã đơn vị cấp trên không tồn tại", "Unknown parent unit"),
        Code(
            "formula-without-value", "error", "Công thức chưa có giá trị", "Formula without a value"
        ),
        Code("totals-mismatch", "warning", "Dòng tổng cộng không khớp", "Totals row mismatch"),
        Code("no-units", "error", "Không có dòng đơn vị nào", "No unit rows"),
        Code("hidden-row", "warning", "Dòng bị ẩn", "Hidden row"),
        Code("ambiguous-value", "warning", "Giá trị có thể hiểu nhiều cách", "Ambiguous value"),
        Code("hidden-sheet", "warning", "Trang tính bị ẩn", "Hidden sheet"),
        Code("too-many-findings", "error", "Quá nhiều lỗi", "Too many findings"),
    )
}


class Finding(BaseModel):
    """One problem, located as precisely as the file allows."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    file: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None
    value: Any = None
    message_id: str
    args: dict[str, Any] = {}

    def message(self, lang: str = "vi") -> str:
        from gender_plan_cli.i18n import render_message

        context = {
            "cell": self.cell,
            "row": self.row,
            "value": self.value,
            "field": self.field,
            "sheet": self.sheet,
        }
        return render_message(self.message_id, {**context, **self.args}, lang)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.row or 0, self.column or 0, self.code)


def make(
    code: str,
    file: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: int | None = None,
    field: str | None = None,
    value: Any = None,
    message_id: str | None = None,
    **args: Any,
) -> Finding:
    """The one place a finding is created; the severity comes from the catalogue."""
    entry = CATALOGUE[code]
    cell = None
    if row is not None and column is not None:
        cell = f"{column_letter(column)}{row}"
    elif row is not None:
        cell = str(row)
    return Finding(
        code=code,
        severity=entry.severity,
        file=file,
        sheet=sheet,
        cell=cell,
        row=row,
        column=column,
        field=field,
        value=_jsonable(value),
        message_id=message_id or code,
        args={k: _jsonable(v) for k, v in args.items()},
    )


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def column_letter(index: int) -> str:
    """1 → A, 27 → AA: the column as Excel shows it."""
    if index < 1:
        raise ValueError(index)
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n
