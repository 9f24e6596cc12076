"""The data contract as data: fields, labels, header aliases and enumerations.

Everything that reads, writes or explains a submission (layout, records,
template, i18n) takes its field names and labels from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from functools import lru_cache
from typing import Literal, get_args

from gender_plan_cli.i18n import built_in
from gender_plan_cli.words import bare_key


class Kind(str, Enum):
    TEXT = "text"
    INT = "int"
    YEAR = "year"
    PERCENT = "percent"
    BOOL = "bool"
    LEVEL = "level"
    UNIT_TYPE = "unit_type"


def _words(message_id: str) -> tuple[str, str]:
    """A contract word's (Vietnamese, English) in messages.yaml: the built-in wording, which a
    province cannot change (a return is read by it)."""
    vi, en = built_in()[message_id]
    return str(vi), str(en)


@dataclass(frozen=True)
class Field:
    """A column of the return. Its label (the template's header, and the header a return is
    matched by, besides its `aliases`) and its note are `field.<id>.label|note` of
    messages.yaml."""

    id: str
    kind: Kind
    required: bool
    aliases: tuple[str, ...] = ()

    @property
    def label_vi(self) -> str:
        return _words(f"field.{self.id}.label")[0]

    @property
    def label_en(self) -> str:
        return _words(f"field.{self.id}.label")[1]

    @property
    def note_vi(self) -> str:
        return _words(f"field.{self.id}.note")[0]

    @property
    def note_en(self) -> str:
        return _words(f"field.{self.id}.note")[1]

    def label(self, lang: str) -> str:
        return self.label_vi if lang == "vi" else self.label_en


FIELDS: tuple[Field, ...] = (
    Field("unit_code", Kind.TEXT, True, ("Mã cơ quan", "Mã ĐV")),
    Field("unit_name", Kind.TEXT, True, ("Tên đơn vị", "Tên cơ quan", "Đơn vị")),
    Field("parent_code", Kind.TEXT, False, ("Mã cấp trên", "Đơn vị chủ quản")),
    Field("level", Kind.LEVEL, True, ("Cấp hành chính", "Cấp quản lý")),
    Field("unit_type", Kind.UNIT_TYPE, True, ("Loại hình cơ quan", "Loại cơ quan, đơn vị")),
    Field("sector", Kind.TEXT, False, ("Lĩnh vực", "Ngành")),
    Field("report_year", Kind.YEAR, True, ("Năm",)),
    Field("staff_total", Kind.INT, True, ("Tổng số cán bộ, công chức, viên chức, người lao động",)),
    Field("staff_female", Kind.INT, True, ("Nữ CBCCVC, NLĐ", "Số CBCCVC, NLĐ là nữ")),
    Field("key_leaders_total", Kind.INT, True, ("Lãnh đạo chủ chốt",)),
    Field("key_leaders_female", Kind.INT, True, ("Lãnh đạo chủ chốt nữ", "Nữ lãnh đạo chủ chốt")),
    Field("leaders_total", Kind.INT, True, ("Lãnh đạo, quản lý", "Số lãnh đạo, quản lý")),
    Field("leaders_female", Kind.INT, False, ("Nữ lãnh đạo, quản lý",)),
    Field("pool_total", Kind.INT, True, ("Quy hoạch", "Số người trong quy hoạch")),
    Field("pool_female", Kind.INT, True, ("Nữ trong quy hoạch", "Nữ quy hoạch")),
    Field("pool_female_trained", Kind.INT, True, ("Nữ quy hoạch đã đào tạo, bồi dưỡng",)),
    Field(
        "ethnic_minority_area",
        Kind.BOOL,
        False,
        ("Địa bàn có đồng bào dân tộc thiểu số", "Vùng DTTS"),
    ),
    Field(
        "ethnic_minority_population_pct",
        Kind.PERCENT,
        False,
        ("Tỷ lệ dân số DTTS (%)", "Tỷ lệ DTTS"),
    ),
    Field(
        "leaders_ethnic_minority",
        Kind.INT,
        False,
        ("Lãnh đạo, quản lý là người DTTS", "Lãnh đạo, quản lý người dân tộc thiểu số"),
    ),
    Field("notes", Kind.TEXT, False, ()),
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
    """A level or a unit type; its words are `choice.<group>.<id>` of messages.yaml (`wording`
    names another entry: the commune level after the 2025 reform)."""

    group: str  # "level" or "unit_type"
    id: str
    aliases: tuple[str, ...] = field(default=())
    wording: str = ""

    @property
    def label_vi(self) -> str:
        return _words(self.wording or f"choice.{self.group}.{self.id}")[0]

    @property
    def label_en(self) -> str:
        return _words(self.wording or f"choice.{self.group}.{self.id}")[1]


LEVELS: tuple[Choice, ...] = (
    Choice("level", "city", ("TP", "Cấp thành phố", "Tỉnh", "Cấp tỉnh")),
    Choice("level", "department", ("Sở", "Ban", "Ngành", "Sở ban ngành")),
    Choice("level", "district", ("Quận", "Huyện", "Thị xã", "Cấp huyện")),
    Choice(
        "level",
        "commune",
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
        replace(c, wording="choice-reform.level.commune") if c.id == "commune" else c
        for c in LEVELS
        if c.id != "district"
    )


UNIT_TYPES: tuple[Choice, ...] = (
    Choice(
        "unit_type",
        "state_agency",
        ("CQQLNN", "Cơ quan QLNN", "Sở, ban, ngành", "Cơ quan hành chính"),
    ),
    Choice(
        "unit_type",
        "people_committee",
        ("UBND", "Uỷ ban nhân dân", "People committee", "UBND xã", "UBND phường"),
    ),
    Choice("unit_type", "people_council", ("HĐND", "HDND", "People council")),
    Choice("unit_type", "local_government", ("CQĐP",)),
    Choice("unit_type", "public_service", ("ĐVSN", "ĐVSNCL", "Đơn vị sự nghiệp")),
    Choice("unit_type", "other", ()),
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
