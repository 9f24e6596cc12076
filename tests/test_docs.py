"""docs/ is held to the code: the findings page is what the catalogue makes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import get_args

from gender_plan_cli.findings import SEVERITY, CodeId

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FINDINGS = _script("make_findings_doc")


def test_the_findings_page_is_what_the_catalogue_makes() -> None:
    committed = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert committed == FINDINGS.render(), "run: python scripts/make_findings_doc.py"


def test_every_code_is_on_the_findings_page_with_its_severity_and_messages() -> None:
    page = FINDINGS.render()
    codes = get_args(CodeId)
    assert set(codes) == set(SEVERITY)
    assert sum(code.startswith("roster-") for code in codes) == 8
    messages = FINDINGS.messages()
    for code in codes:
        section = page.split(f"\n## `{code}`\n", 1)[1].split("\n## ", 1)[0]
        assert f"**{SEVERITY[code]}" in section, code
        assert f"- `{code}" in section, f"{code}: no message on the page"
        vi, en = messages.get(code) or next(
            pair for key, pair in messages.items() if key.startswith(code + ".")
        )
        assert vi in section and en in section, code
        assert f"| [`{code}`](#{code}) |" in page, f"{code}: not in the table of codes"


def test_every_code_says_when_it_is_given() -> None:
    assert set(FINDINGS.WHEN) == set(SEVERITY), "describe the code in scripts/make_findings_doc.py"
    assert set(FINDINGS.SAMPLES) <= set(SEVERITY)


def test_the_samples_named_on_the_findings_page_exist() -> None:
    for path, _, _ in FINDINGS.SAMPLES.values():
        assert (ROOT / "data" / "samples" / path).is_file(), path
    for ids in FINDINGS.ALSO_SAID.values():
        assert set(ids) <= set(FINDINGS.messages())
