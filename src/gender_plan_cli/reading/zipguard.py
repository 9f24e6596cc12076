"""The checks every zip container (.xlsx, .xlsm, .ods) passes before a reader opens it.

The central directory is counted before zipfile builds an object per entry;
every member is inflated here, through its own inflater with a byte budget
(declared sizes and CRCs can lie, and calamine does not stop at the declared
size), the prolog of every XML member is checked for DOCTYPE/ENTITY
declarations, and the count of strings a shared-strings part declares for what
calamine would reserve (`_StringCount`). A refusal raises ReadProblem; nothing is
printed.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import BinaryIO

from gender_plan_cli.reading.limits import (
    CHUNK,
    Limits,
    MiB,
    ReadProblem,
    checked_size,
    mb,
    open_file,
    too_large,
    unreadable,
    unzipped_over,
)
from gender_plan_cli.reading.text import decode_head

MAX_MEMBERS = 10_000  # a workbook of 200 sheets has a few hundred; parsing 2M entries costs GB
RATIO_FLOOR = MiB  # members below this are never refused for their ratio
XML_PROLOG_BYTES = 64 * 1024  # a real prolog is an XML declaration; anything longer is refused


def workbook_part(target: str) -> str:
    """The zip member a workbook relationship's target names (relative to xl/, or absolute)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join("xl", target))


def open_zip(path: Path) -> zipfile.ZipFile:
    """The zip, or the problem that prevents opening it."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, struct.error) as exc:
        raise unreadable("truncated-zip", reason=str(exc)) from None
    except OSError as exc:
        raise unreadable("os-error", name=path.name, reason=exc.strerror or str(exc)) from None


def check_zip_directory(path: Path, size: int) -> None:
    """Count the central directory's entries before zipfile builds an object for each."""
    tail_len = min(size, 22 + 65535 + 20)
    with open_file(path) as fh:
        fh.seek(size - tail_len)
        tail = fh.read(tail_len)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise unreadable("truncated-zip", reason="no end of central directory")
    entries, cd_size, cd_offset = struct.unpack_from("<HII", tail, at + 10)
    if entries == 0xFFFF or cd_offset == 0xFFFFFFFF:  # zip64: the real count is elsewhere
        entries, cd_size = _zip64_directory(path, size, tail, at)
    if entries > MAX_MEMBERS:
        raise too_large("members", count=entries, limit=MAX_MEMBERS)
    if cd_size > size:
        raise unreadable("truncated-zip", reason="central directory larger than the file")


def _zip64_directory(path: Path, size: int, tail: bytes, at: int) -> tuple[int, int]:
    """(entries, directory size) from the zip64 end record the locator before `at` points to."""
    loc = at - 20
    if loc < 0 or tail[loc : loc + 4] != b"PK\x06\x07":
        raise unreadable("truncated-zip", reason="zip64 locator missing")
    (eocd64,) = struct.unpack_from("<Q", tail, loc + 8)
    if eocd64 + 56 > size:
        raise unreadable("truncated-zip", reason="zip64 record outside the file")
    with open_file(path) as fh:
        fh.seek(eocd64)
        rec = fh.read(56)
    if rec[:4] != b"PK\x06\x06":
        raise unreadable("truncated-zip", reason="zip64 record missing")
    entries, cd_size, _ = struct.unpack_from("<QQQ", rec, 32)
    return entries, cd_size


_SHEET_MEMBER = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)


KEEP_MAX = MiB  # a member named in `keep` up to this size is kept as the guard inflated it
Entries = tuple[zipfile.ZipInfo, ...] | None  # a directory already read (`detect`), or None


def zip_guard(
    path: Path,
    limits: Limits,
    *,
    defer_sheet: bool = False,
    keep: frozenset[str] = frozenset(),
    entries: Entries = None,
) -> Guarded:
    """Refuse a zip whose members are too big, too compressed, lying, forged or carry a DTD.

    Declared sizes are checked first (cheap); then every member is inflated
    here, with a budget, to learn its actual size and CRC — zipfile stops at
    the declared size but other readers (calamine) do not — and the prolog of
    each XML member is checked for DOCTYPE/ENTITY declarations.

    `defer_sheet`: a workbook whose only worksheet part is `xl/worksheets/*.xml` has that part
    checked when it is read (`Guarded.inflate`, the same checks in the same order), so that
    the reader that scans it inflates it once instead of twice; here only its prolog is read.

    `keep`: members (exact names) whose bytes, once checked, the reader will want — a
    workbook's small structural parts — are kept in `Guarded.kept` (up to KEEP_MAX each), so
    that they are not inflated a second time.

    `entries`: the directory as `detect` read it, after `check_zip_directory`; otherwise the
    directory is counted and read here.
    """
    path = Path(path)
    size = checked_size(path, limits)
    if entries is None:
        check_zip_directory(path, size)
        with open_zip(path) as zf:
            entries = tuple(zf.infolist())
    infos = list(entries)
    _check_declared(path, infos, limits)
    sheets = [i for i in infos if _SHEET_MEMBER.fullmatch(i.filename)] if defer_sheet else []
    guarded = Guarded(path, size, limits)
    guarded.names = [i.filename for i in infos]
    with open_file(path) as fh:
        for info in infos:
            if len(sheets) == 1 and info is sheets[0]:
                check_xml_prolog(_head(fh, info, size), info.filename)
                guarded.later[info.filename] = info
                continue
            wanted = info.filename in keep and info.file_size <= KEEP_MAX
            parts: list[bytes] = []
            for chunk in guarded.checked(fh, info):
                if wanted:
                    parts.append(chunk)
                    if sum(map(len, parts)) > KEEP_MAX:  # a lying size: not held
                        wanted, parts = False, []
            if wanted:  # checked: its size is the one declared, at most KEEP_MAX
                guarded.kept[info.filename] = b"".join(parts)
    return guarded


class Guarded:
    """A zip that passed `zip_guard`; the members it left to be checked when they are read."""

    def __init__(self, path: Path, size: int, limits: Limits) -> None:
        self.path, self.size, self.limits = path, size, limits
        self.total = 0  # bytes inflated and accepted so far, against --max-unzipped-mb
        self.later: dict[str, zipfile.ZipInfo] = {}
        self.kept: dict[str, bytes] = {}  # members asked to be kept, as checked
        self.names: list[str] = []  # every member's name, in the directory's order

    def inflate(self, member: str) -> Generator[bytes, None, None]:
        """A deferred member's bytes as they inflate, under the checks `zip_guard` applies to
        every other member; the problem is raised where the guard would raise it, after the
        bytes before it were given (a reader must not act on them until the end)."""
        info = self.later.pop(member)
        with open_file(self.path) as fh:
            yield from self.checked(fh, info)

    def checked(self, fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """One member inflated through its budget, size and CRC checks, chunk by chunk."""
        limits = self.limits
        budget = min(
            limits.max_unzipped_bytes - self.total,
            max(RATIO_FLOOR, int(limits.max_ratio * max(info.compress_size, 1))),
        )
        got = _Inflated()
        count = _StringCount(info) if _STRINGS_PART.search(info.filename) else None
        for chunk in _inflate(fh, info, self.size, budget, got):
            if count is not None:
                count.feed(chunk)
            yield chunk
        actual = got.total
        if actual > budget:
            if self.total + actual > limits.max_unzipped_bytes:
                raise _unzipped_total(self.total + actual, limits)
            _check_ratio(info.filename, actual, info.compress_size, limits)
        if actual != info.file_size:
            raise unreadable("corrupt-zip", member=info.filename)
        self.total += actual
        check_xml_prolog(bytes(got.head), info.filename)
        if count is not None:
            count.check(bytes(got.head))


# A workbook's shared strings (calamine reads `<xl path>sharedStrings.xml`, in any case).
_STRINGS_PART = re.compile(r"(?:^|/)sharedstrings\.xml$", re.IGNORECASE)
# The first start tag named `sst` (any prefix), attributes quoted either way.
_SST_TAG = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?sst((?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?)>""")
_UNIQUE_COUNT = re.compile(rb"""(?:^|\s)uniqueCount\s*=\s*(?:"([^"]*)"|'([^']*)')""")
STRINGS_HARMLESS = 1 << 24  # strings calamine may reserve room for (400 MB), whatever the part


class _StringCount:
    """The `uniqueCount` a shared-strings part declares, watched as the part inflates.

    calamine reserves room for that many strings (24 bytes each) before it reads one, and a
    reservation it cannot have aborts the process: `uniqueCount="10000000000"` asked 229 GB.
    A part cannot hold more strings than a fifth of its bytes (`<si/>` is five), so a count
    over that and over STRINGS_HARMLESS is refused as a part stating a wrong size."""

    def __init__(self, info: zipfile.ZipInfo) -> None:
        self.info = info
        self.carry = b""
        self.found: bytes | None = None  # the tag's attributes, once seen

    def feed(self, chunk: bytes) -> None:
        if self.found is not None or len(self.carry) > XML_PROLOG_BYTES:
            return
        data = self.carry + chunk
        m = _SST_TAG.search(data)
        if m is not None:
            self.found = m.group(1)
            return
        lt = data.rfind(b"<")
        self.carry = data[lt:] if lt >= 0 else b""

    def check(self, head: bytes) -> None:
        attributes = self.found
        if attributes is None and not head.startswith(b"<"):
            text = decode_head(head)  # UTF-16 and the like: the tag within the head, decoded
            m = _SST_TAG.search(text.encode("utf-8", "replace"))
            attributes = m.group(1) if m else None
        if attributes is None:
            if len(self.carry) > XML_PROLOG_BYTES:  # a start tag longer than any real one
                raise unreadable("corrupt-zip", member=self.info.filename)
            return  # no `sst` element: calamine reserves nothing (and finds no strings)
        m = _UNIQUE_COUNT.search(attributes)
        value = (m.group(1) if m.group(1) is not None else m.group(2)) if m else b""
        if not value.isdigit() or len(value) > 20:
            return  # calamine parses digits only, into a usize: nothing reserved
        declared = int(value)
        if declared > max(self.info.file_size // 5, STRINGS_HARMLESS) and declared < 1 << 64:
            raise unreadable("corrupt-zip", member=self.info.filename)


def _head(fh: BinaryIO, info: zipfile.ZipInfo, size: int) -> bytes:
    """The first XML_PROLOG_BYTES a member inflates to (no size or CRC check: see `inflate`)."""
    got = _Inflated()
    for _ in _inflate(fh, info, size, XML_PROLOG_BYTES, got):
        if got.total >= XML_PROLOG_BYTES:
            break
    return bytes(got.head)


def _check_declared(path: Path, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """What the central directory says: unique names, no encryption, usual methods, sizes."""
    seen: set[str] = set()
    declared = 0
    for info in infos:
        key = info.filename.replace("\\", "/").lower()
        if key in seen:
            raise unreadable("zip-duplicate", member=info.filename)
        seen.add(key)
        if info.flag_bits & 0x1:
            raise unreadable("encrypted", name=path.name)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise unreadable("zip-method", member=info.filename, method=info.compress_type)
        declared += info.file_size
        if declared > limits.max_unzipped_bytes:
            raise _unzipped_total(declared, limits)
        _check_ratio(info.filename, info.file_size, info.compress_size, limits)


def _unzipped_total(total: int, limits: Limits) -> ReadProblem:
    return too_large(
        "unzipped-total",
        size=mb(total),
        limit=limits.max_unzipped_mb,
        flag="--max-unzipped-mb",
    )


def _check_ratio(member: str, unzipped: int, compressed: int, limits: Limits) -> None:
    if unzipped <= RATIO_FLOOR:
        return
    ratio = unzipped / max(compressed, 1)
    if ratio > limits.max_ratio:
        raise too_large(
            "ratio",
            member=member,
            ratio=int(ratio),
            limit=limits.max_ratio,
            flag="--max-ratio",
        )


class _Inflated:
    """What inflating one member has produced so far: its size, CRC and first bytes."""

    def __init__(self) -> None:
        self.total = 0
        self.crc = 0
        self.head = bytearray()

    def add(self, out: bytes) -> None:
        self.total += len(out)
        self.crc = zlib.crc32(out, self.crc)
        if len(self.head) < XML_PROLOG_BYTES:
            self.head += out[: XML_PROLOG_BYTES - len(self.head)]


def _inflate(
    fh: BinaryIO, info: zipfile.ZipInfo, size: int, budget: int, got: _Inflated
) -> Iterator[bytes]:
    """The member's bytes as they inflate, counted in `got` (size, CRC, first bytes), stopping
    once past `budget`.

    Reads the member's compressed bytes straight from the file, as a reader
    that trusts neither the declared size nor the CRC would, and checks the CRC
    at the end (a member over budget is left unfinished: its size says enough).
    """
    name = info.filename
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise unreadable("corrupt-zip", member=name)
    name_len, extra_len = struct.unpack_from("<HH", local, 26)
    start = info.header_offset + 30 + name_len + extra_len
    if start + info.compress_size > size:
        raise unreadable("truncated-zip", reason=f"{name} runs past the end of the file")
    fh.seek(start)
    parts = _stored(fh, info) if info.compress_type == zipfile.ZIP_STORED else _deflated(fh, info)
    for out in parts:
        got.add(out)
        yield out
        if got.total > budget:
            return
    if got.crc != info.CRC:
        raise unreadable("corrupt-zip", member=name)


def _stored(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    left = info.compress_size
    while left > 0:
        out = fh.read(min(CHUNK, left))
        if not out:
            raise unreadable("truncated-zip", reason=f"{info.filename} is cut short")
        left -= len(out)
        yield out


def _deflated(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    left = info.compress_size
    inflater = zlib.decompressobj(-15)
    try:
        while not inflater.eof:
            data = inflater.unconsumed_tail
            if not data:
                if left <= 0:
                    break
                data = fh.read(min(CHUNK, left))
                if not data:
                    break
                left -= len(data)
            yield inflater.decompress(data, CHUNK)
    except zlib.error:
        raise unreadable("corrupt-zip", member=info.filename) from None
    if not inflater.eof:
        raise unreadable("corrupt-zip", member=info.filename)


def read_member(zf: zipfile.ZipFile, name: str, limit_bytes: int) -> bytes:
    """A member's bytes, refusing (not truncating) one that inflates past `limit_bytes`."""
    return b"".join(member_chunks(zf, name, limit_bytes))


def member_chunks(
    zf: zipfile.ZipFile, name: str, limit_bytes: int, limit_mb: float | None = None
) -> Generator[bytes, None, None]:
    """A member's bytes as zipfile inflates them, refused (never truncated) past `limit_bytes`
    (`limit_mb`: the limit as the refusal names it, when it is a flag's value)."""
    total = 0
    try:
        with zf.open(name) as stream:
            while chunk := stream.read(min(CHUNK, limit_bytes + 1 - total)):
                total += len(chunk)
                if total > limit_bytes:
                    raise unzipped_over(name, mb(limit_bytes) if limit_mb is None else limit_mb)
                yield chunk
    except KeyError:
        raise unreadable("corrupt-zip", member=name) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        raise unreadable("corrupt-zip", member=name) from None


_PROLOG_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)


def check_xml_prolog(head: bytes, member: str) -> None:
    """Refuse XML whose prolog declares a DTD or entities (billion laughs, external entities).

    Excel and LibreOffice never write one. The prolog is walked past the XML
    declaration, processing instructions and comments up to the root element;
    a prolog longer than XML_PROLOG_BYTES is refused too, so padding cannot
    push a DOCTYPE out of sight. Non-XML members (images) are ignored.
    """
    text = decode_head(head)
    stripped = text.lstrip()
    if not stripped.startswith("<"):
        return
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        raise unreadable("xml-entities", member=member)
    pos = 0
    while True:
        m = _PROLOG_SKIP.match(text, pos)
        if m is None:
            break
        pos = m.end()
    rest = text[pos:].lstrip()
    if rest.startswith(("<?", "<!--")) or not rest:  # the prolog did not end within the head
        if len(head) >= XML_PROLOG_BYTES:
            raise unreadable("xml-prolog", member=member)
        return
    if rest.startswith("<!"):
        raise unreadable("xml-entities", member=member)
