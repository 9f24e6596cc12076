"""rules/targets.yaml → pydantic `Rules`: the plan's numbers, milestone and on-track values.

Every number of the plan lives in the YAML. A wrong file is reported with its file, line and
key (`rules/targets.yaml:14 targets.female_key_leader.2025: must be ≤ 1`): the YAML is composed
once so each key keeps the line it came from.
"""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR, UNIT_TYPES
from gender_plan_cli.roster.config import RosterRules
from gender_plan_cli.words import fold
from gender_plan_cli.yamlfile import YEARS_KEY, load_yaml_model_digest

# How a low-female-staff sector's target is set, and whose female share decides it. The indicator
# results add "approved" (a sector listed with its own approved target) to both.
ShareBasis = Literal["sector", "unit"]
LowFemaleMode = Literal["proportional", "fixed", "exempt"]
UNIT_TYPE_IDS = tuple(c.id for c in UNIT_TYPES)
ALL = "all"
# Internal field holding the `year: value` keys of a mapping; hidden from the paths users see.
_YEARS = YEARS_KEY


def _number(value: Any) -> Any:
    """A rate must be written as a number: `yes` or `"60%"` is refused, never guessed."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("rules.number", "must be a number", {"value": str(value)})
    return value


Fraction = Annotated[float, BeforeValidator(_number), Field(ge=0, le=1)]
Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]
YearValues = dict[Year, Fraction]


def _split_years(data: Any) -> Any:
    """Move the `2025: 0.60` keys of a mapping into the internal `milestones` field."""
    if not isinstance(data, dict):
        return data
    out: dict[Any, Any] = {}
    years: dict[Any, Any] = {}
    for k, v in data.items():
        if isinstance(k, int) and not isinstance(k, bool) or isinstance(k, str) and k.isdigit():
            years[k] = v
        else:
            out[k] = v
    if years:
        out[_YEARS] = years
    return out


def value_at(values: dict[int, float], year: int) -> float:
    """The milestone's value at a milestone; linear between two; the first's before the first."""
    years = sorted(values)
    if year <= years[0]:
        return values[years[0]]
    if year >= years[-1]:
        return values[years[-1]]
    if year in values:
        return values[year]
    after = next(y for y in years if y > year)
    before = max(y for y in years if y < year)
    share = (year - before) / (after - before)
    return values[before] + share * (values[after] - values[before])


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _AppliesTo(_Strict):
    applies_to: list[str] | Literal["all"]

    @field_validator("applies_to", mode="before")
    @classmethod
    def _known_types(cls, value: Any) -> Any:
        if value == ALL:
            return value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            raise PydanticCustomError(
                "rules.applies-to",
                "must be all or a list of unit types",
                {"choices": ", ".join(UNIT_TYPE_IDS)},
            )
        for item in value:
            if item not in UNIT_TYPE_IDS:
                raise PydanticCustomError(
                    "rules.unit-type",
                    "unknown unit type",
                    {"value": str(item), "choices": ", ".join(UNIT_TYPE_IDS)},
                )
        return value

    def unit_types(self) -> frozenset[str] | None:
        """The unit types the rule applies to, None for all: the one decision, which a loop over
        200,000 units asks once (`t is None or unit_type in t`, no call per unit)."""
        return None if self.applies_to == ALL else frozenset(self.applies_to)

    def applies(self, unit_type: str | None) -> bool:
        types = self.unit_types()
        return types is None or unit_type in types  # a unit without a type: only under "all"


class ApprovedSector(_Strict):
    """A special sector approved with its own targets (or exempted): wins over the automatic rule."""

    sector: str = Field(min_length=1)
    approved_by: str | None = None
    exempt: bool = False
    milestones: YearValues = {}

    @model_validator(mode="before")
    @classmethod
    def _years(cls, data: Any) -> Any:
        return _split_years(data)

    @model_validator(mode="after")
    def _values_or_exempt(self) -> ApprovedSector:
        if self.exempt == bool(self.milestones):
            raise PydanticCustomError("rules.sector-values", "give year values or exempt: true", {})
        return self

    def at(self, year: int) -> float | None:
        return None if self.exempt else value_at(self.milestones, year)


class LowFemaleStaff(_Strict):
    """The plan's adjustment for sectors whose female staff share is under the threshold."""

    threshold: Annotated[float, BeforeValidator(_number), Field(gt=0, le=1)]
    basis: ShareBasis = "sector"
    mode: LowFemaleMode = "proportional"
    fixed: YearValues | None = None
    sectors: list[ApprovedSector] = []

    @model_validator(mode="after")
    def _consistent(self) -> LowFemaleStaff:
        if self.mode == "fixed" and not self.fixed:
            raise PydanticCustomError("rules.fixed-missing", "mode fixed needs fixed values", {})
        seen: set[str] = set()
        for s in self.sectors:
            key = fold(s.sector)
            if key in seen:
                raise PydanticCustomError(
                    "rules.sector-twice", "sector listed twice", {"value": s.sector}
                )
            seen.add(key)
        return self

    def approved(self, sector: str | None) -> ApprovedSector | None:
        if not sector:
            return None
        key = fold(sector)
        return next((s for s in self.sectors if fold(s.sector) == key), None)


class RateTarget(_AppliesTo):
    """A rate with milestone values (`2025: 0.40`) over the unit types it applies to."""

    milestones: YearValues = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _years(cls, data: Any) -> Any:
        return _split_years(data)

    def at(self, year: int) -> float:
        return value_at(self.milestones, year)


class KeyLeaderTarget(RateTarget):
    low_female_staff: LowFemaleStaff | None = None


class EthnicMinorityRule(_AppliesTo):
    """Leaders from ethnic minorities in line with the population: max(min_leaders, ⌈factor·pct·L⌉)."""

    min_leaders: int = Field(ge=0)
    factor: Annotated[float, BeforeValidator(_number), Field(gt=0)]


class Targets(_Strict):
    female_key_leader: KeyLeaderTarget
    pool_female: RateTarget
    pool_female_trained: RateTarget
    ethnic_minority_leaders: EthnicMinorityRule


class Collection(_Strict):
    """When returns are due: `deadline` is a day of the report year, `MM-DD` (15 December:
    `12-15`); a return received after it is late."""

    deadline: Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")] = "12-15"

    def due(self, year: int) -> date:
        month, day = (int(x) for x in self.deadline.split("-"))
        return date(year, month, min(day, calendar.monthrange(year, month)[1]))


class Rules(_Strict):
    version: Literal[1] = 1
    plan: str | None = None
    collection: Collection = Collection()
    roster: RosterRules = RosterRules()
    targets: Targets
    _sha256: str = PrivateAttr("")  # of the bytes read: which rules applied, said in outputs

    @property
    def sha256(self) -> str:
        return self._sha256

    def milestone_years(self) -> list[int]:
        t = self.targets
        return sorted(
            set(t.female_key_leader.milestones)
            | set(t.pool_female.milestones)
            | set(t.pool_female_trained.milestones)
        )


def load_rules(path: Path, shown: str | None = None) -> Rules:
    """Read and validate a rules file; raise RulesError naming file, line and key."""
    rules, digest = load_yaml_model_digest(path, Rules, shown)
    rules._sha256 = digest
    return rules
