"""One `gplan check` over a folder holding every hazard plus 200 small valid returns.

The goal (issue 4): the whole folder in one run, each file reported, exit 1, no
traceback, within 60 s and under 1 GiB peak RSS on a 2-core machine.

    python benchmarks/hostile_folder.py                 # build in a temp folder, run, print
    python benchmarks/hostile_folder.py --valid 50 --keep /tmp/hostile
    python benchmarks/hostile_folder.py --exclude stray_single_quotes.xlsx
    python benchmarks/hostile_folder.py --worst-case    # add a sheet just under --max-cells

Peak RSS is that of the `gplan` child (getrusage(RUSAGE_CHILDREN).ru_maxrss).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from gender_plan_cli.reading.limits import DEFAULT_LIMITS  # noqa: E402
from hostile_builders import HAZARDS, build_all, form_rows, sheet_xml, valid_files, write_xlsx_parts  # noqa: E402

# gplan in-process, writing its own peak RSS and that of the workers it reaped to rss.txt.
GPLAN = (
    "import resource, sys\n"
    "from gender_plan_cli.cli import app\n"
    "sys.argv[0] = 'gplan'\n"
    "try:\n"
    "    app()\n"
    "except SystemExit as e:\n"
    "    code = e.code\n"
    "else:\n"
    "    code = 0\n"
    "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "open('rss.txt', 'w').write(f'{me} {kids}')\n"
    "sys.exit(code)\n"
)


def worst_case(folder: Path) -> Path:
    """A sheet whose used range is just under the default cell limit: the most a file may cost."""
    rows = DEFAULT_LIMITS.max_cells // 20 - 1
    extra = f'<row r="{rows}"><c r="T{rows}"><v>1</v></c></row>'
    return write_xlsx_parts(
        folder / "worst_case_just_under_max_cells.xlsx", sheet_xml(form_rows(1, "WC"), extra=extra)
    )


def issue11_hazards(folder: Path) -> list[str]:
    """The hazards of issue 11 (work budgets, odd numbers and text, links): their file names."""
    import re

    from builders import LABELS, unit, write_csv
    from hostile_builders import ODS_NS, ods_cell, write_ods

    folder.mkdir(parents=True, exist_ok=True)
    side = int(DEFAULT_LIMITS.max_cells**0.5) - 1  # each table just under --max-cells
    table = (
        f'<table:table-row table:number-rows-repeated="{side}">'
        f"{ods_cell(1, repeat=side)}</table:table-row>"
    )
    tables = "".join(f'<table:table table:name="T{i}">{table}</table:table>' for i in range(40))
    write_ods(
        folder / "i11_40_tables.ods",
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODS_NS}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>",
    )
    merges = "".join('<mergeCell ref="A1:Z100"/>' for _ in range(100_000))
    write_xlsx_parts(
        folder / "i11_100k_merges.xlsx",
        sheet_xml(form_rows(1)).replace(
            "</worksheet>", f"<mergeCells>{merges}</mergeCells></worksheet>"
        ),
    )
    rows = DEFAULT_LIMITS.max_cells // 20 - 1
    stray = sheet_xml([["x"]], extra=f'<row r="{rows}"><c r="T{rows}"><v>1</v></c></row>')
    sheets = {f"xl/worksheets/s{i}.xml": stray.encode() for i in range(300)}
    listing = "".join(
        f'<sheet name="S{i}" sheetId="{i + 1}" r:id="rId{i + 10}"/>' for i in range(300)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 10}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="worksheets/s{i}.xml"/>'
        for i in range(300)
    )
    import zipfile

    from hostile_builders import CONTENT_TYPES, EMPTY_SST, ROOT_RELS, WORKBOOK, WORKBOOK_RELS

    with zipfile.ZipFile(folder / "i11_300_sheets.xlsx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK.replace("</sheets>", listing + "</sheets>"))
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            WORKBOOK_RELS.replace("</Relationships>", rels + "</Relationships>"),
        )
        zf.writestr("xl/worksheets/sheet1.xml", stray)
        zf.writestr("xl/sharedStrings.xml", EMPTY_SST)
        for name, data in sheets.items():
            zf.writestr(name, data)
    write_csv(folder / "i11_10k_columns.csv", [LABELS + [f"c{i}" for i in range(10_000)]])
    write_csv(folder / "i11_1m_columns.csv", [LABELS + [f"c{i}" for i in range(1_000_000)]])
    line = ",".join("" if v is None else str(v) for v in unit()) + "\r\n"
    with (folder / "i11_96mb_valid_units.csv").open("w", encoding="utf-8") as fh:
        fh.write(",".join(LABELS) + "\r\n")
        fh.write(line * (96 * 1024 * 1024 // len(line)))
    write_csv(folder / "i11_200kb_notes.csv", [LABELS, unit(notes="ghi chú " * 25_000)])
    write_csv(folder / "i11_count_10e400.csv", [LABELS, unit(staff_total="1" + "0" * 400)])
    write_csv(folder / "i11_count_5000_digits.csv", [LABELS, unit(staff_total="9" * 5000)])
    write_csv(folder / "i11_bengali_digits.csv", [LABELS, unit(staff_total="৪৪")])
    write_csv(folder / "i11_markup_[link=x]_\x1b[31m.csv", [LABELS, unit(notes="[green]HỢP LỆ[/]")])
    write_csv(folder / "i11_lookalike.csv", [LABELS, unit(), unit(unit_code="Ѕ01")])
    write_csv(folder / "i11_bidi.csv", [LABELS, unit(unit_name="Sở\u202eiv ộN")])
    plain = sheet_xml([[("" if v is None else v) for v in r] for r in form_rows(2, "NR")])
    write_xlsx_parts(folder / "i11_no_r.xlsx", re.sub(r' r="[A-Z]*[0-9]+"', "", plain))
    outside = folder.parent.parent / "outside.xlsx"  # beside the folder checked
    write_xlsx_parts(outside, sheet_xml(form_rows(1, "OUT")))
    (folder / "i11_link_outside.xlsx").symlink_to(outside)
    return sorted(p.name for p in folder.iterdir())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--valid", type=int, default=200, help="small valid files to add")
    ap.add_argument("--keep", type=Path, help="build here and keep the folder")
    ap.add_argument("--exclude", nargs="*", default=[], help="hazard file names to leave out")
    ap.add_argument("--worst-case", action="store_true", help="add a sheet just under --max-cells")
    ap.add_argument("--no-issue11", action="store_true", help="leave out the hazards of issue 11")
    args = ap.parse_args()

    base = args.keep or Path(tempfile.mkdtemp(prefix="gplan-hostile-"))
    folder = base / "submissions"
    if folder.exists():
        shutil.rmtree(folder)
    t0 = time.perf_counter()
    build_all(folder)
    for name in args.exclude:
        p = folder / name
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p)
        else:
            p.unlink()
    valid_files(folder / "valid", args.valid)
    if args.worst_case:
        worst_case(folder)
    expected = [h.name for h in HAZARDS if h.name not in args.exclude]
    if not args.no_issue11:
        expected += ["issue11/" + n for n in issue11_hazards(folder / "issue11")]
    built = time.perf_counter() - t0

    env = dict(os.environ, COLUMNS="160", NO_COLOR="1", RUST_BACKTRACE="0")
    cmd = [sys.executable, "-c", GPLAN, "check", str(folder), "--format", "json"]
    # A small wrapper forks gplan, so the child's peak RSS is gplan's own and not the pages it
    # would inherit from this process (which holds the builders' buffers). gplan itself writes
    # its own peak (the parent) and that of the workers it reaped.
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[1:], stdout=open('out.json', 'w'), stderr=open('err.txt', 'w'))\n"
        "wall = time.perf_counter() - t\n"
        "rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(p.returncode, wall, rss)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", wrapper, *cmd], capture_output=True, text=True, env=env, cwd=base
    )
    rc_s, wall_s, rss_s = run.stdout.split()
    returncode, wall, peak_mb = int(rc_s), float(wall_s), int(rss_s) / 1024
    parent_mb, workers_mb = (int(x) / 1024 for x in (base / "rss.txt").read_text().split())
    stdout = (base / "out.json").read_text(encoding="utf-8")
    stderr = (base / "err.txt").read_text(encoding="utf-8")

    reported: dict[str, list[str]] = {}
    try:
        report = json.loads(stdout)
        for f in report["files"]:
            p = Path(f["path"])
            name = p.name if p.parent.name != "issue11" else "issue11/" + p.name
            reported[name] = sorted({x["code"] for x in f["findings"]})
    except (json.JSONDecodeError, KeyError):
        report = None
    missing = [n for n in expected if n not in reported]
    traceback = "Traceback" in stdout or "Traceback" in stderr

    print(f"folder            {folder}  (built in {built:.1f} s)")
    print(
        f"files             {len(expected)} hazards + {args.valid} valid"
        + (" + worst case" if args.worst_case else "")
    )
    print(f"exit code         {returncode}")
    print(f"files reported    {len(reported)}  (hazards missing: {missing or 'none'})")
    print(f"traceback         {'YES' if traceback else 'no'}")
    print(f"wall time         {wall:.2f} s")
    print(f"peak RSS (all)    {peak_mb:.0f} MB")
    print(f"  gplan parent    {parent_mb:.0f} MB")
    print(f"  worker (max)    {workers_mb:.0f} MB")
    if report is None:
        print("stderr tail:", stderr[-800:])
    for name in [n for n in reported if n.startswith("issue11/")]:
        print(f"  {name:<40} {', '.join(reported[name]) or 'read, no finding'}")
    ok = returncode == 1 and not missing and not traceback and wall < 60 and peak_mb < 1024
    print("goal (exit 1, every file, no traceback, < 60 s, < 1 GiB):", "MET" if ok else "NOT MET")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
