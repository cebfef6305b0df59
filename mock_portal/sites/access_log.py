"""The access log without query values: a URL's query may carry PII (a careless client putting a
Medicare ID or a date of birth in one) or secrets (an authorization code, an ID token hint).
Each value becomes ``*``; the names stay, which is what reading the log needs.

The portal's own forms post PII in bodies, never in URLs; this is the second line of defence.
"""

from __future__ import annotations

import logging

ACCESS_LOGGER = "uvicorn.access"


def hide_query_values(path_with_query: str) -> str:
    """``/eligibility?mbi=1EG4TE5MK73&x=1`` -> ``/eligibility?mbi=*&x=*``."""
    path, question, query = path_with_query.partition("?")
    if not question:
        return path
    names = [part.partition("=")[0] for part in query.split("&") if part]
    return path + "?" + "&".join(f"{name}=*" for name in names)


class HideQueryValues(logging.Filter):
    """For uvicorn's access log records: ``'%s - "%s %s HTTP/%s" %d'`` with the path third."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (*args[:2], hide_query_values(args[2]), *args[3:])
        return True


def install() -> None:
    """Filter the access log (once per process, however many portals it runs)."""
    logger = logging.getLogger(ACCESS_LOGGER)
    if not any(isinstance(f, HideQueryValues) for f in logger.filters):
        logger.addFilter(HideQueryValues())
