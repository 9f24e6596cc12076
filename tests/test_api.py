"""The library face: what a front end calls, loaded on first use, returning values."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from builders import simple_form, unit
from gender_plan_cli import api


def test_importing_the_face_loads_no_stage() -> None:
    code = (
        "import sys\n"
        "import gender_plan_cli.api\n"
        "loaded = [m for m in sys.modules if m.startswith('gender_plan_cli.')]\n"
        "print(sorted(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['gender_plan_cli.api']"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'read_return'"):
        api.read_return  # noqa: B018


def test_a_receipt_comes_before_the_signature_line(tmp_path: Path) -> None:
    """The portal's receipt is when the file arrived; a signature line is only a claim."""
    rows = [unit(unit_code="HN01")]
    path = simple_form(tmp_path / "hn01.xlsx", rows)
    receipt = api.Received(date(2025, 12, 20), "portal", 1766188800.0)
    result = api.read_returns([path], receipts={path: receipt})
    got = result.received[str(path)]
    assert (got.day, got.source, got.stamp) == (receipt.day, "portal", receipt.stamp)
    assert [source for _, source in got.others] == ["mtime"]  # the file time rides along
    plain = api.read_returns([path])
    assert plain.received[str(path)].source == "mtime"


def test_evaluate_through_the_face_counts_the_units(tmp_path: Path) -> None:
    rows = [
        unit(unit_code="A", key_leaders_total=2, key_leaders_female=1),
        unit(unit_code="B", key_leaders_total=2, key_leaders_female=0),
    ]
    result = api.read_returns([simple_form(tmp_path / "two.xlsx", rows)])
    report = api.evaluate(result.records, api.load_rules(api.bundled_rules()), 2025)
    key = report.indicator("female_key_leader")
    assert (key.actual, key.rate) == (1, 0.5)


def test_read_returns_reads_only_the_files_its_cache_lacks(tmp_path: Path) -> None:
    path = simple_form(tmp_path / "bao-cao.xlsx", [unit(report_year=2025, staff_female=900)])
    cache: dict[Path, object] = {}
    first = api.read_returns([path], cache=cache, discovered=True)
    assert list(cache) == [path]
    path.unlink()  # gone: only the cache can answer for it
    second = api.read_returns([path], cache=cache, discovered=True)
    assert [f.code for f in second.findings] == [f.code for f in first.findings]
    assert [f.code for f in first.findings] == ["exceeds-total"]
    assert second.files[0].records == first.files[0].records
    assert cache[path].findings[0].code == "exceeds-total"  # the cache's copy left as read
