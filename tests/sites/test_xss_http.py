"""No script injection, each payload over plain HTTP: every script payload typed into every field
of IDM's sign-in, its verification code, SPOT's Eligibility and IDM's role request comes back as
the text typed, in a page holding nothing a payload would have made (an ``img`` with ``src=x``,
an ``svg``, an inline ``script``, an ``onerror``/``onload`` handler); stored, an organization's
name and address and an outage message are shown to others as text.

e2e/test_xss.py keeps one payload per form in a browser, where a watch also sees dialogs and the
Content-Security-Policy's reports; the payload table runs here against the same pages, checked
with fixtures/html_contract.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from fixtures.html_contract import SCRIPT_PAYLOADS, HtmlPage
from mock_portal.testing.http_flow import HttpUser
from tests.sites.spot.inquiry_html import ELIGIBILITY_RESULTS, expect_no_result, submit

if TYPE_CHECKING:
    from collections.abc import Iterator

    import httpx

    from mock_portal.testing.admin_client import AdminClient
    from mock_portal.testing.plugin import MakeUser, PortalHandle

ROLE_REQUEST = "/app/roles/request"
APPROVER_FIELDS = ("business_name", "business_address", "npi", "ptan", "tin")


@pytest.fixture
def visitor(portal: PortalHandle, namespace: str, admin: AdminClient) -> Iterator[HttpUser]:
    with HttpUser(portal.spot_url, namespace) as user:
        yield user


def _as_text(answer: httpx.Response) -> HtmlPage:
    """The page, having checked that nothing typed became markup in it."""
    page = HtmlPage(answer.text)
    assert page.injected() == [], [(n.tag, n.attrs) for n in page.injected()]
    return page


@pytest.mark.parametrize("payload", SCRIPT_PAYLOADS)
def test_idm_sign_in_takes_payloads_as_text(visitor: HttpUser, payload: str) -> None:
    answer = visitor.submit_password(visitor.get("/login"), payload, payload)

    assert answer.url.path == "/login/authn"  # the page e2e/test_xss.py's marker names
    page = _as_text(answer)
    page.expect_error("SIGN_IN_FAILED")
    page.expect_values(username=payload)


def test_the_verification_code_takes_payloads_as_text(
    visitor: HttpUser, admin: AdminClient, make_user: MakeUser
) -> None:
    user = make_user(spot_access="approved", mfa=True)
    verify = visitor.follow(
        visitor.submit_password(visitor.get("/login"), user.user_id, user.password)
    )
    for payload in SCRIPT_PAYLOADS:
        admin.unlock(user.user_id)  # five wrong codes would lock the factor (MFA_FACTOR_LOCKED)
        state = HtmlPage(verify.text).named("stateToken")
        verify = visitor.post_form(
            visitor.form_action(verify), {"stateToken": state, "code": payload}
        )

        assert verify.url.path == "/signin/verify"
        page = _as_text(verify)
        page.expect_error("MFA_CODE_INVALID", field="code")


def test_every_eligibility_field_takes_payloads_as_text(http_user: HttpUser) -> None:
    for payload in SCRIPT_PAYLOADS:
        typed = dict.fromkeys(
            ("mbi", "last_name", "first_name", "date_of_birth", "date_of_service"), payload
        )

        answer, page = submit(http_user, "/eligibility", typed)

        _as_text(answer)
        page.expect_error("DATA_FORMAT", field="mbi")
        page.expect_values(**typed)
        expect_no_result(page, ELIGIBILITY_RESULTS)


def _at_idm(user: HttpUser, portal: PortalHandle, path: str) -> httpx.Response:
    return user.get(portal.idm_url + path)


def _request_approver(
    user: HttpUser, portal: PortalHandle, profile: dict[str, str], reason: str
) -> httpx.Response:
    form = _at_idm(user, portal, ROLE_REQUEST)
    fields = {"role": "approver", "line_of_business": "Part A", "reason": reason, **profile}
    return user.post_form(
        portal.idm_url + ROLE_REQUEST, {"csrf_token": user.csrf_token(form), **fields}
    )


@pytest.fixture
def no_role(visitor: HttpUser, make_user: MakeUser) -> HttpUser:
    """A user with no SPOT role yet, signed in to IDM (SPOT answers that they are not assigned)."""
    user = make_user(spot_access="none", mfa=False)
    visitor.log_in(user.user_id, user.password)
    return visitor


def test_the_role_request_takes_payloads_as_text(no_role: HttpUser, portal: PortalHandle) -> None:
    for payload in SCRIPT_PAYLOADS:
        answer = _request_approver(
            no_role, portal, dict.fromkeys(APPROVER_FIELDS, payload), payload
        )

        assert answer.url.path == ROLE_REQUEST
        page = _as_text(answer)
        for field in ("npi", "ptan", "tin"):
            page.expect_error("DATA_FORMAT", field=field)
        page.expect_values(**dict.fromkeys(APPROVER_FIELDS, payload), reason=payload)


def test_an_organization_named_by_payloads_is_shown_to_others_as_text(
    visitor: HttpUser,
    portal: PortalHandle,
    namespace: str,
    admin: AdminClient,
    make_user: MakeUser,
) -> None:
    approver = make_user(spot_access="none", mfa=False)
    visitor.log_in(approver.user_id, approver.password)
    name, address = SCRIPT_PAYLOADS[1], SCRIPT_PAYLOADS[0]
    profile = {
        "business_name": name,
        "business_address": address,
        "npi": "1234567893",
        "ptan": "A1B2C3",
        "tin": "59-1234567",
    }
    submitted = _request_approver(visitor, portal, profile, SCRIPT_PAYLOADS[5])
    assert name in _as_text(submitted).root.text()
    admin.set_access(approver.user_id, "approved")

    end_user = make_user(spot_access="none", mfa=False)
    with HttpUser(portal.spot_url, namespace) as other:
        other.log_in(end_user.user_id, end_user.password)
        options = _as_text(_at_idm(other, portal, ROLE_REQUEST)).control("organization_id")
        assert len([o for o in options.find_all("option") if name in o.text()]) == 1
        assert name in _as_text(other.get("/__mail")).root.text()


@pytest.mark.parametrize("payload", SCRIPT_PAYLOADS)
def test_the_status_page_shows_an_outage_message_as_text(
    visitor: HttpUser, admin: AdminClient, payload: str
) -> None:
    admin.set_system("HETS", available=False, maintenance="unscheduled", message=payload)

    page = _as_text(visitor.get("/system-status"))

    assert payload in page.root.one("tr", {"data-system": "HETS"}).text()
