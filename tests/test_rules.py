"""rules/targets.yaml → Rules: the plan's numbers, and file:line key messages for wrong files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gender_plan_cli.paths import bundled_rules, default_rules
from gender_plan_cli.targets.rules import Rules, load_rules, value_at
from gender_plan_cli.yamlfile import RulesError

REPO_RULES = Path(__file__).resolve().parents[1] / "rules" / "targets.yaml"
TEXT = REPO_RULES.read_text(encoding="utf-8")


def line_of(text: str, needle: str, after: str = "") -> int:
    """1-based line of the first line equal to `needle` (after the line `after`, if given)."""
    lines = text.splitlines()
    start = lines.index(after) + 1 if after else 0
    return lines.index(needle, start) + 1


def errors(tmp_path: Path, text: str, lang: str = "en") -> list[str]:
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RulesError) as caught:
        load_rules(path, "rules/targets.yaml")
    return [p.message(lang) for p in caught.value.problems]


def test_the_bundled_rules_hold_the_plans_numbers() -> None:
    rules = load_rules(REPO_RULES)
    t = rules.targets
    assert t.female_key_leader.milestones == {2025: 0.60, 2030: 0.75}
    assert t.pool_female.milestones == {2025: 0.40, 2030: 0.50}
    assert t.pool_female_trained.milestones == {2025: 0.75, 2030: 0.90}
    assert t.female_key_leader.applies_to == [
        "state_agency",
        "people_committee",
        "people_council",
        "local_government",
    ]
    assert t.pool_female.applies_to == "all"
    low = t.female_key_leader.low_female_staff
    assert low is not None
    assert (low.threshold, low.basis, low.mode, low.sectors) == (0.30, "sector", "proportional", [])
    assert (t.ethnic_minority_leaders.min_leaders, t.ethnic_minority_leaders.factor) == (1, 1.0)
    assert rules.milestone_years() == [2025, 2030]


def test_the_plans_wording_is_quoted_in_the_comments() -> None:
    assert "Đến năm 2025 đạt 60% và đến năm 2030 đạt 75%" in TEXT
    assert "thấp dưới 30% có thể điều chỉnh mục tiêu" in TEXT
    assert "đạt\n  # ít nhất 40% vào năm 2025 và đạt 50% vào năm 2030" in TEXT
    assert "đạt 75% vào năm 2025 và đạt 90% vào năm 2030" in TEXT
    assert "phù hợp với cơ cấu dân cư" in TEXT


def test_the_packaged_copy_is_found_and_valid(tmp_path: Path) -> None:
    # From a folder without rules/targets.yaml, the bundled copy is used.
    assert default_rules(tmp_path) == bundled_rules()
    assert load_rules(bundled_rules()) == load_rules(REPO_RULES)
    (tmp_path / "rules").mkdir()
    local = tmp_path / "rules" / "targets.yaml"
    local.write_text(TEXT, encoding="utf-8")
    assert default_rules(tmp_path) == local


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2021, 0.60),
        (2024, 0.60),
        (2025, 0.60),
        (2026, 0.63),
        (2027, 0.66),
        (2029, 0.72),
        (2030, 0.75),
    ],
)
def test_milestones_and_the_linear_on_track_values(year: int, expected: float) -> None:
    assert load_rules(REPO_RULES).targets.female_key_leader.at(year) == pytest.approx(
        expected, abs=1e-12
    )


def test_value_at_with_three_milestones() -> None:
    values = {2023: 0.2, 2025: 0.4, 2030: 0.9}
    assert value_at(values, 2022) == 0.2
    assert value_at(values, 2024) == pytest.approx(0.3)
    assert value_at(values, 2028) == pytest.approx(0.7)
    assert value_at({2025: 0.5}, 2030) == 0.5


def test_a_rate_above_one_names_file_line_and_key(tmp_path: Path) -> None:
    text = TEXT.replace("    2025: 0.60\n", "    2025: 1.6\n", 1)
    line = line_of(text, "    2025: 1.6")
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line} targets.female_key_leader.2025: must be ≤ 1"
    ]
    assert errors(tmp_path, text, "vi") == [
        f"rules/targets.yaml:{line} targets.female_key_leader.2025: phải ≤ 1"
    ]


def test_a_percentage_written_as_text_is_refused(tmp_path: Path) -> None:
    text = TEXT.replace("    2025: 0.40\n", "    2025: 40%\n", 1)
    line = line_of(text, "    2025: 40%")
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line} targets.pool_female.2025: must be a number "
        "(write a rate as 0.60, not 60%)"
    ]


def test_a_year_outside_the_programme(tmp_path: Path) -> None:
    text = TEXT.replace("    2030: 0.90\n", "    2031: 0.90\n", 1)
    line = line_of(text, "    2031: 0.90")
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line} targets.pool_female_trained.2031: "
        "the year must be from 2021 to 2030"
    ]


def test_a_misspelt_key_and_a_missing_indicator(tmp_path: Path) -> None:
    text = TEXT.replace("    min_leaders: 1\n", "    min_leader: 1\n", 1)
    line = line_of(text, "    min_leader: 1")
    parent = line_of(text, "  ethnic_minority_leaders:")
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{parent} targets.ethnic_minority_leaders.min_leaders: "
        "this key is missing",
        f"rules/targets.yaml:{line} targets.ethnic_minority_leaders.min_leader: unknown key (a typo?)",
    ]


def test_an_indicator_without_milestones(tmp_path: Path) -> None:
    text = TEXT.replace("    2025: 0.75\n    2030: 0.90\n", "", 1)
    line = line_of(text, "  pool_female_trained:")
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line} targets.pool_female_trained: no values per year (e.g. 2025: 0.60)"
    ]


def test_an_unknown_unit_type_and_an_unknown_mode(tmp_path: Path) -> None:
    text = TEXT.replace("applies_to: all\n", "applies_to: [state_agency, school]\n", 1)
    text = text.replace("      mode: proportional\n", "      mode: halved\n", 1)
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line_of(text, '      mode: halved')} "
        "targets.female_key_leader.low_female_staff.mode: must be one of: "
        "'proportional', 'fixed' or 'exempt'",
        f"rules/targets.yaml:{line_of(text, '    applies_to: [state_agency, school]')} "
        'targets.pool_female.applies_to: unknown unit type "school"; pick from: state_agency, '
        "people_committee, people_council, local_government, public_service, other",
    ]


def test_fixed_mode_needs_its_values(tmp_path: Path) -> None:
    text = TEXT.replace("      mode: proportional\n", "      mode: fixed\n", 1)
    line = line_of(text, "    low_female_staff:")
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line} targets.female_key_leader.low_female_staff: "
        "mode: fixed needs a fixed mapping of values per year (2025: 0.30)"
    ]


def test_approved_sectors_are_checked(tmp_path: Path) -> None:
    sectors = (
        "      sectors:\n"
        "        - sector: Quốc phòng\n"
        "          2025: 0.2\n"
        "        - sector: Xây dựng\n"
        "          exempt: true\n"
        "          2025: 0.1\n"
        "        - sector: quốc  phòng\n"
        "          2025: 1.5\n"
    )
    text = TEXT.replace("      sectors: []\n", sectors, 1)
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line_of(text, '        - sector: Xây dựng')} "
        "targets.female_key_leader.low_female_staff.sectors[1]: "
        "give values per year (2025: 0.30) or exempt: true, not both",
        f"rules/targets.yaml:{line_of(text, '          2025: 1.5')} "
        "targets.female_key_leader.low_female_staff.sectors[2].2025: must be ≤ 1",
    ]


def test_the_same_sector_twice(tmp_path: Path) -> None:
    sectors = (
        "      sectors:\n"
        "        - sector: Quốc phòng\n"
        "          2025: 0.2\n"
        "        - sector: QUỐC PHÒNG\n"
        "          exempt: true\n"
    )
    text = TEXT.replace("      sectors: []\n", sectors, 1)
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line_of(text, '    low_female_staff:')} "
        'targets.female_key_leader.low_female_staff: the sector "QUỐC PHÒNG" is listed twice'
    ]


def test_a_duplicate_key_is_not_silently_overwritten(tmp_path: Path) -> None:
    text = TEXT.replace("    2030: 0.50\n", "    2030: 0.50\n    2030: 0.55\n", 1)
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line_of(text, '    2030: 0.55')} targets.pool_female.2030: "
        "this key appears twice; delete one"
    ]


def test_a_yaml_syntax_error_gives_its_line(tmp_path: Path) -> None:
    text = TEXT.replace("    factor: 1.0\n", "    factor: [1.0\n", 1)
    (message,) = errors(tmp_path, text)
    assert message.startswith("rules/targets.yaml:")
    assert "YAML syntax error" in message
    line = int(message.split(":")[1].split()[0])
    assert line >= line_of(text, "    factor: [1.0")


def test_an_empty_file_and_a_list(tmp_path: Path) -> None:
    assert errors(tmp_path, "") == [
        'rules/targets.yaml:1 the rules file must be a mapping with "version", "targets"...'
    ]
    assert errors(tmp_path, "- 1\n- 2\n") == [
        'rules/targets.yaml:1 the rules file must be a mapping with "version", "targets"...'
    ]


def test_aliases_are_refused(tmp_path: Path) -> None:
    text = "version: 1\na: &x [1, 2]\nb: *x\n"
    assert errors(tmp_path, text) == [
        "rules/targets.yaml:3 b: YAML anchors and aliases (&, *) are not allowed; write the value out"
    ]


def test_yes_is_not_a_rate(tmp_path: Path) -> None:
    text = TEXT.replace("    2030: 0.75\n", "    2030: yes\n", 1)
    assert errors(tmp_path, text) == [
        f"rules/targets.yaml:{line_of(text, '    2030: yes')} targets.female_key_leader.2030: "
        "must be a number (write a rate as 0.60, not 60%)"
    ]


def test_every_error_message_exists_in_both_languages() -> None:
    from gender_plan_cli.i18n import catalogue

    messages = catalogue()
    ids = [k for k in messages if k.startswith(("rules.", "gap."))]
    assert len(ids) > 50
    for k in ids:
        vi, en = messages[k]
        assert vi and en, k


def test_a_valid_variant_loads(tmp_path: Path) -> None:
    data = yaml.safe_load(TEXT)
    low = data["targets"]["female_key_leader"]["low_female_staff"]
    low.update(basis="unit", mode="fixed", fixed={2025: 0.3, 2030: 0.5})
    low["sectors"] = [{"sector": "Quốc phòng", "exempt": True, "approved_by": "Văn bản số 1"}]
    path = tmp_path / "t.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rules = load_rules(path)
    assert isinstance(rules, Rules)
    got = rules.targets.female_key_leader.low_female_staff
    assert got is not None and got.approved("quốc phòng") is not None
    assert got.approved("Nội vụ") is None
