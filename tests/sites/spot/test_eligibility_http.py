"""The population's control API and the eligibility page over plain HTTP: paging, the journal's
masking, and the form's CSRF guard."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import httpx
import pytest

from fixtures.html_contract import HtmlPage
from mock_portal.backends.hets import add_months
from mock_portal.population.records import Case
from mock_portal.testing.admin_client import AdminClient
from mock_portal.testing.beneficiaries import noon_eastern, us_date
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.shared_tls import tls_context
from mock_portal.world.clock import EASTERN
from tests.sites.spot.inquiry_html import (
    ELIGIBILITY_RESULTS,
    expect_eligibility_for,
    expect_no_result,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from mock_portal.testing.beneficiaries import Beneficiaries, Patient
    from mock_portal.testing.plugin import PortalHandle


def test_beneficiaries_page_through_the_seeded_population(admin: AdminClient) -> None:
    first = admin.beneficiaries()
    assert first["offset"] == 0
    assert first["limit"] == 10
    assert first["size"] >= 10
    people = first["beneficiaries"]
    assert [p["index"] for p in people] == list(range(10))
    for person in people:
        assert len(person["mbi"]) == 11
        assert person["first_name"]
        assert person["last_name"]
        assert len(person["date_of_birth"]) == 10  # ISO, YYYY-MM-DD
    assert admin.beneficiaries(offset=5, limit=3)["beneficiaries"] == people[5:8]


def test_the_population_is_the_same_in_every_namespace_and_survives_reset(
    admin: AdminClient, portal: PortalHandle
) -> None:
    before = admin.beneficiaries(offset=40, limit=5)
    admin.reset()
    other = AdminClient(portal.spot_url, portal.admin_token, namespace="someone-else")
    try:
        assert other.beneficiaries(offset=40, limit=5) == before
    finally:
        other.drop_namespace()
        other.close()
    assert admin.beneficiaries(offset=40, limit=5) == before


def test_past_the_end_is_an_empty_page(admin: AdminClient) -> None:
    size = admin.beneficiaries(limit=1)["size"]
    assert admin.beneficiaries(offset=size - 1, limit=5)["beneficiaries"][0]["index"] == size - 1
    assert admin.beneficiaries(offset=size, limit=5)["beneficiaries"] == []


@pytest.fixture
def api(portal: PortalHandle, namespace: str) -> Iterator[httpx.Client]:
    with httpx.Client(
        base_url=portal.spot_url + "/__admin",
        headers={"Authorization": f"Bearer {portal.admin_token}"},
        verify=tls_context(),
    ) as client:
        yield client


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("offset=-1", "offset"),
        ("offset=ten", "offset"),
        ("offset=1e3", "offset"),
        ("offset=\u0663", "offset"),  # an Arabic-Indic digit: int() would take it
        ("offset=" + "9" * 40, "offset"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=2.5", "limit"),
        ("limit=", "limit"),
    ],
)
def test_bad_offset_or_limit_is_a_400_with_a_reason(
    api: httpx.Client, query: str, parameter: str
) -> None:
    answer = api.get("/beneficiaries?" + query)
    assert answer.status_code == 400
    assert answer.json()["error"] == "bad_request"
    assert parameter in answer.json()["reason"]


def _inquire(browser: HttpUser, patient: Patient, **changes: str) -> httpx.Response:
    form = browser.get("/eligibility")
    data = {
        "csrf_token": browser.csrf_token(form),
        "mbi": patient.mbi,
        "last_name": patient.last_name,
        "first_name": patient.first_name,
        "date_of_birth": us_date(patient.date_of_birth),
        "date_of_service": us_date(patient.a_date_of_service),
        **changes,
    }
    return browser.post_form(browser.spot_url + "/eligibility", data)


def test_hets_answers_are_journaled_without_pii(
    http_user: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries
) -> None:
    patient = beneficiaries.draw()
    found = _inquire(http_user, patient)
    refused = _inquire(http_user, patient, first_name=patient.first_name + "x")
    assert found.status_code == 200
    assert patient.first_name in found.text
    assert refused.status_code == 422
    assert 'data-error-code="DATA_MISMATCH"' in refused.text

    entries = admin.journal("hets.eligibility")
    assert [(e["result"], e["aaa"]) for e in entries] == [("eligible", None), ("rejected", "73")]
    assert all(e["mbi"] == "*******" + patient.mbi[-4:] for e in entries)
    written = json.dumps(entries)
    for secret in (patient.mbi, patient.first_name, patient.date_of_birth.isoformat()):
        assert secret not in written


# -- HETS's rules as SPOT shows them (docs/hets.md) --------------------------------------------

DAY = timedelta(days=1)


def _aaa(admin: AdminClient) -> list[str | None]:
    return [entry["aaa"] for entry in admin.journal("hets.eligibility")]


def _mismatch(answer: httpx.Response) -> None:
    """The guide's generic data-matching message alone, and no result."""
    assert answer.status_code == 422, answer.text
    page = HtmlPage(answer.text)
    page.expect_codes("DATA_MISMATCH")
    page.expect_error("DATA_MISMATCH", text="does not match Medicare's records")
    expect_no_result(page, ELIGIBILITY_RESULTS)


def test_a_date_of_service_before_hets_window_is_a_mismatch_journaled_62(
    http_user: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries
) -> None:
    admin.freeze_clock(noon_eastern(date(2026, 3, 2)))
    patient = beneficiaries.draw(lambda p: p.date_of_death is None)

    _mismatch(_inquire(http_user, patient, date_of_service="03/01/2022"))
    assert _inquire(http_user, patient, date_of_service="03/02/2022").status_code == 200
    assert _aaa(admin) == ["62", None]


def test_an_old_mbi_answers_until_the_change_and_never_shows_the_new_one(
    http_user: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries
) -> None:
    patient = beneficiaries.case(Case.REPLACED_MBI)
    old, effective = patient.mbi_change()
    admin.freeze_clock(noon_eastern(effective))

    before = _inquire(http_user, patient, mbi=old, date_of_service=us_date(effective - DAY))
    assert before.status_code == 200, before.text
    expect_eligibility_for(HtmlPage(before.text), patient)
    assert old in before.text
    assert patient.mbi not in before.text  # the new MBI comes from the MBI lookup tool only
    assert "MBI End Date" in before.text
    assert us_date(effective - DAY) in before.text
    _mismatch(_inquire(http_user, patient, mbi=old, date_of_service=us_date(effective)))
    new = _inquire(http_user, patient, date_of_service=us_date(effective))
    assert new.status_code == 200
    assert "MBI End Date" not in new.text
    assert _aaa(admin) == [None, "72", None]


def test_a_death_older_than_the_purge_is_not_found_from_the_day_after(
    http_user: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries
) -> None:
    patient = beneficiaries.case(Case.PURGED_DEATH)
    assert patient.date_of_death is not None
    last_kept = add_months(patient.date_of_death, 27)
    service = us_date(patient.date_of_death - DAY)

    admin.freeze_clock(noon_eastern(last_kept))
    assert _inquire(http_user, patient, date_of_service=service).status_code == 200
    admin.freeze_clock(noon_eastern(last_kept + DAY))
    _mismatch(_inquire(http_user, patient, date_of_service=service))
    assert _aaa(admin) == [None, "75"]


def test_a_former_last_name_is_a_name_mismatch(
    http_user: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries
) -> None:
    patient = beneficiaries.case(Case.NAME_CHANGE)
    changed = date.fromisoformat(patient.record["name_changed"])
    admin.freeze_clock(noon_eastern(changed))
    service = us_date(changed)

    former = patient.record["previous_last_name"]
    _mismatch(_inquire(http_user, patient, last_name=former, date_of_service=service))
    assert _inquire(http_user, patient, date_of_service=service).status_code == 200
    assert _aaa(admin) == ["73", None]


@pytest.mark.parametrize(("fault", "aaa"), [("slow", "42"), ("reset", "80"), ("malformed", None)])
def test_hets_trouble_is_journaled_with_its_aaa_code(
    http_user: HttpUser,
    admin: AdminClient,
    beneficiaries: Beneficiaries,
    fault: str,
    aaa: str | None,
) -> None:
    admin.settings(backend_timeout=0.05)  # a slow HETS costs 50 ms, not SPOT's real 1 s
    admin.set_fault("HETS", fault)

    answer = _inquire(http_user, beneficiaries.draw())

    assert answer.status_code == 503
    assert 'data-error-code="SYSTEM_UNAVAILABLE"' in answer.text
    (failure,) = admin.journal("backend.fault")
    assert (failure["system"], failure["fault"], failure["aaa"]) == ("HETS", fault, aaa)
    assert _aaa(admin) == []  # no 271 came back to journal


# -- SPOT's "today": Eastern for every provider, wherever they are -----------------------------

CENTRAL = ZoneInfo("America/Chicago")  # Florida's western Panhandle (Pensacola)
ATLANTIC = ZoneInfo("America/Puerto_Rico")  # Puerto Rico and the USVI: AST all year


@pytest.mark.parametrize(
    ("local", "typed", "accepted"),
    [
        # Jacksonville: SPOT's today is the provider's.
        (datetime(2026, 3, 1, 23, 59, tzinfo=EASTERN), "03/02/2026", False),
        (datetime(2026, 3, 2, 0, 1, tzinfo=EASTERN), "03/02/2026", True),
        # Pensacola: an hour behind, so Eastern's tomorrow starts at 11 p.m. there.
        (datetime(2026, 3, 1, 22, 59, tzinfo=CENTRAL), "03/02/2026", False),
        (datetime(2026, 3, 1, 23, 59, tzinfo=CENTRAL), "03/02/2026", True),
        (datetime(2026, 3, 2, 0, 1, tzinfo=CENTRAL), "03/02/2026", True),
        # San Juan in winter: an hour ahead, so its first hour of the day is still yesterday.
        (datetime(2026, 3, 1, 23, 59, tzinfo=ATLANTIC), "03/01/2026", True),
        (datetime(2026, 3, 2, 0, 1, tzinfo=ATLANTIC), "03/02/2026", False),
        (datetime(2026, 3, 2, 1, 1, tzinfo=ATLANTIC), "03/02/2026", True),
        # San Juan in summer: AST is EDT, midnight is midnight.
        (datetime(2026, 7, 1, 23, 59, tzinfo=ATLANTIC), "07/02/2026", False),
        (datetime(2026, 7, 2, 0, 1, tzinfo=ATLANTIC), "07/02/2026", True),
    ],
    ids=lambda value: f"{value.tzinfo}-{value:%m%d-%H%M}" if isinstance(value, datetime) else None,
)
def test_todays_date_of_service_follows_eastern_midnight_in_every_zone(
    http_user: HttpUser,
    admin: AdminClient,
    beneficiaries: Beneficiaries,
    local: datetime,
    typed: str,
    accepted: bool,
) -> None:
    admin.freeze_clock(local)
    patient = beneficiaries.draw(lambda p: p.date_of_death is None)

    answer = _inquire(http_user, patient, date_of_service=typed)

    if accepted:
        assert answer.status_code == 200, answer.text
    else:
        assert answer.status_code == 422
        assert 'data-field="date_of_service"' in answer.text
        assert 'data-error-code="DATA_FORMAT"' in answer.text
