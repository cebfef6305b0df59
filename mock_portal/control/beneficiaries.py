"""The seeded population and what FISS holds for it: ``/beneficiaries``, ``/claims``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mock_portal.sites import web

from .models import BeneficiaryQuery, ClaimsQuery
from .validation import Refusal

if TYPE_CHECKING:
    from starlette.requests import Request

    from .call import Given


async def beneficiaries(request: Request, given: Given) -> dict[str, Any]:
    """A page of the seeded population (the same in every namespace): people to look up."""
    query = given.of(BeneficiaryQuery)
    people = web.services(request).population
    page = range(query.offset, min(query.offset + query.limit, people.size))
    return {
        "seed": people.seed,
        "size": people.size,
        "offset": query.offset,
        "limit": query.limit,
        "beneficiaries": [{"index": i, **people.beneficiary(i).as_json()} for i in page],
    }


async def claims(request: Request, given: Given) -> dict[str, Any]:
    """What FISS holds for one beneficiary, oldest first; 404 when nobody has that MBI."""
    identifier = given.of(ClaimsQuery).mbi
    held = web.services(request).fiss.claims_of(identifier)
    if held is None:
        raise Refusal(404, "not_found", "no beneficiary in the population has this MBI")
    return {"mbi": identifier, "claims": [claim.as_json() for claim in held]}
