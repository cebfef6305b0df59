"""No beneficiary's PII in any log line or journal entry.

A portal with its access log on serves a session of eligibility lookups of beneficiaries drawn
from its population (right, wrong date of birth, wrong name, lower-case Medicare ID) and a
careless client that puts them in a query string. Every log record of the process (uvicorn's
access and error logs, httpx's, the mock's own) and every journal entry is searched for each
beneficiary's MBI, date of birth (ISO, MM/DD/YYYY, and without separators) and full name.
"""

from __future__ import annotations

import json
import logging
import traceback
from typing import TYPE_CHECKING

import pytest

from mock_portal.cli.server import Server
from mock_portal.sites.access_log import hide_query_values
from mock_portal.testing.admin_client import AdminClient
from mock_portal.testing.beneficiaries import Beneficiaries, Patient, us_date
from mock_portal.testing.http_flow import HttpUser
from mock_portal.testing.plugin import PortalHandle
from mock_portal.world.config import Settings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from faker import Faker

LOOKUPS = 6
PORTAL_THREAD = "mock-portal"  # Server.start_in_thread's


@pytest.fixture(scope="module")
def logged_portal() -> Iterator[PortalHandle]:
    portal = Server(Settings(spot_port=0, idm_port=0, demo_users=False, access_log=True))
    portal.start_in_thread()
    try:
        yield PortalHandle(portal.urls.spot, portal.urls.idm, portal.admin_token)
    finally:
        portal.stop()


def _entries(patient: Patient) -> list[dict[str, str]]:
    right = {
        "mbi": patient.mbi,
        "last_name": patient.last_name,
        "first_name": patient.first_name,
        "date_of_birth": us_date(patient.date_of_birth),
        "date_of_service": us_date(patient.a_date_of_service),
    }
    born = patient.date_of_birth
    return [
        right,
        {**right, "date_of_birth": us_date(born.replace(year=born.year - 1))},
        {**right, "first_name": patient.first_name + "x"},
        {**right, "mbi": patient.mbi.lower()},
    ]


def _secrets(patient: Patient) -> set[str]:
    born = patient.date_of_birth
    return {
        patient.mbi,
        patient.mbi.lower(),
        born.isoformat(),
        us_date(born),
        born.strftime("%m%d%Y"),
        born.strftime("%Y%m%d"),
        f"{patient.first_name} {patient.last_name}",
        f"{patient.last_name}, {patient.first_name}",
        f"{patient.last_name.upper()}, {patient.first_name.upper()}",
    }


def _text(record: logging.LogRecord) -> str:
    text = record.getMessage()
    if record.exc_info:
        text += "".join(traceback.format_exception(*record.exc_info))
    return text


def test_no_log_line_or_journal_entry_holds_a_beneficiarys_pii(
    logged_portal: PortalHandle,
    namespace: str,
    fake: Faker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    admin = AdminClient(logged_portal.spot_url, logged_portal.admin_token, namespace)
    try:
        patients = [Beneficiaries(admin, fake).draw() for _ in range(LOOKUPS)]
        user = admin.create_user(spot_access="approved", mfa=False)
        with HttpUser(logged_portal.spot_url, namespace) as browser:
            page = browser.log_in(user["user_id"], user["password"])
            for patient in patients:
                for entry in _entries(patient):
                    page = browser.post_form(
                        logged_portal.spot_url + "/eligibility",
                        {"csrf_token": browser.csrf_token(page), **entry},
                    )
                    assert page.status_code in (200, 422)
                careless = browser.client.get(
                    logged_portal.spot_url + "/eligibility",
                    params={"mbi": patient.mbi, "date_of_birth": us_date(patient.date_of_birth)},
                )
                assert careless.status_code == 200
            browser.log_off(page)
        journal = admin.journal()
    finally:
        admin.drop_namespace()
        admin.close()

    # The portal's records, whatever their logger: this test's own client logs its URLs too.
    lines = [_text(r) for r in caplog.records if r.threadName == PORTAL_THREAD]
    assert any('"POST /eligibility HTTP/1.1" 200' in line for line in lines), "no access log"
    assert any("/oauth2/default/v1/token" in line for line in lines), "no back-channel log"
    assert any('"GET /eligibility?mbi=*&date_of_birth=* HTTP/1.1"' in line for line in lines)
    eligibility = [e for e in journal if e["kind"] == "hets.eligibility"]
    assert len(eligibility) == LOOKUPS * 4
    assert {e["mbi"] for e in eligibility} == {"*******" + p.mbi[-4:] for p in patients}
    searched = lines + [json.dumps(entry, ensure_ascii=False) for entry in journal]
    for patient in patients:
        for secret in _secrets(patient):
            leaks = [line for line in searched if secret in line]
            assert leaks == [], f"{secret!r} of beneficiary {patient.index} is in: {leaks[:3]}"


@pytest.mark.parametrize(
    ("logged", "shown"),
    [
        ("/eligibility?mbi=1EG4TE5MK73&dob=01/02/1950", "/eligibility?mbi=*&dob=*"),
        (
            "/authorization-code/callback?code=abc&state=xyz",
            "/authorization-code/callback?code=*&state=*",
        ),
        ("/home", "/home"),
        ("/x?flag", "/x?flag=*"),
        ("/x?", "/x?"),
    ],
)
def test_the_access_log_keeps_query_names_and_hides_their_values(logged: str, shown: str) -> None:
    assert hide_query_values(logged) == shown
