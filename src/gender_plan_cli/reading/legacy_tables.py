"""The code charts of the two legacy Vietnamese encodings older government files are typed in,
as data. A cell typed with such a font reaches us as the Windows-1252 characters of its bytes
(Latin-1 for 0xA0–0xFF), so each chart is written here as those characters.

TCVN3 (ABC; fonts `.VnTime`, `.VnArial`, uppercase `.VnTimeH`): TCVN 5712:1993, table VN3 —
one byte per letter, lowercase only (a `…H` font draws the same bytes as capitals), the seven
capitals Ă Â Ê Ô Ơ Ư Đ at 0xA1–0xA7.

VNI-Windows (fonts `VNI-Times`, `VNI-Helve`): VNI Software's chart — a letter is the ASCII
vowel followed by one byte for its shape (â ê ô, ă) with or without its tone, or by one byte of
its tone; ơ, ư, đ and the toned i and ỵ are one byte each. Capitals use the capital bytes
(the Windows-1252 letter 0x20 below the small one).
"""

from __future__ import annotations

# TCVN 5712:1993 VN3 (ABC): byte (as its Windows-1252 character) → letter.
TCVN3: dict[str, str] = {
    "\xa1": "Ă", "\xa2": "Â", "\xa3": "Ê", "\xa4": "Ô", "\xa5": "Ơ", "\xa6": "Ư", "\xa7": "Đ",
    "\xa8": "ă", "\xa9": "â", "\xaa": "ê", "\xab": "ô", "\xac": "ơ", "\xad": "ư", "\xae": "đ",
    "\xb5": "à", "\xb6": "ả", "\xb7": "ã", "\xb8": "á", "\xb9": "ạ",
    "\xbb": "ằ", "\xbc": "ẳ", "\xbd": "ẵ", "\xbe": "ắ", "\xc6": "ặ",
    "\xc7": "ầ", "\xc8": "ẩ", "\xc9": "ẫ", "\xca": "ấ", "\xcb": "ậ",
    "\xcc": "è", "\xce": "ẻ", "\xcf": "ẽ", "\xd0": "é", "\xd1": "ẹ",
    "\xd2": "ề", "\xd3": "ể", "\xd4": "ễ", "\xd5": "ế", "\xd6": "ệ",
    "\xd7": "ì", "\xd8": "ỉ", "\xdc": "ĩ", "\xdd": "í", "\xde": "ị",
    "\xdf": "ò", "\xe1": "ỏ", "\xe2": "õ", "\xe3": "ó", "\xe4": "ọ",
    "\xe5": "ồ", "\xe6": "ổ", "\xe7": "ỗ", "\xe8": "ố", "\xe9": "ộ",
    "\xea": "ờ", "\xeb": "ở", "\xec": "ỡ", "\xed": "ớ", "\xee": "ợ",
    "\xef": "ù", "\xf1": "ủ", "\xf2": "ũ", "\xf3": "ú", "\xf4": "ụ",
    "\xf5": "ừ", "\xf6": "ử", "\xf7": "ữ", "\xf8": "ứ", "\xf9": "ự",
    "\xfa": "ỳ", "\xfb": "ỷ", "\xfc": "ỹ", "\xfd": "ý", "\xfe": "ỵ",
    # ư is byte 0xAD, the soft hyphen of Windows-1252; copied through other tools it is often
    # seen (and retyped) as a minus sign.
    "\u2212": "ư",
}  # fmt: skip

# VNI-Windows, small letters (capitals: each byte's Windows-1252 capital).
# The tones after a vowel (a, e, o, u, y, ơ, ư): byte → combining mark.
VNI_TONES: dict[str, str] = {
    "ù": "\u0301",  # sắc
    "ø": "\u0300",  # huyền
    "û": "\u0309",  # hỏi
    "õ": "\u0303",  # ngã
    "ï": "\u0323",  # nặng
}
# The shape after a, e, o — circumflex (â ê ô) alone or with its tone — and after a, the breve.
VNI_CIRCUMFLEX: dict[str, str] = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}  # fmt: skip
VNI_BREVE: dict[str, str] = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}  # fmt: skip
# One byte, one letter: ơ, ư (a tone may follow), đ, the toned i, ỵ.
VNI_LETTERS: dict[str, str] = {
    "ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
