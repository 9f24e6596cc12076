"""Property: whatever bytes a submission holds, load_paths returns a LoadResult and never raises.

Valid workbooks and CSVs are built once, then mutated byte-wise (flips,
truncation, insertions): the raw file, and — so the readers behind the zip
and OLE containers are reached too — the XML inside an intact zip and the
BIFF stream inside an intact compound file. A mutation that made the process
abort (a python-calamine allocation the guards let through) would kill the
test run: that is a real bug to report, not a flaky test.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builders import simple_form, to_cp1258, write_xlsb
from conftest import IN_CI
from gender_plan_cli.intake.load import load_paths
from gender_plan_cli.records import FileResult, LoadResult
from hostile_builders import (
    XlsSheet,
    cfb_bytes,
    form_rows,
    ods_content,
    sheet_xml,
    write_ods,
    write_xlsx_parts,
    xls_workbook_stream,
)

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    derandomize=IN_CI,  # CI replays the same examples; local runs explore
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAX_INSERT = 64


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """One small valid file of each kind, and the parts inside the containers."""
    d = tmp_path_factory.mktemp("seeds")
    rows = form_rows(3)
    text = "\r\n".join(",".join("" if v is None else str(v) for v in r) for r in rows) + "\r\n"
    return {
        "xlsx": simple_form(d / "a.xlsx", rows[1:]).read_bytes(),
        "parts_xlsx": write_xlsx_parts(d / "b.xlsx", sheet_xml(rows)).read_bytes(),
        "ods": write_ods(d / "c.ods", ods_content(rows)).read_bytes(),
        "biff": xls_workbook_stream([XlsSheet("Biểu 01", rows)]),
        "xlsb": write_xlsb(d / "e.xlsb", rows).read_bytes(),
        "csv_utf8": text.encode("utf-8-sig"),
        "csv_utf16": text.replace(",", "\t").encode("utf-16"),
        "csv_cp1258": to_cp1258(text.replace(",", ";")),
    }


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(min_value=0), st.integers(1, 255)),
    st.tuples(st.just("cut"), st.integers(min_value=0), st.just(0)),
    st.tuples(
        st.just("insert"), st.integers(min_value=0), st.binary(min_size=1, max_size=MAX_INSERT)
    ),
    st.tuples(
        st.just("digits"),
        st.integers(min_value=0),
        st.sampled_from([b"9999999", b"16384", b"0", b"-1"]),
    ),
)
mutations = st.lists(mutation, min_size=1, max_size=6)


def mutate(data: bytes, ops: list[tuple[str, int, object]]) -> bytes:
    buf = bytearray(data)
    for op, where, arg in ops:
        if not buf:
            break
        i = where % len(buf)
        if op == "flip":
            buf[i] ^= int(arg)  # type: ignore[call-overload]
        elif op == "cut":
            del buf[i:]
        else:
            buf[i:i] = arg  # type: ignore[index]
    return bytes(buf)


def rezip(data: bytes, member: str, ops: list[tuple[str, int, object]]) -> bytes:
    """The same zip with one member's bytes mutated and the container left valid."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == member:
                body = mutate(body, ops)
            dst.writestr(info, body, compress_type=info.compress_type)
    return out.getvalue()


def check(path: Path, data: bytes) -> LoadResult:
    path.write_bytes(data)
    result = load_paths([path])
    assert isinstance(result, LoadResult)
    assert len(result.files) == 1
    fr = result.files[0]
    assert isinstance(fr, FileResult)
    assert fr.records or fr.findings or fr.units == 0
    return result


@SETTINGS
@given(ops=mutations, name=st.sampled_from(["x.xlsx", "x.xls", "x.csv"]))
def test_mutated_xlsx_bytes(seeds: dict[str, bytes], work: Path, ops, name: str) -> None:  # type: ignore[no-untyped-def]
    check(work / name, mutate(seeds["xlsx"], ops))


@SETTINGS
@given(
    ops=mutations,
    member=st.sampled_from(
        [
            "xl/worksheets/sheet1.xml",
            "xl/workbook.xml",
            "xl/sharedStrings.xml",
            "xl/_rels/workbook.xml.rels",
            "[Content_Types].xml",
        ]
    ),
)
def test_mutated_xml_inside_a_valid_zip(
    seeds: dict[str, bytes], work: Path, ops, member: str
) -> None:  # type: ignore[no-untyped-def]
    check(work / "inner.xlsx", rezip(seeds["parts_xlsx"], member, ops))


@SETTINGS
@given(ops=mutations, inner=st.booleans())
def test_mutated_ods(seeds: dict[str, bytes], work: Path, ops, inner: bool) -> None:  # type: ignore[no-untyped-def]
    data = rezip(seeds["ods"], "content.xml", ops) if inner else mutate(seeds["ods"], ops)
    check(work / "x.ods", data)


@SETTINGS
@given(ops=mutations, inner=st.booleans())
def test_mutated_xls(seeds: dict[str, bytes], work: Path, ops, inner: bool) -> None:  # type: ignore[no-untyped-def]
    whole = cfb_bytes({"Workbook": seeds["biff"]})
    data = cfb_bytes({"Workbook": mutate(seeds["biff"], ops)}) if inner else mutate(whole, ops)
    check(work / "x.xls", data)


@SETTINGS
@given(ops=mutations, inner=st.booleans())
def test_mutated_xlsb(seeds: dict[str, bytes], work: Path, ops, inner: bool) -> None:  # type: ignore[no-untyped-def]
    sheet = "xl/worksheets/sheet1.bin"
    data = rezip(seeds["xlsb"], sheet, ops) if inner else mutate(seeds["xlsb"], ops)
    check(work / "x.xlsb", data)


@SETTINGS
@given(ops=mutations, seed=st.sampled_from(["csv_utf8", "csv_utf16", "csv_cp1258"]))
def test_mutated_csv(seeds: dict[str, bytes], work: Path, ops, seed: str) -> None:  # type: ignore[no-untyped-def]
    check(work / "x.csv", mutate(seeds[seed], ops))


@SETTINGS
@given(data=st.binary(max_size=4096), name=st.sampled_from(["r.xlsx", "r.xls", "r.ods", "r.csv"]))
def test_random_bytes(work: Path, data: bytes, name: str) -> None:
    check(work / name, data)
