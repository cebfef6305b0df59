"""SPOT's Claim Status page: a Part A claim search by Medicare ID and dates of service, answered
by FISS.

On submit: the checks every inquiry form makes (:mod:`.inquiry`, with the form's
own in :mod:`.claim_status_form`), then FISS through the gateway (faults become
SYSTEM_UNAVAILABLE). An MBI FISS does not hold is ``DATA_MISMATCH``, the same generic message
whatever the reason; the reason goes to the journal with the MBI masked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.availability.features import CLAIM_STATUS
from mock_portal.availability.systems import SystemName
from mock_portal.backends.fiss import NotOnFile
from mock_portal.errors.catalogue import PortalError, data_mismatch
from mock_portal.sites import web
from mock_portal.sites.spot.claim_status_form import FIELDS, ClaimStatusForm, validate
from mock_portal.sites.spot.eligibility import us_date
from mock_portal.sites.spot.inquiry import Journaled, Refused, answer, screen
from mock_portal.sites.spot.session import SignedIn, page_context, requires_sign_in

if TYPE_CHECKING:
    from decimal import Decimal

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.backends.fiss import ClaimAnswer, ClaimHistory

PATH = "/claim-status"
JOURNAL_KIND = "fiss.claim_status"
STALE_FORM = "This claim status form was saved by your browser before your current log in."


def money(amount: Decimal) -> str:
    return f"${amount:,.2f}"


def _page(
    request: Request,
    signed_in: SignedIn,
    form: ClaimStatusForm,
    *,
    errors: list[PortalError] | None = None,
    result: ClaimHistory | None = None,
    status: int = 200,
) -> Response:
    return web.render(
        request,
        "spot/claim_status.html",
        {
            **page_context(signed_in),
            "fields": FIELDS,
            "values": form.values(),
            "errors": errors or [],
            "result": result,
            "us_date": us_date,
            "money": money,
        },
        status=status,
    )


@requires_sign_in
async def form_page(request: Request, signed_in: SignedIn) -> Response:
    return _page(request, signed_in, ClaimStatusForm())


@requires_sign_in
async def search(request: Request, signed_in: SignedIn) -> Response:
    ctx = web.services(request)
    submitted = await web.read_form(request)
    form = ClaimStatusForm.from_form(submitted)
    screened = screen(request, signed_in, CLAIM_STATUS, submitted, form, validate, STALE_FORM)
    if isinstance(screened, Refused):
        return _page(request, signed_in, form, errors=screened.errors, status=screened.status)
    checked = screened.inquiry
    got = await answer(
        request,
        signed_in,
        CLAIM_STATUS,
        SystemName.FISS,
        lambda: ctx.fiss.claim_status(checked),
        Journaled(JOURNAL_KIND, checked.mbi, _journal_fields),
    )
    if isinstance(got, Refused):
        return _page(request, signed_in, form, errors=got.errors, status=got.status)
    if isinstance(got, NotOnFile):
        return _page(request, signed_in, form, errors=[data_mismatch("Medicare ID")], status=422)
    return _page(request, signed_in, form, result=got)


def _journal_fields(answer: ClaimAnswer) -> dict[str, str | int | None]:
    if isinstance(answer, NotOnFile):
        return {"result": "not_on_file", "claims": None, "reason": answer.reason}
    return {"result": "found", "claims": len(answer.claims), "reason": None}
