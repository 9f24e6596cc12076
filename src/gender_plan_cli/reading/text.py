"""How the head of a text (a CSV, an XML prolog) is encoded: UTF-16 and UTF-32 told by their bytes.

One copy of each test, so that detect (is it text?), the zip guard (XML
prologs) and the CSV guard (which codec?) all answer the same way.
"""

from __future__ import annotations

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")
UTF16_SAMPLE = 4096  # bytes of the head weighed for BOM-less UTF-16


def utf16_codec(head: bytes) -> str | None:
    """'utf-16' (BOM), 'utf-16-le' / 'utf-16-be' (alternating zeros), or None.

    BOM-less UTF-16 is decided on the first 4 KiB: at least 30 % of the byte
    pairs have a zero on one side (ASCII has one in every pair, Vietnamese
    letters above U+00FF have none) and the other side has under an eighth as
    many. UTF-32 is not UTF-16: its BOM and its three-zeros-in-four pattern are
    checked first and answered with None.
    """
    if head.startswith(UTF32_BOMS):
        return None
    if head.startswith(UTF16_BOMS):
        return "utf-16"
    sample = head[: min(len(head), UTF16_SAMPLE) // 4 * 4]
    if 0 not in sample:  # both patterns need zero bytes: the usual XML and CSV leave at once
        return None
    if len(sample) < 4 or utf32_pattern(sample):
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    pairs = len(sample) // 2
    if odd * 10 >= pairs * 3 and even * 8 < odd:
        return "utf-16-le"
    if even * 10 >= pairs * 3 and odd * 8 < even:
        return "utf-16-be"
    return None


def utf32_pattern(sample: bytes) -> bool:
    """Nine in ten 4-byte groups carry two zero bytes at the same end: UTF-32 without a BOM."""
    quads = len(sample) // 4
    if quads == 0 or 0 not in sample:
        return False
    le = sum(1 for i in range(0, quads * 4, 4) if sample[i + 2 : i + 4] == b"\x00\x00")
    be = sum(1 for i in range(0, quads * 4, 4) if sample[i : i + 2] == b"\x00\x00")
    return max(le, be) * 10 >= quads * 9


def is_utf32(head: bytes) -> bool:
    """A UTF-32 BOM, or the UTF-32 pattern over the whole head."""
    return head.startswith(UTF32_BOMS) or utf32_pattern(head[: len(head) // 4 * 4])


def decode_head(head: bytes) -> str:
    """The head as text, to look for markup in: UTF-16 when it is, else UTF-8; never fails."""
    codec = utf16_codec(head)
    if codec is not None:
        return head[: len(head) // 2 * 2].decode(codec, errors="replace").lstrip("\ufeff")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")
