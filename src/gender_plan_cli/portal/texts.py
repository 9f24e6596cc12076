"""The portal's words: the `portal.*` entries of messages.yaml, Vietnamese first, English beside.

They are data like every other message (a province may reword them in rules/messages.yaml);
this module only gives them to the views (`t`) and to the templates (`texts`).
"""

from __future__ import annotations

from gender_plan_cli.i18n import Plural, catalogue, text

PREFIX = "portal."


def t(key: str, lang: str, **args: object) -> str:
    """The text of `portal.<key>` in `lang`, its placeholders filled when args are given."""
    if args:
        return text(PREFIX + key, lang, **args)
    return _raw(catalogue()[PREFIX + key], lang)


def texts(lang: str) -> dict[str, str]:
    """Every portal text in one language, for a template: `{{ t.key }}` (dots written `_`)."""
    return {
        mid[len(PREFIX) :].replace(".", "_"): _raw(pair, lang)
        for mid, pair in catalogue().items()
        if mid.startswith(PREFIX)
    }


def _raw(pair: tuple[str | Plural, str | Plural], lang: str) -> str:
    words = pair[1] if lang == "en" else pair[0]
    return words.other if isinstance(words, Plural) else words
