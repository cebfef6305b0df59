"""What every SPOT inquiry form (Eligibility, Claim Status) does around its back end.

:func:`screen`, before asking, in the guide's order: the form belongs to this log in and this
release of the page script (else ``STALE_SESSION``), every field is filled and well formed
(``REQUIRED_FIELD``, ``DATA_FORMAT``), and every system the feature needs is up
(``SYSTEM_UNAVAILABLE``). :func:`answer` asks through the gateway (a fault is
``SYSTEM_UNAVAILABLE``) and journals the answer: who asked, the MBI masked, what came back.

Usage::

    screened = screen(request, signed_in, ELIGIBILITY, submitted, form, validate, STALE_FORM)
    if isinstance(screened, Refused): show screened.errors with screened.status
    got = await answer(request, signed_in, ELIGIBILITY, HETS, ask_hets, journal)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, TypeVar

from mock_portal.availability.status import feature_unavailable
from mock_portal.backends.gateway import (
    BackendFailure,
    call,
    journal_failure,
    planned_fault,
)
from mock_portal.errors.catalogue import FormErrors, PortalError, stale_session
from mock_portal.sites import web
from mock_portal.sites.spot.release import stale_release
from mock_portal.sites.spot.session import csrf_ok
from mock_portal.world.pii import mask_mbi

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from starlette.datastructures import FormData
    from starlette.requests import Request

    from mock_portal.availability.features import Feature
    from mock_portal.availability.systems import SystemName
    from mock_portal.sites.spot.session import SignedIn

Form = TypeVar("Form")
Checked = TypeVar("Checked")
Answer = TypeVar("Answer")


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
    if not csrf_ok(signed_in, web.form_text(submitted, "csrf_token")):
        return Refused([stale_session(stale_form)], 400)
    with web.unit_of_work(request) as world:
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


@dataclass(frozen=True)
class Journaled(Generic[Answer]):
    """Where a back end's answer goes in the journal, and what of it is written there."""

    kind: str
    mbi: str
    describe: Callable[[Answer], Mapping[str, object]]


async def answer(
    request: Request,
    signed_in: SignedIn,
    feature: Feature,
    system: SystemName,
    inquiry: Callable[[], Answer],
    journaled: Journaled[Answer],
) -> Answer | Refused:
    """``system``'s answer to ``inquiry``, journaled, or the refusal when it gave none.

    Two units of work around the await: the fault is read before the call, the answer (or the
    failure) journaled after it."""
    with web.unit_of_work(request) as world:
        fault = planned_fault(world, system)
        timeout = world.backend_timeout  # the portal's, or the namespace's own
    try:
        got = await call(system, inquiry, fault, timeout)
    except BackendFailure as failed:
        with web.unit_of_work(request) as world:
            error = journal_failure(world, feature, system, fault, failed)
        return Refused([error], 503)
    with web.unit_of_work(request) as world:
        world.journal.record(
            world.clock.now(),
            journaled.kind,
            user_id=signed_in.user.user_id,
            mbi=mask_mbi(journaled.mbi),
            **journaled.describe(got),
        )
    return got
