"""Every user-facing message, in Vietnamese and English, keyed by id.

A message says what is wrong and how to fix it, in words a clerk understands.
Arguments are filled with `str.format`; `{field}` arguments are field ids and
are shown as the field's label in the chosen language.
"""

from __future__ import annotations

import os
from typing import Any

LANGS = ("vi", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # --- reading: files that cannot be read -------------------------------------------------
    "unreadable-file": (
        "Không đọc được tệp: {reason}. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại.",
        "The file cannot be read: {reason}. Open it in Excel, save it as .xlsx and send it again.",
    ),
    "unreadable-file.unsupported": (
        "Định dạng tệp \"{ext}\" không được hỗ trợ. Hãy lưu tệp dưới dạng .xlsx, .xls, .ods hoặc .csv.",
        "The file type \"{ext}\" is not supported. Save the file as .xlsx, .xls, .ods or .csv.",
    ),
    "unreadable-file.formula-engine": (
        "Không đọc được công thức trong tệp: {reason}.",
        "A formula in the file cannot be read: {reason}.",
    ),
    # --- reading: sniffing and limits (owned by reading/sniff.py) ---------------------------
    # --- layout and values -----------------------------------------------------------------
    "no-header": (
        "Không tìm thấy dòng tiêu đề cột trong 30 dòng đầu của trang tính nào. Biểu mẫu cần có các cột "
        "như \"Mã đơn vị\", \"Tên cơ quan, đơn vị\", \"Cấp\"... Hãy dùng biểu mẫu tạo bằng "
        "`gplan template`.",
        "No header row was found in the first 30 rows of any sheet. The form needs columns such as "
        "\"Unit code\", \"Unit name\", \"Level\"... Use the form made by `gplan template`.",
    ),
    "missing-column": (
        "Thiếu cột \"{field}\". Hãy thêm cột này vào dòng tiêu đề (dùng biểu mẫu của `gplan template`).",
        "The column \"{field}\" is missing. Add it to the header row (see the form from "
        "`gplan template`).",
    ),
    "missing-column.report_year": (
        "Không biết năm báo cáo: không có cột \"{field}\" và tiêu đề không ghi \"NĂM ...\". Hãy thêm "
        "cột năm, ghi năm vào tiêu đề (ví dụ \"BÁO CÁO ... NĂM 2025\") hoặc chạy với --report-year.",
        "The report year is unknown: there is no \"{field}\" column and no title says \"NĂM ...\". "
        "Add a year column, put the year in the title (\"... NĂM 2025\") or pass --report-year.",
    ),
    "duplicate-column": (
        "Cột {column} và cột {first} đều là \"{field}\". Hãy xóa hoặc đổi tên một trong hai cột.",
        "Columns {column} and {first} are both \"{field}\". Delete or rename one of them.",
    ),
    "unknown-column": (
        "Cột \"{header}\" không thuộc biểu mẫu và sẽ bị bỏ qua. Nếu đây là một chỉ tiêu, hãy đổi tên "
        "cột theo biểu mẫu.",
        "The column \"{header}\" is not part of the form and is ignored. If it holds a figure, rename "
        "it as in the form.",
    ),
    "missing-value": (
        "Ô {cell} (\"{field}\") bị để trống. Hãy nhập giá trị.",
        "Cell {cell} (\"{field}\") is empty. Enter a value.",
    ),
    "missing-value.dtts": (
        "Ô {cell} (\"{field}\") bị để trống, nhưng đơn vị là địa bàn có đồng bào DTTS. Hãy nhập giá trị.",
        "Cell {cell} (\"{field}\") is empty, but the unit is in an ethnic-minority area. Enter a value.",
    ),
    "missing-value.year": (
        "Ô {cell} (\"{field}\") bị để trống và tiêu đề không ghi năm. Hãy nhập năm báo cáo.",
        "Cell {cell} (\"{field}\") is empty and the title gives no year. Enter the report year.",
    ),
    "type-error.int": (
        "Ô {cell} (\"{field}\"): \"{value}\" không phải là số nguyên. Hãy nhập một số nguyên, ví dụ 12.",
        "Cell {cell} (\"{field}\"): \"{value}\" is not a whole number. Enter a whole number, e.g. 12.",
    ),
    "type-error.fraction": (
        "Ô {cell} (\"{field}\"): {value} không phải là số nguyên; số người phải là số nguyên và không "
        "được làm tròn. Hãy kiểm tra lại.",
        "Cell {cell} (\"{field}\"): {value} is not a whole number; a count of people is never rounded. "
        "Check it.",
    ),
    "type-error.percent": (
        "Ô {cell} (\"{field}\"): \"{value}\" không phải là tỷ lệ phần trăm. Hãy nhập số từ 0 đến 100, "
        "ví dụ 45 hoặc 45,5.",
        "Cell {cell} (\"{field}\"): \"{value}\" is not a percentage. Enter a number from 0 to 100, "
        "e.g. 45 or 45.5.",
    ),
    "type-error.bool": (
        "Ô {cell} (\"{field}\"): \"{value}\" không phải Có/Không. Hãy nhập \"Có\" hoặc \"Không\" "
        "(hoặc x / để trống).",
        "Cell {cell} (\"{field}\"): \"{value}\" is not yes/no. Enter \"Có\" or \"Không\" (or x / "
        "leave blank).",
    ),
    "type-error.year": (
        "Ô {cell} (\"{field}\"): \"{value}\" không phải là năm. Hãy nhập năm bằng 4 chữ số, ví dụ 2025.",
        "Cell {cell} (\"{field}\"): \"{value}\" is not a year. Enter a four-digit year, e.g. 2025.",
    ),
    "type-error.date": (
        "Ô {cell} (\"{field}\"): ô được định dạng ngày tháng ({value}). Hãy định dạng ô là số "
        "(Format Cells → Number) và nhập lại.",
        "Cell {cell} (\"{field}\"): the cell is formatted as a date ({value}). Format it as a number "
        "(Format Cells → Number) and enter it again.",
    ),
    "type-error.error": (
        "Ô {cell} (\"{field}\") chứa lỗi của Excel ({value}). Hãy sửa công thức hoặc nhập số.",
        "Cell {cell} (\"{field}\") holds an Excel error ({value}). Fix the formula or enter a number.",
    ),
    "type-error.record": (
        "Dòng {row}: số liệu không nhất quán ({reason}). Hãy kiểm tra lại dòng này.",
        "Row {row}: the figures are inconsistent ({reason}). Check this row.",
    ),
    "out-of-range.negative": (
        "Ô {cell} (\"{field}\"): {value} là số âm. Số người không thể âm.",
        "Cell {cell} (\"{field}\"): {value} is negative. A count cannot be negative.",
    ),
    "out-of-range.percent": (
        "Ô {cell} (\"{field}\"): {value} nằm ngoài khoảng 0–100%.",
        "Cell {cell} (\"{field}\"): {value} is outside 0–100%.",
    ),
    "out-of-range.year": (
        "Ô {cell} (\"{field}\"): năm {value} nằm ngoài giai đoạn 2021–2030 của Chương trình.",
        "Cell {cell} (\"{field}\"): the year {value} is outside the programme's 2021–2030.",
    ),
    "out-of-range.report-year": (
        "Năm báo cáo {value} (lấy từ {source}) nằm ngoài giai đoạn 2021–2030.",
        "The report year {value} (from {source}) is outside 2021–2030.",
    ),
    "exceeds-total": (
        "Ô {cell}: \"{field}\" ({value}) lớn hơn \"{whole}\" ({whole_value}, ô {whole_cell}). Hãy "
        "kiểm tra lại hai số này.",
        "Cell {cell}: \"{field}\" ({value}) is greater than \"{whole}\" ({whole_value}, cell "
        "{whole_cell}). Check both figures.",
    ),
    "invalid-choice": (
        "Ô {cell} (\"{field}\"): \"{value}\" không có trong danh sách. Hãy chọn một trong: {choices}.",
        "Cell {cell} (\"{field}\"): \"{value}\" is not in the list. Pick one of: {choices}.",
    ),
    "duplicate-unit": (
        "Mã đơn vị \"{value}\" năm {year} đã có ở {first}. Mỗi đơn vị chỉ báo cáo một dòng mỗi năm: "
        "hãy xóa dòng trùng hoặc sửa mã.",
        "Unit code \"{value}\" for {year} already appears at {first}. Each unit has one row a year: "
        "delete the duplicate or fix the code.",
    ),
    "unknown-parent": (
        "Ô {cell}: mã đơn vị cấp trên \"{value}\" không có trong dữ liệu năm {year}. Hãy sửa mã, để "
        "trống, hoặc kiểm tra cùng với tệp có đơn vị cấp trên (gplan check tệp-này.xlsx tệp-tổng-hợp.xlsx).",
        "Cell {cell}: parent code \"{value}\" is not in the {year} data. Fix it, leave it blank, or "
        "check this file together with the one holding the parent unit.",
    ),
    "formula-without-value": (
        "Ô {cell} (\"{field}\") là công thức chưa được tính (tệp do phần mềm tạo và chưa mở bằng "
        "Excel). Hãy mở tệp bằng Excel, lưu lại rồi gửi lại.",
        "Cell {cell} (\"{field}\") is a formula with no computed value (the file was written by a "
        "program and never opened in a spreadsheet). Open it in Excel, save and send it again.",
    ),
    "totals-mismatch": (
        "Ô {cell}: dòng tổng cộng ghi \"{field}\" = {value}, nhưng tổng các đơn vị là {expected}. "
        "Hãy kiểm tra dòng tổng cộng hoặc số liệu các đơn vị.",
        "Cell {cell}: the totals row says \"{field}\" = {value}, but the units add up to {expected}. "
        "Check the totals row or the units' figures.",
    ),
    "no-units": (
        "Trang \"{sheet_name}\" có dòng tiêu đề nhưng không có dòng đơn vị nào. Hãy nhập số liệu dưới dòng "
        "tiêu đề.",
        "Sheet \"{sheet_name}\" has a header but no unit rows. Enter the figures below the header.",
    ),
    "hidden-row": (
        "Dòng {row} (đơn vị \"{value}\") đang bị ẩn. Dòng này vẫn được đọc và tính; nếu không muốn "
        "tính, hãy xóa dòng thay vì ẩn.",
        "Row {row} (unit \"{value}\") is hidden. It is still read and counted; delete the row "
        "rather than hide it if it should not count.",
    ),
    "ambiguous-value.fraction": (
        "Ô {cell} (\"{field}\"): {value} được hiểu là {value}%. Nếu ý là {percent}%, hãy nhập {percent} "
        "hoặc định dạng ô là phần trăm.",
        "Cell {cell} (\"{field}\"): {value} is read as {value}%. If {percent}% is meant, enter "
        "{percent} or format the cell as a percentage.",
    ),
    "ambiguous-value.thousands": (
        "Ô {cell} (\"{field}\"): \"{value}\" được hiểu là {read} (dấu phân cách hàng nghìn). Nếu ý là "
        "{other}, hãy nhập {other}.",
        "Cell {cell} (\"{field}\"): \"{value}\" is read as {read} (thousands separator). If {other} "
        "is meant, enter {other}.",
    ),
    "hidden-sheet": (
        "Trang số liệu \"{sheet_name}\" đang bị ẩn. Số liệu vẫn được đọc; hãy kiểm tra đây đúng là trang "
        "cần gửi.",
        "The data sheet \"{sheet_name}\" is hidden. It is still read; make sure it is the sheet meant.",
    ),
    # --- check output ----------------------------------------------------------------------
    "check.valid": ("HỢP LỆ", "VALID"),
    "check.invalid": ("CHƯA HỢP LỆ", "INVALID"),
    "check.sheet": ("trang \"{sheet}\"", "sheet \"{sheet}\""),
    "check.year": ("năm {year}", "year {year}"),
    "check.units": ("{units} đơn vị", "{units} units"),
    "check.ignored": ("bỏ qua trang: {sheets}", "sheets ignored: {sheets}"),
    "check.hidden": ("trang ẩn: {sheets}", "hidden sheets: {sheets}"),
    "check.col.file": ("Tệp", "File"),
    "check.col.cell": ("Ô", "Cell"),
    "check.col.severity": ("Mức", "Severity"),
    "check.col.code": ("Mã lỗi", "Code"),
    "check.col.message": ("Nội dung và cách sửa", "What is wrong and how to fix it"),
    "check.error": ("Lỗi", "Error"),
    "check.warning": ("Cảnh báo", "Warning"),
    "check.summary": (
        "{files} tệp, {invalid} tệp chưa hợp lệ, {units} đơn vị; {errors} lỗi, {warnings} cảnh báo.",
        "{files} files, {invalid} invalid, {units} units; {errors} errors, {warnings} warnings.",
    ),
    "check.no-findings": ("Không có lỗi nào.", "No findings."),
    "check.progress": ("Đang kiểm tra", "Checking"),
    "usage.no-path": (
        "Không tìm thấy \"{path}\". Hãy kiểm tra lại tên tệp hoặc thư mục.",
        "\"{path}\" does not exist. Check the file or folder name.",
    ),
    "usage.no-files": (
        "Không có tệp bảng tính nào (.xlsx, .xlsm, .xls, .ods, .csv) trong: {paths}.",
        "No spreadsheet (.xlsx, .xlsm, .xls, .ods, .csv) found in: {paths}.",
    ),
    # --- gap and rules (owned by indicators / rules / render) -------------------------------
    # --- template -------------------------------------------------------------------------
}


def default_lang() -> str:
    lang = os.environ.get("GPLAN_LANG", "vi").strip().lower()
    return lang if lang in LANGS else "vi"


def text(message_id: str, lang: str, **args: Any) -> str:
    return render_message(message_id, args, lang)


def render_message(message_id: str, args: dict[str, Any], lang: str) -> str:
    """The message in the language asked for; field ids in `field`/`whole` become labels."""
    from gender_plan_cli.contract import FIELD_BY_ID

    pair = MESSAGES.get(message_id) or MESSAGES.get(message_id.split(".")[0])
    if pair is None:
        return f"{message_id} {args}"
    template = pair[0] if lang == "vi" else pair[1]
    shown = dict(args)
    for name in ("field", "whole"):
        fid = shown.get(name)
        if isinstance(fid, str) and fid in FIELD_BY_ID:
            shown[name] = FIELD_BY_ID[fid].label(lang)
    choices = shown.get("choices")
    if choices in ("level", "unit_type"):
        from gender_plan_cli.contract import LEVELS, UNIT_TYPES

        options = LEVELS if choices == "level" else UNIT_TYPES
        shown["choices"] = "; ".join(c.label_vi if lang == "vi" else c.label_en for c in options)
    for name, value in list(shown.items()):
        if isinstance(value, float):
            shown[name] = _number(value, lang)
    try:
        return template.format(**shown)
    except (KeyError, IndexError):
        return f"{template} {args}"


def _number(value: float, lang: str) -> str:
    if value.is_integer():
        return str(int(value))
    out = f"{value:.4f}".rstrip("0").rstrip(".")
    return out.replace(".", ",") if lang == "vi" else out
