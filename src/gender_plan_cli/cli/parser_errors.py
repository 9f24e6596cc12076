"""The option parser's mistakes (a missing PATH, a bad `--by`, an unknown option) told in the
user's language, in the same red panel as every other usage error."""

from __future__ import annotations

import re
from typing import Any

from gender_plan_cli.i18n import LANGS, default_lang, text

try:  # Typer ≥ 0.24 carries its own copy of Click
    from typer._click.exceptions import (
        BadOptionUsage,
        BadParameter,
        MissingParameter,
        NoSuchOption,
        UsageError,
    )
except ImportError:  # pragma: no cover - older Typer on Click itself
    from click.exceptions import (  # type: ignore[no-redef,assignment]
        BadOptionUsage,
        BadParameter,
        MissingParameter,
        NoSuchOption,
        UsageError,
    )

_NOT_ONE_OF = re.compile(r"(?:Value error, )?('.*?') is not one of (.+?)\.?$")
_NOT_NUMBER = re.compile(r"('.*?') is not a valid (integer|float)\.?$")
_BOUND = re.compile(r"Input should be (greater|less) than or equal to (\S+?)\.?$")
_INPUT_NUMBER = re.compile(r"Input should be a valid (integer|number)")
_NO_COMMAND = re.compile(r"No such command ('.*?')\.(.*)$")
_EXTRA = re.compile(r"Got unexpected extra arguments? \((.*)\)$")


def argv_lang(argv: list[str]) -> str:
    """The language a command line asks for (`--lang en`, `--lang=en`), else GPLAN_LANG, else vi."""
    for i, arg in enumerate(argv):
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGS:
            return value
    return default_lang()


def _hint(exc: BadParameter) -> str:
    if exc.param_hint is not None:
        hint: Any = exc.param_hint
        return " / ".join(f"'{h}'" for h in hint) if not isinstance(hint, str) else hint
    if exc.param is None:
        return ""
    try:
        return str(exc.param.get_error_hint())  # type: ignore[call-arg]
    except TypeError:  # Click itself takes the context
        return str(exc.param.get_error_hint(exc.ctx))  # type: ignore[arg-type,call-arg]


def _detail(message: str, lang: str) -> str:
    if m := _NOT_ONE_OF.match(message):
        return text("parser.not-one-of", lang, value=m[1], choices=m[2])
    if m := _NOT_NUMBER.match(message):
        return text(f"parser.not-{m[2]}", lang, value=m[1])
    if m := _INPUT_NUMBER.match(message):
        return text(f"parser.input-{m[1]}", lang)
    if m := _BOUND.match(message):
        return text(f"parser.{'min' if m[1] == 'greater' else 'max'}", lang, bound=m[2])
    return message


def message_of(exc: UsageError, lang: str) -> str:
    """One sentence for a usage error of the parser, in `lang`."""
    if isinstance(exc, MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        kind_text = text(f"parser.kind.{kind}", lang)
        return text("parser.missing", lang, kind=kind_text, name=_hint(exc))
    if isinstance(exc, BadParameter):
        return text("parser.invalid", lang, name=_hint(exc), detail=_detail(exc.message, lang))
    if isinstance(exc, NoSuchOption):
        line = text("parser.no-such-option", lang, name=exc.option_name)
        if exc.possibilities:
            names = ", ".join(sorted(exc.possibilities))
            line += " " + text("parser.did-you-mean", lang, names=names)
        return line
    if isinstance(exc, BadOptionUsage) and "requires an argument" in exc.message:
        return text("parser.needs-value", lang, name=exc.option_name)
    if m := _NO_COMMAND.match(exc.message):
        return text("parser.no-such-command", lang, name=m[1]) + m[2]
    if m := _EXTRA.match(exc.message):
        return text("parser.extra-argument", lang, names=m[1])
    return text("parser.other", lang, detail=exc.format_message())


def panel_text(exc: UsageError, lang: str) -> str:
    """What the red panel says: the usage line, the error, where to find help."""
    lines = []
    command = exc.ctx.command_path if exc.ctx is not None else "gplan"
    if exc.ctx is not None:
        usage = exc.ctx.get_usage()
        lines.append(usage.replace("Usage:", text("parser.usage", lang), 1))
    lines.append(message_of(exc, lang))
    lines.append(text("parser.hint", lang, command=command))
    return "\n".join(lines)


def is_usage_error(exc: BaseException) -> bool:
    """A mistake on the command line (not `gplan` alone, which shows the help)."""
    return isinstance(exc, UsageError) and type(exc).__name__ != "NoArgsIsHelpError"
