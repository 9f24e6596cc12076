"""The deadline's last hour: N units upload their return at the same moment to `gplan serve` on
127.0.0.1. Every upload must be answered with its receipt (201), every file kept, and the status
must count all N; prints the answer times (median, 95th percentile, max; goal: p95 ≤ 3 s) and
the server's peak memory (its own, and the peak of the server with its reader workers).

    python benchmarks/bench_portal.py [--units 40] [--dir /tmp/gplan-bench-portal]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
SRC = str(ROOT / "src")


def gplan(*args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "PYTHONPATH": SRC}
    run = subprocess.run(
        [sys.executable, "-m", "gender_plan_cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        check=True,
    )
    return run.stdout


def registry(n: int, sectors: int = 0) -> str:
    """N units B001…; with `sectors`, each in one of that many sectors (the board's filter)."""
    lines = ["units:"]
    for i in range(1, n + 1):
        lines += [
            f"  - code: B{i:03d}",
            f'    name: "Ban số {i}"',
            '    level: "Sở, ban, ngành"',
            '    unit_type: "Cơ quan quản lý nhà nước"',
        ]
        if sectors:
            lines.append(f'    sector: "Ngành {i % sectors}"')
    return "\n".join(lines) + "\n"


def post(url: str, code: str, path: Path) -> tuple[int, float, dict]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(
        url,
        data=body,
        headers={
            "Authorization": f"Bearer {code}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            status, text = answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        status, text = exc.code, exc.read()
    return status, time.perf_counter() - start, json.loads(text or b"{}")


def tree_rss_kb(pid: int) -> int:
    """RSS of a process and all its descendants, from /proc (Linux)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            # every thread's children: the forkserver is started by a request's thread
            children = [
                c
                for task in Path(f"/proc/{p}/task").iterdir()
                for c in (task / "children").read_text().split()
            ]
        except OSError:
            continue
        todo += [int(c) for c in children]
    return total


def peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=40)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gplan-bench-portal"))
    args = parser.parse_args()
    from builders import simple_form, unit

    year = min(max(date.today().year, 2021), 2030)
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)
    (args.dir / "units.yaml").write_text(registry(args.units), encoding="utf-8")
    store = args.dir / "store"
    gplan(
        "portal", "init", str(store), "--units", str(args.dir / "units.yaml"), "--year", str(year)
    )
    gplan("portal", "codes", str(store), "-o", str(args.dir / "codes.csv"))
    token = gplan(
        "portal", "officer", str(store), "bench", "--password-stdin", stdin="benchmark password\n"
    ).split()[-1]
    codes = {
        r["unit_code"]: r["code"]
        for r in csv.DictReader(
            io.StringIO((args.dir / "codes.csv").read_text(encoding="utf-8-sig"))
        )
    }
    files = {}
    for i in range(1, args.units + 1):
        code = f"B{i:03d}"
        files[code] = simple_form(
            args.dir / f"{code}.xlsx",
            [unit(unit_code=code, unit_name=f"Ban số {i}", report_year=year, sector=None)],
        )

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gender_plan_cli", "serve", str(store), "--port", str(port)],
        env={**os.environ, "PYTHONPATH": SRC},
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        peak_tree = 0
        done = threading.Event()

        def sample() -> None:
            nonlocal peak_tree
            while not done.is_set():
                peak_tree = max(peak_tree, tree_rss_kb(server.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        barrier = threading.Barrier(args.units)
        results: dict[str, tuple[int, float, dict]] = {}

        def one(code: str) -> None:
            barrier.wait()
            results[code] = post(base + "/api/v1/returns", codes[code], files[code])

        start = time.perf_counter()
        threads = [threading.Thread(target=one, args=(c,)) for c in files]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        statuses = sorted({r[0] for r in results.values()})
        times = sorted(r[1] for r in results.values())
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        kept = list((store / "returns" / str(year)).rglob("*.xlsx"))
        same = all(
            any(
                k.read_bytes() == files[c].read_bytes()
                for k in (store / "returns" / str(year) / c).iterdir()
            )
            for c in files
        )
        request = urllib.request.Request(
            f"{base}/api/v1/status?year={year}", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request, timeout=120) as answer:
            status = json.loads(answer.read())
        server_peak = peak_kb(server.pid)
    finally:
        server.terminate()
        server.wait(10)
    receipts = sum(1 for r in results.values() if r[0] == 201 and r[2].get("receipt", {}).get("id"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"
    )
    print(
        f"{args.units} uploads at once: statuses {statuses}, receipts {receipts}, files kept {len(kept)} (byte-identical: {same})"
    )
    print(f"status: on_time {status['counts']['on_time']} of {len(status['units'])}")
    print(
        f"answer time: median {statistics.median(times):.2f} s, p95 {p95:.2f} s, max {times[-1]:.2f} s; "
        f"all answered in {wall:.2f} s"
    )
    print(
        f"server peak memory: {server_peak / 1024:.0f} MiB (process), {peak_tree / 1024:.0f} MiB (with its workers)"
    )
    ok = (
        receipts == args.units
        and len(kept) == args.units
        and same
        and status["counts"]["on_time"] == args.units
    )
    print("goal p95 ≤ 3 s:", "met" if p95 <= 3 else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
