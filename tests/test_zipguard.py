"""reading/zipguard.py: sizes, ratio, CRC, members and XML prologs of every zip (.xlsx, .ods)."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from builders import simple_form, unit
from gender_plan_cli.reading import zipguard
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits
from hostile_builders import (
    EMPTY_SST,
    LAUGHS,
    WORKBOOK,
    form_rows,
    patch_declared_size,
    sheet_xml,
    write_xlsx_parts,
)
from reading_helpers import guard, problem

# -- zip guard ----------------------------------------------------------------------------------


def test_declared_total_over_the_limit(tmp_path: Path) -> None:
    path = write_xlsx_parts(
        tmp_path / "big.xlsx",
        sheet_xml(form_rows(2)),
        extra_members={"xl/media/blob.bin": bytes(range(256)) * 400},
    )
    p = problem(zipguard.zip_guard, path, Limits(max_unzipped_mb=0.05))
    assert p.message_id == "file-too-large.unzipped-total"
    assert p.args_["flag"] == "--max-unzipped-mb"


def test_ratio_refused_only_above_one_mib(tmp_path: Path) -> None:
    small = write_xlsx_parts(
        tmp_path / "small.xlsx",
        sheet_xml(form_rows(2)),
        extra_members={"xl/pad.xml": "<a>" + " " * 900_000 + "</a>"},
    )
    zipguard.zip_guard(small, DEFAULT_LIMITS)  # very compressible, but under 1 MiB: fine
    big = write_xlsx_parts(
        tmp_path / "big.xlsx",
        sheet_xml(form_rows(2)),
        extra_members={"xl/pad.xml": "<a>" + " " * 3_000_000 + "</a>"},
    )
    p = problem(zipguard.zip_guard, big, DEFAULT_LIMITS)
    assert p.message_id == "file-too-large.ratio"
    assert p.args_["member"] == "xl/pad.xml" and p.args_["flag"] == "--max-ratio"
    zipguard.zip_guard(big, Limits(max_ratio=100_000))  # the flag raises it


def _a_name_twice(path: Path) -> Path:
    """A zip whose directory lists one sheet part twice (zipfile warns, and writes it)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("xl/workbook.xml", WORKBOOK)
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml(form_rows(1)))
            zf.writestr("xl/worksheets/sheet1.xml", sheet_xml(form_rows(2)))
    return path


def test_duplicate_member_names(tmp_path: Path) -> None:
    path = _a_name_twice(tmp_path / "dup.xlsx")
    p = problem(zipguard.zip_guard, path, DEFAULT_LIMITS)
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
    assert (
        problem(zipguard.zip_guard, path, DEFAULT_LIMITS).message_id == "unreadable-file.encrypted"
    )


def test_unusual_compression_method(tmp_path: Path) -> None:
    path = tmp_path / "bz.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as zf:
        zf.writestr("xl/workbook.xml", WORKBOOK)
    assert (
        problem(zipguard.zip_guard, path, DEFAULT_LIMITS).message_id == "unreadable-file.zip-method"
    )


def test_corrupt_deflate_stream(tmp_path: Path) -> None:
    path = write_xlsx_parts(tmp_path / "bad.xlsx", sheet_xml(form_rows(3)))
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    raw = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 25):
        raw[i] ^= 0x5A
    path.write_bytes(bytes(raw))
    p = problem(zipguard.zip_guard, path, DEFAULT_LIMITS)
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
        p = problem(zipguard.zip_guard, path, DEFAULT_LIMITS)
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
        problem(zipguard.zip_guard, path, DEFAULT_LIMITS).message_id
        == "unreadable-file.xml-entities"
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
        zipguard.check_xml_prolog(head, "m")
    long_comment = b"<?xml version='1.0'?><!--" + b"x" * zipguard.XML_PROLOG_BYTES
    p = problem(zipguard.check_xml_prolog, long_comment[: zipguard.XML_PROLOG_BYTES], "m")
    assert p.message_id == "unreadable-file.xml-prolog"


def test_read_member_is_bounded(tmp_path: Path) -> None:
    path = write_xlsx_parts(tmp_path / "m.xlsx", sheet_xml(form_rows(2)))
    with zipfile.ZipFile(path) as zf:
        assert zipguard.read_member(zf, "xl/workbook.xml", 1 << 20).startswith(b"<?xml")
        p = problem(zipguard.read_member, zf, "xl/worksheets/sheet1.xml", 100)
        assert (p.code, p.message_id) == ("file-too-large", "file-too-large.unzipped")
        assert p.args_["member"] == "xl/worksheets/sheet1.xml"
        p = problem(zipguard.read_member, zf, "xl/nothing.xml", 100)
        assert p.message_id == "unreadable-file.corrupt-zip"


def test_empty_shared_strings_is_fine(tmp_path: Path) -> None:
    path = write_xlsx_parts(tmp_path / "e.xlsx", sheet_xml(form_rows(1)), shared_strings=EMPTY_SST)
    zipguard.zip_guard(path, DEFAULT_LIMITS)


# -- the only sheet part, checked when it is read ------------------------------------------------


def _read(path: Path) -> tuple[str | None, str | None]:
    from gender_plan_cli.intake.load import read_file

    found = read_file(path).findings
    return (found[0].code, found[0].message_id) if found else (None, None)


def test_the_only_sheet_is_inflated_once_and_checked_as_the_guard_checks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A one-sheet workbook: the guard reads only the sheet's prolog, the scan inflates it
    under the same checks; a valid form reads as before."""
    inflated: list[str] = []
    checked = zipguard.Guarded.checked

    def spy(self, fh, info):  # type: ignore[no-untyped-def]
        inflated.append(info.filename)
        yield from checked(self, fh, info)

    monkeypatch.setattr(zipguard.Guarded, "checked", spy)
    path = write_xlsx_parts(tmp_path / "ok.xlsx", sheet_xml(form_rows(3)))
    guarded = zipguard.zip_guard(path, DEFAULT_LIMITS, defer_sheet=True)
    assert list(guarded.later) == ["xl/worksheets/sheet1.xml"]
    assert "xl/worksheets/sheet1.xml" not in inflated
    inflated.clear()
    from gender_plan_cli.intake.load import read_file

    result = read_file(path)
    assert result.units == 3 and result.valid()
    assert inflated.count("xl/worksheets/sheet1.xml") == 1  # by the scan, not the guard


@pytest.mark.parametrize("defer", [False, True])
def test_a_lying_sheet_gets_the_guard_s_finding_whoever_inflates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, defer: bool
) -> None:
    """A sheet that declares 1 KB and inflates to 20 MB, with a cell far beyond the limit in
    its first bytes: the zip's problem (ratio) is said, not the extent, as when the guard ran
    over every member first."""
    far = '<row r="2"><c r="XFD1048576"><v>1</v></c></row>'
    filler = "<!-- " + "x" * (20 * 1024 * 1024) + " -->"
    sheet = sheet_xml(form_rows(1), extra=far + filler)
    path = write_xlsx_parts(tmp_path / "lying.xlsx", sheet)
    patch_declared_size(path, "xl/worksheets/sheet1.xml", 1024, crc_of_prefix=True)
    if not defer:
        monkeypatch.setattr(zipguard, "_SHEET_MEMBER", zipguard.re.compile("(?!)"))
    assert _read(path) == ("file-too-large", "file-too-large.ratio")


def test_a_sheet_over_the_cell_limit_that_lies_about_its_size_is_a_corrupt_zip(
    tmp_path: Path,
) -> None:
    """A cell far beyond the limit, in a part one byte longer than it declares: the zip's
    problem is said (as the guard said it when it read every member first), not the extent."""
    sheet = sheet_xml(form_rows(1), extra='<row r="2"><c r="XFD1048576"><v>1</v></c></row>')
    sheet += " " * 100_000
    path = write_xlsx_parts(tmp_path / "size.xlsx", sheet)
    patch_declared_size(
        path, "xl/worksheets/sheet1.xml", len(sheet.encode()) - 1, crc_of_prefix=True
    )
    assert _read(path) == _guard_first(path) == ("unreadable-file", "unreadable-file.corrupt-zip")


def _guard_first(path: Path) -> tuple[str | None, str | None]:
    """What the whole guard (no member deferred) says of `path`."""
    try:
        zipguard.zip_guard(path, DEFAULT_LIMITS)
    except zipguard.ReadProblem as p:
        return ("unreadable-file" if p.code == "unreadable-file" else p.code, p.message_id)
    return (None, None)


def test_calamine_never_reads_a_sheet_part_left_unchecked(tmp_path: Path) -> None:
    """The workbook names its sheet `xl/worksheets/sheet1.xml` from `xl/`: gplan's reading
    finds `xl/xl/worksheets/sheet1.xml` (a valid form), calamine the other part, a bomb that
    the guard left for later. It is checked before calamine opens any sheet."""
    from hostile_builders import CONTENT_TYPES, ROOT_RELS, WORKBOOK_RELS

    rels = WORKBOOK_RELS.replace(
        'Target="worksheets/sheet1.xml"', 'Target="xl/worksheets/sheet1.xml"'
    )
    bomb = sheet_xml(form_rows(1), extra="<!-- " + "x" * (20 * 1024 * 1024) + " -->")
    path = tmp_path / "two-ways.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", rels)
        zf.writestr("xl/xl/worksheets/sheet1.xml", sheet_xml(form_rows(2)))
        zf.writestr("xl/worksheets/sheet1.xml", bomb)
        zf.writestr("xl/sharedStrings.xml", EMPTY_SST)
    assert _read(path) == ("file-too-large", "file-too-large.ratio")


def test_the_parts_asked_for_are_kept_as_checked_and_only_those(tmp_path: Path) -> None:
    path = simple_form(tmp_path / "ok.xlsx", [])
    keep = frozenset({"xl/workbook.xml", "xl/styles.xml", "docProps/none.xml"})
    guarded = zipguard.zip_guard(path, DEFAULT_LIMITS, keep=keep)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        assert guarded.kept == {n: zf.read(n) for n in ("xl/workbook.xml", "xl/styles.xml")}
    assert guarded.names == names


def test_a_part_over_the_keep_size_or_lying_about_it_is_not_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = simple_form(tmp_path / "ok.xlsx", [])
    with zipfile.ZipFile(path) as zf:
        size = zf.getinfo("xl/styles.xml").file_size
    monkeypatch.setattr(zipguard, "KEEP_MAX", size - 1)
    guarded = zipguard.zip_guard(path, DEFAULT_LIMITS, keep=frozenset({"xl/styles.xml"}))
    assert guarded.kept == {}
    monkeypatch.setattr(zipguard, "KEEP_MAX", size)
    patch_declared_size(path, "xl/styles.xml", size - 1, crc_of_prefix=True)  # inflates 1 more
    keep = frozenset({"xl/styles.xml"})
    found = problem(lambda: zipguard.zip_guard(path, DEFAULT_LIMITS, keep=keep))
    assert found.message_id == "unreadable-file.corrupt-zip"


def test_a_return_has_its_zip_directory_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`detect` reads the directory and the guard checks those entries: one parse a file."""
    from gender_plan_cli.intake.load import read_file

    reads: list[str] = []
    real = zipfile.ZipFile._RealGetContents  # type: ignore[attr-defined]

    def counted(self: zipfile.ZipFile) -> None:
        reads.append(str(self.filename))
        real(self)

    monkeypatch.setattr(zipfile.ZipFile, "_RealGetContents", counted)
    path = simple_form(tmp_path / "r.xlsx", [unit()])
    assert read_file(path).units == 1
    assert reads == [str(path)]


def test_the_entries_detect_read_are_checked_as_the_guard_reads_them(tmp_path: Path) -> None:
    """A forged directory (a name twice) is refused on the loader's path too."""
    from gender_plan_cli.intake.load import read_file

    (finding,) = read_file(_a_name_twice(tmp_path / "dup.xlsx")).findings
    assert (finding.message_id, finding.args["member"]) == (
        "unreadable-file.zip-duplicate",
        "xl/worksheets/sheet1.xml",
    )


# -- the count of shared strings calamine reserves room for ----------------------------------------


def _sst(unique: str, strings: int = 2, *, tag: str = "sst") -> str:
    items = "".join(f"<si><t>s{i}</t></si>" for i in range(strings))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<{tag} xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{strings}" {unique}>{items}</{tag}>'
    )


def test_shared_strings_declaring_ten_billion_are_refused_before_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """calamine reserves 24 bytes a declared string before reading one: 229 GB here, which it
    cannot have, and the process aborted."""
    import python_calamine

    from gender_plan_cli.intake.load import read_file

    def no_calamine(*args: object, **kwargs: object) -> None:
        raise AssertionError("calamine opened the workbook")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", no_calamine)
    path = write_xlsx_parts(
        tmp_path / "s.xlsx",
        sheet_xml(form_rows(1)),
        shared_strings=_sst('uniqueCount="10000000000"'),
    )
    fr = read_file(path)
    assert [(f.code, f.message_id, f.args) for f in fr.findings] == [
        ("unreadable-file", "unreadable-file.corrupt-zip", {"member": "xl/sharedStrings.xml"})
    ]


@pytest.mark.parametrize(
    "unique",
    [
        "uniqueCount='10000000000'",  # single quotes
        'uniqueCount = "16777217"',  # one over the harmless count, in a part of ~300 bytes
    ],
)
def test_a_count_no_part_of_its_size_could_hold_is_refused(tmp_path: Path, unique: str) -> None:
    path = write_xlsx_parts(
        tmp_path / "s.xlsx", sheet_xml(form_rows(1)), shared_strings=_sst(unique)
    )
    assert problem(guard, path).message_id == "unreadable-file.corrupt-zip"


@pytest.mark.parametrize(
    "unique",
    [
        'uniqueCount="16777216"',  # a stale count, but harmless to reserve
        'uniqueCount="99999999999999999999999"',  # no usize: calamine reserves nothing
        'uniqueCount="1e10"',  # not digits: nothing reserved
        "",  # no count at all
    ],
)
def test_a_count_calamine_can_bear_is_read(tmp_path: Path, unique: str) -> None:
    path = write_xlsx_parts(
        tmp_path / "s.xlsx", sheet_xml(form_rows(1)), shared_strings=_sst(unique)
    )
    guard(path)


def test_the_count_is_found_however_the_part_is_written(tmp_path: Path) -> None:
    """A prefix, a tag cut between two inflated chunks, a part in UTF-16."""
    info = zipfile.ZipInfo("xl/sharedStrings.xml")
    info.file_size = 300
    tag = b'<x:sst xmlns:x="urn:x" uniqueCount="10000000000">'
    for cut in range(1, len(tag)):
        count = zipguard._StringCount(info)
        count.feed(b'<?xml version="1.0"?>\n' + tag[:cut])
        count.feed(tag[cut:] + b"<x:si/></x:sst>")
        with pytest.raises(zipguard.ReadProblem):
            count.check(b'<?xml version="1.0"?>\n' + tag)
    utf16 = _sst('uniqueCount="10000000000"').replace('encoding="UTF-8"', 'encoding="UTF-16"')
    data = utf16.encode("utf-16")
    count = zipguard._StringCount(info)
    count.feed(data)
    with pytest.raises(zipguard.ReadProblem):
        count.check(data)
