"""Pydantic records: one unit's return, and the result of reading one file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, overload

from pydantic import BaseModel, ConfigDict, Field, model_validator

from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR, PARTS
from gender_plan_cli.findings import CAP_NOTE, SEVERITY, Finding, as_code, counts_by_code

Level = str  # one of contract.LEVELS ids
UnitType = str  # one of contract.UNIT_TYPES ids

# Where a received date came from: a git commit, the form's signature line, the file's time,
# or the receipt the portal gave when the file arrived.
ReceivedFrom = Literal["git", "signature", "mtime", "portal"]


@dataclass(frozen=True)
class Received:
    day: date
    source: ReceivedFrom
    stamp: float  # seconds since the epoch, to order two returns received on the same day
    # The dates the other sources give for the same file (a signature line, the file time),
    # kept so that a status can say when they put the return on the other side of a deadline.
    others: tuple[tuple[date, ReceivedFrom], ...] = ()


def order_key(r: Received | None) -> tuple[str, float]:
    """Sorts received dates oldest first (the day, then the moment); unknown first of all."""
    return (r.day.isoformat(), r.stamp) if r is not None else ("", 0.0)


class RosterUnit(BaseModel):
    """One unit of a roster as written (code, name, UBND/HĐND), with its people counted."""

    code: str | None = None
    name: str | None = None
    body: str | None = None  # "ubnd" / "hdnd" when the positions or the unit say so
    report_year: int | None = None
    counts: dict[str, int] = {}
    first_row: int = 0  # the row of its first person, where a finding about the unit goes
    column: int | None = None  # the unit's column (code, else name), for that finding
    # The rows of its people, and of those the rows not counted (an error in the row: the same
    # person twice, no sex): the unit is counted from its other rows.
    rows: list[int] = []
    skipped: list[int] = []


class UnitRecord(BaseModel):
    """A valid unit row. Every constraint of the contract holds once this exists."""

    model_config = ConfigDict(frozen=True)

    unit_code: str = Field(min_length=1)
    unit_name: str = Field(min_length=1)
    parent_code: str | None = None
    level: Level
    unit_type: UnitType
    sector: str | None = None
    report_year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    staff_total: int = Field(ge=0)
    staff_female: int = Field(ge=0)
    key_leaders_total: int = Field(ge=0)
    key_leaders_female: int = Field(ge=0)
    leaders_total: int = Field(ge=0)
    leaders_female: int | None = Field(default=None, ge=0)
    pool_total: int = Field(ge=0)
    pool_female: int = Field(ge=0)
    pool_female_trained: int = Field(ge=0)
    ethnic_minority_area: bool = False
    ethnic_minority_population_pct: float | None = Field(default=None, ge=0, le=100)
    leaders_ethnic_minority: int | None = Field(default=None, ge=0)
    notes: str | None = None
    # Where the row came from, for messages.
    source_file: str = ""
    source_sheet: str | None = None
    source_row: int | None = None
    source_columns: dict[str, int] = Field(default_factory=dict, exclude=True)

    @model_validator(mode="after")
    def _parts_within_wholes(self) -> UnitRecord:
        for part, whole in PARTS:
            p, w = getattr(self, part), getattr(self, whole)
            if p is not None and w is not None and p > w:
                raise ValueError(f"{part} ({p}) > {whole} ({w})")
        if self.ethnic_minority_area and (
            self.ethnic_minority_population_pct is None or self.leaders_ethnic_minority is None
        ):
            raise ValueError("ethnic-minority area without population share or leaders")
        return self


class LayoutInfo(BaseModel):
    """How a sheet was read: shown by `check --explain` and in `check --format json`."""

    header_rows: list[int]
    number_row: int | None = None
    columns: dict[str, str | None] = {}  # column letter → field id, or None when not read
    headers: dict[str, str] = {}  # column letter → its header text
    rows: dict[str, int] = {}  # row kind → how many rows
    ranges: list[tuple[int, int, str]] = []  # (first, last, kind)
    year: dict[str, Any] | None = None  # where the report year came from (above the header)

    def document(self) -> dict[str, Any]:
        """The JSON object of a file's `layout`."""
        return {
            "header_rows": self.header_rows,
            "number_row": self.number_row,
            "columns": self.columns,
            "rows": self.rows,
            "year_from": self.year,
        }


_RECORD_FIELDS = tuple(UnitRecord.model_fields)
_ALL_SET = set(_RECORD_FIELDS)


def _record_from_values(values: tuple[Any, ...]) -> UnitRecord:
    """A row of `UnitRows` as a record, made as pydantic's own `__setstate__` restores one,
    without a second validation (its values were checked when the row was read)."""
    record = _new(UnitRecord)
    _set(record, "__dict__", dict(zip(_RECORD_FIELDS, values, strict=True)))
    _set(record, "__pydantic_fields_set__", _ALL_SET)  # shared: a frozen record never adds to it
    _set(record, "__pydantic_extra__", None)
    _set(record, "__pydantic_private__", None)
    return record


_new, _set = object.__new__, object.__setattr__


class UnitRows(Sequence[UnitRecord]):
    """The valid unit rows of one file, held as one list per field of `UnitRecord`.

    A large sheet's rows are checked a whole column at a time (`columns`) and never become
    200,000 objects in the worker that reads them: they are kept, pickled to the parent and
    filtered as columns. A `UnitRecord` is made of a row only when one is asked for (indexing
    or iterating), from values already checked against the same contract.
    """

    __slots__ = ("_columns", "_by_row")

    def __init__(self, records: Iterable[UnitRecord] = ()) -> None:
        self._columns: dict[str, list[Any]] = {f: [] for f in _RECORD_FIELDS}
        self._by_row: dict[int | None, int] | None = None
        for record in records:
            self.append(record)

    @classmethod
    def from_columns(cls, columns: dict[str, list[Any]]) -> UnitRows:
        """Rows from one list per field, all of one length; each row's values already meet
        every constraint of `UnitRecord` (the caller checked them: `columns.read_columns`)."""
        rows = cls()
        lengths = {len(v) for v in columns.values()}
        if set(columns) != set(_RECORD_FIELDS) or len(lengths) > 1:
            raise ValueError("one list per UnitRecord field, all of one length")
        rows._columns = {f: columns[f] for f in _RECORD_FIELDS}
        return rows

    def column(self, field: str) -> list[Any]:
        """Every row's value of one field, in row order (the list itself: do not change it)."""
        return self._columns[field]

    def append(self, record: UnitRecord) -> None:
        values = record.__dict__
        for f, column in self._columns.items():
            column.append(values[f])
        self._by_row = None

    def at_row(self, row: int | None) -> UnitRecord | None:
        """The record read from sheet row `row`, or None."""
        if self._by_row is None:
            self._by_row = {}
            for i, r in enumerate(self._columns["source_row"]):
                self._by_row.setdefault(r, i)
        at = self._by_row.get(row)
        return None if at is None else self[at]

    def without_rows(self, rows: set[int]) -> UnitRows:
        """The same rows but those read from sheet rows `rows`."""
        keep = [i for i, r in enumerate(self._columns["source_row"]) if r not in rows]
        out = UnitRows()
        out._columns = {f: [column[i] for i in keep] for f, column in self._columns.items()}
        return out

    def __len__(self) -> int:
        return len(self._columns["source_row"])

    @overload
    def __getitem__(self, index: int) -> UnitRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[UnitRecord]: ...
    def __getitem__(self, index: int | slice) -> UnitRecord | list[UnitRecord]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return _record_from_values(tuple(column[index] for column in self._columns.values()))

    def __iter__(self) -> Iterator[UnitRecord]:
        for values in zip(*self._columns.values(), strict=True):
            yield _record_from_values(values)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, UnitRows):
            return self._columns == other._columns
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    def __repr__(self) -> str:
        return f"UnitRows({len(self)} rows)"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its columns: a worker sends 200,000 rows to the parent as 24 lists (a
        value repeated by reference, as a sheet's column map, is written once)."""
        return (UnitRows.from_columns, (self._columns,))

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls._coerce,
            serialization=core_schema.plain_serializer_function_ser_schema(list),
        )

    @classmethod
    def _coerce(cls, value: Any) -> UnitRows:
        if isinstance(value, UnitRows):
            return value
        if isinstance(value, (list, tuple)) and all(isinstance(v, UnitRecord) for v in value):
            return cls(value)
        raise ValueError("records: a list of UnitRecord")


class FileResult(BaseModel):
    """Everything learnt from one submitted file (or from the registry of units)."""

    path: str
    role: Literal["return", "registry", "roster"] = "return"
    sheet: str | None = None
    report_year: int | None = None
    units: int = 0
    records: UnitRows = Field(default_factory=UnitRows)
    findings: list[Finding] = []
    # Findings past the cap (findings.MAX_FINDINGS_PER_FILE), by code: counted, not spelt out.
    more_findings: dict[str, int] = {}
    ignored_sheets: list[str] = []
    hidden_sheets: list[str] = []
    skipped_rows: list[int] = []
    # (report year or None, unit code, row) of every unit row, valid or not: a unit with a typo
    # elsewhere in its row is still a unit the data holds (as a parent, or as a duplicate).
    unit_codes: list[tuple[int | None, str, int]] = []
    code_column: int | None = None
    # The date line of the form's signature block (`ngày 10 tháng 12 năm 2025`), if any.
    signed_on: date | None = None
    layout: LayoutInfo | None = None
    # A person-level roster: its units as written, counted (records are made from them once the
    # registry is known, `roster.resolve`), and how many people it lists.
    roster_units: list[RosterUnit] = []
    persons: int = 0
    # A roster's rows not counted (`skipped_rows`), as people and the units they belong to.
    skipped_units: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error") + self._more("error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning") + self._more("warning")

    @property
    def notes(self) -> int:
        """Notes: worth knowing, never making the file invalid (the cap's own one not counted)."""
        said = sum(1 for f in self.findings if f.severity == "note" and f.message_id != CAP_NOTE)
        return said + self._more("note")

    def _more(self, severity: str) -> int:
        return sum(n for c, n in self.more_findings.items() if SEVERITY[as_code(c)] == severity)

    def finding_counts(self) -> dict[str, int]:
        """Every finding of the file by code, those past the cap included."""
        return counts_by_code(self.findings, self.more_findings)

    def valid(self, strict: bool = False) -> bool:
        return self.errors == 0 and (not strict or self.warnings == 0)


class CheckSummary(BaseModel):
    """The counts every `check` output ends with, computed in one place (and its JSON)."""

    model_config = ConfigDict(frozen=True)

    files: int
    invalid: int
    units: int
    errors: int
    warnings: int
    rows: dict[str, int]  # row kind → rows of that kind, over every file


class LoadResult(BaseModel):
    """Every file of one invocation, with the cross-file checks applied."""

    files: list[FileResult] = []
    # When each file (by its path as shown) was received: orders resubmissions, feeds `status`.
    received: dict[str, Received] = {}

    @property
    def records(self) -> list[UnitRecord]:
        return [r for f in self.files for r in f.records]

    @property
    def findings(self) -> list[Finding]:
        return [x for f in self.files for x in f.findings]

    def valid(self, strict: bool = False) -> bool:
        return all(f.valid(strict) for f in self.files)

    def summary(self, strict: bool = False) -> CheckSummary:
        return CheckSummary(
            files=len(self.files),
            invalid=sum(1 for f in self.files if not f.valid(strict)),
            units=sum(f.units for f in self.files if f.role != "registry"),
            errors=sum(f.errors for f in self.files),
            warnings=sum(f.warnings for f in self.files),
            rows=self.row_counts(),
        )

    def row_counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.files:
            for kind, n in (f.layout.rows if f.layout else {}).items():
                out[kind] = out.get(kind, 0) + n
        return out
