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


def worst_case(folder: Path) -> Path:
    """A sheet whose used range is just under the default cell limit: the most a file may cost."""
    rows = DEFAULT_LIMITS.max_cells // 20 - 1
    extra = f'<row r="{rows}"><c r="T{rows}"><v>1</v></c></row>'
    return write_xlsx_parts(
        folder / "worst_case_just_under_max_cells.xlsx", sheet_xml(form_rows(1, "WC"), extra=extra)
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--valid", type=int, default=200, help="small valid files to add")
    ap.add_argument("--keep", type=Path, help="build here and keep the folder")
    ap.add_argument("--exclude", nargs="*", default=[], help="hazard file names to leave out")
    ap.add_argument("--worst-case", action="store_true", help="add a sheet just under --max-cells")
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
    built = time.perf_counter() - t0
    expected = [h.name for h in HAZARDS if h.name not in args.exclude]

    env = dict(os.environ, COLUMNS="160", NO_COLOR="1", RUST_BACKTRACE="0")
    cmd = [sys.executable, "-m", "gender_plan_cli", "check", str(folder), "--format", "json"]
    # A small wrapper forks gplan, so the child's peak RSS is gplan's own and not the pages it
    # would inherit from this process (which holds the builders' buffers).
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
    stdout = (base / "out.json").read_text(encoding="utf-8")
    stderr = (base / "err.txt").read_text(encoding="utf-8")

    reported: dict[str, list[str]] = {}
    try:
        report = json.loads(stdout)
        for f in report["files"]:
            reported[Path(f["path"]).name] = sorted({x["code"] for x in f["findings"]})
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
    print(f"peak RSS (child)  {peak_mb:.0f} MB")
    if report is None:
        print("stderr tail:", stderr[-800:])
    ok = returncode == 1 and not missing and not traceback and wall < 60 and peak_mb < 1024
    print("goal (exit 1, every file, no traceback, < 60 s, < 1 GiB):", "MET" if ok else "NOT MET")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
