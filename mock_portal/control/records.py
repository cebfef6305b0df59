"""What the portal recorded or documents: ``/mail``, ``/journal``, ``/errors``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.errors.catalogue import CATALOGUE
from mock_portal.sites import web

from .models import JournalQuery, MailQuery

if TYPE_CHECKING:
    from starlette.requests import Request

    from .call import Given


async def mail(request: Request, given: Given) -> dict[str, Any]:
    """The outbox, oldest first; ``?to=`` filters (any case)."""
    to = given.of(MailQuery).to
    with web.unit_of_work(request) as world:
        return {"messages": [m.as_json() for m in world.outbox.messages(to)]}


async def journal(request: Request, given: Given) -> dict[str, Any]:
    """Recent sign-ins, refusals and back-end answers (PII masked); ``?kind=`` filters."""
    kind = given.of(JournalQuery).kind
    with web.unit_of_work(request) as world:
        return {"entries": world.journal.entries(kind)}


async def error_catalogue(request: Request, given: Given) -> dict[str, Any]:
    return {
        "errors": [
            {
                "code": entry.code.value,
                "title": entry.title,
                "systems": list(entry.systems),
                "message": entry.message,
                "source": entry.source,
                "quote": entry.quote,
            }
            for entry in CATALOGUE.values()
        ]
    }
