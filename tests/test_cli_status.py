"""`gplan status`: the collection table, each received-date source, JSON, CSV, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from builders import simple_form, unit
from gender_plan_cli.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[1]
RULES = str(REPO / "rules" / "targets.yaml")

REGISTRY = """units:
  - {code: S01, name: "Sở Nội vụ", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
  - {code: S02, name: "Sở Tài chính", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
  - {code: S03, name: "Sở Xây dựng", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
  - {code: S04, name: "Sở Y tế", level: "Sở, ban, ngành", unit_type: "Cơ quan quản lý nhà nước"}
"""


def _stamp(day: str) -> float:
    return datetime.fromisoformat(day + "T12:00:00").timestamp()


def _unit(code: str, name: str) -> list[object]:
    return unit(unit_code=code, unit_name=name)


def _collection(folder: Path) -> Path:
    """S01 signed 10/12 (on time); S02 signed 16/12 (late); S03 no signature, file time 14/12
    (on time); S04 sent nothing. S01 is also in an older file (resubmitted)."""
    folder.mkdir()
    (folder / "units.yaml").write_text(REGISTRY, encoding="utf-8")
    signed = [None, "Hà Nội, ngày 10 tháng 12 năm 2025"]
    s01 = simple_form(folder / "so-noi-vu.xlsx", [_unit("S01", "Sở Nội vụ"), signed])
    os.utime(s01, (_stamp("2025-12-20"), _stamp("2025-12-20")))
    old = simple_form(folder / "so-noi-vu-cu.xlsx", [_unit("S01", "Sở Nội vụ")])
    os.utime(old, (_stamp("2025-12-01"), _stamp("2025-12-01")))
    late = [None, "Hà Nội, ngày 16 tháng 12 năm 2025"]
    simple_form(folder / "so-tai-chinh.xlsx", [_unit("S02", "Sở Tài chính"), late])
    s03 = simple_form(folder / "so-xay-dung.xlsx", [_unit("S03", "Sở Xây dựng")])
    os.utime(s03, (_stamp("2025-12-14"), _stamp("2025-12-14")))
    return folder


def _status(*args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, ["status", *args, "--rules", RULES, "-f", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_each_unit_with_its_state_date_and_source(tmp_path: Path) -> None:
    code, doc = _status(str(_collection(tmp_path / "nop")), "--year", "2025")
    assert code == 0
    assert (doc["report_year"], doc["deadline"]) == (2025, "2025-12-15")
    rows = {
        u["unit_code"]: (u["state"], u["resubmitted"], u["received"], u["received_from"])
        for u in doc["units"]
    }
    assert rows == {
        "S01": ("on_time", True, "2025-12-10", "signature"),
        "S02": ("late", False, "2025-12-16", "signature"),
        "S03": ("on_time", False, "2025-12-14", "mtime"),
        "S04": ("missing", False, None, None),
    }
    s01 = doc["units"][0]
    assert [Path(f).name for f in s01["files"]] == ["so-noi-vu-cu.xlsx", "so-noi-vu.xlsx"]
    assert s01["cell"].endswith("so-noi-vu.xlsx A2")
    assert doc["counts"] == {"on_time": 2, "late": 1, "missing": 1, "resubmitted": 1}


def test_fail_on_missing_and_the_table(tmp_path: Path) -> None:
    folder = str(_collection(tmp_path / "nop"))
    result = runner.invoke(
        app, ["status", folder, "-y", "2025", "--rules", RULES, "--fail-on-missing"]
    )
    assert result.exit_code == 1
    out = " ".join(result.stdout.split())
    assert "Đúng hạn: 2 · Nộp muộn: 1 · Chưa nộp: 1 · Gửi lại: 1" in out
    assert "hạn nộp 15/12/2025" in out


def test_mtime_alone_when_asked(tmp_path: Path) -> None:
    code, doc = _status(
        str(_collection(tmp_path / "nop")), "-y", "2025", "--received-from", "mtime"
    )
    s01 = doc["units"][0]
    assert (s01["state"], s01["received"], s01["received_from"]) == ("late", "2025-12-20", "mtime")


def test_csv_written_for_excel(tmp_path: Path) -> None:
    out = tmp_path / "nhan.csv"
    folder = str(_collection(tmp_path / "nop"))
    result = runner.invoke(app, ["status", folder, "-y", "2025", "--rules", RULES, "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffMã đơn vị;Tên cơ quan, đơn vị;Tình trạng;")
    assert "\r\nS02;Sở Tài chính;nộp muộn;Không;16/12/2025;ngày ký;" in text
    assert "\r\nS04;Sở Y tế;chưa nộp;Không;;;;;Có;;\r\n" in text
    ids = runner.invoke(app, ["status", folder, "-y", "2025", "--rules", RULES, "--csv-ids"]
                        + ["-o", str(out)])  # fmt: skip
    assert ids.exit_code == 0
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffunit_code,unit_name,state,")
    assert "\r\nS04,Sở Y tế,missing,False,,,,,True,,\r\n" in text
    en = runner.invoke(app, ["status", folder, "-y", "2025", "--rules", RULES, "--lang", "en",
                             "-f", "csv"])  # fmt: skip
    assert "S02,Sở Tài chính,late,False,2025-12-16,signature," in en.stdout


@pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="no git"
)
def test_the_git_commit_date_when_asked(tmp_path: Path) -> None:
    folder = _collection(tmp_path / "repo")
    _commit_all(folder, "2025-12-13T09:00:00")
    code, doc = _status(str(folder), "-y", "2025", "--received-from", "git")
    states = {u["unit_code"]: (u["state"], u["received"], u["received_from"]) for u in doc["units"]}
    assert states["S02"] == ("on_time", "2025-12-13", "git")
    assert states["S04"] == ("missing", None, None)


# --- the officer's mail: -o for every format, a workbook per state, --only ---------------------


def test_o_is_honoured_for_every_format(tmp_path: Path) -> None:
    folder = str(_collection(tmp_path / "nop"))
    for name in ("st.txt", "st.json", "st.csv"):
        out = tmp_path / name
        result = runner.invoke(
            app, ["status", folder, "-y", "2025", "--rules", RULES, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert out.is_file() and out.stat().st_size > 0, name
        assert "S04" not in result.stdout
    assert "Đúng hạn: 2 · Nộp muộn: 1" in (tmp_path / "st.txt").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "st.json").read_text(encoding="utf-8"))["counts"]["late"] == 1


def test_a_workbook_with_one_sheet_per_state_for_mail_merge(tmp_path: Path) -> None:
    import openpyxl

    folder = _collection(tmp_path / "nop")
    with (folder / "units.yaml").open("a", encoding="utf-8") as fh:
        fh.write(
            '  - {code: S05, name: "=HYPERLINK(\\"http://x\\",\\"Sở\\")", level: "Sở, ban, ngành",'
            ' unit_type: "Cơ quan quản lý nhà nước"}\n'
        )
    bad = simple_form(folder / "so-y-te.xlsx", [unit(unit_code="S06", staff_female=-1)])
    assert bad.is_file()
    out = tmp_path / "st.xlsx"
    result = runner.invoke(
        app, ["status", str(folder), "-y", "2025", "--rules", RULES, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Nộp muộn", "Chưa nộp", "Chưa hợp lệ", "Đúng hạn"]
    rows = {ws.title: [[c.value for c in r] for r in ws.iter_rows()] for ws in wb}
    assert rows["Nộp muộn"][0][:4] == [
        "Mã đơn vị",
        "Tên cơ quan, đơn vị",
        "Tình trạng",
        "Ngày nhận",
    ]
    late = rows["Nộp muộn"][1]
    assert late[:3] == ["S02", "Sở Tài chính", "nộp muộn"]
    assert late[3].date().isoformat() == "2025-12-16"
    assert wb["Nộp muộn"]["D2"].number_format == "dd/mm/yyyy"
    assert [r[0] for r in rows["Chưa nộp"][1:]] == ["S04", "S05"]
    assert rows["Chưa nộp"][2][1] == '\'=HYPERLINK("http://x","Sở")'  # shown, never run
    assert [r[0] for r in rows["Chưa hợp lệ"][1:]] == ["S06"]
    assert [r[0] for r in rows["Đúng hạn"][1:]] == ["S01", "S03"]
    only = tmp_path / "late.xlsx"
    result = runner.invoke(app, ["status", str(folder), "-y", "2025", "--rules", RULES,
                                 "--only", "late,missing", "-o", str(only)])  # fmt: skip
    assert openpyxl.load_workbook(only).sheetnames == ["Nộp muộn", "Chưa nộp"]


def test_only_selects_units_in_every_format(tmp_path: Path) -> None:
    folder = str(_collection(tmp_path / "nop"))
    code, doc = _status(folder, "-y", "2025", "--only", "late,missing")
    assert code == 0
    assert [u["unit_code"] for u in doc["units"]] == ["S02", "S04"]
    assert doc["counts"] == {"on_time": 2, "late": 1, "missing": 1, "resubmitted": 1}
    wrong = runner.invoke(app, ["status", folder, "-y", "2025", "--only", "tardy"])
    assert wrong.exit_code == 2


def test_a_long_path_is_not_cut_mid_name_in_the_table(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao-cac-don-vi-nam-2025" / "da-nhan-qua-thu-dien-tu"
    folder.mkdir(parents=True)
    (folder / "units.yaml").write_text(REGISTRY, encoding="utf-8")
    name = "so-tai-chinh-bao-cao-can-bo-nu.xlsx"
    simple_form(folder / name, [_unit("S02", "Sở Tài chính")])
    result = runner.invoke(app, ["status", str(folder), "-y", "2025", "--rules", RULES],
                           env={"COLUMNS": "100"})  # fmt: skip
    assert name + " A2" in result.stdout
    assert "Thư mục: " in result.stdout


# --- received dates you can trust --------------------------------------------------------------


def test_a_signature_and_a_file_time_on_opposite_sides_of_the_deadline(tmp_path: Path) -> None:
    """Signed 10/12/2025, the file saved from the mail on 08/01/2026: on time by its signature
    line, and the status says the file time disagrees, with both dates."""
    import openpyxl

    folder = tmp_path / "nop"
    folder.mkdir()
    (folder / "units.yaml").write_text(REGISTRY, encoding="utf-8")
    signed = [None, "Hà Nội, ngày 10 tháng 12 năm 2025"]
    path = simple_form(folder / "so-noi-vu.xlsx", [_unit("S01", "Sở Nội vụ"), signed])
    os.utime(path, (_stamp("2026-01-08"), _stamp("2026-01-08")))
    code, doc = _status(str(folder), "-y", "2025")
    s01 = doc["units"][0]
    assert (s01["state"], s01["received"], s01["received_from"]) == (
        "on_time",
        "2025-12-10",
        "signature",
    )
    assert s01["disputed"] == [{"day": "2026-01-08", "source": "mtime"}]
    table = runner.invoke(app, ["status", str(folder), "-y", "2025", "--rules", RULES])
    line = next(x for x in table.stdout.splitlines() if "S01" in x)
    assert "10/12/2025" in line and "ngày ký" in line
    assert "≠ 08/01/2026" in table.stdout  # both dates, in the received column
    assert "(sau hạn nộp)" in " ".join(table.stdout.split()).replace("│", "")
    out = tmp_path / "st.xlsx"
    runner.invoke(app, ["status", str(folder), "-y", "2025", "--rules", RULES, "-o", str(out)])
    row = [c.value for c in openpyxl.load_workbook(out)["Đúng hạn"][2]]
    assert row[5] == "theo ngày sửa tệp: 08/01/2026 (sau hạn nộp)"
    unsigned = simple_form(folder / "so-tai-chinh.xlsx", [_unit("S02", "Sở Tài chính")])
    os.utime(unsigned, (_stamp("2025-12-12"), _stamp("2025-12-12")))
    _, doc = _status(str(folder), "-y", "2025")
    assert doc["units"][1]["disputed"] == []  # one source, nothing to disagree with


@pytest.mark.skipif(
    subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="no git"
)
def test_auto_prefers_git_over_a_signature_line(tmp_path: Path) -> None:
    folder = _collection(tmp_path / "repo")
    _commit_all(folder, "2025-12-13T09:00:00")
    _, doc = _status(str(folder), "-y", "2025")
    s02 = next(u for u in doc["units"] if u["unit_code"] == "S02")
    assert (s02["state"], s02["received"], s02["received_from"]) == ("on_time", "2025-12-13", "git")
    assert {"day": "2025-12-16", "source": "signature"} in s02["disputed"]


def _commit_all(folder: Path, when: str) -> None:
    """The folder made a git repository whose one commit, of every file, is dated `when`."""
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Sở Nội vụ",
        GIT_AUTHOR_EMAIL="snv@example.invalid",
        GIT_COMMITTER_NAME="Sở Nội vụ",
        GIT_COMMITTER_EMAIL="snv@example.invalid",
        GIT_COMMITTER_DATE=when,
        GIT_AUTHOR_DATE=when,
    )
    for args in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "Nhận báo cáo"]):
        subprocess.run(["git", *args], cwd=folder, env=env, check=True)


def test_the_registry_is_named_once() -> None:
    """In the heading of the table (stdout, so `-o trang-thai.txt` keeps it), not on stderr too."""
    units = str(REPO / "data" / "samples" / "units.yaml")
    folder = str(REPO / "data" / "samples" / "returns")
    result = runner.invoke(app, ["status", folder, "-y", "2025", "--units", units])
    assert result.stdout.count("units.yaml") == 1
    assert "units.yaml" not in result.stderr


def test_the_status_example_in_the_docs_is_the_commands_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """docs/collection.md's `status` table, typed by hand because the dates by file time are
    the checkout's: the same as the command prints, those dates aside."""
    import re
    import sys

    sys.path.insert(0, str(REPO / "scripts"))
    import readme_help

    page = (REPO / "docs" / "collection.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n(\$ gplan status [^\n]*)\n.*?```", page, re.DOTALL)
    assert shown is not None
    fresh = readme_help.output_text(shown.group(1)[2:])

    def by_file_time_aside(block: str) -> str:
        return re.sub(r"\d\d/\d\d/\d{4}( │ ngày sửa tệp)", r"dd/mm/yyyy\1", block)

    assert by_file_time_aside(shown.group(0)[8:-3]) == by_file_time_aside(fresh)
