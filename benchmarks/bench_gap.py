"""Time the whole `gap` against a bare pandas read of the same workbook, in the same run.

    python benchmarks/bench_gap.py [--units 5000 50000] [--repeat 5] [--dir /tmp/gplan-bench]

`gap` here is everything the command does in-process: load_paths (find, read, validate every
cell, cross-file checks) + indicators (whole data and --by level) + rendering to a JSON string.
The bare read is `pandas.read_excel(path, engine="calamine")`: no validation at all. The goal is
the whole `gap` within 1.5x of the bare read. Medians of --repeat runs are printed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_large import write_workbook  # noqa: E402

from gender_plan_cli.intake.load import load_paths  # noqa: E402
from gender_plan_cli.paths import bundled_rules  # noqa: E402
from gender_plan_cli.render.gap_json import render_gap_json  # noqa: E402
from gender_plan_cli.targets.assess import evaluate  # noqa: E402
from gender_plan_cli.targets.rules import load_rules  # noqa: E402


def bare_read(path: Path) -> int:
    import pandas

    return len(pandas.read_excel(path, engine="calamine", header=3))


def whole_gap(path: Path) -> tuple[int, dict[str, float]]:
    t0 = time.perf_counter()
    result = load_paths([path])
    t1 = time.perf_counter()
    assert result.valid(), result.findings[:3]
    report = evaluate(result.records, load_rules(bundled_rules()), 2025, by="level")
    t2 = time.perf_counter()
    out = render_gap_json(report)
    t3 = time.perf_counter()
    assert out
    return report.units, {"load": t1 - t0, "indicators": t2 - t1, "json": t3 - t2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, nargs="+", default=[5_000, 50_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gplan-bench"))
    args = parser.parse_args()

    import pandas  # noqa: F401  - imported once, outside the timings, like gplan's own imports

    rows = []
    for n in args.units:
        path = args.dir / f"large-{n}.xlsx"
        if not path.exists():
            write_workbook(path, n)
        assert bare_read(path) == n
        units, _ = whole_gap(path)  # warm-up; also checks every unit was read
        assert units == n, units
        bare, whole, parts = [], [], []
        for _ in range(args.repeat):
            t = time.perf_counter()
            bare_read(path)
            bare.append(time.perf_counter() - t)
            t = time.perf_counter()
            _, split = whole_gap(path)
            whole.append(time.perf_counter() - t)
            parts.append(split)
        b, w = statistics.median(bare), statistics.median(whole)
        split = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
        rows.append((n, path.stat().st_size / 1e6, b, w, split))

    print(
        f"{'units':>7} {'MB':>5} {'bare read':>10} {'whole gap':>10} {'ratio':>6}"
        f" {'load':>7} {'indic.':>7} {'json':>6}"
    )
    for n, mb, b, w, split in rows:
        print(
            f"{n:>7} {mb:>5.1f} {b:>9.2f}s {w:>9.2f}s {w / b:>5.2f}x"
            f" {split['load']:>6.2f}s {split['indicators']:>6.2f}s {split['json']:>5.2f}s"
        )


if __name__ == "__main__":
    main()
