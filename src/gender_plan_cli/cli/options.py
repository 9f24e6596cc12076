"""The options the commands share, declared once: language, data, years, registry, rules and
output."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from gender_plan_cli.contract import ReceivedMode
from gender_plan_cli.i18n import default_lang


class Lang(str, Enum):
    vi = "vi"
    en = "en"


LangOption = Annotated[
    Lang | None,
    typer.Option("--lang", help="Ngôn ngữ / language: vi hoặc en (mặc định GPLAN_LANG, rồi vi)."),
]


def lang_of(value: Lang | None) -> str:
    return value.value if value is not None else default_lang()


UnitsOption = Annotated[
    Path | None,
    typer.Option(
        "--units",
        help="Danh mục đơn vị phải báo cáo (.xlsx, .csv, .yaml; mặc định GPLAN_UNITS, rồi units.* "
        "cạnh tệp quy tắc hoặc trong thư mục số liệu). / Registry of units.",
        show_default=False,
    ),
]


ReceivedOption = Annotated[
    ReceivedMode,
    typer.Option(
        "--received-from",
        help="Ngày nhận lấy từ: auto (git nếu có đủ lịch sử, rồi dòng ký tên, rồi ngày sửa "
        "tệp) | git | signature | mtime. / Where a return's received date comes from.",
    ),
]


RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Tệp quy tắc (mặc định rules/targets.yaml ở thư mục hiện tại, nếu không có thì bản "
        "kèm theo gói). / Rules file.",
        show_default=False,
    ),
]


# Options every command over the data shares (gap, and the commands built on its report).
DataPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Tệp hoặc thư mục báo cáo. Không nêu: thư mục GPLAN_DATA, nếu không có thì dữ "
        "liệu mẫu. / Files or folders; default GPLAN_DATA, else the samples.",
        show_default=False,
        metavar="PATH",
    ),
]


TargetYearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        "-y",
        help="Năm chỉ tiêu, 2021–2030 (ví dụ 2025). / Target year.",
        show_default=False,
    ),
]


DataYearOption = Annotated[
    int | None,
    typer.Option(
        "--report-year",
        help="Năm báo cáo của số liệu được tính (mặc định: năm gần nhất ≤ --year). / Data year.",
        show_default=False,
    ),
]


SkipInvalidOption = Annotated[
    bool,
    typer.Option(
        "--skip-invalid",
        help="Bỏ qua các dòng không hợp lệ (được đếm và liệt kê) thay vì dừng lại. / Skip "
        "invalid rows.",
    ),
]


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Ghi kết quả ra tệp. / Write the output to a file.",
        show_default=False,
    ),
]


CsvIdsOption = Annotated[
    bool,
    typer.Option(
        "--csv-ids",
        help="CSV với mã cột tiếng Anh, dấu phẩy và dấu chấm thập phân. / CSV with ids, "
        "',' and '.'.",
    ),
]
