"""Where the bundled rules and samples are: inside the installed package, else the source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_BUNDLED = _PACKAGE / "bundled"
_SOURCE_TREE = _PACKAGE.parents[1]


def bundled_rules() -> Path:
    inside = _BUNDLED / "targets.yaml"
    return inside if inside.is_file() else _SOURCE_TREE / "rules" / "targets.yaml"


def bundled_samples() -> Path:
    inside = _BUNDLED / "samples"
    return inside if inside.is_dir() else _SOURCE_TREE / "data" / "samples"


def local_rules(cwd: Path | None = None) -> Path | None:
    """`rules/targets.yaml` in the current directory, when there is one."""
    local = (cwd or Path.cwd()) / "rules" / "targets.yaml"
    return local if local.is_file() else None


def default_rules(cwd: Path | None = None) -> Path:
    """`rules/targets.yaml` in the current directory when present, else the bundled copy."""
    return local_rules(cwd) or bundled_rules()


def shown(path: Path) -> str:
    """A path as gplan names it to a person: relative under the current folder
    (`rules/targets.yaml`), any other in full."""
    here = Path.cwd().resolve()
    full = path.resolve()
    if here == Path(here.anchor) or not full.is_relative_to(here):
        return str(full)
    return str(full.relative_to(here))
