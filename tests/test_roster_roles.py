"""Position titles → roles, title by title; UBND versus HĐND from the agency words."""

from __future__ import annotations

from pathlib import Path

import pytest

from gender_plan_cli.roster.config import roster_config
from gender_plan_cli.roster.roles import body_of, role_of

TITLES = roster_config().titles


@pytest.mark.parametrize(
    ("position", "unit_body", "expected"),
    [
        ("Chủ tịch UBND xã", None, ("key_leader", "ubnd")),
        ("Chủ tịch Ủy ban nhân dân phường", None, ("key_leader", "ubnd")),
        ("Phó Chủ tịch UBND", None, ("key_leader", "ubnd")),
        ("Chủ tịch HĐND xã", None, ("key_leader", "hdnd")),
        ("Phó Chủ tịch Hội đồng nhân dân", None, ("key_leader", "hdnd")),
        ("PHÓ CHỦ TỊCH HDND", None, ("key_leader", "hdnd")),
        ("Chủ tịch", "hdnd", ("key_leader", "hdnd")),
        ("Chủ tịch", None, None),  # of what? a warning, never a guess
        ("Chủ tịch Công đoàn", None, None),
        ("Giám đốc Sở", None, ("key_leader", None)),
        ("Phó Giám đốc", None, ("key_leader", None)),
        ("Giám đốc Trung tâm Phục vụ hành chính công", None, ("leader", None)),
        ("Trưởng ban", None, ("key_leader", None)),
        ("Chánh Thanh tra", None, ("key_leader", None)),
        ("Trưởng phòng Tổ chức cán bộ", None, ("leader", None)),
        ("Phó Trưởng phòng", None, ("leader", None)),
        ("Hiệu trưởng", None, ("leader", None)),
        ("Phó Hiệu trưởng", None, ("leader", None)),
        ("Chuyên viên", None, ("staff", None)),
        ("chuyen vien chinh", None, ("staff", None)),
        ("Công chức Tư pháp - Hộ tịch", None, ("staff", None)),
        ("Phó Bí thư Đảng ủy, Chủ tịch UBND xã", None, ("key_leader", "ubnd")),
        ("Trưởng phòng, Phòng Nội vụ", None, ("leader", None)),
        ("Trưởng nhóm", None, None),
    ],
)
def test_titles(
    position: str, unit_body: str | None, expected: tuple[str, str | None] | None
) -> None:
    assert role_of(position, TITLES, unit_body) == expected


def test_agency_words_name_the_body_first_named() -> None:
    assert body_of("UBND xã Cổ Đô") == "ubnd"
    assert body_of("Thường trực HĐND, UBND") == "hdnd"
    assert body_of("Sở Nội vụ") is None


def test_a_roles_file_beside_the_rules_replaces_the_package_one(tmp_path: Path) -> None:
    rules = tmp_path / "targets.yaml"
    rules.write_text("", encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(
        'titles:\n  - {title: "Trưởng nhóm", role: leader}\n', encoding="utf-8"
    )
    config = roster_config(None, rules)
    assert role_of("Trưởng nhóm", config.titles, None) == ("leader", None)
    assert role_of("Trưởng phòng", config.titles, None) is None
    assert config.roles_file == str(tmp_path / "roles.yaml")


def test_the_ethnic_list_is_the_54_groups() -> None:
    groups = roster_config().ethnic
    assert groups["kinh"] is False and groups["tay"] is True and groups["mong"] is True
    assert groups["hmong"] is True and groups["khmer"] is True
