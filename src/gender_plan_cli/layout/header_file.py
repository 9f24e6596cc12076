"""headers.yaml → `HeaderWords`: the bundled words, extended by a province's file, and the
words in force for a run (`words()`).

A wrong file is reported like a wrong rules file (`rules/headers.yaml:12 fields.staf_total:
…`), through the same YAML reader, so `gplan rules` can refuse it with exit 2.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict

from gender_plan_cli.contract import FIELDS
from gender_plan_cli.words import key, strip_marks
from gender_plan_cli.yamlfile import RuleProblem, RulesError, load_yaml_model

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


Words = list[str]


def _known(fid: str) -> str:
    if fid not in LAYOUT_FIELDS:
        raise ValueError(f"not a field id; one of: {', '.join(LAYOUT_FIELDS)}")
    return fid


FieldId = Annotated[str, AfterValidator(_known)]


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid")
    parents: Words
    children: dict[FieldId, Words] = {}


class _Totals(BaseModel):
    model_config = ConfigDict(extra="forbid")
    words: Words = []
    prefixes: Words = []
    grand_prefixes: Words = []


class HeaderFile(BaseModel):
    """One headers.yaml; every key optional, so a province's file lists only its additions."""

    model_config = ConfigDict(extra="forbid")
    fields: dict[FieldId, Words] = {}
    groups: list[_Group] = []
    connectors: Words = []
    standalone: dict[FieldId, Words] = {}
    ordinal: Words = []
    totals: _Totals = _Totals()
    signature: Words = []
    notes: Words = []


def read_header_file(path: Path, shown: str | None = None) -> HeaderFile:
    """One file, validated; RulesError naming file, line and key."""
    return load_yaml_model(path, HeaderFile, shown)


def load_header_words(paths: list[tuple[Path, str]]) -> HeaderWords:
    """The files (path, as shown) in order, each one's lists added to the previous ones'."""
    files = [read_header_file(p, shown) for p, shown in paths]
    if not files:
        raise RulesError([RuleProblem(file="headers.yaml", message_id="rules.missing")])
    return HeaderWords(
        fields=_merged([f.fields for f in files]),
        groups=tuple(
            (tuple(g.parents), {k: tuple(v) for k, v in g.children.items()})
            for f in files
            for g in f.groups
        ),
        connectors=_joined(f.connectors for f in files),
        standalone=_merged([f.standalone for f in files]),
        ordinal=_joined(f.ordinal for f in files),
        total_words=_joined(f.totals.words for f in files),
        total_prefixes=_joined(f.totals.prefixes for f in files),
        grand_prefixes=_joined(f.totals.grand_prefixes for f in files),
        signature=_joined(f.signature for f in files),
        notes=_joined(f.notes for f in files),
        source=tuple(shown for _, shown in paths),
    )


def _joined(lists: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(w for words in lists for w in words))


def _merged(maps: list[dict[str, Words]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for m in maps:
        for fid, names in m.items():
            out.setdefault(fid, []).extend(names)
    return {fid: tuple(dict.fromkeys(names)) for fid, names in out.items()}
