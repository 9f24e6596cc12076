"""The rules files' YAML, read with every problem located by file, line and key.

`rules/targets.yaml`, `rules/headers.yaml` and a province's other rules files are composed once so
each key keeps the line it came from (`rules/targets.yaml:14 targets.female_key_leader.2025: must
be ≤ 1`); duplicate keys and aliases are refused rather than silently resolved.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import IO, Any, TypeVar

from pydantic import BaseModel, ValidationError

from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR


def safe_load(stream: IO[str]) -> Any:
    """A data file's YAML (a registry, the roles, the ethnic groups) as plain values, by
    libyaml's parser when PyYAML has it (a 2,000-unit registry: 0.1 s, not 1 s); safe either
    way. The rules files go through `compose` instead, for their line numbers."""
    import yaml

    return yaml.load(stream, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


# A year-keyed mapping is validated under this key (rules.py splits it out); not shown in a location.
YEARS_KEY = "milestones"


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


def load_yaml_model(path: Path, model: type[M], shown: str | None = None) -> M:
    """A YAML file validated as `model`; RulesError naming file, line and key of each problem."""
    return load_yaml_model_digest(path, model, shown)[0]


def load_yaml_model_digest(path: Path, model: type[M], shown: str | None) -> tuple[M, str]:
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
    loc = [x for x in raw_loc if x != YEARS_KEY]
    on_key = bool(loc) and loc[-1] == "[key]"
    if on_key:
        loc = loc[:-1]
    line, key = locate(root, loc)
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
    if raw_loc and raw_loc[-1] == YEARS_KEY and etype in ("missing", "too_short"):
        return RuleProblem(file=shown, line=line, key=key, message_id="rules.years-missing")
    if etype.startswith("rules."):
        message_id = etype
    else:
        message_id = _PYDANTIC_IDS.get(etype, "rules.invalid")
    args: dict[str, Any] = {k: v for k, v in ctx.items() if isinstance(v, (int, float, str))}
    args.setdefault("reason", error.get("msg", ""))
    return RuleProblem(file=shown, line=line, key=key, message_id=message_id, args=args)


def locate(root: Any, loc: list[Any]) -> tuple[int | None, str]:
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
