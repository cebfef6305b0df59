"""The traceability gate: every catalogue code needs a scenario, and no scenario may name a code
the catalogue does not have. Run on small generated suites with pytester."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from fixtures.ci_reports import main as ci_reports_main
from fixtures.error_coverage import main as coverage_main
from mock_portal.errors.catalogue import CATALOGUE

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

INI = """
[pytest]
testpaths = scenarios
markers =
    covers(*codes): codes
"""


def _suite(pytester: pytest.Pytester, codes: list[str], extra: str = "") -> None:
    pytester.makeini(INI)
    lines = ["import pytest", ""]
    for index, code in enumerate(codes):
        lines += [f'@pytest.mark.covers("{code}")', f"def test_{index}():", "    pass", ""]
    pytester.mkdir("scenarios")
    (pytester.path / "scenarios" / "test_all.py").write_text("\n".join(lines) + extra)


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    # In-process, without pytest-playwright (its soft-assertion scope cannot nest).
    return pytester.runpytest("-p", "no:playwright", "-p", "fixtures.error_coverage", *args)


def test_a_whole_run_fails_naming_the_code_without_a_scenario(pytester: pytest.Pytester) -> None:
    codes = [code.value for code in CATALOGUE if code.value != "DATA_MISMATCH"]
    _suite(pytester, codes)

    result = _run(pytester)

    assert result.ret == 1
    result.stdout.fnmatch_lines(["*FAILED: no scenario covers DATA_MISMATCH*"])
    report = json.loads((pytester.path / "reports" / "error-coverage.json").read_text())
    assert report["uncovered"] == ["DATA_MISMATCH"]
    assert report["codes"]["SIGN_IN_FAILED"]["scenarios"][0]["outcome"] == "passed"


def test_a_whole_run_with_every_code_covered_passes(pytester: pytest.Pytester) -> None:
    _suite(pytester, [code.value for code in CATALOGUE])
    assert _run(pytester).ret == 0


def test_a_partial_run_reports_but_does_not_fail(pytester: pytest.Pytester) -> None:
    _suite(pytester, ["SIGN_IN_FAILED", "DATA_FORMAT"])
    result = _run(pytester, "-k", "test_0")
    assert result.ret == 0
    result.stdout.fnmatch_lines(["*not gated: part of the suite ran*"])


def test_a_scenario_naming_an_unknown_code_stops_the_run(pytester: pytest.Pytester) -> None:
    _suite(pytester, ["SIGN_IN_FAILED", "LOGIN_BROKEN"])
    result = _run(pytester)
    assert result.ret == 4  # usage error
    result.stderr.fnmatch_lines(["*test_1 names LOGIN_BROKEN*"])


def test_covers_selects_the_scenarios_of_a_code(pytester: pytest.Pytester) -> None:
    _suite(pytester, ["SIGN_IN_FAILED", "DATA_FORMAT", "SIGN_IN_FAILED"])
    result = _run(pytester, "--covers", "sign_in_failed", "-v")
    result.assert_outcomes(passed=2, deselected=1)


def test_shards_split_the_suite_without_overlap(pytester: pytest.Pytester) -> None:
    _suite(pytester, ["SIGN_IN_FAILED"] * 12)
    seen: list[str] = []
    for shard in ("1/3", "2/3", "3/3"):
        result = _run(pytester, "--shard", shard, "--collect-only", "-q")
        seen += [line for line in result.outlines if "::test_" in line]
    assert sorted(seen) == sorted(set(seen))
    assert len(seen) == 12


def test_merged_shard_reports_are_gated_as_one_run(tmp_path: Path) -> None:
    def shard_report(codes: list[str], name: str) -> Path:
        data = {
            "codes": {
                code.value: {
                    "scenarios": [
                        {
                            "nodeid": f"{name}::{code.value}",
                            "outcome": "passed",
                            "retries": 0,
                            "artifacts": {},
                        }
                    ]
                    if code.value in codes
                    else []
                }
                for code in CATALOGUE
            }
        }
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data))
        return path

    everything = [code.value for code in CATALOGUE]
    half = len(everything) // 2
    one = shard_report(everything[:half], "one")
    two = shard_report(everything[half:], "two")
    out = tmp_path / "merged.json"
    assert coverage_main(["merge", str(one), str(two), "--out", str(out)]) == 0
    assert json.loads(out.read_text())["uncovered"] == []
    assert coverage_main(["merge", str(one), "--out", str(out)]) == 1


def test_shard_results_merge_into_one_gated_report(
    pytester: pytest.Pytester, tmp_path: Path
) -> None:
    _suite(pytester, [code.value for code in CATALOGUE])
    for group in ("1", "2"):  # pytest-split's groups, as CI's shards run
        folder = tmp_path / f"shard-{group}"
        result = _run(
            pytester,
            "--splits",
            "2",
            "--group",
            group,
            "--junitxml",
            str(folder / "junit.xml"),
            "--error-coverage-report",
            str(folder / "error-coverage.json"),
        )
        assert result.ret == 0  # a shard alone is not gated
    merged = tmp_path / "merged"

    status = ci_reports_main(
        ["merge", "--out", str(merged), str(tmp_path / "shard-1"), str(tmp_path / "shard-2")]
    )

    assert status == 0
    summary = (merged / "summary.md").read_text()
    assert f"{len(CATALOGUE)} tests: {len(CATALOGUE)} passed, 0 failed" in summary
    junit = (merged / "junit.xml").read_text()
    assert f'tests="{len(CATALOGUE)}"' in junit
    assert json.loads((merged / "error-coverage.json").read_text())["uncovered"] == []
    page = (merged / "report.html").read_text()
    assert page.count('<tr class="passed">') == len(CATALOGUE)
    assert "test_0" in page
