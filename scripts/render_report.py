"""Look at a report workbook as it prints: xlsx → PDF (LibreOffice headless) → PNG pages.

    python scripts/render_report.py report.xlsx            # pages under report-pages/
    python scripts/render_report.py report.xlsx --out DIR --dpi 60

Needs `soffice` (LibreOffice) and `pdftoppm` (poppler-utils); a development aid, never run by
the tests or CI. LibreOffice prints every sheet, in order, with the workbook's page setup.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def render(workbook: Path, out: Path, dpi: int) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    pdftoppm = shutil.which("pdftoppm")
    if soffice is None or pdftoppm is None:
        raise SystemExit("needs LibreOffice (soffice) and poppler-utils (pdftoppm)")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(workbook),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    pdf = out / (workbook.stem + ".pdf")
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), str(pdf), str(out / workbook.stem)],
        check=True,
        timeout=300,
    )
    return sorted(out.glob(f"{workbook.stem}*.png"))


def docs_png(pdf: Path, png: Path, *pdftoppm: str) -> None:
    """One page of `pdf` (as `pdftoppm`'s options choose it) made into the PNG `png` of docs/."""
    small = pdf.with_name(pdf.stem + "-docs")
    command = ["pdftoppm", "-png", *pdftoppm, "-singlefile", str(pdf), str(small)]
    subprocess.run(command, check=True, timeout=300)
    shutil.copyfile(small.with_suffix(".png"), png)
    print(png)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workbook", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="folder of the PDF and PNGs")
    parser.add_argument("--dpi", type=int, default=70)
    args = parser.parse_args(argv)
    out = args.out or args.workbook.with_name(args.workbook.stem + "-pages")
    for page in render(args.workbook, out, args.dpi):
        print(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
