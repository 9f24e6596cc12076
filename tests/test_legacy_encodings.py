"""TCVN3 and VNI-Windows text read as Unicode, per column; ordinary text left alone."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from builders import LABELS, write_xlsx
from builders import unit as unit_row
from gender_plan_cli.collection.registry import load_registry
from gender_plan_cli.intake.load import load_paths
from gender_plan_cli.reading.legacy import detect, from_tcvn3, from_vni
from gender_plan_cli.reading.legacy_tables import TCVN3
from roster_builders import GENDER_COLUMN_PEOPLE, REGISTRY

# Converted by hand from the charts (TCVN 5712:1993 VN3; VNI-Windows), not by the code.
BY_HAND = [
    ("Trưởng phòng", "Tr\xadëng phßng", "Tröôûng phoøng"),
    ("Phó Chủ tịch", "Phã Chñ tÞch", "Phoù Chuû tòch"),
    ("Nữ", "N÷", "Nöõ"),
    ("Kinh", "Kinh", "Kinh"),
    ("Tày", "Tµy", "Taøy"),
    ("Mường", "M\xadêng", "Möôøng"),
    ("Họ và tên", "Hä vµ tªn", "Hoï vaø teân"),
    ("Đơn vị", "§¬n vÞ", "Ñôn vò"),
]


def to_tcvn3(text: str) -> str:
    """The chart read backwards (a capital TCVN3 lacks is typed small, as `.VnTimeH` does)."""
    back = {v: k for k, v in TCVN3.items() if k != "\u2212"}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(back.get(ch, back.get(ch.lower(), ch)))
    return "".join(out)


@pytest.mark.parametrize(("unicode", "tcvn3", "vni"), BY_HAND)
def test_the_charts_both_ways(unicode: str, tcvn3: str, vni: str) -> None:
    assert from_tcvn3(tcvn3) == unicode and from_vni(vni) == unicode
    assert to_tcvn3(unicode) == tcvn3
    assert from_tcvn3("Tr−ëng phßng") == "Trưởng phòng"  # the soft hyphen seen as a minus


def test_ordinary_text_is_no_legacy_encoding() -> None:
    assert detect(["Trưởng phòng", "Chuyên viên", "Tày", "Nguyễn Thị Hà"]) is None
    assert detect(["Chuyên viên", "Tày", "Kinh", "Giám đốc"]) is None
    assert detect(["Müller", "Peña", "µg/l", "§ 3"]) is None  # no Vietnamese comes of them
    assert detect(["Tr\xadëng phßng", "Chuyªn viªn"]).id == "tcvn3"  # type: ignore[union-attr]
    assert detect(["Tröôûng phoøng", "Chuyeân vieân"]).id == "vni"  # type: ignore[union-attr]


def _as_tcvn3(value: Any) -> Any:
    return to_tcvn3(value) if isinstance(value, str) else value


def test_a_tcvn3_roster_reads_as_its_unicode_twin(tmp_path: Path) -> None:
    header = ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Chức vụ", "Đơn vị"]
    people = [[i, *p[:6]] for i, p in enumerate(GENDER_COLUMN_PEOPLE[:6], start=1)]
    title = ["DANH SÁCH CÁN BỘ NĂM 2025"]
    units = tmp_path / "units.yaml"
    units.write_text(REGISTRY, encoding="utf-8")
    twin = write_xlsx(tmp_path / "unicode.xlsx", [title, header, *people], sheet="DS")
    legacy_rows = [[_as_tcvn3(v) for v in row] for row in [header, *people]]
    legacy = write_xlsx(tmp_path / "tcvn3.xlsx", [title, *legacy_rows], sheet="DS")
    a, b = (load_paths([p], registry=load_registry(units)).files[1] for p in (twin, legacy))
    assert [r.model_dump(exclude={"source_file"}) for r in a.records] == [
        r.model_dump(exclude={"source_file"}) for r in b.records
    ]
    extra = [f for f in b.findings if f.code == "legacy-encoding"]
    assert [(f.cell, f.args["encoding"]) for f in extra] == [
        (f"{c}2", "TCVN3 (.VnTime)") for c in "BCDEFG"
    ]
    assert "viết theo mã TCVN3 (.VnTime), đã đọc thành chữ Unicode" in extra[0].message("vi")
    same = [(f.code, f.cell) for f in b.findings if f.code != "legacy-encoding"]
    assert same == [(f.code, f.cell) for f in a.findings]
    for f in extra:  # the column, never a name
        assert not any(p[0] in f.message("vi") for p in GENDER_COLUMN_PEOPLE)


def to_vni(text: str) -> str:
    """Unicode → VNI by the chart (the code's own table read backwards)."""
    from gender_plan_cli.reading.legacy import _VNI

    back = {v: k for k, v in sorted(_VNI.items(), key=lambda i: -len(i[0]))}
    return "".join(back.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def test_a_vni_return_reads_as_its_unicode_twin(tmp_path: Path) -> None:
    rows = [
        unit_row(unit_code="S01", unit_name="Sở Nội vụ", sector="Nội vụ"),
        unit_row(unit_code="S02", unit_name="Sở Tài chính", sector="Tài chính"),
        unit_row(unit_code="S03", unit_name="Sở Y tế", sector="Y tế"),
    ]
    assert to_vni("Trưởng phòng") == "Tröôûng phoøng"
    twin = write_xlsx(tmp_path / "unicode.xlsx", [LABELS, *rows])
    vni_rows = [[to_vni(v) if isinstance(v, str) else v for v in r] for r in [LABELS, *rows]]
    legacy = write_xlsx(tmp_path / "vni.xlsx", vni_rows)
    a, b = (load_paths([p]).files[0] for p in (twin, legacy))
    assert [r.model_dump(exclude={"source_file"}) for r in a.records] == [
        r.model_dump(exclude={"source_file"}) for r in b.records
    ]
    codes = {f.code for f in b.findings}
    assert codes - {f.code for f in a.findings} == {"legacy-encoding"}
    assert all(
        f.args["encoding"] == "VNI-Windows (VNI-Times)"
        for f in b.findings
        if f.code == "legacy-encoding"
    )


REAL = Path("/work/shared/corpus/real-forms")


@pytest.mark.skipif(not REAL.is_dir(), reason="the corpus of real forms is not here")
def test_no_legacy_encoding_is_seen_in_the_real_unicode_forms() -> None:
    found = load_paths([REAL]).findings
    assert found and not [f for f in found if f.code == "legacy-encoding"]
