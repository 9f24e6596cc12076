"""`gplan template -o FILE`: write the blank form that units fill in; with `--units`, the form
of one unit (`--unit CODE`) or of every unit, one file each, for mailing (`--all -o FOLDER`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gender_plan_cli.cli.console import guarded, stderr_console, usage_error
from gender_plan_cli.cli.inputs import wording_or_exit
from gender_plan_cli.cli.options import LangOption, UnitsOption, lang_of
from gender_plan_cli.i18n import text

if TYPE_CHECKING:
    from gender_plan_cli.api import Registry


TemplateOutput = Annotated[
    Path,
    typer.Option(
        "--output",
        "-o",
        help="cli.template.output",
        show_default=False,
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="cli.template.force")]
FormYearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        "-y",
        help="cli.template.year",
        show_default=False,
    ),
]
UnitOption = Annotated[
    str | None,
    typer.Option(
        "--unit",
        help="cli.template.unit",
        show_default=False,
        metavar="CODE",
    ),
]
AllOption = Annotated[
    bool,
    typer.Option(
        "--all",
        help="cli.template.all",
    ),
]


@guarded
def template(
    output: TemplateOutput,
    lang: LangOption = None,
    force: ForceOption = False,
    year: FormYearOption = None,
    units: UnitsOption = None,
    unit: UnitOption = None,
    every: AllOption = False,
) -> None:
    """Write the blank submission form. Its help: `cli.template.help`."""
    from gender_plan_cli.contract import MAX_YEAR, MIN_YEAR, in_plan

    language = lang_of(lang)
    wording_or_exit(language)
    if year is not None and not in_plan(year):
        usage_error(text("gap.usage.year", language, year=year, low=MIN_YEAR, high=MAX_YEAR))
    if unit is not None and every:
        usage_error(text("template.unit.exclusive", language))
    if units is not None and unit is None and not every:
        usage_error(text("template.unit.units-alone", language))
    if every:
        _every_unit(output, _registry(units, language), language, year, force)
        return
    _one_form(output, language, year, force, _chosen(units, unit, language, year))


def _chosen(units: Path | None, unit: str | None, lang: str, year: int | None):  # type: ignore[no-untyped-def]
    """The registry unit to prefill, or None for the blank form."""
    return None if unit is None else _unit(_registry(units, lang), unit, lang, year)


def _one_form(output: Path, language: str, year: int | None, force: bool, chosen) -> None:  # type: ignore[no-untyped-def]
    """One form at `output`: blank, or prefilled for `chosen`."""
    from gender_plan_cli.render.template import write_template
    from gender_plan_cli.safe_output import NotRegularFile

    if output.is_dir():
        usage_error(text("template.is-folder", language, path=str(output)))
    if output.suffix.lower() != ".xlsx":
        usage_error(text("template.suffix", language, suffix=output.suffix or output.name))
    folder = output.parent
    if not folder.is_dir():
        usage_error(text("template.no-folder", language, folder=str(folder)))
    if (output.exists() or output.is_symlink()) and not force:
        usage_error(text("template.exists", language, path=str(output)))
    try:
        write_template(output, language, year, chosen)
    except NotRegularFile:  # --force replaces a regular file only, never a device or a link
        usage_error(text("output.not-regular", language, path=str(output)))
    if chosen is not None:
        args = {"code": chosen.code, "name": chosen.name}
        _say(text("template.unit.written", language, path=str(output), **args, **_due(language)))
    else:
        _say(text("template.written", language, path=str(output), **_due(language)))


def _say(message: str) -> None:
    stderr_console().print(message, markup=False, highlight=False)


def _due(lang: str) -> dict[str, str]:
    from gender_plan_cli.contract import DEADLINE_EN, DEADLINE_VI

    return {"deadline": DEADLINE_VI if lang == "vi" else DEADLINE_EN}


def _registry(units: Path | None, lang: str) -> Registry:
    """The registry named by --units (or GPLAN_UNITS, or beside the rules); a usage error when
    there is none or nothing could be read from it."""
    from gender_plan_cli.api import DEFAULT_LIMITS
    from gender_plan_cli.cli.inputs import registry_for

    registry = registry_for(units, None, [], lang, DEFAULT_LIMITS)
    if registry is None:
        usage_error(text("template.unit.needs-registry", lang))
    if not registry.units:
        problems = [f.message(lang) for f in registry.file.findings]
        if not problems:
            usage_error(text("template.unit.registry-empty", lang, registry=registry.path))
        args = {"registry": registry.path, "reason": problems[0]}
        usage_error(text("template.unit.registry-unreadable", lang, **args))
    return registry


def _unit(registry: Registry, code: str, lang: str, year: int | None):  # type: ignore[no-untyped-def]
    """The registry's unit `code` for `year`, its level one the year has; else exit 2 naming
    the code (and the codes that look like it)."""
    found = registry.units.get(code.strip())
    if found is None:
        near = registry.closest(code.strip(), None)
        closest = text("template.unit.closest", lang, codes=", ".join(near)) if near else ""
        usage_error(
            text("template.unit.unknown", lang, code=code, registry=registry.path, closest=closest)
        )
    if year is not None and not found.active(year):
        args = {"code": found.code, "name": found.name, "year": year}
        usage_error(text("template.unit.inactive", lang, registry=registry.path, **args))
    _level_exists(registry, found, lang, year)
    return found


def _level_exists(registry: Registry, unit, lang: str, year: int | None) -> None:  # type: ignore[no-untyped-def]
    from gender_plan_cli.render.template import prefill_values

    try:
        prefill_values(unit, lang, year)
    except ValueError:
        args = {"code": unit.code, "level": unit.level, "year": year}
        usage_error(text("template.unit.level-gone", lang, registry=registry.path, **args))


def _every_unit(folder: Path, registry: Registry, lang: str, year: int | None, force: bool) -> None:
    """`--all -o FOLDER`: the form of every unit that reports in `year` (every unit of the
    registry without --year), one file each named by its code; nothing written when a file
    would be overwritten without --force."""
    from gender_plan_cli.render.template import unit_file_name, write_unit_templates

    if folder.exists() and not folder.is_dir():
        usage_error(text("template.all.not-folder", lang, path=str(folder)))
    if not folder.parent.is_dir():
        usage_error(text("template.no-folder", lang, folder=str(folder.parent)))
    chosen = registry.expected(year) if year is not None else list(registry.units.values())
    if not chosen:
        usage_error(text("template.all.none", lang, registry=registry.path, year=year or "—"))
    for unit in chosen:
        _level_exists(registry, unit, lang, year)
    forms, taken = [], set()
    for unit in chosen:  # two codes Windows would give one name (X01, x01) get two files
        name = unit_file_name(unit.code)
        stem, n = name[: -len(".xlsx")], 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem}-{n}.xlsx"
        taken.add(name.casefold())
        forms.append((folder / name, unit))
    existing = [p.name for p, _ in forms if p.exists() or p.is_symlink()]
    if existing and not force:
        names = ", ".join(existing[:3])
        usage_error(
            text("template.all.exists", lang, folder=str(folder), count=len(existing), names=names)
        )
    folder.mkdir(exist_ok=True)
    count = write_unit_templates(forms, lang, year)
    _say(text("template.all.written", lang, count=count, folder=str(folder), **_due(lang)))
