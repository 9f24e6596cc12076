"""What a cell says, as the layout reads it: its text, whether it is a figure."""

from __future__ import annotations

import re
from typing import Any

_NUMBER_TEXT = re.compile(r"^[+-]?[\d.,\s\u00a0]*\d[\d.,\s\u00a0%]*$")


def text_of(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_number_like(value: Any) -> bool:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and bool(_NUMBER_TEXT.match(value.strip()))
