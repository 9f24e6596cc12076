"""docs/ is held to the code: the findings page is what the catalogue makes, and every link of
the README, the Vietnamese guide and docs/ leads somewhere."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import get_args

import pytest

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
    assert sum(code.startswith("roster-") for code in codes) == 10
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


# --- links -------------------------------------------------------------------------------

LINKED = [
    ROOT / "README.md",
    ROOT / "HUONG-DAN.md",
    *sorted((ROOT / "docs").rglob("*.md")),
]
FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
CODE = re.compile(r"`[^`\n]*`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _prose(text: str) -> str:
    """The text without code blocks and code spans, where brackets are not links."""
    return CODE.sub("", FENCE.sub("", text))


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading).strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    seen: dict[str, int] = {}
    anchors = set(re.findall(r"<a (?:id|name)=\"([^\"]+)\"", page.read_text(encoding="utf-8")))
    for line in FENCE.sub("", page.read_text(encoding="utf-8")).splitlines():
        heading = re.match(r"#{1,6} (.+)", line)
        if heading:
            slug = _slug(heading.group(1))
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            anchors.add(slug if n == 0 else f"{slug}-{n}")
    return anchors


def test_the_slugs_are_githubs() -> None:
    assert _slug("`gplan check FILE --explain`: how the sheet was read") == (
        "gplan-check-file---explain-how-the-sheet-was-read"
    )
    assert _slug("The registry of units (danh mục đơn vị)") == (
        "the-registry-of-units-danh-mục-đơn-vị"
    )


@pytest.mark.parametrize("page", LINKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_relative_link_leads_to_a_file_and_its_anchor(page: Path) -> None:
    broken = []
    for target in LINK.findall(_prose(page.read_text(encoding="utf-8"))):
        if re.match(r"[a-z]+:", target):  # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: broken links {broken}"


def test_every_page_of_docs_is_linked_from_its_index() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    linked = set(LINK.findall(index))
    for page in sorted((ROOT / "docs").glob("*.md")):
        if page.name != "README.md":
            assert page.name in linked, f"docs/README.md does not link {page.name}"


def test_the_library_example_runs_as_shown() -> None:
    """docs/development.md's use of `gender_plan_cli.api` from Python prints what it says."""
    import doctest

    page = (ROOT / "docs" / "development.md").read_text(encoding="utf-8")
    block = page.split("<!-- api-example -->", 1)[1].split("<!-- /api-example -->", 1)[0]
    example = block.split("```pycon\n", 1)[1].split("```", 1)[0]
    test = doctest.DocTestParser().get_doctest(example, {}, "api-example", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    runner.run(test)
    assert runner.summarize(verbose=False).failed == 0
