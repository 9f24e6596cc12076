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
    # --- reading: detection, guards and limits (owned by reading/) ---------------------------
    "unreadable-file.empty": (
        'Tệp "{name}" trống (0 byte hoặc không có nội dung). Hãy mở tệp gốc, kiểm tra có số liệu, '
        "lưu lại rồi gửi lại.",
        'The file "{name}" is empty (0 bytes or no content). Open the original, check that it holds '
        "the figures, save it and send it again.",
    ),
    "unreadable-file.directory": (
        '"{name}" là một thư mục chứ không phải tệp, dù tên có đuôi của bảng tính. Hãy đổi tên thư '
        "mục, hoặc chỉ ra các tệp bên trong nó.",
        '"{name}" is a folder, not a file, although its name ends like a spreadsheet. Rename the '
        "folder, or name the files inside it.",
    ),
    "unreadable-file.not-regular": (
        '"{name}" không phải là một tệp thông thường (ví dụ một đường ống hay thiết bị) nên không '
        "được đọc. Hãy chỉ ra tệp bảng tính thật.",
        '"{name}" is not a regular file (a pipe or a device, for instance), so it is not read. '
        "Name the spreadsheet file itself.",
    ),
    "unreadable-file.missing": (
        'Không mở được "{name}": đây là lối tắt (liên kết) trỏ tới một tệp không còn tồn tại. Hãy '
        "chép chính tệp bảng tính vào thư mục.",
        '"{name}" cannot be opened: it is a shortcut (link) to a file that no longer exists. Copy '
        "the spreadsheet itself into the folder.",
    ),
    "unreadable-file.symlink-loop": (
        'Không mở được "{name}": đây là lối tắt (liên kết) trỏ vòng về chính nó. Hãy xóa lối tắt và '
        "chép chính tệp bảng tính vào thư mục.",
        '"{name}" cannot be opened: it is a shortcut (link) that points back to itself. Delete it '
        "and copy the spreadsheet itself into the folder.",
    ),
    "unreadable-file.permission": (
        'Không có quyền đọc tệp "{name}". Hãy cấp quyền đọc cho tệp, hoặc chép tệp sang một thư mục '
        "khác rồi kiểm tra lại.",
        'There is no permission to read "{name}". Allow reading it, or copy it to another folder '
        "and check it again.",
    ),
    "unreadable-file.os-error": (
        'Không mở được tệp "{name}": {reason}. Hãy chép lại tệp rồi kiểm tra lại.',
        'The file "{name}" cannot be opened: {reason}. Copy the file again and re-check it.',
    ),
    "unreadable-file.encrypted": (
        "Tệp được đặt mật khẩu nên không đọc được. Hãy gỡ mật khẩu (trong Excel: File → Info → "
        "Protect Workbook → Encrypt with Password, xóa mật khẩu rồi bấm OK), lưu lại và gửi bản "
        "không có mật khẩu.",
        "The file is password-protected, so it cannot be read. Remove the password (in Excel: File → "
        "Info → Protect Workbook → Encrypt with Password, clear it, OK), save, and send the copy "
        "without a password.",
    ),
    "unreadable-file.truncated-zip": (
        "Tệp bị hỏng hoặc không trọn vẹn (có thể tải về hay sao chép chưa xong). Hãy mở tệp gốc bằng "
        "Excel, lưu lại rồi gửi lại.",
        "The file is damaged or incomplete (perhaps a download or copy did not finish). Open the "
        "original in Excel, save it and send it again.",
    ),
    "unreadable-file.corrupt-zip": (
        'Tệp bị hỏng: phần "{member}" bên trong tệp không giải nén được hoặc ghi sai kích thước. '
        "Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại.",
        'The file is damaged: its part "{member}" cannot be unpacked or states a wrong size. Open '
        "it in Excel, save it as .xlsx and send it again.",
    ),
    "unreadable-file.zip-duplicate": (
        'Tệp bị hỏng hoặc bị sửa bằng công cụ khác: phần "{member}" xuất hiện hai lần. Hãy mở tệp '
        "bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại.",
        'The file is damaged or was altered by another tool: the part "{member}" appears twice. '
        "Open it in Excel, save it as .xlsx and send it again.",
    ),
    "unreadable-file.zip-method": (
        'Phần "{member}" của tệp được nén theo cách Excel không dùng (mã {method}). Hãy mở tệp bằng '
        "Excel hoặc LibreOffice, lưu lại dưới dạng .xlsx rồi gửi lại.",
        'The part "{member}" is compressed in a way Excel never uses (method {method}). Open the '
        "file in Excel or LibreOffice, save it as .xlsx and send it again.",
    ),
    "unreadable-file.corrupt-xls": (
        "Tệp Excel 97–2003 (.xls) bị hỏng ({reason}). Hãy mở tệp bằng Excel, lưu lại dưới dạng "
        ".xlsx rồi gửi lại.",
        "The Excel 97–2003 (.xls) file is damaged ({reason}). Open it in Excel, save it as .xlsx "
        "and send it again.",
    ),
    "unreadable-file.not-spreadsheet": (
        'Tệp này không phải bảng tính mà là tệp định dạng {what}, dù tên có đuôi "{ext}". Hãy gửi '
        "chính tệp bảng tính (.xlsx, .xls, .ods hoặc .csv) chứa số liệu, không gửi bản chụp hay bản "
        "PDF.",
        'This is not a spreadsheet but a {what} file, although its name ends in "{ext}". Send the '
        "spreadsheet itself (.xlsx, .xls, .ods or .csv), not a scan or a PDF.",
    ),
    "unreadable-file.save-as-xlsx": (
        'Tệp là {what}, không phải bảng tính Excel thật (dù có đuôi "{ext}"); phần mềm xuất ra kiểu '
        "này thường gặp. Hãy mở tệp bằng Excel, chọn File → Save As → Excel Workbook (.xlsx) rồi gửi "
        "lại.",
        'The file is {what}, not a real Excel workbook (although it ends in "{ext}"); web systems '
        "often export this. Open it in Excel, choose File → Save As → Excel Workbook (.xlsx) and "
        "send that.",
    ),
    "unreadable-file.text-not-csv": (
        'Tệp có đuôi "{ext}" nhưng thực chất là văn bản thuần (có thể là CSV). Nếu là CSV, hãy đổi '
        "đuôi tệp thành .csv; nếu không, hãy mở bằng Excel và lưu dưới dạng .xlsx.",
        'The file ends in "{ext}" but is plain text (a CSV, perhaps). If it is a CSV, rename it to '
        ".csv; otherwise open it in Excel and save it as .xlsx.",
    ),
    "unreadable-file.csv-nul": (
        "Tệp CSV chứa ký tự rỗng (NUL) ở dòng {line}: tệp bị hỏng hoặc không phải văn bản. Hãy mở "
        "tệp gốc bằng Excel và lưu lại bằng File → Save As → CSV UTF-8.",
        "The CSV holds a NUL character on line {line}: it is damaged or not text. Open the original "
        "in Excel and save it with File → Save As → CSV UTF-8.",
    ),
    "unreadable-file.csv-encoding": (
        "Tệp CSV không dùng bảng mã được chấp nhận (UTF-8, UTF-16 hoặc Windows-1258) nên chữ sẽ bị "
        "sai. Hãy mở bằng Excel và lưu lại bằng File → Save As → CSV UTF-8.",
        "The CSV is in none of the accepted encodings (UTF-8, UTF-16 or Windows-1258), so its text "
        "would be garbled. Open it in Excel and save it with File → Save As → CSV UTF-8.",
    ),
    "unreadable-file.csv-utf32": (
        "Tệp CSV dùng bảng mã UTF-32, không được chấp nhận. Hãy mở bằng Excel và lưu lại bằng File → "
        "Save As → CSV UTF-8.",
        "The CSV is in UTF-32, which is not accepted. Open it in Excel and save it with File → "
        "Save As → CSV UTF-8.",
    ),
    "unreadable-file.xml-entities": (
        'Tệp bị từ chối: phần "{member}" có khai báo DOCTYPE/ENTITY, thứ Excel không bao giờ tạo '
        "ra và có thể dùng để làm treo máy. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi "
        "lại.",
        'The file is refused: its part "{member}" declares a DOCTYPE/ENTITY, which Excel never '
        "writes and which can be used to exhaust memory. Open it in Excel, save it as .xlsx and "
        "send it again.",
    ),
    "unreadable-file.xml-prolog": (
        'Tệp bị từ chối: phần "{member}" có phần mở đầu XML dài bất thường. Hãy mở tệp bằng Excel, '
        "lưu lại dưới dạng .xlsx rồi gửi lại.",
        'The file is refused: its part "{member}" has an abnormally long XML preamble. Open it in '
        "Excel, save it as .xlsx and send it again.",
    ),
    "file-too-large.size": (
        "Tệp nặng {size} MB, vượt giới hạn {limit} MB. Nếu tệp đúng là lớn như vậy, hãy chạy lại với "
        "{flag} (ví dụ {flag} 500); nếu không, hãy xóa các trang, hình ảnh không cần thiết rồi lưu "
        "lại.",
        "The file is {size} MB, over the {limit} MB limit. If it really is that big, run again with "
        "{flag} (e.g. {flag} 500); otherwise delete unneeded sheets and pictures and save it again.",
    ),
    "file-too-large.unzipped": (
        'Phần "{member}" của tệp khi giải nén vượt giới hạn {limit} MB. Nếu tệp hợp lệ, hãy chạy lại '
        "với {flag} lớn hơn; nếu không, hãy mở bằng Excel, xóa phần thừa và lưu lại.",
        'The part "{member}" unpacks to more than {limit} MB. If the file is genuine, run again '
        "with a larger {flag}; otherwise open it in Excel, delete what is not needed and save it.",
    ),
    "file-too-large.unzipped-total": (
        "Tệp khi giải nén chiếm hơn {size} MB, vượt giới hạn {limit} MB. Nếu tệp hợp lệ, hãy chạy "
        "lại với {flag} lớn hơn; nếu không, hãy xóa các trang, hình ảnh không cần thiết rồi lưu lại.",
        "The file unpacks to more than {size} MB, over the {limit} MB limit. If it is genuine, run "
        "again with a larger {flag}; otherwise delete unneeded sheets and pictures and save it.",
    ),
    "file-too-large.ratio": (
        'Phần "{member}" của tệp bị nén tới hơn {ratio} lần (giới hạn {limit} lần) — dấu hiệu của '
        '"bom nén". Nếu tệp hợp lệ, hãy chạy lại với {flag} lớn hơn; nếu không, đừng mở tệp này, '
        "hãy đề nghị đơn vị gửi lại.",
        'The part "{member}" is compressed more than {ratio} times (limit {limit}) — the mark of a '
        '"zip bomb". If the file is genuine, run again with a larger {flag}; otherwise do not open '
        "it and ask the unit to send it again.",
    ),
    "file-too-large.members": (
        "Tệp chứa {count} thành phần bên trong, vượt giới hạn {limit}; một bảng tính thật chỉ có vài "
        "trăm. Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi gửi lại.",
        "The file holds {count} parts, over the limit of {limit}; a real workbook has a few hundred. "
        "Open it in Excel, save it as .xlsx and send it again.",
    ),
    "file-too-large.cells": (
        'Trang "{sheet}" có vùng dữ liệu {extent} ({cells} ô), vượt giới hạn {limit} ô — thường do '
        "một ô lẻ ở rất xa bảng. Hãy xóa các dòng, cột thừa sau bảng (chọn chúng → Delete), lưu lại; "
        "nếu bảng đúng là lớn như vậy, hãy chạy lại với {flag} lớn hơn.",
        'Sheet "{sheet}" uses the range {extent} ({cells} cells), over the {limit}-cell limit — '
        "usually one stray cell far from the table. Delete the extra rows and columns after the "
        "table (select them → Delete) and save; if the table really is that big, run again with a "
        "larger {flag}.",
    ),
    "file-too-large.line": (
        "Dòng {line} của tệp CSV dài hơn {limit} KB (đã đọc {size} KB mà chưa hết dòng) — thường do "
        "tệp không có dấu xuống dòng hoặc không phải CSV. Hãy mở bằng Excel và lưu lại bằng File → "
        "Save As → CSV UTF-8; nếu dòng đúng là dài như vậy, hãy chạy lại với {flag} lớn hơn.",
        "Line {line} of the CSV is longer than {limit} KB ({size} KB read without an end of line) — "
        "usually a file without line breaks or not a CSV at all. Open it in Excel and save it with "
        "File → Save As → CSV UTF-8; if the line really is that long, run again with a larger {flag}.",
    ),
    # --- reading: a worker that died or overran (owned by isolation.py) ----------------------
    "file-too-large.memory": (
        "Đọc tệp cần hơn {limit} MB bộ nhớ nên đã bị dừng. Nếu tệp đúng là lớn như vậy, hãy chạy "
        "lại với {flag} lớn hơn; nếu không, hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi "
        "gửi lại.",
        "Reading the file needed more than {limit} MB of memory, so it was stopped. If the file "
        "really is that big, run again with a larger {flag}; otherwise open it in Excel, save it "
        "as .xlsx and send it again.",
    ),
    "file-too-large.memory-asked": (
        "Trình đọc đòi {requested} MB bộ nhớ cho tệp này (giới hạn {limit} MB) nên đã bị dừng; tệp "
        "ghi sai kích thước bên trong, có thể bị hỏng hoặc được tạo có chủ đích. Hãy mở tệp bằng "
        "Excel, lưu lại dưới dạng .xlsx rồi gửi lại; nếu tệp đúng là lớn, hãy chạy lại với {flag} "
        "lớn hơn.",
        "The reader asked for {requested} MB of memory for this file (limit {limit} MB), so it was "
        "stopped; the file states wrong sizes inside, through damage or on purpose. Open it in "
        "Excel, save it as .xlsx and send it again; if it really is that big, run again with a "
        "larger {flag}.",
    ),
    "reader-crashed": (
        "Tệp làm trình đọc dừng đột ngột (tín hiệu {signal}); tệp có thể bị hỏng hoặc được tạo có "
        "chủ đích. Hãy mở và lưu lại bằng Excel rồi gửi lại.",
        "The file made the reader stop abruptly (signal {signal}); it may be damaged or crafted on "
        "purpose. Open it in Excel, save it again and send it again.",
    ),
    "reader-crashed.exit": (
        "Tệp làm trình đọc dừng đột ngột (mã thoát {status}); tệp có thể bị hỏng. Hãy mở và lưu "
        "lại bằng Excel rồi gửi lại.",
        "The file made the reader stop abruptly (exit status {status}); it may be damaged. Open "
        "it in Excel, save it again and send it again.",
    ),
    "reader-crashed.error": (
        "Trình đọc gặp lỗi không lường trước với tệp này ({error}). Hãy mở và lưu lại bằng Excel "
        "rồi gửi lại, và báo lỗi cho người phát triển gplan kèm theo tệp.",
        "The reader met an unexpected error with this file ({error}). Open it in Excel, save it "
        "again and send it again, and report the error to gplan's developers with the file.",
    ),
    "read-timeout": (
        "Đọc tệp mất hơn {seconds} giây nên đã bị dừng; tệp có thể quá lớn hoặc bị hỏng. Hãy mở "
        "tệp bằng Excel, xóa các trang, dòng thừa và lưu lại dưới dạng .xlsx; nếu tệp đúng là lớn, "
        "hãy chạy lại với {flag} lớn hơn.",
        "Reading the file took more than {seconds} seconds, so it was stopped; it may be too big or "
        "damaged. Open it in Excel, delete unneeded sheets and rows and save it as .xlsx; if it "
        "really is that big, run again with a larger {flag}.",
    ),
    # --- layout and values -----------------------------------------------------------------
    "no-header": (
        "Không tìm thấy dòng tiêu đề cột trong 30 dòng đầu của trang tính nào. Biểu mẫu cần có các cột "
        'như "Mã đơn vị", "Tên cơ quan, đơn vị", "Cấp"... Hãy dùng biểu mẫu tạo bằng '
        "`gplan template`.",
        "No header row was found in the first 30 rows of any sheet. The form needs columns such as "
        '"Unit code", "Unit name", "Level"... Use the form made by `gplan template`.',
    ),
    "missing-column": (
        'Thiếu cột "{field}". Hãy thêm cột này vào dòng tiêu đề (dùng biểu mẫu của `gplan template`).',
        'The column "{field}" is missing. Add it to the header row (see the form from '
        "`gplan template`).",
    ),
    "missing-column.report_year": (
        'Không biết năm báo cáo: không có cột "{field}" và tiêu đề không ghi "NĂM ...". Hãy thêm '
        'cột năm, ghi năm vào tiêu đề (ví dụ "BÁO CÁO ... NĂM 2025") hoặc chạy với --report-year.',
        'The report year is unknown: there is no "{field}" column and no title says "NĂM ...". '
        'Add a year column, put the year in the title ("... NĂM 2025") or pass --report-year.',
    ),
    "duplicate-column": (
        'Cột {letter} và cột {first} đều là "{field}". Hãy xóa hoặc đổi tên một trong hai cột.',
        'Columns {letter} and {first} are both "{field}". Delete or rename one of them.',
    ),
    "unknown-column": (
        'Cột "{header}" không thuộc biểu mẫu và sẽ bị bỏ qua. Nếu đây là một chỉ tiêu, hãy đổi tên '
        "cột theo biểu mẫu.",
        'The column "{header}" is not part of the form and is ignored. If it holds a figure, rename '
        "it as in the form.",
    ),
    "missing-value": (
        'Ô {cell} ("{field}") bị để trống. Hãy nhập giá trị.',
        'Cell {cell} ("{field}") is empty. Enter a value.',
    ),
    "missing-value.dtts": (
        'Ô {cell} ("{field}") bị để trống, nhưng đơn vị là địa bàn có đồng bào DTTS. Hãy nhập giá trị.',
        'Cell {cell} ("{field}") is empty, but the unit is in an ethnic-minority area. Enter a value.',
    ),
    "missing-value.year": (
        'Ô {cell} ("{field}") bị để trống và tiêu đề không ghi năm. Hãy nhập năm báo cáo.',
        'Cell {cell} ("{field}") is empty and the title gives no year. Enter the report year.',
    ),
    "type-error.int": (
        'Ô {cell} ("{field}"): "{value}" không phải là số nguyên. Hãy nhập một số nguyên, ví dụ 12.',
        'Cell {cell} ("{field}"): "{value}" is not a whole number. Enter a whole number, e.g. 12.',
    ),
    "type-error.fraction": (
        'Ô {cell} ("{field}"): {value} không phải là số nguyên; số người phải là số nguyên và không '
        "được làm tròn. Hãy kiểm tra lại.",
        'Cell {cell} ("{field}"): {value} is not a whole number; a count of people is never rounded. '
        "Check it.",
    ),
    "type-error.percent": (
        'Ô {cell} ("{field}"): "{value}" không phải là tỷ lệ phần trăm. Hãy nhập số từ 0 đến 100, '
        "ví dụ 45 hoặc 45,5.",
        'Cell {cell} ("{field}"): "{value}" is not a percentage. Enter a number from 0 to 100, '
        "e.g. 45 or 45.5.",
    ),
    "type-error.bool": (
        'Ô {cell} ("{field}"): "{value}" không phải Có/Không. Hãy nhập "Có" hoặc "Không" '
        "(hoặc x / để trống).",
        'Cell {cell} ("{field}"): "{value}" is not yes/no. Enter "Có" or "Không" (or x / '
        "leave blank).",
    ),
    "type-error.year": (
        'Ô {cell} ("{field}"): "{value}" không phải là năm. Hãy nhập năm bằng 4 chữ số, ví dụ 2025.',
        'Cell {cell} ("{field}"): "{value}" is not a year. Enter a four-digit year, e.g. 2025.',
    ),
    "type-error.date": (
        'Ô {cell} ("{field}"): ô được định dạng ngày tháng ({value}). Hãy định dạng ô là số '
        "(Format Cells → Number) và nhập lại.",
        'Cell {cell} ("{field}"): the cell is formatted as a date ({value}). Format it as a number '
        "(Format Cells → Number) and enter it again.",
    ),
    "type-error.error": (
        'Ô {cell} ("{field}") chứa lỗi của Excel ({value}). Hãy sửa công thức hoặc nhập số.',
        'Cell {cell} ("{field}") holds an Excel error ({value}). Fix the formula or enter a number.',
    ),
    "type-error.record": (
        "Dòng {row}: số liệu không nhất quán ({reason}). Hãy kiểm tra lại dòng này.",
        "Row {row}: the figures are inconsistent ({reason}). Check this row.",
    ),
    "out-of-range.negative": (
        'Ô {cell} ("{field}"): {value} là số âm. Số người không thể âm.',
        'Cell {cell} ("{field}"): {value} is negative. A count cannot be negative.',
    ),
    "out-of-range.percent": (
        'Ô {cell} ("{field}"): {value} nằm ngoài khoảng 0–100%.',
        'Cell {cell} ("{field}"): {value} is outside 0–100%.',
    ),
    "out-of-range.year": (
        'Ô {cell} ("{field}"): năm {value} nằm ngoài giai đoạn 2021–2030 của Chương trình.',
        'Cell {cell} ("{field}"): the year {value} is outside the programme\'s 2021–2030.',
    ),
    "out-of-range.report-year": (
        "Năm báo cáo {value} (lấy từ {source}) nằm ngoài giai đoạn 2021–2030.",
        "The report year {value} (from {source}) is outside 2021–2030.",
    ),
    "exceeds-total": (
        'Ô {cell}: "{field}" ({value}) lớn hơn "{whole}" ({whole_value}, ô {whole_cell}). Hãy '
        "kiểm tra lại hai số này.",
        'Cell {cell}: "{field}" ({value}) is greater than "{whole}" ({whole_value}, cell '
        "{whole_cell}). Check both figures.",
    ),
    "invalid-choice": (
        'Ô {cell} ("{field}"): "{value}" không có trong danh sách. Hãy chọn một trong: {choices}.',
        'Cell {cell} ("{field}"): "{value}" is not in the list. Pick one of: {choices}.',
    ),
    "duplicate-unit": (
        'Mã đơn vị "{value}" năm {year} đã có ở {first}. Mỗi đơn vị chỉ báo cáo một dòng mỗi năm: '
        "hãy xóa dòng trùng hoặc sửa mã.",
        'Unit code "{value}" for {year} already appears at {first}. Each unit has one row a year: '
        "delete the duplicate or fix the code.",
    ),
    "unknown-parent": (
        'Ô {cell}: mã đơn vị cấp trên "{value}" không có trong dữ liệu năm {year}. Hãy sửa mã, để '
        "trống, hoặc kiểm tra cùng với tệp có đơn vị cấp trên (gplan check tệp-này.xlsx tệp-tổng-hợp.xlsx).",
        'Cell {cell}: parent code "{value}" is not in the {year} data. Fix it, leave it blank, or '
        "check this file together with the one holding the parent unit.",
    ),
    "formula-without-value": (
        'Ô {cell} ("{field}") là công thức chưa được tính (tệp do phần mềm tạo và chưa mở bằng '
        "Excel). Hãy mở tệp bằng Excel, lưu lại rồi gửi lại.",
        'Cell {cell} ("{field}") is a formula with no computed value (the file was written by a '
        "program and never opened in a spreadsheet). Open it in Excel, save and send it again.",
    ),
    "totals-mismatch": (
        'Ô {cell}: dòng tổng cộng ghi "{field}" = {value}, nhưng tổng các đơn vị là {expected}. '
        "Hãy kiểm tra dòng tổng cộng hoặc số liệu các đơn vị.",
        'Cell {cell}: the totals row says "{field}" = {value}, but the units add up to {expected}. '
        "Check the totals row or the units' figures.",
    ),
    "no-units": (
        'Trang "{sheet_name}" có dòng tiêu đề nhưng không có dòng đơn vị nào. Hãy nhập số liệu dưới dòng '
        "tiêu đề.",
        'Sheet "{sheet_name}" has a header but no unit rows. Enter the figures below the header.',
    ),
    # --- issue 9: reading real forms (unread rows, derived totals, the closest header) -------
    "unread-row": (
        "Dòng {row} có số liệu nhưng không được đọc là đơn vị hay dòng tổng ({label}). Nếu đây là "
        "một đơn vị, hãy ghi mã và tên đơn vị; nếu không, hãy xóa số liệu hoặc chuyển xuống ghi chú.",
        "Row {row} holds figures but is read as neither a unit nor a totals row ({label}). If it is "
        "a unit, give it a code and a name; otherwise remove the figures or move them to a note.",
    ),
    "unread-row.group": (
        'Dòng {row} là dòng nhóm ("{label}") nhưng có số liệu; số liệu này không được tính. Nếu '
        'là đơn vị, hãy ghi mã đơn vị; nếu là dòng cộng của nhóm, hãy ghi "Cộng".',
        'Row {row} is a group row ("{label}") but holds figures, which are not counted. If it is a '
        'unit, give it a code; if it is the group\'s subtotal, label it "Cộng".',
    ),
    "unread-row.sub-row": (
        'Dòng {row} ("{label}") có số liệu nhưng không có mã, tên hay số thứ tự đơn vị (dòng con '
        "hoặc dòng cộng của một đơn vị?); số liệu này không được tính.",
        'Row {row} ("{label}") holds figures but no unit code, name or number (a unit\'s sub-row '
        "or subtotal?); its figures are not counted.",
    ),
    "unread-row.signature": (
        "Dòng {row} nằm dưới phần chữ ký ({label}) nhưng có số liệu; bảng kết thúc ở phần chữ ký "
        "nên dòng này không được đọc.",
        "Row {row} is below the signature block ({label}) but holds figures; the table ends at the "
        "signature block, so this row is not read.",
    ),
    "derived-total": (
        'Không có cột tổng số: "{field}" được tính bằng Nam ({male}) + Nữ ({female}).',
        'No total column: "{field}" is read as Nam ({male}) + Nữ ({female}).',
    ),
    "no-header.closest": (
        'Không tìm thấy dòng tiêu đề cột phù hợp. Gần nhất: trang "{sheet_name}", dòng {rows}; '
        "nhận ra {found}; còn thiếu {missing}. Hãy dùng biểu mẫu của `gplan template`.",
        'No header row matches the form. Closest: sheet "{sheet_name}", row {rows}; recognised '
        "{found}; missing {missing}. Use the form from `gplan template`.",
    ),
    "no-header.closest-other-sheet": (
        'Không tìm thấy dòng tiêu đề cột phù hợp. Gần nhất: trang "{sheet_name}", dòng {rows}; '
        'nhận ra {found}; còn thiếu {missing}. Số liệu có vẻ được nhập ở trang "{data_sheet}", '
        "khác với trang có tiêu đề: hãy nhập số liệu ngay dưới dòng tiêu đề.",
        'No header row matches the form. Closest: sheet "{sheet_name}", row {rows}; recognised '
        '{found}; missing {missing}. The figures seem to be typed on sheet "{data_sheet}", not '
        "under the header: type them right below the header row.",
    ),
    "no-units.other-sheet": (
        'Trang "{sheet_name}" có dòng tiêu đề nhưng không có dòng đơn vị nào; số liệu có vẻ được '
        'nhập ở trang "{data_sheet}". Hãy nhập số liệu ngay dưới dòng tiêu đề.',
        'Sheet "{sheet_name}" has a header but no unit rows; the figures seem to be typed on '
        'sheet "{data_sheet}". Type them right below the header row.',
    ),
    "rules.invalid-headers": (
        "Tệp tiêu đề cột (headers.yaml) không hợp lệ:",
        "The header words file (headers.yaml) is not valid:",
    ),
    "rules.headers-file": (
        "Tiêu đề cột bổ sung: {path} (thêm vào danh sách kèm theo gói).",
        "Extra header words: {path} (added to the bundled lists).",
    ),
    "year.title": ("tiêu đề", "the title"),
    "year.school-year": ("năm học", "the school year"),
    "year.as-of": ("ngày số liệu", "the as-of date"),
    "year.date-line": ("dòng ngày tháng", "the date line"),
    "year.--report-year": ("--report-year", "--report-year"),
    "check.rows": (
        "dòng: {unit} đơn vị, {group} nhóm, {totals} tổng, {note} ghi chú, {signature} chữ ký, "
        "{unread} chưa đọc",
        "rows: {unit} unit, {group} group, {totals} totals, {note} note, {signature} signature, "
        "{unread} unread",
    ),
    "explain.title": ("Cách đọc trang {sheet}", "How sheet {sheet} was read"),
    "explain.header": ("Dòng tiêu đề: {rows}", "Header rows: {rows}"),
    "explain.number-row": ("Dòng số thứ tự cột: {row}", "Column-number row: {row}"),
    "explain.no-number-row": ("Không có dòng số thứ tự cột", "No column-number row"),
    "explain.year": (
        'Năm báo cáo {year}: lấy từ {kind}, ô {cell} ("{text}")',
        'Report year {year}: from {kind}, cell {cell} ("{text}")',
    ),
    "explain.col.column": ("Cột", "Column"),
    "explain.col.header": ("Tiêu đề", "Header"),
    "explain.col.field": ("Trường", "Field"),
    "explain.unmapped": ("— (không đọc)", "— (not read)"),
    "explain.rows": ("Các dòng:", "Rows:"),
    "explain.kind.unit": ("đơn vị", "unit"),
    "explain.kind.group": ("nhóm", "group"),
    "explain.kind.totals": ("tổng", "totals"),
    "explain.kind.note": ("ghi chú", "note"),
    "explain.kind.signature": ("chữ ký", "signature"),
    "explain.kind.unread": ("chưa đọc", "unread"),
    "explain.no-layout": ("Không đọc được bảng của tệp này.", "No table was read in this file."),
    "hidden-row": (
        'Dòng {row} (đơn vị "{value}") đang bị ẩn. Dòng này vẫn được đọc và tính; nếu không muốn '
        "tính, hãy xóa dòng thay vì ẩn.",
        'Row {row} (unit "{value}") is hidden. It is still read and counted; delete the row '
        "rather than hide it if it should not count.",
    ),
    "ambiguous-value.fraction": (
        'Ô {cell} ("{field}"): {value} được hiểu là {value}%. Nếu ý là {percent}%, hãy nhập {percent} '
        "hoặc định dạng ô là phần trăm.",
        'Cell {cell} ("{field}"): {value} is read as {value}%. If {percent}% is meant, enter '
        "{percent} or format the cell as a percentage.",
    ),
    "ambiguous-value.thousands": (
        'Ô {cell} ("{field}"): "{value}" được hiểu là {read} (dấu phân cách hàng nghìn). Nếu ý là '
        "{other}, hãy nhập {other}.",
        'Cell {cell} ("{field}"): "{value}" is read as {read} (thousands separator). If {other} '
        "is meant, enter {other}.",
    ),
    "too-many-findings": (
        "Tệp đã có {shown_count} lỗi và cảnh báo; {rows_left} dòng còn lại (từ dòng {row}) chưa được "
        "kiểm tra. Hãy sửa các lỗi trên (thường do sai cột hoặc sai biểu mẫu) rồi kiểm tra lại.",
        "The file already has {shown_count} findings; the {rows_left} remaining rows (from row "
        "{row}) were not checked. Fix the findings above (often a wrong column or form) and check "
        "again.",
    ),
    "hidden-sheet": (
        'Trang số liệu "{sheet_name}" đang bị ẩn. Số liệu vẫn được đọc; hãy kiểm tra đây đúng là trang '
        "cần gửi.",
        'The data sheet "{sheet_name}" is hidden. It is still read; make sure it is the sheet meant.',
    ),
    # --- the registry of units, resubmissions (crosscheck.py, registry.py) ---------------------
    "unknown-parent.unread": (
        'Ô {cell}: mã đơn vị cấp trên "{value}" không có trong các tệp đang kiểm tra (năm {year}). '
        "Nếu mã đúng thì không cần sửa: hãy kiểm tra cùng danh mục đơn vị (gplan check --units "
        "danh-muc.xlsx tệp-này.xlsx) hoặc cùng tệp tổng hợp có đơn vị cấp trên.",
        'Cell {cell}: parent code "{value}" is not in the files checked ({year}). If it is right, '
        "nothing to fix: check with the registry of units (gplan check --units units.xlsx "
        "this-file.xlsx) or together with the file holding the parent unit.",
    ),
    "unknown-parent.registry": (
        'Ô {cell}: mã đơn vị cấp trên "{value}" không có trong danh mục đơn vị ({registry}). Hãy sửa '
        "mã theo danh mục hoặc để trống.",
        'Cell {cell}: parent code "{value}" is not in the registry of units ({registry}). Use a code '
        "of the registry, or leave it blank.",
    ),
    "duplicate-unit.same-time": (
        'Đơn vị "{value}" năm {year} có báo cáo cả ở đây và ở {first}, nhận cùng một thời điểm nên '
        "không biết bản nào mới hơn. Hãy giữ lại một bản.",
        'Unit "{value}" ({year}) has a return here and at {first}, received at the same moment, so '
        "which is newer cannot be told. Keep one of them.",
    ),
    "unknown-unit": (
        'Ô {cell}: mã đơn vị "{value}" không có trong danh mục đơn vị ({registry}). Mã gần giống: '
        "{closest}. Hãy sửa mã theo danh mục, hoặc đề nghị Sở Nội vụ bổ sung đơn vị vào danh mục.",
        'Cell {cell}: unit code "{value}" is not in the registry of units ({registry}). Closest '
        "codes: {closest}. Use the registry's code, or ask the Department to add the unit.",
    ),
    "registry-mismatch": (
        "Ô {cell} ({field}): '{value}' nhưng danh mục ghi '{expected}'. Hãy kiểm tra lại.",
        "Cell {cell} ({field}): '{value}' but the registry says '{expected}'. Please check.",
    ),
    "resubmitted": (
        'Đơn vị "{value}" năm {year} đã gửi lại: bản ở {newer} (nhận {newer_received}) thay cho bản '
        "này (nhận {received}); số liệu ở đây không được tính. Khác nhau: {differences}.",
        'Unit "{value}" ({year}) was sent again: the return at {newer} (received '
        "{newer_received}) supersedes this one (received {received}), which is not counted. "
        "Differences: {differences}.",
    ),
    "registry-duplicate": (
        'Danh mục đơn vị, dòng {row}: mã "{value}" đã có ở dòng {first}. Mỗi mã chỉ ghi một lần.',
        'Registry of units, row {row}: code "{value}" is already at row {first}. List each code once.',
    ),
    "registry-unknown-parent": (
        'Danh mục đơn vị, dòng {row}: đơn vị cấp trên "{value}" không có trong danh mục.',
        'Registry of units, row {row}: parent "{value}" is not in the registry.',
    ),
    "registry-cycle": (
        "Danh mục đơn vị, dòng {row}: đơn vị cấp trên tạo thành vòng lặp ({cycle}).",
        "Registry of units, row {row}: the parents form a cycle ({cycle}).",
    ),
    "registry.yaml-shape": (
        'Danh mục đơn vị dạng YAML phải có danh sách "units:" (mỗi mục có code, name, level, '
        "unit_type, parent).",
        'A YAML registry must hold a "units:" list (each entry with code, name, level, unit_type, '
        "parent).",
    ),
    "registry.yaml-entry": (
        "Danh mục đơn vị, mục thứ {row}: không phải một đơn vị (cần code, name, …).",
        "Registry of units, entry {row}: not a unit (code, name, … expected).",
    ),
    "registry.no-header": (
        'Không tìm thấy dòng tiêu đề của danh mục đơn vị (cần ít nhất các cột "Mã đơn vị", "Tên cơ '
        'quan, đơn vị", "Cấp", "Loại hình").',
        'No header row of a registry of units was found (at least "Mã đơn vị", "Tên cơ quan, đơn '
        'vị", "Cấp", "Loại hình" are needed).',
    ),
    # --- check output ----------------------------------------------------------------------
    "check.valid": ("HỢP LỆ", "VALID"),
    "check.invalid": ("CHƯA HỢP LỆ", "INVALID"),
    "check.sheet": ('trang "{sheet}"', 'sheet "{sheet}"'),
    "check.year": ("năm {year}", "year {year}"),
    "check.units": ("{units} đơn vị", "{units} units"),
    "check.registry": ("danh mục đơn vị", "registry of units"),
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
        'Không tìm thấy "{path}". Hãy kiểm tra lại tên tệp hoặc thư mục.',
        '"{path}" does not exist. Check the file or folder name.',
    ),
    "usage.no-files": (
        "Không có tệp bảng tính nào (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv) trong: {paths}.",
        "No spreadsheet (.xlsx, .xlsm, .xlsb, .xls, .ods, .csv) found in: {paths}.",
    ),
    # --- gap and rules (owned by indicators / rules / render) -------------------------------
    "gap.title": (
        "MỨC ĐẠT CHỈ TIÊU NĂM {target_year} — số liệu năm báo cáo {report_year}, {units} đơn vị — "
        "nguồn: {source}",
        "TARGETS FOR {target_year} — data of report year {report_year}, {units} units — "
        "source: {source}",
    ),
    "gap.on-track": ("[Lộ trình giữa hai mốc] ", "[On-track, between milestones] "),
    "gap.source.samples": (
        "dữ liệu mẫu kèm theo gplan ({path})",
        "the sample data shipped with gplan ({path})",
    ),
    "gap.source.env": ("thư mục GPLAN_DATA ({path})", "the GPLAN_DATA folder ({path})"),
    "gap.source.more": (" và {n} mục khác", " and {n} more"),
    "gap.note.samples": (
        "Không nêu tệp nào: gplan đọc dữ liệu mẫu kèm theo gói ({path}). Hãy nêu tệp hoặc thư mục "
        "báo cáo, hoặc đặt biến môi trường GPLAN_DATA.",
        "No path given: gplan reads the sample data shipped with the package ({path}). Name your "
        "files or folder, or set GPLAN_DATA.",
    ),
    "gap.note.env": (
        "Không nêu tệp nào: gplan đọc thư mục GPLAN_DATA ({path}).",
        "No path given: gplan reads the GPLAN_DATA folder ({path}).",
    ),
    "gap.other-years": (
        "Số liệu còn có năm {years}: không tính trong bảng này (chọn bằng --report-year).",
        "The data also holds {years}: not evaluated here (pick with --report-year).",
    ),
    "gap.rules": ("Chỉ tiêu theo tệp {path}", "Targets from {path}"),
    "gap.col.indicator": ("Chỉ tiêu", "Indicator"),
    "gap.col.target": ("Mục tiêu", "Target"),
    "gap.col.actual": ("Thực tế", "Actual"),
    "gap.col.rate": ("Tỷ lệ", "Rate"),
    "gap.col.status": ("Kết quả", "Status"),
    "gap.col.gap": ("Còn thiếu", "Gap"),
    "gap.col.progress": ("Tiến độ (┃ = mục tiêu)", "Progress (┃ = target)"),
    "gap.ind.female_key_leader": (
        "Cơ quan, chính quyền có lãnh đạo chủ chốt là nữ",
        "Agencies and local governments with a female key leader",
    ),
    "gap.ind.pool_female": (
        "Cán bộ nữ trong diện quy hoạch",
        "Women in the leadership planning pool",
    ),
    "gap.ind.pool_female_trained": (
        "Cán bộ nữ quy hoạch được đào tạo, bồi dưỡng",
        "Women in the planning pool who are trained",
    ),
    "gap.ind.ethnic_minority_leaders": (
        "Lãnh đạo, quản lý người DTTS ở địa bàn có đồng bào DTTS",
        "Ethnic-minority leaders in ethnic-minority areas",
    ),
    "gap.status.met": ("Đạt", "Met"),
    "gap.status.unmet": ("Chưa đạt", "Not met"),
    "gap.status.na": ("Không áp dụng", "Not applicable"),
    "gap.target.every-unit": ("mọi đơn vị đủ số lãnh đạo DTTS", "every unit has enough"),
    "gap.target.adjusted": (
        "{target} (sau điều chỉnh: {effective})",
        "{target} (adjusted: {effective})",
    ),
    "gap.actual.female_key_leader": ("{actual}/{base} cơ quan", "{actual} of {base} agencies"),
    "gap.actual.pool_female": ("{actual}/{base} người là nữ", "{actual} women of {base}"),
    "gap.actual.pool_female_trained": (
        "{actual}/{base} nữ đã đào tạo",
        "{actual} of {base} women trained",
    ),
    "gap.actual.ethnic_minority_leaders": ("{actual}/{base} đơn vị đủ", "{actual} of {base} units"),
    "gap.gap.female_key_leader": (
        "Cần thêm {gap} cơ quan có lãnh đạo chủ chốt là nữ",
        "{gap} more agencies need a female key leader",
    ),
    "gap.gap.pool_female": (
        "Cần thêm {gap} nữ trong diện quy hoạch (giữ nguyên số người quy hoạch), hoặc {added} nữ "
        "nếu bổ sung thêm vào quy hoạch",
        "{gap} more women in the planning pool, or {added} if the pool grows",
    ),
    "gap.gap.pool_female_trained": (
        "Cần đào tạo, bồi dưỡng thêm {gap} cán bộ nữ trong quy hoạch",
        "{gap} more women in the pool to be trained",
    ),
    "gap.gap.ethnic_minority_leaders": (
        "Cần thêm {gap} lãnh đạo, quản lý người DTTS ở {units} đơn vị",
        "{gap} more ethnic-minority leaders in {units} units",
    ),
    "gap.gap.na": ("không có đơn vị thuộc diện áp dụng", "no unit in scope"),
    "gap.adjusted.title": (
        "Đơn vị được điều chỉnh hoặc miễn chỉ tiêu lãnh đạo chủ chốt nữ (ngành, lĩnh vực có tỷ lệ "
        "nữ thấp)",
        "Units whose female-key-leader target is adjusted or exempt (sectors with few women)",
    ),
    "gap.adjusted.col.code": ("Mã", "Code"),
    "gap.adjusted.col.name": ("Tên cơ quan, đơn vị", "Unit"),
    "gap.adjusted.col.sector": ("Ngành, lĩnh vực", "Sector"),
    "gap.adjusted.col.share": ("Tỷ lệ nữ CBCCVC, NLĐ", "Female staff share"),
    "gap.adjusted.col.rule": ("Cách điều chỉnh", "Adjustment"),
    "gap.adjusted.col.target": ("Chỉ tiêu riêng", "Own target"),
    "gap.adjusted.col.has": ("Kết quả", "Status"),
    "gap.basis.sector": ("của ngành", "sector"),
    "gap.basis.unit": ("của đơn vị", "unit"),
    "gap.basis.approved": ("ngành được phê duyệt", "approved sector"),
    "gap.mode.proportional": ("theo tỷ lệ nữ", "proportional"),
    "gap.mode.fixed": ("mức cố định", "fixed"),
    "gap.mode.exempt": ("miễn", "exempt"),
    "gap.mode.approved": ("ngành đặc thù được phê duyệt", "approved special sector"),
    "gap.exempt": ("miễn", "exempt"),
    "gap.short.title": ("Đơn vị còn thiếu nhiều nhất", "Units with the largest shortfalls"),
    "gap.short.col.indicator": ("Chỉ tiêu", "Indicator"),
    "gap.short.col.code": ("Mã", "Code"),
    "gap.short.col.name": ("Tên cơ quan, đơn vị", "Unit"),
    "gap.short.col.figure": ("Hiện có", "Now"),
    "gap.short.col.short": ("Còn thiếu", "Short"),
    "gap.unit.female_key_leader": (
        "{actual}/{base} lãnh đạo chủ chốt là nữ",
        "{actual} of {base} key leaders are women",
    ),
    "gap.unit.ethnic_minority_leaders": (
        "{actual} người DTTS, cần {need}",
        "{actual} ethnic-minority, {need} needed",
    ),
    "gap.groups.title": ("Theo {by}", "By {by}"),
    "gap.groups.units": ("Số đơn vị", "Units"),
    "gap.group.none": ("(không ghi)", "(none)"),
    "gap.group.short": ("(thiếu {gap})", "({gap} short)"),
    "gap.skipped.title": (
        "Đã bỏ qua {rows} dòng không hợp lệ (--skip-invalid); các chỉ tiêu trên không tính các dòng này:",
        "{rows} invalid rows were skipped (--skip-invalid); the figures above leave them out:",
    ),
    "gap.skipped.file": ("{file}: dòng {rows}", "{file}: rows {rows}"),
    "gap.skipped.unreadable": (
        "{file}: cả tệp (không có dòng đơn vị nào đọc được; xem `gplan check`)",
        "{file}: the whole file (no unit could be read from it; see `gplan check`)",
    ),
    "gap.summary": ("{met}/{applicable} chỉ tiêu đạt.", "{met} of {applicable} targets met."),
    "gap.coverage.title": (
        "Danh mục đơn vị {registry}: đơn vị đã báo cáo / phải báo cáo năm {year}",
        "Registry of units {registry}: units reported / expected for {year}",
    ),
    "gap.coverage.row": (
        "  {indicator}: {reported}/{expected} đơn vị",
        "  {indicator}: {reported}/{expected} units",
    ),
    "gap.coverage.missing": (
        "Chưa báo cáo ({count}): {codes}",
        "Sent nothing ({count}): {codes}",
    ),
    "gap.coverage.more": (
        "… và {count} đơn vị khác (xem --format json)",
        "… and {count} more (see --format json)",
    ),
    "gap.coverage.excluded": (
        "Đơn vị chưa báo cáo không được tính vào chỉ tiêu nào (--missing unmet: tính là chưa có "
        "lãnh đạo chủ chốt nữ).",
        "Units that sent nothing are left out of every indicator (--missing unmet: count them "
        "as having no female key leader).",
    ),
    "gap.coverage.unmet": (
        "Đơn vị chưa báo cáo thuộc diện chỉ tiêu lãnh đạo chủ chốt nữ được tính là chưa đạt.",
        "Units that sent nothing and are in scope of the female key leader target count as "
        "not meeting it.",
    ),
    "status.title": (
        "TÌNH HÌNH NHẬN BÁO CÁO NĂM {year} — hạn nộp {deadline}",
        "RETURNS RECEIVED FOR {year} — due {deadline}",
    ),
    "status.registry": ("Danh mục đơn vị: {path}", "Registry of units: {path}"),
    "status.no-registry": (
        "Không có danh mục đơn vị (--units): chỉ liệt kê các đơn vị đã nộp, không biết ai chưa nộp.",
        "No registry of units (--units): only the units received are listed; who is missing "
        "cannot be known.",
    ),
    "status.counts": (
        "Đúng hạn: {on_time} · Nộp muộn: {late} · Chưa nộp: {missing} · Gửi lại: {resubmitted}",
        "On time: {on_time} · Late: {late} · Missing: {missing} · Sent again: {resubmitted}",
    ),
    "status.col.code": ("Mã", "Code"),
    "status.col.name": ("Tên cơ quan, đơn vị", "Unit"),
    "status.col.state": ("Tình trạng", "State"),
    "status.col.received": ("Ngày nhận", "Received"),
    "status.col.source": ("Theo", "From"),
    "status.col.where": ("Tệp, ô", "File, cell"),
    "status.state.on_time": ("đúng hạn", "on time"),
    "status.state.late": ("nộp muộn", "late"),
    "status.state.missing": ("chưa nộp", "missing"),
    "status.resubmitted": ("gửi {count} lần", "sent {count} times"),
    "status.not-in-registry": ("không có trong danh mục", "not in the registry"),
    "status.invalid": ("còn lỗi", "has errors"),
    "status.from.git": ("git commit", "git commit"),
    "status.from.signature": ("ngày ký", "signature date"),
    "status.from.mtime": ("ngày sửa tệp", "file time"),
    "gap.empty": (
        "Không có đơn vị nào thuộc diện tính của bất kỳ chỉ tiêu nào: không đọc được số liệu hợp lệ "
        "nào để tính. Hãy kiểm tra các tệp bằng `gplan check`.",
        "No unit is in scope of any indicator: no valid data was read to evaluate. Check the "
        "files with `gplan check`.",
    ),
    "gap.invalid": (
        "Số liệu chưa hợp lệ nên gplan không tính chỉ tiêu. Hãy sửa các lỗi trên (xem "
        "`gplan check`), hoặc chạy lại với --skip-invalid để bỏ qua các dòng lỗi.",
        "The data is not valid, so gplan does not compute the targets. Fix the errors above (see "
        "`gplan check`), or re-run with --skip-invalid to leave the invalid rows out.",
    ),
    "gap.usage.year-missing": (
        "Hãy nêu năm chỉ tiêu bằng --year, ví dụ: gplan gap --year 2025",
        "Name the target year with --year, e.g. gplan gap --year 2025",
    ),
    "gap.usage.year": (
        "Năm {year} nằm ngoài giai đoạn {low}–{high} của Chương trình. Hãy chọn năm từ {low} đến {high}.",
        "The year {year} is outside the programme's {low}–{high}. Pick a year from {low} to {high}.",
    ),
    "gap.usage.output-is-input": (
        'Tệp kết quả "{path}" là một tệp báo cáo đang được đọc; gplan không bao giờ ghi đè tệp '
        "báo cáo. Hãy chọn tên tệp khác cho -o.",
        'The output file "{path}" is one of the returns being read; gplan never overwrites a '
        "return. Choose another name for -o.",
    ),
    "gap.usage.report-year": (
        "Không có số liệu năm báo cáo {year}. Số liệu có các năm: {years}.",
        "There is no data for report year {year}. The data holds: {years}.",
    ),
    "gap.usage.no-samples": (
        "Không nêu tệp nào và không tìm thấy dữ liệu mẫu ({path}). Hãy nêu tệp hoặc thư mục báo cáo.",
        "No path given and no sample data found ({path}). Name the files or folder to read.",
    ),
    "rules.invalid-file": ("Tệp quy tắc không hợp lệ:", "The rules file is not valid:"),
    "rules.title": ("Chỉ tiêu đang áp dụng — tệp {path}", "Targets in force — file {path}"),
    "rules.plan": ("Kế hoạch: {plan}", "Plan: {plan}"),
    "rules.col.indicator": ("Chỉ tiêu", "Indicator"),
    "rules.col.id": ("Mã", "Id"),
    "rules.col.applies": ("Áp dụng cho", "Applies to"),
    "rules.col.year": ("Năm {year}", "{year}"),
    "rules.applies.all": ("mọi loại hình", "every unit type"),
    "rules.ethnic": (
        "mỗi đơn vị cần ít nhất max({min}; ⌈{factor} × tỷ lệ dân số DTTS × số lãnh đạo, quản lý⌉) "
        "lãnh đạo, quản lý người DTTS",
        "each unit needs at least max({min}, ⌈{factor} × ethnic-minority population share × "
        "leaders⌉) ethnic-minority leaders",
    ),
    "rules.low-staff": (
        "Ngành, lĩnh vực có tỷ lệ nữ CBCCVC, NLĐ dưới {threshold} (tính theo {basis}): {mode}.",
        "Sectors with a female staff share under {threshold} (share of the {basis}): {mode}.",
    ),
    "rules.basis.sector": ("cả ngành", "whole sector"),
    "rules.basis.unit": ("từng đơn vị", "unit itself"),
    "rules.mode.proportional": (
        "chỉ tiêu × tỷ lệ nữ ÷ {threshold}",
        "target × female share ÷ {threshold}",
    ),
    "rules.mode.fixed": ("chỉ tiêu cố định {values}", "a fixed target of {values}"),
    "rules.mode.exempt": ("không tính (miễn)", "left out (exempt)"),
    "rules.sector": (
        'Ngành được phê duyệt "{sector}": {values}',
        'Approved sector "{sector}": {values}',
    ),
    "rules.on-track": ("Năm {year} (giữa hai mốc: nội suy)", "{year} (on-track)"),
    "rules.unreadable": (
        "không đọc được tệp quy tắc: {reason}",
        "the rules file cannot be read: {reason}",
    ),
    "rules.yaml": (
        "lỗi cú pháp YAML: {reason}. Kiểm tra thụt lề (dùng dấu cách, không dùng tab) và dấu hai chấm.",
        "YAML syntax error: {reason}. Check the indentation (spaces, not tabs) and the colons.",
    ),
    "rules.not-mapping": (
        'tệp quy tắc phải bắt đầu bằng các mục "version", "targets"...',
        'the rules file must be a mapping with "version", "targets"...',
    ),
    "rules.duplicate-key": (
        "mục này được ghi hai lần; hãy xóa một dòng",
        "this key appears twice; delete one",
    ),
    "rules.alias": (
        "không dùng tham chiếu YAML (&, *); hãy ghi giá trị trực tiếp",
        "YAML anchors and aliases (&, *) are not allowed; write the value out",
    ),
    "rules.missing": ("thiếu mục này", "this key is missing"),
    "rules.unknown-key": ("mục không có trong quy tắc (gõ sai tên?)", "unknown key (a typo?)"),
    "rules.le": ("phải ≤ {le}", "must be ≤ {le}"),
    "rules.lt": ("phải < {lt}", "must be < {lt}"),
    "rules.ge": ("phải ≥ {ge}", "must be ≥ {ge}"),
    "rules.gt": ("phải > {gt}", "must be > {gt}"),
    "rules.number": (
        "phải là một số (tỷ lệ ghi dạng 0.60, không ghi 60%)",
        "must be a number (write a rate as 0.60, not 60%)",
    ),
    "rules.integer": ("phải là số nguyên", "must be a whole number"),
    "rules.choice": ("phải là một trong: {expected}", "must be one of: {expected}"),
    "rules.text": ("phải là chữ", "must be text"),
    "rules.bool": ("phải là true hoặc false", "must be true or false"),
    "rules.mapping": (
        'phải là một nhóm mục (dạng "khóa: giá trị")',
        'must be a mapping ("key: value")',
    ),
    "rules.list": ("phải là một danh sách", "must be a list"),
    "rules.empty": ("không được để trống", "must not be empty"),
    "rules.years-missing": (
        "thiếu chỉ tiêu theo năm (ví dụ 2025: 0.60)",
        "no values per year (e.g. 2025: 0.60)",
    ),
    "rules.year": ("năm phải từ {low} đến {high}", "the year must be from {low} to {high}"),
    "rules.applies-to": (
        "phải là all hoặc danh sách loại hình: {choices}",
        "must be all or a list of unit types: {choices}",
    ),
    "rules.unit-type": (
        'loại hình "{value}" không có; chọn trong: {choices}',
        'unknown unit type "{value}"; pick from: {choices}',
    ),
    "rules.sector-values": (
        "hãy ghi chỉ tiêu theo năm (2025: 0.30) hoặc exempt: true, không ghi cả hai",
        "give values per year (2025: 0.30) or exempt: true, not both",
    ),
    "rules.fixed-missing": (
        "mode: fixed cần mục fixed với chỉ tiêu theo năm (2025: 0.30)",
        "mode: fixed needs a fixed mapping of values per year (2025: 0.30)",
    ),
    "rules.sector-twice": (
        'ngành "{value}" được ghi hai lần',
        'the sector "{value}" is listed twice',
    ),
    "rules.invalid": ("giá trị không hợp lệ ({reason})", "invalid value ({reason})"),
    # --- template -------------------------------------------------------------------------
    "template.exists": (
        'Tệp "{path}" đã có. Hãy chọn tên khác, hoặc thêm --force để ghi đè.',
        '"{path}" already exists. Choose another name, or add --force to overwrite it.',
    ),
    "template.is-folder": (
        '"{path}" là một thư mục. Hãy ghi cả tên tệp, ví dụ -o {path}/bieu-mau.xlsx.',
        '"{path}" is a folder. Give a file name too, e.g. -o {path}/form.xlsx.',
    ),
    "template.no-folder": (
        'Thư mục "{folder}" không tồn tại. Hãy tạo thư mục trước hoặc chọn nơi lưu khác.',
        'The folder "{folder}" does not exist. Create it first or choose another place.',
    ),
    "template.suffix": (
        "Biểu mẫu là tệp Excel .xlsx: hãy đặt tên tệp có đuôi .xlsx (ví dụ bieu-mau.xlsx), "
        'không phải "{suffix}".',
        'The form is an Excel .xlsx file: name it with .xlsx (e.g. form.xlsx), not "{suffix}".',
    ),
    "template.written": (
        "Đã ghi biểu mẫu: {path}. Các đơn vị điền mỗi đơn vị một dòng và gửi Sở Nội vụ trước ngày "
        "{deadline} hằng năm.",
        "Form written: {path}. Units fill in one row each and send it to the Department of Home "
        "Affairs before {deadline} each year.",
    ),
    "template.sheet.form": ("Biểu 01", "Form 01"),
    "template.sheet.help": ("Hướng dẫn", "Instructions"),
    "template.title": (
        "BÁO CÁO SỐ LIỆU CÁN BỘ NỮ THAM GIA LÃNH ĐẠO, QUẢN LÝ NĂM {year}",
        "REPORT ON WOMEN IN LEADERSHIP AND MANAGEMENT POSITIONS, YEAR {year}",
    ),
    "template.agency": ("TÊN CƠ QUAN, ĐƠN VỊ", "NAME OF THE AGENCY OR UNIT"),
    "template.nation": (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SOCIALIST REPUBLIC OF VIET NAM",
    ),
    "template.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "template.form-no": ("Biểu số 01", "Form No. 01"),
    "template.date-line": ("…, ngày … tháng … năm …", "…, date … month … year …"),
    "template.sign.maker": ("Người lập biểu", "Prepared by"),
    "template.sign.maker.note": ("(Ký, họ tên)", "(Signature, full name)"),
    "template.sign.head": ("Thủ trưởng đơn vị", "Head of the unit"),
    "template.sign.head.note": ("(Ký, họ tên, đóng dấu)", "(Signature, full name, seal)"),
    "template.help.rows": (
        "Biểu có sẵn {rows} dòng kẻ; đơn vị cần thêm dòng thì chèn dòng (Insert) phía trên dòng "
        "ngày tháng, không ghi đè lên phần ký tên.",
        "The form has {rows} ruled rows; to add rows, insert them above the date line, never over "
        "the signatures.",
    ),
    "template.subtitle": (
        "(Kế hoạch thực hiện Quyết định số 2282/QĐ-TTg; gửi Sở Nội vụ trước ngày {deadline} hằng "
        'năm. Xem trang "{help_sheet}".)',
        "(Plan implementing Decision 2282/QĐ-TTg; send to the Department of Home Affairs before "
        '{deadline} each year. See the "{help_sheet}" sheet.)',
    ),
    "template.help.title": ("HƯỚNG DẪN ĐIỀN BIỂU MẪU", "HOW TO FILL IN THE FORM"),
    "template.help.one-row": (
        "Mỗi cơ quan, đơn vị điền một dòng cho mỗi năm báo cáo, ngay dưới dòng tên cột. Không đổi "
        "tên cột, không gộp ô, không ẩn dòng, không để công thức chưa tính.",
        "Each agency or unit fills in one row per report year, right below the column headers. Do "
        "not rename columns, merge cells, hide rows or leave formulas uncomputed.",
    ),
    "template.help.separate": (
        "Hội đồng nhân dân và Ủy ban nhân dân là hai đơn vị riêng: báo cáo thành hai dòng riêng, "
        "mỗi dòng một mã đơn vị.",
        "A People's Council and a People's Committee are separate units: report them as two "
        "separate rows, each with its own unit code.",
    ),
    "template.help.key-leaders": (
        "Lãnh đạo chủ chốt là người đứng đầu và cấp phó của người đứng đầu: Chủ tịch, Phó Chủ tịch "
        "Ủy ban nhân dân; Chủ tịch, Phó Chủ tịch Hội đồng nhân dân (mỗi cơ quan tính là một cơ quan "
        "riêng); Giám đốc, Phó Giám đốc Sở.",
        "Key leaders are the head and the deputy heads: the Chairperson and Vice-Chairpersons of a "
        "People's Committee; the Chairperson and Vice-Chairpersons of a People's Council (each "
        "counted as its own agency); the Director and Deputy Directors of a department.",
    ),
    "template.help.indicator": (
        "Theo chỉ tiêu thống kê giới quốc gia (Thông tư 10/2019/TT-BKHĐT), chỉ tiêu đếm số cơ quan, "
        "không đếm số người: một cơ quan đạt khi có ít nhất một lãnh đạo chủ chốt là nữ.",
        "Following the national gender-statistics indicator (Circular 10/2019/TT-BKHĐT), the "
        "indicator counts agencies, not people: an agency counts when at least one of its key "
        "leaders is a woman.",
    ),
    "template.help.numbers": (
        "Số người là số nguyên, không âm; ghi 0 khi không có ai. Số nữ không lớn hơn tổng số; số "
        "lãnh đạo chủ chốt không lớn hơn tổng số lãnh đạo, quản lý; số nữ quy hoạch được đào tạo, "
        "bồi dưỡng không lớn hơn số nữ trong diện quy hoạch.",
        "Counts of people are whole numbers, never negative; enter 0 when there is nobody. Women "
        "are never more than the total; key leaders never more than all leaders and managers; "
        "trained women in the pool never more than the women in the pool.",
    ),
    "template.help.dtts": (
        "Địa bàn có đồng bào dân tộc thiểu số (DTTS): chọn Có, rồi điền tỷ lệ dân số là người DTTS "
        "(số từ 0 đến 100, ví dụ 45 hoặc 45,5; không ghi 0,45) và số lãnh đạo, quản lý là người DTTS.",
        "Ethnic-minority area: pick Yes, then give the ethnic-minority share of the population "
        "(0 to 100, e.g. 45 or 45.5; not 0.45) and the number of ethnic-minority leaders and "
        "managers.",
    ),
    "template.help.colours": (
        'Cột có tên tô màu cam là bắt buộc; cột tô màu xanh là không bắt buộc. Cột "{level}", '
        '"{unit_type}" và "{area}" chọn trong danh sách thả xuống.',
        'Headers shaded orange are required; blue ones are optional. "{level}", "{unit_type}" '
        'and "{area}" are picked from a drop-down list.',
    ),
    "template.help.deadline": (
        "Thời hạn: gửi Sở Nội vụ trước ngày {deadline} hằng năm.",
        "Deadline: send to the Department of Home Affairs before {deadline} each year.",
    ),
    "template.help.check": (
        "Trước khi gửi, đơn vị có thể tự kiểm tra tệp bằng lệnh: gplan check <tên tệp>.xlsx",
        "Before sending, a unit can check its file with: gplan check <file name>.xlsx",
    ),
    "template.help.columns": ("CÁC CỘT CỦA BIỂU MẪU", "THE FORM'S COLUMNS"),
    "template.help.col.letter": ("Cột", "Column"),
    "template.help.col.label": ("Tên cột", "Header"),
    "template.help.col.required": ("Bắt buộc", "Required"),
    "template.help.col.note": ("Cách điền", "How to fill it in"),
    "template.help.required.dtts": ("Khi là địa bàn DTTS", "In an ethnic-minority area"),
    "template.help.lists": ("DANH SÁCH LỰA CHỌN", "LISTS TO PICK FROM"),
    "template.help.list": ('Danh sách chọn cho cột "{field}"', 'Choices for "{field}"'),
    "template.yes": ("Có", "Yes"),
    "template.no": ("Không", "No"),
    "template.dv.list.title": ("Chọn trong danh sách", "Pick from the list"),
    "template.dv.list": (
        "Hãy chọn một giá trị trong danh sách thả xuống.",
        "Pick a value from the drop-down list.",
    ),
    "template.dv.count.title": ("Số nguyên không âm", "Whole number"),
    "template.dv.count": (
        "Nhập số nguyên không âm, ví dụ 12 (ghi 0 khi không có ai).",
        "Enter a whole number, 0 or more, e.g. 12 (0 when there is nobody).",
    ),
    "template.dv.percent.title": ("Tỷ lệ phần trăm", "Percentage"),
    "template.dv.percent": (
        "Nhập số từ 0 đến 100, ví dụ 45 hoặc 45,5 (không ghi 0,45).",
        "Enter a number from 0 to 100, e.g. 45 or 45.5 (not 0.45).",
    ),
    "template.dv.year.title": ("Năm báo cáo", "Report year"),
    "template.dv.year": (
        "Nhập năm bằng 4 chữ số, từ {low} đến {high}.",
        "Enter a four-digit year from {low} to {high}.",
    ),
    # --- person-level rosters (roster/): a finding names the row and cell, never the person ---
    "roster": ("danh sách cán bộ: {persons} người", "staff roster: {persons} people"),
    "no-units.roster": (
        'Trang "{sheet_name}" có tiêu đề của danh sách cán bộ nhưng không có dòng nào ghi một '
        "người. Hãy nhập mỗi người một dòng dưới tiêu đề.",
        'Sheet "{sheet_name}" has a staff roster\'s header but no row of a person. Enter one person '
        "per row below the header.",
    ),
    "roster-missing-column.position": (
        'Danh sách không có cột "Chức vụ": không biết ai là lãnh đạo chủ chốt, lãnh đạo, quản '
        'lý. Hãy thêm cột "Chức vụ" (ô trống là nhân viên).',
        'The roster has no "Chức vụ" (position) column: key leaders and leaders cannot be '
        "told. Add it (an empty cell is staff).",
    ),
    "roster-missing-column.planning": (
        'Danh sách không có cột "Quy hoạch": số người trong diện quy hoạch được tính là 0.',
        'The roster has no "Quy hoạch" (planning) column: the pool is counted as 0.',
    ),
    "roster-missing-column.ethnicity": (
        'Danh sách không có cột "Dân tộc": không tính được lãnh đạo là người DTTS.',
        'The roster has no "Dân tộc" (ethnicity) column: ethnic-minority leaders are not counted.',
    ),
    "roster-missing-column.trained": (
        'Danh sách không có cột "Đã đào tạo, bồi dưỡng", "Lý luận chính trị" hay "QLNN": '
        "số nữ trong diện quy hoạch đã được đào tạo, bồi dưỡng được tính là 0.",
        'The roster has no "Đã đào tạo, bồi dưỡng", "Lý luận chính trị" or "QLNN" column: '
        "trained women of the pool are counted as 0.",
    ),
    "roster-missing-sex": (
        "Dòng {row}, ô {cell}: không rõ giới tính của người này (ghi Nam hoặc Nữ, hoặc ghi ngày sinh "
        "dưới đúng một trong hai cột Nam, Nữ). Đơn vị của người này chưa được tính.",
        "Row {row}, cell {cell}: this person's sex is not given (write Nam or Nữ, or the date of birth "
        "under exactly one of the Nam and Nữ columns). Their unit is not counted yet.",
    ),
    "roster-bad-date": (
        "Dòng {row}, ô {cell}: ngày sinh không phải là ngày (ghi dd/mm/yyyy hoặc năm sinh).",
        "Row {row}, cell {cell}: the date of birth is not a date (write dd/mm/yyyy or the year).",
    ),
    "roster-unknown-ethnicity": (
        "Dòng {row}, ô {cell}: dân tộc không có trong danh mục 54 dân tộc Việt Nam; người này không "
        "được tính là người DTTS. Hãy ghi đúng tên dân tộc.",
        "Row {row}, cell {cell}: the ethnicity is not one of Vietnam's 54 ethnic groups; this person "
        "is not counted as an ethnic minority. Write the group's name.",
    ),
    "roster-unknown-position": (
        'Dòng {row}, ô {cell}: chức vụ "{value}" không khớp chức danh nào trong {roles}; người này '
        "chỉ được tính là CBCCVC, NLĐ. Hãy ghi đúng chức danh, hoặc thêm chức danh vào roles.yaml.",
        'Row {row}, cell {cell}: the position "{value}" matches no title of {roles}; this person is '
        "counted as staff only. Write the title as used, or add it to roles.yaml.",
    ),
    "roster-duplicate-person": (
        "Dòng {row}: cùng họ tên và ngày sinh với dòng {first} — một người được ghi hai lần. Hãy xóa "
        "dòng thừa. Đơn vị của người này chưa được tính.",
        "Row {row}: the same name and date of birth as row {first} — one person listed twice. Delete "
        "the extra row. Their unit is not counted yet.",
    ),
    "roster-unit-unresolved": (
        'Ô {cell}: đơn vị "{value}" ({persons} người) không có trong danh mục đơn vị {registry} '
        'cho năm báo cáo. Hãy ghi mã đơn vị (cột "Mã đơn vị") hoặc tên như trong danh mục.',
        'Cell {cell}: the unit "{value}" ({persons} people) is not in the registry {registry} for '
        'the report year. Write its code (a "Mã đơn vị" column) or its name as in the registry.',
    ),
    "roster-unit-unresolved.no-registry": (
        'Ô {cell}: đơn vị "{value}" ({persons} người) của danh sách cán bộ: không biết mã, cấp và '
        "loại hình của đơn vị nên chưa tính được chỉ tiêu. Hãy kiểm tra cùng danh mục đơn vị "
        "(gplan check --units danh-muc.xlsx tệp-này.xlsx).",
        'Cell {cell}: the roster\'s unit "{value}" ({persons} people): its code, level and type are '
        "not known, so it cannot be assessed. Check it with the registry of units "
        "(gplan check --units units.xlsx this-file.xlsx).",
    ),
    "roster-unit-unresolved.incomplete": (
        'Ô {cell}: đơn vị "{value}" có trong danh mục {registry} nhưng danh mục không ghi cấp hoặc '
        "loại hình. Hãy bổ sung danh mục.",
        'Cell {cell}: the unit "{value}" is in the registry {registry}, which gives no level or '
        "type for it. Complete the registry.",
    ),
    "roster-mismatch": (
        "Ô {cell}: {field} ghi {value}, danh sách cán bộ {roster} đếm được {counted} người. Báo cáo "
        "được dùng để tính chỉ tiêu; hãy kiểm tra lại số liệu hoặc danh sách.",
        "Cell {cell}: {field} is {value}, the staff roster {roster} counts {counted} people. The "
        "return is what is assessed; check the figure or the roster.",
    ),
}


# Issue 11, hostile submitters: work budgets, odd numbers and text, outputs and rules files.
MESSAGES.update(
    {
        "out-of-range.count": (
            'Ô {cell} ("{field}"): {value} lớn hơn {limit} người — không đơn vị nào có số người như '
            "vậy. Hãy kiểm tra lại.",
            'Cell {cell} ("{field}"): {value} is more than {limit} people — no unit is that large. '
            "Check it.",
        ),
        "type-error.digits": (
            'Ô {cell} ("{field}"): "{value}" có chữ số không phải chữ số Latinh (0–9), dễ nhầm với '
            "số khác. Hãy gõ lại bằng các chữ số 0–9.",
            'Cell {cell} ("{field}"): "{value}" holds digits of another script, easily misread '
            "(Bengali ৪ is 4). Type it again with the digits 0–9.",
        ),
        "file-too-large.book-cells": (
            'Các trang của tệp có tổng cộng hơn {limit} ô (đến trang "{sheet}"), vượt giới hạn '
            "của một tệp (gấp đôi {flag}). Hãy gửi riêng trang báo cáo.",
            'The sheets of the file hold more than {limit} cells in all (up to sheet "{sheet}"), '
            "over the limit of one file (twice {flag}). Send the return's sheet on its own.",
        ),
        "file-too-large.sheets": (
            "Đã xem {tried} trang mà chưa thấy dòng tiêu đề của biểu mẫu; {left} trang còn lại không "
            "được đọc. Hãy đặt trang báo cáo lên đầu hoặc xóa các trang thừa.",
            "{tried} sheets were tried without finding the form's header row; the {left} other "
            "sheets were not read. Put the return's sheet first or delete the others.",
        ),
        "file-too-large.merged": (
            'Trang "{sheet}" có {count} vùng gộp ô ({cells} ô), vượt giới hạn {limit} vùng / '
            "{limit_cells} ô. Hãy bỏ gộp ô (Merge & Center → Unmerge) ngoài dòng tiêu đề.",
            'Sheet "{sheet}" has {count} merged ranges ({cells} cells), over the limit of {limit} '
            "ranges / {limit_cells} cells. Unmerge the cells outside the header rows.",
        ),
        "too-many-findings.columns": (
            "Còn {left} cột khác không thuộc biểu mẫu (tổng cộng {count}); chỉ {shown_count} cột đầu "
            "được nêu. Hãy kiểm tra tệp có đúng biểu mẫu không.",
            "{left} more columns are not part of the form ({count} in all); only the first "
            "{shown_count} are listed. Check that the file is the form.",
        ),
        "unreadable-file.folder": (
            'Không đọc được thư mục "{name}" ({reason}) nên các tệp trong đó không được kiểm tra. '
            "Hãy cấp quyền đọc hoặc chỉ ra từng tệp.",
            'The folder "{name}" cannot be read ({reason}), so its files were not checked. Grant '
            "read access or name the files.",
        ),
        "unreadable-file.outside-link": (
            '"{name}" là một liên kết (symlink) trỏ ra ngoài thư mục được kiểm tra ({target}) nên '
            "không được đọc. Hãy chép tệp thật vào thư mục.",
            '"{name}" is a symbolic link leading out of the folder checked ({target}), so it is not '
            "read. Copy the file itself into the folder.",
        ),
        "own-output.template": (
            "Tệp do gplan tạo (biểu mẫu trống, chưa có đơn vị nào): bỏ qua, không phải báo cáo.",
            "A file gplan wrote (the blank form, no unit filled in): skipped, it is no return.",
        ),
        "own-output.csv": (
            "Tệp do gplan tạo (kết quả CSV của gplan check, gap, status hoặc trend): bỏ qua, "
            "không phải báo cáo.",
            "A file gplan wrote (the CSV of gplan check, gap, status or trend): skipped, it is no "
            "return.",
        ),
        "own-output.json": (
            "Tệp do gplan tạo (kết quả JSON của gplan): bỏ qua, không phải báo cáo.",
            "A file gplan wrote (one of gplan's JSON outputs): skipped, it is no return.",
        ),
        "suspicious-text": (
            'Ô {cell} ("{field}") có ký tự điều khiển hướng chữ (bidi, {chars}) làm chữ hiển thị '
            "khác với nội dung thật. Hãy gõ lại ô này.",
            'Cell {cell} ("{field}") holds bidirectional control characters ({chars}) that make '
            "the text show differently from what it is. Type the cell again.",
        ),
        "duplicate-unit.lookalike": (
            'Mã đơn vị "{value}" năm {year} trông giống hệt "{other}" ở {first} (chữ Kirin/Hy Lạp '
            "hoặc ký tự vô hình). Hãy gõ lại mã bằng chữ Latinh.",
            'Unit code "{value}" for {year} looks the same as "{other}" at {first} (Cyrillic or Greek '
            "letters, or invisible characters). Type the code again in Latin letters.",
        ),
        "output.not-regular": (
            '"{path}" không phải là một tệp thông thường (thư mục, thiết bị, liên kết…). Hãy chọn '
            "một tên tệp khác cho -o.",
            '"{path}" is not a regular file (a folder, a device, a link…). Choose another file '
            "name for -o.",
        ),
        "output.is-rules": (
            '"{path}" là tệp quy tắc vừa được đọc; không ghi đè lên nó. Hãy chọn tên khác cho -o.',
            '"{path}" is the rules file just read; it is not overwritten. Choose another name '
            "for -o.",
        ),
        "output.read-only": (
            '"{path}" chỉ được phép đọc; không ghi đè. Hãy bỏ thuộc tính chỉ đọc hoặc chọn tên khác.',
            '"{path}" is read-only and is not replaced. Make it writable or choose another name.',
        ),
        "output.no-folder": (
            'Thư mục "{path}" không tồn tại. Hãy tạo thư mục trước hoặc chọn nơi ghi khác.',
            'The folder "{path}" does not exist. Create it first or write elsewhere.',
        ),
        "output.failed": (
            'Không ghi được "{path}": {reason}. Tệp cũ (nếu có) được giữ nguyên.',
            'Could not write "{path}": {reason}. The old file, if any, is unchanged.',
        ),
        "rules.not-regular": (
            "tệp quy tắc không phải là một tệp thông thường (thư mục, đường ống, thiết bị)",
            "the rules file is not a regular file (a folder, a pipe, a device)",
        ),
        "rules.too-large": (
            "tệp quy tắc lớn {size} KB, vượt giới hạn {limit} KB",
            "the rules file is {size} KB, over the {limit} KB limit",
        ),
        "rules.too-deep": (
            "tệp quy tắc lồng nhau quá sâu (hơn {limit} cấp)",
            "the rules file nests too deeply (more than {limit} levels)",
        ),
        "rules.applied": (
            "Quy tắc áp dụng: {path} (SHA-256 {sha256})",
            "Rules applied: {path} (SHA-256 {sha256})",
        ),
        "rules.local-ignored": (
            "Đang chạy trong CI: bỏ qua {path} trong thư mục hiện tại (có thể do người gửi sửa); "
            "dùng quy tắc kèm theo gói. Muốn dùng tệp này, hãy nêu rõ --rules.",
            "Running in CI: {path} in the current folder is ignored (a submitter could have changed "
            "it); the bundled rules apply. Name it with --rules to use it.",
        ),
    }
)


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
    source = shown.get("source")
    if isinstance(source, str) and f"year.{source}" in MESSAGES:
        shown["source"] = text(f"year.{source}", lang)
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


def _merge_report_messages() -> None:
    from gender_plan_cli.i18n_cli import MESSAGES as CLI_MESSAGES
    from gender_plan_cli.i18n_report import MESSAGES as REPORT_MESSAGES

    MESSAGES.update(REPORT_MESSAGES)
    MESSAGES.update(CLI_MESSAGES)


_merge_report_messages()
