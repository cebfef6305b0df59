"""SPOT's Eligibility page: the inquiry form, and HETS's answer.

On submit: the CSRF token, then the form's own checks (required fields, then formats; see
:mod:`mock_portal.spot.eligibility_form`), then whether SPOT and HETS are up, then HETS (through
:mod:`mock_portal.backends.gateway`, which turns a technical fault into SYSTEM_UNAVAILABLE). A
rejection shows the
guide's generic data-matching message and nothing about the beneficiary; its AAA reason goes to the
journal, with the MBI masked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal import web
from mock_portal.availability import feature_unavailable
from mock_portal.backends.gateway import ask
from mock_portal.backends.hets import Rejected
from mock_portal.errors import FormErrors, PortalError, data_mismatch, stale_session
from mock_portal.features import ELIGIBILITY
from mock_portal.pii import mask_mbi
from mock_portal.spot.eligibility_form import FIELDS, EligibilityForm, validate
from mock_portal.spot.release import stale_release
from mock_portal.spot.session import SignedIn, csrf_ok, page_context, requires_sign_in
from mock_portal.systems import SystemName

if TYPE_CHECKING:
    from datetime import date

    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.backends.hets import Answer, Eligible

JOURNAL_KIND = "hets.eligibility"
STALE_FORM = "This eligibility form was saved by your browser before your current log in."


def us_date(day: date) -> str:
    return day.strftime("%m/%d/%Y")


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
    ctx = web.portal(request)
    world = web.world(request)
    submitted = await request.form()
    form = EligibilityForm.from_form(submitted)
    if not csrf_ok(signed_in, web.form_text(submitted, "csrf_token")):
        return _page(request, signed_in, form, errors=[stale_session(STALE_FORM)], status=400)
    with ctx.store.lock:
        old_script = stale_release(world, submitted)
        today = world.clock.today_eastern()
        down = feature_unavailable(world, ELIGIBILITY)
    if old_script is not None:
        return _page(request, signed_in, form, errors=[old_script], status=400)
    checked = validate(form, today)
    if isinstance(checked, FormErrors):
        return _page(request, signed_in, form, errors=checked.items, status=422)
    if down is not None:
        return _page(request, signed_in, form, errors=[down], status=503)
    answer = await ask(
        ctx, world, ELIGIBILITY, SystemName.HETS, lambda: ctx.hets.inquire(checked, today)
    )
    if isinstance(answer, PortalError):
        return _page(request, signed_in, form, errors=[answer], status=503)
    with ctx.store.lock:
        world.journal.record(
            world.clock.now(),
            JOURNAL_KIND,
            user_id=signed_in.user.user_id,
            mbi=mask_mbi(checked.mbi),
            **_journal_fields(answer),
        )
    if isinstance(answer, Rejected):
        return _page(request, signed_in, form, errors=[data_mismatch()], status=422)
    return _page(request, signed_in, form, result=answer)


def _journal_fields(answer: Answer) -> dict[str, str | None]:
    if isinstance(answer, Rejected):
        return {
            "result": "rejected",
            "aaa": answer.reason.value,
            "reason": answer.reason.description,
        }
    return {"result": "eligible", "aaa": None, "reason": None}
