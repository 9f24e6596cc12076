"""`gplan portal init|codes|officer`, `gplan serve --demo`, and `gplan status DIR` of a store:
each run as a clerk's officer runs it, in a process of its own (Django's settings are one per
process). The command line stays lean: `--help` and `check` never import Django."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from portal_helpers import REGISTRY, YEAR, good_return

pytest.importorskip("django", reason="the portal extra (django) is not installed")

SRC = str(Path(__file__).resolve().parents[1] / "src")


def gplan(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "gender_plan_cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=300,
    )


def test_help_and_check_never_import_django(tmp_path: Path) -> None:
    path = good_return(tmp_path)
    code = (
        "import sys\nfrom gender_plan_cli.cli import main\n"
        f"for argv in (['gplan', '--help'], ['gplan', 'check', {str(path)!r}]):\n"
        "    sys.argv = argv\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('django', 'waitress')), file=sys.stderr)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
        check=True,
    )
    assert run.stderr.strip().splitlines()[-1] == "[]"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    registry = tmp_path / "units.yaml"
    registry.write_text(REGISTRY, encoding="utf-8")
    run = gplan(
        "portal", "init", str(tmp_path / "store"), "--units", str(registry), "--year", str(YEAR)
    )
    assert run.returncode == 0, run.stderr
    return tmp_path / "store"


def test_init_makes_the_store(store: Path) -> None:
    assert (store / "gplan-portal.json").is_file() and (store / "portal.sqlite3").is_file()
    assert stat.S_IMODE((store / "secret_key").stat().st_mode) == 0o600
    assert (store / "units.yaml").read_text(encoding="utf-8") == REGISTRY
    config = json.loads((store / "gplan-portal.json").read_text(encoding="utf-8"))
    assert config["year"] == YEAR and config["deadline"] == f"{YEAR}-12-15"  # the rules' date
    assert config["grace_days"] == 30


def test_codes_are_written_once_for_a_mail_merge(store: Path, tmp_path: Path) -> None:
    out = tmp_path / "codes.csv"
    run = gplan(
        "portal", "codes", str(store), "-o", str(out), "--base-url", "https://nop.hanoi.gov.vn"
    )
    assert run.returncode == 0, run.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == ["unit_code", "unit_name", "code", "link"]
    assert [r["unit_code"] for r in rows] == ["UB-TP", "S01", "S01-BQL", "S02"]
    assert all(len(r["code"]) == 19 and r["link"] == "https://nop.hanoi.gov.vn/" for r in rows)
    assert len({r["code"] for r in rows}) == 4
    again = gplan("portal", "codes", str(store), "-o", str(tmp_path / "again.csv"))
    assert again.returncode == 2 and "--rotate" in again.stderr
    rotated = gplan("portal", "codes", str(store), "-o", str(tmp_path / "new.csv"), "--rotate")
    assert rotated.returncode == 0
    new = list(csv.DictReader(io.StringIO((tmp_path / "new.csv").read_text(encoding="utf-8-sig"))))
    assert {r["code"] for r in new}.isdisjoint({r["code"] for r in rows})


def test_officer_prints_a_token_as_its_last_line(store: Path) -> None:
    run = gplan(
        "portal", "officer", str(store), "lan", "--password-stdin", stdin="mot mat khau dai\n"
    )
    assert run.returncode == 0, run.stderr
    token = run.stdout.strip().splitlines()[-1]
    assert len(token.replace("-", "")) == 32
    short = gplan("portal", "officer", str(store), "lan", "--password-stdin", stdin="ngan\n")
    assert short.returncode == 2
    assert "Mật khẩu cần ít nhất 12 ký tự." in short.stderr and "password" not in short.stderr


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (None, "Năm 2040 ngoài kế hoạch 2021–2030."),
        ("en", "Year 2040 is outside the plan (2021–2030)."),
    ],
)
def test_portal_speaks_the_language_chosen_and_one_only(
    lang: str | None, said: str, tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from gender_plan_cli.cli import app

    args = ["portal", "init", str(tmp_path / "s"), "--units", "u.yaml", "--year", "2040"]
    result = CliRunner().invoke(app, args + (["--lang", lang] if lang else []))
    assert result.exit_code == 2
    assert said in result.output
    assert " / " not in result.output


def test_codes_say_what_they_wrote_in_english_when_asked(store: Path, tmp_path: Path) -> None:
    run = gplan("portal", "codes", str(store), "-o", str(tmp_path / "c.csv"), "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == f"4 codes written to {tmp_path / 'c.csv'}."


def test_status_of_a_store_reads_its_receipts(store: Path, tmp_path: Path) -> None:
    """An upload through the portal, then `gplan status STORE`: the CLI and the portal agree."""
    path = good_return(tmp_path)
    script = (
        "from pathlib import Path\n"
        "from gender_plan_cli.portal import manage\n"
        f"[(_, _, code)] = [r for r in manage.issue_codes(Path({str(store)!r}), None, False) if r[0] == 'S01']\n"
        "from django.test import Client\n"
        f"with open({str(path)!r}, 'rb') as fh:\n"
        "    answer = Client().post('/api/v1/returns', {'file': fh}, headers={'Authorization': 'Bearer ' + code})\n"
        "print(answer.status_code)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": SRC},
    )
    assert run.stdout.strip() == "201", run.stderr
    status = gplan("status", str(store), "--year", str(YEAR), "--format", "json")
    assert status.returncode == 0, status.stderr
    document = json.loads(status.stdout)
    s01 = next(u for u in document["units"] if u["unit_code"] == "S01")
    assert (s01["state"], s01["received_from"]) == ("on_time", "portal")
    assert document["counts"]["on_time"] == 1 and document["counts"]["missing"] == 3


def test_serve_demo_prints_a_code_and_serves(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": SRC, "TMPDIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "gender_plan_cli", "serve", "--demo", "--port", str(port)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        lines = []
        while not any("http://127.0.0.1" in line for line in lines):
            line = process.stderr.readline()  # type: ignore[union-attr]
            assert line, "".join(lines)
            lines.append(line)
        assert any("S01" in line and "Sở Nội vụ" in line for line in lines)
        for _ in range(50):
            try:
                page = (
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read().decode()
                )
                break
            except OSError:
                time.sleep(0.2)
        assert "Mã nộp báo cáo của đơn vị" in page
    finally:
        process.terminate()
        process.wait(10)
        process.stderr.close()  # type: ignore[union-attr]


def test_a_store_that_has_received_nothing_has_every_unit_missing(store: Path) -> None:
    """The first day of a collection: `status STORE` lists every unit of the registry as
    missing; `gap STORE` has nothing to compute and says so (exit 2), naming `status`."""
    status = gplan("status", str(store), "--year", str(YEAR), "--format", "json")
    assert status.returncode == 0, status.stderr
    document = json.loads(status.stdout)
    assert [(u["unit_code"], u["state"]) for u in document["units"]] == [
        ("UB-TP", "missing"),
        ("S01", "missing"),
        ("S01-BQL", "missing"),
        ("S02", "missing"),
    ]
    assert document["counts"]["missing"] == 4
    gap = gplan("gap", str(store), "--year", "2030")
    assert gap.returncode == 2
    said = " ".join(gap.stderr.replace("│", " ").split())
    assert "chưa nhận báo cáo hợp lệ nào" in said and f"gplan status {store}" in said


def test_a_store_that_cannot_be_used_is_said_in_the_command_s_language(
    store: Path, tmp_path: Path
) -> None:
    """A folder of other files, a store of another year: exit 2, in Vietnamese by default and
    in English with --lang en, never the library's own words."""
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "ghi-chu.txt").write_text("x", encoding="utf-8")
    registry = str(store / "units.yaml")
    init = ["portal", "init", str(busy), "--units", registry, "--year", str(YEAR)]
    vi, en = gplan(*init), gplan(*init, "--lang", "en")
    assert (vi.returncode, en.returncode) == (2, 2)
    assert "thư mục có tệp khác và không phải kho của cổng" in " ".join(vi.stderr.split())
    assert "the folder holds other files and is not a portal store" in " ".join(en.stderr.split())
    codes = ["portal", "codes", str(store), "--year", str(YEAR - 1), "-o", str(tmp_path / "c.csv")]
    other = gplan(*codes, "--lang", "en")
    assert other.returncode == 2
    assert f"This store collects the returns of {YEAR}, not {YEAR - 1}." in other.stderr
    assert not (tmp_path / "c.csv").exists()
