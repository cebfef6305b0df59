"""``mock-portal har diagnose FILE.har [--json] [--html PATH]``: which documented error a
capture shows (DESIGN.md, "Reported captures", **Contract**).

It sanitizes the capture in memory first, then runs every rule of ``captures.rules`` over its
entries and merges what they find into one finding per catalogue code, in the order the capture
shows them: the entries that prove it, the evidence (codes, statuses, paths without their query,
sizes), the cause (which mechanism) and the guide's fix. A mechanism rule names the cause; the
generic page rules (the message a page shows) add their entries. ``insufficient`` says what the
capture lacks and how to capture it again.

Exit 0 with a finding, 1 with none (naming the last failed request), 2 when the file cannot be
read or is not a HAR (one line saying why).

Usage::

    diagnosis = diagnose_har(json.load(open("login.har")))
    for finding in diagnosis.findings:
        print(finding.code, finding.entries, finding.cause)
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_portal.captures.rules import RULES, Capture, Hit, Rule, Step
from mock_portal.captures.rules.base import IDM, SPOT

if TYPE_CHECKING:
    import argparse

FOUND = 0
NOTHING_FOUND = 1
UNREADABLE = 2


class Unreadable(Exception):
    """The file cannot be read or is not a HAR; ``str()`` is the one line that says why."""


@dataclass(frozen=True)
class Finding:
    code: str
    entries: list[int]
    evidence: str
    cause: str
    fix: str
    rule: str
    source: str


@dataclass(frozen=True)
class Diagnosis:
    findings: tuple[Finding, ...]
    insufficient: tuple[str, ...]
    capture: Capture
    withheld: bool = False  # the sanitizer refused: nothing quoted from the capture is shown

    @property
    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def last_failed(self) -> Step | None:
        failed = [s for s in self.capture.steps if s.failed and s.site is not None]
        failed = failed or [s for s in self.capture.steps if s.failed]
        return failed[-1] if failed else None

    def as_json(self) -> dict[str, Any]:
        """The contract's shape: ``{"findings": [{code, entries, evidence, cause, fix, ...}],
        "insufficient": [...]}`` (``rule`` and ``source`` are added, never renamed)."""
        return {
            "findings": [asdict(f) for f in self.findings],
            "insufficient": list(self.insufficient),
        }


def _merge(code: str, hits: Sequence[tuple[Rule, Hit]]) -> Finding:
    specific = [(r, h) for r, h in hits if r.specific] or list(hits)
    rule = specific[0][0]
    entries = sorted({i for _, h in hits for i in h.entries})
    evidence = "; ".join(dict.fromkeys(h.evidence for _, h in specific))
    causes = " ".join(dict.fromkeys(h.cause for _, h in specific))
    rules = ", ".join(dict.fromkeys(r.id for r, _ in hits))
    return Finding(code, entries, evidence, causes, rule.fix, rules, rule.source)


def _insufficient(capture: Capture) -> list[str]:
    notes: list[str] = []
    steps = capture.steps
    ours = [s for s in steps if s.site in (SPOT, IDM)]
    if not steps:
        return ["The capture has no requests: record the whole log in with the Network panel "
                "open, Preserve log on, then Save all as HAR."]  # fmt: skip
    if not ours:
        notes.append(
            "No request to SPOT or IDM was captured: open DevTools' Network panel on SPOT's "
            "tab before logging in, with Preserve log on."
        )
        return notes
    gets = [s for s in ours if s.method == "GET" and s.request_headers]
    disabled = [
        s
        for s in gets
        if "no-cache" in s.request_headers.get("cache-control", "")
        and "no-cache" in s.request_headers.get("pragma", "")
    ]
    if gets and len(disabled) == len(gets):
        notes.append(
            '"Disable cache" was on (every request asked for no-cache): errors that come from '
            "the browser's cache cannot show. Capture again with Disable cache off, in a normal "
            "(not private) window."
        )
    if not any(s.has_cookie_data for s in ours) and not any(
        "set-cookie" in s.response_headers for s in ours
    ):
        notes.append(
            "The capture holds no cookies (Chrome's default export leaves them out): cookie "
            "errors cannot be told apart. Export with sensitive data (Chrome: 'Export HAR (with "
            "sensitive data)'), then run `mock-portal har sanitize` before sharing it."
        )
    pages = [s for s in ours if s.is_page and s.status == 200]
    if pages and not any(s.has_body for s in pages):
        notes.append(
            "The capture has no response bodies, so the pages' messages cannot be read: save it "
            "with content (Chrome/Edge/Firefox 'Save all as HAR' keeps them)."
        )
    first = ours[0]
    begins = first.site == SPOT or (first.site == IDM and "/authorize" in first.path)
    if not begins:
        notes.append(
            f"The capture starts half-way (entry {first.index}: {first.where}), so the start of "
            "the log in is missing: turn Preserve log on, open SPOT's page and log in again "
            "from its Log in button."
        )
    return notes


def diagnose_har(har: Mapping[str, Any]) -> Diagnosis:
    """Every finding a (sanitized) capture shows, one per code, in the order they appear."""
    capture = Capture.from_har(har)
    by_code: dict[str, list[tuple[Rule, Hit]]] = {}
    for rule in RULES:
        for hit in rule.match(capture):
            by_code.setdefault(rule.code.value, []).append((rule, hit))
    # A code only generic rules found (a page's message, a bare 5xx) on entries a mechanism
    # already explains is that mechanism's consequence, not a second error: SPOT's 500 after
    # IDM's error redirect is the redirect's.
    explained = {
        i for hits in by_code.values() for rule, hit in hits if rule.specific for i in hit.entries
    }
    kept = {
        code: hits
        for code, hits in by_code.items()
        if any(rule.specific for rule, _ in hits)
        or not {i for _, hit in hits for i in hit.entries} <= explained
    }
    findings = sorted(
        (_merge(code, hits) for code, hits in kept.items()), key=lambda f: f.entries[0]
    )
    return Diagnosis(tuple(findings), tuple(_insufficient(capture)), capture)


def load(path: str | Path) -> dict[str, Any]:
    """A HAR file as a dict (``captures.har.read_har``: checked, lenient about each browser's
    extra fields). Raises ``Unreadable`` (one line) for anything that is not one."""
    from mock_portal.captures.har import NotAHar, read_har

    try:
        return read_har(Path(path))
    except NotAHar as exc:
        raise Unreadable(str(exc)) from None
    except RecursionError:
        raise Unreadable(f"{path}: not a HAR file (nested too deeply)") from None


class Refused(Exception):
    """The sanitizer refused the capture (it could not make it safe): ``str()`` says why."""


def sanitized(har: dict[str, Any]) -> dict[str, Any]:
    """The capture as ``har sanitize`` would write it, in memory. Raises ``Refused`` when the
    sanitizer fails closed."""
    from mock_portal.captures.sanitize import SanitizeRefused, sanitize

    try:
        return sanitize(har).har
    except SanitizeRefused as exc:
        raise Refused(str(exc)) from None


WITHHELD = (
    "withheld: the sanitizer refused this capture ({reason}), so nothing read from it is "
    "printed; the code, entries and fix come from the unsanitized capture in memory"
)


def diagnose_file(path: str | Path) -> Diagnosis:
    """Read, sanitize in memory, diagnose. When the sanitizer refuses, the capture is diagnosed
    as it is, in memory, and each finding's evidence and cause (the only fields quoting it) are
    withheld: a secret can never reach the output."""
    har = load(path)
    try:
        return diagnose_har(sanitized(har))
    except Refused as exc:
        raw = diagnose_har(har)
        note = WITHHELD.format(reason=exc)
        findings = tuple(replace(f, evidence=note, cause=note) for f in raw.findings)
        return Diagnosis(findings, (*raw.insufficient, note), raw.capture, withheld=True)


def describe(diagnosis: Diagnosis) -> str:
    """The text a help desk reads (no secret, no PHI: the capture was sanitized first, and the
    evidence names only codes, statuses, paths and sizes)."""
    lines: list[str] = []
    for number, finding in enumerate(diagnosis.findings, 1):
        lines += [
            f"{number}. {finding.code}  (entries {', '.join(map(str, finding.entries))}; "
            f"rule {finding.rule})",
            f"   evidence: {finding.evidence}",
            f"   cause:    {finding.cause}",
            f"   fix:      {finding.fix}",
        ]
    if not diagnosis.findings:
        last = diagnosis.last_failed()
        lines.append("No documented error found in this capture.")
        if last is not None:
            said = f"{last.status}" if last.status else f"no answer ({last.error or 'status 0'})"
            where = f"{last.method} {last.site}" if diagnosis.withheld else last.where
            lines.append(f"The last failed request: entry {last.index}: {where} -> {said}")
        else:
            lines.append("No request in it failed.")
    for note in diagnosis.insufficient:
        lines.append(f"insufficient: {note}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """The ``har diagnose`` sub-command."""
    try:
        diagnosis = diagnose_file(args.file)
    except Unreadable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return UNREADABLE
    if args.json:
        print(json.dumps(diagnosis.as_json(), indent=2))
    else:
        print(describe(diagnosis))
    if getattr(args, "html", None):
        from mock_portal.captures.report_html import write_report

        try:
            write_report(diagnosis, Path(args.html), title=Path(args.file).name)
        except OSError as exc:  # a folder, a missing folder, no permission: one line, no trace
            print(f"error: --html {args.html}: cannot be written ({exc.strerror})", file=sys.stderr)
            return UNREADABLE
        print(f"report: {Path(args.html).resolve()}", file=sys.stderr)
    return FOUND if diagnosis.findings else NOTHING_FOUND


def add_parser(commands: Any) -> None:
    """``har diagnose`` under the ``har`` sub-command's parsers."""
    parser = commands.add_parser(
        "diagnose",
        help="name the documented errors a HAR capture shows (sanitized in memory first)",
        description="Sanitize the capture in memory, then name each documented error it shows, "
        "with the entries that prove it, the cause and the guide's fix. Exit 0: a finding; "
        "1: none (the last failed request is named); 2: not a readable HAR.",
    )
    parser.add_argument("file", help="the HAR file (Chrome, Edge, Firefox, Safari, Playwright)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--html", metavar="PATH", help="also write a one-page HTML report")
    parser.set_defaults(run=run)
