"""SPOT's Eligibility page: the inquiry form, and HETS's answer.

On submit: the checks every inquiry form makes (:mod:`.inquiry`: the CSRF token
and page script, required fields, then formats, see :mod:`mock_portal.sites.spot.eligibility_form`,
then whether SPOT and HETS are up), then HETS through :mod:`mock_portal.backends.gateway`, which
turns a technical fault into SYSTEM_UNAVAILABLE. A rejection shows the guide's generic
data-matching message and nothing about the beneficiary; its AAA reason goes to the journal, with
the MBI masked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.availability.features import ELIGIBILITY
from mock_portal.availability.systems import SystemName
from mock_portal.backends.hets import Rejected
from mock_portal.errors.catalogue import PortalError, data_mismatch
from mock_portal.sites import web
from mock_portal.sites.spot.eligibility_form import FIELDS, EligibilityForm, validate
from mock_portal.sites.spot.inquiry import Journaled, Refused, answer, screen
from mock_portal.sites.spot.session import SignedIn, page_context, requires_sign_in

if TYPE_CHECKING:
    from datetime import date

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.backends.hets import Answer, Eligible

JOURNAL_KIND = "hets.eligibility"
STALE_FORM = "This eligibility form was saved by your browser before your current log in."


def us_date(day: date) -> str:
    # Not strftime("%m/%d/%Y"): the same text, and a result page formats up to seven dates.
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def _page(
    request: Request,
    signed_in: SignedIn,
    form: EligibilityForm,
    *,
    errors: list[PortalError] | None = None,
    result: Eligible | None = None,
    status: int = 200,
) -> Response:
    return web.render(
        request,
        "spot/eligibility.html",
        {
            **page_context(signed_in),
            "fields": FIELDS,
            "values": form.values(),
            "errors": errors or [],
            "result": result,
            "us_date": us_date,
        },
        status=status,
    )


@requires_sign_in
async def form_page(request: Request, signed_in: SignedIn) -> Response:
    return _page(request, signed_in, EligibilityForm())


@requires_sign_in
async def inquire(request: Request, signed_in: SignedIn) -> Response:
    ctx = web.services(request)
    submitted = await web.read_form(request)
    form = EligibilityForm.from_form(submitted)
    screened = screen(request, signed_in, ELIGIBILITY, submitted, form, validate, STALE_FORM)
    if isinstance(screened, Refused):
        return _page(request, signed_in, form, errors=screened.errors, status=screened.status)
    checked = screened.inquiry
    got = await answer(
        request,
        signed_in,
        ELIGIBILITY,
        SystemName.HETS,
        lambda: ctx.hets.inquire(checked, screened.today),
        Journaled(JOURNAL_KIND, checked.mbi, _journal_fields),
    )
    if isinstance(got, Refused):
        return _page(request, signed_in, form, errors=got.errors, status=got.status)
    if isinstance(got, Rejected):
        return _page(request, signed_in, form, errors=[data_mismatch()], status=422)
    return _page(request, signed_in, form, result=got)


def _journal_fields(answer: Answer) -> dict[str, str | None]:
    if isinstance(answer, Rejected):
        return {
            "result": "rejected",
            "aaa": answer.reason.value,
            "reason": answer.reason.description,
        }
    return {"result": "eligible", "aaa": None, "reason": None}
