"""reading/xls.py: the OLE container, password detection and the BIFF extent of an .xls."""

from __future__ import annotations

import struct
import time
import tracemalloc
from pathlib import Path

from gender_plan_cli.intake.load import read_file
from gender_plan_cli.reading import xls
from gender_plan_cli.reading.detect import detect
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits, ReadProblem
from hostile_builders import (
    XlsSheet,
    cfb_bytes,
    form_rows,
    write_xls,
    xls_workbook_stream,
)
from reading_helpers import WIDE, guard, problem

# -- XLS (CFB + BIFF8) --------------------------------------------------------------------------


def test_xls_extent_from_cells_and_dimensions(tmp_path: Path) -> None:
    ok = write_xls(
        tmp_path / "ok.xls", [XlsSheet("Biểu 01", form_rows(2)), XlsSheet("Ghi chú", [["x"]])]
    )
    assert xls.xls_extent(ok, DEFAULT_LIMITS) == {"Biểu 01": (3, 20), "Ghi chú": (1, 1)}
    stray = write_xls(
        tmp_path / "stray.xls", [XlsSheet("Biểu 01", form_rows(2), extra=[(65535, 255, 1.0)])]
    )
    assert xls.xls_extent(stray, WIDE) == {"Biểu 01": (65536, 256)}
    p = problem(xls.xls_extent, stray, Limits(max_cells=1_000_000))
    assert p.args_ == {
        "sheet": "Biểu 01",
        "extent": "A1:IV65536",
        "cells": 16_777_216,
        "limit": 1_000_000,
        "flag": "--max-cells",
    }
    lying = write_xls(
        tmp_path / "lying.xls", [XlsSheet("Biểu 01", form_rows(2), dimensions=(3, 2))]
    )
    assert xls.xls_extent(lying, DEFAULT_LIMITS) == {"Biểu 01": (3, 20)}


def test_a_first_row_or_column_past_the_last_is_refused_before_calamine(tmp_path: Path) -> None:
    """calamine reserves (last − first) rows × columns of a DIMENSIONS record, wrapping in 32
    bits: a first row past the last asked 3.4 TB and aborted the process (found by fuzzing). The
    extent guard measures the record as calamine reserves it; a first row within the sheet is
    read as before."""
    for first, (rows, cols) in [
        ((0x00D30000, 0), (2**32 - 0x00D30000 + 3, 20)),
        ((0, 30), (3, 2**32 - 10)),
    ]:
        path = write_xls(
            tmp_path / "wrap.xls", [XlsSheet("Biểu 01", form_rows(2), dimensions_from=first)]
        )
        p = problem(xls.xls_extent, path, DEFAULT_LIMITS)
        assert (p.message_id, p.args_["cells"]) == ("file-too-large.cells", rows * cols)
        (finding,) = read_file(path).findings  # in this process: calamine never opens it
        assert finding.message_id == "file-too-large.cells"
    inside = write_xls(
        tmp_path / "inside.xls", [XlsSheet("Biểu 01", form_rows(2), dimensions_from=(1, 1))]
    )
    assert xls.xls_extent(inside, DEFAULT_LIMITS) == {"Biểu 01": (3, 20)}


def test_xls_in_the_mini_stream(tmp_path: Path) -> None:
    stream = xls_workbook_stream([XlsSheet("S", [["a", 1]])]).rstrip(b"\0")
    assert len(stream) < 4096
    path = tmp_path / "tiny.xls"
    path.write_bytes(cfb_bytes({"Workbook": stream}))
    assert detect(path, DEFAULT_LIMITS).kind == "xls"
    assert xls.xls_extent(path, DEFAULT_LIMITS) == {"S": (1, 2)}


def test_cfb_kinds(tmp_path: Path) -> None:
    cases = [
        ({"EncryptedPackage": b"\1" * 5000}, "unreadable-file.encrypted", None),
        ({"EncryptionInfo": b"\4\0\4\0"}, "unreadable-file.encrypted", None),
        ({"WordDocument": b"\0" * 5000}, "unreadable-file.not-spreadsheet", "Word (.doc)"),
        (
            {"PowerPoint Document": b"\0" * 10},
            "unreadable-file.not-spreadsheet",
            "PowerPoint (.ppt)",
        ),
        ({"Other": b"\0"}, "unreadable-file.not-spreadsheet", "OLE"),
    ]
    for streams, message_id, what in cases:
        path = tmp_path / "x.xls"
        path.write_bytes(cfb_bytes(streams))
        p = problem(detect, path, DEFAULT_LIMITS)
        assert p.message_id == message_id
        assert p.args_.get("what") == what


def test_broken_cfb_never_hangs(tmp_path: Path) -> None:
    good = cfb_bytes({"Workbook": xls_workbook_stream([XlsSheet("S", form_rows(2))])})
    variants = {
        "header_only": good[:512],
        "cut": good[: len(good) // 2],
        "bad_shift": good[:30] + struct.pack("<H", 20) + good[32:],
    }
    loop = bytearray(good)  # FAT entry 1 (the directory) pointing at itself
    struct.pack_into("<I", loop, 512 + 4, 1)
    variants["fat_cycle"] = bytes(loop)
    for name, data in variants.items():
        path = tmp_path / f"{name}.xls"
        path.write_bytes(data)
        start = time.perf_counter()
        p = problem(guard, path)
        assert p.code == "unreadable-file", name
        assert time.perf_counter() - start < 2


def test_ole_stream_declared_2gb_on_a_looping_chain_stays_bounded(tmp_path: Path) -> None:
    # olefile 0.47 reads this 40 KB file as a 2 GB stream (19 s, 4.6 GB peak RSS): the reason
    # the container is parsed here (README.md, Dependencies). Reads stop at the file's own size.
    extra = [(r, c, float(r)) for r in range(30, 600) for c in range(3)]
    data = bytearray(cfb_bytes({"Workbook": xls_workbook_stream([XlsSheet("S", extra=extra)])}))
    entry = data.find("Workbook".encode("utf-16-le"))
    (start,) = struct.unpack_from("<I", data, entry + 116)
    struct.pack_into("<I", data, entry + 120, 0x7FFFFFF0)  # declared size: 2 GB
    struct.pack_into("<I", data, 512 + 4 * (start + 3), start)  # 4th sector loops to the 1st
    path = tmp_path / "loop.xls"
    path.write_bytes(bytes(data))
    tracemalloc.start()
    started = time.perf_counter()
    try:
        guard(path)
    except ReadProblem as exc:
        assert exc.code in ("unreadable-file", "file-too-large")
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert time.perf_counter() - started < 2
    assert peak < 16 * 1024 * 1024
