"""A position title → a role (key leader, leader, staff) and the body it belongs to.

The titles are data (`roles.yaml`, or a `roles.yaml` beside the rules file). A position is
matched on its folded words: the longest title that starts it wins, a cell holding several
positions takes the highest role, and the agency words (`UBND`, `Ủy ban nhân dân`, `HĐND`,
`Hội đồng nhân dân`) say whether a `Chủ tịch` chairs the People's Committee or the Council.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from gender_plan_cli.words import bare_key
from gender_plan_cli.yamlfile import safe_load

Role = Literal["key_leader", "leader", "staff"]
RANK: dict[str, int] = {"staff": 1, "leader": 2, "key_leader": 3}
BODIES = ("ubnd", "hdnd")
# The agency words, folded without diacritics, and the body each names.
_AGENCY = (
    ("uy ban nhan dan", "ubnd"),
    ("ubnd", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("hdnd", "hdnd"),
)
_PARTS = re.compile(r"[,;\n]|\bkiêm\b|\bkiem\b", re.IGNORECASE)


@dataclass(frozen=True)
class Title:
    """One title of the roles file, folded."""

    key: str
    role: Role
    bodies: tuple[str, ...] = ()  # empty: any body, or none


def body_of(text: str | None) -> str | None:
    """`ubnd` / `hdnd` when the text names the People's Committee or Council (first named)."""
    if not text:
        return None
    k = f" {bare_key(text)} "
    hits = [(k.find(f" {words} "), body) for words, body in _AGENCY if f" {words} " in k]
    return min(hits)[1] if hits else None


def role_of(
    position: str, titles: tuple[Title, ...], unit_body: str | None
) -> tuple[Role, str | None] | None:
    """(role, body) of a position cell; None when no title matches any of its parts.

    `titles` are longest first. `unit_body` is the body the unit's own name gives, used when
    the position names none (`Chủ tịch` in a roster of `UBND xã Cổ Đô`).
    """
    body = body_of(position) or unit_body
    best: Role | None = None
    for part in _PARTS.split(position):
        k = bare_key(part)
        if not k:
            continue
        for t in titles:
            if (k == t.key or k.startswith(t.key + " ")) and (not t.bodies or body in t.bodies):
                if best is None or RANK[t.role] > RANK[best]:
                    best = t.role
                break
    return (best, body) if best is not None else None


def load_titles(path: Path) -> tuple[Title, ...]:
    """The titles of a roles file, longest first; a malformed file raises ValueError."""
    with path.open(encoding="utf-8") as fh:
        data = safe_load(fh)
    entries = data.get("titles") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: no `titles:` list")
    titles = [_title(path, i, e) for i, e in enumerate(entries, start=1)]
    return tuple(sorted(titles, key=lambda t: -len(t.key)))


def _title(path: Path, i: int, entry: Any) -> Title:
    if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
        raise ValueError(f"{path}: titles[{i}] needs a `title:`")
    role = entry.get("role")
    if role not in RANK:
        raise ValueError(f"{path}: titles[{i}].role must be key_leader, leader or staff")
    bodies = entry.get("body") or []
    bodies = [bodies] if isinstance(bodies, str) else bodies
    if not isinstance(bodies, list) or any(b not in BODIES for b in bodies):
        raise ValueError(f"{path}: titles[{i}].body must be ubnd and/or hdnd")
    return Title(bare_key(entry["title"]), role, tuple(bodies))
