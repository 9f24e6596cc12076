"""The words of a form's header and rows: field headers, header groups, ordinal columns, totals
rows, notes and the signature block.

They are data (`layout/headers.yaml`, extended by a `headers.yaml` next to the rules file in
force), loaded once, on first use, so `gplan --help` never reads YAML. Everything is matched on
`words.key` (diacritics kept) first; the diacritic-free `words.bare_key` is a fallback only when
no word with diacritics folds to the same bare key with another meaning (`Nam` ≠ `Năm`).
"""

from __future__ import annotations

from gender_plan_cli.layout.header_file import words
from gender_plan_cli.words import bare_key


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
