"""Every user-facing message, in Vietnamese and English, keyed by id.

A message says what is wrong and how to fix it, in words a clerk understands. The words are
data, in `messages.yaml` beside this module, read on first use so that `gplan --help` never
parses them. Arguments are filled with `str.format`; `{field}` arguments are field ids and
are shown as the field's label in the chosen language.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeAlias

LANGS = ("vi", "en")
MESSAGES_FILE = Path(__file__).resolve().parent / "messages.yaml"


@dataclass(frozen=True)
class Plural:
    """The forms of a text that counts: `one` when the argument named `count` is 1, else `other`.

    English needs them ("1 file", "2 files"); Vietnamese has no plural and keeps one text.
    """

    count: str
    one: str
    other: str

    def pick(self, args: Mapping[str, Any]) -> str:
        n = args.get(self.count)
        return self.one if n == 1 or n == "1" else self.other  # a count may come formatted


Text: TypeAlias = str | Plural
Message: TypeAlias = tuple[Text, Text]
"""A message's (Vietnamese, English) text."""

_built_in: Mapping[str, Message] | None = None
_in_force: Mapping[str, Message] | None = None  # the built-in with a province's wording over it


def built_in() -> Mapping[str, Message]:
    """Every message id → (vi, en) of messages.yaml, in its order; read once, on first use."""
    global _built_in
    if _built_in is None:
        _built_in = MappingProxyType(_read_catalogue(MESSAGES_FILE))
    return _built_in


def catalogue() -> Mapping[str, Message]:
    """The messages in force: the built-in ones, with a province's wording where it gave one."""
    return _in_force if _in_force is not None else built_in()


def set_overrides(texts: Mapping[str, Mapping[str, Text]]) -> None:
    """Put a province's wording (id → {lang: text}, checked by `render.wording`) over the
    built-in messages, replacing any given before; `{}` restores the built-in ones."""
    global _in_force
    merged = dict(built_in())
    for mid, by_lang in texts.items():
        vi, en = merged[mid]
        merged[mid] = (by_lang.get("vi", vi), by_lang.get("en", en))
    _in_force = MappingProxyType(merged) if texts else None


def _read_catalogue(path: Path) -> dict[str, Message]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when PyYAML has it
    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=loader)
    return {mid: _message(entry) for mid, entry in data.items()}


def _message(entry: Mapping[str, Any]) -> Message:
    def side(value: Any) -> Text:
        if isinstance(value, str):
            return value
        return Plural(entry["plural"], value["one"], value["other"])

    return side(entry["vi"]), side(entry["en"])


def default_lang() -> str:
    lang = os.environ.get("GPLAN_LANG", "vi").strip().lower()
    return lang if lang in LANGS else "vi"


def text(message_id: str, lang: str, **args: Any) -> str:
    return render_message(message_id, args, lang)


@lru_cache(maxsize=4)
def _choices(group: str, side: int) -> str:
    """Every level or unit type (`choice.<group>.*`, which no province rewords), in the
    contract's order: read once, not at each finding that lists them."""
    prefix = f"choice.{group}."
    return "; ".join(str(m[side]) for k, m in built_in().items() if k.startswith(prefix))


def render_message(message_id: str, args: dict[str, Any], lang: str) -> str:
    """The message in the language asked for; field ids in `field`/`whole` become labels.

    An id missing from the catalogue is a programming error (LookupError), never shown raw.
    """
    messages = catalogue()
    pair = messages.get(message_id)
    if pair is None:
        raise LookupError(f"no message {message_id!r} in {MESSAGES_FILE.name}")
    template = pair[0] if lang == "vi" else pair[1]
    if isinstance(template, Plural):
        template = template.pick(args)
    shown = dict(args)
    side = 0 if lang == "vi" else 1
    for name in ("field", "whole"):  # a field id becomes its label (contract.Field.label)
        label = messages.get(f"field.{shown.get(name)}.label")
        if label is not None:
            shown[name] = label[side]
    choices = shown.get("choices")
    if choices in ("level", "unit_type"):
        shown["choices"] = _choices(choices, side)
    source = shown.get("source")
    if isinstance(source, str) and f"year.{source}" in messages:
        shown["source"] = text(f"year.{source}", lang)
    for name, value in list(shown.items()):
        if isinstance(value, float):
            shown[name] = _number(value, lang)
    try:
        return template.format(**shown)
    except (KeyError, IndexError):
        return f"{template} {args}"


def _number(value: float, lang: str) -> str:
    if value.is_integer():
        return str(int(value))
    out = f"{value:.4f}".rstrip("0").rstrip(".")
    return out.replace(".", ",") if lang == "vi" else out
