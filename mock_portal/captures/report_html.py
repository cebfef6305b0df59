"""``har diagnose --html PATH``: one self-contained page a help desk reads at a glance.

The flow between the browser, SPOT and IDM is drawn as a sequence diagram in inline SVG (no
script, no external file or CDN): each request an arrow to its site, each answer an arrow back
with its status, redirects named by where they lead. Only method, path (never the query) and
status are shown, from the sanitized capture. The entries a finding rests on are drawn in red
and numbered as in the capture; beside the diagram, each finding with its evidence, cause and
the guide's fix, and what the capture lacks.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from mock_portal.captures.rules.base import IDM, SPOT, Step

if TYPE_CHECKING:
    from mock_portal.captures.diagnose import Diagnosis

LANES = ("Browser", SPOT, IDM)
LANE_X = {"Browser": 90, SPOT: 400, IDM: 710}
WIDTH = 800
ROW = 46
TOP = 70
# Assets say nothing about a log in; a report of a 100 MB capture stays one page.
_ASSETS = (".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".woff", ".woff2", ".map")
MAX_ROWS = 120

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;
background:#f6f7f9}
header{background:#112e51;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.85}
main{display:flex;gap:24px;padding:20px 24px;align-items:flex-start;flex-wrap:wrap}
.flow{background:#fff;border:1px solid #d6d7d9;border-radius:6px;padding:8px}
.side{flex:1;min-width:320px;max-width:620px;position:sticky;top:12px}
.finding{background:#fff;border-left:6px solid #d83933;border-radius:6px;padding:12px 16px;
margin-bottom:16px;box-shadow:0 1px 2px #0002}
.finding h2{margin:0 0 6px;font-size:18px;color:#b50909}.finding dt{font-weight:600;margin-top:8px}
.finding dd{margin:2px 0 0}.none{border-left-color:#2e8540}.none h2{color:#2e8540}
.lacks{background:#fff8e1;border-left:6px solid #ffbe2e;border-radius:6px;padding:10px 16px}
code{background:#eef;padding:0 3px;border-radius:3px}
"""


def _label(step: Step, withheld: bool) -> str:
    return f"{step.index}. {step.method}" + ("" if withheld else f" {step.path}")


def _answer(step: Step, withheld: bool) -> str:
    if step.status == 0:
        return "no answer" + ("" if withheld else f" ({step.error or 'status 0'})")
    if step.redirect and not withheld:
        target = urlsplit(step.redirect)
        return f"{step.status} -> {target.path or '/'}"
    return str(step.status) + (f" ({step.from_cache})" if step.from_cache else "")


def _rows(diagnosis: Diagnosis, marked: set[int]) -> list[Step]:
    steps = [
        s
        for s in diagnosis.capture.steps
        if s.site in (SPOT, IDM) and (s.index in marked or not s.path.lower().endswith(_ASSETS))
    ]
    if len(steps) <= MAX_ROWS:
        return steps
    keep = {s.index for s in steps[-MAX_ROWS // 2 :]} | marked
    return [s for s in steps if s.index in keep][-MAX_ROWS:]


def _arrow(x1: int, x2: int, y: int, text: str, colour: str, dashed: bool) -> str:
    head = -8 if x2 > x1 else 8
    dash = ' stroke-dasharray="5 4"' if dashed else ""
    middle = (x1 + x2) // 2
    return (
        f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{colour}" stroke-width="2"{dash}/>'
        f'<polygon points="{x2},{y} {x2 + head},{y - 5} {x2 + head},{y + 5}" fill="{colour}"/>'
        f'<text x="{middle}" y="{y - 6}" text-anchor="middle" fill="{colour}">'
        f"{escape(text[:60])}</text>"
    )


def sequence_svg(diagnosis: Diagnosis) -> str:
    marked = {i for f in diagnosis.findings for i in f.entries}
    # The failing step is each finding's last entry; its other entries are the evidence before it.
    failing_steps = {f.entries[-1] for f in diagnosis.findings}
    rows = _rows(diagnosis, marked)
    height = TOP + ROW * len(rows) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-label="Sequence of the log in" '
        'font-family="system-ui, sans-serif" font-size="12">'
    ]
    for lane, x in LANE_X.items():
        parts.append(
            f'<rect x="{x - 60}" y="10" width="120" height="32" rx="5" fill="#112e51"/>'
            f'<text x="{x}" y="31" text-anchor="middle" fill="#fff" font-size="14">{lane}</text>'
            f'<line x1="{x}" y1="42" x2="{x}" y2="{height - 10}" stroke="#aeb0b5" '
            'stroke-dasharray="3 3"/>'
        )
    for n, step in enumerate(rows):
        y = TOP + ROW * n
        failing = step.index in failing_steps
        evidence = step.index in marked and not failing
        colour = "#d83933" if failing else "#8a5300" if evidence else "#1b1b1b"
        site_x = LANE_X[step.site or SPOT]
        if failing:
            parts.append(
                f'<rect x="4" y="{y - 20}" width="{WIDTH - 8}" height="{ROW - 4}" rx="4" '
                'fill="#fde0db" data-failing="true"/>'
                f'<text x="10" y="{y + 4}" fill="#d83933" font-weight="bold">FAILS</text>'
            )
        elif evidence:
            parts.append(
                f'<rect x="4" y="{y - 20}" width="{WIDTH - 8}" height="{ROW - 4}" rx="4" '
                'fill="#fff1d2" data-evidence="true"/>'
                f'<text x="10" y="{y + 4}" fill="#8a5300">evidence</text>'
            )
        parts.append(
            _arrow(LANE_X["Browser"], site_x, y, _label(step, diagnosis.withheld), colour, False)
        )
        answer_colour = colour if step.index in marked else "#5b616b"
        parts.append(
            _arrow(
                site_x,
                LANE_X["Browser"],
                y + 18,
                _answer(step, diagnosis.withheld),
                answer_colour,
                dashed=True,
            )
        )
    parts.append("</svg>")
    return "".join(parts)


def _finding_html(finding: object) -> str:
    from mock_portal.captures.diagnose import Finding

    assert isinstance(finding, Finding)
    return (
        f'<section class="finding"><h2>{escape(finding.code)}</h2>'
        f"<p>Entries {escape(', '.join(map(str, finding.entries)))} (rule {escape(finding.rule)})"
        "</p><dl>"
        f"<dt>What the capture shows</dt><dd>{escape(finding.evidence)}</dd>"
        f"<dt>Why</dt><dd>{escape(finding.cause)}</dd>"
        f"<dt>What to do (the guide)</dt><dd>{escape(finding.fix)}</dd>"
        f"<dt>Source</dt><dd>{escape(finding.source)}</dd></dl></section>"
    )


def render(diagnosis: Diagnosis, title: str = "capture") -> str:
    findings = "".join(_finding_html(f) for f in diagnosis.findings)
    if not findings:
        last = diagnosis.last_failed()
        where = f"{last.method} {last.site}" if last and diagnosis.withheld else ""
        said = (
            f"The last failed request: entry {last.index}, {where or last.where}." if last else ""
        )
        findings = (
            '<section class="finding none"><h2>No documented error found</h2>'
            f"<p>{escape(said)}</p></section>"
        )
    lacks = "".join(f"<li>{escape(note)}</li>" for note in diagnosis.insufficient)
    lacks_html = f'<section class="lacks"><h2>The capture lacks</h2><ul>{lacks}</ul></section>'
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Diagnosis of {escape(title)}</title><style>{_STYLE}</style></head><body>"
        f"<header><h1>Diagnosis of {escape(title)}</h1><p>"
        f"{len(diagnosis.findings)} finding(s) in {len(diagnosis.capture.steps)} entries; "
        "sanitized: paths and statuses only, no query, cookie, token or beneficiary data</p>"
        '</header><main><div class="flow">'
        f"{sequence_svg(diagnosis)}</div>"
        f'<div class="side">{findings}{lacks_html if lacks else ""}</div></main></body></html>'
    )


def write_report(diagnosis: Diagnosis, path: Path, title: str = "capture") -> None:
    path.write_text(render(diagnosis, title), encoding="utf-8")
