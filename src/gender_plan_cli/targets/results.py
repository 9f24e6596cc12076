"""What an evaluation returns: per-unit figures, indicator results, groups, the gap report.

Pydantic models (validated once, serialised in one pass), rendered by every output of `gap`,
`report` and `trend`. The computations that fill them are in `indicators` and `assess`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Literal

from pydantic import BaseModel, Field, PlainSerializer, PrivateAttr
from typing_extensions import TypedDict

from gender_plan_cli.contract import MissingMode
from gender_plan_cli.records import FileResult
from gender_plan_cli.targets.rules import LowFemaleMode, ShareBasis

# Digits kept for fractions in JSON and CSV: free of float noise (0.6599999999999999 is written
# 0.66) yet exact enough that a rate a hair under its target never prints as equal to it
# (2,999,999 of 5,000,000 is 0.5999998, not 0.6).
JSON_DIGITS = 12
Fraction = Annotated[float, PlainSerializer(lambda v: round(v, JSON_DIGITS), when_used="json")]
Basis = Literal[ShareBasis, "approved"]
Mode = Literal[LowFemaleMode, "approved"]


class UnitResult(TypedDict):
    """One unit's own figures for one indicator (a typed dict: there may be 200,000 of them).

    female_key_leader: actual = female key leaders, base = key leaders, target = t(u).
    pool_female: actual = women in the pool, base = pool, required = p·pool.
    pool_female_trained: actual = trained women, base = women in the pool, required = q·women.
    ethnic_minority_leaders: actual = ethnic-minority leaders, base = leaders, required = required(u).
    """

    unit_code: str
    unit_name: str
    met: bool
    target: Fraction | None
    adjusted: bool
    actual: int
    base: int
    required: Fraction
    rate: Fraction | None
    shortfall: int


class Adjustment(BaseModel):
    """A unit whose female_key_leader target was adjusted or that was exempted, and why."""

    unit_code: str
    unit_name: str
    sector: str | None
    share: Fraction | None  # female staff share the rule looked at (None for an approved sector)
    basis: Basis
    mode: Mode
    target: Fraction | None  # t(u); None when exempt
    exempt: bool
    met: bool


class IndicatorResult(BaseModel):
    """One indicator over a set of units (the whole data or one group)."""

    id: str
    applicable: bool
    target: Fraction | None
    effective_target: Fraction | None
    scope: int
    # With a registry of units: units of the indicator's scope expected to report, and those of
    # them that did (None without a registry).
    expected: int | None = None
    reported: int | None = None
    actual: int
    required: Fraction | None
    rate: Annotated[Fraction | None, Field(ge=0, le=1)] = None
    met: bool | None
    gap: int = Field(ge=0)
    gap_if_added: int | None = None
    units_short: int | None = None
    pool_total: int | None = None
    pool_female: int | None = None
    pool_female_trained: int | None = None
    adjusted: int = 0
    exempt: int = 0
    units: list[UnitResult] = []
    adjustments: list[Adjustment] = []


class LeaderShare(BaseModel):
    """Women among all leaders and managers: a statistic the plan sets no target for.

    Summed over the units that state `leaders_female` (the column is optional), so a unit that
    left it blank adds neither women nor leaders.
    """

    units: int
    leaders_total: int
    leaders_female: int
    rate: Annotated[Fraction | None, Field(ge=0, le=1)] = None


def indicator_base(ind: IndicatorResult) -> int:
    """The denominator of an indicator's rate: the pool, the women in it, or the units in scope."""
    if ind.id == "pool_female":
        return ind.pool_total or 0
    if ind.id == "pool_female_trained":
        return ind.pool_female or 0
    return ind.scope


class Group(BaseModel):
    key: str | None
    label: str | None = None
    units: int
    indicators: list[IndicatorResult]
    women_leaders: LeaderShare | None = None


class SkippedFile(BaseModel):
    """Invalid rows left out under --skip-invalid (rows empty and unreadable: the whole file)."""

    file: str
    rows: list[int] = []
    unreadable: bool = False
    # A roster: the rows left out are people; how many, and of how many units (null: a return).
    persons: int | None = None
    units: int | None = None


def skipped_files(files: Iterable[FileResult]) -> list[SkippedFile]:
    """What --skip-invalid leaves out of an evaluation: every file with an error, and its rows."""
    out = []
    for fr in files:
        if fr.valid():
            continue
        rows = sorted(set(fr.skipped_rows))
        roster = fr.role == "roster"
        out.append(
            SkippedFile(
                file=fr.path,
                rows=rows,
                unreadable=not rows and not fr.records,
                persons=len(rows) if roster else None,
                units=fr.skipped_units if roster else None,
            )
        )
    return out


class DataSource(BaseModel):
    kind: Literal["paths", "env", "samples"]
    paths: list[str]


class ReportYearAbsent(ValueError):
    """`--report-year Y` names a year the data does not hold."""

    def __init__(self, year: int, present: list[int]) -> None:
        super().__init__(year)
        self.year = year
        self.present = present


class GapReport(BaseModel):
    """Everything `gap` outputs; the table, JSON and CSV all render this one object."""

    schema_version: Literal["1"] = "1"  # of the JSON document: schemas/gap.json
    target_year: int
    on_track: bool = False  # the target year falls between milestones: on-track values
    before_first_milestone: bool = False  # before the first milestone: its values apply
    first_milestone: int | None = None
    report_year: int | None
    years_present: list[int]
    units: int
    rules: str = ""
    data_source: DataSource | None = None
    by: str | None = None
    indicators: list[IndicatorResult]
    women_leaders: LeaderShare | None = None
    groups: list[Group] = []
    skipped_rows: int = 0
    skipped: list[SkippedFile] = []
    # With a registry of units: where it is, the units expected for the report year that sent
    # no return, and whether those count as not meeting female_key_leader ("unmet") or are left
    # out of every indicator ("excluded").
    registry: str | None = None
    missing_units: list[str] = []
    missing: MissingMode | None = None
    # The names of the missing units, for a person to read (the JSON keeps the codes only)
    _missing_names: dict[str, str] = PrivateAttr(default_factory=dict)
    # SHA-256 of the rules file applied (last, so the document ends by saying which rules held)
    rules_sha256: str = ""

    def empty(self) -> bool:
        """No unit in scope for any indicator: nothing was evaluated."""
        return all(i.scope == 0 for i in self.indicators)

    def all_met(self) -> bool:
        """Every applicable indicator met (what --fail-on-gap checks)."""
        return all(i.met is not False for i in self.indicators)

    def missing_name(self, code: str) -> str:
        """The registry's name of a unit that sent nothing (its code when the name is unknown)."""
        return self._missing_names.get(code, code)

    def name_missing(self, names: dict[str, str]) -> None:
        self._missing_names = names

    def indicator(self, indicator_id: str) -> IndicatorResult:
        return next(i for i in self.indicators if i.id == indicator_id)
