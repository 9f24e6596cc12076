"""Time `gplan gap` and `gplan check` on a large staff roster against a bare python-calamine
read of the same file, side by side in one run; report peak memory; check the figures against
an independent count of the people.

    python benchmarks/bench_roster.py [--people 200000] [--units 2000] [--repeat 5]
        [--dir /tmp/gplan-bench]

The roster (benchmarks/make_roster.py, `--common`: common names, so ~1,200 people share a name
and a birth date by chance, each pair in two units) is written once. Then, as separate
processes, `--repeat` rounds of: the bare read (`CalamineWorkbook.from_path(f)
.get_sheet_by_index(0).to_python()`), `gplan gap FILE --units U -y 2025 -f json`, `gplan check
FILE --units U -f json`; wall time and peak RSS of each by `/usr/bin/time`; the ratios are of
medians, each round's pair printed too. gplan's bytecode is compiled first (`compileall`), as
an installed package has it: a `PYTHONDONTWRITEBYTECODE` environment would otherwise compile its
modules from source in every run. Goal (issue 26): gap ≤ 1.25× the bare read, peak ≤ 400 MiB. The SHA-256 of gap's JSON is printed, so a change that must not alter the output can
be held to it. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_roster import unit_names, write_roster  # noqa: E402

PY = sys.executable
GPLAN = [PY, "-c", "import sys; from gender_plan_cli.cli import main; sys.argv[0]='gplan'; main()"]
CALAMINE = (
    "import sys; from python_calamine import CalamineWorkbook as W; "
    "W.from_path(sys.argv[1]).get_sheet_by_index(0).to_python()"
)
# The figures by hand: the roster's four positions and two minority groups, nothing of gplan.
ROLE = {"Chuyên viên": 0, "Phó Trưởng phòng": 1, "Trưởng phòng": 1, "Phó Giám đốc Sở": 2}
FIGURES = (
    "staff_total",
    "staff_female",
    "key_leaders_total",
    "key_leaders_female",
    "leaders_total",
    "leaders_female",
    "pool_total",
    "pool_female",
    "pool_female_trained",
    "leaders_ethnic_minority",
)


def registry_file(folder: Path, units: int) -> Path:
    lines = ["units:"]
    for i, name in enumerate(unit_names(units), start=1):
        lines.append(f'  - {{code: S{i:04d}, name: "{name}", level: "Sở", unit_type: "CQQLNN"}}')
    path = folder / f"units-{units}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def count_by_hand(path: Path) -> dict[str, tuple[int, ...]]:
    """Each unit's ten figures from plain calamine rows and a dict: one row a person, a
    person listed twice in one unit (same name and birth date) counted once."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    out: dict[str, list[int]] = {}
    seen: set[tuple[Any, ...]] = set()
    for _stt, name, dob_m, dob_f, ethnic, position, unit, plan, llct in rows[4:]:
        if (name, dob_m, dob_f, unit) in seen:
            continue
        seen.add((name, dob_m, dob_f, unit))
        c = out.setdefault(unit, [0] * 10)
        woman = dob_f not in (None, "")
        role = ROLE[position]
        pool = plan not in (None, "")
        c[0] += 1
        c[1] += woman
        c[2] += role == 2
        c[3] += role == 2 and woman
        c[4] += role >= 1
        c[5] += role >= 1 and woman
        c[6] += pool
        c[7] += pool and woman
        c[8] += pool and woman and llct == "Trung cấp"
        c[9] += role >= 1 and ethnic != "Kinh"
    return {unit: tuple(c) for unit, c in out.items()}


def count_by_gplan(path: Path, units: Path) -> dict[str, tuple[int, ...]]:
    from gender_plan_cli.collection.registry import load_registry
    from gender_plan_cli.intake.load import load_paths

    records = load_paths([path], registry=load_registry(units)).records
    return {r.unit_name: tuple(getattr(r, f) for f in FIGURES) for r in records}


def compile_gplan() -> None:
    """gplan's modules as bytecode, as an installed package has them."""
    import compileall

    import gender_plan_cli

    compileall.compile_dir(Path(gender_plan_cli.__file__).parent, quiet=1)


def run(argv: list[str], out: Path | None = None) -> tuple[float, int]:
    """(wall seconds, peak RSS in MiB) of one process, measured by /usr/bin/time."""
    done = subprocess.run(
        ["/usr/bin/time", "-f", "@@%e %M", *argv],
        stdout=out.open("wb") if out else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=False,
        env=dict(os.environ, COLUMNS="120"),
        check=False,
    )
    line = [x for x in done.stderr.decode().splitlines() if x.startswith("@@")][-1]
    wall, rss = line[2:].split()
    return float(wall), int(rss) // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--units", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gplan-bench"))
    parser.add_argument("--no-check", action="store_true", help="time gap only")
    args = parser.parse_args()
    if not shutil.which("/usr/bin/time"):
        raise SystemExit("needs /usr/bin/time (Debian: apt-get install time)")
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"roster-{args.people}-{args.units}.xlsx"
    if not path.exists():
        write_roster(path, args.people, units=args.units, common=True)
    units = registry_file(args.dir, args.units)
    compile_gplan()
    by_hand, by_gplan = count_by_hand(path), count_by_gplan(path, units)
    equal = by_hand == by_gplan
    print(f"{args.people:,} people, {args.units:,} units, {path.stat().st_size / 1e6:.1f} MB")
    print(f"figures equal to an independent count: {equal} ({len(by_gplan):,} units counted)")
    gap_out = args.dir / "gap.json"
    gap_argv = [*GPLAN, "gap", str(path), "--units", str(units), "-y", "2025", "-f", "json"]
    check_argv = [*GPLAN, "check", str(path), "--units", str(units), "-f", "json"]
    bare, gap, check = [], [], []
    for i in range(args.repeat):
        bare.append(run([PY, "-c", CALAMINE, str(path)]))
        gap.append(run(gap_argv, gap_out))
        if not args.no_check:
            check.append(run(check_argv))
        print(
            f"  round {i + 1}: bare {bare[-1][0]:.2f} s, gap {gap[-1][0]:.2f} s "
            f"({gap[-1][0] / bare[-1][0]:.2f}×, {gap[-1][1]} MiB)"
            + (f", check {check[-1][0]:.2f} s ({check[-1][1]} MiB)" if check else "")
        )
    b = statistics.median(t for t, _ in bare)
    g = statistics.median(t for t, _ in gap)
    print(
        f"medians of {args.repeat}: bare read {b:.2f} s ({max(m for _, m in bare)} MiB); "
        f"gap {g:.2f} s = {g / b:.2f}× (goal ≤ 1.25×), peak {max(m for _, m in gap)} MiB "
        f"(goal ≤ 400)"
    )
    if check:
        c = statistics.median(t for t, _ in check)
        print(f"check {c:.2f} s = {c / b:.2f}×, peak {max(m for _, m in check)} MiB")
    print(f"gap JSON sha256 {hashlib.sha256(gap_out.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main()
