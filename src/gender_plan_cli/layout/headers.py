"""The words of a form's header and rows: field headers, header groups, ordinal columns, totals
rows, notes and the signature block.

They are data (`layout/headers.yaml`, extended by a `headers.yaml` next to the rules file in
force), loaded once, on first use, so `gplan --help` never reads YAML. Everything is matched on
`words.key` (diacritics kept) first; the diacritic-free `words.bare_key` is a fallback only when
no word with diacritics folds to the same bare key with another meaning (`Nam` ≠ `Năm`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gender_plan_cli.contract import FIELDS
from gender_plan_cli.words import bare_key, key, strip_marks

# A layout-only field: the male count of a `Giới tính` › `Nam` | `Nữ` header. With no total
# column, the total is read as Nam + Nữ (validate says so in a finding).
STAFF_MALE = "staff_male"
LAYOUT_FIELDS = (*(f.id for f in FIELDS), STAFF_MALE)


_SEEN_MAX = 65_536


class Vocab:
    """Words → meanings, exact first, diacritic-free only where that is unambiguous."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.exact: dict[str, str] = {}
        bare: dict[str, set[str]] = {}
        for word, meaning in pairs:
            k = key(word)
            if not k:
                continue
            self.exact.setdefault(k, meaning)
            bare.setdefault(strip_marks(k), set()).add(self.exact[k])
        self.bare = {b: next(iter(m)) for b, m in bare.items() if len(m) == 1}
        self._seen: dict[str, str | None] = {}  # every form repeats the same headers

    def get(self, text: str) -> str | None:
        if text in self._seen:
            return self._seen[text]
        k = key(text)
        found = (self.exact.get(k) or self.bare.get(strip_marks(k))) if k else None
        if len(self._seen) >= _SEEN_MAX:  # a hostile sheet of unique texts: memory stays bounded
            self._seen.clear()
        self._seen[text] = found
        return found


@dataclass
class HeaderWords:
    """The header and row words in force."""

    fields: dict[str, tuple[str, ...]]
    groups: tuple[tuple[tuple[str, ...], dict[str, tuple[str, ...]]], ...]
    connectors: tuple[str, ...]
    standalone: dict[str, tuple[str, ...]]
    ordinal: tuple[str, ...]
    total_words: tuple[str, ...]
    total_prefixes: tuple[str, ...]
    grand_prefixes: tuple[str, ...]
    signature: tuple[str, ...]
    notes: tuple[str, ...]
    source: tuple[str, ...] = field(default=())
    single: Vocab = field(init=False, repr=False)
    group_vocabs: tuple[tuple[Vocab, Vocab], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.single = _single_vocab(self)
        self.group_vocabs = _group_vocabs(self)


def bundled_headers() -> Path:
    return Path(__file__).resolve().parent / "headers.yaml"


def local_headers(cwd: Path | None = None) -> Path:
    """`rules/headers.yaml` in the current folder: the province's additions."""
    return (cwd or Path.cwd()) / "rules" / "headers.yaml"


@lru_cache(maxsize=1)
def words() -> HeaderWords:
    """The bundled words, extended by `rules/headers.yaml` in the current folder when present."""
    from gender_plan_cli.layout.header_file import load_header_words

    local = local_headers()
    paths = [(bundled_headers(), "headers.yaml (gplan)")]
    if local.is_file():
        paths.append((local, "rules/headers.yaml"))
    return load_header_words(paths)


def _single_vocab(hw: HeaderWords) -> Vocab:
    pairs: list[tuple[str, str]] = []
    for f in FIELDS:
        pairs.extend((name, f.id) for name in (f.id, f.label_vi, f.label_en, *f.aliases))
    for fid, names in hw.fields.items():
        pairs.extend((n, fid) for n in names)
    # The gender words are words with a meaning of their own: `Nam` never folds into `Năm`.
    for fid, names in hw.standalone.items():
        pairs.extend((n, "~" + fid) for n in names)
    return Vocab(pairs)


def _group_vocabs(hw: HeaderWords) -> tuple[tuple[Vocab, Vocab], ...]:
    out = []
    for parents, children in hw.groups:
        pv = Vocab([(p, "parent") for p in parents])
        cv = Vocab([(n, fid) for fid, names in children.items() for n in names])
        out.append((pv, cv))
    return tuple(out)


def match_header(text: str) -> str | None:
    """The field a header names on its own; None for no field or a word that needs context."""
    found = words().single.get(text)
    return None if found is None or found.startswith("~") else found


def match_standalone(text: str) -> str | None:
    """The field of a short header (`Tổng số`, `Nữ`, `Nam`) read in context."""
    found = words().single.get(text)
    return found[1:] if found is not None and found.startswith("~") else None


def is_group_parent(text: str) -> bool:
    return any(pv.get(text) for pv, _ in words().group_vocabs)


def is_group_child(text: str) -> bool:
    """Whether `text` is a child's word under some parent (`match_child` can find it)."""
    return any(cv.get(text) for _, cv in words().group_vocabs)


def match_child(parent: str, child: str) -> str | None:
    """The field of a child header read together with its merged parent."""
    for pv, cv in words().group_vocabs:
        if pv.get(parent):
            found = cv.get(child)
            if found:
                return found
    return None


def is_connector(text: str) -> bool:
    k = bare_key(text)
    return any(k == bare_key(c) for c in words().connectors)


def is_ordinal_header(text: str) -> bool:
    return bare_key(text) in {bare_key(o) for o in words().ordinal}
