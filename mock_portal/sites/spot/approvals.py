"""SPOT's Access Requests page: an organization's approvers decide its end users' requests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.accounts import access
from mock_portal.accounts.models import SpotAccess
from mock_portal.errors.catalogue import PortalError, not_authorized, stale_session
from mock_portal.sites import web
from mock_portal.sites.spot.release import stale_release
from mock_portal.sites.spot.session import SignedIn, csrf_ok, page_context, requires_sign_in

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from mock_portal.world.store import World

PATH = "/access-requests"
_DECISIONS = {"approve": True, "deny": False}


def _page(
    request: Request,
    world: World,
    signed_in: SignedIn,
    *,
    errors: list[PortalError] | None = None,
    notice: str | None = None,
    status: int = 200,
) -> Response:
    if not (signed_in.user.role and signed_in.user.role.decides_requests):
        return web.render(
            request,
            "spot/access_requests.html",
            {**page_context(signed_in), "errors": [not_authorized()], "pending": None},
            status=403,
        )
    return web.render(
        request,
        "spot/access_requests.html",
        {
            **page_context(signed_in),
            "errors": errors or [],
            "notice": notice,
            "pending": access.pending_for(world, signed_in.user),
        },
        status=status,
    )


def _decided_notice(world: World, signed_in: SignedIn, confirmation: str) -> str | None:
    """The notice for a decision this approver just made (never echoes the query string)."""
    for user in world.users.values():
        made = user.access
        if (
            made is not None
            and made.confirmation_number == confirmation
            and made.decided_by == signed_in.user.user_id
        ):
            verb = "approved" if made.status is SpotAccess.APPROVED else "denied"
            return f"Request {made.confirmation_number} from {user.display_name} {verb}."
    return None


@requires_sign_in
async def access_requests(request: Request, signed_in: SignedIn) -> Response:
    with web.unit_of_work(request) as world:
        decided = request.query_params.get("decided", "")
        notice = _decided_notice(world, signed_in, decided) if decided else None
        return _page(request, world, signed_in, notice=notice)


@requires_sign_in
async def decide(request: Request, signed_in: SignedIn) -> Response:
    form = await web.read_form(request)
    with web.unit_of_work(request) as world:
        if not csrf_ok(signed_in, web.form_text(form, "csrf_token")):
            stale = stale_session("This page was saved before your current log in.")
            return _page(request, world, signed_in, errors=[stale], status=400)
        if not (signed_in.user.role and signed_in.user.role.decides_requests):
            return _page(request, world, signed_in)
        old_script = stale_release(world, form)
        if old_script is not None:
            return _page(request, world, signed_in, errors=[old_script], status=400)
        approve = _DECISIONS.get(web.form_text(form, "decision"))
        if approve is None:
            # Only a page altered or saved from elsewhere sends another decision: answer as a
            # page, with the catalogue's error, as every form does (it was a JSON body).
            odd = stale_session("This decision did not come from the Approve or Deny buttons.")
            return _page(request, world, signed_in, errors=[odd], status=400)
        try:
            requester = access.decide_as_approver(
                world, signed_in.user, web.form_text(form, "user_id"), approve
            )
        except access.AccessError as exc:
            return _page(request, world, signed_in, errors=[stale_session(str(exc))], status=409)
        world.journal.record(
            world.clock.now(),
            "spot.access_decision",
            user_id=requester.user_id,
            decided_by=signed_in.user.user_id,
            decision="approved" if approve else "denied",
        )
        assert requester.access is not None
        confirmation = requester.access.confirmation_number
    return web.redirect(f"{PATH}?decided={confirmation}", 303)
