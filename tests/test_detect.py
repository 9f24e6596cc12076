"""reading/detect.py: what a file really is, by its bytes; and every hazard refused before a reader."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import pytest

from builders import simple_form, write_csv
from gender_plan_cli.i18n import catalogue, render_message
from gender_plan_cli.reading import zipguard
from gender_plan_cli.reading.detect import detect
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits
from hostile_builders import (
    HAZARDS,
    XlsSheet,
    form_rows,
    ods_content,
    write_ods,
    write_xls,
)
from reading_helpers import guard, problem

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
        assert p.message_id in catalogue()  # its own words, not the generic fallback


def test_every_message_id_raised_has_both_languages() -> None:
    package = Path(zipguard.__file__).parent  # every module of reading/
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(package.glob("*.py")))
    ids = {
        ("unreadable-file." if fn == "unreadable" else "file-too-large.") + mid
        for fn, mid in re.findall(r'\b(unreadable|too_large)\(\s*"([a-z0-9-]+)"', source)
    }
    assert len(ids) > 20
    for mid in ids:
        vi, en = catalogue()[mid]
        assert vi and en and vi != en


def test_limit_messages_name_the_flag(tmp_path: Path) -> None:
    path = simple_form(tmp_path / "ok.xlsx", form_rows(2)[1:])
    p = problem(detect, path, Limits(max_file_mb=0.001))
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
        assert detect(tmp_path / name, DEFAULT_LIMITS).kind == "xlsx", name
    xls = write_xls(tmp_path / "f.xls", [XlsSheet("Biểu 01", form_rows(2))])
    assert detect(xls, DEFAULT_LIMITS).kind == "xls"
    (tmp_path / "g.xlsx").write_bytes(xls.read_bytes())
    assert detect(tmp_path / "g.xlsx", DEFAULT_LIMITS).kind == "xls"
    ods = write_ods(tmp_path / "h.ods", ods_content(form_rows(2)))
    assert detect(ods, DEFAULT_LIMITS).kind == "ods"
    (tmp_path / "i.xlsx").write_bytes(ods.read_bytes())
    assert detect(tmp_path / "i.xlsx", DEFAULT_LIMITS).kind == "ods"
    bare = write_ods(tmp_path / "j.ods", ods_content(form_rows(2)), mimetype=False)
    assert detect(bare, DEFAULT_LIMITS).kind == "ods"
    csv = write_csv(tmp_path / "k.csv", form_rows(2))
    assert detect(csv, DEFAULT_LIMITS).kind == "csv"
    (tmp_path / "l.txt").write_bytes(csv.read_bytes())
    assert detect(tmp_path / "l.txt", DEFAULT_LIMITS).kind == "csv"


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
    p = problem(detect, path, DEFAULT_LIMITS)
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
    p = problem(detect, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["what"]) == ("unreadable-file.save-as-xlsx", what)


def test_xlsb_is_read_and_other_office_zips_are_not(tmp_path: Path) -> None:
    xlsb = tmp_path / "b.xlsx"
    with zipfile.ZipFile(xlsb, "w") as zf:
        zf.writestr("xl/workbook.bin", b"\0")
    assert detect(xlsb, DEFAULT_LIMITS).kind == "xlsb"
    for members, message_id, what in [
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
        p = problem(detect, path, DEFAULT_LIMITS)
        assert (p.message_id, p.args_["what"]) == (message_id, what)


def test_plain_text_named_like_a_workbook(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "data.xls", form_rows(2))
    p = problem(detect, path, DEFAULT_LIMITS)
    assert (p.message_id, p.args_["ext"]) == ("unreadable-file.text-not-csv", ".xls")


def test_binary_junk_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "junk.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    assert problem(detect, path, DEFAULT_LIMITS).message_id == "unreadable-file.not-spreadsheet"


# -- the file itself -----------------------------------------------------------------------------


def test_whitespace_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_bytes(b"\xef\xbb\xbf  \r\n\r\n")
    assert problem(detect, path, DEFAULT_LIMITS).message_id == "unreadable-file.empty"


def test_dangling_symlink(tmp_path: Path) -> None:
    path = tmp_path / "gone.xlsx"
    path.symlink_to(tmp_path / "nowhere.xlsx")
    assert problem(detect, path, DEFAULT_LIMITS).message_id == "unreadable-file.missing"


def test_device_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "zero.csv"
    path.symlink_to("/dev/zero")
    assert problem(detect, path, DEFAULT_LIMITS).message_id == "unreadable-file.not-regular"


def test_detect_reads_only_the_head(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with open(path, "wb") as fh:
        fh.write(b"a,b\r\n")
        fh.truncate(90 * 1024 * 1024)  # sparse: 90 MB that detect must not read
    start = time.perf_counter()
    assert detect(path, DEFAULT_LIMITS).kind == "csv"
    assert time.perf_counter() - start < 0.5


def test_the_encoding_of_a_head_is_told_the_same_with_or_without_zero_bytes() -> None:
    """The early exit (no zero byte: neither UTF-16 nor UTF-32) answers as the full test."""
    from gender_plan_cli.reading.text import is_utf32, utf16_codec

    text = "<?xml version='1.0'?><worksheet>Mã đơn vị</worksheet>" * 40
    assert utf16_codec(text.encode("utf-8")) is None
    assert utf16_codec(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_codec(text.encode("utf-16-be")) == "utf-16-be"
    assert utf16_codec(text.encode("utf-32-le")) is None
    assert is_utf32(text.encode("utf-32-le")) and not is_utf32(text.encode("utf-8"))
