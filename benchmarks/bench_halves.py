"""Would calamine parsing a large sheet in two halves at once make the read faster? Issue 26's
experiment, kept so it can be run again; gplan does not read this way.

    python benchmarks/bench_halves.py [ROSTER.xlsx] [--repeat 4]

Two reads of the same sheet, each in a process of its own, in turn, `--repeat` rounds:

- `whole`, as gplan reads (a capped worker): calamine parses the sheet in a thread while the
  scan (`XlsxBook.scan`: the sheet inflated under the zip guard, its extent, hidden rows, …)
  runs beside it; then `to_python`;
- `halves`: the sheet inflated whole first, its XML cut at a row boundary near the middle, each
  half written into a stored workbook of its own with the other parts calamine reads, the two
  parsed in two threads while the scan runs over the inflated bytes; then `to_python` of each,
  put together.

Each prints wall and CPU seconds and peak RSS (`resource`), and the halves' rows are checked
equal to the whole's. The roster is `benchmarks/make_roster.py`'s (default: the one
`bench_roster.py` writes). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

ROSTER = Path("/tmp/gplan-bench/roster-200000-2000.xlsx")
_BETWEEN_ROWS = re.compile(rb'</row>\s*(?=<row r="[1-9][0-9]*"(?:[^<>]*[^/<>])?>)')


def whole(path: Path) -> list[list[Any]]:
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS
    from gender_plan_cli.reading.xlsx import XlsxBook

    book = XlsxBook(path, DEFAULT_LIMITS)
    sheet = book.sheets[0]
    parsed: list[Any] = []
    thread = threading.Thread(
        target=lambda: parsed.append(book.calamine().get_sheet_by_name(sheet.name))
    )
    thread.start()
    book.scan(sheet)
    thread.join()
    rows: list[list[Any]] = parsed[0].to_python(skip_empty_area=False)
    return rows


def halves(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    from gender_plan_cli.reading import xlsx_scan
    from gender_plan_cli.reading.limits import DEFAULT_LIMITS
    from gender_plan_cli.reading.xlsx import XlsxBook

    book = XlsxBook(path, DEFAULT_LIMITS)
    sheet = book.sheets[0]
    with zipfile.ZipFile(path) as zf:
        data = zf.read(sheet.member)
        others = {n: zf.read(n) for n in zf.namelist() if n != sheet.member}
    begin = data.index(b"<sheetData>") + len(b"<sheetData>")
    end = data.rindex(b"</sheetData>")
    cut_at = _BETWEEN_ROWS.search(data, (begin + end) // 2, end)
    assert cut_at is not None, "no row boundary to cut at"
    cut = cut_at.end()
    parsed: list[Any] = [None, None]

    def parse(i: int, lo: int, hi: int) -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as out:
            for name, part in others.items():
                out.writestr(name, part)
            with out.open(sheet.member, "w") as part_out:
                for piece in (data[:begin], data[lo:hi], data[end:]):
                    part_out.write(piece)
        buf.seek(0)
        parsed[i] = CalamineWorkbook.from_filelike(buf).get_sheet_by_name(sheet.name)

    threads = [
        threading.Thread(target=parse, args=(0, begin, cut)),
        threading.Thread(target=parse, args=(1, cut, end)),
    ]
    for t in threads:
        t.start()
    step = 4 << 20
    chunks = (data[i : i + step] for i in range(0, len(data), step))
    xlsx_scan.scan_stream(chunks, xlsx_scan.SheetScan(), sheet.name, DEFAULT_LIMITS, None, False)
    for t in threads:
        t.join()
    top = parsed[0].to_python(skip_empty_area=False)
    bottom = parsed[1].to_python(skip_empty_area=True)
    assert parsed[1].start == (len(top), 0), "the halves do not meet"
    return top + bottom


def one(mode: str, path: Path) -> None:
    """Run one read in this process and print `wall cpu peak_mib rows`."""
    start, cpu = time.perf_counter(), time.process_time()
    rows = (whole if mode == "whole" else halves)(path)
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
    print(f"{wall:.3f} {used:.3f} {peak} {len(rows)} {digest}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roster", nargs="?", type=Path, default=ROSTER)
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--one", choices=("whole", "halves"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(args.one, args.roster)
        return
    seen: dict[str, list[list[str]]] = {"whole": [], "halves": []}
    for i in range(args.repeat):
        for mode in ("whole", "halves"):
            out = subprocess.run(
                [sys.executable, __file__, str(args.roster), "--one", mode],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            seen[mode].append(out)
        w, h = seen["whole"][-1], seen["halves"][-1]
        print(
            f"  round {i + 1}: whole {w[0]} s ({w[1]} CPU, {w[2]} MiB), "
            f"halves {h[0]} s ({h[1]} CPU, {h[2]} MiB)"
        )
    for mode, runs in seen.items():
        wall = statistics.median(float(r[0]) for r in runs)
        cpu = statistics.median(float(r[1]) for r in runs)
        peak = max(int(r[2]) for r in runs)
        print(f"{mode}: wall {wall:.2f} s, CPU {cpu:.2f} s, peak {peak} MiB (medians)")
    same = {tuple(r[3:]) for r in seen["whole"] + seen["halves"]}
    print(f"the same rows both ways: {len(same) == 1}")


if __name__ == "__main__":
    main()
