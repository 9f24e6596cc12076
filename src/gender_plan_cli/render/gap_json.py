"""`gap --format json`: the stable shape of docs/spec/indicators.md, rendered from the GapReport.

Rates are fractions (0–1) with 12 decimal places (`indicators.JSON_DIGITS`); counts are exact
integers. The document's keys are GapReport's fields, in their order.

The document is exactly `report.model_dump_json(indent=2)`, written a piece at a time
(`gap_json_chunks`): 200,000 per-unit results are ~170 MB of JSON, which pydantic would build
in one growing buffer (about twice that at its peak) before a byte of it is written.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from gender_plan_cli.targets.results import Adjustment, GapReport, IndicatorResult, UnitResult

CHUNK_ITEMS = 5_000  # list items serialised at a time: ~4 MB of JSON
_LISTS = ("units", "adjustments")  # the lists of an IndicatorResult that grow with the units
_MARK = "\x00gplan-list-%d\x00"  # a marker item's code (pydantic writes it \u0000gplan-list-…)


def gap_json_bytes(report: GapReport) -> bytes:
    """The whole document at once (for tests and small reports)."""
    return b"".join(gap_json_chunks(report))


def gap_json_chunks(report: GapReport, chunk_items: int = CHUNK_ITEMS) -> Iterator[bytes]:
    """`report.model_dump_json(indent=2)` as UTF-8 bytes, in pieces of at most `chunk_items`
    list items.

    The report is serialised once with each long list of an indicator replaced by a list of
    one marker item (a small document: the long lists are out). Each marker's list is then
    written as the real list, `chunk_items` items at a time, serialised by the same pydantic
    schema and indented to the marker's depth. Should a marker's text occur anywhere else in
    that small document (a unit code spelt like one), the whole document is written at once.
    """
    holes: list[tuple[str, list[Any]]] = []
    skeleton = report.model_copy(
        update={
            "indicators": _holed(report.indicators, holes, chunk_items),
            "groups": [
                g.model_copy(update={"indicators": _holed(g.indicators, holes, chunk_items)})
                for g in report.groups
            ],
        }
    )
    doc = type(skeleton).__pydantic_serializer__.to_json(skeleton, indent=2)
    marks = [json_string(_MARK % k) for k in range(len(holes))]
    if any(doc.count(mark) != 1 for mark in marks):
        yield type(report).__pydantic_serializer__.to_json(report, indent=2)
        return
    at = 0
    for mark_text, (kind, items) in zip(marks, holes, strict=True):
        mark = doc.index(mark_text, at)
        start = doc.rindex(b"[", at, mark)  # the marker item holds no "[" or "]" of its own
        end = doc.index(b"]", mark) + 1
        yield doc[at:start]
        pad = b" " * (start - doc.rfind(b"\n", 0, start) - 1 - len(f'"{kind}": '))
        yield from _list_chunks(kind, items, pad, chunk_items)
        at = end
    yield doc[at:]


def _holed(
    indicators: list[IndicatorResult], holes: list[tuple[str, list[Any]]], chunk_items: int
) -> list[IndicatorResult]:
    """`indicators` with each list longer than one chunk replaced by a numbered marker."""
    out = []
    for ind in indicators:
        update: dict[str, Any] = {}
        for kind in _LISTS:
            items = getattr(ind, kind)
            if len(items) > chunk_items:
                update[kind] = [_marker(kind, _MARK % len(holes))]
                holes.append((kind, items))
        out.append(ind.model_copy(update=update) if update else ind)
    return out


def _list_chunks(kind: str, items: list[Any], pad: bytes, chunk_items: int) -> Iterator[bytes]:
    """`items` as pydantic writes a non-empty list whose key is indented by `pad`."""
    to_json = _serializer(kind).to_json
    newline = b"\n" + pad
    yield b"["
    for i in range(0, len(items), chunk_items):
        piece = to_json(items[i : i + chunk_items], indent=2)  # b'[\n  {...},\n  {...}\n]'
        yield (b",\n" if i else b"\n") + pad + piece[2:-2].replace(b"\n", newline)
    yield newline + b"]"


def _marker(kind: str, code: str) -> Any:
    """One list item of `kind` whose code is `code` and whose other values hold no bracket."""
    if kind == "units":
        return UnitResult(
            unit_code=code,
            unit_name="",
            met=False,
            target=None,
            adjusted=False,
            actual=0,
            base=0,
            required=0.0,
            rate=None,
            shortfall=0,
        )
    return Adjustment.model_construct(
        unit_code=code,
        unit_name="",
        sector=None,
        share=None,
        basis="approved",
        mode="approved",
        target=None,
        exempt=False,
        met=False,
    )


def json_string(text: str) -> bytes:
    """`text` as pydantic writes a JSON string."""
    from pydantic_core import to_json

    return to_json(text)


@cache
def _serializer(kind: str) -> Any:
    from pydantic import TypeAdapter

    item = UnitResult if kind == "units" else Adjustment
    return TypeAdapter(list[item]).serializer  # type: ignore[valid-type]
