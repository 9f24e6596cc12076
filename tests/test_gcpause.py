"""The collector is paused while reading and evaluating, and left as it was found."""

from __future__ import annotations

import gc
from pathlib import Path

from builders import simple_form, unit
from gender_plan_cli.gcpause import gc_paused
from gender_plan_cli.intake.load import read_file


def test_paused_inside_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with gc_paused():
            raise ValueError("boom")
    except ValueError:
        pass
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # a caller that disabled it keeps it disabled
    finally:
        gc.enable()


def test_reading_a_file_leaves_the_collector_on(tmp_path: Path) -> None:
    read_file(simple_form(tmp_path / "f.xlsx", [unit()]))
    assert gc.isenabled()
