"""Text typed in a legacy Vietnamese encoding (TCVN3, VNI-Windows) → Unicode, per column.

Older government files carry text typed with `.VnTime` (TCVN3) or `VNI-Times` fonts: a
position reads "Tr\xadëng phßng" (TCVN3) or "Tröôûng phoøng" (VNI) for "Trưởng phòng", and no
word of it is recognised. A column is taken for such text only when (1) its text holds a
character no Vietnamese Unicode text holds (`µ`, `ß`, `ë`, `ø`…), (2) hardly any of it holds a
letter only Unicode writes (ă đ ơ ư, the toned letters of U+1EA0–U+1EF9), and (3) read in the
encoding, nearly every word it changes becomes a Vietnamese syllable (one tone at most, the
sounds of the language in their order). Then every cell of the column that is Latin-1 text
is converted, in memory: the file is never changed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from gender_plan_cli.reading.grid import SheetGrid
from gender_plan_cli.reading.legacy_tables import (
    TCVN3,
    VNI_BREVE,
    VNI_CIRCUMFLEX,
    VNI_LETTERS,
    VNI_TONES,
)

SAMPLE_ROWS = 2_000  # a column is judged on the text of its first rows
_VIET_LATIN1 = frozenset("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
# The vowels of a Vietnamese syllable (tones aside), longest first; with its onset and coda.
_NUCLEI = (
    "iêu yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_SYLLABLE = re.compile(
    r"(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnpqrstvx])?"
    f"({'|'.join(_NUCLEI)})"
    r"(ch|ng|nh|[cmnpt])?"
)


def _vni_sequences() -> dict[str, str]:
    """Every VNI spelling (vowel + shape and/or tone bytes, or one byte) → its letter."""
    out: dict[str, str] = {}

    def add(spelling: str, letter: str) -> None:
        out[spelling] = unicodedata.normalize("NFC", letter)
        out[spelling.upper()] = unicodedata.normalize("NFC", letter).upper()

    for byte, letter in VNI_LETTERS.items():
        add(byte, letter)
    for base in ("a", "e", "o", "u", "y", "ô", "ö"):
        stem = VNI_LETTERS.get(base, base)
        for tone_byte, tone in VNI_TONES.items():
            add(base + tone_byte, stem + tone)
    for base in ("a", "e", "o"):
        for byte, tone in VNI_CIRCUMFLEX.items():
            add(base + byte, base + "\u0302" + tone)
    for byte, tone in VNI_BREVE.items():
        add("a" + byte, "a\u0306" + tone)
    return out


_VNI = _vni_sequences()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, _VNI), key=len, reverse=True)))
_TCVN3_TABLE = str.maketrans(TCVN3)


def from_tcvn3(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def from_vni(text: str) -> str:
    return _VNI_PATTERN.sub(lambda m: _VNI[m.group()], text)


@dataclass(frozen=True)
class Encoding:
    id: str
    shown: str  # as the finding names it
    convert: Callable[[str], str]


ENCODINGS = (
    Encoding("tcvn3", "TCVN3 (.VnTime)", from_tcvn3),
    Encoding("vni", "VNI-Windows (VNI-Times)", from_vni),
)


# What only a legacy encoding puts in a cell. TCVN3: Latin-1 letters and signs Vietnamese
# Unicode never uses (µ ß ë ÷…). VNI: those (ø û ö ñ…), or a vowel followed by its shape or tone
# byte (`aù`, `eâ`) — but for `oà oá oã`, which Unicode writes in the old spelling of hoà, khoá.
def _latin1_only(chars: set[str]) -> str:
    return "".join(sorted(c for c in chars if c not in _VIET_LATIN1 and ord(c) > 127))


_SIGNATURES = {
    "tcvn3": re.compile(f"[{_latin1_only(set(TCVN3))}]"),
    "vni": re.compile(
        f"[{_latin1_only(set(''.join(_VNI)))}]|"
        + "|".join(
            sorted(
                re.escape(k)
                for k in _VNI
                if len(k) == 2 and k[0].lower() in "aeouy" and k.lower() not in ("oà", "oá", "oã")
            )
        )
    ),
}


def _signed(text: str) -> bool:
    return any(sig.search(text) for sig in _SIGNATURES.values())


def _unicode_only(text: str) -> bool:
    """Holds a letter beyond Latin-1 (ă, đ, ơ, ư, ạ…): Unicode text, not legacy."""
    return any(ord(c) > 0xFF and c != "\u2212" for c in text)


@lru_cache(maxsize=4096)
def _is_syllable(word: str) -> bool:
    """A Vietnamese syllable: at most one tone, its sounds in their order (case aside)."""
    parts = unicodedata.normalize("NFD", word.lower())
    if sum(c in _TONES for c in parts) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
    return _SYLLABLE.fullmatch(bare.replace("đ", "d")) is not None


_WORD = re.compile(r"[^\W\d_]+")


def _counts(word: str) -> bool:
    """A word that tells an encoding: not an acronym (`NLĐ`, `HĐND`: capitals, no vowel mark)."""
    return not (word.isupper() and word.replace("Đ", "D").isascii())


def _share_of_syllables(texts: list[str], convert: Callable[[str], str] | None) -> float:
    """Of the words of `texts` once converted (None: as they are) that hold a non-ASCII letter
    before or after, the share that are Vietnamese syllables. As they are, every word of a
    cell holding a legacy-only character is counted, and is no Vietnamese."""
    seen = good = 0
    for text in texts:
        if convert is None:
            signed = _signed(text)
            words = [w for w in _WORD.findall(text) if signed or not w.isascii()]
            seen += len(words)
            good += 0 if signed else sum(map(_is_syllable, words))
            continue
        for before, after in zip(_WORD.findall(text), _WORD.findall(convert(text)), strict=False):
            if (before.isascii() and after.isascii()) or not _counts(after):
                continue
            seen += 1
            good += _is_syllable(after)
    return good / seen if seen else 0.0


def detect(texts: list[str]) -> Encoding | None:
    """The legacy encoding a column's text is typed in, or None (Unicode, ASCII, unsure)."""
    legacy = [t for t in texts if not t.isascii() and not _unicode_only(t)]
    unicode = sum(1 for t in texts if _unicode_only(t))
    if not legacy or unicode * 10 > len(legacy):  # mostly Unicode: a stray µ is no encoding
        return None
    scored = [
        (_share_of_syllables(legacy, e.convert), e)
        for e in ENCODINGS
        if any(_SIGNATURES[e.id].search(t) for t in legacy)
    ]
    if not scored:
        return None
    best, encoding = max(scored, key=lambda s: s[0])
    return encoding if best >= 0.8 and best > _share_of_syllables(legacy, None) else None


@dataclass(frozen=True)
class Converted:
    """One column read as Unicode: where (1-based) and from which encoding."""

    column: int
    row: int  # its first converted cell
    encoding: Encoding


def convert_grid(grid: SheetGrid) -> list[Converted]:
    """Every column of `grid` typed in a legacy encoding, converted in place."""
    rows = grid.rows
    sample = rows[:SAMPLE_ROWS]
    candidates: dict[int, list[str]] = {}
    for row in sample:
        for c, v in enumerate(row):
            if isinstance(v, str) and not v.isascii():
                candidates.setdefault(c, []).append(v)
    out = []
    for c, texts in sorted(candidates.items()):
        encoding = detect(texts)
        if encoding is None:
            continue
        first = 0
        for r, row in enumerate(rows):
            v = row[c] if c < len(row) else None
            if isinstance(v, str) and not v.isascii() and not _unicode_only(v):
                row[c] = encoding.convert(v)
                first = first or r + 1
        out.append(Converted(c + 1, first, encoding))
    if out:
        grid.columns = None  # the rows changed
    return out
