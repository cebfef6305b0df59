"""Rules for errors the browser's cache or cookies cause (all ``STALE_SESSION``, DESIGN.md):
a saved page that sends an OIDC ``state`` already spent, a SPOT page or script served from the
cache just before SPOT refused a request, ASP.NET Core's "Correlation failed".

Cache marks are read in each browser's dialect (rules/base.py). A replayed ``state`` needs no
cache mark at all: it is the same value twice, and the sanitizer keeps equal values equal, so
it survives sanitizing and "Disable cache" alike.

Sources: the guide ("you may encounter an error message if you have not cleared your internet
browser's cache between logins to either the IDM or SPOT websites"); RFC 6749 section 10.12
(``state`` binds one authorization request); dotnet/aspnetcore#24870 ("Correlation failed."
when the correlation cookie is gone); docs/cache-errors.md for the mechanisms the mock builds.
"""

from __future__ import annotations

from collections.abc import Sequence

from mock_portal.captures.rules.base import IDM, SPOT, Capture, Hit, Step


def _authorizes(capture: Capture) -> list[Step]:
    return [s for s in capture.on(IDM) if "/authorize" in s.path and s.query.get("state")]


def _callbacks(capture: Capture) -> list[Step]:
    return [
        s
        for s in capture.steps
        if s.site == SPOT and s.query.get("state") and ("code" in s.query or "error" in s.query)
    ]


def replayed_state(capture: Capture) -> Sequence[Hit]:
    hits = []
    callbacks = _callbacks(capture)
    seen: dict[str, Step] = {}
    for step in _authorizes(capture):
        state = step.query["state"]
        first = seen.setdefault(state, step)
        if first is step:
            continue
        spent = [c for c in callbacks if c.query.get("state") == state and c.index < step.index]
        if not spent:
            continue
        cached = [
            s for s in capture.steps if s.from_cache and s.site == SPOT and s.index < step.index
        ]
        source = (
            f"SPOT's page {cached[-1].path} came from the browser's cache (entry "
            f"{cached[-1].index}, {cached[-1].from_cache}) and its Log in link"
            if cached
            else "A page saved from the earlier log in"
        )
        entries = sorted(
            {first.index, spent[-1].index, step.index, *(c.index for c in cached[-1:])}
        )
        hits.append(
            Hit(
                tuple(entries),
                f"entries {first.index} and {step.index}: two log ins at IDM's /authorize with "
                f"the same state; SPOT already took that state's answer at entry {spent[-1].index}",
                f"{source} sent the state of an earlier, finished log in; SPOT refuses an answer "
                "it has already used.",
            )
        )
    return hits


def cached_then_refused(capture: Capture) -> Sequence[Hit]:
    hits = []
    for step in capture.on(SPOT):
        if step.status != 400 or "Request Header Or Cookie Too Large" in step.text:
            continue
        cached = [
            s
            for s in capture.on(SPOT)
            if s.from_cache and s.index < step.index and (s.is_page or s.path.endswith(".js"))
        ]
        if cached:
            last = cached[-1]
            hits.append(
                Hit(
                    (last.index, step.index),
                    f"entry {last.index}: {last.path} from the browser's cache "
                    f"({last.from_cache}); entry {step.index}: {step.where} answered 400",
                    f"SPOT's {last.path} came from the cache, saved from an earlier log in or "
                    "release, and SPOT refused what it sent.",
                )
            )
    return hits


def correlation_failed(capture: Capture) -> Sequence[Hit]:
    return [
        Hit(
            (step.index,),
            f'entry {step.index}: {step.where} answered {step.status} "Correlation failed"',
            "SPOT's correlation cookie for this log in was gone (cleared, expired or never "
            "sent) when IDM sent the browser back.",
        )
        for step in capture.on(SPOT)
        if step.failed and "Correlation failed" in step.text
    ]
