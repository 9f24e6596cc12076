"""Earlier years in a store (issue 25, item 3): returns from before the portal imported byte
for byte, a new year's collection keeping the earlier ones, and the trend since 2021 on the
desk — the numbers of `gplan trend` for the same files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from builders import simple_form, unit
from portal_helpers import YEAR, Portal, portal, portal_session
from test_portal_desk import collection, gplan, officer_client

__all__ = ["collection", "portal", "portal_session"]

EARLIER = (YEAR - 2, YEAR - 1)


def earlier_return(folder: Path, year: int, pool: tuple[int, int]) -> Path:
    """S01 and S02 of `year`, with `pool` women in each one's planning pool of 40."""
    return simple_form(
        folder / f"tong-hop-{year}.xlsx",
        [
            unit(report_year=year, pool_female=pool[0], pool_female_trained=10),
            unit(
                report_year=year,
                unit_code="S02",
                unit_name="Sở Tài chính",
                sector="Tài chính",
                pool_female=pool[1],
                pool_female_trained=10,
            ),
        ],
    )


@pytest.fixture
def years(collection: Portal) -> list[Path]:
    """Two earlier years imported into the store of the collection (S01 and S01-BQL received)."""
    from gender_plan_cli.portal import manage

    files = [
        earlier_return(collection.files, EARLIER[0], (14, 16)),  # 30/80 = 37,5%
        earlier_return(collection.files, EARLIER[1], (16, 18)),  # 34/80 = 42,5%
    ]
    for year, path in zip(EARLIER, files, strict=True):
        manage.import_returns(collection.store, year, [path])
    return files


def test_an_earlier_year_is_imported_byte_for_byte_and_audited(
    collection: Portal, years: list[Path]
) -> None:
    from gender_plan_cli.portal.models import Audit, Submission

    imported = Submission.objects.filter(via="import").order_by("year")
    assert [(s.year, s.accepted, s.unit_code) for s in imported] == [
        (EARLIER[0], True, ""),
        (EARLIER[1], True, ""),
    ]
    for sub, path in zip(imported, years, strict=True):
        kept = collection.store / sub.stored
        assert kept.read_bytes() == path.read_bytes()
        assert sub.stored.startswith(f"returns/{sub.year}/import/")
        assert kept.stat().st_mode & 0o777 == 0o400
        assert kept.stat().st_mtime == path.stat().st_mtime
    details = list(Audit.objects.filter(event="returns-imported").values_list("detail", flat=True))
    assert details == [f"{s.reference} {s.year} 2 units {s.size} bytes" for s in imported]
    board = officer_client(manager=False).get("/desk/").content.decode()
    assert "đã nhận 2/4, muộn 1, chưa nộp 1, chỉ có bản lỗi 1" in board  # this year's only


def test_an_import_is_refused_whole_for_this_year_another_year_or_an_error(
    collection: Portal,
) -> None:
    from gender_plan_cli.portal import manage
    from gender_plan_cli.portal import store as st
    from gender_plan_cli.portal.models import Submission

    good = earlier_return(collection.files, EARLIER[0], (14, 16))
    for year, files, key in (
        (YEAR, [good], "import.year"),
        (EARLIER[1], [good], "import.other-year"),
    ):
        with pytest.raises(st.ImportRefused) as refused:
            manage.import_returns(collection.store, year, files)
        assert refused.value.key == key
    broken = simple_form(
        collection.files / "loi.xlsx", [unit(report_year=EARLIER[0], staff_female=900)]
    )
    with pytest.raises(st.ImportRefused) as refused:
        manage.import_returns(collection.store, EARLIER[0], [good, broken])
    assert (refused.value.key, refused.value.args_) == ("import.invalid", {"errors": 1})
    assert not Submission.objects.filter(via="import").exists()
    assert not (collection.store / "returns" / str(EARLIER[0])).exists()


def _same_files(collection: Portal, years: list[Path], folder: Path) -> Path:
    """The files the store holds, as a folder `gplan trend` reads: the earlier years and this
    year's accepted returns, with the registry."""
    folder.mkdir()
    for path in years:
        shutil.copy(path, folder)
    for name in ("bao-cao.xlsx", "bql.xlsx"):
        shutil.copy(collection.files / name, folder)
    shutil.copy(collection.store / "units.yaml", folder)
    return folder


def test_gplan_trend_of_a_store_reads_every_year_it_holds(
    collection: Portal, years: list[Path], tmp_path: Path
) -> None:
    store = json.loads(gplan("trend", str(collection.store), "-f", "json"))
    folder = _same_files(collection, years, tmp_path / "files")
    files = json.loads(gplan("trend", str(folder), "-f", "json"))
    assert store["years"] == [*EARLIER, YEAR]
    assert store["data_source"] == {"kind": "paths", "paths": [str(collection.store)]}
    store.pop("data_source"), files.pop("data_source")
    assert store == files
    pool = next(i for i in store["indicators"] if i["id"] == "pool_female")
    assert [p["rate"] for p in pool["points"]] == [0.375, 0.425, 0.45]


def test_the_desk_draws_the_trend_of_gplan_trend(collection: Portal, years: list[Path]) -> None:
    from gender_plan_cli.render.figures import percent
    from gender_plan_cli.render.trend_table import signed

    client = officer_client(manager=False)
    cli = gplan("trend", str(collection.store), "-f", "json")
    assert client.get("/desk/download/trend.json").content == cli
    document = json.loads(cli)
    page = client.get("/desk/figures").content.decode()
    section = page.split('id="trend"')[1]
    for ind in document["indicators"]:
        table = section.split(f'data-trend="{ind["id"]}"')[1].split("</table>")[0]
        rows = re.findall(
            r'<tr data-year="(\d+)">\s*<td>\d+</td>\s*<td class="rate">([^<]+)<', table
        )
        assert rows == [(str(p["report_year"]), percent(p["rate"], "vi")) for p in ind["points"]]
        projection = re.search(r'class="projection".*?<td class="rate">([^<]+)<', table, re.S)
        assert projection is not None
        assert projection.group(1) == percent(ind["projection_2030"], "vi")
        assert f"Xu hướng/năm: {signed(ind['slope_per_year'], 'vi')}" in table
    pool = section.split('data-trend="pool_female"')[1].split("</table>")[0]
    cells = re.findall(r'<td class="rate">([^<]+)</td>', pool)
    # the least squares line through the three years: +3,75 points a year from 41,67% at YEAR-1
    projected = min(1.0, 0.125 / 0.3 + 0.0375 * (2030 - (YEAR - 1)))
    assert cells == ["37,5%", "42,5%", "45,0%", percent(projected, "vi")]
    assert YEAR != 2026 or cells[-1] == "60,4%"
    assert "+5,0 điểm %" in pool and "+2,5 điểm %" in pool
    english = client.get("/desk/figures?lang=en").content.decode().split('id="trend"')[1]
    assert "The trend since 2021" in english and "37.5%" in english


def test_the_desk_says_when_the_store_holds_one_year(collection: Portal) -> None:
    page = officer_client(manager=False).get("/desk/figures").content.decode()
    assert "Kho mới có số liệu của một năm." in page


def test_a_new_year_keeps_the_earlier_ones_on_the_command_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from test_portal_desk import SRC

    samples = Path(SRC).parent / "data" / "samples"
    store = str(tmp_path / "store")
    units = str(samples / "units.yaml")
    gplan("portal", "init", store, "--units", units, "--year", "2024")
    line = gplan("portal", "import", store, "--year", "2023", str(samples / "hanoi-2023.xlsx"))
    assert re.fullmatch(rb"HN2023-\w{8}\thanoi-2023\.xlsx\t45\t\d{4}-\d\d-\d\d\n", line)
    env = {**os.environ, "PYTHONPATH": SRC}
    same_year = [sys.executable, "-m", "gender_plan_cli", "portal", "import", store]
    done = subprocess.run(
        [*same_year, "--year", "2024", str(samples / "hanoi-2024.xlsx")],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 2 and b"(2024)" in done.stderr
    gplan("portal", "init", store, "--units", units, "--year", "2025")  # the next collection
    gplan("portal", "import", store, "--year", "2024", str(samples / "hanoi-2024.xlsx"))
    folder = tmp_path / "files"
    folder.mkdir()
    for name in ("hanoi-2023.xlsx", "hanoi-2024.xlsx", "units.yaml"):
        shutil.copy(samples / name, folder)
    of_store = json.loads(gplan("trend", store, "-f", "json"))
    of_files = json.loads(gplan("trend", str(folder), "-f", "json"))
    assert of_store["years"] == [2023, 2024]
    of_store.pop("data_source"), of_files.pop("data_source")
    assert of_store == of_files


def test_the_report_of_a_store_draws_every_year_it_holds(
    collection: Portal, years: list[Path], tmp_path: Path
) -> None:
    """`gplan report STORE` and the desk's report workbook: this year's figures, and the trend
    sheet with the earlier years imported — the same cells."""
    from test_portal_desk import _cells

    out = tmp_path / "r.xlsx"
    gplan(
        "report",
        str(collection.store),
        "--year",
        "2030",
        "--report-year",
        str(YEAR),
        "-o",
        str(out),
    )
    cells = _cells(out.read_bytes())
    desk = officer_client(manager=False).get(f"/desk/download/report.xlsx?year={YEAR}&target=2030")
    assert _cells(desk.content) == cells
    sheet = cells["Xu hướng"]
    header = next(row for row in sheet if row[0] == "Năm")
    assert header[4] == "Cán bộ nữ trong diện quy hoạch"  # its first column: the actual rate
    actual = [(row[0], row[4]) for row in sheet if row[0] in (*EARLIER, YEAR)]
    assert actual == [(EARLIER[0], 0.375), (EARLIER[1], 0.425), (YEAR, 0.45)]
