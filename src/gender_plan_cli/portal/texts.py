"""The portal's words, Vietnamese first and English beside: (vi, en) by key."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Nộp báo cáo cán bộ nữ lãnh đạo, quản lý", "Submit the women-in-leadership return"),
    "subtitle": (
        "Sở Nội vụ thành phố Hà Nội — Kế hoạch thực hiện Quyết định 2282/QĐ-TTg",
        "Hanoi Department of Home Affairs — plan under Decision 2282/QĐ-TTg",
    ),
    "switch": ("English", "Tiếng Việt"),
    "code.label": ("Mã nộp báo cáo của đơn vị", "Your unit's submission code"),
    "code.help": (
        "Mã gồm 16 ký tự, Sở Nội vụ đã gửi cho đơn vị (ví dụ ACDE-FGHJ-KMNP-QRTW).",
        "The 16-character code the Department sent your unit (e.g. ACDE-FGHJ-KMNP-QRTW).",
    ),
    "code.submit": ("Vào trang của đơn vị", "Open my unit's page"),
    "code.wrong": (
        "Mã không đúng hoặc đã hết hạn. Hãy gõ lại đúng mã Sở Nội vụ đã gửi.",
        "The code is wrong or has expired. Type the code the Department sent again.",
    ),
    "code.locked": (
        "Đã nhập sai mã quá 3 lần. Vui lòng thử lại sau 30 phút, hoặc liên hệ Sở Nội vụ.",
        "Three wrong codes: please try again in 30 minutes, or call the Department.",
    ),
    "unit.deadline": ("Hạn nộp", "Deadline"),
    "unit.closes": ("Cổng nhận báo cáo đóng ngày", "The portal closes on"),
    "unit.covers": ("Mã này nộp được số liệu của", "This code may submit the figures of"),
    "unit.covers.units": (
        "đơn vị (đơn vị mình và các đơn vị trực thuộc)",
        "units (yours and those under it)",
    ),
    "unit.template": (
        "Tải biểu mẫu của đơn vị (đã điền sẵn mã, tên, cấp) (.xlsx)",
        "Download your unit's form (code, name and level filled in) (.xlsx)",
    ),
    "unit.upload": ("Nộp báo cáo", "Submit the return"),
    "unit.upload.help": (
        "Chọn tệp Excel (.xlsx, .xlsm, .xls, .xlsb), LibreOffice (.ods) hoặc .csv, tối đa {mb} MB.",
        "Choose an Excel (.xlsx, .xlsm, .xls, .xlsb), LibreOffice (.ods) or .csv file, at most {mb} MB.",
    ),
    "unit.upload.button": ("Gửi và kiểm tra", "Send and check"),
    "unit.history": ("Các lần đã gửi", "What you have sent"),
    "unit.none": ("Chưa gửi lần nào.", "Nothing sent yet."),
    "unit.counts": ("Bản đang được tính", "The return that counts"),
    "unit.logout": ("Thoát", "Sign out"),
    "col.when": ("Thời gian nhận", "Received"),
    "col.file": ("Tệp", "File"),
    "col.result": ("Kết quả", "Result"),
    "col.reference": ("Số biên nhận", "Reference"),
    "state.accepted": ("Đã nhận", "Received"),
    "state.accepted.late": ("Đã nhận (muộn)", "Received (late)"),
    "state.attempt": ("Có lỗi — chưa được nhận", "Has errors — not received"),
    "result.errors": ("{n} lỗi, {w} cảnh báo", "{n} errors, {w} warnings"),
    "result.none": ("Không có lỗi.", "No errors."),
    "result.ok.title": ("Đã nhận báo cáo", "Return received"),
    "result.bad.title": (
        "Báo cáo có lỗi — chưa được nhận. Hãy sửa các ô dưới đây rồi gửi lại.",
        "The return has errors — not received. Fix the cells below and send it again.",
    ),
    "receipt.reference": ("Số biên nhận", "Reference number"),
    "receipt.time": ("Thời gian nhận (giờ Hà Nội)", "Received (Hanoi time)"),
    "receipt.sha256": ("Mã kiểm tra tệp (SHA-256)", "File checksum (SHA-256)"),
    "receipt.file": ("Tệp", "File"),
    "receipt.next": (
        "Tiếp theo: Sở Nội vụ tổng hợp số liệu sau hạn nộp. Nếu cần sửa, đơn vị gửi lại tệp đã sửa "
        "trước khi cổng đóng; bản nhận sau cùng được tính. Hãy lưu số biên nhận này.",
        "What happens next: the Department adds up the figures after the deadline. To correct "
        "them, send the corrected file before the portal closes; the latest received counts. "
        "Keep this reference number.",
    ),
    "late.title": ("Báo cáo nộp sau hạn", "Sent after the deadline"),
    "late.ask": (
        "Báo cáo đã được nhận nhưng sau hạn {deadline}. Vui lòng cho biết lý do nộp muộn.",
        "The return was received, after the deadline of {deadline}. Please give the reason.",
    ),
    "late.reason": ("Lý do nộp muộn", "Reason for the delay"),
    "late.send": ("Gửi lý do", "Send the reason"),
    "late.thanks": ("Đã ghi nhận lý do nộp muộn.", "The reason has been recorded."),
    "findings.title": (
        "Các lỗi, theo thứ tự trong trang tính",
        "Findings, in the order of the sheet",
    ),
    "findings.cell": ("Ô", "Cell"),
    "findings.kind": ("Loại", "Kind"),
    "findings.what": ("Lỗi và cách sửa", "What is wrong and how to fix it"),
    "severity.error": ("Lỗi", "Error"),
    "severity.warning": ("Cảnh báo", "Warning"),
    "columns.title": ("Cả cột sai", "A whole column is wrong"),
    "columns.line": (
        "Cột {column}: cả {n} dòng đơn vị đều có lỗi ({code}) — có thể do cả cột nhập sai cách.",
        "Column {column}: all {n} unit rows have an error ({code}) — the whole column may be typed wrongly.",
    ),
    "grid.title": ("Trang tính đã gửi", "The sheet as sent"),
    "grid.legend": (
        "Ô tô đỏ có lỗi, ô tô vàng có cảnh báo.",
        "Red cells have an error, yellow cells a warning.",
    ),
    "grid.cut": (
        "Chỉ hiện {rows} dòng × {cols} cột đầu; các lỗi ở ngoài vẫn được liệt kê ở trên.",
        "Only the first {rows} rows × {cols} columns are drawn; findings beyond are listed above.",
    ),
    "grid.roster": (
        "Danh sách cán bộ không được hiển thị (có thông tin cá nhân).",
        "A staff list is not drawn (it holds personal data).",
    ),
    "back": ("Về trang của đơn vị", "Back to my unit's page"),
    "upload.missing": ("Hãy chọn một tệp để gửi.", "Choose a file to send."),
    "upload.extension": (
        "Tệp {name}: chỉ nhận .xlsx, .xlsm, .xls, .xlsb, .ods hoặc .csv.",
        "File {name}: only .xlsx, .xlsm, .xls, .xlsb, .ods or .csv are taken.",
    ),
    "upload.too-large": ("Tệp lớn hơn {mb} MB.", "The file is larger than {mb} MB."),
    "upload.rate": (
        "Đơn vị đã gửi {n} lần trong một giờ. Vui lòng thử lại sau.",
        "Your unit has sent {n} files within an hour. Please try again later.",
    ),
    "upload.busy": (
        "Hệ thống đang bận kiểm tra nhiều báo cáo. Vui lòng gửi lại sau ít phút.",
        "The portal is busy checking many returns. Please send again in a few minutes.",
    ),
    "upload.closed": ("Cổng nhận báo cáo đã đóng.", "The portal is closed."),
    "csrf": (
        "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Hãy tải lại trang và thử lại.",
        "The session has expired or the form is not valid. Reload the page and try again.",
    ),
}


def _with_desk() -> None:
    from gender_plan_cli.portal.desk_texts import DESK_TEXTS

    TEXTS.update(DESK_TEXTS)


_with_desk()


def t(key: str, lang: str, **args: object) -> str:
    vi, en = TEXTS[key]
    words = en if lang == "en" else vi
    return words.format(**args) if args else words


def texts(lang: str) -> dict[str, str]:
    """Every text in one language, for a template: `{{ t.key }}` (keys with dots as `_`)."""
    return {k.replace(".", "_"): (en if lang == "en" else vi) for k, (vi, en) in TEXTS.items()}
