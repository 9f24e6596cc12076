"""Look at the findings workbook as it prints: `gplan check … -o ket-qua.xlsx` → PDF → PNG pages.

    python scripts/render_findings.py                      # pages under findings-pages/
    python scripts/render_findings.py --lang en --out DIR --dpi 60
    python scripts/render_findings.py --docs               # also docs/check-findings.png

The sample `data/samples/broken/don-vi-loi.xlsx` is checked; page 1 is the list, page 2 the
clerk's sheet with the wrong cells filled (the picture of docs/check.md is its top, cropped).
Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils); a development aid, never run by
the tests or CI.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "scripts")]

from render_report import docs_png, render  # noqa: E402

DOCS_PNG = ROOT / "docs" / "check-findings.png"
SAMPLE = "data/samples/broken/don-vi-loi.xlsx"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--out", type=Path, default=Path("findings-pages"))
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--docs", action="store_true", help=f"crop page 2 into {DOCS_PNG}")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    workbook = (args.out / f"ket-qua-{args.lang}.xlsx").resolve()
    workbook.unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "120"}
    command = [sys.executable, "-m", "gender_plan_cli", "check", SAMPLE, "-o", str(workbook)]
    subprocess.run([*command, "--lang", args.lang], cwd=ROOT, env=env, timeout=300)
    pages = render(workbook, args.out, args.dpi)
    for page in pages:
        print(page)
    if args.docs and len(pages) > 1:
        pdf = args.out / (workbook.stem + ".pdf")
        crop = ["-x", "34", "-y", "50", "-W", "1236", "-H", "280"]
        docs_png(pdf, DOCS_PNG, "-r", "110", "-f", "2", "-l", "2", *crop)
    return 0


if __name__ == "__main__":
    sys.exit(main())
