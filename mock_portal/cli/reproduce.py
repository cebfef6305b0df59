"""``python -m mock_portal reproduce "<what the provider saw, or a code>"`` or ``FILE.har``.

Matches the text to catalogue entries (an exact code, an exact message or a phrase providers
use, else the closest message), runs the scenarios that cover them with tracing, screenshots and
video on, and prints per scenario its outcome and artifacts. Exit 0 when every matched scenario
reproduced its error, 1 when one did not, 2 when nothing matched (the closest codes suggested),
3 when the scenarios cannot be run from here.

Given a HAR file instead, it diagnoses the capture (``har diagnose``, sanitized in memory) and
runs the scenarios of the codes found, with the same exit codes; ``--write-test PATH`` also
writes one pytest file replaying the capture on the mock (mock_portal/captures/replay.py).
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_portal.errors.catalogue import CATALOGUE, CatalogueEntry, ErrorCode

if TYPE_CHECKING:
    import argparse

FUZZY_THRESHOLD = 0.55
NOTHING_MATCHED = 2
CANNOT_RUN = 3


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s/&]", " ", text.lower())).strip()


@dataclass(frozen=True)
class Match:
    entry: CatalogueEntry
    how: str  # "code", "message", "phrase" or "closest"
    score: float


def _score(text: str, entry: CatalogueEntry) -> float:
    wanted = _normal(text)
    candidates = (entry.message, entry.title, *entry.phrases)
    return max(difflib.SequenceMatcher(None, wanted, _normal(c)).ratio() for c in candidates)


def match(text: str) -> list[Match]:
    """Catalogue entries for what a provider reported, best first; empty when nothing fits."""
    code = text.strip().upper().replace(" ", "_").replace("-", "_")
    if code in CATALOGUE:
        return [Match(CATALOGUE[ErrorCode(code)], "code", 1.0)]
    wanted = _normal(text)
    if not wanted:
        return []
    exact = [
        Match(entry, "message", 1.0)
        for entry in CATALOGUE.values()
        if wanted == _normal(entry.message) or _normal(entry.message) in wanted
    ]
    if exact:
        return exact
    phrases = [
        Match(entry, "phrase", 1.0)
        for entry in CATALOGUE.values()
        if any(_normal(phrase) in wanted for phrase in entry.phrases)
    ]
    if phrases:
        return phrases
    best = max(CATALOGUE.values(), key=lambda entry: _score(text, entry))
    score = _score(text, best)
    return [Match(best, "closest", score)] if score >= FUZZY_THRESHOLD else []


def suggestions(text: str, count: int = 3) -> list[tuple[CatalogueEntry, float]]:
    ranked = sorted(
        ((entry, _score(text, entry)) for entry in CATALOGUE.values()),
        key=lambda pair: pair[1],
        reverse=True,
    )
    return ranked[:count]


def project_root() -> Path | None:
    """The checkout holding the scenarios: from the working directory, or this package's."""
    for start in (Path.cwd(), Path(__file__).resolve().parent.parent):
        for folder in (start, *start.parents):
            if (folder / "e2e").is_dir() and (folder / "conftest.py").is_file():
                return folder
    return None


def _pytest_command(args: argparse.Namespace, codes: list[str], output: Path) -> list[str]:
    options = {
        "-p": "fixtures.error_coverage",  # whatever the checkout's conftest registers
        "--tracing": "on",  # these come after the suite's addopts, so "on" wins over
        "--screenshot": "on",  # their "retain-on-failure"
        "--video": "on",
        "--output": str(output / "artifacts"),
        "--error-coverage-report": str(output / "error-coverage.json"),
        "--junitxml": str(output / "junit.xml"),
        "--html": str(output / "report.html"),
    }
    command = [sys.executable, "-m", "pytest", "e2e", "-q", "-p", "no:cacheprovider"]
    # The scenarios use nothing of schemathesis's pytest plugin (the control API's fuzz tests in
    # tests/ do), and importing it cost each reproduce about 0.6 s of CPU (issue 20). Naming a
    # plugin that is not installed is no error.
    command += ["-p", "no:schemathesis"]
    for option, value in options.items():
        command += [option, value]
    for code in codes:
        command += ["--covers", code]
    if args.headed:
        command.append("--headed")
    if args.portal_url:
        command += ["--portal-url", args.portal_url]
    if args.admin_token:
        command += ["--admin-token", args.admin_token]
    return command


def _print_scenarios(report: dict[str, Any], codes: list[str], root: Path) -> bool:
    reproduced = True
    seen: set[str] = set()
    for code in codes:
        for scenario in report["codes"][code]["scenarios"]:
            if scenario["nodeid"] in seen:
                continue
            seen.add(scenario["nodeid"])
            ok = scenario["outcome"] in ("passed", "flaky")
            reproduced &= ok
            print(
                f"\n{'REPRODUCED' if ok else 'NOT REPRODUCED'} ({scenario['outcome']}): "
                f"{scenario['nodeid']}"
            )
            artifacts = scenario["artifacts"]
            for path in artifacts.get("screenshot", []):
                print(f"  screenshot  {(root / path).resolve()}")
            for path in artifacts.get("video", []):
                print(f"  video       {(root / path).resolve()}")
            for path in artifacts.get("trace", []):
                trace = (root / path).resolve()
                print(f"  trace       {trace}")
                viewer = Path(sys.executable).parent / "playwright"
                print(f"  open it     {viewer} show-trace {trace}")
    return reproduced


def _is_capture(report: str) -> bool:
    return report.lower().endswith(".har") or (Path(report).is_file() and len(report) < 4096)


def _from_capture(args: argparse.Namespace) -> list[str] | int:
    """The codes a HAR file shows (printing the diagnosis), or the exit status to stop with."""
    from mock_portal.captures.diagnose import Unreadable, describe, diagnose_file

    try:
        diagnosis = diagnose_file(args.report)
    except Unreadable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return NOTHING_MATCHED
    print(describe(diagnosis))
    if args.write_test:
        from mock_portal.captures.replay import write_test

        target = Path(args.write_test)
        target.write_text(write_test(diagnosis, Path(args.report).name), encoding="utf-8")
        print(f"Wrote {target.resolve()}: run it with `pytest {target}`")
    if not diagnosis.findings:
        return NOTHING_MATCHED
    return diagnosis.codes


def _from_words(args: argparse.Namespace) -> list[str] | int:
    matches = match(args.report)
    if not matches:
        print(f"Nothing in the error catalogue matches {args.report!r}. Closest:")
        for entry, score in suggestions(args.report):
            print(f"  {entry.code.value:<20} {score:4.0%}  {entry.message}")
        return NOTHING_MATCHED
    for m in matches:
        how = f"closest, {m.score:.0%}" if m.how == "closest" else m.how
        print(f"Matched {m.entry.code.value} ({how}): {m.entry.message}")
    return [m.entry.code.value for m in matches]


def reproduce(args: argparse.Namespace) -> int:
    if getattr(args, "write_test", None) and not _is_capture(args.report):
        print("error: --write-test needs a HAR file to replay", file=sys.stderr)
        return NOTHING_MATCHED
    codes = _from_capture(args) if _is_capture(args.report) else _from_words(args)
    if isinstance(codes, int):
        return codes
    root = project_root()
    if root is None:
        print(
            "error: the e2e scenarios are not here; run from a checkout of the project",
            file=sys.stderr,
        )
        return CANNOT_RUN
    if importlib.util.find_spec("pytest") is None or importlib.util.find_spec("playwright") is None:
        # scripts/serve's .venv has the portal only; the scenarios need the test extra.
        print(
            "error: the scenarios need pytest and Playwright: run `bash scripts/test -k x` once "
            "(it installs them and a browser), or `pip install -e '.[test]'`",
            file=sys.stderr,
        )
        return CANNOT_RUN
    output = Path(args.output).resolve()
    print(f"Running the scenarios for {', '.join(codes)}; artifacts in {output}", flush=True)
    subprocess.run(_pytest_command(args, codes, output), cwd=root, check=False)  # noqa: S603
    report_path = output / "error-coverage.json"
    if not report_path.is_file():
        print("error: the scenarios did not run (see pytest's output above)", file=sys.stderr)
        return CANNOT_RUN
    reproduced = _print_scenarios(json.loads(report_path.read_text()), codes, root)
    print(
        "\nEvery scenario reproduced the error."
        if reproduced
        else "\nSome scenarios did NOT reproduce the error."
    )
    return 0 if reproduced else 1
