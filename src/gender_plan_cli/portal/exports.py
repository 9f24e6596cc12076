"""The Department's files of a store, byte for byte what `gplan report|status|gap STORE` writes:
the same readers, the same rules in force, the same renderers, the store named as the path."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gender_plan_cli import api
from gender_plan_cli.paths import shown
from gender_plan_cli.portal import service
from gender_plan_cli.portal import store as st

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Loaded:
    """What the command line holds after `load_data` of the store."""

    result: Any
    source: Any
    skipped: list[Any]
    files: int
    rules: Any
    rules_shown: str


def _rules() -> tuple[Any, str]:
    path = api.default_rules()
    return api.load_rules(path, shown(path)), shown(path)


def load(report_year: int | None = None, *, roster: bool = True, all_years: bool = False) -> Loaded:
    """The store's accepted returns read as `load_data` reads a store named as PATH (of every
    year it holds with `all_years`, as `gplan trend STORE`)."""
    store = service.store_dir()
    rules, rules_shown = _rules()
    paths, receipts = st.accepted_files(store, all_years=all_years)
    config = api.roster_config(rules.roster, None) if roster else None
    if paths:
        with service._status_turn():
            result = api.read_returns(
                paths,
                registry=service.registry(),
                receipts=receipts,
                report_year=report_year,
                roster=config,
                workers=api.WorkerLimits(),
                discovered=True,
            )
    else:
        from gender_plan_cli.records import LoadResult

        result = LoadResult()
    returns = [fr for fr in result.files if fr.role != "registry"]
    source = api.DataSource(kind="paths", paths=[str(store)])
    return Loaded(result, source, api.skipped_files(returns), len(returns), rules, rules_shown)


def status_report(year: int) -> Any:
    """`gplan status STORE --year Y`: the store's deadline for its year (the rules' for another
    year), as the command has it."""
    data = load(roster=False)
    config = service.config()
    deadline = config.deadline if config.year == year else data.rules.collection.due(year)
    return api.status(data.result, service.registry(), year, deadline)


def status_csv(year: int) -> bytes:
    """`gplan status STORE --year Y -o status.csv` (Vietnamese, with a BOM)."""
    from gender_plan_cli.render.gap_csv import style_for
    from gender_plan_cli.render.status_out import render_status_csv

    text = render_status_csv(status_report(year), style_for("vi", False), bom=True)
    return text.encode("utf-8")


def status_xlsx(year: int) -> bytes:
    from gender_plan_cli.render.status_out import build_status_workbook

    report = status_report(year)
    return _via_file(lambda path: build_status_workbook(path, report, "vi", None))


def gap_report(target: int, report_year: int | None) -> Any:
    """`gplan gap STORE --year TARGET [--report-year Y]`."""
    data = load(report_year)
    report = api.evaluate(
        data.result.records,
        data.rules,
        target,
        report_year=report_year,
        rules_shown=data.rules_shown,
        data_source=data.source,
        skipped=data.skipped,
        registry=service.registry(),
        missing="excluded",
    )
    report.rules_sha256 = data.rules.sha256
    return report


def gap_json(target: int, report_year: int | None) -> bytes:
    from gender_plan_cli.render.gap_json import gap_json_chunks

    return b"".join(gap_json_chunks(gap_report(target, report_year))) + b"\n"


def gap_csv(target: int, report_year: int | None) -> bytes:
    from gender_plan_cli.render.gap_csv import render_gap_csv, style_for

    report = gap_report(target, report_year)
    return render_gap_csv(report, style_for("vi", False), bom=True).encode("utf-8")


def trend(data: Loaded | None = None) -> Any:
    """`gplan trend STORE`: every year the store holds, each against its own targets."""
    data = data or load(all_years=True)
    result = api.trend(api.evaluate_years(data.result.records, data.rules), data.rules)
    result.rules = data.rules_shown
    result.data_source = data.source
    return result


def trend_json() -> bytes:
    """The bytes of `gplan trend STORE -f json`."""
    from gender_plan_cli.render.trend_json import render_trend_json

    return (render_trend_json(trend()) + "\n").encode("utf-8")


def report_xlsx(target: int, report_year: int | None) -> bytes:
    """`gplan report STORE --year TARGET -o report.xlsx`, without a `rules/report.yaml` of the
    server's folder unless there is one (as the command)."""
    from gender_plan_cli.render.report_document import read_report_document
    from gender_plan_cli.render.report_xlsx import build_workbook

    data = load(report_year, all_years=True)  # as `gplan report STORE`: the trend sheet
    city = api.city_report(
        data.result.records,
        data.rules,
        target,
        report_year=report_year,
        rules_shown=data.rules_shown,
        source=data.source,
        findings=data.result.findings,
        skipped=data.skipped,
        files=data.files,
        registry=service.registry(),
        collection=data.result,
    )
    folder = Path.cwd() / "rules"
    document_path = folder / "report.yaml"
    if os.environ.get("CI") or not document_path.is_file():
        document = read_report_document(None)
    else:
        document = read_report_document(document_path, f"{folder.name}/report.yaml")
    return _via_file(lambda path: build_workbook(path, city, "vi", document))


def returns_zip(year: int) -> bytes:
    """Every accepted return of the year, as `UNIT/REFERENCE.ext`, with a receipts.csv."""
    import csv

    from gender_plan_cli.portal.models import Submission

    buf = io.BytesIO()
    listing = io.StringIO()
    writer = csv.writer(listing, lineterminator="\r\n")
    writer.writerow(["reference", "unit_code", "received_at", "late", "sha256", "file"])
    store = service.store_dir()
    subs = Submission.objects.filter(year=year, accepted=True).order_by("received_at")
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for sub in subs:
            folder = sub.unit_code or st.IMPORTED  # a return from before the portal
            name = f"{folder}/{sub.reference}{Path(sub.stored).suffix}"
            zf.write(store / sub.stored, name)
            when = sub.received_at.isoformat()
            writer.writerow([sub.reference, sub.unit_code, when, int(sub.late), sub.sha256, name])
        zf.writestr("receipts.csv", "\ufeff" + listing.getvalue())
    return buf.getvalue()


def _via_file(build: Any) -> bytes:
    """A workbook the renderer writes to a path, as bytes."""
    with tempfile.TemporaryDirectory(dir=service.store_dir() / "tmp") as folder:
        path = Path(folder) / "out.xlsx"
        build(path)
        return path.read_bytes()
