"""reading/sniff.py: what a file really is, and the limits checked before any reader runs."""

from __future__ import annotations

import re
import struct
import time
import warnings
import zipfile
from pathlib import Path

import pytest

from builders import simple_form, to_cp1258, write_csv
from gender_plan_cli.i18n import MESSAGES, render_message
from gender_plan_cli.reading import sniff
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits, ReadProblem
from hostile_builders import (
    EMPTY_SST,
    HAZARDS,
    LAUGHS,
    WORKBOOK,
    XlsSheet,
    cfb_bytes,
    form_rows,
    ods_cell,
    ods_content,
    sheet_xml,
    write_ods,
    write_xls,
    write_xlsx_parts,
    xls_workbook_stream,
)

WIDE = Limits(max_cells=20_000_000)  # room for the measures these tests check


def guard(path: Path, limits: Limits = DEFAULT_LIMITS) -> str:
    """What the loader does before reading: sniff, then the guard of the kind found."""
    kind = sniff.sniff(path, limits)
    if kind in ("xlsx", "ods"):
        sniff.zip_guard(path, limits)
    if kind == "ods":
        sniff.ods_extent(path, limits)
    elif kind == "xls":
        sniff.xls_extent(path, limits)
    elif kind == "csv":
        sniff.check_csv_bytes(path, limits)
    return kind


def problem(fn, *args) -> ReadProblem:  # type: ignore[no-untyped-def]
    with pytest.raises(ReadProblem) as info:
        fn(*args)
    return info.value


# -- every hazard, by its exact code and message id ---------------------------------------------

SNIFF_HAZARDS = [h for h in HAZARDS if h.code is not None and not h.needs_reader]


@pytest.mark.parametrize("hazard", SNIFF_HAZARDS, ids=[h.name for h in SNIFF_HAZARDS])
def test_each_hazard_is_refused_with_its_message(hazard, tmp_path: Path) -> None:
    path = hazard.build(tmp_path)
    p = problem(guard, path)
    assert (p.code, p.message_id) == (hazard.code, hazard.message_id)
    for lang in ("vi", "en"):
        text = render_message(p.message_id, dict(p.args_), lang)
        assert "{" not in text and "}" not in text, text
        assert p.message_id in MESSAGES  # its own words, not the generic fallback


def test_every_message_id_raised_has_both_languages() -> None:
    source = Path(sniff.__file__).read_text(encoding="utf-8")
    ids = {
        ("unreadable-file." if fn == "unreadable" else "file-too-large.") + mid
        for fn, mid in re.findall(r'_(unreadable|too_large)\(\s*"([a-z0-9-]+)"', source)
    }
    assert len(ids) > 20
    for mid in ids:
        vi, en = MESSAGES[mid]
        assert vi and en and vi != en


def test_limit_messages_name_the_flag(tmp_path: Path) -> None:
    path = simple_form(tmp_path / "ok.xlsx", form_rows(2)[1:])
    p = problem(sniff.sniff, path, Limits(max_file_mb=0.001))
    assert (p.code, p.message_id) == ("file-too-large", "file-too-large.size")
    assert p.args_["flag"] == "--max-file-mb" and p.args_["limit"] == 0.001
    assert "--max-file-mb" in render_message(p.message_id, dict(p.args_), "vi")
    assert "--max-file-mb" in render_message(p.message_id, dict(p.args_), "en")


# -- kinds, by the bytes -------------------------------------------------------------------------


def test_kinds_by_content_not_name(tmp_path: Path) -> None:
    xlsx = simple_form(tmp_path / "a.xlsx", form_rows(2)[1:])
    data = xlsx.read_bytes()
    for name in ("b.xlsm", "c.xls", "d.csv", "e.ods"):
        (tmp_path / name).write_bytes(data)
        assert sniff.sniff(tmp_path / name, DEFAULT_LIMITS) == "xlsx", name
    xls = write_xls(tmp_path / "f.xls", [XlsSheet("Biểu 01", form_rows(2))])
    assert sniff.sniff(xls, DEFAULT_LIMITS) == "xls"
    (tmp_path / "g.xlsx").write_bytes(xls.read_bytes())
    assert sniff.sniff(tmp_path / "g.xlsx", DEFAULT_LIMITS) == "xls"
    ods = write_ods(tmp_path / "h.ods", ods_content(form_rows(2)))
    assert sniff.sniff(ods, DEFAULT_LIMITS) == "ods"
    (tmp_path / "i.xlsx").write_bytes(ods.read_bytes())
    assert sniff.sniff(tmp_path / "i.xlsx", DEFAULT_LIMITS) == "ods"
    bare = write_ods(tmp_path / "j.ods", ods_content(form_rows(2)), mimetype=False)
    assert sniff.sniff(bare, DEFAULT_LIMITS) == "ods"
    csv = write_csv(tmp_path / "k.csv", form_rows(2))
    assert sniff.sniff(csv, DEFAULT_LIMITS) == "csv"
    (tmp_path / "l.txt").write_bytes(csv.read_bytes())
    assert sniff.sniff(tmp_path / "l.txt", DEFAULT_LIMITS) == "csv"


def test_valid_files_pass_every_guard(tmp_path: Path) -> None:
    assert guard(simple_form(tmp_path / "a.xlsx", form_rows(3)[1:])) == "xlsx"
    assert guard(write_xls(tmp_path / "b.xls", [XlsSheet("Biểu 01", form_rows(3))])) == "xls"
    assert guard(write_ods(tmp_path / "c.ods", ods_content(form_rows(3)))) == "ods"
    assert guard(write_csv(tmp_path / "d.csv", form_rows(3))) == "csv"


@pytest.mark.parametrize(
    ("head", "what"),
    [
        (b"%PDF-1.4\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG"),
        (b"\xff\xd8\xff\xe1\0\x10Exif", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"\x1f\x8b\x08\x00\0\0\0\0", "GZIP"),
        (b"Rar!\x1a\x07\x00", "RAR"),
        (b"{\\rtf1\\ansi", "RTF"),
    ],
)
@pytest.mark.parametrize("ext", [".xlsx", ".xls", ".ods", ".csv"])
def test_other_formats_renamed(tmp_path: Path, head: bytes, what: str, ext: str) -> None:
    path = tmp_path / f"renamed{ext}"
    path.write_bytes(head + b"\x00\x01\x02" * 50)
    p = problem(sniff.sniff, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["what"], p.args_["ext"]) == (
        "unreadable-file.not-spreadsheet",
        what,
        ext,
    )


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML"),
        (
            '<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
            "Excel 2003 XML",
        ),
    ],
)
def test_web_exports_named_xls_are_asked_to_be_saved_as_xlsx(
    tmp_path: Path, text: str, what: str
) -> None:
    path = tmp_path / "export.xls"
    path.write_text(text, encoding="utf-8")
    p = problem(sniff.sniff, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["what"]) == ("unreadable-file.save-as-xlsx", what)


def test_xlsb_and_other_office_zips(tmp_path: Path) -> None:
    for members, message_id, what in [
        ({"xl/workbook.bin": b"\0"}, "unreadable-file.save-as-xlsx", "Excel Binary (.xlsb)"),
        ({"word/document.xml": "<w/>"}, "unreadable-file.not-spreadsheet", "Word (.docx)"),
        ({"ppt/presentation.xml": "<p/>"}, "unreadable-file.not-spreadsheet", "PowerPoint (.pptx)"),
        ({"photo.jpg": b"\xff\xd8\xff"}, "unreadable-file.not-spreadsheet", "ZIP"),
        (
            {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"},
            "unreadable-file.not-spreadsheet",
            "OpenDocument text",
        ),
    ]:
        path = tmp_path / "x.xlsx"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in members.items():
                zf.writestr(name, data)
        p = problem(sniff.sniff, path, DEFAULT_LIMITS)
        assert (p.message_id, p.args_["what"]) == (message_id, what)


def test_plain_text_named_like_a_workbook(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "data.xls", form_rows(2))
    p = problem(sniff.sniff, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["ext"]) == ("unreadable-file.text-not-csv", ".xls")


def test_binary_junk_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "junk.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    assert (
        problem(sniff.sniff, path, DEFAULT_LIMITS).message_id == "unreadable-file.not-spreadsheet"
    )


# -- the file itself -----------------------------------------------------------------------------


def test_whitespace_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\xef\xbb\xbf  \r\n\r\n")
    assert problem(sniff.sniff, path, DEFAULT_LIMITS).message_id == "unreadable-file.empty"


def test_dangling_symlink(tmp_path: Path) -> None:
    path = tmp_path / "gone.xlsx"
    path.symlink_to(tmp_path / "nowhere.xlsx")
    assert problem(sniff.sniff, path, DEFAULT_LIMITS).message_id == "unreadable-file.missing"


def test_device_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.symlink_to("/dev/zero")
    assert problem(sniff.sniff, path, DEFAULT_LIMITS).message_id == "unreadable-file.not-regular"


def test_sniff_reads_only_the_head(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with open(path, "wb") as fh:
        fh.write(b"a,b\r\n")
        fh.truncate(90 * 1024 * 1024)  # sparse: 90 MB that sniff must not read
    start = time.perf_counter()
    assert sniff.sniff(path, DEFAULT_LIMITS) == "csv"
    assert time.perf_counter() - start < 0.5


# -- zip guard ----------------------------------------------------------------------------------


def test_declared_total_over_the_limit(tmp_path: Path) -> None:
    path = write_xlsx_parts(
        tmp_path / "big.xlsx",
        sheet_xml(form_rows(2)),
        extra_members={"xl/media/blob.bin": bytes(range(256)) * 400},
    )
    p = problem(sniff.zip_guard, path, Limits(max_unzipped_mb=0.05))
    assert p.message_id == "file-too-large.unzipped-total"
    assert p.args_["flag"] == "--max-unzipped-mb"


def test_ratio_refused_only_above_one_mib(tmp_path: Path) -> None:
    small = write_xlsx_parts(
        tmp_path / "small.xlsx",
        sheet_xml(form_rows(2)),
        extra_members={"xl/pad.xml": "<a>" + " " * 900_000 + "</a>"},
    )
    sniff.zip_guard(small, DEFAULT_LIMITS)  # very compressible, but under 1 MiB: fine
    big = write_xlsx_parts(
        tmp_path / "big.xlsx",
        sheet_xml(form_rows(2)),
        extra_members={"xl/pad.xml": "<a>" + " " * 3_000_000 + "</a>"},
    )
    p = problem(sniff.zip_guard, big, DEFAULT_LIMITS)
    assert p.message_id == "file-too-large.ratio"
    assert p.args_["member"] == "xl/pad.xml" and p.args_["flag"] == "--max-ratio"
    sniff.zip_guard(big, Limits(max_ratio=100_000))  # the flag raises it


def test_duplicate_member_names(tmp_path: Path) -> None:
    path = tmp_path / "dup.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("xl/workbook.xml", WORKBOOK)
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml(form_rows(1)))
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml(form_rows(2)))
    p = problem(sniff.zip_guard, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["member"]) == (
        "unreadable-file.zip-duplicate",
        "xl/worksheets/sheet1.xml",
    )


def test_zip_with_encrypted_member(tmp_path: Path) -> None:
    path = write_xlsx_parts(tmp_path / "zipcrypto.xlsx", sheet_xml(form_rows(1)))
    raw = bytearray(path.read_bytes())
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = raw.find(sig)
        while pos >= 0:
            raw[pos + flag_at] |= 1
            pos = raw.find(sig, pos + 4)
    path.write_bytes(bytes(raw))
    assert problem(sniff.zip_guard, path, DEFAULT_LIMITS).message_id == "unreadable-file.encrypted"


def test_unusual_compression_method(tmp_path: Path) -> None:
    path = tmp_path / "bz.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("xl/workbook.xml", WORKBOOK)
    assert problem(sniff.zip_guard, path, DEFAULT_LIMITS).message_id == "unreadable-file.zip-method"


def test_corrupt_deflate_stream(tmp_path: Path) -> None:
    path = write_xlsx_parts(tmp_path / "bad.xlsx", sheet_xml(form_rows(3)))
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 25):
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))
    p = problem(sniff.zip_guard, path, DEFAULT_LIMITS)
    assert p.message_id == "unreadable-file.corrupt-zip"


@pytest.mark.parametrize("cut", [10, 100, 0.5, 0.9, -10])
def test_truncated_zips(tmp_path: Path, cut: float) -> None:
    data = simple_form(tmp_path / "src.xlsx", form_rows(3)[1:]).read_bytes()
    n = int(len(data) * cut) if isinstance(cut, float) else cut
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[:n])
    p = problem(guard, path)
    assert p.code == "unreadable-file"
    assert p.message_id in ("unreadable-file.truncated-zip", "unreadable-file.corrupt-zip")


@pytest.mark.parametrize(
    "xml",
    [
        LAUGHS + "<sst/>",
        '<?xml version="1.0"?><!DOCTYPE sst SYSTEM "http://evil.example/x.dtd"><sst/>',
        '<?xml version="1.0"?>\n<!-- hi --><?pi x?>\n<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>',
        "\ufeff" + LAUGHS + "<sst/>",
    ],
)
def test_dtd_in_any_xml_member(tmp_path: Path, xml: str) -> None:
    for encoding in ("utf-8", "utf-16"):
        path = write_xlsx_parts(
            tmp_path / "dtd.xlsx", sheet_xml(form_rows(1)), shared_strings=xml.encode(encoding)
        )  # type: ignore[arg-type]
        p = problem(sniff.zip_guard, path, DEFAULT_LIMITS)
        assert (p.message_id, p.args_["member"]) == (
            "unreadable-file.xml-entities",
            "xl/sharedStrings.xml",
        ), encoding


def test_dtd_in_a_member_not_named_xml(tmp_path: Path) -> None:
    path = write_xlsx_parts(
        tmp_path / "odd.xlsx",
        sheet_xml(form_rows(1)),
        extra_members={"xl/worksheets/sheet2.dat": LAUGHS + "<worksheet/>"},
    )
    assert (
        problem(sniff.zip_guard, path, DEFAULT_LIMITS).message_id == "unreadable-file.xml-entities"
    )


def test_prolog_checks() -> None:
    ok = [
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet/>',
        b"<!-- a comment --><worksheet/>",
        b"<a>&lt;!ENTITY written as text&gt;</a>",
        b"\x89PNG\r\n\x1a\n<!DOCTYPE",  # not XML: an image is not parsed as XML
        b"",
    ]
    for head in ok:
        sniff.check_xml_prolog(head, "m")
    long_comment = b"<?xml version='1.0'?><!--" + b"x" * sniff.XML_PROLOG_BYTES
    p = problem(sniff.check_xml_prolog, long_comment[: sniff.XML_PROLOG_BYTES], "m")
    assert p.message_id == "unreadable-file.xml-prolog"


def test_read_member_is_bounded(tmp_path: Path) -> None:
    path = write_xlsx_parts(tmp_path / "m.xlsx", sheet_xml(form_rows(2)))
    with zipfile.ZipFile(path) as zf:
        assert sniff.read_member(zf, "xl/workbook.xml", 1 << 20).startswith(b"<?xml")
        p = problem(sniff.read_member, zf, "xl/worksheets/sheet1.xml", 100)
        assert (p.code, p.message_id) == ("file-too-large", "file-too-large.unzipped")
        assert p.args_["member"] == "xl/worksheets/sheet1.xml"
        p = problem(sniff.read_member, zf, "xl/nothing.xml", 100)
        assert p.message_id == "unreadable-file.corrupt-zip"


def test_empty_shared_strings_is_fine(tmp_path: Path) -> None:
    path = write_xlsx_parts(tmp_path / "e.xlsx", sheet_xml(form_rows(1)), shared_strings=EMPTY_SST)
    sniff.zip_guard(path, DEFAULT_LIMITS)


# -- ODS extent ---------------------------------------------------------------------------------


def _ods(tmp_path: Path, extra_rows: str, rows: list | None = None) -> Path:  # type: ignore[type-arg]
    return write_ods(tmp_path / "t.ods", ods_content(rows or form_rows(2), extra_rows=extra_rows))


def test_ods_trailing_empty_repeats_do_not_count(tmp_path: Path) -> None:
    extra = (
        '<table:table-row table:number-rows-repeated="1048573">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    rows = [list(r) + [None] for r in form_rows(2)]
    rows[0][-1] = None
    assert sniff.ods_extent(_ods(tmp_path, extra, rows), DEFAULT_LIMITS) == {"Biểu 01": (3, 20)}


def test_ods_repeated_value_counts_in_full(tmp_path: Path) -> None:
    extra = (
        '<table:table-row table:number-rows-repeated="2000">'
        + ods_cell(7, 3000)
        + "</table:table-row>"
    )
    path = _ods(tmp_path, extra)
    assert sniff.ods_extent(path, WIDE) == {"Biểu 01": (2003, 3000)}
    p = problem(sniff.ods_extent, path, Limits(max_cells=5_000_000))
    assert (p.code, p.message_id) == ("file-too-large", "file-too-large.cells")
    assert p.args_ == {
        "sheet": "Biểu 01",
        "extent": "A1:DKJ2003",
        "cells": 6_009_000,
        "limit": 5_000_000,
        "flag": "--max-cells",
    }


def test_ods_value_after_a_gap_of_empty_rows(tmp_path: Path) -> None:
    extra = (
        '<table:table-row table:number-rows-repeated="99997"><table:table-cell/></table:table-row>'
        "<table:table-row>" + ods_cell(None, 49) + ods_cell("x") + "</table:table-row>"
    )
    assert sniff.ods_extent(_ods(tmp_path, extra), WIDE) == {"Biểu 01": (100_001, 50)}
    p = problem(sniff.ods_extent, _ods(tmp_path, extra), Limits(max_cells=1_000_000))
    assert p.args_["extent"] == "A1:AX100001"


def test_ods_cells_without_value_type(tmp_path: Path) -> None:
    calc = (
        '<table:table-row><table:table-cell table:number-columns-repeated="99"/>'
        '<table:table-cell xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
        'calcext:value-type="string"/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="199"/>'
        "<table:table-cell><text:p>bare text</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell table:number-columns-repeated="299"/>'
        "<table:table-cell><office:annotation><text:p>note</text:p></office:annotation>"
        "</table:table-cell></table:table-row>"
    )
    assert sniff.ods_extent(_ods(tmp_path, calc), DEFAULT_LIMITS) == {"Biểu 01": (5, 200)}


def test_ods_several_tables_and_row_groups(tmp_path: Path) -> None:
    content = ods_content(form_rows(1)).replace(
        "</office:spreadsheet>",
        '<table:table table:name="Danh mục"><table:table-row-group>'
        '<table:table-row table:number-rows-repeated="4">'
        + ods_cell("a", 2)
        + "</table:table-row></table:table-row-group></table:table></office:spreadsheet>",
    )
    path = write_ods(tmp_path / "two.ods", content)
    assert sniff.ods_extent(path, DEFAULT_LIMITS) == {"Biểu 01": (2, 20), "Danh mục": (4, 2)}


def test_ods_entities_refused(tmp_path: Path) -> None:
    content = LAUGHS + ods_content(form_rows(1)).split("\n", 1)[1]
    path = write_ods(tmp_path / "lol.ods", content)
    assert problem(guard, path).message_id == "unreadable-file.xml-entities"
    # ods_extent refuses it on its own too (defusedxml), should it ever run first
    assert (
        problem(sniff.ods_extent, path, DEFAULT_LIMITS).message_id == "unreadable-file.xml-entities"
    )


def test_ods_malformed_content(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "bad.ods", "<office:document-content><unclosed>")
    assert (
        problem(sniff.ods_extent, path, DEFAULT_LIMITS).message_id == "unreadable-file.corrupt-zip"
    )


# -- XLS (CFB + BIFF8) --------------------------------------------------------------------------


def test_xls_extent_from_cells_and_dimensions(tmp_path: Path) -> None:
    ok = write_xls(
        tmp_path / "ok.xls", [XlsSheet("Biểu 01", form_rows(2)), XlsSheet("Ghi chú", [["x"]])]
    )
    assert sniff.xls_extent(ok, DEFAULT_LIMITS) == {"Biểu 01": (3, 20), "Ghi chú": (1, 1)}
    stray = write_xls(
        tmp_path / "stray.xls", [XlsSheet("Biểu 01", form_rows(2), extra=[(65535, 255, 1.0)])]
    )
    assert sniff.xls_extent(stray, WIDE) == {"Biểu 01": (65536, 256)}
    p = problem(sniff.xls_extent, stray, Limits(max_cells=1_000_000))
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
    assert sniff.xls_extent(lying, DEFAULT_LIMITS) == {"Biểu 01": (3, 20)}


def test_xls_in_the_mini_stream(tmp_path: Path) -> None:
    stream = xls_workbook_stream([XlsSheet("S", [["a", 1]])]).rstrip(b"\0")
    assert len(stream) < 4096
    path = tmp_path / "tiny.xls"
    path.write_bytes(cfb_bytes({"Workbook": stream}))
    assert sniff.sniff(path, DEFAULT_LIMITS) == "xls"
    assert sniff.xls_extent(path, DEFAULT_LIMITS) == {"S": (1, 2)}


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
        p = problem(sniff.sniff, path, DEFAULT_LIMITS)
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
    assert sniff.sniff(path, DEFAULT_LIMITS) == "csv"
    sniff.check_csv_bytes(path, DEFAULT_LIMITS)


def test_utf16_with_a_nul_character(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_bytes("a,b\r\nc,\x00d\r\n".encode("utf-16"))
    p = problem(sniff.check_csv_bytes, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["line"]) == ("unreadable-file.csv-nul", 2)


def test_nul_line_number(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_bytes(b"a,b\nc,d\ne,\x00\n")
    p = problem(sniff.check_csv_bytes, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["line"]) == ("unreadable-file.csv-nul", 3)


def test_long_line_is_measured_while_streaming(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes(b"a,b\r\nc,d\r\n" + b"x" * 3000 + b"\r\nshort\r\n")
    p = problem(sniff.check_csv_bytes, path, Limits(max_line_kb=2))
    assert (p.code, p.message_id) == ("file-too-large", "file-too-large.line")
    assert p.args_["line"] == 3 and p.args_["flag"] == "--max-line-kb"
    sniff.check_csv_bytes(path, Limits(max_line_kb=4))


def test_long_line_across_chunks_and_utf16(tmp_path: Path) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes(("a,b\n" + "y" * (sniff.CHUNK + 10) + "\n").encode("utf-16"))
    p = problem(sniff.check_csv_bytes, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["line"]) == ("file-too-large.line", 2)


def test_old_mac_line_endings_are_lines(tmp_path: Path) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes(b"\r".join([b"a,b,c" * 100] * 2000))  # 1 MB, no LF at all
    sniff.check_csv_bytes(path, DEFAULT_LIMITS)


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
    assert problem(sniff.check_csv_bytes, path, DEFAULT_LIMITS).message_id == message_id


def test_vietnamese_cp1258_with_typographic_quotes_is_accepted(tmp_path: Path) -> None:
    text = "Mã đơn vị;Tên cơ quan, đơn vị;Ghi chú\r\n" + "".join(
        f"X{i};Ủy ban nhân dân phường Điện Biên {i};“đã rà soát” – đủ\r\n" for i in range(50)
    )
    path = tmp_path / "vn.csv"
    path.write_bytes(to_cp1258(text))
    sniff.check_csv_bytes(path, DEFAULT_LIMITS)


# -- OOXML sheet extent (what calamine would allocate) -------------------------------------------

# Expected extents measured with calamine 0.9 itself, in a subprocess, on the same XML.
EXTENT_CASES = {
    "explicit": ('<row r="1000"><c r="XFD1000"><v>1</v></c></row>', (1000, 16384)),
    "single_quotes": ("<row r='1000'><c r='XFD1000'><v>1</v></c></row>", (1000, 16384)),
    "spaces_around_equals": ('<row r = "1000"><c r = "XFD1000"><v>1</v></c></row>', (1000, 16384)),
    "tab_before_r": ('<row\tr="1000"><c\tr="XFD1000"><v>1</v></c></row>', (1000, 16384)),
    "lowercase": ('<row r="1000"><c r="xfd1000"><v>1</v></c></row>', (1000, 16384)),
    "prefixed": (
        '<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="1000">'
        '<x:c r="XFD1000"><x:v>1</x:v></x:c></x:row>',
        (1000, 16384),
    ),
    "implicit_after_ref": ('<row r="5"><c r="XFC5"><v>1</v></c><c><v>2</v></c></row>', (5, 16384)),
    "implicit_row": ('<row><c r="XFD3"><v>1</v></c></row>', (3, 16384)),
    "cell_row_wins": ('<row><c r="B1000"><v>1</v></c></row>', (1000, 2)),
    "quoted_gt": ('<row r="7"><c x=">" r="XFD7"><v>1</v></c></row>', (7, 16384)),
    "not_cells": ('<cols><col min="1" max="16384"/></cols><rowBreaks count="1"/>', (1, 1)),
}


@pytest.mark.parametrize("case", list(EXTENT_CASES), ids=list(EXTENT_CASES))
def test_xlsx_sheet_extent_mirrors_calamine(tmp_path: Path, case: str) -> None:
    extra, expected = EXTENT_CASES[case]
    path = write_xlsx_parts(tmp_path / "s.xlsx", sheet_xml([["a"]], extra=extra))
    with zipfile.ZipFile(path) as zf:
        assert sniff.xlsx_sheet_extent(zf, "xl/worksheets/sheet1.xml", WIDE) == expected


def test_xlsx_sheet_extent_refuses_and_names_the_sheet(tmp_path: Path) -> None:
    extra = "<row>" + "<c><v>1</v></c>" * 16384 + '</row><row r="500000"><c><v>1</v></c></row>'
    path = write_xlsx_parts(tmp_path / "s.xlsx", sheet_xml(form_rows(1), extra=extra))
    with zipfile.ZipFile(path) as zf:
        p = problem(
            sniff.xlsx_sheet_extent, zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS, "Biểu 01"
        )
    assert (p.code, p.message_id) == ("file-too-large", "file-too-large.cells")
    assert p.args_["sheet"] == "Biểu 01" and p.args_["extent"] == "A1:XFD500000"


def test_xlsx_sheet_extent_across_chunks(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{"z" * 200}</t></is></c></row>'
        for i in range(2, 12000)
    )
    extra = rows + '<row r="12000"><c s="1"   r="BZ12000"><v>1</v></c></row>'
    path = write_xlsx_parts(tmp_path / "s.xlsx", sheet_xml([["a"]], extra=extra))
    assert len(sheet_xml([["a"]], extra=extra)) > 2 * sniff.CHUNK
    with zipfile.ZipFile(path) as zf:
        assert sniff.xlsx_sheet_extent(zf, "xl/worksheets/sheet1.xml", DEFAULT_LIMITS) == (
            12000,
            78,
        )
