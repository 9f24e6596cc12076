"""The registry of units (danh mục đơn vị): who must report, under which parent, of which kind.

The Department keeps it as a workbook, a CSV or a YAML file. A workbook or CSV is read by the
same readers and header matching as a return (the columns `Mã đơn vị`, `Tên cơ quan, đơn vị`,
`Mã đơn vị cấp trên`, `Cấp`, `Loại hình`, `Ngành, lĩnh vực`, `Địa bàn có đồng bào DTTS`);
a YAML file is a list under `units:` with the keys `code`, `name`, `parent`, `level`,
`unit_type`, `sector`, `ethnic_minority_area`. A unit that was created or abolished during the
plan says so with `since` / `until` (columns `Từ năm` / `Đến năm`): a district abolished on
1 July 2025 has `until: 2024`, so 2024 returns still check clean. Its own problems (a code
twice, a parent that is not in it, a cycle of parents) are findings of the registry file.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from gender_plan_cli import findings as fnd
from gender_plan_cli.contract import FIELD_BY_ID, Kind
from gender_plan_cli.findings import CodeId, Finding
from gender_plan_cli.reading.limits import DEFAULT_LIMITS, Limits
from gender_plan_cli.records import FileResult
from gender_plan_cli.validation.parse import parse_value
from gender_plan_cli.words import bare_key, fold
from gender_plan_cli.yamlfile import safe_load

REGISTRY_FIELDS = (
    "unit_code",
    "unit_name",
    "parent_code",
    "level",
    "unit_type",
    "sector",
    "ethnic_minority_area",
)
_YAML_KEYS = {
    "code": "unit_code",
    "name": "unit_name",
    "parent": "parent_code",
    "level": "level",
    "unit_type": "unit_type",
    "sector": "sector",
    "ethnic_minority_area": "ethnic_minority_area",
    "since": "since",
    "until": "until",
}
_SPAN_HEADERS = {"tu nam": "since", "den nam": "until", "since": "since", "until": "until"}
# A contact address for reminders (optional): a column or key named like these, bare.
_EMAIL_HEADERS = ("email", "e-mail", "e mail", "thu dien tu", "dia chi thu dien tu")
NAMES = ("units.yaml", "units.yml", "units.xlsx", "units.csv", "units.ods", "units.xls")
MAX_YAML_BYTES = 8 * 1024 * 1024


class RegistryUnit(BaseModel):
    """One unit that must report."""

    code: str
    name: str
    parent_code: str | None = None
    level: str | None = None
    unit_type: str | None = None
    sector: str | None = None
    ethnic_minority_area: bool = False
    since: int | None = None  # first report year the unit must report, if not from the start
    until: int | None = None  # last report year, for a unit abolished during the plan
    email: str | None = None  # the unit's contact address, for reminders (optional)
    row: int | None = None  # where it is in the registry file, for messages

    def active(self, year: int) -> bool:
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )


class Registry(BaseModel):
    """Every unit that must report, by code, and what reading the registry found."""

    path: str
    units: dict[str, RegistryUnit] = {}
    file: FileResult

    def unit(self, code: str, year: int | None) -> RegistryUnit | None:
        """The registry's unit `code`, if it must report in `year` (any year when None)."""
        unit = self.units.get(code)
        return unit if unit is not None and (year is None or unit.active(year)) else None

    def expected(self, year: int) -> list[RegistryUnit]:
        """Every unit that must report for `year`, in registry order."""
        return [u for u in self.units.values() if u.active(year)]

    def closest(self, code: str, name: str | None) -> list[str]:
        """Up to three registry codes that look like `code`, or whose name looks like `name`."""
        by_code = difflib.get_close_matches(code, list(self.units), n=3, cutoff=0.6)
        by_name: list[str] = []
        if name:
            names = {fold(u.name): c for c, u in self.units.items()}
            hits = difflib.get_close_matches(fold(name), list(names), n=3, cutoff=0.7)
            by_name = [names[h] for h in hits]
        return list(dict.fromkeys(by_name + by_code))[:3]


def find_registry(explicit: Path | None, rules_dir: Path | None) -> Path | None:
    """`--units`, else GPLAN_UNITS, else a `units.*` file beside the rules file in use."""
    if explicit is not None:
        return explicit
    env = os.environ.get("GPLAN_UNITS", "").strip()
    if env:
        return Path(env)
    if rules_dir is not None:
        for name in NAMES:
            if (rules_dir / name).is_file():
                return rules_dir / name
    return None


class RegistryFile:
    """A registry known by its path, read when first asked for: a command hands it to
    `load_paths`, which reads it while the workers read the files."""

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = str(path)
        self._source, self._limits = path, limits
        self._loaded: Registry | None = None

    def load(self) -> Registry:
        if self._loaded is None:
            self._loaded = load_registry(self._source, self._limits)
        return self._loaded


def load_registry(path: Path, limits: Limits = DEFAULT_LIMITS) -> Registry:
    """The registry at `path`; problems become findings of its FileResult, never exceptions."""
    shown = str(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        rows, findings = _yaml_rows(path, shown)
    else:
        rows, findings = _sheet_rows(path, shown, limits)
    registry = Registry(path=shown, file=FileResult(path=shown, role="registry"))
    for row, values in rows:
        _add_unit(registry, row, values, findings)
    _check_parents(registry, findings)
    registry.file.units = len(registry.units)
    registry.file.findings = sorted(findings, key=Finding.sort_key)
    return registry


def _add_unit(
    registry: Registry, row: int | None, values: dict[str, Any], out: list[Finding]
) -> None:
    code = values.get("unit_code")
    if not code:
        out.append(_finding("missing-value", registry.path, row, "unit_code"))
        return
    if code in registry.units:
        first = registry.units[code].row
        out.append(
            _finding("registry-duplicate", registry.path, row, "unit_code", code, first=first)
        )
        return
    registry.units[code] = RegistryUnit(
        code=code,
        name=values.get("unit_name") or code,
        parent_code=values.get("parent_code") or None,
        level=values.get("level"),
        unit_type=values.get("unit_type"),
        sector=values.get("sector"),
        ethnic_minority_area=bool(values.get("ethnic_minority_area")),
        since=values.get("since"),
        until=values.get("until"),
        email=values.get("email"),
        row=row,
    )


def _check_parents(registry: Registry, out: list[Finding]) -> None:
    """Every parent is a unit of the registry, and no unit is its own ancestor."""
    units = registry.units
    for unit in units.values():
        parent = unit.parent_code
        if parent is not None and parent not in units:
            out.append(
                _finding("registry-unknown-parent", registry.path, unit.row, "parent_code", parent)
            )
    reported: set[str] = set()
    for code in units:
        cycle = _cycle_from(code, units)
        if cycle and not reported.intersection(cycle):
            reported.update(cycle)
            unit = units[code]
            out.append(
                _finding(
                    "registry-cycle",
                    registry.path,
                    unit.row,
                    "parent_code",
                    code,
                    cycle=" → ".join([*cycle, cycle[0]]),
                )
            )


def _cycle_from(code: str, units: dict[str, RegistryUnit]) -> list[str]:
    """The cycle of parents `code` leads into, or [] when its chain ends."""
    seen: dict[str, int] = {}
    chain: list[str] = []
    current: str | None = code
    while current is not None and current in units:
        if current in seen:
            return chain[seen[current] :]
        seen[current] = len(chain)
        chain.append(current)
        current = units[current].parent_code
    return []


def _finding(
    code: CodeId, shown: str, row: int | None, fid: str, value: Any = None, **args: Any
) -> Finding:
    return fnd.make(code, shown, row=row, field=fid, value=value, **args)


def _yaml_rows(path: Path, shown: str) -> tuple[list[tuple[int, dict[str, Any]]], list[Finding]]:
    """The `units:` list of a YAML registry, each entry parsed like a cell of a return."""
    import yaml

    problem = _yaml_problem(path)
    if problem is not None:
        return [], [fnd.make("unreadable-file", shown, reason=problem)]
    try:
        with path.open(encoding="utf-8") as fh:
            data = safe_load(fh)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        return [], [fnd.make("unreadable-file", shown, reason=type(exc).__name__)]
    entries = data.get("units") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return [], [fnd.make("unreadable-file", shown, message_id="registry.yaml-shape")]
    rows: list[tuple[int, dict[str, Any]]] = []
    findings: list[Finding] = []
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            findings.append(fnd.make("type-error", shown, row=i, message_id="registry.yaml-entry"))
            continue
        raw = {fid: entry.get(k) for k, fid in _YAML_KEYS.items()}
        values = _parse_values(raw, shown, i, None, findings)
        email = next((v for k, v in entry.items() if bare_key(str(k)) in _EMAIL_HEADERS), None)
        if isinstance(email, str) and email.strip():
            values["email"] = email.strip()
        rows.append((i, values))
    return rows, findings


def _yaml_problem(path: Path) -> str | None:
    """A registry path that is not a regular file of sensible size is refused before reading."""
    try:
        st = path.stat()
    except OSError as exc:
        return exc.strerror or type(exc).__name__
    if not path.is_file():
        return "not a regular file"
    if st.st_size > MAX_YAML_BYTES:
        return f"larger than {MAX_YAML_BYTES // (1024 * 1024)} MB"
    return None


def _sheet_rows(
    path: Path, shown: str, limits: Limits
) -> tuple[list[tuple[int, dict[str, Any]]], list[Finding]]:
    """The unit rows of a registry workbook or CSV, read like a return."""
    from gender_plan_cli.layout import classify, locate
    from gender_plan_cli.reading import open_book
    from gender_plan_cli.reading.limits import as_problem, problem_finding

    try:
        book = open_book(path, limits)
    except BaseException as exc:  # a reader's problem, as for a return
        return [], [problem_finding(shown, as_problem(exc))]
    try:
        for info in book.sheets:
            grid = book.grid(info)
            layout = locate(grid)
            if layout is None or "unit_code" not in layout.fields:
                continue
            findings: list[Finding] = []
            span = {
                _SPAN_HEADERS[bare_key(c.header)]: c.index
                for c in layout.columns
                if c.field is None and bare_key(c.header) in _SPAN_HEADERS
            }
            columns = {**layout.fields, **span}
            email = next(
                (c.index for c in layout.columns if bare_key(c.header) in _EMAIL_HEADERS), None
            )
            rows = [
                (
                    r,
                    _parse_values(_cells(grid.rows[r - 1], columns), shown, r, columns, findings),
                )
                for r in classify(grid, layout).units
            ]
            if email is not None:
                for r, values in rows:
                    _add_email(values, grid.rows[r - 1], email)
            return rows, findings
    except BaseException as exc:
        return [], [problem_finding(shown, as_problem(exc))]
    finally:
        book.close()
    return [], [fnd.make("no-header", shown, message_id="registry.no-header")]


def _add_email(values: dict[str, Any], cells: list[Any], column: int) -> None:
    value = cells[column - 1] if column <= len(cells) else None
    if isinstance(value, str) and value.strip():
        values["email"] = value.strip()


def _cells(cells: list[Any], fields: dict[str, int]) -> dict[str, Any]:
    return {
        fid: cells[fields[fid] - 1] if fid in fields and fields[fid] <= len(cells) else None
        for fid in (*REGISTRY_FIELDS, "since", "until")
    }


def _parse_values(
    raw: dict[str, Any],
    shown: str,
    row: int,
    columns: dict[str, int] | None,
    out: list[Finding],
) -> dict[str, Any]:
    """Registry values parsed as a return's cells are; a value that does not parse is reported."""
    values: dict[str, Any] = {}
    for fid, value in raw.items():
        kind = Kind.YEAR if fid in ("since", "until") else FIELD_BY_ID[fid].kind
        if kind is Kind.TEXT and value is not None and not isinstance(value, str):
            value = str(value)
        parsed = parse_value(kind, value)
        if parsed.problem is not None:
            column = columns.get(fid) if columns else None
            out.append(
                fnd.make(
                    fnd.as_code(parsed.problem.code),
                    shown,
                    row=row,
                    column=column,
                    field=fid,
                    value=value
                    if value is None or isinstance(value, (str, int, float))
                    else str(value),
                    message_id=parsed.problem.message_id,
                    **(parsed.problem.extra or {}),
                )
            )
        elif parsed.value is not None:
            values[fid] = parsed.value
    return values


def units_of(registry: Registry | None) -> Iterator[RegistryUnit]:
    return iter(registry.units.values()) if registry is not None else iter(())
