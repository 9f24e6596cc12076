"""reading/csv.py: bytes, lines and encoding of a CSV checked, and the codec decided once."""

from __future__ import annotations

from pathlib import Path

import pytest

from builders import to_cp1258
from gender_plan_cli.reading import csv as csv_format
from gender_plan_cli.reading import open_book
from gender_plan_cli.reading.detect import Detected, detect
from gender_plan_cli.reading.limits import CHUNK, DEFAULT_LIMITS, Limits
from hostile_builders import form_rows
from reading_helpers import problem


def check_csv(path: Path, limits: Limits) -> str:
    """The CSV's byte checks, as the loader runs them: after detect, with what it decided."""
    return csv_format.check_bytes(path, limits, detect(path, limits))


# -- CSV bytes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: t.encode("utf-8-sig"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        lambda t: t.encode("utf-16-be"),
        lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
        to_cp1258,
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16le", "utf16be", "utf16be-bom", "cp1258"],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_accepted_csv_encodings(tmp_path: Path, encode, delimiter: str) -> None:  # type: ignore[no-untyped-def]
    rows = form_rows(5)
    text = "\r\n".join(delimiter.join("" if v is None else str(v) for v in r) for r in rows)
    path = tmp_path / "ok.csv"
    path.write_bytes(encode(text))
    assert detect(path, DEFAULT_LIMITS).kind == "csv"
    check_csv(path, DEFAULT_LIMITS)


def test_utf16_with_a_nul_character(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_bytes("a,b\r\nc,\x00d\r\n".encode("utf-16"))
    p = problem(check_csv, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["line"]) == ("unreadable-file.csv-nul", 2)


def test_nul_line_number(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_bytes(b"a,b\nc,d\ne,\x00\n")
    p = problem(check_csv, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["line"]) == ("unreadable-file.csv-nul", 3)


def test_long_line_is_measured_while_streaming(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes(b"a,b\r\nc,d\r\n" + b"x" * 3000 + b"\r\nshort\r\n")
    p = problem(check_csv, path, Limits(max_line_kb=2))
    assert (p.code, p.message_id) == ("file-too-large", "file-too-large.line")
    assert p.args_["line"] == 3 and p.args_["flag"] == "--max-line-kb"
    check_csv(path, Limits(max_line_kb=4))


def test_long_line_across_chunks_and_utf16(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes(("a,b\n" + "y" * (CHUNK + 10) + "\n").encode("utf-16"))
    p = problem(check_csv, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["line"]) == ("file-too-large.line", 2)


def test_old_mac_line_endings_are_lines(tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes(b"\r".join([b"a,b,c" * 100] * 2000))  # 1 MB, no LF at all
    check_csv(path, DEFAULT_LIMITS)


@pytest.mark.parametrize(
    ("data", "message_id"),
    [
        (
            "部署,職員数\r\n総務部,10\r\n人事部,12\r\n".encode("shift_jis"),
            "unreadable-file.csv-encoding",
        ),
        (
            "单位,人数\r\n办公室,10\r\n人事处,12\r\n".encode("gb18030"),
            "unreadable-file.csv-encoding",
        ),
        (b"a,b\r\n\x81\x8d,1\r\n", "unreadable-file.csv-encoding"),
        (b"a,b\r\nc\x01\x02\x03,d\r\n\xff\xfe", "unreadable-file.csv-encoding"),
        ("a,b\r\n".encode("utf-32"), "unreadable-file.csv-utf32"),
        ("a,b,c,d\r\n1,2,3,4\r\n".encode("utf-32-le"), "unreadable-file.csv-utf32"),
        ("a,b,c,d\r\n1,2,3,4\r\n".encode("utf-32-be"), "unreadable-file.csv-utf32"),
        (b"\xff\xfe" + b"\x00\xd8a\x00", "unreadable-file.csv-encoding"),  # lone surrogate
    ],
    ids=[
        "shift-jis",
        "gb18030",
        "cp1258-undefined",
        "controls",
        "utf32-bom",
        "utf32le",
        "utf32be",
        "bad-utf16",
    ],
)
def test_unaccepted_encodings(tmp_path: Path, data: bytes, message_id: str) -> None:
    path = tmp_path / "e.csv"
    path.write_bytes(data)
    assert problem(check_csv, path, DEFAULT_LIMITS).message_id == message_id


def test_vietnamese_cp1258_with_typographic_quotes_is_accepted(tmp_path: Path) -> None:
    text = "Mã đơn vị;Tên cơ quan, đơn vị;Ghi chú\r\n" + "".join(
        f"X{i};Ủy ban nhân dân phường Điện Biên {i};“đã rà soát” – đủ\r\n" for i in range(50)
    )
    path = tmp_path / "vn.csv"
    path.write_bytes(to_cp1258(text))
    check_csv(path, DEFAULT_LIMITS)


def test_bomless_utf16_is_decided_once_and_read_in_that_codec(tmp_path: Path) -> None:
    # Vietnamese letters above U+00FF (Đ, ỗ, ủ…) have no zero byte in UTF-16: this text has
    # ~22 % zero bytes, above detect's threshold (30 % of byte pairs = 15 % of bytes) and below
    # the 25 % a second guess in the reader once required, which then read it as Windows-1258.
    syllables = "Đỗ Để Đồ Đủ Ở Đổ Đố Đờ Ữ Ự Ừ Đức".split()
    n = len(syllables)
    rows = [["Đơn vị", "Ghi chú"]] + [
        [
            f"{syllables[i % n]} {syllables[(i + 5) % n]}",
            " ".join(syllables[(i + k) % n] for k in (7, 2, 3)),
        ]
        for i in range(60)
    ]
    data = ("\r\n".join(";".join(r) for r in rows) + "\r\n").encode("utf-16-le")
    assert 0.15 <= data.count(0) / len(data) < 0.25
    path = tmp_path / "utf16_no_bom.csv"
    path.write_bytes(data)
    found = detect(path, DEFAULT_LIMITS)
    assert found == Detected("csv", "utf-16-le")
    assert csv_format.check_bytes(path, DEFAULT_LIMITS, found) == "utf-16-le"
    book = open_book(path, DEFAULT_LIMITS)
    assert isinstance(book, csv_format.CsvBook)
    assert (book.encoding, book.delimiter) == ("utf-16-le", ";")
    assert book.grid(book.sheets[0]).rows == rows


def test_utf8_bom_before_text_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + to_cp1258("Mã;Tên\r\nX1;Ủy ban nhân dân\r\n"))
    assert problem(check_csv, path, DEFAULT_LIMITS).message_id == "unreadable-file.csv-encoding"
