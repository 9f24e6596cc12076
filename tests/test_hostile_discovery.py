"""Issue 11: nothing under a folder is skipped in silence, and a sheet without `r=` is read."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import LABELS, simple_form, unit
from gender_plan_cli.cli import app
from gender_plan_cli.intake.load import discover, load_paths, read_file
from hostile_builders import sheet_xml, write_xlsx_parts

runner = CliRunner()


def check_json(*paths: Path) -> tuple[int, dict[str, list[str]]]:
    r = runner.invoke(app, ["check", *map(str, paths), "--format", "json"])
    assert r.exit_code != 3 and "Traceback" not in r.output, r.output
    doc = json.loads(r.output)
    return r.exit_code, {fr["path"]: [f["code"] for f in fr["findings"]] for fr in doc["files"]}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_an_unreadable_subfolder_is_a_finding(tmp_path: Path) -> None:
    simple_form(tmp_path / "ok.xlsx", [unit()])
    locked = tmp_path / "khoa"
    locked.mkdir()
    simple_form(locked / "hidden.xlsx", [unit(unit_code="S02")])
    locked.chmod(0)
    try:
        result = load_paths([tmp_path])
        by_path = {fr.path: [f.message_id for f in fr.findings] for fr in result.files}
        assert by_path[str(locked)] == ["unreadable-file.folder"]
        code, _ = check_json(tmp_path)
        assert code == 1
    finally:
        locked.chmod(0o755)


def test_a_path_over_the_system_limit_is_a_finding(tmp_path: Path) -> None:
    top = tmp_path / "sau"
    top.mkdir()
    fd = os.open(top, os.O_RDONLY)
    name = "d" * 200
    try:
        for _ in range(25):  # 25 × 201 characters: over PATH_MAX (4096)
            os.mkdir(name, dir_fd=fd)
            child = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = child
        with os.fdopen(os.open("r.csv", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as fh:
            fh.write("x\n")
    finally:
        os.close(fd)
    files = discover([top])
    assert files, "the deep folder was skipped in silence"
    result = load_paths([top])
    assert result.files and all(fr.findings for fr in result.files)
    assert {f.code for fr in result.files for f in fr.findings} == {"unreadable-file"}


def test_a_symlink_out_of_the_folder_is_reported_not_followed(tmp_path: Path) -> None:
    outside = simple_form(tmp_path / "outside.xlsx", [unit()])
    folder = tmp_path / "returns"
    folder.mkdir()
    simple_form(folder / "ok.xlsx", [unit(unit_code="S02")])
    (folder / "link.xlsx").symlink_to(outside)
    (folder / "inner.xlsx").symlink_to(folder / "ok.xlsx")
    result = load_paths([folder])
    by_name = {Path(fr.path).name: [f.message_id for f in fr.findings] for fr in result.files}
    assert by_name["link.xlsx"] == ["unreadable-file.outside-link"]
    assert by_name["ok.xlsx"] == []
    code, _ = check_json(folder)
    assert code == 1


def test_xlsb_files_are_reported(tmp_path: Path) -> None:
    (tmp_path / "so.xlsb").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    code, found = check_json(tmp_path)
    assert code == 1
    assert list(found.values()) == [["unreadable-file"]]


def test_a_sheet_without_r_attributes_is_read(tmp_path: Path) -> None:
    rows = [LABELS] + [["" if v is None else v for v in unit(unit_code=c)] for c in ("S01", "S02")]
    xml = re.sub(r' r="[A-Z]*[0-9]+"', "", sheet_xml(rows))
    assert " r=" not in xml
    path = write_xlsx_parts(tmp_path / "no-r.xlsx", xml)
    fr = read_file(path)
    assert fr.findings == []
    assert [r.unit_code for r in fr.records] == ["S01", "S02"]


def test_a_folder_that_cannot_be_listed_is_a_finding_even_as_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    simple_form(tmp_path / "ok.xlsx", [unit()])
    locked = tmp_path / "khoa"
    locked.mkdir()
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = load_paths([tmp_path])
    by_path = {fr.path: [f.message_id for f in fr.findings] for fr in result.files}
    assert by_path[str(locked)] == ["unreadable-file.folder"]
    assert by_path[str(tmp_path / "ok.xlsx")] == []
