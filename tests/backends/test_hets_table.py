"""docs/hets.md's table stays true: every rule names a source (or says it is the mock's choice)
and a test, and every test it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLE_ROW = re.compile(r"^\| (\d+) \|(.*)\|$")


def _rows() -> list[list[str]]:
    text = (ROOT / "docs" / "hets.md").read_text(encoding="utf-8")
    table = text.split("## The table", 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in found.group(0).strip("|").split("|")]
        for line in table.splitlines()
        if (found := TABLE_ROW.match(line))
    ]


def _defined_tests() -> set[str]:
    names: set[str] = set()
    for folder in ("tests", "e2e"):
        for module in (ROOT / folder).rglob("test_*.py"):
            names.update(re.findall(r"^def (test_\w+)", module.read_text(encoding="utf-8"), re.M))
    return names


def test_every_rule_has_a_source_and_a_test_that_exists() -> None:
    rows = _rows()
    assert [int(row[0]) for row in rows] == list(range(1, len(rows) + 1))
    defined = _defined_tests()
    for number, rule, answer, source, tests in rows:
        assert rule, number
        assert answer, number
        assert source, number
        named = re.findall(r"`(test_\w+)", tests)
        assert named, f"rule {number} names no test"
        assert set(named) <= defined, f"rule {number}: {set(named) - defined} do not exist"
