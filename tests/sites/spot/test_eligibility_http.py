"""The population's control API and the eligibility page over plain HTTP: paging, the journal's
masking, and the form's CSRF guard."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.testing.admin_client import AdminClient
from mock_portal.testing.beneficiaries import us_date
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.shared_tls import tls_context

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
