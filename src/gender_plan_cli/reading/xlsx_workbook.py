"""An .xlsx's workbook parts: the sheets workbook.xml lists and the cell styles that show a
percentage, each parse remembered for the small parts a folder of one template repeats."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from gender_plan_cli.reading.limits import ReadProblem
from gender_plan_cli.reading.zipguard import workbook_part

_PERCENT_BUILTIN = {9, 10}

STRUCTURE = frozenset(
    {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "docProps/core.xml"}
)
_PARSED_MAX = 256 * 1024  # structural parts up to this size have their parse remembered


def remembered(parse: Any, *parts: bytes) -> Any:
    """`parse(*parts)`, remembered for small parts: a folder of returns made from one template
    holds the same workbook.xml, rels and styles.xml again and again."""
    if sum(map(len, parts)) <= _PARSED_MAX:
        return _parsed(parse, *parts)
    return parse(*parts)


@lru_cache(maxsize=64)
def _parsed(parse: Any, *parts: bytes) -> Any:
    return parse(*parts)


def sheet_entries(book: bytes, rels_xml: bytes) -> tuple[tuple[str, str | None, bool], ...]:
    """(name, zip member or None, hidden) of each sheet workbook.xml lists, in its order."""
    from defusedxml import ElementTree

    try:
        rels_root = ElementTree.fromstring(rels_xml)
        root = ElementTree.fromstring(book)
    except Exception as exc:  # defusedxml refusals and malformed XML alike
        raise ReadProblem("unreadable-file", "unreadable-file", reason=str(exc)) from None
    targets = {}
    for rel in rels_root:
        targets[rel.get("Id")] = workbook_part(rel.get("Target") or "")
    sheets = []
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if k.endswith("}id")), None)
        state = el.get("state") or "visible"
        sheets.append((el.get("name") or "?", targets.get(rid), state != "visible"))
    return tuple(sheets)


def percent_styles(styles: bytes) -> frozenset[int]:
    """The cell formats (indexes into cellXfs) that show a number as a percentage."""
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(styles)
    except Exception:
        return frozenset()
    percent_fmts = set(_PERCENT_BUILTIN)
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "numFmt" and "%" in (el.get("formatCode") or "").replace("\\%", ""):
            percent_fmts.add(int(el.get("numFmtId") or -1))
    ids: set[int] = set()
    for el in root.iter():
        if el.tag.rsplit("}", 1)[-1] == "cellXfs":
            for i, xf in enumerate(el):
                if int(xf.get("numFmtId") or 0) in percent_fmts:
                    ids.add(i)
            break
    return frozenset(ids)
