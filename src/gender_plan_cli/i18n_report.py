"""The words of the report workbook, `trend`, the women-leaders statistic and output errors.

Kept beside `i18n.py` (which merges them into its one catalogue) so that file stays readable;
look them up with `i18n.text` like every other message.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- gap: the statistic without a target, and years before the first milestone ----------
    "gap.before-first": (
        "[Trước mốc đầu tiên ({first}): áp dụng chỉ tiêu của mốc {first}] ",
        "[Before the first milestone ({first}): its targets apply] ",
    ),
    "gap.women-leaders": (
        "Nữ trong tổng số lãnh đạo, quản lý (số liệu thống kê, không có chỉ tiêu): "
        "{female}/{total} = {rate} ({units} đơn vị có ghi số nữ)",
        "Women among all leaders and managers (a statistic, no target): {female} of {total} = "
        "{rate} ({units} units state the number of women)",
    ),
    "gap.ind.women_leaders": (
        "Nữ trong tổng số lãnh đạo, quản lý (không có chỉ tiêu)",
        "Women among leaders and managers (no target)",
    ),
    "gap.col.women_leaders": ("Nữ lãnh đạo, quản lý", "Women leaders"),
    # --- output files --------------------------------------------------------------------
    "output.locked": (
        'Không ghi được "{path}": tệp đang mở (ví dụ trong Excel) hoặc không có quyền ghi. Hãy '
        "đóng tệp hoặc chọn tên khác rồi chạy lại.",
        'Cannot write "{path}": the file is open (in Excel, for instance) or not writable. Close '
        "it or choose another name, then run again.",
    ),
    "output.xlsx-needs-file": (
        "Định dạng xlsx cần tên tệp: thêm -o bao-cao.xlsx.",
        "The xlsx format needs a file name: add -o report.xlsx.",
    ),
    # --- csv labels ----------------------------------------------------------------------
    "csv.kind.total": ("Toàn bộ", "total"),
    "csv.kind.group": ("Nhóm", "group"),
    "csv.kind.unit": ("Đơn vị", "unit"),
    "csv.col.kind": ("Phạm vi", "kind"),
    "csv.col.group_by": ("Nhóm theo", "group_by"),
    "csv.col.group": ("Nhóm / mã đơn vị", "group"),
    "csv.col.unit_name": ("Tên cơ quan, đơn vị", "unit_name"),
    "csv.col.indicator": ("Chỉ tiêu", "indicator"),
    "csv.col.target_year": ("Năm chỉ tiêu", "target_year"),
    "csv.col.report_year": ("Năm số liệu", "report_year"),
    "csv.col.target": ("Mục tiêu (0–1)", "target"),
    "csv.col.effective_target": ("Mục tiêu sau điều chỉnh (0–1)", "effective_target"),
    "csv.col.scope": ("Số đơn vị thuộc diện", "scope"),
    "csv.col.actual": ("Thực tế", "actual"),
    "csv.col.base": ("Cơ sở tính tỷ lệ", "base"),
    "csv.col.required": ("Cần đạt", "required"),
    "csv.col.rate": ("Tỷ lệ (0–1)", "rate"),
    "csv.col.met": ("Kết quả", "met"),
    "csv.col.gap": ("Còn thiếu", "gap"),
    "csv.col.gap_if_added": ("Còn thiếu nếu bổ sung thêm", "gap_if_added"),
    "csv.col.adjusted": ("Số đơn vị được điều chỉnh", "adjusted"),
    "csv.col.expected": ("Số đơn vị phải báo cáo (danh mục)", "expected"),
    "csv.col.reported": ("Số đơn vị đã báo cáo", "reported"),
    "csv.col.change_per_year": ("Thay đổi mỗi năm (0–1)", "change_per_year"),
    "csv.col.slope_per_year": ("Xu hướng OLS mỗi năm (0–1)", "slope_per_year"),
    "csv.col.projection": ("Dự báo {year} (0–1)", "projection_{year}"),
    "csv.col.reaches_target_year": ("Năm xu hướng đạt chỉ tiêu", "reaches_target_year"),
    "csv.col.reaches": ("Năm đạt mốc {year}", "reaches_{year}"),
    # --- trend -----------------------------------------------------------------------------
    "trend.title": (
        "XU HƯỚNG TỪ {first} ĐẾN {last} VÀ DỰ BÁO ĐẾN {horizon} — nguồn: {source}",
        "TREND {first}–{last} AND PROJECTION TO {horizon} — source: {source}",
    ),
    "trend.method": (
        "Dự báo: đường thẳng bình phương nhỏ nhất (OLS) của tỷ lệ theo năm, trên {n} năm có số liệu "
        "({years}); chỉ là ngoại suy xu hướng, không phải cam kết.",
        "Projection: ordinary least squares line of the rate on the year, over the {n} years "
        "present ({years}); an extrapolation, not a forecast of policy.",
    ),
    "trend.one-year": (
        "Chỉ có số liệu một năm ({year}): chưa tính được xu hướng.",
        "Data of one year only ({year}): no trend can be computed.",
    ),
    "trend.col.indicator": ("Chỉ tiêu", "Indicator"),
    "trend.col.year": ("Năm", "Year"),
    "trend.col.rate": ("Tỷ lệ", "Rate"),
    "trend.col.target": ("Chỉ tiêu năm", "Target"),
    "trend.col.change": ("Thay đổi/năm", "Change/yr"),
    "trend.col.slope": ("Xu hướng/năm", "Trend/yr"),
    "trend.col.projection": ("Dự báo {year}", "{year} proj."),
    "trend.col.reaches": ("Đạt chỉ tiêu năm", "Reaches target"),
    "trend.col.milestone": ("Đạt mốc {year}", "Reaches {year}"),
    "trend.never": ("không đạt vào {year}", "not by {year}"),
    "trend.no-fit": ("chưa đủ số liệu", "too few years"),
    "trend.no-target": ("không có chỉ tiêu", "no target"),
    "trend.points": ("điểm", "pts"),
    # --- report workbook -------------------------------------------------------------------
    "report.agency.top": ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "HANOI PEOPLE'S COMMITTEE"),
    "report.agency.unit": ("SỞ NỘI VỤ", "DEPARTMENT OF HOME AFFAIRS"),
    "report.nation": (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SOCIALIST REPUBLIC OF VIET NAM",
    ),
    "report.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "report.title": (
        "BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU VỀ PHỤ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM {year}",
        "REPORT ON THE TARGETS FOR WOMEN IN LEADERSHIP AND MANAGEMENT, {year}",
    ),
    "report.subtitle": (
        "(Kế hoạch thực hiện Quyết định số 2282/QĐ-TTg ngày 31/12/2020 của Thủ tướng Chính phủ "
        "trên địa bàn thành phố Hà Nội, giai đoạn 2021 - 2030)",
        "(Hanoi's plan implementing Decision 2282/QĐ-TTg of 31/12/2020 of the Prime Minister, "
        "2021 - 2030)",
    ),
    "report.sheet.summary": ("Tổng hợp", "Summary"),
    "report.sheet.trend": ("Xu hướng", "Trend"),
    "report.sheet.level": ("Theo cấp", "By level"),
    "report.sheet.unit_type": ("Theo loại hình", "By unit type"),
    "report.sheet.sector": ("Theo ngành", "By sector"),
    "report.sheet.parent_code": ("Theo đơn vị cấp trên", "By parent unit"),
    "report.sheet.units": ("Đơn vị", "Units"),
    "report.sheet.targets": ("Chỉ tiêu từng đơn vị", "Unit targets"),
    "report.sheet.adjusted": ("Điều chỉnh, miễn", "Adjusted, exempt"),
    "report.sheet.findings": ("Ghi chú số liệu", "Data notes"),
    "report.info.target_year": ("Năm chỉ tiêu", "Target year"),
    "report.info.report_year": ("Năm số liệu", "Data year"),
    "report.info.milestone": ("Mốc", "Milestone"),
    "report.info.source": ("Nguồn số liệu", "Data source"),
    "report.info.files": ("Số tệp đã đọc", "Files read"),
    "report.info.units": ("Số đơn vị", "Units"),
    "report.info.rules": ("Tệp chỉ tiêu", "Rules file"),
    "report.info.coverage": ("Đơn vị phải báo cáo / đã báo cáo", "Units expected / reported"),
    "report.info.coverage-none": (
        "chưa có danh mục đơn vị phải báo cáo",
        "no registry of reporting units yet",
    ),
    "report.info.milestone.on-track": ("lộ trình giữa hai mốc", "on-track, between milestones"),
    "report.info.milestone.at": ("năm mốc", "a milestone year"),
    "report.info.milestone.before": (
        "trước mốc đầu tiên ({first}): chỉ tiêu của mốc {first}",
        "before the first milestone ({first}): its targets",
    ),
    "report.col.no": ("STT", "No."),
    "report.col.indicator": ("Chỉ tiêu", "Indicator"),
    "report.col.target": ("Mục tiêu", "Target"),
    "report.col.effective": ("Mục tiêu sau điều chỉnh", "Adjusted target"),
    "report.col.actual": ("Thực tế", "Actual"),
    "report.col.base": ("Trên tổng số", "Out of"),
    "report.col.rate": ("Tỷ lệ", "Rate"),
    "report.col.status": ("Kết quả", "Status"),
    "report.col.gap": ("Còn thiếu", "Gap"),
    "report.col.gap-text": ("Diễn giải", "Meaning"),
    "report.col.group": ("Nhóm", "Group"),
    "report.col.units": ("Số đơn vị", "Units"),
    "report.col.code": ("Mã", "Code"),
    "report.col.name": ("Cơ quan, đơn vị", "Unit"),
    "report.col.total-short": ("Tổng số người còn thiếu", "People short, all targets"),
    "report.col.own-target": ("Chỉ tiêu riêng", "Own target"),
    "report.col.has-key": ("Có LĐCC nữ", "Female key leader"),
    "report.col.short": ("Thiếu", "Short"),
    "report.col.need": ("Cần có", "Needed"),
    "report.col.have": ("Hiện có", "Now"),
    "report.col.share": ("Tỷ lệ nữ CBCCVC, NLĐ", "Female staff share"),
    "report.col.basis": ("Tính theo", "Basis"),
    "report.col.mode": ("Cách điều chỉnh", "Adjustment"),
    "report.col.file": ("Tệp", "File"),
    "report.col.sheet": ("Trang tính", "Sheet"),
    "report.col.cell": ("Ô", "Cell"),
    "report.col.finding": ("Mã phát hiện", "Code"),
    "report.col.severity": ("Mức độ", "Severity"),
    "report.col.message": ("Nội dung", "Message"),
    "report.col.year": ("Năm", "Year"),
    "report.col.actual-rate": ("Thực tế", "Actual"),
    "report.col.milestone": ("Lộ trình chỉ tiêu", "Target path"),
    "report.col.projection": ("Dự báo (OLS)", "Projection (OLS)"),
    "report.short.key": ("LĐCC nữ", "Female key leader"),
    "report.short.pool": ("Nữ quy hoạch", "Women in pool"),
    "report.short.trained": ("Nữ QH được ĐT, BD", "Women trained"),
    "report.short.ethnic": ("LĐ người DTTS", "Ethnic-minority leaders"),
    "report.yes": ("Có", "Yes"),
    "report.no": ("Không", "No"),
    "report.severity.error": ("Lỗi", "Error"),
    "report.severity.warning": ("Cảnh báo", "Warning"),
    "report.chart.progress": (
        "Mức đạt từng chỉ tiêu so với mục tiêu năm {year}",
        "Progress of each indicator against its {year} target",
    ),
    "report.chart.trend": (
        "{name}: thực tế, lộ trình và dự báo",
        "{name}: actual, path, projection",
    ),
    "report.chart.short": (
        "{n} đơn vị còn thiếu nhiều nhất (số người)",
        "The {n} units with the largest shortfalls (people)",
    ),
    "report.units.title": (
        "SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM {year}",
        "FIGURES ON WOMEN IN LEADERSHIP AND MANAGEMENT, {year}",
    ),
    "report.units.note": (
        "Trang này là một biểu báo cáo đúng mẫu: gplan check đọc được, dùng làm số liệu năm trước.",
        "This sheet is a return in the form: gplan check reads it, so it serves as next year's "
        "history.",
    ),
    "report.trend.title": (
        "XU HƯỚNG CÁC CHỈ TIÊU TỪ NĂM {first} VÀ DỰ BÁO ĐẾN NĂM {horizon}",
        "TREND OF THE INDICATORS SINCE {first} AND PROJECTION TO {horizon}",
    ),
    "report.trend.summary": ("Tóm tắt xu hướng", "Trend summary"),
    "report.groups.title": ("KẾT QUẢ THEO {by}", "RESULTS BY {by}"),
    "report.targets.title": (
        "CHỈ TIÊU RIÊNG VÀ SỐ CÒN THIẾU CỦA TỪNG ĐƠN VỊ",
        "EACH UNIT'S OWN TARGETS AND SHORTFALLS",
    ),
    "report.adjusted.title": (
        "ĐƠN VỊ ĐƯỢC ĐIỀU CHỈNH HOẶC MIỄN CHỈ TIÊU LÃNH ĐẠO CHỦ CHỐT NỮ",
        "UNITS WHOSE FEMALE KEY LEADER TARGET IS ADJUSTED OR EXEMPT",
    ),
    "report.adjusted.none": ("Không có đơn vị nào.", "No unit."),
    "report.findings.title": (
        "GHI CHÚ VỀ SỐ LIỆU ĐÃ ĐỌC",
        "NOTES ON THE DATA READ",
    ),
    "report.findings.none": (
        "Không có phát hiện nào: mọi tệp đều hợp lệ.",
        "No finding: every file is valid.",
    ),
    "report.findings.skipped": (
        "Đã bỏ qua {rows} dòng không hợp lệ (--skip-invalid): {files}",
        "{rows} invalid rows left out (--skip-invalid): {files}",
    ),
}
