"""rules/messages.yaml → a province's wording over the built-in messages.

The file has the catalogue's shape (any subset of ids, either language). A wrong one is reported
like a wrong rules file (`rules/messages.yaml:7 unreadable-file.en: …`), through the same YAML
reader, so the CLI can refuse it with exit 2 before any message is shown in the wrong words.
"""

from __future__ import annotations

import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gender_plan_cli.i18n import LANGS, Message, Plural, Text, built_in, set_overrides
from gender_plan_cli.yamlfile import RuleProblem, RulesError, locate, read_yaml

CONTRACT_WORDS = ("field.", "choice.", "choice-reform.")  # the contract's words: not reworded

Overrides = dict[str, dict[str, Text]]
Report = Callable[..., None]
FORMS = ("one", "other")


def use_message_file(path: Path, shown: str | None = None) -> None:
    """Check the file, then put its wording in force for every message rendered after."""
    set_overrides(read_message_file(path, shown))


def read_message_file(path: Path, shown: str | None = None) -> Overrides:
    """The file's texts by id and language, checked against the built-in messages; RulesError
    naming file, line and key of every problem."""
    shown = shown or str(path)
    data, root, _ = read_yaml(path, shown)
    problems: list[RuleProblem] = []

    def report(loc: list[str], message_id: str, **args: Any) -> None:
        line, key = locate(root, loc)
        problems.append(
            RuleProblem(file=shown, line=line, key=key, message_id=message_id, args=args)
        )

    messages = built_in()
    out: Overrides = {}
    for raw_id, entry in data.items():
        mid = str(raw_id)
        if mid not in messages:
            report([mid], "messages.unknown-id")
        elif mid.startswith("cli."):  # --help is shown before a command reads this file
            report([mid], "messages.help-id")
        elif mid.startswith(CONTRACT_WORDS):  # a return is read by them
            report([mid], "messages.contract-id")
        elif not isinstance(entry, dict):
            report([mid], "rules.mapping")
        else:
            out[mid] = _entry(mid, entry, messages[mid], report)
    if problems:
        raise RulesError(problems)
    return {mid: texts for mid, texts in out.items() if texts}


def _entry(mid: str, entry: dict[Any, Any], own: Message, report: Report) -> dict[str, Text]:
    count = next((side.count for side in own if isinstance(side, Plural)), None)
    texts: dict[str, Text] = {}
    for raw_key, value in entry.items():
        key = str(raw_key)
        if key == "plural":
            if count is None:
                report([mid, key], "rules.unknown-key")
            elif value != count:
                report([mid, key], "messages.plural", count=count)
        elif key not in LANGS:
            report([mid, key], "messages.language", choices=", ".join(LANGS))
        else:
            side = _side(value, own[LANGS.index(key)], [mid, key], report)
            if side is not None:
                texts[key] = side
    return texts


def _side(value: Any, own: Text, loc: list[str], report: Report) -> Text | None:
    """One language's text, in the built-in's shape: one template, or the forms of a plural."""
    if not isinstance(own, Plural):
        return _template(value, own, loc, report)
    if not isinstance(value, dict):
        report(loc, "messages.forms")
        return None
    for form in value:
        if str(form) not in FORMS:
            report([*loc, str(form)], "rules.unknown-key")
    forms = {}
    for form in FORMS:
        if form not in value:
            report([*loc, form], "rules.missing")
        else:
            forms[form] = _template(value[form], getattr(own, form), [*loc, form], report)
    one, other = forms.get("one"), forms.get("other")
    return Plural(own.count, one, other) if one is not None and other is not None else None


def _template(value: Any, own: str, loc: list[str], report: Report) -> str | None:
    """A text whose placeholders are exactly the built-in's: an argument the code does not give,
    or a format spec it did not choose, would break or bloat every message printed."""
    if not isinstance(value, str):
        report(loc, "rules.text")
        return None
    if not value.strip():
        report(loc, "rules.empty")
        return None
    try:
        found = _placeholders(value)
    except ValueError as exc:
        report(loc, "messages.template", reason=str(exc))
        return None
    expected = _placeholders(own)
    if found != expected:
        report(loc, "messages.placeholders", expected=_shown(expected), found=_shown(found))
        return None
    return value


def _placeholders(template: str) -> set[tuple[str, str, str]]:
    return {
        (name, spec or "", conversion or "")
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    }


def _shown(fields: set[tuple[str, str, str]]) -> str:
    shown = sorted(
        "{" + name + (f"!{conv}" if conv else "") + (f":{spec}" if spec else "") + "}"
        for name, spec, conv in fields
    )
    return ", ".join(shown) or "—"
