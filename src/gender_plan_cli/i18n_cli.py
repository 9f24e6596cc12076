"""Messages of the command line itself: the option parser's errors and `gplan schema`."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "parser.usage": ("Cách dùng:", "Usage:"),
    "parser.hint": (
        "Xem '{command} --help' để biết cách dùng.",
        "Try '{command} --help' for help.",
    ),
    "parser.missing": ("Thiếu {kind} {name}.", "Missing {kind} {name}."),
    "parser.kind.argument": ("tham số", "argument"),
    "parser.kind.option": ("tùy chọn", "option"),
    "parser.kind.parameter": ("tham số", "parameter"),
    "parser.invalid": (
        "Giá trị không hợp lệ cho {name}: {detail}",
        "Invalid value for {name}: {detail}",
    ),
    "parser.not-one-of": (
        "{value} không phải một trong các giá trị {choices}.",
        "{value} is not one of {choices}.",
    ),
    "parser.not-integer": ("{value} không phải số nguyên.", "{value} is not a valid integer."),
    "parser.not-float": ("{value} không phải số.", "{value} is not a valid float."),
    "parser.input-integer": ("cần một số nguyên.", "a whole number is needed."),
    "parser.input-number": ("cần một số.", "a number is needed."),
    "parser.min": ("phải từ {bound} trở lên.", "must be {bound} or more."),
    "parser.max": ("không được vượt quá {bound}.", "must be {bound} or less."),
    "parser.no-such-option": ("Không có tùy chọn {name}.", "No such option: {name}"),
    "parser.did-you-mean": ("(Có thể là: {names})", "(Possible options: {names})"),
    "parser.no-such-command": ("Không có lệnh {name}.", "No such command {name}."),
    "parser.extra-argument": (
        "Thừa tham số: {names}.",
        "Got unexpected extra argument: {names}.",
    ),
    "parser.needs-value": (
        "Tùy chọn {name} cần một giá trị.",
        "Option {name} requires an argument.",
    ),
    "parser.other": ("Lệnh không đúng: {detail}", "{detail}"),
    # --- check --format csv and --summary ----------------------------------------------------
    "check.csv.file": ("Tệp", "file"),
    "check.csv.sheet": ("Trang tính", "sheet"),
    "check.csv.cell": ("Ô", "cell"),
    "check.csv.severity": ("Mức", "severity"),
    "check.csv.code": ("Mã lỗi", "code"),
    "check.csv.field": ("Trường", "field"),
    "check.csv.value": ("Giá trị", "value"),
    "check.csv.message": ("Nội dung và cách sửa", "message"),
    "check.line.units": ("{units} đơn vị", "{units} units"),
    "check.line.errors": ("{errors} lỗi", "{errors} errors"),
    "check.line.warnings": ("{warnings} cảnh báo", "{warnings} warnings"),
    # --- gap on a narrow terminal ---------------------------------------------------------------
    "gap.narrow.progress": ("Tiến độ", "Progress"),
    "gap.narrow.legend": (
        "Tiến độ: thang 0–100%, █ tỷ lệ hiện có, ┃ mục tiêu.",
        "Progress: a 0–100% scale, █ the rate, ┃ the target.",
    ),
}
