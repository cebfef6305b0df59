"""``serve``'s log: one line per event, each naming the site it is about.

The two sites are two ``uvicorn.Server`` objects in one process, and uvicorn logs its lifecycle
("Started server process", "Shutting down", ...) per server under one logger name,
``uvicorn.error``: without a site on each line, every such line came out twice, identical, and
an access line did not say whether SPOT or IDM answered it.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar

# Set by the task serving each site (mock_portal/cli/server.py). Tasks copy their context when they
# are made, so uvicorn's lifecycle lines and every request's task (access log, handlers) see
# the site of the server that made them; "-" is outside any site (start-up).
SITE: ContextVar[str] = ContextVar("mock_portal_site", default="-")
FORMAT = "%(asctime)s %(site)s %(name)s %(message)s"


class SiteFilter(logging.Filter):
    """Puts the current site on each record, for FORMAT's ``%(site)s``."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.site = SITE.get()
        return True


def configure() -> None:
    """The ``serve`` process's logging: INFO and up to stderr, each line with its site."""
    handler = logging.StreamHandler()
    # On the handler, not a logger: records of every logger pass through it.
    handler.addFilter(SiteFilter())
    handler.setFormatter(logging.Formatter(FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logging.getLogger("httpx").setLevel(logging.WARNING)  # SPOT's back-channel calls to IDM
