"""headers.yaml: the header words as data a province extends, validated like the rules file."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import LABELS, codes_at, unit, write_xlsx
from gender_plan_cli.cli import app
from gender_plan_cli.intake.load import read_file
from gender_plan_cli.layout.header_file import bundled_headers, words
from gender_plan_cli.layout.headers import match_header

runner = CliRunner()


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A folder with rules/headers.yaml, as the current folder; the words re-read around it."""
    (tmp_path / "rules").mkdir()
    monkeypatch.chdir(tmp_path)
    words.cache_clear()
    yield tmp_path / "rules" / "headers.yaml"
    words.cache_clear()


def test_the_bundled_file_ships_inside_the_package() -> None:
    assert bundled_headers().parent.name == "layout"
    assert bundled_headers().parent.parent.name == "gender_plan_cli"
    assert "staff_total" in words().fields


def test_a_province_adds_a_header_without_touching_code(province: Path, tmp_path: Path) -> None:
    province.write_text('fields:\n  staff_total: ["Tổng số biên chế được giao"]\n', "utf-8")
    assert match_header("Tổng số biên chế được giao") == "staff_total"
    labels = [*LABELS[:7], "Tổng số biên chế được giao", *LABELS[8:]]
    fr = read_file(write_xlsx(tmp_path / "f.xlsx", [labels, unit()]))
    assert codes_at(fr) == [] and fr.records[0].staff_total == 200
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0 and "rules/headers.yaml" in result.output


def test_a_header_read_before_a_province_adds_its_word_is_read_again(
    province: Path, tmp_path: Path
) -> None:
    """The columns of a header are remembered for the words in force: new words, read anew."""
    labels = [*LABELS[:7], "Tổng số biên chế được giao", *LABELS[8:]]
    path = write_xlsx(tmp_path / "f.xlsx", [labels, unit()])
    before = read_file(path)  # the bundled words: the column is no field
    assert before.layout is not None and before.layout.columns["H"] is None
    assert not before.records
    province.write_text('fields:\n  staff_total: ["Tổng số biên chế được giao"]\n', "utf-8")
    words.cache_clear()
    after = read_file(path)
    assert codes_at(after) == [] and after.records[0].staff_total == 200


def test_a_bad_headers_file_is_refused_with_its_line_and_key(province: Path) -> None:
    province.write_text(
        'fields:\n  staff_total: ["Biên chế giao"]\n  staf_female: ["Nữ biên chế"]\n', "utf-8"
    )
    result = runner.invoke(app, ["rules", "--lang", "en"])
    assert result.exit_code == 2
    assert "rules/headers.yaml:3 fields.staf_female:" in " ".join(result.output.split())
    result = runner.invoke(app, ["check", str(province), "--lang", "en"])
    assert result.exit_code == 2


def test_help_reads_no_yaml() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from gender_plan_cli.cli import app\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "print('gender_plan_cli.layout.header_file' in sys.modules, 'yaml' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_a_vocabulary_remembers_what_it_read_within_a_bound(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Every form repeats its headers: each text is folded once; a sheet of unique texts
    cannot grow the memory past the bound."""
    from gender_plan_cli.layout import header_file as headers

    monkeypatch.setattr(headers, "_SEEN_MAX", 3)
    vocab = headers.Vocab([("Mã đơn vị", "unit_code"), ("Tên đơn vị", "unit_name")])
    assert vocab.get("Mã đơn vị") == vocab.get("Mã đơn vị") == "unit_code"
    assert vocab.get("MA DON VI") == "unit_code"  # diacritic-free, unambiguous
    for i in range(10):
        assert vocab.get(f"cột {i}") is None
    assert len(vocab._seen) <= 3
    assert vocab.get("Tên đơn vị") == "unit_name"
