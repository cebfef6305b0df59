"""The traceability gate: every catalogue code needs a scenario, every page a code can appear on
and every field rule a passing browser scenario (docs/coverage.md), and no scenario may name a
code the catalogue does not have or a page the code cannot appear on. Run on small generated
suites with pytester."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from fixtures.ci_reports import main as ci_reports_main
from fixtures.error_coverage import Scenario, build_report, coverage_doc, declared_scenarios
from fixtures.error_coverage import main as coverage_main
from mock_portal.errors import surfaces
from mock_portal.errors.catalogue import CATALOGUE

ROOT = Path(__file__).resolve().parents[2]

INI = """
[pytest]
testpaths = scenarios
markers =
    covers(*codes): codes
"""


# The generated scenarios are browser scenarios: they use a ``page`` fixture (a stand-in for
# pytest-playwright's).
CONFTEST = """
import pytest

@pytest.fixture
def page():
    return None
"""


def _markers(code: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """A ``covers`` marker for each page ``code`` can appear on, with its field rules there
    (the declared gaps and ``skip`` left out); a bare one for a code with no page."""
    if not surfaces.pages_of(code):
        return [f'@pytest.mark.covers("{code}")']
    left_out = surfaces.NO_BROWSER_SCENARIO_YET | skip
    markers = []
    for page in surfaces.pages_of(code):
        if f"{code} {page}" in left_out:
            continue
        fields = tuple(
            name
            for name in surfaces.field_rules_on(code, page)
            if f"{code} {page} {name}" not in left_out
        )
        markers.append(f'@pytest.mark.covers("{code}", page="{page}", fields={fields!r})')
    return markers


def _covering(code: str, nodeid: str) -> Scenario:
    """A passing browser scenario showing ``code`` on every page and field rule (gaps aside)."""
    pages = [f"{code} {page}" for page in surfaces.pages_of(code)]
    fields = [rule.key() for rule in surfaces.FIELD_RULES if rule.code == code]
    return Scenario(
        nodeid,
        [code],
        pages=[key for key in pages if not _gap(key)],
        fields=[key for key in fields if not _gap(key)],
    )


def _gap(key: str) -> bool:
    return key in surfaces.NO_BROWSER_SCENARIO_YET


def _suite(
    pytester: pytest.Pytester, codes: list[str], extra: str = "", skip: frozenset[str] = frozenset()
) -> None:
    pytester.makeini(INI)
    lines = ["import pytest", ""]
    for index, code in enumerate(codes):
        lines += [*_markers(code, skip), f"def test_{index}(page):", "    pass", ""]
    pytester.mkdir("scenarios")
    (pytester.path / "scenarios" / "conftest.py").write_text(CONFTEST)
    (pytester.path / "scenarios" / "test_all.py").write_text("\n".join(lines) + extra)


@pytest.fixture(autouse=True)
def _only_the_plugins_the_gate_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated suites run with the gate's plugin and pytest-split's (CI's shards) alone:
    each inner run otherwise set up every installed plugin again (Hypothesis, Faker,
    schemathesis, pytest-html's report, pytest-rerunfailures' socket server, ...), most of
    these tests' CPU (issue 20); none of them takes part in what is checked here. Without
    pytest-playwright either: its soft-assertion scope cannot nest."""
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    # In-process (the autouse fixture above says which plugins load).
    return pytester.runpytest("-p", "fixtures.error_coverage", "-p", "pytest_split.plugin", *args)


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


def test_listing_the_whole_suite_runs_nothing_so_is_not_gated(pytester: pytest.Pytester) -> None:
    _suite(pytester, ["SIGN_IN_FAILED"])
    _run(pytester, "-k", "test_0")  # a report from a run that ran something
    before = (pytester.path / "reports" / "error-coverage.json").read_text()

    result = _run(pytester, "--collect-only", "-q")

    assert result.ret == 0
    assert "FAILED" not in result.stdout.str()
    assert (pytester.path / "reports" / "error-coverage.json").read_text() == before


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
        # Each code's scenario shows it on every page it can appear on, with every field rule.
        data = build_report([_covering(code, f"{name}::{code}") for code in codes])
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


def test_a_whole_run_fails_naming_each_page_and_field_rule_without_a_browser_scenario(
    pytester: pytest.Pytester,
) -> None:
    missing = frozenset(
        {"SYSTEM_UNAVAILABLE spot/claim-status", "DATA_FORMAT spot/eligibility mbi"}
    )
    _suite(pytester, [code.value for code in CATALOGUE], skip=missing)

    result = _run(pytester)

    assert result.ret == 1
    result.stdout.fnmatch_lines(
        [
            "*FAILED: no passing browser scenario shows SYSTEM_UNAVAILABLE on spot/claim-status*",
            "*FAILED: no passing browser scenario checks field rule DATA_FORMAT on "
            "spot/eligibility (mbi)*",
        ]
    )
    report = json.loads((pytester.path / "reports" / "error-coverage.json").read_text())
    assert report["uncovered"] == []
    assert report["uncovered_pages"] == ["SYSTEM_UNAVAILABLE spot/claim-status"]
    assert report["uncovered_fields"] == ["DATA_FORMAT spot/eligibility mbi"]
    shown = report["pages"]["DATA_MISMATCH spot/eligibility"]
    assert shown["rendered_by"] == "mock_portal.sites.spot.eligibility"
    assert shown["scenarios"][0]["nodeid"].endswith("::test_3")
    assert (
        report["field_rules"]["DATA_FORMAT spot/eligibility date_of_birth"]["status"] == "covered"
    )


def test_a_failed_browser_scenario_does_not_cover_its_page(pytester: pytest.Pytester) -> None:
    codes = [code.value for code in CATALOGUE]
    _suite(pytester, codes, extra="\n\ndef test_fails():\n    raise AssertionError\n")
    failing = (pytester.path / "scenarios" / "test_all.py").read_text()
    index = codes.index("CLOCK_SKEW")
    failing = failing.replace(
        f"def test_{index}(page):\n    pass", f"def test_{index}(page):\n    raise AssertionError"
    )
    (pytester.path / "scenarios" / "test_all.py").write_text(failing)

    result = _run(pytester)

    assert result.ret == 1
    report = json.loads((pytester.path / "reports" / "error-coverage.json").read_text())
    assert report["uncovered_pages"] == ["CLOCK_SKEW spot/authorization-code/callback"]


def test_a_page_the_code_cannot_appear_on_stops_the_run(pytester: pytest.Pytester) -> None:
    _suite(
        pytester,
        ["SIGN_IN_FAILED"],
        extra='\n@pytest.mark.covers("CLOCK_SKEW", page="spot/eligibility")\n'
        "def test_elsewhere(page):\n    pass\n"
        '\n@pytest.mark.covers("DATA_FORMAT", page="spot/eligibility", fields=("ptan",))\n'
        "def test_no_such_rule(page):\n    pass\n",
    )
    result = _run(pytester)
    assert result.ret == 4  # usage error
    result.stderr.fnmatch_lines(
        [
            "*test_elsewhere: CLOCK_SKEW cannot appear on 'spot/eligibility'*",
            "*test_no_such_rule: 'ptan' is no field rule of ?'DATA_FORMAT'? on 'spot/eligibility'*",
        ]
    )


def test_a_whole_run_fails_naming_a_browser_scenario_without_its_page(
    pytester: pytest.Pytester,
) -> None:
    _suite(
        pytester,
        [code.value for code in CATALOGUE],
        extra='\n@pytest.mark.covers("CLOCK_SKEW")\ndef test_where(page):\n    pass\n'
        '\n@pytest.mark.covers("CLOCK_SKEW")\ndef test_over_http():\n    pass\n',
    )
    result = _run(pytester)
    assert result.ret == 1
    result.stdout.fnmatch_lines(["*FAILED: *::test_where is a browser scenario whose covers*"])
    report = json.loads((pytester.path / "reports" / "error-coverage.json").read_text())
    assert report["unplaced"] == ["scenarios/test_all.py::test_where"]


def test_a_known_gap_with_a_browser_scenario_must_be_taken_off_the_list(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The list is empty today: declare one real page of a code a gap for this run.
    code, (surface, *_) = next(iter(surfaces.SURFACES.items()))
    page = surface.page
    gap = f"{code} {page}"
    monkeypatch.setattr(surfaces, "NO_BROWSER_SCENARIO_YET", frozenset({gap}))
    _suite(
        pytester,
        [code.value for code in CATALOGUE],
        extra=f'\n@pytest.mark.covers("{code}", page="{page}")\ndef test_gap(page):\n    pass\n',
    )
    result = _run(pytester)
    assert result.ret == 1
    result.stdout.fnmatch_lines([f"*FAILED: {gap} has a browser scenario now*"])


def test_the_declarations_match_the_catalogue_and_the_forms() -> None:
    from mock_portal.sites.spot import claim_status_form, eligibility_form

    assert set(surfaces.SURFACES) == set(CATALOGUE)
    required = surfaces.REQUIRED_BY_PAGE
    assert required[surfaces.SPOT_ELIGIBILITY] == tuple(f.name for f in eligibility_form.FIELDS)
    assert required[surfaces.SPOT_CLAIM_STATUS] == tuple(f.name for f in claim_status_form.FIELDS)
    declared = {f"{code} {s.page}" for code, listed in surfaces.SURFACES.items() for s in listed}
    declared |= {rule.key() for rule in surfaces.FIELD_RULES}
    assert declared >= surfaces.NO_BROWSER_SCENARIO_YET
    for rule in surfaces.FIELD_RULES:
        assert rule.page in surfaces.pages_of(rule.code), rule
    for listed in surfaces.SURFACES.values():
        for surface in listed:
            assert surface.page.split("/", 1)[0] in surfaces.SITES
            assert importlib.util.find_spec(surface.renderer) is not None, surface


def test_docs_coverage_md_is_generated_from_the_declarations() -> None:
    assert (ROOT / "docs" / "coverage.md").read_text() == coverage_doc(ROOT / "e2e"), (
        "docs/coverage.md is stale: run `python -m fixtures.error_coverage doc`"
    )


def test_the_doc_reads_covers_marks_on_parameter_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "scenarios_doc"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "test_params.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.parametrize('system', [\n"
        "    pytest.param('HETS', marks=pytest.mark.covers("
        "'SYSTEM_UNAVAILABLE', page='spot/eligibility')),\n"
        "    pytest.param('FISS', marks=pytest.mark.covers("
        "'SYSTEM_UNAVAILABLE', page='spot/claim-status')),\n"
        "])\n"
        "def test_down(page, system):\n    pass\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))

    [scenario] = declared_scenarios(folder)

    assert scenario.pages == [
        "SYSTEM_UNAVAILABLE spot/eligibility",
        "SYSTEM_UNAVAILABLE spot/claim-status",
    ]
