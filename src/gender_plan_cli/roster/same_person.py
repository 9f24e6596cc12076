"""Who is the same person on a roster, and when two rows of one person are an error.

An identity column (số CCCD/CMND, mã số cán bộ, số hiệu công chức) decides when the row has
one; without it, the same name (case and spacing aside) and the same date of birth. The same
person twice in one unit is listed twice: an error at the later row, which is not counted. In
two units it is no error — a person may hold posts in both (kiêm nhiệm) — but when only the
name and the date of birth say so it may also be two people: said once per file, as a count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from itertools import compress, count


@dataclass
class SamePeople:
    """Positions (in the persons' order) of rows that are one person."""

    twice: list[tuple[int, int]] = field(default_factory=list)  # (later, first) in one unit
    across: list[tuple[int, int]] = field(default_factory=list)  # (later, first), two units


def same_people(
    who: Sequence[Hashable | None], units: Sequence[Hashable], by_name: Sequence[bool]
) -> SamePeople:
    """`who[j]`: person j's key (None: cannot be told); `units[j]`: their unit as written;
    `by_name[j]`: the key is a name and birth date (not an identity number). `across` holds
    one pair per person found in another unit by name and birth date only."""
    out = SamePeople()
    first: dict[Hashable, tuple[Hashable, int]] = {}
    spread: dict[Hashable, dict[Hashable, int]] = {}  # a key seen in two units or more
    shared = {k for k, n in Counter(who).items() if n > 1 and k is not None}
    for j in compress(count(), map(shared.__contains__, who)):  # a key met once says nothing
        k = who[j]
        hit = first.get(k)
        if hit is None:
            first[k] = (units[j], j)
            continue
        unit, j0 = hit
        if unit == units[j]:
            out.twice.append((j, j0))
            continue
        seen = spread.get(k)
        if seen is None:
            seen = spread[k] = {unit: j0}
            if by_name[j]:
                out.across.append((j, j0))
        earlier = seen.get(units[j])
        if earlier is not None:
            out.twice.append((j, earlier))
        else:
            seen[units[j]] = j
    return out
