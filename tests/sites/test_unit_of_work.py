"""Handlers hold the store's lock in units of work that never span an ``await``
(mock_portal/sites/web.py, ``unit_of_work``): while SPOT waits on a back end, another thread
takes the lock at once, and what SPOT does after the wait lands in the namespace."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest

from fixtures.fuzz_targets import FORMS
from mock_portal.availability.systems import Fault, FaultKind, SystemName
from mock_portal.backends.gateway import JOURNAL_KIND
from mock_portal.population.providers.medicare import RECORDS_AS_OF
from mock_portal.world.store import NAMESPACE_HEADER

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date

    import httpx

    from fixtures.inprocess import InProcessServer
    from mock_portal.world.store import Store

# Each inquiry form, the back end it asks, and the back end's method SPOT calls.
INQUIRIES = {"spot-eligibility": ("hets", "inquire"), "spot-claim-status": ("fiss", "claim_status")}
SYSTEMS = {"spot-eligibility": SystemName.HETS, "spot-claim-status": SystemName.FISS}


def _us(day: date) -> str:
    return day.strftime("%m/%d/%Y")


def _fields(inprocess: InProcessServer, form: str) -> dict[str, str]:
    """A well-formed inquiry about a beneficiary of the population (what the back end answers
    does not matter here, only that SPOT asks)."""
    person = inprocess.context.population.beneficiary(0)
    through = _us(person.date_of_death or RECORDS_AS_OF)
    if form == "spot-eligibility":
        return {
            "mbi": person.mbi,
            "last_name": person.last_name,
            "first_name": person.first_name,
            "date_of_birth": _us(person.date_of_birth),
            "date_of_service": through,
        }
    return {"mbi": person.mbi, "dos_from": "01/01/2024", "dos_through": through}


def _inquire(
    inprocess: InProcessServer, form: str, namespace: str, fault: FaultKind | None = None
) -> httpx.Response:
    """Post the form from a fresh namespace, with ``fault`` set for the form's back end."""
    target = next(t for t in FORMS if t.name == form)
    world = inprocess.context.reset_world(namespace)
    with inprocess.context.store.lock:
        seat = target.seat(inprocess, world)
        if fault is not None:
            world.faults[SYSTEMS[form]] = Fault(fault, world.clock.now())
    headers = {
        NAMESPACE_HEADER: namespace,
        "Origin": inprocess.url("spot"),
        "Cookie": "; ".join(f"{k}={v}" for k, v in seat.cookies.items()),
    }
    with inprocess.client("spot") as client:
        return client.post(
            target.path, data={**seat.hidden, **_fields(inprocess, form)}, headers=headers
        )


def _free_for_another_thread(store: Store) -> bool:
    taken: list[bool] = []

    def try_lock() -> None:
        got = store.lock.acquire(blocking=False)
        if got:
            store.lock.release()
        taken.append(got)

    other = threading.Thread(target=try_lock)
    other.start()
    other.join()
    return taken == [True]


@pytest.mark.parametrize("form", INQUIRIES)
def test_the_store_lock_is_free_while_spot_waits_on_its_back_end(
    inprocess: InProcessServer, namespace: str, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    backend_name, method = INQUIRIES[form]
    backend = getattr(inprocess.context, backend_name)
    answer_for: Callable[..., object] = getattr(backend, method)
    free: list[bool] = []

    def probed(*args: object) -> object:
        free.append(_free_for_another_thread(inprocess.context.store))
        return answer_for(*args)

    monkeypatch.setattr(backend, method, probed)
    answer = _inquire(inprocess, form, namespace)

    assert answer.status_code == 200, answer.text[:500]
    assert free == [True]


@pytest.mark.parametrize("form", INQUIRIES)
def test_a_failed_call_is_journaled_after_the_wait(
    inprocess: InProcessServer, namespace: str, form: str
) -> None:
    answer = _inquire(inprocess, form, namespace, FaultKind.RESET)

    assert answer.status_code == 503
    assert 'data-error-code="SYSTEM_UNAVAILABLE"' in answer.text
    with inprocess.context.store.lock:
        failures = inprocess.context.store.world(namespace).journal.entries(JOURNAL_KIND)
    assert [(f["system"], f["failure"]) for f in failures] == [
        (SYSTEMS[form].value, "connection_reset")
    ]
