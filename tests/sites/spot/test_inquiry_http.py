"""What every SPOT inquiry page (Eligibility, Claim Status) does over plain HTTP before it asks
its back end: refuse a form saved before this log in, and send visitors to sign in."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from mock_portal.testing.admin_client import NAMESPACE_HEADER
from mock_portal.testing.shared_tls import tls_context

if TYPE_CHECKING:
    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.http_flow import HttpUser
    from mock_portal.testing.plugin import PortalHandle

# Each page, and the journal kind its back end's answers are recorded under.
PAGES = {"/eligibility": "hets.eligibility", "/claim-status": "fiss.claim_status"}


@pytest.mark.parametrize("path", PAGES)
def test_a_form_saved_before_this_session_is_stale_and_asks_nothing_of_the_back_end(
    http_user: HttpUser, admin: AdminClient, path: str
) -> None:
    assert http_user.get(path).status_code == 200
    answer = http_user.post_form(
        http_user.spot_url + path, {"csrf_token": "from-an-old-page", "mbi": "1EG4TE5MK73"}
    )
    assert answer.status_code == 400
    assert 'data-error-code="STALE_SESSION"' in answer.text
    assert admin.journal(PAGES[path]) == []


@pytest.mark.parametrize("path", PAGES)
def test_an_inquiry_without_a_session_goes_to_sign_in(
    portal: PortalHandle, portal_namespace: str, path: str
) -> None:
    answer = httpx.post(
        portal.spot_url + path,
        data={"mbi": "1EG4TE5MK73"},
        headers={NAMESPACE_HEADER: portal_namespace, "Origin": portal.spot_url},
        verify=tls_context(),
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/login?next={path}"
