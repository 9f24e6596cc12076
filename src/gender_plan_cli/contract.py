"""The data contract as data: fields, labels, header aliases and enumerations.

Everything that reads, writes or explains a submission (layout, records,
template, i18n) takes its field names and labels from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Literal, get_args

from gender_plan_cli.words import bare_key


class Kind(str, Enum):
    TEXT = "text"
    INT = "int"
    YEAR = "year"
    PERCENT = "percent"
    BOOL = "bool"
    LEVEL = "level"
    UNIT_TYPE = "unit_type"


@dataclass(frozen=True)
class Field:
    id: str
    label_vi: str
    label_en: str
    kind: Kind
    required: bool
    aliases: tuple[str, ...] = ()
    note_vi: str = ""
    note_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en


FIELDS: tuple[Field, ...] = (
    Field(
        "unit_code",
        "Mã đơn vị",
        "Unit code",
        Kind.TEXT,
        True,
        ("Mã cơ quan", "Mã ĐV"),
        "Mã do Sở Nội vụ cấp, không trùng lặp.",
        "Code given by the Department of Home Affairs; unique.",
    ),
    Field(
        "unit_name",
        "Tên cơ quan, đơn vị",
        "Unit name",
        Kind.TEXT,
        True,
        ("Tên đơn vị", "Tên cơ quan", "Đơn vị"),
        "Tên đầy đủ của cơ quan, đơn vị.",
        "Full name of the agency or unit.",
    ),
    Field(
        "parent_code",
        "Mã đơn vị cấp trên",
        "Parent unit code",
        Kind.TEXT,
        False,
        ("Mã cấp trên", "Đơn vị chủ quản"),
        "Mã của đơn vị cấp trên (để trống nếu không có).",
        "Code of the parent unit (blank if none).",
    ),
    Field(
        "level",
        "Cấp",
        "Level",
        Kind.LEVEL,
        True,
        ("Cấp hành chính", "Cấp quản lý"),
        "Chọn trong danh sách: Thành phố; Sở, ban, ngành; Quận, huyện, thị xã; Xã, phường, thị trấn.",
        "Pick from the list: city, department, district, commune.",
    ),
    Field(
        "unit_type",
        "Loại hình",
        "Unit type",
        Kind.UNIT_TYPE,
        True,
        ("Loại hình cơ quan", "Loại cơ quan, đơn vị"),
        "Chọn trong danh sách. HĐND và UBND báo cáo thành hai dòng (hai đơn vị) riêng.",
        "Pick from the list. A People's Council and a People's Committee are two separate rows.",
    ),
    Field(
        "sector",
        "Ngành, lĩnh vực",
        "Sector",
        Kind.TEXT,
        False,
        ("Lĩnh vực", "Ngành"),
        "Ngành, lĩnh vực hoạt động (dùng khi điều chỉnh chỉ tiêu cho ngành có dưới 30% nữ).",
        "Sector (used to adjust the target for sectors under 30% female staff).",
    ),
    Field(
        "report_year",
        "Năm báo cáo",
        "Report year",
        Kind.YEAR,
        True,
        ("Năm",),
        'Năm báo cáo, từ 2021 đến 2030. Có thể bỏ cột nếu tiêu đề ghi "NĂM 2025".',
        'Report year, 2021–2030. The column may be left out if the title says "NĂM 2025".',
    ),
    Field(
        "staff_total",
        "Tổng số CBCCVC, NLĐ",
        "Total staff",
        Kind.INT,
        True,
        ("Tổng số cán bộ, công chức, viên chức, người lao động",),
        "Tổng số cán bộ, công chức, viên chức, người lao động (số nguyên).",
        "All cadres, civil servants, public employees and workers (whole number).",
    ),
    Field(
        "staff_female",
        "Số nữ CBCCVC, NLĐ",
        "Female staff",
        Kind.INT,
        True,
        ("Nữ CBCCVC, NLĐ", "Số CBCCVC, NLĐ là nữ"),
        "Trong đó số nữ; không lớn hơn tổng số.",
        "Of whom women; not more than the total.",
    ),
    Field(
        "key_leaders_total",
        "Số lãnh đạo chủ chốt",
        "Key leaders",
        Kind.INT,
        True,
        ("Lãnh đạo chủ chốt",),
        "Người đứng đầu và cấp phó: Chủ tịch, Phó Chủ tịch UBND hoặc HĐND; Giám đốc, Phó Giám đốc Sở.",
        "Head and deputies: Chair and Vice-Chairs of a People's Committee or Council; "
        "Director and Deputy Directors of a department.",
    ),
    Field(
        "key_leaders_female",
        "Số lãnh đạo chủ chốt là nữ",
        "Female key leaders",
        Kind.INT,
        True,
        ("Lãnh đạo chủ chốt nữ", "Nữ lãnh đạo chủ chốt"),
        "Số lãnh đạo chủ chốt là nữ; không lớn hơn số lãnh đạo chủ chốt.",
        "Key leaders who are women; not more than the key leaders.",
    ),
    Field(
        "leaders_total",
        "Tổng số lãnh đạo, quản lý",
        "Leaders and managers",
        Kind.INT,
        True,
        ("Lãnh đạo, quản lý", "Số lãnh đạo, quản lý"),
        "Tất cả lãnh đạo, quản lý (kể cả lãnh đạo chủ chốt).",
        "All leaders and managers (key leaders included).",
    ),
    Field(
        "leaders_female",
        "Số lãnh đạo, quản lý là nữ",
        "Female leaders and managers",
        Kind.INT,
        False,
        ("Nữ lãnh đạo, quản lý",),
        "Số lãnh đạo, quản lý là nữ.",
        "Leaders and managers who are women.",
    ),
    Field(
        "pool_total",
        "Số cán bộ trong diện quy hoạch",
        "Planning pool",
        Kind.INT,
        True,
        ("Quy hoạch", "Số người trong quy hoạch"),
        "Số cán bộ trong diện quy hoạch các chức danh lãnh đạo, quản lý.",
        "People in the leadership planning pool (quy hoạch).",
    ),
    Field(
        "pool_female",
        "Số nữ trong diện quy hoạch",
        "Women in planning pool",
        Kind.INT,
        True,
        ("Nữ trong quy hoạch", "Nữ quy hoạch"),
        "Số nữ trong diện quy hoạch; không lớn hơn số trong quy hoạch.",
        "Women in the planning pool; not more than the pool.",
    ),
    Field(
        "pool_female_trained",
        "Số nữ quy hoạch được đào tạo, bồi dưỡng",
        "Women in pool trained",
        Kind.INT,
        True,
        ("Nữ quy hoạch đã đào tạo, bồi dưỡng",),
        "Số nữ trong quy hoạch đã được đào tạo, bồi dưỡng; không lớn hơn số nữ quy hoạch.",
        "Women in the pool who have been trained; not more than the women in the pool.",
    ),
    Field(
        "ethnic_minority_area",
        "Địa bàn có đồng bào DTTS",
        "Ethnic-minority area",
        Kind.BOOL,
        False,
        ("Địa bàn có đồng bào dân tộc thiểu số", "Vùng DTTS"),
        "Chọn Có nếu địa bàn có đồng bào dân tộc thiểu số.",
        "Yes if the area has an ethnic-minority population.",
    ),
    Field(
        "ethnic_minority_population_pct",
        "Tỷ lệ dân số là người DTTS (%)",
        "Ethnic-minority population (%)",
        Kind.PERCENT,
        False,
        ("Tỷ lệ dân số DTTS (%)", "Tỷ lệ DTTS"),
        "Bắt buộc khi là địa bàn DTTS; nhập 0–100, ví dụ 45 hoặc 45,5.",
        "Required in an ethnic-minority area; 0–100, e.g. 45 or 45.5.",
    ),
    Field(
        "leaders_ethnic_minority",
        "Số lãnh đạo, quản lý là người DTTS",
        "Ethnic-minority leaders",
        Kind.INT,
        False,
        ("Lãnh đạo, quản lý là người DTTS", "Lãnh đạo, quản lý người dân tộc thiểu số"),
        "Bắt buộc khi là địa bàn DTTS; không lớn hơn tổng số lãnh đạo, quản lý.",
        "Required in an ethnic-minority area; not more than the leaders and managers.",
    ),
    Field(
        "notes",
        "Ghi chú",
        "Notes",
        Kind.TEXT,
        False,
        (),
        "Ghi chú (không bắt buộc).",
        "Notes (optional).",
    ),
)

FIELD_BY_ID: dict[str, Field] = {f.id: f for f in FIELDS}
REQUIRED_FIELDS: tuple[str, ...] = tuple(f.id for f in FIELDS if f.required)
COUNT_FIELDS: tuple[str, ...] = tuple(f.id for f in FIELDS if f.kind is Kind.INT)

# A part must not exceed its whole: (part, whole).
PARTS: tuple[tuple[str, str], ...] = (
    ("staff_female", "staff_total"),
    ("key_leaders_female", "key_leaders_total"),
    ("key_leaders_total", "leaders_total"),
    ("leaders_female", "leaders_total"),
    ("pool_female", "pool_total"),
    ("pool_female_trained", "pool_female"),
    ("leaders_ethnic_minority", "leaders_total"),
)

# Fields required only in an ethnic-minority area.
DTTS_REQUIRED: tuple[str, ...] = ("ethnic_minority_population_pct", "leaders_ethnic_minority")

MIN_YEAR, MAX_YEAR = 2021, 2030


def in_plan(year: float) -> bool:
    """A report or target year the plan covers (2021–2030): decided here for every reader."""
    return MIN_YEAR <= year <= MAX_YEAR


# No unit of the city counts more people than this: a larger count is a typing slip or an attack
# (10^400 would pass as a whole number and overflow every ratio computed from it).
MAX_COUNT = 10_000_000
DEADLINE_VI = "15 tháng 12"
DEADLINE_EN = "15 December"


@dataclass(frozen=True)
class Choice:
    id: str
    label_vi: str
    label_en: str
    aliases: tuple[str, ...] = field(default=())


LEVELS: tuple[Choice, ...] = (
    Choice("city", "Thành phố", "City", ("TP", "Cấp thành phố", "Tỉnh", "Cấp tỉnh")),
    Choice("department", "Sở, ban, ngành", "Department", ("Sở", "Ban", "Ngành", "Sở ban ngành")),
    Choice("district", "Quận, huyện, thị xã", "District", ("Quận", "Huyện", "Thị xã", "Cấp huyện")),
    Choice(
        "commune",
        "Xã, phường, thị trấn",
        "Commune",
        ("Xã", "Phường", "Thị trấn", "Cấp xã", "Xã, phường, đặc khu", "Đặc khu", "Xã, phường"),
    ),
)

# From 1 July 2025 local government has two tiers: no district level, and communes are
# `xã, phường, đặc khu`. Returns of 2021–2024 still hold districts and `thị trấn`; they stay readable.
REFORM_YEAR = 2025


def levels_in(year: int | None) -> tuple[Choice, ...]:
    """The levels that exist in a report year (every level when no year is given)."""
    if year is None or year < REFORM_YEAR:
        return LEVELS
    return tuple(
        Choice(c.id, "Xã, phường, đặc khu", c.label_en, c.aliases) if c.id == "commune" else c
        for c in LEVELS
        if c.id != "district"
    )


UNIT_TYPES: tuple[Choice, ...] = (
    Choice(
        "state_agency",
        "Cơ quan quản lý nhà nước",
        "State agency",
        ("CQQLNN", "Cơ quan QLNN", "Sở, ban, ngành", "Cơ quan hành chính"),
    ),
    Choice(
        "people_committee",
        "Ủy ban nhân dân",
        "People's Committee",
        ("UBND", "Uỷ ban nhân dân", "People committee", "UBND xã", "UBND phường"),
    ),
    Choice(
        "people_council",
        "Hội đồng nhân dân",
        "People's Council",
        ("HĐND", "HDND", "People council"),
    ),
    Choice("local_government", "Chính quyền địa phương", "Local government", ("CQĐP",)),
    Choice(
        "public_service",
        "Đơn vị sự nghiệp công lập",
        "Public service unit",
        ("ĐVSN", "ĐVSNCL", "Đơn vị sự nghiệp"),
    ),
    Choice("other", "Khác", "Other", ()),
)

YES_WORDS = frozenset({"x", "✓", "✔", "có", "co", "yes", "y", "true", "1", "đúng"})
NO_WORDS = frozenset({"", "không", "khong", "no", "n", "false", "0", "-", "–"})

# The fields a report can be grouped by (`gap --by`).
GroupField = Literal["level", "unit_type", "sector", "parent_code"]
GROUP_FIELDS: tuple[GroupField, ...] = get_args(GroupField)
# What `gap --missing` does with the registry's units that sent no return (see coverage.py).
MissingMode = Literal["excluded", "unmet"]
# Where a return's received date comes from (`--received-from`, see received.py).
ReceivedMode = Literal["auto", "git", "signature", "mtime"]


def _choice_map(choices: tuple[Choice, ...]) -> dict[str, str]:
    m: dict[str, str] = {}
    for c in choices:
        for name in (c.id, c.label_vi, c.label_en, *c.aliases):
            m.setdefault(bare_key(name), c.id)
    return m


@lru_cache(maxsize=2)
def choice_map(kind: Kind) -> dict[str, str]:
    return _choice_map(LEVELS if kind is Kind.LEVEL else UNIT_TYPES)


@lru_cache(maxsize=4096)
def match_choice(kind: Kind, value: str) -> str | None:
    return choice_map(kind).get(bare_key(value))


def choice_label(kind: Kind, cid: str, lang: str) -> str:
    for c in LEVELS if kind is Kind.LEVEL else UNIT_TYPES:
        if c.id == cid:
            return c.label_vi if lang == "vi" else c.label_en
    return cid


# --- the CSV files gplan writes: their columns, decided here once -----------------------------
# (the renderers write them; `intake.own_output` knows gplan's own files again by them)

CHECK_CSV_COLUMNS = ("file", "sheet", "cell", "severity", "code", "field", "value", "message")
GAP_CSV_COLUMNS = (
    "kind",
    "group_by",
    "group",
    "unit_name",
    "indicator",
    "target_year",
    "report_year",
    "target",
    "effective_target",
    "scope",
    "actual",
    "base",
    "required",
    "rate",
    "met",
    "gap",
    "gap_if_added",
    "adjusted",
    "expected",
    "reported",
)
# The fixed columns; one `reaches` column per milestone follows them.
TREND_CSV_COLUMNS = (
    "indicator",
    "report_year",
    "rate",
    "target",
    "change_per_year",
    "slope_per_year",
    "projection",
    "reaches_target_year",
)
STATUS_CSV_COLUMNS = (
    "unit_code",
    "unit_name",
    "state",
    "resubmitted",
    "received",
    "received_from",
    "cell",
    "files",
    "in_registry",
    "valid",
    "disputed",
)
