"""SPOT's one way to ask a back end (HETS, FISS) something.

Every inquiry runs under the front end's time limit (``Settings.backend_timeout``) and with the
technical fault the namespace has set for that system, if any:

- ``slow``: the answer would come, but after the time limit; SPOT stops waiting;
- ``reset``: the connection drops before any answer;
- ``malformed``: the answer is bytes SPOT cannot read (a truncated X12 interchange).

Each becomes ``SYSTEM_UNAVAILABLE`` for the feature ("a technical issue") and a ``backend.fault``
journal entry, never a 500 or a hang. For HETS the entry also carries the AAA code a 271 would
have said it with (``aaa``: 42 for a timeout, 80 for a dropped connection, none for an unreadable
answer; :data:`mock_portal.backends.hets.TROUBLE`). The back ends themselves stay pure functions;
only this module knows how they can fail.

The caller owns the request, so it holds the store's lock, in two units of work (never across
the await)::

    with web.unit_of_work(request) as world:
        fault = planned_fault(world, SystemName.HETS)
    try:
        answer = await call(SystemName.HETS, lambda: hets.inquire(r, today), fault, timeout)
    except BackendFailure as failed:
        with web.unit_of_work(request) as world:
            error = journal_failure(world, ELIGIBILITY, SystemName.HETS, fault, failed)
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, TypeVar

from mock_portal.availability import status as availability
from mock_portal.availability.systems import TECHNICAL_ISSUE, FaultKind, SystemName
from mock_portal.backends.hets import TROUBLE
from mock_portal.errors.catalogue import PortalError, system_unavailable

if TYPE_CHECKING:
    from collections.abc import Callable

    from mock_portal.availability.features import Feature
    from mock_portal.world.store import World

T = TypeVar("T")

JOURNAL_KIND = "backend.fault"
# How much later than SPOT's time limit a slow back end would have answered.
SLOW_BY_SECONDS = 5.0
# Where a garbled answer breaks off: the start of an X12 interchange header, cut short.
GARBLED = b"ISA*00*          *00*          *ZZ*CMS            *ZZ*"


class BackendFailure(Exception):
    """No usable answer: ``failure`` is ``timeout``, ``connection_reset`` or ``unreadable``."""

    def __init__(self, failure: str, detail: str) -> None:
        super().__init__(f"{failure}: {detail}")
        self.failure = failure
        self.detail = detail


async def call(
    system: SystemName, inquiry: Callable[[], T], fault: FaultKind | None, timeout: float
) -> T:
    """``inquiry``'s answer, as ``system`` with ``fault`` would give it within ``timeout``.

    Only a slow back end is waited for (its answer would come after ``timeout``, so SPOT gives
    up at ``timeout``); the others answer, drop or garble at once. The in-process back ends are
    plain functions, so no task and timer are made when there is nothing to wait for: they were
    3 % of an eligibility lookup's CPU under load (py-spy, issue 20)."""
    too_late = f"{system} did not answer within {timeout:g} s"
    if fault is FaultKind.SLOW:
        try:
            await asyncio.wait_for(asyncio.sleep(timeout + SLOW_BY_SECONDS), timeout)
        except TimeoutError:
            raise BackendFailure("timeout", too_late) from None
    try:
        if fault is FaultKind.RESET:
            raise ConnectionResetError(f"{system} closed the connection")
        answer = inquiry()
    except TimeoutError:
        raise BackendFailure("timeout", too_late) from None
    except ConnectionError as exc:
        raise BackendFailure("connection_reset", str(exc)) from None
    if fault is FaultKind.MALFORMED:
        raise BackendFailure("unreadable", f"{system} sent {len(GARBLED)} bytes SPOT cannot parse")
    return answer


def planned_fault(world: World, system: SystemName) -> FaultKind | None:
    """The technical fault the namespace has set for ``system``, read before the call."""
    fault = availability.fault(world, system)
    return fault.kind if fault else None


def journal_failure(
    world: World,
    feature: Feature,
    system: SystemName,
    fault: FaultKind | None,
    failed: BackendFailure,
) -> PortalError:
    """Journal a call that gave no usable answer; the error the page shows for it."""
    trouble = TROUBLE.get(failed.failure)
    extra = {"aaa": trouble.value if trouble else None} if system is SystemName.HETS else {}
    world.journal.record(
        world.clock.now(),
        JOURNAL_KIND,
        system=system.value,
        feature=feature.name,
        fault=fault.value if fault else None,
        failure=failed.failure,
        detail=failed.detail,
        **extra,
    )
    return system_unavailable(feature.name, system.value, TECHNICAL_ISSUE)
