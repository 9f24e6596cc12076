"""The desk's board at a city's size: a registry of N units (600), most of them received, some
with only a broken attempt, the rest missing; the time of `GET /desk/` once the status is read
(the board reads the returns again only when an accepted one came in) and the first time (the
returns read in reader workers), with the number of database queries of each.

    python benchmarks/bench_board.py [--units 600] [--dir /tmp/gplan-bench-board]

In process, as the tests run the desk (Django's test client, the store's SQLite file).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_portal import registry  # noqa: E402

PASSWORD = "benchmark password"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fill(store: Path, folder: Path, units: int, year: int) -> tuple[int, int]:
    """Three units in four received (a tenth of them late), one in twelve only a broken attempt:
    each return a real file kept in the store, its row as the portal records it."""
    from django.utils import timezone

    from builders import simple_form, unit
    from gender_plan_cli.portal import store as st
    from gender_plan_cli.portal.models import Submission

    received = broken = 0
    now = timezone.now()
    for i in range(1, units + 1):
        code = f"B{i:03d}"
        ok = i % 4 != 0
        if not ok and i % 3 != 0:
            continue  # missing
        path = simple_form(
            folder / f"{code}.xlsx",
            [
                unit(
                    unit_code=code,
                    unit_name=f"Ban số {i}",
                    report_year=year,
                    sector=None,
                    staff_female=120 if ok else 900,
                )
            ],
        )
        relative = Path(st.RETURNS) / str(year) / code / st.random_name(".xlsx")
        (store / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, store / relative)
        Submission.objects.create(
            reference=f"HN{year}-{i:08d}",
            unit_code=code,
            year=year,
            received_at=now - timedelta(minutes=units - i),
            sha256="0" * 64,
            size=path.stat().st_size,
            filename=path.name,
            stored=relative.as_posix(),
            accepted=ok,
            late=ok and i % 10 == 0,
            late_reason="Mất điện" if ok and i % 10 == 0 else "",
            errors=0 if ok else 1,
            via="api",
            check_json=json.dumps({"files": []}),
        )
        received += ok
        broken += not ok
    return received, broken


def one_more(store: Path, folder: Path, year: int, units: int) -> None:
    """A missing unit's return comes in (as the portal records it)."""
    from django.db.models import Max

    from gender_plan_cli.portal.models import Submission

    code = f"B{units:03d}"  # a multiple of 4 and not of 3 in the default 600: missing
    last = Submission.objects.aggregate(n=Max("id"))["n"]
    template = Submission.objects.filter(accepted=True).first()
    assert template is not None
    path = store / template.stored
    from builders import simple_form, unit

    new = simple_form(
        folder / f"{code}.xlsx",
        [unit(unit_code=code, unit_name=f"Ban số {units}", report_year=year, sector=None)],
    )
    relative = Path(path.parent.parent.name) / code / "new.xlsx"
    target = store / "returns" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(new, target)
    template.pk = None
    template.reference = f"HN{year}-X{last:07d}"
    template.unit_code = code
    template.stored = f"returns/{relative.as_posix()}"
    template.save()


def timed_get(client, path: str) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        answer = client.get(path)
        took = time.perf_counter() - start
    assert answer.status_code == 200, answer.status_code
    return took, len(queries), len(answer.content)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=600)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/gplan-bench-board"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    (args.dir / "files").mkdir(parents=True)
    (args.dir / "units.yaml").write_text(registry(args.units, sectors=12), encoding="utf-8")
    year = min(max(date.today().year, 2021), 2030)
    store = args.dir / "store"
    from gender_plan_cli.portal import manage

    manage.init(store, args.dir / "units.yaml", year, date.today() + timedelta(days=10))
    manage.officer(store, "bench", PASSWORD)
    received, broken = fill(store, args.dir / "files", args.units, year)
    from django.test import Client

    client = Client()
    client.post("/desk/login", {"username": "bench", "password": PASSWORD})
    cold, cold_queries, size = timed_get(client, "/desk/")
    warm = [timed_get(client, "/desk/") for _ in range(args.repeat)]
    unit_page = [timed_get(client, "/desk/unit/B001/") for _ in range(args.repeat)]
    one_more(store, args.dir / "files", year, args.units)
    after_one, _, _ = timed_get(client, "/desk/")
    print(f"machine: {os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}")
    print(f"units {args.units}: received {received}, only a broken attempt {broken}")
    print(f"GET /desk/ first: {cold:.2f} s, {cold_queries} queries, {size // 1024} KiB")
    times = sorted(t for t, _, _ in warm)
    print(
        f"GET /desk/ after: median {statistics.median(times):.3f} s, max {times[-1]:.3f} s, "
        f"{warm[0][1]} queries"
    )
    print(f"GET /desk/ after one more return: {after_one:.2f} s")
    unit_times = sorted(t for t, _, _ in unit_page)
    print(f"GET /desk/unit/B001/: median {statistics.median(unit_times):.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
