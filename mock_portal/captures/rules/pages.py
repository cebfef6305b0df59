"""Rules for the messages SPOT's and IDM's pages show: the catalogue's codes as the mock marks
them up (``data-error-code`` in a ``role="alert"`` summary, DESIGN.md's error contract), the
catalogue's own sentences (the guide's messages, so a page of the real SPOT that shows them is
read too), and SPOT's SYSTEM_UNAVAILABLE page, which names the system that is down.

Source: *SPOT UG 12 Troubleshooting* (First Coast, 11/12/2024), quoted per code in
mock_portal/errors/catalogue.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from mock_portal.captures.rules.base import IDM, SPOT, Capture, Hit, Matcher
from mock_portal.errors.catalogue import CATALOGUE, ErrorCode

_UNAVAILABLE = "is temporarily unavailable"
# Bounded on both sides and applied to a window around the words: an unbounded lazy group
# backtracks across a whole page (a 100 MB capture took seconds).
_DOWN = re.compile(
    r"(\w[\w ]{0,60}) is temporarily unavailable: (IDM|HETS|FISS|SPOT) is down for ([^.<]{1,160})"
)


def page_rule(code: ErrorCode) -> Matcher:
    """A matcher for the pages that show ``code``: its ``data-error-code``, or the catalogue's
    sentence for it in a page of SPOT or IDM."""
    sentence = CATALOGUE[code].message

    def match(capture: Capture) -> Sequence[Hit]:
        hits = []
        for step in capture.steps:
            if step.site not in (SPOT, IDM) or not step.is_page:
                continue
            marked = code.value in step.page_codes()
            if not marked and sentence not in step.plain_text:
                continue
            how = f'data-error-code="{code.value}"' if marked else f'"{sentence}"'
            hits.append(
                Hit(
                    (step.index,),
                    f"entry {step.index}: {step.where} ({step.status}) shows {how}",
                    f"{step.site}'s page shows the guide's {code.value} message.",
                )
            )
        return hits

    return match


def system_down_page(capture: Capture) -> Sequence[Hit]:
    hits = []
    for step in capture.on(SPOT):
        at = step.text.find(_UNAVAILABLE)
        if at < 0:
            continue
        text = html.unescape(step.text[max(0, at - 200) : at + 400])
        down = _DOWN.search(text)
        if down:
            feature, system, reason = down.groups()
            hits.append(
                Hit(
                    (step.index,),
                    f"entry {step.index}: {step.where} ({step.status}) says {feature} is "
                    f"unavailable: {system} is down for {reason.strip()}",
                    f"{system} is down ({reason.strip()}), so SPOT's {feature} cannot answer.",
                )
            )
        elif step.is_page and "temporarily unavailable" in text and "system status" in text.lower():
            hits.append(
                Hit(
                    (step.index,),
                    f"entry {step.index}: {step.where} ({step.status}) says a feature is "
                    "temporarily unavailable and links the system status page",
                    "A system SPOT needs is down (the page does not say which).",
                )
            )
    return hits
