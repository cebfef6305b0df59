"""SPOT's wait for a back end, per namespace: ``PUT /__admin/settings {"backend_timeout": ...}``
(``mock_portal/control/settings.py``), so a test of a "slow" HETS or FISS waits 50 ms on the
suite's portal instead of ``serve``'s 1 s, and other namespaces keep the portal's wait."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mock_portal.testing.beneficiaries import us_date
from mock_portal.world.config import TIMEOUT_MIN, Settings

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.beneficiaries import Beneficiaries
    from mock_portal.testing.http_flow import HttpUser


def test_a_slow_back_end_is_given_up_on_after_the_namespaces_own_wait(
    http_user: HttpUser, admin: AdminClient, beneficiaries: Beneficiaries
) -> None:
    assert admin.settings()["backend_timeout"] == Settings.backend_timeout  # serve's, until set
    assert admin.settings(backend_timeout=TIMEOUT_MIN)["backend_timeout"] == 0.05
    admin.set_fault("HETS", "slow")
    patient = beneficiaries.draw()
    form = http_user.get("/eligibility")

    answer = http_user.post_form(
        http_user.spot_url + "/eligibility",
        {
            "csrf_token": http_user.csrf_token(form),
            "mbi": patient.mbi,
            "last_name": patient.last_name,
            "first_name": patient.first_name,
            "date_of_birth": us_date(patient.date_of_birth),
            "date_of_service": us_date(patient.a_date_of_service),
        },
    )

    assert answer.status_code == 503
    assert 'data-error-code="SYSTEM_UNAVAILABLE"' in answer.text
    (failure,) = admin.journal("backend.fault")
    assert (failure["failure"], failure["detail"]) == (
        "timeout",
        "HETS did not answer within 0.05 s",
    )
    admin.reset()  # a namespace made afresh waits as long as the portal does again
    assert admin.settings()["backend_timeout"] == Settings.backend_timeout
