"""What a roster's cells count as, gathered once and handed to each reader process.

The roles of positions (`roles.yaml`, or one beside the rules file), the 54 ethnic groups
(`ethnic_groups.yaml`) and the training levels of the rules' `roster:` section.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from gender_plan_cli.roster.roles import Title, load_titles
from gender_plan_cli.words import bare_key
from gender_plan_cli.yamlfile import safe_load


class RosterRules(BaseModel):
    """The rules file's `roster:` section: how a person-level roster is counted: which levels of training make a person of the
    pool `trained` (besides a `Đã đào tạo, bồi dưỡng` column saying so). A level matches when
    the cell starts with it (folded; `Trung cấp LLCT` matches `Trung cấp`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    llct_trained: list[str] = ["Cao cấp", "Cử nhân", "Trung cấp"]
    qlnn_trained: list[str] = ["Chuyên viên cao cấp", "Chuyên viên chính", "Chuyên viên", "Cán sự"]


_HERE = Path(__file__).resolve().parent
ROLES_FILE = "roles.yaml"


@dataclass(frozen=True)
class RosterConfig:
    titles: tuple[Title, ...]
    ethnic: dict[str, bool]  # bare key of a group's name or alias → is an ethnic minority
    llct: tuple[str, ...]  # bare keys of the LLCT levels that count as trained
    qlnn: tuple[str, ...]
    roles_file: str = ROLES_FILE


def roster_config(
    roster: RosterRules | None = None, rules_path: Path | None = None
) -> RosterConfig:
    """The config for a run: the rules' `roster:` section, and `roles.yaml` beside the rules
    file when there is one (else the package's)."""
    section = roster or RosterRules()
    roles = _HERE / ROLES_FILE
    if rules_path is not None and (rules_path.parent / ROLES_FILE).is_file():
        roles = rules_path.parent / ROLES_FILE
    return RosterConfig(
        titles=_titles(roles),
        ethnic=ethnic_groups(),
        llct=tuple(bare_key(v) for v in section.llct_trained),
        qlnn=tuple(bare_key(v) for v in section.qlnn_trained),
        roles_file=ROLES_FILE if roles.parent == _HERE else str(roles),
    )


@lru_cache(maxsize=4)
def _titles(path: Path) -> tuple[Title, ...]:
    return load_titles(path)


@lru_cache(maxsize=1)
def ethnic_groups() -> dict[str, bool]:
    """Every name of Vietnam's 54 ethnic groups, folded → whether it is a minority."""
    with (_HERE / "ethnic_groups.yaml").open(encoding="utf-8") as fh:
        data = safe_load(fh)
    majority = bare_key(data["majority"])
    names: dict[str, bool] = {}
    for alias in data.get("aliases_of_majority", []):
        names[bare_key(alias)] = False
    for entry in data["groups"]:
        group, aliases = (entry, []) if isinstance(entry, str) else next(iter(entry.items()))
        for name in (group, *aliases):
            names[bare_key(name)] = bare_key(group) != majority
            names[bare_key(name).replace(" ", "")] = bare_key(group) != majority
    return names
