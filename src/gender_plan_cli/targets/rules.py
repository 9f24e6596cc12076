"""rules/targets.yaml → pydantic `Rules`: the plan's numbers, milestone and on-track values.

Every number of the plan lives in the YAML. A wrong file is reported with its file, line and
key (`rules/targets.yaml:14 targets.female_key_leader.2025: must be ≤ 1`): the YAML is composed
once so each key keeps the line it came from.
"""

from __future__ import annotations

import calendar
import hashlib
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR, UNIT_TYPES
from gender_plan_cli.words import fold

# How a low-female-staff sector's target is set, and whose female share decides it. The indicator
# results add "approved" (a sector listed with its own approved target) to both.
ShareBasis = Literal["sector", "unit"]
LowFemaleMode = Literal["proportional", "fixed", "exempt"]
UNIT_TYPE_IDS = tuple(c.id for c in UNIT_TYPES)
ALL = "all"
# Internal field holding the `year: value` keys of a mapping; hidden from the paths users see.
_YEARS = "milestones"


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


class RosterRules(_Strict):
    """How a person-level roster is counted: which levels of training make a person of the
    pool `trained` (besides a `Đã đào tạo, bồi dưỡng` column saying so). A level matches when
    the cell starts with it (folded; `Trung cấp LLCT` matches `Trung cấp`)."""

    llct_trained: list[str] = ["Cao cấp", "Cử nhân", "Trung cấp"]
    qlnn_trained: list[str] = ["Chuyên viên cao cấp", "Chuyên viên chính", "Chuyên viên", "Cán sự"]


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


# --- loading, with file:line key messages --------------------------------------------------


class RuleProblem(BaseModel):
    """One thing wrong in a rules file, located by line and key."""

    file: str
    line: int | None = None
    key: str = ""
    message_id: str
    args: dict[str, Any] = {}

    def message(self, lang: str = "vi") -> str:
        from gender_plan_cli.i18n import render_message

        where = self.file + (f":{self.line}" if self.line else "")
        what = render_message(self.message_id, self.args, lang)
        return f"{where} {self.key}: {what}" if self.key else f"{where} {what}"


class RulesError(Exception):
    """A rules file that cannot be used; every problem names file, line and key."""

    def __init__(self, problems: list[RuleProblem]) -> None:
        problems = sorted(problems, key=lambda p: (p.line or 0, p.key))
        super().__init__("; ".join(p.message("en") for p in problems))
        self.problems = problems

    def message(self, lang: str = "vi") -> str:
        return "\n".join(p.message(lang) for p in self.problems)


_PYDANTIC_IDS = {
    "missing": "rules.missing",
    "extra_forbidden": "rules.unknown-key",
    "less_than_equal": "rules.le",
    "less_than": "rules.lt",
    "greater_than_equal": "rules.ge",
    "greater_than": "rules.gt",
    "float_parsing": "rules.number",
    "float_type": "rules.number",
    "int_parsing": "rules.integer",
    "int_type": "rules.integer",
    "int_from_float": "rules.integer",
    "literal_error": "rules.choice",
    "string_type": "rules.text",
    "bool_parsing": "rules.bool",
    "bool_type": "rules.bool",
    "dict_type": "rules.mapping",
    "model_type": "rules.mapping",
    "model_attributes_type": "rules.mapping",
    "list_type": "rules.list",
    "too_short": "rules.empty",
}


def load_rules(path: Path, shown: str | None = None) -> Rules:
    """Read and validate a rules file; raise RulesError naming file, line and key."""
    rules, digest = _load_yaml_model(path, Rules, shown)
    rules._sha256 = digest
    return rules


def load_yaml_model(path: Path, model: type[M], shown: str | None = None) -> M:
    """A YAML file validated as `model`; RulesError naming file, line and key of each problem."""
    return _load_yaml_model(path, model, shown)[0]


def _load_yaml_model(path: Path, model: type[M], shown: str | None) -> tuple[M, str]:
    """The validated model and the SHA-256 of the bytes it was read from."""
    shown = shown or str(path)
    data, node, digest = read_yaml(path, shown)
    try:
        return model.model_validate(data), digest
    except ValidationError as exc:
        raise RulesError([_problem(e, node, shown) for e in exc.errors()]) from None


M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path, shown: str) -> tuple[dict[str, Any], Any, str]:
    """A YAML mapping, its composed node (for lines) and the SHA-256 of its bytes; RulesError
    naming file and line."""
    import yaml

    source, digest = _read_source(Path(path), shown)
    loader = yaml.SafeLoader(source)
    try:
        node = loader.get_single_node()
        problems = _structure_problems(node, shown)
        if problems:
            raise RulesError(problems)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RulesError(
            [
                RuleProblem(
                    file=shown,
                    line=mark.line + 1 if mark else None,
                    message_id="rules.yaml",
                    args={"reason": str(exc.problem or exc.context or exc)},
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise RulesError(
            [RuleProblem(file=shown, message_id="rules.yaml", args={"reason": str(exc)})]
        ) from None
    except RecursionError:
        raise RulesError(
            [RuleProblem(file=shown, message_id="rules.too-deep", args={"limit": 100})]
        ) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise RulesError([RuleProblem(file=shown, line=1, message_id="rules.not-mapping")])
    return data, node, digest


MAX_RULES_BYTES = 1024 * 1024  # a real rules file is a few KB


def _read_source(path: Path, shown: str) -> tuple[str, str]:
    """The rules file's text: a regular file of at most MAX_RULES_BYTES, read no further (a FIFO
    would block forever, /dev/zero never end)."""
    import stat

    def problem(message_id: str, **args: object) -> RulesError:
        return RulesError([RuleProblem(file=shown, message_id=message_id, args=args)])

    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise problem("rules.not-regular")
        if st.st_size > MAX_RULES_BYTES:
            raise problem("rules.too-large", size=st.st_size // 1024, limit=MAX_RULES_BYTES // 1024)
        with path.open("rb") as fh:
            raw = fh.read(MAX_RULES_BYTES + 1)
        if len(raw) > MAX_RULES_BYTES:  # it grew since
            raise problem("rules.too-large", size=len(raw) // 1024, limit=MAX_RULES_BYTES // 1024)
        return raw.decode("utf-8"), hashlib.sha256(raw).hexdigest()
    except (OSError, UnicodeDecodeError) as exc:
        raise problem("rules.unreadable", reason=str(exc)) from None


def _structure_problems(node: Any, shown: str) -> list[RuleProblem]:
    """Duplicate keys (YAML silently keeps the last) and aliases are refused, with their line."""
    import yaml

    problems: list[RuleProblem] = []
    seen_nodes: set[int] = set()

    def walk(n: Any, path: list[str], line: int) -> None:
        if id(n) in seen_nodes:
            problems.append(
                RuleProblem(file=shown, line=line, key=".".join(path), message_id="rules.alias")
            )
            return
        seen_nodes.add(id(n))
        if isinstance(n, yaml.MappingNode):
            keys: set[str] = set()
            for k, v in n.value:
                name = str(k.value)
                key_line = k.start_mark.line + 1
                if name in keys:
                    problems.append(
                        RuleProblem(
                            file=shown,
                            line=key_line,
                            key=".".join([*path, name]),
                            message_id="rules.duplicate-key",
                        )
                    )
                keys.add(name)
                walk(v, [*path, name], key_line)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                step = [*path[:-1], f"{path[-1]}[{i}]"] if path else [f"[{i}]"]
                walk(item, step, item.start_mark.line + 1)

    if node is not None:
        walk(node, [], 1)
    return problems


def _problem(error: Any, root: Any, shown: str) -> RuleProblem:
    raw_loc = list(error["loc"])
    loc = [x for x in raw_loc if x != _YEARS]
    on_key = bool(loc) and loc[-1] == "[key]"
    if on_key:
        loc = loc[:-1]
    line, key = _locate(root, loc)
    etype = error["type"]
    ctx = dict(error.get("ctx") or {})
    if on_key and etype in ("less_than_equal", "greater_than_equal", "int_parsing", "int_type"):
        return RuleProblem(
            file=shown,
            line=line,
            key=key,
            message_id="rules.year",
            args={"low": MIN_YEAR, "high": MAX_YEAR},
        )
    if raw_loc and raw_loc[-1] == _YEARS and etype in ("missing", "too_short"):
        return RuleProblem(file=shown, line=line, key=key, message_id="rules.years-missing")
    if etype.startswith("rules."):
        message_id = etype
    else:
        message_id = _PYDANTIC_IDS.get(etype, "rules.invalid")
    args: dict[str, Any] = {k: v for k, v in ctx.items() if isinstance(v, (int, float, str))}
    args.setdefault("reason", error.get("msg", ""))
    return RuleProblem(file=shown, line=line, key=key, message_id=message_id, args=args)


def _locate(root: Any, loc: list[Any]) -> tuple[int | None, str]:
    """Follow a pydantic location through the composed YAML: (1-based line, dotted key).

    The line is the key's own line; for a key that is missing, the line of the mapping's key.
    """
    import yaml

    node = root
    parts: list[str] = []
    line = root.start_mark.line + 1 if root is not None else None
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            parts.append(str(step))
            found = next(((k, v) for k, v in node.value if str(k.value) == str(step)), None)
            if found is None:
                break
            key_node, node = found
            line = key_node.start_mark.line + 1
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value)
        ):
            parts[-1:] = [f"{parts[-1]}[{step}]"] if parts else [f"[{step}]"]
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            parts.append(str(step))
            break
    return line, ".".join(parts)
