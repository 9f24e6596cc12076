"""Whole-process timings at scale, each ratio side by side with its baseline, in one run.

    python benchmarks/bench_scale.py [--units 5000 50000 200000] [--repeat 3] [--dir /tmp/gplan-scale]

For each size, a consolidated form of that many units (benchmarks/make_large.py) is written
once; then, as separate processes, medians of --repeat runs:

- `gplan check FILE --format json` against a bare python-calamine read of the sheet;
- `gplan gap FILE --year 2025 --format json` against `pandas.read_excel(FILE, engine="calamine")`;
- peak RSS of each (`/usr/bin/time -f %M`), and `gplan --help` against `import typer, rich`.

The goals of issue 12 are printed next to the figures, and the time per unit of each size (a
constant column is linear growth); nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_large import write_workbook  # noqa: E402

PY = sys.executable
GPLAN = [PY, "-c", "import sys; from gender_plan_cli.cli import main; sys.argv[0]='gplan'; main()"]
FOLDER = """
import sys, time
from pathlib import Path
from python_calamine import CalamineWorkbook as W
from gender_plan_cli.intake.load import read_file
files = sorted(Path(sys.argv[1]).glob("*.xlsx"))
for f in files[:5]:
    read_file(f)  # warm: imports, caches
t = time.perf_counter()
for f in files:
    W.from_path(str(f)).get_sheet_by_index(0).to_python()
bare = (time.perf_counter() - t) / len(files)
t = time.perf_counter()
for f in files:
    read_file(f)
ours = (time.perf_counter() - t) / len(files)
print(f"{ours * 1000:.2f} {bare * 1000:.2f}")
"""
CALAMINE = "import sys; from python_calamine import CalamineWorkbook as W; W.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()"
PANDAS = "import sys, pandas; pandas.read_excel(sys.argv[1], engine='calamine', header=3)"


def run(argv: list[str]) -> tuple[float, int]:
    """(wall seconds, peak RSS in MiB) of one process, measured by /usr/bin/time."""
    out = subprocess.run(
        ["/usr/bin/time", "-f", "@@%e %M", *argv],
        capture_output=True,
        text=True,
        env=dict(os.environ, COLUMNS="120"),
        check=False,
    )
    line = [x for x in out.stderr.splitlines() if x.startswith("@@")][-1]
    wall, rss = line[2:].split()
    return float(wall), int(rss) // 1024


def median(argv: list[str], repeat: int) -> tuple[float, int]:
    runs = [run(argv) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[5_000, 50_000, 200_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gplan-scale"))
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        raise SystemExit("needs /usr/bin/time (Debian: apt-get install time)")
    args.dir.mkdir(parents=True, exist_ok=True)
    print(
        f"machine: {os.cpu_count()} CPUs; python {sys.version.split()[0]}; medians of {args.repeat}"
    )
    help_t, _ = median([*GPLAN, "--help"], args.repeat * 3)
    base_t, _ = median([PY, "-c", "import typer, rich"], args.repeat * 3)
    print(
        f"gplan --help {help_t:.3f} s / import typer, rich {base_t:.3f} s = {help_t / base_t:.2f}x (goal <= 1.2x)"
    )
    header = (
        "units   | check s | calamine s | ratio | check MiB | gap s | pandas s | ratio | gap MiB"
        " | check µs/unit | gap µs/unit"
    )
    print(header)
    print("-" * len(header))
    for n in args.units:
        path = args.dir / f"large-{n}.xlsx"
        if not path.exists():
            write_workbook(path, n)
        check_t, check_m = median(
            [*GPLAN, "check", str(path), "--format", "json", "--jobs", "1"], args.repeat
        )
        cal_t, _ = median([PY, "-c", CALAMINE, str(path)], args.repeat)
        gap_t, gap_m = median(
            [*GPLAN, "gap", str(path), "-y", "2025", "-f", "json", "--jobs", "1"], args.repeat
        )
        pd_t, _ = median([PY, "-c", PANDAS, str(path)], args.repeat)
        print(
            f"{n:7d} | {check_t:7.2f} | {cal_t:10.2f} | {check_t / cal_t:5.2f} | {check_m:9d} | "
            f"{gap_t:5.2f} | {pd_t:8.2f} | {gap_t / pd_t:5.2f} | {gap_m:7d} | "
            f"{check_t / n * 1e6:13.1f} | {gap_t / n * 1e6:11.1f}"
        )
    print("goals at 200,000: check <= 1.25x calamine; gap <= 1.0x pandas, peak <= 600 MiB")
    folder = args.dir / "returns-150"  # one template, each return its own unit's figures
    if not folder.exists():
        folder.mkdir()
        for i in range(150):
            write_workbook(folder / f"r{i:03d}.xlsx", 1, seed=i)
    out = subprocess.run(
        [PY, "-c", FOLDER, str(folder)], capture_output=True, text=True, check=True
    )
    ours, bare = map(float, out.stdout.split())
    print(
        f"150 one-unit returns, in one process: {ours:.2f} ms a file to check against "
        f"{bare:.2f} ms for calamine's read, {ours - bare:.2f} ms beyond it (goal <= 1 ms)"
    )


if __name__ == "__main__":
    main()
