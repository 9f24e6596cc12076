"""Text as gplan compares it: folded (case, punctuation, spacing), with or without diacritics.

Headers, choices, totals and signature words are all matched on these keys, so a header typed
`TỔNG SỐ  CBCCVC, NLĐ` and one typed `Tổng số cán bộ, công chức, viên chức, người lao động`
meet at the same key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Interchangeable phrases in headers (folded form → short form).
_EQUIVALENTS = (
    ("dân tộc thiểu số", "dtts"),
    ("dân tộc ít người", "dtts"),
    ("cán bộ công chức viên chức người lao động", "cbccvc nlđ"),
    ("cán bộ công chức viên chức", "cbccvc"),
)

_PUNCT = re.compile(r"[^\w\s%]+", re.UNICODE)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Normalise a header or choice: NFC, lower case, no punctuation or line breaks."""
    text = unicodedata.normalize("NFC", str(text)).lower()
    text = _PUNCT.sub(" ", text.replace("_", " "))
    return _SPACE.sub(" ", text).strip()


def _build_strip_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in (*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base != ch:
            table[code] = base
    table[ord("đ")], table[ord("Đ")] = "d", "D"
    return table


_STRIP = _build_strip_table()


def strip_marks(text: str) -> str:
    """Remove Vietnamese diacritics (the fallback of header matching)."""
    if text.isascii():
        return text
    bare = unicodedata.normalize("NFC", text).translate(_STRIP)
    if bare.isascii():
        return bare
    return "".join(ch for ch in unicodedata.normalize("NFD", bare) if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """Folded text with interchangeable phrases shortened; diacritics kept."""
    folded = fold(text)
    for long, short in _EQUIVALENTS:
        folded = folded.replace(long, short)
    return folded


@lru_cache(maxsize=8192)
def bare_key(text: str) -> str:
    """Like `key`, without diacritics."""
    bare = strip_marks(fold(text))
    for long, short in _EQUIVALENTS:
        bare = bare.replace(strip_marks(long), strip_marks(short))
    return bare


# -- look-alikes (a small part of Unicode TS #39's confusables, for unit codes) -------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_CONFUSABLE = str.maketrans(
    # Cyrillic, then Greek letters drawn like Latin ones (upper and lower case)
    "АВЕЅІЈКМНОРСТХУаеѕіјорсхуԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοριυνκ",
    "ABESIJKMHOPCTXYaesijopcxydhqwABEZHIKMNOPTYXaopiuvk",
)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def skeleton(code: str) -> str:
    """What a code looks like: NFKC, no invisible characters, Cyrillic and Greek look-alikes
    as the Latin letters they imitate, upper case. `S01` and `Ѕ0\u200b1` share a skeleton."""
    if code.isascii():  # NFKC changes no ASCII, and every mark and look-alike above is beyond it
        return code.upper()
    text = unicodedata.normalize("NFKC", code).translate(_INVISIBLE)
    text = "".join(ch for ch in text if ch not in BIDI_CONTROLS)
    return text.translate(_CONFUSABLE).upper()


def bidi_controls(text: str) -> list[str]:
    """The bidirectional controls in `text` (U+202A–U+202E, U+2066–U+2069, LRM/RLM), as U+ codes."""
    return sorted({f"U+{ord(ch):04X}" for ch in text if ch in BIDI_CONTROLS})


# The Vietnamese alphabet (with f j w z where Latin puts them), and the tones in dictionary
# order: none, huyền, hỏi, ngã, sắc, nặng. Letters decide first; tones only break ties.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(text: str) -> list[tuple[str, int]]:
    """Each letter of `text` (with its breve, circumflex or horn) and its tone rank."""
    out: list[tuple[str, int]] = []
    for ch in unicodedata.normalize("NFD", text.lower()):
        if ch in _TONE_RANK and out:
            out[-1] = (out[-1][0], _TONE_RANK[ch])
        elif unicodedata.combining(ch) and out:
            composed = unicodedata.normalize("NFC", out[-1][0] + ch)
            if len(composed) == 1:  # ă â ê ô ơ ư: one letter of the alphabet
                out[-1] = (composed, out[-1][1])
            else:  # a mark on a digit or a letter that takes none: a character of its own
                out.append((ch, 0))
        else:
            out.append((ch, 0))
    return out


def vi_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """Sort key in Vietnamese dictionary order: `Dân tộc` < `Du lịch` < `Đô thị` < `Giáo dục`.

    Letters first (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y), then tones,
    then the text itself so that the order is total. Spaces and digits come before letters.
    """
    letters = _letters(str(text))
    primary = tuple(
        100 + _LETTER_RANK[ch] if ch in _LETTER_RANK else (ord(ch) if ch < "a" else 1000 + ord(ch))
        for ch, _ in letters
    )
    return primary, tuple(tone for _, tone in letters), str(text)
