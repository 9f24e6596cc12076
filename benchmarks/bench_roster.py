"""Time `check` and `gap` on a large staff roster against a bare python-calamine read of the
same sheet, in the same run; report peak memory.

    python benchmarks/bench_roster.py [--people 200000] [--repeat 3] [--dir /tmp/gplan-bench]

`check` is load_paths (detect, zip checks, sheet scan, read, locate the roster header, count
every person by column, resolve units against the registry, cross-file checks) + the JSON of
its findings; `gap` is the same load + indicators + the gap JSON. The bare read is
`CalamineWorkbook.from_path(path).get_sheet_by_name(name).to_python()`. Goal: ≤ 1.25× the bare
read, peak memory (ru_maxrss of this process) under 1 GiB.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_roster import UNITS, write_roster  # noqa: E402

from gender_plan_cli.collection.registry import load_registry  # noqa: E402
from gender_plan_cli.intake.load import load_paths  # noqa: E402
from gender_plan_cli.paths import bundled_rules  # noqa: E402
from gender_plan_cli.render.check_json import render_check_json  # noqa: E402
from gender_plan_cli.render.gap_json import render_gap_json  # noqa: E402
from gender_plan_cli.targets.assess import evaluate  # noqa: E402
from gender_plan_cli.targets.rules import load_rules  # noqa: E402


def bare_read(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    return len(CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Danh sách").to_python())


def registry_file(folder: Path) -> Path:
    lines = ["units:"]
    for i, name in enumerate(UNITS, start=1):
        lines.append(f'  - {{code: S{i:02d}, name: "{name}", level: "Sở", unit_type: "CQQLNN"}}')
    path = folder / "units.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_check(path: Path, units: Path) -> int:
    result = load_paths([path], registry=load_registry(units))
    return len(render_check_json(result, "vi"))


def run_gap(path: Path, units: Path) -> int:
    result = load_paths([path], registry=load_registry(units))
    rules = load_rules(bundled_rules())
    report = evaluate(result.records, rules, 2025)
    return len(render_gap_json(report))


def median_seconds(fn: object, repeat: int, *args: object) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gplan-bench"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    path = args.dir / f"roster-{args.people}.xlsx"
    if not path.exists():
        write_roster(path, args.people)
    units = registry_file(args.dir)
    bare = median_seconds(bare_read, args.repeat, path)
    check = median_seconds(run_check, args.repeat, path, units)
    gap = median_seconds(run_gap, args.repeat, path, units)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = path.stat().st_size / 1e6
    print(
        f"{args.people:,} people, {size:.1f} MB: bare read {bare:.2f} s; "
        f"check {check:.2f} s ({check / bare:.2f}×); gap {gap:.2f} s ({gap / bare:.2f}×); "
        f"peak {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
