"""Serial in-process reading (`load_paths`) against `read_isolated` with one and two workers.

Two folders: 150 one-unit valid returns, and the same plus every hazard of
tests/hostile_builders.py and two files that abort python-calamine when it opens them (the
shared-strings bomb, which the zip guard now refuses first, and the looping .xls). Each run is
a fresh process, so peak RSS figures do not leak from one run into the next.

    python benchmarks/bench_isolation.py            # build in a temp folder, run, print
    python benchmarks/bench_isolation.py --valid 300 --keep /tmp/bench-iso

`×first` is each wall time over the first mode run on that folder (serial, or jobs=1
when the hostile folder is not read in-process). Parent peak RSS is getrusage(RUSAGE_SELF) of the run; workers' peak is
getrusage(RUSAGE_CHILDREN) once the forkserver (which reaps the workers) has exited,
so it is the largest of the workers and the forkserver.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

MODES = ("serial", "jobs=1", "jobs=2", "jobs=2 fs")  # fs: a thread runs, so the forkserver


def build(base: Path, n_valid: int) -> tuple[Path, Path]:
    from builders import simple_form, unit
    from hostile_builders import (
        build_all,
        difat_chain_pointing_at_itself,
        shared_strings_claiming_1e14,
    )

    valid = base / "valid"
    valid.mkdir(parents=True)
    for i in range(n_valid):
        simple_form(valid / f"return_{i:03d}.xlsx", [unit(unit_code=f"U{i:03d}")])
    mixed = base / "mixed"
    shutil.copytree(valid, mixed)
    build_all(mixed / "hazards")
    shared_strings_claiming_1e14(mixed / "aborts_huge_shared_strings.xlsx")
    difat_chain_pointing_at_itself(mixed / "aborts_difat_loop.xls")
    return valid, mixed


def run_one(mode: str, folder: Path) -> dict[str, object]:
    """One mode over one folder, in this (fresh) process."""
    from gender_plan_cli.intake.isolation import read_isolated
    from gender_plan_cli.intake.load import discover, load_paths, read_file
    from gender_plan_cli.intake.worker_limits import WorkerLimits
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS

    t = time.perf_counter()
    if mode == "serial":
        files = load_paths([folder]).files
    else:
        read = functools.partial(read_file, report_year=None, limits=DEFAULT_LIMITS)
        paths = discover([folder])
        limits = WorkerLimits(jobs=int(mode.split("=")[1].split()[0]))
        if mode.endswith("fs"):  # as under the CLI's progress bar: another thread, no fork
            import threading

            stop = threading.Event()
            threading.Thread(target=stop.wait, daemon=True).start()
        files = read_isolated(paths, read, limits)
    wall = time.perf_counter() - t
    if mode.endswith("fs"):
        stop.set()
    parent_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _stop_forkserver()
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    found = Counter(f.code for r in files for f in r.findings if f.severity == "error")
    return {
        "files": len(files),
        "wall": wall,
        "parent_mb": parent_kb / 1024,
        "workers_mb": children_kb / 1024,
        "codes": dict(found),
    }


def _stop_forkserver() -> None:
    """So that getrusage(RUSAGE_CHILDREN) counts it and the workers it reaped."""
    try:
        from multiprocessing import forkserver

        forkserver._forkserver._stop()  # type: ignore[attr-defined]
    except Exception:
        pass


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--valid", type=int, default=150, help="one-unit valid returns")
    ap.add_argument("--keep", type=Path, help="build here and keep the folders")
    ap.add_argument(
        "--serial-hostile",
        action="store_true",
        help="also read the hostile folder in-process (it dies: the DIFAT loop grows until the "
        "kernel's OOM killer ends it, which may hit other processes on the machine first)",
    )
    ap.add_argument("--repeat", type=int, default=3, help="runs per mode; the fastest is shown")
    ap.add_argument("--run", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    ap.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.run:
        print(json.dumps(run_one(args.run[0], Path(args.run[1]))))
        return 0
    if args.build:
        build(args.build, args.valid)
        return 0

    base = args.keep or Path(tempfile.mkdtemp(prefix="gplan-bench-iso-"))
    if base.exists() and any(base.iterdir()):
        shutil.rmtree(base)
    t0 = time.perf_counter()
    # Built by a child: peak RSS survives exec, so this process must stay small for the runs.
    subprocess.run([sys.executable, __file__, "--build", str(base), "--valid", str(args.valid)])
    valid, mixed = base / "valid", base / "mixed"
    print(f"built {base} in {time.perf_counter() - t0:.1f} s; {os.cpu_count()} CPUs")
    print(f"load average before the runs: {os.getloadavg()}; best of {args.repeat} runs\n")
    env = dict(os.environ, RUST_BACKTRACE="0")
    header = f"{'folder':<8} {'mode':<10} {'files':>5} {'wall s':>7} {'ms/file':>8} {'×first':>8} {'parent MB':>10} {'workers MB':>11}  outcome"
    print(header)
    print("-" * len(header))
    for folder in (valid, mixed):
        serial_wall = None
        for mode in MODES:
            if mode == "serial" and folder == mixed and not args.serial_hostile:
                print(f"{folder.name:<8} {mode:<10} not run: dies in-process (--serial-hostile)")
                continue
            cmd = [sys.executable, __file__, "--run", mode, str(folder)]
            t = time.perf_counter()
            runs = []
            for _ in range(1 if mode == "serial" and folder == mixed else args.repeat):
                run = subprocess.run(cmd, capture_output=True, text=True, env=env)
                if run.returncode != 0:
                    break
                runs.append(json.loads(run.stdout))
            if run.returncode != 0:
                wall = time.perf_counter() - t
                print(
                    f"{folder.name:<8} {mode:<10} {'-':>5} {wall:>7.2f} {'-':>8} {'-':>8} "
                    f"{'-':>10} {'-':>11}  died: exit status {run.returncode} "
                    f"({run.stderr.strip().splitlines()[0][:60] if run.stderr.strip() else ''})"
                )
                continue
            r = min(runs, key=lambda x: float(x["wall"]))
            wall = float(r["wall"])
            serial_wall = serial_wall or wall
            ratio = f"{wall / serial_wall:.2f}" if serial_wall else "-"
            codes = r["codes"]
            outcome = ", ".join(f"{k} {v}" for k, v in sorted(codes.items())) or "all valid"
            print(
                f"{folder.name:<8} {mode:<10} {r['files']:>5} {wall:>7.2f} "
                f"{1000 * wall / r['files']:>8.1f} {ratio:>8} {r['parent_mb']:>10.0f} "
                f"{r['workers_mb']:>11.0f}  {outcome}"
            )
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
