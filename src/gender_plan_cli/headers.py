"""The words of a form's header and rows: field headers, two-row header groups, ordinal
columns, totals rows and the signature block. Matched on `words.key` / `words.bare_key`.
"""

from __future__ import annotations

from functools import lru_cache

from gender_plan_cli.contract import FIELDS
from gender_plan_cli.words import bare_key, key, strip_marks

# Header parents of two-row headers: parent aliases → {child alias → field}.
_TOTAL = ("Tổng số", "Số lượng", "Tổng")
_FEMALE = ("Nữ", "Trong đó: Nữ", "Trong đó nữ", "Số nữ", "Trong đó số nữ")
HEADER_GROUPS: tuple[tuple[tuple[str, ...], dict[str, tuple[str, ...]]], ...] = (
    (
        (
            "Cán bộ, công chức, viên chức, người lao động",
            "CBCCVC, NLĐ",
            "Biên chế",
            "Số lượng CBCCVC, NLĐ",
            "Tổng số CBCCVC, NLĐ",
        ),
        {"staff_total": _TOTAL, "staff_female": _FEMALE},
    ),
    (
        ("Lãnh đạo chủ chốt", "Số lãnh đạo chủ chốt"),
        {"key_leaders_total": _TOTAL, "key_leaders_female": _FEMALE},
    ),
    (
        ("Lãnh đạo, quản lý", "Lãnh đạo quản lý", "Số lãnh đạo, quản lý"),
        {
            "leaders_total": _TOTAL,
            "leaders_female": _FEMALE,
            "leaders_ethnic_minority": ("Người DTTS", "Là người DTTS", "DTTS"),
        },
    ),
    (
        ("Quy hoạch", "Cán bộ trong diện quy hoạch", "Diện quy hoạch"),
        {
            "pool_total": _TOTAL,
            "pool_female": _FEMALE,
            "pool_female_trained": (
                "Nữ được đào tạo, bồi dưỡng",
                "Nữ đã đào tạo, bồi dưỡng",
                "Được đào tạo, bồi dưỡng",
                "Đã đào tạo, bồi dưỡng",
            ),
        },
    ),
    (("Dân tộc thiểu số", "DTTS", "Đồng bào DTTS"), {}),
)

ORDINAL_HEADERS = ("STT", "TT", "Số TT", "Số thứ tự")
# The words of a totals row, diacritics folded (`bare_key`): the whole label is one of
# TOTAL_WORDS or starts with one of TOTAL_PREFIXES; a grand total (the whole sheet, not a
# group) starts with one of GRAND_TOTAL_PREFIXES. The only copy: layout imports these.
TOTAL_WORDS = ("tong cong", "tong so", "cong", "toan thanh pho", "tong")
TOTAL_PREFIXES = ("tong cong", "toan thanh pho", "tong so ", "cong ")
GRAND_TOTAL_PREFIXES = ("tong cong", "toan thanh pho", "tong so")
SIGNATURE_WORDS = (
    "ngay",
    "nguoi lap bieu",
    "thu truong",
    "ghi chu",
    "ky ",
    "(ky",
    "ky,",
    "xac nhan",
    "noi nhan",
    "giam doc",
    "chu tich",
    "tm ",
    "kt ",
)


@lru_cache(maxsize=1)
def single_header_map() -> tuple[dict[str, str], dict[str, str]]:
    """Exact (diacritics kept) and bare maps from header text to field id."""
    exact: dict[str, str] = {}
    bare: dict[str, str] = {}
    for f in FIELDS:
        for name in (f.id, f.label_vi, f.label_en, *f.aliases):
            exact.setdefault(key(name), f.id)
            bare.setdefault(bare_key(name), f.id)
    return exact, bare


def match_header(text: str) -> str | None:
    exact, bare = single_header_map()
    k = key(text)
    if not k:
        return None
    return exact.get(k) or bare.get(strip_marks(k))


@lru_cache(maxsize=1)
def _group_maps() -> list[tuple[set[str], dict[str, str]]]:
    maps = []
    for parents, children in HEADER_GROUPS:
        pset = {bare_key(p) for p in parents}
        cmap: dict[str, str] = {}
        for fid, names in children.items():
            for n in names:
                cmap[bare_key(n)] = fid
        maps.append((pset, cmap))
    return maps


def is_group_parent(text: str) -> bool:
    k = bare_key(text)
    return any(k in pset for pset, _ in _group_maps())


def match_child(parent: str, child: str) -> str | None:
    """The field of a child header read together with its merged parent."""
    p, c = bare_key(parent), bare_key(child)
    for pset, cmap in _group_maps():
        if p in pset and c in cmap:
            return cmap[c]
    return None


def is_ordinal_header(text: str) -> bool:
    return bare_key(text) in {bare_key(o) for o in ORDINAL_HEADERS}
