"""headers.yaml → `HeaderWords`: the bundled words, extended by a province's file.

A wrong file is reported like a wrong rules file (`rules/headers.yaml:12 fields.staf_total:
…`), through the same YAML reader, so `gplan rules` can refuse it with exit 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict

from gender_plan_cli.layout.headers import LAYOUT_FIELDS, HeaderWords
from gender_plan_cli.targets.rules import RuleProblem, RulesError, load_yaml_model

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
