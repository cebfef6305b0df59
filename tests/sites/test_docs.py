"""The documentation keeps up with the code: docs/errors.md lists exactly the catalogue's codes,
and the links between the Markdown pages lead somewhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mock_portal.errors.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]
ERRORS_PAGE = ROOT / "docs" / "errors.md"
# A row of the codes table: its first cell is one code in backquotes.
_TABLE_ROW = re.compile(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|", re.MULTILINE)
# Anything in backquotes shaped like a catalogue code (upper case words joined by underscores).
_CODE_LIKE = re.compile(r"`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`")
# Relative Markdown links: [text](target), not web addresses or anchors within the page.
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _codes_table(text: str) -> list[str]:
    section = text.split("\n## The codes\n", 1)
    assert len(section) == 2, "docs/errors.md has no '## The codes' section"
    table = section[1].split("\n## ", 1)[0]
    return _TABLE_ROW.findall(table)


def test_errors_page_lists_every_catalogue_code_once() -> None:
    listed = _codes_table(ERRORS_PAGE.read_text(encoding="utf-8"))
    catalogue = {code.value for code in CATALOGUE}
    missing = sorted(catalogue - set(listed))
    assert not missing, f"docs/errors.md does not list catalogue codes {missing}"
    twice = sorted({code for code in listed if listed.count(code) > 1})
    assert not twice, f"docs/errors.md lists {twice} more than once"


def test_errors_page_names_no_code_the_catalogue_lacks() -> None:
    named = set(_CODE_LIKE.findall(ERRORS_PAGE.read_text(encoding="utf-8")))
    unknown = sorted(named - {code.value for code in CATALOGUE})
    assert not unknown, (
        f"docs/errors.md names {unknown}, which mock_portal/errors/catalogue.py lacks"
    )


def _pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_lead_to_files(page: Path) -> None:
    broken = []
    for target in _LINK.findall(page.read_text(encoding="utf-8")):
        if "://" in target or target.startswith(("#", "mailto:")):
            continue
        path = target.split("#", 1)[0]
        if path and not (page.parent / path).exists():
            broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)} links to missing files: {broken}"
