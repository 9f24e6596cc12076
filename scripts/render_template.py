"""Look at the blank form as it prints: `gplan template` → PDF (LibreOffice headless) → PNG pages.

    python scripts/render_template.py                      # pages under template-pages/
    python scripts/render_template.py --lang en --year 2025 --out DIR --dpi 60
    python scripts/render_template.py --docs               # also docs/template.png (page 1)

Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils); a development aid, never run by
the tests or CI. The conversion itself is `render_report.render`, so both scripts print alike.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "scripts")]

from render_report import docs_png, render  # noqa: E402

from gender_plan_cli.render.template import write_template  # noqa: E402

DOCS_PNG = ROOT / "docs" / "template.png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--out", type=Path, default=Path("template-pages"))
    parser.add_argument("--dpi", type=int, default=70)
    parser.add_argument("--docs", action="store_true", help=f"copy page 1 to {DOCS_PNG}")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    workbook = args.out / f"bieu-mau-{args.lang}.xlsx"
    workbook.unlink(missing_ok=True)
    write_template(workbook, args.lang, args.year)
    pages = render(workbook, args.out, args.dpi)
    for page in pages:
        print(page)
    if args.docs and pages:
        pdf = args.out / (workbook.stem + ".pdf")
        docs_png(pdf, DOCS_PNG, "-r", "60", "-f", "1", "-l", "1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
