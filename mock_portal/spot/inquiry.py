"""What every SPOT inquiry form (Eligibility, Claim Status) checks before it asks a back end.

In the guide's order: the form belongs to this log in and this release of the page script
(else ``STALE_SESSION``), every field is filled and well formed (``REQUIRED_FIELD``,
``DATA_FORMAT``), and every system the feature needs is up (``SYSTEM_UNAVAILABLE``).

Usage::

    screened = screen(request, signed_in, ELIGIBILITY, submitted, form, validate, STALE_FORM)
    if isinstance(screened, Refused): show screened.errors with screened.status
    else: ask the back end screened.inquiry
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from mock_portal import web
from mock_portal.availability import feature_unavailable
from mock_portal.errors import FormErrors, PortalError, stale_session
from mock_portal.spot.release import stale_release
from mock_portal.spot.session import csrf_ok

if TYPE_CHECKING:
    from collections.abc import Callable

    from starlette.datastructures import FormData
    from starlette.requests import Request

    from mock_portal.features import Feature
    from mock_portal.spot.session import SignedIn

Form = TypeVar("Form")
Checked = TypeVar("Checked")


@dataclass(frozen=True)
class Refused:
    errors: list[PortalError]
    status: int


@dataclass(frozen=True)
class Accepted(Generic[Checked]):
    inquiry: Checked
    today: date


def screen(
    request: Request,
    signed_in: SignedIn,
    feature: Feature,
    submitted: FormData,
    form: Form,
    validate: Callable[[Form, date], Checked | FormErrors],
    stale_form: str,
) -> Accepted[Checked] | Refused:
    """The inquiry ``validate`` makes of ``form`` ("today" being Eastern, by the mock's clock),
    or why the page refuses it."""
    ctx = web.portal(request)
    world = web.world(request)
    if not csrf_ok(signed_in, web.form_text(submitted, "csrf_token")):
        return Refused([stale_session(stale_form)], 400)
    with ctx.store.lock:
        old_script = stale_release(world, submitted)
        today = world.clock.today_eastern()
        down = feature_unavailable(world, feature)
    if old_script is not None:
        return Refused([old_script], 400)
    checked = validate(form, today)
    if isinstance(checked, FormErrors):
        return Refused(checked.items, 422)
    if down is not None:
        return Refused([down], 503)
    return Accepted(checked, today)
